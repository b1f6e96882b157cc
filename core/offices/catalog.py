"""Load data/offices.yml, check it, and keep the offices table in step with it.

The catalog is read once per process (like the departments): routing a complaint, scoping an
officer and naming an office are in-memory look-ups, never a query.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from core.paths import DATA_DIR


@dataclass(frozen=True)
class OfficeInfo:
    code: str
    department: str
    name_en: str
    name_ur: str
    parent: str | None
    districts: tuple[str, ...]
    sla_days: int | None

    def name(self, language: str) -> str:
        return self.name_ur if language == "ur" else self.name_en


class OfficeDataError(ValueError):
    """data/offices.yml contradicts itself (an unknown parent, a cycle, two heads, a district twice)."""


@dataclass(frozen=True)
class Catalog:
    by_code: dict[str, OfficeInfo]
    heads: dict[str, OfficeInfo]  # department -> its head office
    by_district: dict[tuple[str, str], OfficeInfo]  # (department, lower-case district) -> office
    children: dict[str, tuple[str, ...]]

    def path(self, code: str) -> tuple[OfficeInfo, ...]:
        """The office, its parent, … up to the department's head office."""
        chain = [self.by_code[code]]
        while chain[-1].parent is not None:
            chain.append(self.by_code[chain[-1].parent])
        return tuple(chain)

    def tree(self, code: str) -> frozenset[str]:
        """The office and every office below it."""
        found, todo = set(), [code]
        while todo:
            current = todo.pop()
            found.add(current)
            todo.extend(self.children.get(current, ()))
        return frozenset(found)


def load_offices(path: Path | None = None) -> list[OfficeInfo]:
    raw = yaml.safe_load((path or DATA_DIR / "offices.yml").read_text(encoding="utf-8"))
    return [
        OfficeInfo(code=str(o["code"]), department=department, name_en=o["name_en"], name_ur=o["name_ur"],
                   parent=o.get("parent"), districts=tuple(o.get("districts") or ()),
                   sla_days=int(o["sla_days"]) if o.get("sla_days") else None)
        for department, items in (raw.get("offices") or {}).items() for o in items
    ]


def build_catalog(items: list[OfficeInfo]) -> Catalog:
    """Index the offices, refusing data that would route a case nowhere or twice, or escalate in circles."""
    by_code: dict[str, OfficeInfo] = {}
    heads: dict[str, OfficeInfo] = {}
    by_district: dict[tuple[str, str], OfficeInfo] = {}
    children: dict[str, list[str]] = {}
    for office in items:
        if office.code in by_code:
            raise OfficeDataError(f"office code {office.code} appears twice")
        by_code[office.code] = office
        if office.parent is None:
            if office.department in heads:
                raise OfficeDataError(f"{office.department} has two head offices")
            heads[office.department] = office
        for district in office.districts:
            key = (office.department, district.lower())
            if key in by_district:
                raise OfficeDataError(f"{district} is covered by {by_district[key].code} and {office.code}")
            by_district[key] = office
    for office in items:
        if office.parent is None:
            continue
        parent = by_code.get(office.parent)
        if parent is None or parent.department != office.department:
            raise OfficeDataError(f"{office.code}: parent {office.parent} is not an office of {office.department}")
        children.setdefault(office.parent, []).append(office.code)
    catalog = Catalog(by_code, heads, by_district, {k: tuple(v) for k, v in children.items()})
    for office in items:
        _check_reaches_head(catalog, office)
    return catalog


def _check_reaches_head(catalog: Catalog, office: OfficeInfo) -> None:
    seen = {office.code}
    current = office
    while current.parent is not None:
        current = catalog.by_code[current.parent]
        if current.code in seen:
            raise OfficeDataError(f"the parents of {office.code} go round in a circle")
        seen.add(current.code)


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return build_catalog(load_offices())


def office(code: str | None) -> OfficeInfo | None:
    return catalog().by_code.get(code) if code else None


def offices(department: str | None = None) -> list[OfficeInfo]:
    return [o for o in catalog().by_code.values() if department is None or o.department == department]


def seed_offices(session: Session, known_departments: set[str]) -> int:
    """Insert or update every office of a known department, parents before children; returns the count."""
    from core.offices.models import Office

    written = 0
    ordered = sorted(offices(), key=lambda o: len(catalog().path(o.code)))
    for info in ordered:
        if info.department not in known_departments:
            continue
        row = session.get(Office, info.code) or Office(code=info.code)
        row.department_code, row.name_en, row.name_ur = info.department, info.name_en, info.name_ur
        row.parent_code, row.districts, row.sla_days = info.parent, list(info.districts), info.sla_days
        session.add(row)
        session.flush()  # a parent row exists before its children reference it
        written += 1
    return written
