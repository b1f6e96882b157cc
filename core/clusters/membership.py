"""Joining a new complaint to the open cluster of its problem (or starting one), and keeping a
cluster's counts in step with its members. Called inside the caller's transaction."""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core.clusters import similarity as sim
from core.clusters.models import Cluster
from core.complaints.models import Complaint
from core.db import utcnow

MAX_CANDIDATES = 50
SUMMARY = 300
_DEGREE_M = 111_320.0  # metres per degree of latitude


@dataclass(frozen=True)
class Rules:
    radius_m: float = sim.DEFAULT_RADIUS_M
    window_days: int = 7


_rules = Rules()


def configure(*, radius_m: float, window_days: int) -> None:
    """Set by the composition root from CLUSTER_RADIUS_M and CLUSTER_WINDOW_DAYS."""
    global _rules
    _rules = Rules(radius_m, window_days)


def _district(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


def complaint_place(c: Complaint) -> sim.Place:
    words = sim.place_words(c.location_text, c.district)
    if all(sim.is_qualifier(w) for w in words):  # no neighbourhood named ("Lahore", "block 5"): read the words
        words |= sim.place_words_in_description(c.description, c.district)
    return sim.Place(_district(c.district), words, c.latitude, c.longitude)


def cluster_place(cl: Cluster) -> sim.Place:
    return sim.Place(cl.district, frozenset(cl.place_words.split()), cl.latitude, cl.longitude)


def candidates(session: Session, c: Complaint, now: datetime) -> list[Cluster]:
    """Open clusters of the department with a report in the window, by district or near the pin.

    Each query is a range read of ix_clusters_candidates / ix_clusters_recent, newest first, bounded.
    """
    since = now - timedelta(days=_rules.window_days)
    base = select(Cluster).where(Cluster.department_code == c.department_code, Cluster.is_open.is_(True),
                                 Cluster.last_report_at >= since)
    found: dict[int, Cluster] = {}
    district = _district(c.district)
    if district:
        query = base.where(Cluster.district == district)
        found.update((cl.id, cl) for cl in session.scalars(
            query.order_by(Cluster.last_report_at.desc()).limit(MAX_CANDIDATES)))
    if c.latitude is not None and c.longitude is not None:
        dlat = _rules.radius_m / _DEGREE_M
        dlon = dlat / max(0.01, abs(math.cos(math.radians(c.latitude))))
        query = base.where(Cluster.latitude.between(c.latitude - dlat, c.latitude + dlat),
                           Cluster.longitude.between(c.longitude - dlon, c.longitude + dlon))
        found.update((cl.id, cl) for cl in session.scalars(
            query.order_by(Cluster.last_report_at.desc()).limit(MAX_CANDIDATES)))
    return list(found.values())


def best_match(session: Session, c: Complaint, now: datetime) -> Cluster | None:
    place = complaint_place(c)
    key = sim.problem_key(c.description, place.words | sim.place_noise(c.district))
    scored = [(sim.text_similarity(key, cl.problem_key), cl) for cl in candidates(session, c, now)
              if sim.same_place(place, cluster_place(cl), _rules.radius_m)]
    scored = [(score, cl) for score, cl in scored if score >= sim.SIMILARITY_THRESHOLD]
    return max(scored, key=lambda sc: (sc[0], sc[1].size, sc[1].id))[1] if scored else None


def start_cluster(session: Session, c: Complaint, now: datetime) -> Cluster:
    place = complaint_place(c)
    cluster = Cluster(
        department_code=c.department_code, district=place.district, place_words=" ".join(sorted(place.words))[:500],
        latitude=c.latitude, longitude=c.longitude,
        problem_key=sim.problem_key(c.description, place.words | sim.place_noise(c.district)),
        summary=c.description[:SUMMARY], language=c.language, size=0, open_count=0, is_open=True,
        due_at=c.due_at, created_at=now, last_report_at=now, updated_at=now)
    session.add(cluster)
    session.flush()
    return cluster


def lock(session: Session, cluster_id: int) -> Cluster | None:
    query = select(Cluster).where(Cluster.id == cluster_id).with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).one_or_none()


def add_member(session: Session, cluster: Cluster, c: Complaint, now: datetime) -> None:
    """Put ``c`` into ``cluster`` (locked by the caller) and widen the cluster's place to include it."""
    words = set(cluster.place_words.split()) | complaint_place(c).words
    cluster.place_words = " ".join(sorted(words))[:500]
    if cluster.latitude is None and c.latitude is not None:
        cluster.latitude, cluster.longitude = c.latitude, c.longitude
    cluster.last_report_at = max(cluster.last_report_at, c.created_at or now)
    c.cluster_id = cluster.id
    refresh(session, cluster)


def _take_turns(session: Session, c: Complaint) -> None:
    """Two first reports of one problem filed at once would each see no cluster and start two. On
    PostgreSQL, filings of one department and district take turns from here to the commit (a
    transaction-scoped advisory lock); SQLite already admits one writer at a time."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"cluster:{c.department_code}:{_district(c.district) or ''}".encode()) - 2**31
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def join_or_start(session: Session, c: Complaint, now: datetime | None = None) -> tuple[Cluster, bool]:
    """The cluster ``c`` now belongs to, and whether it joined an existing one."""
    now = now or utcnow()
    _take_turns(session, c)
    match = best_match(session, c, now)
    locked = lock(session, match.id) if match is not None else None
    joined = locked is not None and locked.is_open  # still open once we hold it
    cluster = locked if locked is not None and joined else start_cluster(session, c, now)
    add_member(session, cluster, c, now)
    return cluster, joined


def refresh(session: Session, cluster: Cluster) -> None:
    """Recount size, open members and the most urgent due date from the members (the caller holds the lock)."""
    is_open = Complaint.is_open.is_(True)
    size, open_count, due_at = session.execute(
        select(func.count(), func.count().filter(is_open), func.min(Complaint.due_at).filter(is_open))
        .where(Complaint.cluster_id == cluster.id)).one()
    cluster.size, cluster.open_count, cluster.is_open, cluster.due_at = size, open_count, open_count > 0, due_at
    cluster.updated_at = utcnow()


def member_changed(session: Session, c: Complaint) -> None:
    """A member's status or clock moved: bring its cluster's counts up to date."""
    if c.cluster_id is None:
        return
    cluster = lock(session, c.cluster_id)
    if cluster is not None:
        refresh(session, cluster)


def drop_if_empty(session: Session, cluster: Cluster) -> None:
    if cluster.size == 0:
        session.delete(cluster)


def leave(session: Session, c: Complaint) -> Cluster | None:
    """Take ``c`` out of its cluster (recounted; deleted when empty); returns the cluster it left."""
    if c.cluster_id is None:
        return None
    old = lock(session, c.cluster_id)
    c.cluster_id = None
    session.flush()
    if old is not None:
        refresh(session, old)
        drop_if_empty(session, old)
    return old


def rehome(session: Session, c: Complaint) -> tuple[Cluster, bool]:
    """After a reassignment: leave the old department's cluster and join (or start) one in the new."""
    session.flush()  # the new department_code
    leave(session, c)
    return join_or_start(session, c)
