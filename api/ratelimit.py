"""Request limits per client, shared by every app process through Redis, or per process without it.

Sliding-window counters (core.limits): ``hit(key, limit, window)`` says whether one more request for
``key`` stays within ``limit`` over the last ``window`` seconds, and counts it if so. With Redis (REDIS_URL, e.g. the machine's
127.0.0.1:6379) every process behind the load balancer counts into the same keys; when Redis is not
configured or not reachable at start, each process counts alone (said in the log at start), and if
Redis fails later a request is counted locally rather than refused.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from core.limits import LocalLimiter, window_position

log = logging.getLogger("awaaz.limits")


# Atomic in Redis: read the previous and current window's counts, and count this request only if the
# sliding estimate stays within the limit (several app processes may ask at the same moment).
_SLIDING_HIT = """
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if previous * tonumber(ARGV[1]) + current + 1 > tonumber(ARGV[2]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""


class RedisLimiter:
    """``<prefix>:<key>:<window>:<window number>`` counters, one script call, shared by all processes."""

    def __init__(self, client, prefix: str, fallback: LocalLimiter | None = None,
                 clock: Callable[[], float] = time.time):
        self.client, self.prefix, self._clock = client, prefix, clock
        self.fallback = fallback or LocalLimiter(clock)
        self._script = client.register_script(_SLIDING_HIT)
        self._warned = False

    def hit(self, key: str, limit: int, window: int) -> bool:
        slot, weight = window_position(self._clock(), window)
        names = [f"{self.prefix}:{key}:{window}:{slot}", f"{self.prefix}:{key}:{window}:{slot - 1}"]
        try:
            allowed = self._script(keys=names, args=[repr(weight), limit, 2 * window + 1])
        except Exception as exc:  # Redis went away: count here rather than refuse every citizen
            if not self._warned:
                log.warning("Redis unreachable (%s): counting request limits per process until it is back", exc)
                self._warned = True
            return self.fallback.hit(key, limit, window)
        self._warned = False
        return bool(int(allowed))


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
