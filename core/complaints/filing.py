"""Filing a complaint, and what a citizen adds to one afterwards."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.clusters.membership import join_or_start
from core.complaints.lifecycle import Actor, Status
from core.complaints.models import Complaint, ComplaintEvent, Department
from core.complaints.tracking import new_tracking_id
from core.complaints.views import ComplaintView, complaint_view
from core.db import utcnow
from core.errors import InvalidInput, NotFound
from core.offices.service import office_label, route, sla_days
from core.routing import service as routing

log = logging.getLogger("awaaz.filing")
MAX_DESCRIPTION = 4000
ROUTED_BY = ("nlu", "citizen", "officer")


@dataclass(frozen=True)
class NewComplaint:
    department: str
    description: str
    language: str
    channel: str
    citizen_id: int | None = None
    anonymous: bool = False
    location_text: str = ""
    district: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    attachments: tuple[str, ...] = ()
    routed_by: str = "citizen"
    nlu_confidence: float | None = None
    nlu_model: str | None = None  # core.routing.service.nlu_snapshot of the first message's parse
    nlu_intents: tuple | list = ()


def _validate(new: NewComplaint) -> None:
    if not new.description.strip():
        raise InvalidInput("the description is empty")
    if len(new.description) > MAX_DESCRIPTION:
        raise InvalidInput(f"the description is longer than {MAX_DESCRIPTION} characters")
    if new.routed_by not in ROUTED_BY:
        raise InvalidInput(f"routed_by must be one of {', '.join(ROUTED_BY)}")
    if (new.latitude is None) != (new.longitude is None):
        raise InvalidInput("give both latitude and longitude, or neither")
    if new.latitude is not None and new.longitude is not None and not (
            -90 <= new.latitude <= 90 and -180 <= new.longitude <= 180):
        raise InvalidInput("latitude/longitude out of range")


def add_event(session: Session, complaint: Complaint, kind: str, actor: Actor, *, actor_id=None, actor_name=None,
              from_status=None, to_status=None, note: str = "", public: bool = False, data=None) -> ComplaintEvent:
    ev = ComplaintEvent(complaint=complaint, kind=kind, actor_type=actor.value,
                        actor_id=str(actor_id) if actor_id is not None else None, actor_name=actor_name,
                        from_status=from_status, to_status=to_status, note=note, public=public, data=data or {},
                        at=utcnow())
    session.add(ev)
    return ev


def file_complaint(session: Session, new: NewComplaint, now: datetime | None = None) -> ComplaintView:
    """Store the complaint, route it to the office of its department covering its district, start its SLA clock."""
    _validate(new)
    department = session.get(Department, new.department)
    if department is None:
        raise InvalidInput(f"unknown department {new.department!r}")
    placed = route(department.code, new.district)
    now = now or utcnow()
    due = now + timedelta(days=sla_days(placed.office.code, department.sla_days))
    complaint = Complaint(
        tracking_id=new_tracking_id(), department=department, office_code=placed.office.code,
        description=new.description.strip(),
        language=new.language, channel=new.channel, citizen_id=new.citizen_id, anonymous=new.anonymous,
        location_text=new.location_text[:500], district=new.district, latitude=new.latitude,
        longitude=new.longitude, attachments=list(new.attachments), status=Status.FORWARDED.value,
        is_open=True, created_at=now, updated_at=now, due_at=due, escalation_due_at=due,
        routed_by=new.routed_by, nlu_confidence=new.nlu_confidence, nlu_model=new.nlu_model,
        nlu_intents=[list(i) for i in new.nlu_intents] or None,
        nlu_department=routing.nlu_department(session, new.nlu_intents),
    )
    session.add(complaint)
    add_event(session, complaint, "status_changed", Actor.CITIZEN, actor_id=new.citizen_id,
              to_status=Status.SUBMITTED.value, public=True, data={"channel": new.channel})
    add_event(session, complaint, "status_changed", Actor.SYSTEM, from_status=Status.SUBMITTED.value,
              to_status=Status.FORWARDED.value, public=True,
              note=f"Forwarded to {department.name_en}: {office_label(placed.office.code, new.district, 'en')}",
              data={"department": department.code, "office": placed.office.code, "area_known": placed.area_known,
                    "routed_by": new.routed_by, "confidence": new.nlu_confidence})
    session.flush()
    _cluster(session, complaint, now)
    routing.record_filing(session, complaint)
    return complaint_view(complaint, show_identity=True)


def _cluster(session: Session, complaint: Complaint, now: datetime) -> None:
    """Join the open cluster of the same problem, or start one (core/clusters). Grouping is a help to
    officers, never a condition of filing: if it fails, the complaint is filed on its own."""
    try:
        with session.begin_nested():
            cluster, joined = join_or_start(session, complaint, now)
            if joined:
                add_event(session, complaint, "cluster_joined", Actor.SYSTEM,
                          data={"cluster_id": cluster.id, "size": cluster.size})
            session.flush()
    except Exception as exc:  # noqa: BLE001 - logged; the accepted complaint must not be lost over a grouping
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            raise  # the database itself is gone: the caller keeps the message (spool) rather than half a turn
        log.exception("clustering complaint %s failed; filed without a cluster", complaint.tracking_id)


def add_citizen_message(session: Session, citizen_id: int, tracking_id: str, text: str,
                        attachments: tuple[str, ...] = ()) -> ComplaintView:
    """The citizen adds details or photos to their own open complaint (instead of filing it twice)."""
    complaint = session.scalar(
        select(Complaint).where(Complaint.tracking_id == tracking_id, Complaint.citizen_id == citizen_id)
    )
    if complaint is None:
        raise NotFound(tracking_id)
    if len(text) > MAX_DESCRIPTION:
        raise InvalidInput(f"the message is longer than {MAX_DESCRIPTION} characters")
    complaint.attachments = list(complaint.attachments or []) + list(attachments)
    complaint.updated_at = utcnow()
    add_event(session, complaint, "citizen_message", Actor.CITIZEN, actor_id=citizen_id, note=text,
              data={"attachments": list(attachments)})
    session.flush()
    return complaint_view(complaint, show_identity=True)
