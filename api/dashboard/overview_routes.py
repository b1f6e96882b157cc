"""The overview: per-department (or per-office) numbers and charts drawn from core.complaints.stats.compute_stats.

Admins see every department; an officer sees their own office tree. The chart everyone should look at first is
"marked resolved by the department" beside "confirmed by the citizen".
"""
from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.dashboard import charts
from api.dashboard.i18n import Translator, language_of
from api.dashboard.rendering import render
from api.dashboard.session import OfficerDep, SessionDep
from api.deps import ContainerDep
from core.complaints.lifecycle import Status
from core.complaints.stats import DepartmentStats, compute_stats
from core.db import utcnow

router = APIRouter()
PERIODS = (7, 30, 90, 0)  # days; 0 = everything
STATUS_COLORS = {"submitted": "#9aa5b1", "forwarded": "#1b6ca8", "in_progress": "#e0a339", "resolved": "#7cb36b",
                 "closed": "#2e7d32", "rejected": "#c0392b", "reopened": "#8e5ea2"}
SLA_COLORS = {"within": "#3a9d5d", "overdue": "#c0392b"}
CLAIM_COLORS = {"resolved": "#e07b39", "confirmed": "#2e7d32"}
MEDIAN_COLORS = {"median": "#1b6ca8"}


BREAKDOWNS = ("department", "office")


def row_key(r: DepartmentStats) -> str:
    """A row is a department, or an office when the figures are broken down by office."""
    return r.office or r.department


def row_names(rows: list[DepartmentStats], t: Translator) -> dict[str, str]:
    return {row_key(r): t.office_name(r.office) if r.office else t.department_name(r.department) for r in rows}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _status_rows(rows: list[DepartmentStats], names: dict) -> list:
    statuses = [s.value for s in Status]
    return [(names[row_key(r)], [([(s, r.by_status.get(s, 0)) for s in statuses], str(r.total))]) for r in rows]


def _sla_rows(rows: list[DepartmentStats], names: dict, t: Translator) -> list:
    return [(names[row_key(r)], [([("within", r.open - r.overdue), ("overdue", r.overdue)], _sla_label(t, r))])
            for r in rows]


def _median_rows(rows: list[DepartmentStats], names: dict, t: Translator) -> list:
    return [(names[row_key(r)], [([("median", r.median_hours_to_resolve or 0)],
                                    _duration(t, r.median_hours_to_resolve))]) for r in rows]


def _claim_rows(rows: list[DepartmentStats], names: dict) -> list:
    """Two bars per department: what it marked resolved, and what citizens confirmed."""
    return [(names[row_key(r)], [
        ([("resolved", r.resolved_by_department)], str(r.resolved_by_department)),
        ([("confirmed", r.confirmed_by_citizen)],
         f"{r.confirmed_by_citizen} ({_percent(r.confirmed_by_citizen, r.resolved_by_department)})")]) for r in rows]


def build_charts(rows: list[DepartmentStats], t: Translator) -> dict:
    names = row_names(rows, t)
    dept_colors = charts.colors(list(names))
    days = charts.day_range([r.per_day for r in rows], utcnow().date())
    return {
        "department_colors": dept_colors,
        "per_day": charts.stacked_columns(days, {row_key(r): r.per_day for r in rows}, dept_colors),
        "status": charts.hbars(_status_rows(rows, names), STATUS_COLORS),
        "sla": charts.hbars(_sla_rows(rows, names, t), SLA_COLORS),
        "median": charts.hbars(_median_rows(rows, names, t), MEDIAN_COLORS),
        "claims": charts.hbars(_claim_rows(rows, names), CLAIM_COLORS),
        "status_colors": STATUS_COLORS, "sla_colors": SLA_COLORS, "claim_colors": CLAIM_COLORS,
    }


def _sla_label(t: Translator, r: DepartmentStats) -> str:
    return t("sla_within_label", share=_percent(r.open - r.overdue, r.open)) if r.open else "–"


def _duration(t: Translator, hours: float | None) -> str:
    if hours is None:
        return "–"
    return t("days_short", n=round(hours / 24, 1)) if hours >= 48 else t("hours_short", n=round(hours, 1))


@router.get("/overview")
def overview(request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
             days: Annotated[int, Query()] = 30, by: Annotated[str, Query(max_length=20)] = "department"):
    days = days if days in PERIODS else 30
    by = by if by in BREAKDOWNS else "department"
    since = utcnow() - timedelta(days=days) if days else None
    with container.db.transaction() as session:
        rows = compute_stats(session, viewer, since, by_office=by == "office")
    t = Translator(language_of(request))
    return render(request, state, "overview.html", viewer=viewer, rows=rows, days=days, periods=PERIODS, by=by,
                  breakdowns=BREAKDOWNS, charts=build_charts(rows, t), names=row_names(rows, t), row_key=row_key,
                  percent=_percent, duration=lambda h: _duration(t, h))
