"""What a citizen is told about the other reports of their problem (core/clusters): on filing, how
many others reported it; in a status answer, how the problem's reports are progressing."""
from __future__ import annotations

from core.clusters.queries import cluster_progress
from core.complaints.lifecycle import Status
from core.complaints.views import ComplaintView
from core.dialogue.turn import Turn


def filed_line(turn: Turn, view: ComplaintView) -> str:
    others = view.cluster.size - 1 if view.cluster is not None else 0
    if others <= 0:
        return ""
    return turn.t("filed_cluster_line_one") if others == 1 else turn.t("filed_cluster_line", others=others)


def progress_line(turn: Turn, tracking_id: str) -> str:
    cluster = cluster_progress(turn.session, tracking_id)
    if cluster is None:
        return ""
    parts = ", ".join(turn.t("status_cluster_part", count=cluster.statuses[s.value],
                             status_label=turn.t(f"status_{s.value}"))
                      for s in Status if cluster.statuses.get(s.value))
    return turn.t("status_cluster_line", size=cluster.size, progress=parts)
