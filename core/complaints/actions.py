"""What officers and citizens do to a case: status moves, notes, reassignment, the citizen's verdict."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clusters.membership import member_changed, rehome
from core.complaints.access import Viewer, load_complaint, load_for_viewer
from core.complaints.filing import add_event
from core.complaints.lifecycle import Actor, Status, check_transition, is_open
from core.complaints.models import Complaint, Department, Feedback
from core.complaints.views import ComplaintView, complaint_view
from core.db import utcnow
from core.errors import InvalidInput, NotFound
from core.notifications.outbox import notify_citizen, notify_officer
from core.offices.catalog import OfficeInfo, office
from core.offices.service import chain_length, escalation_office, head_office, route, sla_days
from core.routing import service as routing

MAX_NOTE = 2000


def check_note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"a note may have at most {MAX_NOTE} characters")
    return note.strip()


def _sla_days(complaint: Complaint) -> int:
    return sla_days(complaint.office_code, complaint.department.sla_days)


def _restart_clock(complaint: Complaint) -> None:
    now = utcnow()
    complaint.due_at = now + timedelta(days=_sla_days(complaint))
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
    member_changed(session, complaint)
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
    apply_status(session, complaint, status, viewer.actor, note=check_note(note), actor_id=viewer.officer_id,
                 actor_name=viewer.name)
    session.flush()
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def add_internal_note(session: Session, viewer: Viewer, tracking_id: str, note: str) -> ComplaintView:
    complaint = load_for_viewer(session, viewer, tracking_id)
    if not note.strip():
        raise InvalidInput("the note is empty")
    add_event(session, complaint, "internal_note", viewer.actor, actor_id=viewer.officer_id,
              actor_name=viewer.name, note=check_note(note))
    complaint.updated_at = utcnow()
    session.flush()
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def _reassign_target(session: Session, complaint: Complaint, department: str | None,
                     office_code: str | None) -> tuple[Department, OfficeInfo]:
    """An office names its department too; a department alone means its office covering the case's district."""
    named = office(office_code) if office_code else None
    if office_code and named is None:
        raise InvalidInput(f"unknown office {office_code!r}")
    if named is not None:
        if department and department != named.department:
            raise InvalidInput(f"office {office_code} belongs to {named.department}, not {department}")
        department = named.department
    if not department:
        raise InvalidInput("name a department or an office to reassign to")
    target = session.get(Department, department)
    if target is None:
        raise InvalidInput(f"unknown department {department!r}")
    return target, named or route(target.code, complaint.district).office


def reassign(session: Session, viewer: Viewer, tracking_id: str, department: str | None = None, note: str = "", *,
             office: str | None = None) -> ComplaintView:
    """Send the case to another department or office under the same tracking ID; the event records both."""
    complaint = load_for_viewer(session, viewer, tracking_id, lock=True)
    target, target_office = _reassign_target(session, complaint, department, office)
    if (target.code, target_office.code) == (complaint.department_code, complaint.office_code):
        raise InvalidInput("the complaint is already with that department" if not office
                           else "the complaint is already with that office")
    if not complaint.is_open:
        raise InvalidInput(f"a {complaint.status} complaint cannot be reassigned")
    old, old_office = complaint.department_code, complaint.office_code
    complaint.department, complaint.office_code, complaint.routed_by = target, target_office.code, "officer"
    complaint.updated_at = utcnow()
    _restart_clock(complaint)
    rehome(session, complaint)  # a problem of the new department now
    add_event(session, complaint, "reassigned", viewer.actor, actor_id=viewer.officer_id, actor_name=viewer.name,
              note=check_note(note), public=True,
              data={"from": old, "to": target.code, "from_office": old_office, "to_office": target_office.code})
    notify_citizen(session, complaint, "notify_reassigned_office", department_en=target.name_en,
                   department_ur=target.name_ur, office_en=target_office.name_en, office_ur=target_office.name_ur)
    routing.record_reassignment(session, complaint, old, target.code, viewer.officer_id, viewer.name)
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
    """One level up: the office chain (district office -> provincial head -> department head office), and
    the department's escalation_chain of roles for who is told at each level. An event, a notification
    for that office, and the citizen told where their complaint now is. The case stays in its office's
    queue (that office still works it); the offices above see it in their trees.

    ``now`` is the sweep's clock, so the next escalation is due one SLA period after this one.
    """
    chain = complaint.department.escalation_chain or ["Head of department"]
    # A case whose office is gone from data/offices.yml climbs from the head office.
    office_code = (complaint.office_code if complaint.office_code and office(complaint.office_code)
                   else head_office(complaint.department_code).code)
    complaint.escalation_level += 1
    level = complaint.escalation_level
    role = chain[min(level, len(chain) - 1)]
    target = escalation_office(office_code, level)
    at_top = level >= max(len(chain), chain_length(office_code)) - 1
    complaint.escalation_due_at = None if at_top or not complaint.is_open else (
        (now or utcnow()) + timedelta(days=_sla_days(complaint)))
    add_event(session, complaint, "escalated", Actor.SYSTEM, note=reason,
              data={"level": level, "role": role, "office": target.code})
    notify_officer(session, complaint, "notify_escalation", role, office=target.code, level=level, reason=reason)
    notify_citizen(session, complaint, "notify_escalated_to_office", level=level, office_en=target.name_en,
                   office_ur=target.name_ur)
