"""Counting requests per client in fixed windows: the port the core asks (``RateLimiter``) and the
in-process implementation. The app wires a Redis-backed one (api/ratelimit.py) so that every process
counts into the same windows."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int, window: int) -> bool:
        """Count one request for ``key`` in the current ``window`` seconds; False when over ``limit``."""
        ...


class LocalLimiter:
    """Counters in this process only: a client spread over N processes gets up to N times the limit."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._swept = 0

    def hit(self, key: str, limit: int, window: int) -> bool:
        slot = int(self._clock() // window)
        with self._lock:
            if len(self._counts) > 100_000 or slot != self._swept:
                self._sweep(slot)
            count = self._counts.get((key, slot), 0) + 1
            self._counts[(key, slot)] = count
        return count <= limit

    def _sweep(self, slot: int) -> None:
        """Drop counters of windows that are over (a flood of keys must not grow memory for ever)."""
        self._swept = slot
        self._counts = {k: v for k, v in self._counts.items() if k[1] >= slot - 1}


LOOKUP_WINDOW_SECONDS = 3600
_PHONE_CHANNELS = ("sms", "whatsapp")  # one phone number: one budget, whichever of the two it writes on


def lookup_key(channel: str, sender: str) -> str:
    """The budget a status lookup counts against: per phone number across SMS and WhatsApp, else per
    channel identity (a Telegram chat, a web visitor)."""
    return f"lookup:phone:{sender}" if channel in _PHONE_CHANNELS else f"lookup:{channel}:{sender}"
