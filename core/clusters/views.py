"""Read-only views of clusters handed to adapters (never ORM objects)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.clusters.models import Cluster
from core.complaints.views import ComplaintView
from core.db import utcnow


@dataclass(frozen=True)
class ClusterView:
    id: int
    department: str
    department_name_en: str
    department_name_ur: str
    district: str | None
    summary: str  # the first report's words
    language: str
    size: int  # every report, whoever may see it
    open_count: int
    is_open: bool
    due_at: datetime | None  # the most urgent open report's
    overdue: bool
    created_at: datetime
    last_report_at: datetime
    statuses: dict[str, int] = field(default_factory=dict)  # reports by status: the problem's progress
    members: tuple[ComplaintView, ...] = ()  # the reports this viewer may see (case page only)


@dataclass(frozen=True)
class ClusterPage:
    items: tuple[ClusterView, ...]
    total: int
    page: int
    per_page: int
    total_capped: bool = False


@dataclass(frozen=True)
class ClusterActionResult:
    cluster: ClusterView
    moved: tuple[str, ...]  # tracking IDs moved
    skipped: dict[str, str]  # tracking ID -> why the lifecycle refused


def cluster_view(cl: Cluster, names: tuple[str, str], statuses: dict[str, int],
                 members: tuple[ComplaintView, ...] = ()) -> ClusterView:
    return ClusterView(
        id=cl.id, department=cl.department_code, department_name_en=names[0], department_name_ur=names[1],
        district=cl.district, summary=cl.summary, language=cl.language, size=cl.size, open_count=cl.open_count,
        is_open=cl.is_open, due_at=cl.due_at, overdue=bool(cl.is_open and cl.due_at and cl.due_at < utcnow()),
        created_at=cl.created_at, last_report_at=cl.last_report_at, statuses=statuses, members=members)
