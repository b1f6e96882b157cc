"""The admins' "Routing" page: review of routing corrections (approve / reject) and routing quality per
department and language over a period, with each model's figures since it was first used (issue 12).

Figures come from core.routing.stats; promotions from nlu.registry when the NLU package is installed.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request

from api.dashboard import charts
from api.dashboard.rendering import redirect, render
from api.dashboard.session import CheckedSessionDep, OfficerDep, SessionDep
from api.deps import ContainerDep
from core.db import utcnow
from core.departments.catalog import departments
from core.errors import InvalidInput
from core.messages import LANGUAGES
from core.routing import service as routing
from core.routing.stats import ModelFigures, compute_routing_stats

router = APIRouter()
PERIODS = (7, 30, 90, 0)
SERIES_COLORS = {"kept": "#3a9d5d", "citizen": "#e0a339", "officer": "#c0392b"}
DONE = frozenset({"approved", "rejected"})


def _promotions() -> dict[str, str]:
    """model id -> when it was promoted (ISO), from the registry's pointer file."""
    try:
        from nlu import registry
    except ImportError:
        return {}
    try:
        return {e["model"]: e.get("promoted_at") or "" for e in registry.history()}
    except (OSError, registry.RegistryError):
        return {}


def _model_chart(model: ModelFigures) -> charts.ColumnChart:
    """Per day since the model's first complaint: kept, corrected by the citizen, by an officer."""
    first = date.fromisoformat(min(model.per_day)) if model.per_day else utcnow().date()
    days = charts.day_range([{first.isoformat(): 1}], max(utcnow().date(), first))
    series = {name: {d: v.get(name, 0) for d, v in model.per_day.items()} for name in SERIES_COLORS}
    return charts.stacked_columns(days, series, SERIES_COLORS)


def _pct(share: float | None) -> str:
    return f"{round(100 * share)}%" if share is not None else "–"


def _forbidden(request: Request, state, viewer):
    return render(request, state, "message.html", status_code=403, viewer=viewer, box_id="admins-only",
                  title_key="routing_admins_only_title", text_key="routing_admins_only_text")


@router.get("/routing")
def routing_page(request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
                 days: Annotated[int, Query()] = 30, department: Annotated[str, Query(max_length=40)] = "",
                 language: Annotated[str, Query(max_length=10)] = "", done: str | None = None,
                 error: str | None = None):
    if not viewer.is_admin:
        return _forbidden(request, state, viewer)
    days = days if days in PERIODS else 30
    codes = [d.code for d in departments()]
    department = department if department in codes else ""
    language = language if language in LANGUAGES else ""
    since = utcnow() - timedelta(days=days) if days else None
    with container.db.transaction() as session:
        stats = compute_routing_stats(session, since, department or None, language or None)
        pending = routing.pending_corrections(session, limit=200)
    return render(request, state, "routing.html", viewer=viewer, stats=stats, pending=pending, days=days,
                  periods=PERIODS, department=department, language=language, codes=codes, languages=LANGUAGES,
                  model_charts={m.model: _model_chart(m) for m in stats.models}, promotions=_promotions(),
                  series_colors=SERIES_COLORS, done=done if done in DONE else None, error=error, pct=_pct)


@router.post("/routing/review")
def review(request: Request, state: CheckedSessionDep, viewer: OfficerDep, container: ContainerDep,
           verdict: Annotated[str, Form(max_length=10)] = "", ids: Annotated[list[int], Form()] = (),
           all_pending: Annotated[str, Form(max_length=3)] = ""):
    if not viewer.is_admin:
        return _forbidden(request, state, viewer)
    if verdict not in ("approved", "rejected") or not (ids or all_pending == "yes"):
        return redirect(request, state, "/dashboard/routing?error=nothing")
    try:
        with container.db.transaction() as session:
            routing.review(session, None if all_pending == "yes" else list(ids), verdict, viewer.name)
    except InvalidInput:  # reviewed meanwhile by someone else: show the page as it is now
        return redirect(request, state, "/dashboard/routing?error=stale")
    return redirect(request, state, f"/dashboard/routing?done={verdict}")
