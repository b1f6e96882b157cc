"""Officers work a problem once: a status move on a cluster is made on every open report of it
through the complaints' own ``apply_status`` (each report its own event, notification and
"is it solved?" question); a wrong match is split out; two clusters of one problem are merged.
Split and merge are recorded as events on every report they move."""
from __future__ import annotations

from sqlalchemy.orm import Session

from core.clusters import membership
from core.clusters.queries import ClusterNotFound, get_cluster, visible_members
from core.clusters.views import ClusterActionResult, ClusterView
from core.complaints.access import Viewer
from core.complaints.actions import apply_status, check_note
from core.complaints.filing import add_event
from core.complaints.lifecycle import Status, TransitionError, check_transition
from core.complaints.tracking import parse_tracking_id
from core.db import utcnow
from core.errors import InvalidInput


def _status(target: str) -> Status:
    try:
        return Status(target)
    except ValueError:
        raise InvalidInput(f"unknown status {target!r}; one of {', '.join(s.value for s in Status)}") from None


def transition_cluster(session: Session, viewer: Viewer, cluster_id: int, target: str,
                       note: str = "") -> ClusterActionResult:
    """Move every open report the viewer may see; reports the lifecycle refuses are listed, not moved."""
    status, note = _status(target), check_note(note)
    members = [c for c in visible_members(session, viewer, cluster_id, lock=True) if c.is_open]
    moved: list[str] = []
    skipped: dict[str, str] = {}
    for complaint in members:
        try:
            check_transition(Status(complaint.status), status, viewer.actor, note)
        except TransitionError as exc:
            skipped[complaint.tracking_id] = str(exc)
            continue
        apply_status(session, complaint, status, viewer.actor, note=note, actor_id=viewer.officer_id,
                     actor_name=viewer.name)
        moved.append(complaint.tracking_id)
    if not moved:
        reason = next(iter(skipped.values()), "the problem has no open report")
        raise TransitionError(f"no report of this problem can move to {status.value}: {reason}")
    session.flush()
    return ClusterActionResult(get_cluster(session, viewer, cluster_id), tuple(moved), skipped)


def split(session: Session, viewer: Viewer, cluster_id: int, tracking_id: str, note: str = "") -> ClusterView:
    """Take one report out of the cluster (a wrong match) into a cluster of its own."""
    members = visible_members(session, viewer, cluster_id, lock=True)
    canonical = parse_tracking_id(tracking_id)
    complaint = next((c for c in members if c.tracking_id == canonical), None)
    if complaint is None:
        raise InvalidInput(f"{tracking_id} is not a report of cluster {cluster_id}")
    cluster = membership.lock(session, cluster_id)
    if cluster is None or cluster.size < 2:
        raise InvalidInput("the report is the only one of its cluster")
    membership.leave(session, complaint)
    now = utcnow()
    alone = membership.start_cluster(session, complaint, now)
    alone.last_report_at = complaint.created_at
    membership.add_member(session, alone, complaint, now)
    add_event(session, complaint, "cluster_split", viewer.actor, actor_id=viewer.officer_id, actor_name=viewer.name,
              note=check_note(note), data={"from": cluster_id, "to": alone.id})
    session.flush()
    return get_cluster(session, viewer, alone.id)


def merge(session: Session, viewer: Viewer, cluster_id: int, other_id: int, note: str = "") -> ClusterView:
    """Move every report of ``other_id`` into ``cluster_id`` (one problem reported as two)."""
    if cluster_id == other_id:
        raise InvalidInput("a cluster cannot be merged with itself")
    visible_members(session, viewer, cluster_id)
    moving = visible_members(session, viewer, other_id, lock=True)
    target, other = membership.lock(session, cluster_id), membership.lock(session, other_id)
    if target is None or other is None:
        raise ClusterNotFound(str(other_id if target else cluster_id))
    if target.department_code != other.department_code:
        raise InvalidInput("clusters of different departments cannot be merged; reassign the reports first")
    if len(moving) != other.size:
        raise InvalidInput("some reports of that cluster are outside your view; an administrator can merge it")
    note, now = check_note(note), utcnow()
    for complaint in moving:
        membership.add_member(session, target, complaint, now)
        add_event(session, complaint, "cluster_merged", viewer.actor, actor_id=viewer.officer_id,
                  actor_name=viewer.name, note=note, data={"from": other_id, "to": cluster_id})
    session.flush()
    membership.refresh(session, other)
    membership.drop_if_empty(session, other)
    target.last_report_at = max(target.last_report_at, other.last_report_at)
    session.flush()
    return get_cluster(session, viewer, cluster_id)


