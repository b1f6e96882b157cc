"""What a citizen is told about the other reports of their problem (core/clusters): on filing, how
many others reported it; in a status answer (chat, SMS, web page), how the problem is progressing.
Counts only: nothing about the other citizens."""
from __future__ import annotations

from sqlalchemy.orm import Session

from core import messages
from core.clusters.queries import cluster_progress
from core.clusters.views import ClusterView
from core.complaints.lifecycle import Status
from core.complaints.views import ComplaintView
from core.dialogue.turn import Turn

DONE = (Status.RESOLVED.value, Status.CLOSED.value)


def filed_line(turn: Turn, view: ComplaintView) -> str:
    others = view.cluster.size - 1 if view.cluster is not None else 0
    if others <= 0:
        return ""
    return turn.t("filed_cluster_line_one") if others == 1 else turn.t("filed_cluster_line", others=others)


def progress_text(session: Session, tracking_id: str, language: str, *, short: bool = False) -> str:
    """"This problem was reported by 13 people: 3 Being worked on, 10 Closed", or "" when alone."""
    return format_progress(cluster_progress(session, tracking_id), language, short=short)


def format_progress(cluster: ClusterView | None, language: str, *, short: bool = False) -> str:
    """The progress line of an already loaded cluster (one load serves every language of a page)."""
    if cluster is None:
        return ""
    if short:
        done = sum(cluster.statuses.get(s, 0) for s in DONE)
        return messages.text("sms_cluster_line", language, size=cluster.size, done=done)
    parts = ", ".join(messages.text("status_cluster_part", language, count=cluster.statuses[s.value],
                                    status_label=messages.text(f"status_{s.value}", language))
                      for s in Status if cluster.statuses.get(s.value))
    return messages.text("status_cluster_line", language, size=cluster.size, progress=parts)


def progress_line(turn: Turn, tracking_id: str) -> str:
    return progress_text(turn.session, tracking_id, turn.language)
