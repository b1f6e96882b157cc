"""Compute the public statistics for one period: the counts from the officers' own ``compute_stats``
(so the two can never disagree), run once at the finest grain and added up; the median and the share
within the SLA from one pass over the period's resolved cases, with the same arithmetic.

The finest grain is a tuple of dimensions (``DIMENSIONS``: department, district); every published
breakdown (``ROLLUPS``) is that tuple with some dimensions summed over. A later breakdown by office is
one more dimension and one more roll-up.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from statistics import median

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer
from core.complaints.models import Complaint, Department
from core.complaints.stats import compute_stats
from core.db import utcnow
from core.departments.catalog import departments
from core.paths import PROJECT_ROOT
from core.transparency import i18n
from core.transparency.views import PERIODS, GroupStats, PublicStats, suppressed

# Every department, as an admin sees it: the public record is the whole country's.
EVERYONE = Viewer(None, "public statistics", None, True)
DISTRICTS_FILE = PROJECT_ROOT / "nlu" / "districts.tsv"
OTHER_DISTRICT = "other"
ALL = ""  # a dimension summed over
SEPARATOR = "|"  # joins the dimensions into compute_stats' one group key; codes and names never contain it


@lru_cache(maxsize=1)
def district_names() -> dict[str, tuple[str, str]]:
    """Canonical district -> (English, Urdu). Only these names are ever published: a free-text place
    (a town, a mohalla) stored in the district column falls into "other", never onto the page."""
    names = {}
    for line in DISTRICTS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, _latin, urdu = line.split("\t")
            names[canonical] = (canonical, urdu.split(";")[0])
    return names


def _district_key():
    return case((Complaint.district.in_(list(district_names())), Complaint.district), else_=OTHER_DISTRICT)


DIMENSIONS = (lambda: Complaint.department_code, _district_key)
ROLLUPS = {"departments": (True, False), "districts": (False, True), "department_districts": (True, True)}


@dataclass
class Tally:
    """One group's numbers before they are published."""

    filed: int = 0
    resolved: int = 0
    confirmed: int = 0
    not_satisfied: int = 0
    silence: int = 0
    within_sla: int = 0
    hours: list[float] = field(default_factory=list)  # filing to latest resolution, per resolved case


def _rollup_keys(fine: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [tuple(v if keep else ALL for v, keep in zip(fine, mask, strict=True)) for mask in ROLLUPS.values()]


def _tallies(session: Session, since: datetime | None) -> dict[tuple[str, ...], Tally]:
    keys = [dimension() for dimension in DIMENSIONS]
    fine_key = keys[0]
    for key in keys[1:]:
        fine_key = fine_key + SEPARATOR + key
    tallies: dict[tuple[str, ...], Tally] = defaultdict(Tally)
    for s in compute_stats(session, EVERYONE, since, key=fine_key, per_day=False):
        for key in _rollup_keys(tuple(s.department.split(SEPARATOR))):
            t = tallies[key]
            t.filed += s.total
            t.resolved += s.resolved_by_department
            t.confirmed += s.confirmed_by_citizen
            t.not_satisfied += s.rejected_by_citizen
            t.silence += s.closed_by_silence
    conds = [Complaint.resolved_at.is_not(None)] + ([Complaint.created_at >= since] if since else [])
    for *fine, created, resolved, sla_days in session.execute(
            select(*keys, Complaint.created_at, Complaint.resolved_at, Department.sla_days)
            .join(Department, Department.code == Complaint.department_code).where(*conds)):
        hours = (resolved - created).total_seconds() / 3600  # as compute_stats measures it
        for key in _rollup_keys(tuple(fine)):
            tallies[key].hours.append(hours)
            tallies[key].within_sla += hours <= sla_days * 24
    return tallies


def _row(code: str, names: tuple[str, str], t: Tally) -> GroupStats:
    # Rounded like compute_stats' median_hours_to_resolve, then to days.
    hours = round(median(t.hours), 2) if t.hours else None
    return GroupStats(
        code, *names, filed=t.filed, resolved_by_department=t.resolved, confirmed_by_citizen=t.confirmed,
        not_satisfied=t.not_satisfied, closed_by_silence=t.silence,
        within_sla_share=round(t.within_sla / t.resolved, 4) if t.resolved else None,
        median_days_to_resolve=round(hours / 24, 1) if hours is not None else None,
        confirmed_share=round(t.confirmed / t.resolved, 4) if t.resolved else None)


def _ranked(rows: list[GroupStats]) -> tuple[GroupStats, ...]:
    """Best confirmed share first; departments that resolved nothing come last, unranked."""
    rated = sorted((r for r in rows if r.confirmed_share is not None), key=lambda r: (-(r.confirmed_share or 0), r.code))
    unrated = sorted((r for r in rows if r.confirmed_share is None), key=lambda r: r.code)
    return tuple([replace(r, rank=i) for i, r in enumerate(rated, start=1)] + unrated)


def _district_rows(tallies: dict[tuple[str, ...], Tally], department: str) -> tuple[GroupStats, ...]:
    """The suppressed district rows of ``department`` (ALL: every department together), "other" last."""
    names = {**district_names(), OTHER_DISTRICT: (i18n.text("district_other", "en"), i18n.text("district_other", "ur"))}
    codes = sorted((d for (dept, d) in tallies if dept == department and d != ALL),
                   key=lambda d: (d == OTHER_DISTRICT, d))
    return tuple(suppressed(_row(d, names[d], tallies[(department, d)]), tallies[(department, d)].within_sla)
                 for d in codes)


def compute_public_stats(session: Session, period: str, now: datetime | None = None) -> PublicStats:
    """The public record of every department and district for ``period`` (a key of PERIODS)."""
    now = now or utcnow()
    days = PERIODS[period]
    since = now - timedelta(days=days) if days else None
    tallies = _tallies(session, since)
    department_rows = [replace(_row(d.code, (d.name_en, d.name_ur), tallies.get((d.code, ALL), Tally())),
                               districts=_district_rows(tallies, d.code)) for d in departments()]
    return PublicStats(period, since, now, _ranked(department_rows), _district_rows(tallies, ALL))
