"""Routing quality over a period: how often the NLU's department was kept, corrected by the citizen,
corrected by an officer, the most frequent wrong pairs, and each model's figures.

A complaint counts in the period it was filed. "Routed by the NLU" is the NLU's top intent being a
department; "kept" is the citizen keeping that department at filing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from core.complaints.models import Complaint
from core.routing.models import CONFIRMATION, CORRECTION, RoutingFeedback

# (kind, source) of a feedback row -> the figure it counts towards
SERIES = {(CONFIRMATION, "citizen"): "kept", (CORRECTION, "citizen"): "citizen",
          (CORRECTION, "officer"): "officer", (CONFIRMATION, "resolution"): "resolved"}


@dataclass
class Figures:
    complaints: int = 0
    kept: int = 0  # the citizen kept the NLU's department
    citizen: int = 0  # the citizen chose another department
    officer: int = 0  # an officer reassigned the case (at least once)
    resolved: int = 0  # resolved where the NLU sent it, never reassigned

    def share(self, name: str) -> float | None:
        return round(getattr(self, name) / self.complaints, 4) if self.complaints else None


@dataclass
class RoutingRow(Figures):
    department: str = ""
    language: str = ""


@dataclass
class ModelFigures(Figures):
    model: str = ""
    first_seen: datetime | None = None
    per_day: dict[str, dict[str, int]] = field(default_factory=dict)  # day -> series -> complaints


@dataclass
class RoutingStats:
    rows: list[RoutingRow]
    total: Figures
    not_routed: int  # complaints the NLU did not place in a department (down, unsure of any department)
    wrong_pairs: list[tuple[str, str, int]]  # (NLU's or previous department, final department, count)
    models: list[ModelFigures]


def compute_routing_stats(session: Session, since: datetime | None = None, department: str | None = None,
                          language: str | None = None, top_pairs: int = 10) -> RoutingStats:
    conds = [Complaint.created_at >= since] if since else []
    conds += [Complaint.nlu_department == department] if department else []
    conds += [Complaint.language == language] if language else []
    routed = conds + [Complaint.nlu_department.is_not(None)]
    rows: dict[tuple[str | None, str], RoutingRow] = {}
    for code, lang, count in session.execute(
            select(Complaint.nlu_department, Complaint.language, func.count())
            .where(*routed).group_by(Complaint.nlu_department, Complaint.language)):
        rows[(code, lang)] = RoutingRow(complaints=count, department=code or "", language=lang)
    feedback = (select(Complaint.nlu_department, Complaint.language, RoutingFeedback.kind, RoutingFeedback.source,
                       func.count(distinct(RoutingFeedback.complaint_id)))
                .join(Complaint, Complaint.id == RoutingFeedback.complaint_id).where(*routed)
                .group_by(Complaint.nlu_department, Complaint.language, RoutingFeedback.kind, RoutingFeedback.source))
    total = Figures()
    for code, lang, kind, source, count in session.execute(feedback):
        series = SERIES.get((kind, source))
        if series and (code, lang) in rows:
            setattr(rows[(code, lang)], series, getattr(rows[(code, lang)], series) + count)
    for row in rows.values():
        for name in ("complaints", "kept", "citizen", "officer", "resolved"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    not_routed = session.scalar(select(func.count()).select_from(Complaint).where(
        *conds, Complaint.nlu_department.is_(None))) if not department else 0
    return RoutingStats(sorted(rows.values(), key=lambda r: (r.department, r.language)), total, int(not_routed or 0),
                        _wrong_pairs(session, conds, top_pairs), _models(session, routed))


def _wrong_pairs(session: Session, conds: list, limit: int) -> list[tuple[str, str, int]]:
    count = func.count()
    query = (select(RoutingFeedback.from_department, RoutingFeedback.to_department, count)
             .join(Complaint, Complaint.id == RoutingFeedback.complaint_id)
             .where(*conds, RoutingFeedback.kind == CORRECTION)
             .group_by(RoutingFeedback.from_department, RoutingFeedback.to_department)
             .order_by(count.desc(), RoutingFeedback.from_department, RoutingFeedback.to_department).limit(limit))
    return [(frm or "", to, n) for frm, to, n in session.execute(query)]


def _models(session: Session, conds: list) -> list[ModelFigures]:
    models: dict[str, ModelFigures] = {}
    day = func.date(Complaint.created_at)
    for model, first, count in session.execute(
            select(Complaint.nlu_model, func.min(Complaint.created_at), func.count())
            .where(*conds).group_by(Complaint.nlu_model)):
        models[model or ""] = ModelFigures(complaints=count, model=model or "", first_seen=first)
    for model, d, count in session.execute(
            select(Complaint.nlu_model, day, func.count()).where(*conds).group_by(Complaint.nlu_model, day)):
        models[model or ""].per_day.setdefault(str(d), {})["complaints"] = count
    for model, d, kind, source, count in session.execute(
            select(Complaint.nlu_model, day, RoutingFeedback.kind, RoutingFeedback.source,
                   func.count(distinct(RoutingFeedback.complaint_id)))
            .join(Complaint, Complaint.id == RoutingFeedback.complaint_id).where(*conds)
            .group_by(Complaint.nlu_model, day, RoutingFeedback.kind, RoutingFeedback.source)):
        series = SERIES.get((kind, source))
        if series:
            figures = models[model or ""]
            setattr(figures, series, getattr(figures, series) + count)
            figures.per_day.setdefault(str(d), {})[series] = figures.per_day.get(str(d), {}).get(series, 0) + count
    return sorted(models.values(), key=lambda m: str(m.first_seen))
