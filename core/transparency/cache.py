"""Public statistics computed at most once a minute per period, shared by every app process.

Three levels, cheapest first:
1. this process's memo: a value computed (by any process) less than ``max_age`` ago is served with no
   database access at all; a per-period lock lets one thread of the process go further;
2. the ``public_stats_cache`` row of the period: fresh -> served and memoised;
3. stale or absent -> the process tries to claim the computation: one short write sets the row's
   ``claimed_until`` lease if nobody holds it. Exactly one process wins; it computes in a read-only
   snapshot (``Database.snapshot()``: no write lock on SQLite, so filing complaints is never held up)
   and stores the result with a second short write. Every other process serves the previous numbers
   at once; only when there are none yet (the very first visit) does it wait for the winner's row.
   A winner that dies leaves a lease that expires after ``LEASE`` and is then claimed again.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult

from core.db import Database, utcnow
from core.transparency import service
from core.transparency.models import PublicStatsCache
from core.transparency.views import PERIODS, PublicStats

DEFAULT_MAX_AGE = 60.0
LEASE = timedelta(minutes=5)  # far longer than a computation; only matters if its process died
RETRY = timedelta(seconds=1)  # how often a process looks again while another one computes
FIRST_VISIT_POLL = 0.05  # seconds between looks at the row while another process computes the first value
log = logging.getLogger("awaaz.transparency")


class StatsCache:
    def __init__(self, db: Database, max_age_seconds: float = DEFAULT_MAX_AGE,
                 clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.max_age = timedelta(seconds=max_age_seconds)
        self.clock = clock
        self._memo: dict[str, PublicStats] = {}
        self._locks = {period: threading.Lock() for period in PERIODS}
        self._retry_at: dict[str, datetime] = {}  # while another process computes, old numbers until then

    def get(self, period: str) -> PublicStats:
        """The statistics of ``period`` (a key of PERIODS), at most ``max_age`` old."""
        if period not in PERIODS:
            raise KeyError(period)
        memo = self._memo.get(period)
        if memo is not None and self._servable(period, memo):
            return memo
        with self._locks[period]:
            memo = self._memo.get(period)
            if memo is None or not self._servable(period, memo):
                try:
                    memo = self._memo[period] = self._shared(period)
                except Exception:
                    if memo is None:
                        raise
                    # The database is unreachable or the computation failed: older numbers beat an error page.
                    log.exception("public statistics %s: refresh failed; serving those of %s", period,
                                  memo.computed_at.isoformat())
                if not self._fresh(memo.computed_at):  # someone is computing (or it failed): ask again later
                    self._retry_at[period] = self.clock() + RETRY
            return memo

    def _servable(self, period: str, memo: PublicStats) -> bool:
        return self._fresh(memo.computed_at) or self.clock() < self._retry_at.get(period, memo.computed_at)

    def _fresh(self, computed_at: datetime | None) -> bool:
        return computed_at is not None and self.clock() - computed_at < self.max_age

    def _shared(self, period: str) -> PublicStats:
        stale = self._read(period)
        if stale is not None and self._fresh(stale.computed_at):
            return stale
        while not self._claim(period):
            latest = self._read(period)
            if latest is not None:
                return latest  # fresh from the process that won, or the previous numbers while it computes
            time.sleep(FIRST_VISIT_POLL)  # the very first value is being computed elsewhere: wait for it
        return self._compute(period)

    def _read(self, period: str) -> PublicStats | None:
        with self.db.snapshot() as session:
            payload = session.scalar(select(PublicStatsCache.payload).where(PublicStatsCache.period == period))
        return PublicStats.from_dict(payload) if payload else None

    def _claim(self, period: str) -> bool:
        """One short write: take the period's lease unless someone holds it, or the row is fresh again."""
        now = self.clock()
        with self.db.transaction() as session:
            session.execute(self._insert_missing(period))
            claimed = cast(CursorResult, session.execute(
                update(PublicStatsCache).where(
                    PublicStatsCache.period == period,
                    or_(PublicStatsCache.claimed_until.is_(None), PublicStatsCache.claimed_until < now),
                    or_(PublicStatsCache.computed_at.is_(None), PublicStatsCache.computed_at <= now - self.max_age))
                .values(claimed_until=now + LEASE)))
            return claimed.rowcount == 1

    def _compute(self, period: str) -> PublicStats:
        try:
            with self.db.snapshot() as session:
                stats = service.compute_public_stats(session, period, self.clock())
        except Exception:
            self._release(period, None)
            raise
        self._release(period, stats)
        return stats

    def _release(self, period: str, stats: PublicStats | None) -> None:
        values: dict = {"claimed_until": None}
        if stats is not None:
            values.update(payload=stats.to_dict(), computed_at=stats.computed_at)
        with self.db.transaction() as session:
            session.execute(update(PublicStatsCache).where(PublicStatsCache.period == period).values(**values))

    def _insert_missing(self, period: str):
        dialect = self.db.engine.dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert if dialect == "sqlite" else None
        return (make(PublicStatsCache).values(period=period).on_conflict_do_nothing() if make
                else insert(PublicStatsCache).values(period=period))
