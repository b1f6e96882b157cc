"""Request limits per client, shared by every app process through Redis, or per process without it.

Fixed one-window counters: ``hit(key, limit, window)`` counts one request for ``key`` in the current
window and says whether it is within ``limit``. With Redis (REDIS_URL, e.g. the machine's
127.0.0.1:6379) every process behind the load balancer counts into the same keys; when Redis is not
configured or not reachable at start, each process counts alone (said in the log at start), and if
Redis fails later a request is counted locally rather than refused.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from core.limits import LocalLimiter

log = logging.getLogger("awaaz.limits")


class RedisLimiter:
    """INCR + EXPIRE on ``<prefix>:<key>:<window number>``: one round trip, shared by all processes."""

    def __init__(self, client, prefix: str, fallback: LocalLimiter | None = None,
                 clock: Callable[[], float] = time.time):
        self.client, self.prefix, self._clock = client, prefix, clock
        self.fallback = fallback or LocalLimiter(clock)
        self._warned = False

    def hit(self, key: str, limit: int, window: int) -> bool:
        slot = int(self._clock() // window)
        name = f"{self.prefix}:{key}:{window}:{slot}"
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.incr(name)
            pipe.expire(name, window + 1)
            count = pipe.execute()[0]
        except Exception as exc:  # Redis went away: count here rather than refuse every citizen
            if not self._warned:
                log.warning("Redis unreachable (%s): counting request limits per process until it is back", exc)
                self._warned = True
            return self.fallback.hit(key, limit, window)
        self._warned = False
        return int(count) <= limit


def build_limiter(redis_url: str, prefix: str):
    """The Redis limiter when REDIS_URL answers, else the per-process one; says which at start."""
    if not redis_url:
        log.warning("REDIS_URL is empty: request limits are counted per process")
        return LocalLimiter()
    try:
        import redis

        client = redis.Redis.from_url(redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
        client.ping()
    except Exception as exc:
        log.warning("Redis not reachable at %s (%s): request limits are counted per process, so N app "
                    "processes allow N times each limit", _shown(redis_url), type(exc).__name__)
        return LocalLimiter()
    log.info("request limits are shared through Redis at %s", _shown(redis_url))
    return RedisLimiter(client, prefix)


def _shown(url: str) -> str:
    """The URL without a password, for the log."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rsplit('@', 1)[-1]}"
