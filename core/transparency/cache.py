"""Public statistics computed at most once a minute per period, shared by every app process.

Three levels, cheapest first:
1. this process's memo: a value computed (by any process) less than ``max_age`` ago is served with no
   database access at all; a per-period lock lets one thread of the process go further;
2. the ``public_stats_cache`` row of the period: fresh -> served and memoised;
3. stale or absent -> the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
   ``BEGIN IMMEDIATE`` write lock), re-checked, and only then computed and written in that same
   transaction. Every other process waiting on the lock then reads the fresh row: one computation
   for a crowd. On PostgreSQL a process that finds the row locked while an older value exists serves
   that value at once (``SKIP LOCKED``) instead of waiting.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.db import Database, utcnow
from core.transparency import service
from core.transparency.models import PublicStatsCache
from core.transparency.views import PERIODS, PublicStats

DEFAULT_MAX_AGE = 60.0
log = logging.getLogger("awaaz.transparency")


class StatsCache:
    def __init__(self, db: Database, max_age_seconds: float = DEFAULT_MAX_AGE,
                 clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.max_age = timedelta(seconds=max_age_seconds)
        self.clock = clock
        self._memo: dict[str, PublicStats] = {}
        self._locks = {period: threading.Lock() for period in PERIODS}

    def get(self, period: str) -> PublicStats:
        """The statistics of ``period`` (a key of PERIODS), at most ``max_age`` old."""
        if period not in PERIODS:
            raise KeyError(period)
        memo = self._memo.get(period)
        if memo is not None and self._fresh(memo.computed_at):
            return memo
        with self._locks[period]:
            memo = self._memo.get(period)
            if memo is None or not self._fresh(memo.computed_at):
                try:
                    memo = self._memo[period] = self._shared(period)
                except Exception:
                    if memo is None:
                        raise
                    # The database is unreachable or the computation failed: older numbers beat an error page.
                    log.exception("public statistics %s: refresh failed; serving those of %s", period,
                                  memo.computed_at.isoformat())
            return memo

    def _fresh(self, computed_at: datetime | None) -> bool:
        return computed_at is not None and self.clock() - computed_at < self.max_age

    def _shared(self, period: str) -> PublicStats:
        stale = self._read(period)
        if stale is not None and self._fresh(stale.computed_at):
            return stale
        if stale is None:
            self._ensure_row(period)  # the first time ever (or after the table was emptied): a row to lock
        for wait in (False, True):
            with self.db.transaction() as session:
                row = session.scalar(select(PublicStatsCache).where(PublicStatsCache.period == period)
                                     .with_for_update(skip_locked=not wait))
                if row is None and stale is not None:
                    return stale  # another process is computing right now: last minute's numbers will do
                if row is None:
                    continue
                if row.payload and self._fresh(row.computed_at):
                    return PublicStats.from_dict(row.payload)  # computed while we waited for the lock
                stats = service.compute_public_stats(session, period, self.clock())
                row.payload, row.computed_at = stats.to_dict(), stats.computed_at
                return stats
        raise RuntimeError(f"public statistics cache row {period!r} vanished")

    def _read(self, period: str) -> PublicStats | None:
        with self.db.transaction() as session:
            payload = session.scalar(select(PublicStatsCache.payload).where(PublicStatsCache.period == period))
        return PublicStats.from_dict(payload) if payload else None

    def _ensure_row(self, period: str) -> None:
        dialect = self.db.engine.dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert if dialect == "sqlite" else None
        statement = (make(PublicStatsCache).values(period=period).on_conflict_do_nothing() if make
                     else insert(PublicStatsCache).values(period=period))
        with self.db.transaction() as session:
            session.execute(statement)
