"""Load data/departments.yml and keep the departments table in step with it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from core.complaints.models import Department
from core.paths import DATA_DIR


@dataclass(frozen=True)
class DepartmentInfo:
    code: str
    name_en: str
    name_ur: str
    sla_days: int
    service_code: str
    service_group: str
    description: str
    escalation_chain: tuple[str, ...]
    keywords: tuple[str, ...]

    def name(self, language: str) -> str:
        return self.name_ur if language == "ur" else self.name_en


def load_departments(path: Path | None = None) -> list[DepartmentInfo]:
    raw = yaml.safe_load((path or DATA_DIR / "departments.yml").read_text(encoding="utf-8"))
    return [
        DepartmentInfo(
            code=d["code"], name_en=d["name_en"], name_ur=d["name_ur"], sla_days=int(d["sla_days"]),
            service_code=d["service_code"], service_group=d["service_group"],
            description=d.get("description", ""), escalation_chain=tuple(d["escalation_chain"]),
            keywords=tuple(d.get("keywords", [])),
        )
        for d in raw["departments"]
    ]


@lru_cache(maxsize=1)
def departments() -> tuple[DepartmentInfo, ...]:
    return tuple(load_departments())


def department(code: str) -> DepartmentInfo | None:
    return next((d for d in departments() if d.code == code), None)


def department_by_service_code(service_code: str) -> DepartmentInfo | None:
    return next((d for d in departments() if d.service_code == service_code), None)


def seed_departments(session: Session) -> int:
    """Insert or update every department from the YAML; returns how many were written."""
    for info in departments():
        row = session.get(Department, info.code) or Department(code=info.code)
        row.name_en, row.name_ur, row.sla_days = info.name_en, info.name_ur, info.sla_days
        row.service_code, row.service_group = info.service_code, info.service_group
        row.description = info.description
        row.escalation_chain, row.keywords = list(info.escalation_chain), list(info.keywords)
        session.add(row)
    return len(departments())
