"""Officer REST API under /api/v1: the queue, case pages, transitions, notes, reassignment, stats."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime

from api.deps import SessionDep, ViewerDep
from api.schemas import ComplaintOut, NoteIn, PageOut, ReassignIn, StatsOut, TransitionIn
from core.complaints import actions, queries
from core.complaints.stats import compute_stats

router = APIRouter(prefix="/api/v1", tags=["officers"])
# Times are compared with UTC timestamps; a time without a zone would be a guess.
_WITH_ZONE = "ISO 8601 with a time zone, e.g. 2026-11-01T00:00:00Z or 2026-11-01T05:00:00+05:00"


def _in_utc_range(moment: datetime) -> datetime:
    """The time in UTC; refused (422) when UTC cannot hold it (0001-01-01T00:03+02:00, 9999-12-31T23:59-05:00)."""
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError("time is out of range once converted to UTC (years 1 to 9999)") from None


ZonedTime = Annotated[AwareDatetime, AfterValidator(_in_utc_range)]


@router.get("/complaints", response_model=PageOut)
def list_complaints(
    session: SessionDep, viewer: ViewerDep,
    status: Annotated[Literal["open", "submitted", "forwarded", "in_progress", "resolved", "closed", "rejected",
                              "reopened"] | None, Query()] = None,
    overdue: bool | None = None,
    created_from: Annotated[ZonedTime | None, Query(description=_WITH_ZONE)] = None,
    created_to: Annotated[ZonedTime | None, Query(description=_WITH_ZONE)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    district: Annotated[str | None, Query(max_length=80)] = None,
    department: Annotated[str | None, Query(max_length=40, description="admins only")] = None,
    office: Annotated[str | None, Query(max_length=40, description="an office in the viewer's tree: its cases and "
                                                                   "those of the offices below it")] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> PageOut:
    result = queries.list_complaints(session, viewer, queries.QueueFilter(
        status=status, overdue=overdue, created_from=created_from, created_to=created_to, q=q, district=district,
        department=department, office=office, page=page, per_page=per_page))
    return PageOut(items=list(result.items), total=result.total, page=result.page,
                   per_page=result.per_page, total_capped=result.total_capped)


@router.get("/complaints/{tracking_id}", response_model=ComplaintOut)
def get_complaint(tracking_id: str, session: SessionDep, viewer: ViewerDep) -> ComplaintOut:
    return queries.get_complaint(session, viewer, tracking_id)


@router.post("/complaints/{tracking_id}/transitions", response_model=ComplaintOut,
             responses={409: {"description": "the lifecycle does not allow this move"}})
def transition(tracking_id: str, body: TransitionIn, session: SessionDep, viewer: ViewerDep) -> ComplaintOut:
    return actions.transition(session, viewer, tracking_id, body.to, body.note)


@router.post("/complaints/{tracking_id}/notes", response_model=ComplaintOut)
def add_note(tracking_id: str, body: NoteIn, session: SessionDep, viewer: ViewerDep) -> ComplaintOut:
    return actions.add_internal_note(session, viewer, tracking_id, body.note)


@router.post("/complaints/{tracking_id}/reassign", response_model=ComplaintOut)
def reassign(tracking_id: str, body: ReassignIn, session: SessionDep, viewer: ViewerDep) -> ComplaintOut:
    return actions.reassign(session, viewer, tracking_id, body.department, body.note, office=body.office)


@router.get("/stats", response_model=StatsOut)
def stats(session: SessionDep, viewer: ViewerDep,
          since: Annotated[ZonedTime | None, Query(description=_WITH_ZONE)] = None,
          by_office: Annotated[bool, Query(description="one row per office instead of per department")] = False,
          ) -> StatsOut:
    rows = compute_stats(session, viewer, since, by_office=by_office)
    resolved = sum(r.resolved_by_department for r in rows)
    confirmed = sum(r.confirmed_by_citizen for r in rows)
    open_ = sum(r.open for r in rows)
    totals = {
        "complaints": sum(r.total for r in rows), "open": open_, "overdue": sum(r.overdue for r in rows),
        "overdue_share": round(sum(r.overdue for r in rows) / open_, 4) if open_ else 0.0,
        "resolved_by_department": resolved, "confirmed_by_citizen": confirmed,
        "confirmed_share_of_resolved": round(confirmed / resolved, 4) if resolved else None,
    }
    return StatsOut(departments=rows, totals=totals)
