"""ORM model of an office: one unit of a department covering some districts (seeded from data/offices.yml)."""
from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class Office(Base):
    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    name_en: Mapped[str] = mapped_column(String(160))
    name_ur: Mapped[str] = mapped_column(String(160))
    # The office a case climbs to on escalation; None for the department's head office.
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    districts: Mapped[list] = mapped_column(JSON, default=list)
    sla_days: Mapped[int | None] = mapped_column(Integer)
