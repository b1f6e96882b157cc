"""Read side of clusters: the problems queue (filters as the complaint queue) and one problem's page.

Access goes through the complaints' own rules: a cluster is listed when the viewer may see one of its
reports under ``core.complaints.queries.conditions`` (``access.visible_conditions``), and a problem's
page shows only the reports ``Viewer.can_see`` allows. Another department's cluster is "not found".
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session, lazyload

from core.clusters.models import Cluster
from core.clusters.views import ClusterPage, ClusterView, cluster_view
from core.complaints.access import Viewer
from core.complaints.models import Complaint
from core.complaints.queries import MAX_PAGE_SIZE, QueueFilter, conditions
from core.complaints.views import cluster_refs, complaint_view
from core.departments.catalog import department
from core.errors import InvalidInput, NotFound

ORDERS = ("size", "urgency")
# Counting is the costly part of a problems page (each cluster checked against the access rule):
# beyond this many, the page says "1000+" (the page itself reads its 20 rows in index order).
COUNT_CAP = 1_000


class ClusterNotFound(NotFound):
    """No such cluster, or none of its reports is visible to the caller."""


def _statuses(session: Session, ids: Sequence[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        rows = session.execute(select(Complaint.cluster_id, Complaint.status, func.count())
                               .where(Complaint.cluster_id.in_(list(ids)))
                               .group_by(Complaint.cluster_id, Complaint.status))
        for cluster_id, status, n in rows:
            if cluster_id is not None:
                out[cluster_id][status] = n
    return out


def _names(code: str) -> tuple[str, str]:
    """The department's names in English and Urdu, from the in-memory catalog (no query)."""
    info = department(code)
    return (info.name_en, info.name_ur) if info is not None else (code, code)


def list_clusters(session: Session, viewer: Viewer, f: QueueFilter, order: str = "size") -> ClusterPage:
    """Problems with at least one report matching the filter; biggest (or most urgent) first."""
    if f.page < 1 or not 1 <= f.per_page <= MAX_PAGE_SIZE:
        raise InvalidInput(f"page must be ≥ 1 and per_page 1..{MAX_PAGE_SIZE}")
    if order not in ORDERS:
        raise InvalidInput(f"order must be one of {', '.join(ORDERS)}")
    # "Has a report this viewer may see that matches": a per-cluster probe of ix_complaints_cluster_id,
    # written as a LIMIT 1 subquery so PostgreSQL probes clusters in index order instead of hashing every
    # report of the department (an EXISTS becomes a semi join: 49 ms vs 5 ms at 100k, docs/performance.md).
    visible = (select(literal(1)).where(Complaint.cluster_id == Cluster.id, *conditions(viewer, f)).limit(1)
               .correlate(Cluster).scalar_subquery())
    conds: list = [visible.is_not(None)]
    department = f.department if viewer.is_admin else viewer.department_code
    if department:  # members share their cluster's department: lets the index narrow first
        conds.append(Cluster.department_code == department)
    if f.status == "open":
        conds.append(Cluster.is_open.is_(True))
    matching = select(Cluster.id).where(*conds).limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(matching)) or 0
    # Both orders are index orders (ix_clusters_by_size, ix_clusters_by_due). An open cluster always has
    # a due date; only closed ones, listed after every open one, have none.
    ordering = ((Cluster.is_open.desc(), Cluster.size.desc(), Cluster.id) if order == "size" else
                (Cluster.is_open.desc(), Cluster.due_at, Cluster.id))
    rows = list(session.scalars(select(Cluster).where(*conds).order_by(*ordering)
                                .offset((f.page - 1) * f.per_page).limit(f.per_page)))
    statuses = _statuses(session, [r.id for r in rows])
    items = tuple(cluster_view(r, _names(r.department_code), statuses[r.id]) for r in rows)
    return ClusterPage(items, min(total, COUNT_CAP), f.page, f.per_page, total_capped=total > COUNT_CAP)


def visible_members(session: Session, viewer: Viewer, cluster_id: int, *, lock: bool = False) -> list[Complaint]:
    """The cluster's reports this viewer may see, oldest first; ClusterNotFound when there are none."""
    query = (select(Complaint).where(Complaint.cluster_id == cluster_id).options(lazyload(Complaint.events))
             .order_by(Complaint.id))
    if lock:
        query = query.with_for_update(of=Complaint)
    members = [c for c in session.scalars(query).unique() if viewer.can_see(c)]
    if not members:
        raise ClusterNotFound(str(cluster_id))
    return members


def get_cluster(session: Session, viewer: Viewer, cluster_id: int) -> ClusterView:
    members = visible_members(session, viewer, cluster_id)
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise ClusterNotFound(str(cluster_id))
    refs = cluster_refs(session, [cluster_id])
    views = tuple(complaint_view(c, show_identity=viewer.sees_identity(c), with_events=False, clusters=refs)
                  for c in members)
    return cluster_view(cluster, _names(cluster.department_code), _statuses(session, [cluster_id])[cluster_id],
                        views)


def cluster_progress(session: Session, tracking_id: str) -> ClusterView | None:
    """For the citizen's status answer: the problem their report belongs to, when others reported it too."""
    cluster = session.scalar(select(Cluster).join(Complaint, Complaint.cluster_id == Cluster.id)
                             .where(Complaint.tracking_id == tracking_id))
    if cluster is None or cluster.size < 2:
        return None
    return cluster_view(cluster, _names(cluster.department_code),
                        _statuses(session, [cluster.id])[cluster.id])
