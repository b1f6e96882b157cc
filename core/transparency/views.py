"""The only shapes public statistics leave the core in: aggregates per group, never a case or a person.

A district's counts below ``SMALL`` are replaced here by ``SUPPRESSED`` (and its shares and median,
which would reveal the same few cases, by ``None``), so the raw small number never reaches an
adapter, a template or the cache.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime

PERIODS = {"30d": 30, "90d": 90, "365d": 365, "all": None}  # period -> days back (None: all time)
SMALL = 5
SUPPRESSED = "<5"
COUNT_FIELDS = ("filed", "resolved_by_department", "confirmed_by_citizen", "not_satisfied", "closed_by_silence")

Count = int | str  # a number, or SUPPRESSED


@dataclass(frozen=True)
class GroupStats:
    """One department's (or district's) record over the period."""

    code: str
    name_en: str
    name_ur: str
    filed: Count
    resolved_by_department: Count
    confirmed_by_citizen: Count
    not_satisfied: Count
    closed_by_silence: Count
    within_sla_share: float | None
    median_days_to_resolve: float | None
    confirmed_share: float | None  # confirmed_by_citizen / resolved_by_department
    rank: int | None = None  # by confirmed_share, 1 = best; departments only
    districts: tuple[GroupStats, ...] = ()  # a department's own per-district rows, suppressed like the others


@dataclass(frozen=True)
class PublicStats:
    period: str
    since: datetime | None
    computed_at: datetime
    departments: tuple[GroupStats, ...]
    districts: tuple[GroupStats, ...]

    def to_dict(self) -> dict:
        return {"period": self.period, "since": self.since.isoformat() if self.since else None,
                "computed_at": self.computed_at.isoformat(),
                "departments": [asdict(d) for d in self.departments],
                "districts": [asdict(d) for d in self.districts]}

    @classmethod
    def from_dict(cls, data: dict) -> PublicStats:
        return cls(data["period"], datetime.fromisoformat(data["since"]) if data["since"] else None,
                   datetime.fromisoformat(data["computed_at"]), _rows(data["departments"]), _rows(data["districts"]))


def _rows(items: list[dict]) -> tuple[GroupStats, ...]:
    names = {f.name for f in fields(GroupStats)}
    return tuple(GroupStats(**{k: v for k, v in item.items() if k in names and k != "districts"},
                            districts=_rows(item.get("districts", []))) for item in items)


def suppress(count: int) -> Count:
    return SUPPRESSED if count < SMALL else count


def suppressed(row: GroupStats, within_sla: int) -> GroupStats:
    """The district version of a row: counts below SMALL hidden, and every figure that would let one be
    worked out withheld: a share whose numerator or base is below SMALL (``within_sla`` is the share's
    numerator), and the median of fewer than SMALL resolutions."""
    resolved, confirmed = int(row.resolved_by_department), int(row.confirmed_by_citizen)
    counts: dict = {f: suppress(int(getattr(row, f))) for f in COUNT_FIELDS}
    enough = resolved >= SMALL
    return replace(row, **counts, within_sla_share=row.within_sla_share if enough and within_sla >= SMALL else None,
                   median_days_to_resolve=row.median_days_to_resolve if enough else None,
                   confirmed_share=row.confirmed_share if enough and confirmed >= SMALL else None, rank=None)
