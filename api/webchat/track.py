"""Tracking lookup for the web page: the public view of a case, or which problem the ID has, in en and ur."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from core import messages
from core.clusters.queries import cluster_progress
from core.complaints import queries
from core.complaints.views import PublicComplaintView
from core.db import Database
from core.dialogue.clusters import format_progress
from core.errors import InvalidTrackingId, NotFound, TrackingIdTypo

LANGUAGES = ("en", "ur")


@dataclass(frozen=True)
class TrackResult:
    complaint: PublicComplaintView | None = None
    problem: str | None = None  # "typo" | "invalid" | "not_found"
    explanation: dict[str, str] = field(default_factory=dict)  # language -> sentence
    status_label: dict[str, str] = field(default_factory=dict)
    cluster_line: dict[str, str] = field(default_factory=dict)  # language -> the problem's progress, or empty


def local_time(value: datetime, zone: ZoneInfo, pattern: str) -> str:
    """``value`` (stored in UTC; SQLite hands it back without a zone) shown in the citizens' time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(zone).strftime(pattern)


def _both(key: str, **params) -> dict[str, str]:
    return {lang: messages.text(key, lang, **params) for lang in LANGUAGES}


def lookup(db: Database, tracking_id: str) -> TrackResult:
    shown = tracking_id.strip().upper()[:40]
    try:
        with db.transaction() as session:
            complaint = queries.track(session, tracking_id)
            cluster = cluster_progress(session, complaint.tracking_id)
        progress = {lang: format_progress(cluster, lang).strip() for lang in LANGUAGES}
    except TrackingIdTypo:
        return TrackResult(problem="typo", explanation=_both("web_track_typo", tracking_id=shown))
    except InvalidTrackingId:
        return TrackResult(problem="invalid", explanation=_both("web_track_invalid"))
    except NotFound as exc:
        return TrackResult(problem="not_found", explanation=_both("web_track_not_found", tracking_id=exc.args[0]))
    return TrackResult(complaint=complaint, status_label=_both(f"status_{complaint.status}"),
                       cluster_line=progress if any(progress.values()) else {})
