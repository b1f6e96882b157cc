"""Public statistics benchmark: 1,000 requests to /transparency (English and Urdu), to /api/v1/public/stats
and to /transparency.csv with a warm cache (and to /healthz, the floor), against a real server (uvicorn subprocess on loopback, several worker processes
sharing the database cache), on a database filled by bench/store_fill.py; prints p50/p95/p99,
requests/s, the cold (computing) first request, and the load average beside the figures.

    .venv/bin/python -m bench.transparency_bench --complaints 20000 --requests 1000 --concurrency 20

Not a test. The server is started and stopped here; the database is a fresh SQLite file (or, with
--backend postgres, a fresh PostgreSQL database, dropped at the end) unless --database-url names an
already filled one.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

import httpx

from bench.webhook_bench import app_env, percentile, uvicorn

# /healthz (no database, a few bytes) on the same server is the floor the others are compared with.
PATHS = {"page": "/transparency?period=90d", "page_urdu": "/transparency?period=90d&lang=ur",
         "json": "/api/v1/public/stats?period=90d", "csv": "/transparency.csv?period=90d", "healthz": "/healthz"}


def loadavg() -> str:
    path = Path("/proc/loadavg")
    return " ".join(path.read_text().split()[:3]) if path.exists() else "?"


def filled(backend: str, complaints: int):
    """A fresh database of ``backend`` filled with ``complaints``; returns its URL and how to drop it."""
    from bench.store_bench import _postgres_url, _sqlite_url
    from bench.store_fill import fill
    from core.db import Database
    from core.migrate import upgrade

    url, drop = _sqlite_url(None) if backend == "sqlite" else _postgres_url()
    database = Database(url)
    upgrade(database)
    fill(database, complaints, progress=lambda line: print(line, file=sys.stderr))
    database.dispose()
    return url, drop


async def hammer(url: str, path: str, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    queue = iter(range(requests))

    async def visitor(client: httpx.AsyncClient) -> None:
        for _ in queue:  # the shared iterator hands out exactly `requests` requests
            started = time.perf_counter()
            try:
                response = await client.get(url + path)
            except httpx.HTTPError as exc:  # counted and reported, not hidden
                failures.append(f"{type(exc).__name__}: {exc}")
                continue
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                failures.append(f"{response.status_code}: {response.text[:200]}")
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(visitor(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 1), "failures": len(failures),
            "first_failure": failures[0] if failures else ""}


def cold(url: str, path: str) -> float:
    started = time.perf_counter()
    httpx.get(url + path, timeout=120).raise_for_status()
    return round((time.perf_counter() - started) * 1000, 1)


def run(args) -> dict:
    results: dict = {"complaints": args.complaints, "requests": args.requests, "concurrency": args.concurrency,
                     "workers": args.workers, "cpus": os.cpu_count()}
    database_url, drop = (args.database_url, lambda: None) if args.database_url else filled(args.backend,
                                                                                            args.complaints)
    results["database"] = database_url.split(":", 1)[0].split("+")[0]
    try:
        with uvicorn("api.app:create_app", app_env(database_url, None), args.workers, factory=True) as url:
            results["cold_first_request_ms"] = cold(url, PATHS["json"])  # computes and stores the 90d numbers
            results["loadavg_before"] = loadavg()
            for name, path in PATHS.items():
                asyncio.run(hammer(url, path, 50, args.concurrency))  # warm-up: connections, templates
                results[name] = asyncio.run(hammer(url, path, args.requests, args.concurrency))
            results["loadavg_after"] = loadavg()
    finally:
        drop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite",
                        help="fresh database to fill (PostgreSQL: a new database at TEST_POSTGRES_URL's server)")
    parser.add_argument("--complaints", type=int, default=20_000, help="complaints to fill (fresh database only)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per endpoint, warm cache")
    parser.add_argument("--concurrency", type=int, default=20, help="visitors at once")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (sharing the cache)")
    parser.add_argument("--database-url", default="", help="an already migrated and filled database")
    args = parser.parse_args(argv)
    results = run(args)
    print(f"{results['complaints']:,} complaints ({results['database']}), {results['workers']} workers, "
          f"{results['concurrency']} concurrent visitors; cold first request {results['cold_first_request_ms']} ms")
    for name in PATHS:
        r = results[name]
        print(f"{name:10} {r['per_s']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
              f"  p99 {r['p99_ms']:7.1f} ms  ({r['requests']} requests, {r['failures']} failures)")
    print(f"load average before {results['loadavg_before']}, after {results['loadavg_after']}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
