"""The shared cache of the public statistics: one row per period, written at most once a minute.

It lives in the database every app process already shares, so no extra service is needed; the row's
lease (``claimed_until``) makes a crowd of visitors cause one computation (``cache.py``).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UtcDateTime


class PublicStatsCache(Base):
    __tablename__ = "public_stats_cache"

    period: Mapped[str] = mapped_column(String(8), primary_key=True)
    computed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set by the one process computing a new value; others serve the old one meanwhile.
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The public view as JSON: aggregates only, small district counts already replaced by "<5".
    payload: Mapped[dict | None] = mapped_column(JSON)
