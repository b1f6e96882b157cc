"""The public statistics cache on both databases: computed at most once a minute per period, shared
by every app (two create_app() on one database stand for two processes), and one computation for a
crowd arriving at once."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.db import utcnow
from core.transparency import service
from core.transparency.cache import StatsCache

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now


@pytest.fixture
def computations(monkeypatch) -> list[str]:
    """Every real computation of the statistics, by period, across every cache in this process."""
    calls: list[str] = []
    real = service.compute_public_stats

    def counted(session, period, now=None):
        calls.append(period)
        return real(session, period, now)
    monkeypatch.setattr(service, "compute_public_stats", counted)
    return calls


def test_computed_at_most_once_a_minute_per_period(db, file_case, computations):
    clock = Clock()
    cache = StatsCache(db, 60, clock=clock)
    file_case("health", "No doctor at the BHU")
    assert cache.get("30d").departments and cache.get("30d") is cache.get("30d")
    cache.get("all")
    assert computations == ["30d", "all"]
    file_case("health", "No medicine at the dispensary", address="77")
    clock.now += timedelta(seconds=59)
    assert _filed(cache.get("30d"), "health") == 1 and computations == ["30d", "all"]
    clock.now += timedelta(seconds=2)
    assert _filed(cache.get("30d"), "health") == 2 and computations == ["30d", "all", "30d"]


def test_a_failed_refresh_serves_the_last_numbers(db, file_case, computations, monkeypatch, caplog):
    clock = Clock()
    cache = StatsCache(db, 60, clock=clock)
    file_case("health", "No doctor at the BHU")
    before = cache.get("30d")
    clock.now += timedelta(seconds=61)

    def broken(session, period, now=None):
        raise RuntimeError("database connection lost")
    monkeypatch.setattr(service, "compute_public_stats", broken)
    assert cache.get("30d") is before
    assert "refresh failed; serving those of" in caplog.text
    with pytest.raises(RuntimeError):
        StatsCache(db, 60, clock=clock).get("30d")  # nothing older to serve: the error is not hidden


def _filed(stats, code: str):
    return next(d.filed for d in stats.departments if d.code == code)


def test_two_app_processes_share_one_computation(db, settings, file_case, computations):
    file_case("electricity", "Transformer burnt")
    first, second = create_app(settings, db=db, run_worker=False), create_app(settings, db=db, run_worker=False)
    with TestClient(first) as a, TestClient(second) as b:
        one = a.get("/api/v1/public/stats?period=90d").json()
        file_case("electricity", "No power since morning", address="88")
        two = b.get("/api/v1/public/stats?period=90d").json()
        assert two == one and computations == ["90d"]  # the second app read the first one's numbers
        assert b.get("/transparency.csv?period=90d").status_code == 200 and computations == ["90d"]
        for app in (first, second):  # a minute later, for both
            app.state.container.extras["public_stats"].clock = lambda: utcnow() + timedelta(seconds=61)
        three = b.get("/api/v1/public/stats?period=90d").json()
        four = a.get("/api/v1/public/stats?period=90d").json()
        assert computations == ["90d", "90d"] and three == four
        assert _filed_json(three, "electricity") == 2 and three["computed_at"] != one["computed_at"]


def _filed_json(data: dict, code: str) -> int:
    return next(d["filed"] for d in data["departments"] if d["code"] == code)


def test_a_crowd_on_a_cold_cache_causes_one_computation(db, file_case, computations):
    file_case("police", "FIR not registered")
    caches = [StatsCache(db), StatsCache(db)]  # two processes, each with its own memo and locks
    start = threading.Barrier(16)
    results, errors = [], []

    def visitor(cache):
        try:
            start.wait()
            results.append(cache.get("365d"))
        except Exception as exc:  # reported below, not swallowed
            errors.append(exc)
    threads = [threading.Thread(target=visitor, args=(caches[i % 2],)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 16
    assert computations == ["365d"]
    assert len({r.computed_at for r in results}) == 1 and _filed(results[0], "police") == 1


def test_while_one_process_recomputes_another_serves_the_last_numbers(db, file_case, computations, monkeypatch):
    clock = Clock()
    computing, serving = StatsCache(db, clock=clock), StatsCache(db, clock=clock)
    old = computing.get("30d")
    assert serving.get("30d") == old
    clock.now += timedelta(seconds=61)
    served = []
    real = service.compute_public_stats

    def compute_while_the_other_asks(session, period, now=None):
        # Mid-computation, the other process must neither wait nor compute, and a citizen can still file.
        other = threading.Thread(target=lambda: served.append(serving.get(period)))
        other.start()
        other.join(timeout=10)
        assert not other.is_alive(), "the other process waited for the computation"
        file_case("health", "Filed while the statistics are computed", address="55")
        return real(session, period, now)
    monkeypatch.setattr(service, "compute_public_stats", compute_while_the_other_asks)
    fresh = computing.get("30d")
    assert served == [old] and fresh.computed_at == clock.now and computations == ["30d", "30d"]


@contextmanager
def app_process(database_url: str):
    """The real app in its own process (uvicorn, factory), on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "WORKER_ENABLED": "false", "NLU_ENABLED": "false",
           "LOG_LEVEL": "WARNING", "TELEGRAM_BOT_TOKEN": "", "TWILIO_ACCOUNT_SID": ""}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host",
                                "127.0.0.1", "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)  # polling a starting server: it has no other signal
        yield url
    finally:
        process.terminate()
        process.wait(15)


def test_two_real_processes_serve_one_computation(db, file_case):
    file_case("education", "No teacher in the primary school")
    with app_process(db.url) as first, app_process(db.url) as second:
        one = httpx.get(first + "/api/v1/public/stats?period=all", timeout=30).json()
        file_case("education", "School roof is leaking", address="99")
        two = httpx.get(second + "/api/v1/public/stats?period=all", timeout=30).json()
    # Computed once, by the first process: the second served the same computation (same instant, and
    # not yet the complaint filed in between).
    assert two["computed_at"] == one["computed_at"] and two == one
    assert _filed_json(one, "education") == 1
