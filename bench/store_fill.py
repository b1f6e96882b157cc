"""Bulk-fill a migrated database with a realistic mix of complaints for bench/store_bench.py.

Rows go in by the thousand (COPY on PostgreSQL, executemany on SQLite), never through the ORM one by
one: departments weighted like a real country's load, statuses from new to closed, two years of
filing dates, SLA due dates from data/departments.yml, each case at the office covering its district
(data/offices.yml; a few with no district at the head office), two history events per case.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert

from core.clusters import similarity as sim
from core.clusters.models import Cluster
from core.complaints.lifecycle import OPEN_STATUSES, Status
from core.complaints.models import Citizen, Complaint, ComplaintEvent
from core.complaints.tracking import new_tracking_id
from core.db import Database
from core.departments.catalog import departments
from core.offices.service import route

DEPARTMENT_WEIGHTS = {"electricity": 30, "water_supply": 20, "local_government": 20, "police": 10, "health": 10,
                      "education": 10}
STATUS_WEIGHTS = {"forwarded": 25, "in_progress": 15, "resolved": 10, "closed": 40, "rejected": 5, "reopened": 5}
DISTRICTS = ["Lahore", "Karachi", "Islamabad", "Rawalpindi", "Faisalabad", "Multan", "Peshawar", "Quetta",
             "Hyderabad", "Gujranwala", "Sialkot", "Bahawalpur", "Sukkur", "Abbottabad", "Sargodha", "Mardan"]
TEXTS = ["Bijli 3 din se band hai", "Gali mein ganda pani aa raha hai", "School mein ustad nahi aate",
         "BHU mein dawai nahi hai", "Thane wale FIR darj nahi kar rahe", "Kachra kai din se nahi utha",
         "Transformer jal gaya hai", "Street light kharab hai", "Pani ka pipe phat gaya"]
UNKNOWN_PLACE = 0.03  # share of cases whose district is unknown (they wait at the head office)
CHUNK = 10_000
CITIZENS = 50_000


def _rows(count: int, seed: int) -> Iterator[tuple[dict, list[dict]]]:
    rng = random.Random(seed)
    info = {d.code: d for d in departments()}
    codes, weights = list(DEPARTMENT_WEIGHTS), list(DEPARTMENT_WEIGHTS.values())
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    now = datetime.now(timezone.utc)
    seen: set[str] = set()
    for _ in range(count):
        tracking_id = new_tracking_id()
        while tracking_id in seen:
            tracking_id = new_tracking_id()
        seen.add(tracking_id)
        code = rng.choices(codes, weights)[0]
        status = Status(rng.choices(statuses, status_weights)[0])
        created = now - timedelta(seconds=rng.randrange(2 * 365 * 86400))
        due = created + timedelta(days=info[code].sla_days)
        is_open = status in OPEN_STATUSES
        resolved = created + timedelta(hours=rng.randrange(1, 400)) if status in (Status.RESOLVED, Status.CLOSED) else None
        district = rng.choice(DISTRICTS) if rng.random() >= UNKNOWN_PLACE else None
        yield {
            "tracking_id": tracking_id, "department_code": code, "office_code": route(code, district).office.code,
            "description": rng.choice(TEXTS),
            "language": "roman_ur", "channel": rng.choice(["whatsapp", "telegram", "sms", "web"]),
            "citizen_id": rng.randrange(1, CITIZENS + 1), "anonymous": rng.random() < 0.05,
            "location_text": f"Mohalla {rng.randrange(1, 500)}, {district or 'near the bus stop'}",
            "district": district,
            "latitude": None, "longitude": None, "attachments": [], "status": status.value, "is_open": is_open,
            "created_at": created, "updated_at": resolved or created, "due_at": due,
            "escalation_due_at": due if is_open else None, "escalation_level": 0 if due > now or not is_open else 1,
            "routed_by": "nlu", "nlu_confidence": round(rng.uniform(0.6, 1.0), 3), "resolved_at": resolved,
            "times_resolved": 1 if resolved else 0,
            "citizen_confirmed_at": resolved + timedelta(days=1) if status == Status.CLOSED else None,
            "times_rejected_by_citizen": 1 if status == Status.REOPENED else 0,
            "closed_at": resolved + timedelta(days=1) if status == Status.CLOSED else None,
            "closed_by": "citizen" if status == Status.CLOSED else None,
            "reject_reason": "Not our jurisdiction" if status == Status.REJECTED else None,
        }, [
            {"kind": "status_changed", "actor_type": "citizen", "to_status": "submitted", "at": created,
             "from_status": None, "note": "", "public": True, "data": {}},
            {"kind": "status_changed", "actor_type": "system", "from_status": "submitted", "to_status": "forwarded",
             "at": created, "note": f"Forwarded to {info[code].name_en}", "public": True, "data": {}},
        ]


def _copy(db: Database, table, columns: list[str], rows: list[dict]) -> None:
    json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = db.engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([json.dumps(row.get(c)) if c in json_columns else row.get(c) for c in columns])
        raw.driver_connection.commit()
    finally:
        raw.close()


def _insert(db: Database, table, rows: list[dict], with_id: bool = False) -> None:
    """Complaints carry explicit ids so that their events can point at them without a round trip."""
    columns = [c.name for c in table.columns if with_id or c.name != "id"]
    if db.is_postgres:
        _copy(db, table, columns, rows)
        return
    with db.engine.begin() as connection:
        connection.execute(insert(table), [{c: row.get(c) for c in columns} for row in rows])


def _next_id(db: Database, table) -> int:
    with db.engine.connect() as connection:
        return (connection.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table.name}").scalar() or 0) + 1


def fill(db: Database, count: int, seed: int = 1, progress=print) -> list[str]:
    """Insert ``count`` complaints (and their citizens and events); returns a sample of tracking IDs."""
    citizens = [{"channel": "whatsapp", "address": f"+9230{i:08d}", "name": None, "phone": f"+9230{i:08d}",
                 "cnic": None, "language": "roman_ur", "created_at": datetime.now(timezone.utc)}
                for i in range(1, CITIZENS + 1)]
    _insert(db, Citizen.__table__, citizens)
    sample: list[str] = []
    complaint_id = _next_id(db, Complaint.__table__)
    batch: list[dict] = []
    events: list[dict] = []
    clusters: list[dict] = []
    for n, (row, history) in enumerate(_rows(count, seed), start=1):
        row["id"] = row["cluster_id"] = complaint_id
        clusters.append(_cluster_of(row))
        batch.append(row)
        events.extend({**e, "complaint_id": complaint_id} for e in history)
        complaint_id += 1
        if n % 997 == 0:
            sample.append(row["tracking_id"])
        if len(batch) == CHUNK or n == count:
            _insert(db, Cluster.__table__, clusters, with_id=True)
            _insert(db, Complaint.__table__, batch, with_id=True)
            _insert(db, ComplaintEvent.__table__, events)
            batch, events, clusters = [], [], []
            if n % 100_000 == 0 or n == count:
                progress(f"  filled {n:,} complaints")
    _analyze(db)
    return sample


def _cluster_of(row: dict) -> dict:
    """Every complaint alone in its cluster: the most cluster rows, so the candidate lookup's worst case."""
    place = sim.place_words(row["location_text"], row["district"])
    return {"id": row["id"], "department_code": row["department_code"], "district": row["district"].lower() if row["district"] else None,
            "place_words": " ".join(sorted(place)), "latitude": None, "longitude": None,
            "problem_key": _problem_key(row["description"]), "summary": row["description"],
            "language": row["language"], "size": 1, "open_count": int(row["is_open"]), "is_open": row["is_open"],
            "due_at": row["due_at"] if row["is_open"] else None, "created_at": row["created_at"],
            "last_report_at": row["created_at"], "updated_at": row["updated_at"]}


_KEYS: dict[str, str] = {}


def _problem_key(text: str) -> str:
    if text not in _KEYS:
        _KEYS[text] = sim.problem_key(text)
    return _KEYS[text]


def _analyze(db: Database) -> None:
    """Planner statistics and the visibility map, as autovacuum gives a running deployment."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if db.is_postgres:
            for table in ("complaints", "complaint_events", "clusters"):
                connection.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                           f"(SELECT MAX(id) FROM {table}))")
            connection.exec_driver_sql("VACUUM ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")
