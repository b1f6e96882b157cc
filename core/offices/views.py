"""Plain views of offices for adapters (the CLI list, the dashboard's choices)."""
from __future__ import annotations

from dataclasses import dataclass

from core.offices.catalog import OfficeInfo, offices


@dataclass(frozen=True)
class OfficeView:
    code: str
    department: str
    name_en: str
    name_ur: str
    parent: str | None
    districts: tuple[str, ...]
    sla_days: int | None


def office_view(info: OfficeInfo) -> OfficeView:
    return OfficeView(info.code, info.department, info.name_en, info.name_ur, info.parent, info.districts,
                      info.sla_days)


def list_offices(department: str | None = None) -> list[OfficeView]:
    """Offices in file order (head office first, then each provincial head followed by its districts)."""
    return [office_view(o) for o in offices(department)]
