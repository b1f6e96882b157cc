"""Plain read-only views of complaints handed to adapters (never ORM objects)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from core.complaints.models import Complaint, ComplaintEvent
from core.db import utcnow
from core.offices.catalog import office as office_info
from core.offices.service import covering_office

MAX_CLUSTER_IDS = 100  # tracking IDs listed on a complaint; ``size`` counts them all


@dataclass(frozen=True)
class EventView:
    at: datetime
    kind: str
    actor_type: str
    actor_name: str | None
    from_status: str | None
    to_status: str | None
    note: str
    public: bool
    data: dict


@dataclass(frozen=True)
class CitizenView:
    name: str | None
    phone: str | None
    cnic: str | None
    channel: str
    address: str


@dataclass(frozen=True)
class ClusterRef:
    """The problem a complaint belongs to: its cluster's id, size and member tracking IDs (oldest first)."""

    id: int
    size: int
    tracking_ids: tuple[str, ...]


@dataclass(frozen=True)
class ComplaintView:
    tracking_id: str
    department: str
    department_name_en: str
    department_name_ur: str
    description: str
    language: str
    channel: str
    anonymous: bool
    citizen: CitizenView | None  # None when hidden from this viewer
    location_text: str
    district: str | None
    latitude: float | None
    longitude: float | None
    attachments: list
    status: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    overdue: bool
    escalation_level: int
    routed_by: str
    nlu_confidence: float | None
    resolved_at: datetime | None
    citizen_confirmed_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None
    reject_reason: str | None
    events: tuple[EventView, ...] = ()
    cluster: ClusterRef | None = None
    office: str | None = None
    office_name_en: str = ""
    office_name_ur: str = ""
    area_unknown: bool = False  # no office covers the case's place: the head-office desk has it


@dataclass(frozen=True)
class PublicComplaintView:
    """What anyone holding the ID may see: no personal data, no internal notes."""

    tracking_id: str
    status: str
    department: str
    department_name_en: str
    department_name_ur: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    public_notes: tuple[EventView, ...]
    office: str | None = None
    office_name_en: str = ""
    office_name_ur: str = ""


def event_view(e: ComplaintEvent) -> EventView:
    return EventView(e.at, e.kind, e.actor_type, e.actor_name, e.from_status, e.to_status, e.note, e.public,
                     dict(e.data or {}))


def is_overdue(c: Complaint) -> bool:
    return c.is_open and c.due_at < utcnow()


def _office_names(code: str | None) -> tuple[str, str]:
    info = office_info(code)
    return (info.name_en, info.name_ur) if info else ("", "")


def office_fields(code: str | None) -> tuple[str | None, str, str]:
    """The office fields of a view, named from the catalog (so a lookup needs no join for them)."""
    return (code, *_office_names(code))


def cluster_refs(session: Session, cluster_ids: Iterable[int | None]) -> dict[int, ClusterRef]:
    """The clusters of many complaints in one query (a queue page)."""
    ids = sorted({i for i in cluster_ids if i is not None})
    members: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        rows = session.execute(select(Complaint.cluster_id, Complaint.tracking_id)
                               .where(Complaint.cluster_id.in_(ids)).order_by(Complaint.id))
        for cluster_id, tracking_id in rows:
            if cluster_id is not None:
                members[cluster_id].append(tracking_id)
    return {i: ClusterRef(i, len(t), tuple(t[:MAX_CLUSTER_IDS])) for i, t in members.items() if t}


def _cluster_of(c: Complaint, clusters: Mapping[int, ClusterRef] | None) -> ClusterRef | None:
    if c.cluster_id is None:
        return None
    if clusters is None:
        session = object_session(c)
        clusters = cluster_refs(session, [c.cluster_id]) if session is not None else {}
    return clusters.get(c.cluster_id)


def complaint_view(c: Complaint, *, show_identity: bool, with_events: bool = True,
                   clusters: Mapping[int, ClusterRef] | None = None) -> ComplaintView:
    """``clusters``: preloaded by ``cluster_refs`` for a page of complaints; else looked up for this one."""
    citizen = None
    if c.citizen is not None and show_identity:
        citizen = CitizenView(c.citizen.name, c.citizen.phone, c.citizen.cnic, c.citizen.channel, c.citizen.address)
    names = _office_names(c.office_code)
    return ComplaintView(
        tracking_id=c.tracking_id, department=c.department_code, department_name_en=c.department.name_en,
        department_name_ur=c.department.name_ur, description=c.description, language=c.language,
        channel=c.channel, anonymous=c.anonymous, citizen=citizen, location_text=c.location_text,
        district=c.district, latitude=c.latitude, longitude=c.longitude, attachments=list(c.attachments or []),
        status=c.status, created_at=c.created_at, updated_at=c.updated_at, due_at=c.due_at,
        overdue=is_overdue(c), escalation_level=c.escalation_level, routed_by=c.routed_by,
        nlu_confidence=c.nlu_confidence, resolved_at=c.resolved_at, citizen_confirmed_at=c.citizen_confirmed_at,
        closed_at=c.closed_at, closed_by=c.closed_by, reject_reason=c.reject_reason,
        events=tuple(event_view(e) for e in c.events) if with_events else (),
        cluster=_cluster_of(c, clusters),
        office=c.office_code, office_name_en=names[0], office_name_ur=names[1],
        area_unknown=covering_office(c.department_code, c.district) is None,
    )


def public_view(c: Complaint) -> PublicComplaintView:
    notes = tuple(event_view(e) for e in c.events if e.public)
    return PublicComplaintView(c.tracking_id, c.status, c.department_code, c.department.name_en,
                               c.department.name_ur, c.created_at, c.updated_at, c.due_at, notes,
                               c.office_code, *_office_names(c.office_code))
