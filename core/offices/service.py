"""Routing a complaint to the office that covers its place, and the office trees officers see."""
from __future__ import annotations

from dataclasses import dataclass

from core.offices.catalog import OfficeInfo, catalog


@dataclass(frozen=True)
class Routing:
    office: OfficeInfo
    area_known: bool  # False: no office covers the place, so the department's head-office desk has it


def covering_office(department: str, district: str | None) -> OfficeInfo | None:
    if not district:
        return None
    return catalog().by_district.get((department, district.strip().lower()))


def head_office(department: str) -> OfficeInfo:
    head = catalog().heads.get(department)
    if head is None:
        raise LookupError(f"data/offices.yml has no head office for department {department!r}")
    return head


def route(department: str, district: str | None) -> Routing:
    """The office of ``department`` covering ``district``; the head office, area unknown, when none does."""
    found = covering_office(department, district)
    return Routing(found, True) if found else Routing(head_office(department), False)


def sla_days(office_code: str | None, department_days: int) -> int:
    """The office's own SLA when data/offices.yml gives one, else the department's."""
    info = catalog().by_code.get(office_code or "")
    return info.sla_days if info is not None and info.sla_days else department_days


def visible_offices(office_code: str | None) -> frozenset[str] | None:
    """The offices an officer of ``office_code`` sees; None means the whole department (a head office)."""
    if office_code is None:
        return None
    info = catalog().by_code.get(office_code)
    if info is None:
        return frozenset({office_code})  # an office gone from the data widens nobody's view
    return None if info.parent is None else catalog().tree(office_code)


def escalation_office(office_code: str, level: int) -> OfficeInfo:
    """Who is told at escalation ``level``: ``level`` offices up the chain, the head office once it ends."""
    path = catalog().path(office_code)
    return path[min(level, len(path) - 1)]


def chain_length(office_code: str) -> int:
    return len(catalog().path(office_code))


def office_label(office_code: str | None, district: str | None, language: str) -> str:
    """How a citizen reads where their case is: "LESCO (…), Lahore", or the head-office desk alone."""
    info = catalog().by_code.get(office_code or "")
    if info is None:
        return ""
    name = info.name(language)
    # Only a company covering several districts needs the place; the Urdu spelling of a district lives
    # with the NLU, so the Urdu label is the office's own name.
    if language != "ur" and len(info.districts) > 1 and covering_office(info.department, district) is info:
        return f"{name}, {district}"
    return name
