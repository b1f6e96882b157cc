"""Storage benchmark: fill N complaints (default 1,000,000), then time the tracking-ID lookup and the
officer queue page on SQLite and PostgreSQL; prints p50/p99 per operation.

    .venv/bin/python -m bench.store_bench --rows 1000000 --backend both

Lookups go through ``core.complaints.queries.track`` (what GET /api/v1/track/{id} runs); queue pages
through ``core.complaints.queries.list_complaints`` as a department officer sees them (page 1 and a
deeper page). Each call runs in its own transaction, like one API request. Not a test: targets are
lookup p99 < 5 ms and queue page p99 < 50 ms at 1M rows, for a department's head office and for the
officers of one office (LESCO, a district police office) and of a provincial head (Punjab Police,
whose queue spans its districts' offices).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from bench.store_fill import DEPARTMENT_WEIGHTS, DISTRICTS, TEXTS, fill
from core.clusters import membership
from core.clusters import queries as cluster_queries
from core.complaints import queries
from core.complaints.access import Viewer
from core.complaints.models import Complaint
from core.db import Database, utcnow
from core.migrate import upgrade

# Office-scoped queues: one company, one district office, one provincial head over ~40 district offices.
OFFICE_QUEUES = [("electricity", "LESCO"), ("police", "POL-LAHORE"), ("police", "POL-PB")]
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(db: Database, call: Callable, repeat: int) -> list[float]:
    """Milliseconds per call, each in a fresh transaction (one API request's worth)."""
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        with db.transaction() as session:
            call(session, i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(db: Database, sample_ids: list[str], repeat: int, deep_page: int) -> list[tuple[str, list[float]]]:
    rng = random.Random(7)
    ids = [rng.choice(sample_ids) for _ in range(repeat)]
    timed(db, lambda s, i: queries.track(s, ids[i]), min(50, repeat))  # warm the cache, as a running service is
    results = [("tracking-ID lookup (track)", timed(db, lambda s, i: queries.track(s, ids[i]), repeat))]
    viewers = [(code, Viewer(None, "bench", code, False)) for code in DEPARTMENT_WEIGHTS]
    viewers += [(f"office {office}", Viewer(None, "bench", department, False, office))
                for department, office in OFFICE_QUEUES]
    for label, viewer in viewers:
        for page in (1, deep_page):
            def page_of(s, _i, viewer=viewer, page=page):
                return queries.list_complaints(s, viewer, queries.QueueFilter(page=page, per_page=20))
            timed(db, page_of, 3)
            results.append((f"queue {label} page {page}", timed(db, page_of, max(20, repeat // 10))))
    results.extend(measure_clusters(db, repeat))
    # What the queue's total cost before it was capped (migration 0002 + COUNT_CAP): the biggest department.
    exact = select(func.count()).select_from(Complaint).where(Complaint.department_code == "electricity")
    results.append(("exact COUNT electricity (not used)", timed(db, lambda s, _i: s.scalar(exact), 20)))
    return results


def measure_clusters(db: Database, repeat: int) -> list[tuple[str, list[float]]]:
    """Issue 13: finding a new complaint's candidate clusters (index range reads, bounded) and the
    problems queue ordered by size."""
    rng, now = random.Random(11), utcnow()
    news = [Complaint(department_code=rng.choice(list(DEPARTMENT_WEIGHTS)), district=rng.choice(DISTRICTS),
                      location_text=f"Mohalla {rng.randrange(1, 500)}", description=rng.choice(TEXTS))
            for _ in range(repeat)]
    timed(db, lambda s, i: membership.best_match(s, news[i], now), min(50, repeat))
    results = [("cluster candidates + match (best_match)",
                timed(db, lambda s, i: membership.best_match(s, news[i], now), repeat))]
    with db.transaction() as session:
        found = [len(membership.candidates(session, c, now)) for c in news[:100]]
    print(f"  candidate clusters per new complaint: median {statistics.median(found):.0f}, max {max(found)}")
    viewer = Viewer(None, "bench", "electricity", False)
    for order in ("size", "urgency"):
        def page_of(s, _i, order=order):
            return cluster_queries.list_clusters(s, viewer, queries.QueueFilter(status="open"), order)
        results.append((f"problems queue electricity by {order}", timed(db, page_of, max(20, repeat // 10))))
    return results


def report(backend: str, rows: int, results: list[tuple[str, list[float]]]) -> None:
    print(f"\n{backend}, {rows:,} complaints (load average {Path('/proc/loadavg').read_text().split()[0]})")
    print(f"{'operation':<42} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}")
    for name, samples in results:
        print(f"{name:<42} {len(samples):>5} {statistics.median(samples):>8.2f} {percentile(samples, 0.99):>8.2f}")


def _sqlite_url(path: str | None) -> tuple[str, Callable[[], None]]:
    if path:
        return f"sqlite:///{path}", lambda: None
    folder = Path(tempfile.mkdtemp(prefix="awaaz-bench-"))
    return f"sqlite:///{folder / 'bench.db'}", lambda: [p.unlink() for p in folder.iterdir()]


def _postgres_url() -> tuple[str, Callable[[], None]]:
    name = f"awaaz_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", drop


def measure_existing(url: str, args) -> None:
    """Time an already filled database (e.g. one kept with --keep) without filling it again."""
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT count(*) FROM complaints").scalar()
            sample = list(connection.exec_driver_sql("SELECT tracking_id FROM complaints WHERE MOD(id, 997) = 0").scalars())
        report(db.engine.dialect.name, rows, measure(db, sample, args.repeat, args.deep_page))
    finally:
        db.dispose()


def run(backend: str, args) -> None:
    url, drop = _sqlite_url(args.sqlite_path) if backend == "sqlite" else _postgres_url()
    db = Database(url)
    try:
        upgrade(db)
        print(f"{backend}: filling {args.rows:,} complaints …", flush=True)
        start = time.perf_counter()
        sample = fill(db, args.rows, progress=lambda m: print(m, flush=True))
        print(f"{backend}: filled in {time.perf_counter() - start:.0f} s", flush=True)
        report(backend, args.rows, measure(db, sample, args.repeat, args.deep_page))
    finally:
        db.dispose()
        if args.keep:
            print(f"kept: {url}")
        else:
            drop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="complaints to fill (default 1,000,000)")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1000, help="lookups to time (queue pages: a tenth)")
    parser.add_argument("--deep-page", type=int, default=50, help="the deeper queue page to time")
    parser.add_argument("--sqlite-path", help="SQLite file to fill (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the filled database (its URL is printed)")
    parser.add_argument("--url", help="only measure this already filled database")
    args = parser.parse_args(argv)
    if args.url:
        measure_existing(args.url, args)
        return 0
    for backend in (["sqlite", "postgres"] if args.backend == "both" else [args.backend]):
        run(backend, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
