"""Counting requests per client in sliding windows: the port the core asks (``RateLimiter``) and the
in-process implementation. The app wires a Redis-backed one (api/ratelimit.py) so that every process
counts into the same windows.

A sliding window is estimated from two fixed ones (the current and the previous, weighted by how much
of it still lies inside the last ``window`` seconds), so no burst at a window's edge gets twice the
limit through. Only requests let through are counted: a client refused for a while is served again
once it slows down, as the "wait a minute" reply promises, however many refused requests it sent."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int, window: int) -> bool:
        """Count one request for ``key`` in the current ``window`` seconds; False when over ``limit``."""
        ...


def window_position(now: float, window: int) -> tuple[int, float]:
    """The current fixed window's number, and the weight of the previous one in the sliding estimate."""
    slot, into = divmod(now, window)
    return int(slot), 1.0 - into / window


def within(previous: int, current: int, weight: float, limit: int) -> bool:
    """Whether one more request keeps the sliding estimate at or under ``limit``."""
    return previous * weight + current + 1 <= limit


class LocalLimiter:
    """Counters in this process only: a client spread over N processes gets up to N times the limit."""

    SWEEP_SECONDS = 60

    def __init__(self, clock: Callable[[], float] = time.time):
        self._counts: dict[tuple[str, int, int], int] = {}  # (key, window, window number) -> requests let through
        self._lock = threading.Lock()
        self._clock = clock
        self._swept = clock()

    def hit(self, key: str, limit: int, window: int) -> bool:
        now = self._clock()
        slot, weight = window_position(now, window)
        with self._lock:
            if len(self._counts) > 100_000 or now - self._swept >= self.SWEEP_SECONDS:
                self._sweep(now)
            current = self._counts.get((key, window, slot), 0)
            if not within(self._counts.get((key, window, slot - 1), 0), current, weight, limit):
                return False
            self._counts[(key, window, slot)] = current + 1
        return True

    def _sweep(self, now: float) -> None:
        """Drop counters no estimate reads any more (a flood of keys must not grow memory for ever); each
        by its own window, so an hour's lookup budget outlives the minute's request counters."""
        self._swept = now
        self._counts = {k: v for k, v in self._counts.items() if k[2] >= int(now // k[1]) - 1}


LOOKUP_WINDOW_SECONDS = 3600
_PHONE_CHANNELS = ("sms", "whatsapp")  # one phone number: one budget, whichever of the two it writes on


def lookup_key(channel: str, sender: str) -> str:
    """The budget a status lookup counts against: per phone number across SMS and WhatsApp, else per
    channel identity (a Telegram chat, a web visitor)."""
    return f"lookup:phone:{sender}" if channel in _PHONE_CHANNELS else f"lookup:{channel}:{sender}"
