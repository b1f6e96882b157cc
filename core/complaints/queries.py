"""Read side: the officer queue with filters, a case page, the public tracking view, a citizen's cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, lazyload

from core.complaints.access import Viewer, load_for_viewer, office_conditions, visible_conditions
from core.complaints.lifecycle import Status
from core.complaints.models import Complaint, ComplaintEvent, Department
from core.complaints.tracking import parse_tracking_id
from core.complaints.views import (
    ComplaintView,
    EventView,
    PublicComplaintView,
    cluster_refs,
    complaint_view,
    office_fields,
    public_view,
)
from core.db import utcnow
from core.errors import InvalidInput, NotFound
from core.offices.catalog import catalog, office

MAX_PAGE_SIZE = 100
COUNT_CAP = 10_000


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None  # a status, or "open"
    overdue: bool | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    q: str | None = None
    district: str | None = None
    department: str | None = None  # admins only; officers are held to their own
    office: str | None = None  # narrows to this office's tree, within what the viewer may see
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Page:
    items: tuple[ComplaintView, ...]
    total: int  # at most COUNT_CAP: then total_capped says there are more
    page: int
    per_page: int
    total_capped: bool = False


def conditions(viewer: Viewer, f: QueueFilter, *, in_queue_order: bool = False) -> list:
    """What the viewer may see, narrowed by the filter (also applied to clusters' members)."""
    conds = visible_conditions(viewer, in_queue_order=in_queue_order)
    if viewer.is_admin and f.department:
        conds.append(Complaint.department_code == f.department)
    if f.office:
        conds.append(_office_condition(viewer, f.office, in_queue_order))
    if f.status == "open":
        conds.append(Complaint.is_open.is_(True))
    elif f.status:
        try:
            conds.append(Complaint.status == Status(f.status).value)
        except ValueError:
            raise InvalidInput(f"unknown status {f.status!r}") from None
    if f.overdue is not None:
        now = utcnow()
        overdue = Complaint.is_open.is_(True) & (Complaint.due_at < now)
        conds.append(overdue if f.overdue else ~overdue)
    if f.created_from:
        conds.append(Complaint.created_at >= f.created_from)
    if f.created_to:
        conds.append(Complaint.created_at < f.created_to)
    if f.district:
        conds.append(func.lower(Complaint.district) == f.district.lower())
    if f.q:
        like = f"%{f.q.strip()[:100]}%"
        conds.append(or_(Complaint.description.ilike(like), Complaint.location_text.ilike(like),
                         Complaint.tracking_id.ilike(like)))
    return conds


def _office_condition(viewer: Viewer, code: str, in_queue_order: bool):
    info = office(code)
    scope = viewer.offices
    if info is None or not (viewer.is_admin or info.department == viewer.department_code) or (
            scope is not None and code not in scope):
        raise InvalidInput(f"unknown office {code!r}")
    return and_(*office_conditions(info.department, catalog().tree(code), in_queue_order=in_queue_order))


def list_complaints(session: Session, viewer: Viewer, f: QueueFilter) -> Page:
    """Open cases first, by SLA due date (most urgent first), paginated."""
    if f.page < 1 or not 1 <= f.per_page <= MAX_PAGE_SIZE:
        raise InvalidInput(f"page must be ≥ 1 and per_page 1..{MAX_PAGE_SIZE}")
    conds = conditions(viewer, f)
    # Counting a whole department at 1M rows costs more than the page itself; past the cap, say "10000+".
    matching = select(Complaint.id).where(*conds).limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(matching)) or 0
    rows = session.scalars(
        select(Complaint).where(*conditions(viewer, f, in_queue_order=True)).options(lazyload(Complaint.events))
        .order_by(Complaint.is_open.desc(), Complaint.due_at, Complaint.id)
        .offset((f.page - 1) * f.per_page).limit(f.per_page)
    ).unique().all()
    clusters = cluster_refs(session, (c.cluster_id for c in rows))
    items = tuple(complaint_view(c, show_identity=viewer.sees_identity(c), with_events=False, clusters=clusters)
                  for c in rows)
    return Page(items, min(total, COUNT_CAP), f.page, f.per_page, total_capped=total > COUNT_CAP)


def get_complaint(session: Session, viewer: Viewer, tracking_id: str) -> ComplaintView:
    complaint = load_for_viewer(session, viewer, tracking_id)
    return complaint_view(complaint, show_identity=viewer.sees_identity(complaint))


def track(session: Session, tracking_id: str) -> PublicComplaintView:
    """The citizen-safe view for anyone holding the ID.

    The hottest read of the system (every SMS/web lookup), so it selects only the public columns
    in one query, without building ORM objects.
    """
    canonical = parse_tracking_id(tracking_id)
    e = ComplaintEvent
    rows = session.execute(
        select(Complaint.tracking_id, Complaint.status, Complaint.department_code, Department.name_en,
               Department.name_ur, Complaint.created_at, Complaint.updated_at, Complaint.due_at,
               e.at, e.kind, e.actor_type, e.actor_name, e.from_status, e.to_status, e.note, e.public, e.data,
               Complaint.office_code)
        .join(Department, Department.code == Complaint.department_code)
        .outerjoin(e, (e.complaint_id == Complaint.id) & e.public.is_(True))
        .where(Complaint.tracking_id == canonical).order_by(e.id)
    ).all()
    if not rows:
        raise NotFound(canonical)
    notes = tuple(EventView(r.at, r.kind, r.actor_type, r.actor_name, r.from_status, r.to_status, r.note, r.public,
                            dict(r.data or {})) for r in rows if r.at is not None)
    return PublicComplaintView(*rows[0][:8], notes, *office_fields(rows[0].office_code))


def citizen_complaints(session: Session, citizen_id: int, *, open_only: bool = True,
                       limit: int = 10) -> list[PublicComplaintView]:
    query = select(Complaint).where(Complaint.citizen_id == citizen_id)
    if open_only:
        query = query.where(Complaint.status != Status.CLOSED.value)
    rows = session.scalars(query.order_by(Complaint.created_at.desc()).limit(limit))
    return [public_view(c) for c in rows]


def awaiting_verdict(session: Session, citizen_id: int) -> list[PublicComplaintView]:
    """The citizen's cases marked resolved that wait for their yes/no."""
    rows = session.scalars(select(Complaint).where(Complaint.citizen_id == citizen_id,
                                                   Complaint.status == Status.RESOLVED.value)
                           .order_by(Complaint.resolved_at.desc()))
    return [public_view(c) for c in rows]


def recent_open_in_department(session: Session, citizen_id: int, department: str,
                              days: int = 7) -> PublicComplaintView | None:
    """The duplicate guard: an open case of this citizen in this department from the last ``days``."""
    since = utcnow() - timedelta(days=days)
    row = session.scalar(select(Complaint).where(
        Complaint.citizen_id == citizen_id, Complaint.department_code == department,
        Complaint.is_open.is_(True), Complaint.created_at >= since).order_by(Complaint.created_at.desc()).limit(1))
    return public_view(row) if row else None
