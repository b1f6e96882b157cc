"""Statistics for officers and overseers: what departments (or offices) claim and what citizens confirm."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer
from core.complaints.models import Complaint, Feedback
from core.db import utcnow
from core.offices.catalog import office


@dataclass
class DepartmentStats:
    department: str
    office: str | None = None  # set when the figures are broken down by office
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    open: int = 0
    overdue: int = 0
    overdue_share: float = 0.0
    resolved_by_department: int = 0  # cases the department ever marked resolved
    confirmed_by_citizen: int = 0  # of those, the ones the citizen confirmed
    rejected_by_citizen: int = 0  # "not satisfied" verdicts
    closed_by_silence: int = 0
    median_hours_to_resolve: float | None = None
    satisfied_share: float | None = None
    average_rating: float | None = None
    per_day: dict[str, int] = field(default_factory=dict)


def _department_filter(viewer: Viewer):
    return viewer.scope_conditions()


def compute_stats(session: Session, viewer: Viewer, since: datetime | None = None, key=None,
                  per_day: bool = True, *, by_office: bool = False) -> list[DepartmentStats]:
    """Per department over the cases the viewer may see; per office with ``by_office``; or per any other
    ``key`` column (the public page groups by district): each row's ``department`` field then holds that
    key's value. ``per_day=False`` skips the daily counts (one row per group and day: large for fine keys)."""
    conds = _department_filter(viewer) + ([Complaint.created_at >= since] if since else [])
    stats: dict[str, DepartmentStats] = {}
    if key is None:
        # A case without an office (none since migration 0005) would count under its department.
        key = func.coalesce(Complaint.office_code, Complaint.department_code) if by_office else Complaint.department_code

    def get(code: str) -> DepartmentStats:
        if code not in stats:
            info = office(code) if by_office else None
            stats[code] = DepartmentStats(info.department, code) if info else DepartmentStats(code)
        return stats[code]

    for code, status, count in session.execute(
            select(key, Complaint.status, func.count()).where(*conds).group_by(key, Complaint.status)):
        s = get(code)
        s.by_status[status] = count
        s.total += count
    now = utcnow()
    for code, is_open, overdue, resolved, confirmed, rejected, silence in session.execute(
            select(key, func.sum(_int(Complaint.is_open)),
                   func.sum(_int(Complaint.is_open & (Complaint.due_at < now))),
                   func.sum(_int(Complaint.times_resolved > 0)),
                   func.sum(_int(Complaint.citizen_confirmed_at.is_not(None))),
                   func.sum(Complaint.times_rejected_by_citizen),
                   func.sum(_int(Complaint.closed_by == "silence")))
            .where(*conds).group_by(key)):
        s = get(code)
        s.open, s.overdue = int(is_open or 0), int(overdue or 0)
        s.overdue_share = round(s.overdue / s.open, 4) if s.open else 0.0
        s.resolved_by_department, s.confirmed_by_citizen = int(resolved or 0), int(confirmed or 0)
        s.rejected_by_citizen, s.closed_by_silence = int(rejected or 0), int(silence or 0)
    _add_resolution_times(session, conds, get, key)
    _add_satisfaction(session, conds, get, key)
    if per_day:
        _add_per_day(session, conds, get, key)
    return sorted(stats.values(), key=lambda s: (s.department or "", s.office or ""))


def _int(condition):
    return case((condition, 1), else_=0)


def _add_resolution_times(session: Session, conds: list, get, key) -> None:
    hours: dict[str, list[float]] = {}
    for code, created, resolved in session.execute(
            select(key, Complaint.created_at, Complaint.resolved_at)
            .where(*conds, Complaint.resolved_at.is_not(None))):
        if resolved is None:  # excluded by the query; this narrows the type
            continue
        created = created if created.tzinfo else created.replace(tzinfo=resolved.tzinfo)
        hours.setdefault(code, []).append((resolved - created).total_seconds() / 3600)
    for code, values in hours.items():
        get(code).median_hours_to_resolve = round(median(values), 2)


def _add_satisfaction(session: Session, conds: list, get, key) -> None:
    for code, total, satisfied, rating in session.execute(
            select(key, func.count(Feedback.id), func.sum(_int(Feedback.satisfied)),
                   func.avg(Feedback.rating))
            .join(Feedback, Feedback.complaint_id == Complaint.id).where(*conds)
            .group_by(key)):
        s = get(code)
        s.satisfied_share = round(int(satisfied or 0) / total, 4) if total else None
        s.average_rating = round(float(rating), 2) if rating is not None else None


def _add_per_day(session: Session, conds: list, get, key) -> None:
    day = func.date(Complaint.created_at)
    for code, d, count in session.execute(
            select(key, day, func.count()).where(*conds).group_by(key, day).order_by(day)):
        get(code).per_day[str(d)] = count
