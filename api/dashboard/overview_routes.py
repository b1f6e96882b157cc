"""The overview: per-department numbers and charts drawn from core.complaints.stats.compute_stats.

Admins see every department; an officer sees their own. The chart everyone should look at first is
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


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _status_rows(rows: list[DepartmentStats], names: dict) -> list:
    statuses = [s.value for s in Status]
    return [(names[r.department], [([(s, r.by_status.get(s, 0)) for s in statuses], str(r.total))]) for r in rows]


def _sla_rows(rows: list[DepartmentStats], names: dict, t: Translator) -> list:
    return [(names[r.department], [([("within", r.open - r.overdue), ("overdue", r.overdue)], _sla_label(t, r))])
            for r in rows]


def _median_rows(rows: list[DepartmentStats], names: dict, t: Translator) -> list:
    return [(names[r.department], [([("median", r.median_hours_to_resolve or 0)],
                                    _duration(t, r.median_hours_to_resolve))]) for r in rows]


def _claim_rows(rows: list[DepartmentStats], names: dict) -> list:
    """Two bars per department: what it marked resolved, and what citizens confirmed."""
    return [(names[r.department], [
        ([("resolved", r.resolved_by_department)], str(r.resolved_by_department)),
        ([("confirmed", r.confirmed_by_citizen)],
         f"{r.confirmed_by_citizen} ({_percent(r.confirmed_by_citizen, r.resolved_by_department)})")]) for r in rows]


def build_charts(rows: list[DepartmentStats], t: Translator) -> dict:
    names = {r.department: t.department_name(r.department) for r in rows}
    dept_colors = charts.colors(list(names))
    days = charts.day_range([r.per_day for r in rows], utcnow().date())
    return {
        "department_colors": dept_colors,
        "per_day": charts.stacked_columns(days, {r.department: r.per_day for r in rows}, dept_colors),
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
             days: Annotated[int, Query()] = 30):
    days = days if days in PERIODS else 30
    since = utcnow() - timedelta(days=days) if days else None
    with container.db.transaction() as session:
        rows = compute_stats(session, viewer, since)
    t = Translator(language_of(request))
    return render(request, state, "overview.html", viewer=viewer, rows=rows, days=days, periods=PERIODS,
                  charts=build_charts(rows, t), names={r.department: t.department_name(r.department) for r in rows},
                  percent=_percent, duration=lambda h: _duration(t, h))
