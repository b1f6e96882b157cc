"""Officer REST API for problems (clusters of reports): the problems queue, one problem, and actions
that apply to all its open reports. Department rules exactly as for complaints (docs/clusters.md)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime

from api.deps import SessionDep, ViewerDep
from api.routes.officer import _WITH_ZONE
from api.schemas import MAX_CLUSTER_ID, ClusterActionOut, ClusterOut, ClusterPageOut, MergeIn, SplitIn, TransitionIn
from core.clusters import actions, queries
from core.complaints.queries import QueueFilter

router = APIRouter(prefix="/api/v1/clusters", tags=["clusters"])
ClusterId = Annotated[int, Path(ge=1, le=MAX_CLUSTER_ID)]
_404 = {404: {"description": "no such cluster in your department"}}


@router.get("", response_model=ClusterPageOut)
def list_clusters(
    session: SessionDep, viewer: ViewerDep,
    status: Annotated[Literal["open", "submitted", "forwarded", "in_progress", "resolved", "closed", "rejected",
                              "reopened"] | None, Query(description="clusters with a report in this status")] = None,
    overdue: bool | None = None,
    created_from: Annotated[AwareDatetime | None, Query(description=_WITH_ZONE)] = None,
    created_to: Annotated[AwareDatetime | None, Query(description=_WITH_ZONE)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    district: Annotated[str | None, Query(max_length=80)] = None,
    department: Annotated[str | None, Query(max_length=40, description="admins only")] = None,
    order: Annotated[Literal["size", "urgency"], Query(description="biggest first, or most urgent SLA first")] = "size",
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ClusterPageOut:
    result = queries.list_clusters(session, viewer, QueueFilter(
        status=status, overdue=overdue, created_from=created_from, created_to=created_to, q=q, district=district,
        department=department, page=page, per_page=per_page), order)
    return ClusterPageOut(items=list(result.items), total=result.total, page=result.page,
                          per_page=result.per_page, total_capped=result.total_capped)


@router.get("/{cluster_id}", response_model=ClusterOut, responses=_404)
def get_cluster(cluster_id: ClusterId, session: SessionDep, viewer: ViewerDep) -> ClusterOut:
    return queries.get_cluster(session, viewer, cluster_id)


@router.post("/{cluster_id}/transitions", response_model=ClusterActionOut,
             responses={**_404, 409: {"description": "no open report of the problem can make this move"}})
def transition(cluster_id: ClusterId, body: TransitionIn, session: SessionDep, viewer: ViewerDep) -> ClusterActionOut:
    return actions.transition_cluster(session, viewer, cluster_id, body.to, body.note)


@router.post("/{cluster_id}/split", response_model=ClusterOut, responses=_404)
def split(cluster_id: ClusterId, body: SplitIn, session: SessionDep, viewer: ViewerDep) -> ClusterOut:
    """Take one report out of the problem (a wrong match); it becomes a problem of its own."""
    return actions.split(session, viewer, cluster_id, body.tracking_id, body.note)


@router.post("/{cluster_id}/merge", response_model=ClusterOut, responses=_404)
def merge(cluster_id: ClusterId, body: MergeIn, session: SessionDep, viewer: ViewerDep) -> ClusterOut:
    """Move every report of cluster ``body.cluster_id`` into this one."""
    return actions.merge(session, viewer, cluster_id, body.cluster_id, body.note)
