"""Request limits over a sliding window, in one process and shared through the machine's Redis: a burst
at a window's edge does not get twice the limit through, a client that slows down is served again
after the minute the reply asks it to wait, and an hour's budget is not forgotten when minute counters
are swept. The clock is the test's own; Redis is real."""
from __future__ import annotations

import uuid

import pytest

from api.ratelimit import RedisLimiter
from core.limits import LocalLimiter
from tests.hardening.test_floods import REDIS_URL, _redis_reachable


class Clock:
    def __init__(self, now: float = 1_800_000_000.0):  # on a minute and an hour boundary
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["local", "redis"])
def limiter_and_clock(request):
    clock = Clock()
    if request.param == "local":
        return LocalLimiter(clock), clock
    if not _redis_reachable():
        pytest.skip(f"Redis not reachable at {REDIS_URL} (the machine's Redis; apt-get install redis-server)")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    return RedisLimiter(client, f"awaaz-test-{uuid.uuid4().hex}", clock=clock), clock


def hits(limiter, clock, at: float, count: int, key: str = "chat:id:visitor", limit: int = 10, window: int = 60):
    clock.now = 1_800_000_000.0 + at
    return sum(limiter.hit(key, limit, window) for _ in range(count))


def test_a_burst_at_the_window_edge_gets_the_limit_not_twice_it(limiter_and_clock):
    limiter, clock = limiter_and_clock
    assert hits(limiter, clock, at=59, count=15) == 10  # the end of one minute
    assert hits(limiter, clock, at=61, count=15) == 0  # the start of the next: a fixed window would serve 10 more
    assert hits(limiter, clock, at=90, count=15) == 5  # half the previous minute still counts


def test_a_client_that_waits_a_minute_is_served_again_however_much_it_was_refused(limiter_and_clock):
    limiter, clock = limiter_and_clock
    assert hits(limiter, clock, at=30, count=500) == 10  # a flood: 490 refused, none of them counted
    assert hits(limiter, clock, at=31, count=1, key="chat:id:someone-else") == 1
    # A minute later the flood's 10 weigh 10 × 25/60: 5 more fit (counting the 490 refused, none would).
    assert hits(limiter, clock, at=95, count=10) == 5


def test_an_hours_budget_outlives_the_minute_counters(limiter_and_clock):
    limiter, clock = limiter_and_clock
    lookups = dict(key="lookup:phone:+923001234567", limit=3, window=3600)
    assert hits(limiter, clock, at=10, count=3, **lookups) == 3
    for minute in range(1, 5):  # other clients' minute limits keep the counters moving
        hits(limiter, clock, at=10 + 61 * minute, count=1)
    assert hits(limiter, clock, at=400, count=1, **lookups) == 0
    assert hits(limiter, clock, at=3600 + 3590, count=1, **lookups) == 1  # the hour has slid by
