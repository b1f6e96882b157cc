"""The cluster ("problem") table. Members are complaints whose ``cluster_id`` points here; the counts
and dates on the row are kept in step with them by core.clusters.membership.refresh."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UtcDateTime, utcnow


class Cluster(Base):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    district: Mapped[str | None] = mapped_column(String(80))  # lower case, as matched
    place_words: Mapped[str] = mapped_column(String(500), default="")  # the members' neighbourhood words
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    problem_key: Mapped[str] = mapped_column(String(500), default="")  # the first report's, see similarity.py
    summary: Mapped[str] = mapped_column(Text, default="")  # the first report's words, for the queue row
    language: Mapped[str] = mapped_column(String(10), default="ur")
    size: Mapped[int] = mapped_column(Integer, default=1)
    open_count: Mapped[int] = mapped_column(Integer, default=1)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the most urgent open member's
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_report_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# Finding candidates for a new complaint is an index range read, not a scan (docs/performance.md):
# by district (text places) or by department and time alone (pins, then a bounding box).
Index("ix_clusters_candidates", Cluster.department_code, Cluster.district, Cluster.is_open, Cluster.last_report_at)
Index("ix_clusters_recent", Cluster.department_code, Cluster.is_open, Cluster.last_report_at)
# The problems queue: open first, biggest first, or most urgent first.
Index("ix_clusters_by_size", Cluster.department_code, Cluster.is_open.desc(), Cluster.size.desc(), Cluster.id)
Index("ix_clusters_by_due", Cluster.department_code, Cluster.is_open.desc(), Cluster.due_at, Cluster.id)
