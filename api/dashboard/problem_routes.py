"""Problems (clusters of reports) on the dashboard: the problems queue, biggest first, and a problem's
page with its reports and the actions that apply to every open one (issue 13).

Every action goes through core.clusters.actions, which moves each report through the complaints'
own lifecycle, so each citizen gets their own event and notification.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from sqlalchemy.orm import Session

from api.dashboard.case_routes import NoteField
from api.dashboard.queue_routes import PER_PAGE, STATUS_CHOICES
from api.dashboard.rendering import not_found_page, redirect, render
from api.dashboard.session import CheckedSessionDep, OfficerDep, SessionDep, SessionState
from api.deps import ContainerDep
from api.schemas import MAX_CLUSTER_ID
from core.clusters import actions, queries
from core.complaints.access import Viewer
from core.complaints.queries import QueueFilter
from core.errors import InvalidInput, NotFound, TransitionError

router = APIRouter()
# The moves a problem offers: start, resolve with a public note, reject with a reason.
CLUSTER_MOVES = ("in_progress", "resolved", "rejected")
DONE_MESSAGES = frozenset({"status", "split", "merged"})
ClusterId = Annotated[int, Path(ge=1, le=MAX_CLUSTER_ID)]


@router.get("/problems")
def problems(request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
             status: Annotated[str, Query(max_length=20)] = "open",
             order: Annotated[str, Query(max_length=10)] = "size",
             district: Annotated[str, Query(max_length=80)] = "",
             q: Annotated[str, Query(max_length=100)] = "",
             page: Annotated[int, Query(ge=1, le=100000)] = 1):
    form = {"status": status if status in STATUS_CHOICES else "open",
            "order": order if order in queries.ORDERS else "size", "district": district.strip(), "q": q.strip()}
    flt = QueueFilter(status=None if form["status"] == "all" else form["status"], district=form["district"] or None,
                      q=form["q"] or None, page=page, per_page=PER_PAGE)
    with container.db.transaction() as session:
        result = queries.list_clusters(session, viewer, flt, form["order"])
    pages = max(1, -(-result.total // PER_PAGE))
    kept = {k: v for k, v in form.items() if v}

    def link(**changes) -> str:
        return "/dashboard/problems?" + urlencode({**kept, **changes})

    return render(request, state, "problems.html", viewer=viewer, form=form, result=result, pages=pages,
                  link=link, status_choices=STATUS_CHOICES)


def _problem_page(request: Request, state: SessionState, viewer: Viewer, container, cluster_id: int, *,
                  error: str | None = None, done: str | None = None, status_code: int = 200):
    try:
        with container.db.transaction() as session:
            problem = queries.get_cluster(session, viewer, cluster_id)
    except NotFound:
        return not_found_page(request, state, viewer, "problem_")
    return render(request, state, "problem.html", status_code=status_code, viewer=viewer, problem=problem,
                  moves=CLUSTER_MOVES if problem.is_open else (), error=error,
                  done=done if done in DONE_MESSAGES else None)


@router.get("/problems/{cluster_id}")
def problem_page(cluster_id: ClusterId, request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
                 done: str | None = None):
    return _problem_page(request, state, viewer, container, cluster_id, done=done)


def _act(request: Request, state: SessionState, viewer: Viewer, container, cluster_id: int,
         action: Callable[[Session], int], done: str):
    try:
        with container.db.transaction() as session:
            shown = action(session)
    except NotFound:
        return not_found_page(request, state, viewer, "problem_")
    except (TransitionError, InvalidInput) as exc:
        return _problem_page(request, state, viewer, container, cluster_id, error=str(exc), status_code=409)
    return redirect(request, state, f"/dashboard/problems/{shown}?done={done}")


@router.post("/problems/{cluster_id}/status")
def change_status(cluster_id: ClusterId, request: Request, state: CheckedSessionDep, viewer: OfficerDep,
                  container: ContainerDep, target: Annotated[str, Form(max_length=20)] = "", note: NoteField = ""):
    return _act(request, state, viewer, container, cluster_id,
                lambda s: actions.transition_cluster(s, viewer, cluster_id, target, note).cluster.id, "status")


@router.post("/problems/{cluster_id}/split")
def split(cluster_id: ClusterId, request: Request, state: CheckedSessionDep, viewer: OfficerDep, container: ContainerDep,
          tracking_id: Annotated[str, Form(max_length=20)] = "", note: NoteField = ""):
    # Back to the problem the report left, which is what the officer was working on.
    def act(s: Session) -> int:
        actions.split(s, viewer, cluster_id, tracking_id, note)
        return cluster_id
    return _act(request, state, viewer, container, cluster_id, act, "split")


@router.post("/problems/{cluster_id}/merge")
def merge(cluster_id: ClusterId, request: Request, state: CheckedSessionDep, viewer: OfficerDep, container: ContainerDep,
          other: Annotated[str, Form(max_length=12)] = "", note: NoteField = ""):
    def act(s: Session) -> int:
        if not other.strip().isdigit() or not 1 <= int(other) <= MAX_CLUSTER_ID:
            raise InvalidInput("give the number of the problem to merge into this one")
        return actions.merge(s, viewer, cluster_id, int(other), note).id
    return _act(request, state, viewer, container, cluster_id, act, "merged")
