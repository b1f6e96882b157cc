"""What officers and citizens do to a case: status moves, notes, reassignment, the citizen's verdict."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer, load_complaint, load_for_viewer
from core.complaints.filing import add_event
from core.complaints.lifecycle import Actor, Status, check_transition, is_open
from core.complaints.models import Complaint, Department, Feedback
from core.complaints.views import ComplaintView, complaint_view
from core.db import utcnow
from core.errors import InvalidInput, NotFound
from core.notifications.outbox import notify_citizen, notify_officer
from core.routing import service as routing

MAX_NOTE = 2000


def _check_note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"a note may have at most {MAX_NOTE} characters")
    return note.strip()


def _restart_clock(complaint: Complaint) -> None:
    now = utcnow()
    complaint.due_at = now + timedelta(days=complaint.department.sla_days)
    complaint.escalation_due_at = complaint.due_at


def apply_status(session: Session, complaint: Complaint, target: Status, actor: Actor, *, note: str = "",
                 actor_id=None, actor_name=None) -> None:
    """Move the case (lifecycle-checked), record the event and queue the citizen's notification."""
    current = Status(complaint.status)
    check_transition(current, target, actor, note)
    now = utcnow()
    complaint.status, complaint.updated_at = target.value, now
    complaint.is_open = is_open(target)
    if not complaint.is_open:
        complaint.escalation_due_at = None
    if target == Status.RESOLVED:
        complaint.resolved_at = now
        complaint.times_resolved += 1
        routing.record_resolution(session, complaint)
    elif target == Status.REJECTED:
        complaint.reject_reason = note
    elif target == Status.CLOSED:
        complaint.closed_at = now
        complaint.closed_by = "citizen" if actor == Actor.CITIZEN else "silence"
    elif target == Status.REOPENED:
        _restart_clock(complaint)
    add_event(session, complaint, "status_changed", actor, actor_id=actor_id, actor_name=actor_name,
              from_status=current.value, to_status=target.value, note=note, public=True)
    if target == Status.RESOLVED:
        notify_citizen(session, complaint, "notify_resolution_question", note=note)
    elif actor in (Actor.OFFICER, Actor.ADMIN):
        notify_citizen(session, complaint, "notify_status_changed", status=target.value, note=note)


def transition(session: Session, viewer: Viewer, tracking_id: str, target: str, note: str = "") -> ComplaintView:
    complaint = load_for_viewer(session, viewer, tracking_id, lock=True)
    try:
        status = Status(target)
    except ValueError:
        raise InvalidInput(f"unknown status {target!r}; one of {', '.join(s.value for s in Status)}") from None
    apply_status(session, complaint, status, viewer.actor, note=_check_note(note), actor_id=viewer.officer_id,
                 actor_name=viewer.name)
    session.flush()
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def add_internal_note(session: Session, viewer: Viewer, tracking_id: str, note: str) -> ComplaintView:
    complaint = load_for_viewer(session, viewer, tracking_id)
    if not note.strip():
        raise InvalidInput("the note is empty")
    add_event(session, complaint, "internal_note", viewer.actor, actor_id=viewer.officer_id,
              actor_name=viewer.name, note=_check_note(note))
    complaint.updated_at = utcnow()
    session.flush()
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def reassign(session: Session, viewer: Viewer, tracking_id: str, department: str, note: str = "") -> ComplaintView:
    """Send the case to another department under the same tracking ID."""
    complaint = load_for_viewer(session, viewer, tracking_id, lock=True)
    target = session.get(Department, department)
    if target is None:
        raise InvalidInput(f"unknown department {department!r}")
    if target.code == complaint.department_code:
        raise InvalidInput("the complaint is already with that department")
    if not complaint.is_open:
        raise InvalidInput(f"a {complaint.status} complaint cannot be reassigned")
    old = complaint.department_code
    complaint.department, complaint.routed_by = target, "officer"
    complaint.updated_at = utcnow()
    _restart_clock(complaint)
    add_event(session, complaint, "reassigned", viewer.actor, actor_id=viewer.officer_id, actor_name=viewer.name,
              note=_check_note(note), public=True, data={"from": old, "to": target.code})
    routing.record_reassignment(session, complaint, old, target.code, viewer.officer_id, viewer.name)
    notify_citizen(session, complaint, "notify_reassigned", department_en=target.name_en,
                   department_ur=target.name_ur)
    session.flush()
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def _own_resolved_case(session: Session, citizen_id: int, tracking_id: str) -> Complaint:
    complaint = load_complaint(session, tracking_id, lock=True)
    if complaint.citizen_id != citizen_id:
        raise NotFound(complaint.tracking_id)
    return complaint


def citizen_verdict(session: Session, citizen_id: int, tracking_id: str, satisfied: bool,
                    rating: int | None = None, comment: str = "") -> ComplaintView:
    """Yes closes the case; no reopens it one escalation level higher. Raises TransitionError if not resolved."""
    complaint = _own_resolved_case(session, citizen_id, tracking_id)
    if rating is not None and not 1 <= rating <= 5:
        raise InvalidInput("rating must be 1 to 5")
    if satisfied:
        apply_status(session, complaint, Status.CLOSED, Actor.CITIZEN, actor_id=citizen_id)
        complaint.citizen_confirmed_at = utcnow()
    else:
        apply_status(session, complaint, Status.REOPENED, Actor.CITIZEN, actor_id=citizen_id, note=comment)
        complaint.times_rejected_by_citizen += 1
        escalate(session, complaint, reason="citizen not satisfied with the resolution")
    session.add(Feedback(complaint_id=complaint.id, satisfied=satisfied, rating=rating, comment=comment[:MAX_NOTE]))
    session.flush()
    return complaint_view(complaint, show_identity=True)


def rate_resolution(session: Session, citizen_id: int, tracking_id: str, rating: int, comment: str = "") -> None:
    """Add the 1–5 rating to the citizen's latest verdict on this case."""
    if not 1 <= rating <= 5:
        raise InvalidInput("rating must be 1 to 5")
    complaint = _own_resolved_case(session, citizen_id, tracking_id)
    feedback = session.scalar(select(Feedback).where(Feedback.complaint_id == complaint.id)
                              .order_by(Feedback.id.desc()).limit(1))
    if feedback is None:
        raise NotFound(complaint.tracking_id)
    feedback.rating, feedback.comment = rating, (comment or feedback.comment)[:MAX_NOTE]


def escalate(session: Session, complaint: Complaint, reason: str, now: datetime | None = None) -> None:
    """One level up the department's chain: an event and a notification for that officer level.

    ``now`` is the sweep's clock, so the next escalation is due one SLA period after this one.
    """
    chain = complaint.department.escalation_chain or ["Head of department"]
    complaint.escalation_level += 1
    role = chain[min(complaint.escalation_level, len(chain) - 1)]
    at_top = complaint.escalation_level >= len(chain) - 1
    complaint.escalation_due_at = None if at_top or not complaint.is_open else (
        (now or utcnow()) + timedelta(days=complaint.department.sla_days))
    add_event(session, complaint, "escalated", Actor.SYSTEM, note=reason,
              data={"level": complaint.escalation_level, "role": role})
    notify_officer(session, complaint, "notify_escalation", role, level=complaint.escalation_level, reason=reason)
    notify_citizen(session, complaint, "notify_escalated_citizen", level=complaint.escalation_level)
