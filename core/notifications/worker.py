"""The background worker: delivers the outbox through the channel senders and runs the SLA sweeps.

Any number of workers may run (one per app process): messages are leased with SKIP LOCKED.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from core.db import Database
from core.dialogue.purge import purge_idle_conversations
from core.notifications.outbox import claim_due, mark_failed, mark_sent, mark_undeliverable
from core.notifications.render import render
from core.ports import SenderPort, SendError
from core.sla import sweep_escalations, sweep_silent_resolutions

log = logging.getLogger("awaaz.worker")


class Worker:
    def __init__(self, db: Database, senders: Mapping[str, SenderPort], *, silence_days: int = 7,
                 poll_seconds: float = 2.0, sweep_seconds: float = 60.0, purge_idle_hours: float = 0,
                 clock: Callable[[], float] = time.monotonic):
        self.db, self.senders = db, dict(senders)
        self.silence_days, self.poll_seconds, self.sweep_seconds = silence_days, poll_seconds, sweep_seconds
        self.clock, self.purge_idle_hours = clock, purge_idle_hours
        self._last_sweep: float | None = None

    def deliver_once(self, limit: int = 20, now: datetime | None = None) -> int:
        """Send what is due (at ``now``, default the current time); returns how many were attempted."""
        with self.db.transaction() as session:
            undeliverable = mark_undeliverable(session, set(self.senders))
        if undeliverable:
            log.warning("%d notifications are undeliverable: their channel is not configured", undeliverable)
        if not self.senders:
            return 0
        with self.db.transaction() as session:
            claimed = claim_due(session, set(self.senders), limit, now)
        for item in claimed:
            self._deliver(item)
        return len(claimed)

    def _deliver(self, item) -> None:
        try:
            provider_id = self.senders[item.channel].send(render(item))
        except SendError as exc:
            log.warning("outbox %s on %s failed: %s", item.id, item.channel, exc)
            with self.db.transaction() as session:
                mark_failed(session, item.id, str(exc), exc.retryable)
        except Exception as exc:  # a sender bug must not stop the worker; keep the row for retry
            log.exception("outbox %s on %s crashed", item.id, item.channel)
            with self.db.transaction() as session:
                mark_failed(session, item.id, f"{type(exc).__name__}: {exc}")
        else:
            with self.db.transaction() as session:
                mark_sent(session, item.id, provider_id or "")

    def sweep_once(self) -> tuple[int, int]:
        with self.db.transaction() as session:
            escalated = sweep_escalations(session)
        with self.db.transaction() as session:
            closed = sweep_silent_resolutions(session, self.silence_days)
        if escalated or closed:
            log.info("sweep: %d escalated, %d closed after silence", escalated, closed)
        if self.purge_idle_hours:
            with self.db.transaction() as session:
                purged = purge_idle_conversations(session, timedelta(hours=self.purge_idle_hours))
            if purged:
                log.info("sweep: %d idle conversations that never filed anything forgotten", purged)
        return escalated, closed

    def tick(self) -> None:
        now = self.clock()
        if self._last_sweep is None or now - self._last_sweep >= self.sweep_seconds:
            self._last_sweep = now
            self.sweep_once()
        self.deliver_once()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except Exception:  # the database may be briefly unreachable; try again next tick
                log.exception("worker tick failed")
            stop.wait(self.poll_seconds)
