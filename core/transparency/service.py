"""Compute the public statistics for one period from the officers' own ``compute_stats``, so the two
can never disagree; add what only the public page shows (share resolved within the SLA, the ranking)
and the district breakdown.

Groups are keyed by a column expression (``GROUPS``): a later breakdown (e.g. by office) is one more
entry there and one more field in ``PublicStats``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer
from core.complaints.models import Complaint, Department
from core.complaints.stats import DepartmentStats, compute_stats
from core.db import utcnow
from core.departments.catalog import departments
from core.paths import PROJECT_ROOT
from core.transparency import i18n
from core.transparency.views import PERIODS, GroupStats, PublicStats, suppressed

# Every department, as an admin sees it: the public record is the whole country's.
EVERYONE = Viewer(None, "public statistics", None, True)
DISTRICTS_FILE = PROJECT_ROOT / "nlu" / "districts.tsv"
OTHER_DISTRICT = "other"


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


GROUPS = {"departments": lambda: Complaint.department_code, "districts": _district_key,
          "department_districts": lambda: Complaint.department_code + PAIR + _district_key()}
PAIR = "|"  # department codes never contain it


def _within_sla(session: Session, key, since: datetime | None) -> dict[str, int]:
    """Of the cases the department marked resolved, how many had their (latest) resolution within the
    department's SLA days of filing."""
    conds = [Complaint.resolved_at.is_not(None)] + ([Complaint.created_at >= since] if since else [])
    counts: dict[str, int] = {}
    for code, created, resolved, sla_days in session.execute(
            select(key, Complaint.created_at, Complaint.resolved_at, Department.sla_days)
            .join(Department, Department.code == Complaint.department_code).where(*conds)):
        counts[code] = counts.get(code, 0) + (resolved - created <= timedelta(days=sla_days))
    return counts


def _row(code: str, names: tuple[str, str], s: DepartmentStats | None, within: int | None) -> GroupStats:
    s = s or DepartmentStats(code)
    hours = s.median_hours_to_resolve
    resolved = s.resolved_by_department
    return GroupStats(
        code, *names, filed=s.total, resolved_by_department=s.resolved_by_department,
        confirmed_by_citizen=s.confirmed_by_citizen, not_satisfied=s.rejected_by_citizen,
        closed_by_silence=s.closed_by_silence,
        within_sla_share=round((within or 0) / resolved, 4) if resolved else None,
        median_days_to_resolve=round(hours / 24, 1) if hours is not None else None,
        confirmed_share=round(s.confirmed_by_citizen / s.resolved_by_department, 4)
        if s.resolved_by_department else None)


def _ranked(rows: list[GroupStats]) -> tuple[GroupStats, ...]:
    """Best confirmed share first; departments that resolved nothing come last, unranked."""
    rated = sorted((r for r in rows if r.confirmed_share is not None), key=lambda r: (-(r.confirmed_share or 0), r.code))
    unrated = sorted((r for r in rows if r.confirmed_share is None), key=lambda r: r.code)
    return tuple([replace(r, rank=i) for i, r in enumerate(rated, start=1)] + unrated)


def _grouped(session: Session, group: str, since: datetime | None) -> dict[str, tuple[DepartmentStats, int | None]]:
    key = GROUPS[group]()
    within = _within_sla(session, key, since)
    rows = compute_stats(session, EVERYONE, since, key=key, per_day=False)
    return {s.department: (s, within.get(s.department)) for s in rows}


def compute_public_stats(session: Session, period: str, now: datetime | None = None) -> PublicStats:
    """The public record of every department and district for ``period`` (a key of PERIODS)."""
    now = now or utcnow()
    days = PERIODS[period]
    since = now - timedelta(days=days) if days else None
    by_department = _grouped(session, "departments", since)
    department_rows = [_row(d.code, (d.name_en, d.name_ur), *by_department.get(d.code, (None, None)))
                       for d in departments()]
    per_department = _district_rows(_grouped(session, "department_districts", since))
    department_rows = [replace(r, districts=tuple(per_department.get(r.code, {}).values())) for r in department_rows]
    districts = _district_rows({f"{PAIR}{code}": v for code, v in _grouped(session, "districts", since).items()})
    return PublicStats(period, since, now, _ranked(department_rows), tuple(districts.get("", {}).values()))


def _district_rows(grouped: dict[str, tuple[DepartmentStats, int | None]]) -> dict[str, dict[str, GroupStats]]:
    """``department|district`` keys -> department -> district -> suppressed row, districts in name order
    and "other" last (an empty department part: all departments together)."""
    names = {**district_names(), OTHER_DISTRICT: (i18n.text("district_other", "en"), i18n.text("district_other", "ur"))}
    out: dict[str, dict[str, GroupStats]] = {}
    for key in sorted(grouped, key=lambda k: (k.split(PAIR)[1] == OTHER_DISTRICT, k.split(PAIR)[1])):
        department_code, code = key.split(PAIR)
        s, within = grouped[key]
        out.setdefault(department_code, {})[code] = suppressed(_row(code, names[code], s, within), within or 0)
    return out
