"""Recording what the NLU chose and what the case's department finally was; the review of corrections.

The core only records: ``nlu_snapshot`` keeps a parse's model and top intents for the draft, and
filing, reassignment and resolution call ``record_*`` in the same transaction. Anything that
learns from approved corrections lives in ``nlu/`` and reads them through ``training_examples``.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.models import Citizen, Complaint, Department
from core.db import utcnow
from core.errors import InvalidInput
from core.ports import NluResult
from core.routing.models import APPROVED, CONFIRMATION, CORRECTION, PENDING, REJECTED, RoutingFeedback
from core.routing.scrub import scrub
from core.routing.views import CorrectionView, TrainingExample, correction_view

TOP_INTENTS = 3


def nlu_snapshot(nlu: NluResult | None) -> dict:
    """The ``NewComplaint`` fields describing a parse: model id and the top intents with confidences."""
    if nlu is None or not nlu.ok:
        return {}
    ranking = nlu.ranking or (((nlu.intent, nlu.confidence),) if nlu.intent else ())
    return {"nlu_model": nlu.model or None,
            "nlu_intents": [[name, round(score, 4)] for name, score in ranking[:TOP_INTENTS]]}


def nlu_department(session: Session, intents: Iterable | None) -> str | None:
    """The NLU's choice: its top intent, when that intent is a department."""
    top = next(iter(intents or ()), None)
    return top[0] if top and session.get(Department, top[0]) is not None else None


def _scrubbed_text(session: Session, complaint: Complaint) -> str:
    citizen = session.get(Citizen, complaint.citizen_id) if complaint.citizen_id else None
    return scrub(complaint.description, (citizen.name,) if citizen and citizen.name else ())


def _add(session: Session, complaint: Complaint, kind: str, source: str, from_department: str | None,
         to_department: str, actor_id=None, actor_name: str | None = None) -> RoutingFeedback:
    row = RoutingFeedback(
        complaint_id=complaint.id, kind=kind, source=source, from_department=from_department,
        to_department=to_department, model_id=complaint.nlu_model or "", language=complaint.language,
        text=_scrubbed_text(session, complaint), actor_id=str(actor_id) if actor_id is not None else None,
        actor_name=actor_name, review=PENDING if kind == CORRECTION else None, created_at=utcnow())
    session.add(row)
    return row


def record_filing(session: Session, complaint: Complaint) -> None:
    """At filing: the citizen kept the NLU's department (confirmation) or chose another (correction).

    The NLU's choice is its top intent, also when that is no department ("out_of_scope", "greet"):
    a complaint it could not place is a correction too, and the most useful one to learn from.
    """
    chosen = next(iter(complaint.nlu_intents or ()), [None])[0]
    if chosen is None:
        return
    if chosen == complaint.department_code:
        _add(session, complaint, CONFIRMATION, "citizen", chosen, chosen, complaint.citizen_id)
    else:
        _add(session, complaint, CORRECTION, "citizen", chosen, complaint.department_code, complaint.citizen_id)


def record_reassignment(session: Session, complaint: Complaint, old: str, new: str, actor_id,
                        actor_name: str) -> None:
    """An officer moved the case from ``old`` to ``new``: a correction of whatever routed it there,
    the NLU or the citizen (even back to the NLU's own choice: it supersedes the citizen's label)."""
    _add(session, complaint, CORRECTION, "officer", old, new, actor_id, actor_name)


def record_resolution(session: Session, complaint: Complaint) -> None:
    """Resolved where the NLU sent it, never reassigned: a confirmation (once per case)."""
    if complaint.routed_by != "nlu" or complaint.nlu_department != complaint.department_code:
        return
    seen = session.scalar(select(RoutingFeedback.id).where(
        RoutingFeedback.complaint_id == complaint.id, RoutingFeedback.source == "resolution"))
    if seen is None:
        _add(session, complaint, CONFIRMATION, "resolution", complaint.department_code, complaint.department_code)


def pending_corrections(session: Session, limit: int = 500) -> list[CorrectionView]:
    rows = session.scalars(select(RoutingFeedback).where(RoutingFeedback.review == PENDING)
                           .order_by(RoutingFeedback.id).limit(limit))
    return [correction_view(r) for r in rows]


def review(session: Session, ids: Iterable[int] | None, verdict: str, reviewer: str) -> list[int]:
    """Approve or reject pending corrections (``ids`` None: every pending one); returns the ids changed.

    Raises InvalidInput naming any id that is not a pending correction, changing nothing.
    """
    if verdict not in (APPROVED, REJECTED):
        raise InvalidInput(f"verdict must be {APPROVED} or {REJECTED}")
    query = select(RoutingFeedback).where(RoutingFeedback.review == PENDING)
    if ids is not None:
        wanted = sorted(set(ids))
        query = query.where(RoutingFeedback.id.in_(wanted))
    rows = list(session.scalars(query.order_by(RoutingFeedback.id).with_for_update()))
    if ids is not None and len(rows) != len(wanted):
        missing = sorted(set(wanted) - {r.id for r in rows})
        raise InvalidInput(f"not pending corrections: {', '.join(map(str, missing))}")
    now = utcnow()
    for row in rows:
        row.review, row.reviewed_by, row.reviewed_at = verdict, reviewer, now
    session.flush()
    return [r.id for r in rows]


def training_examples(session: Session) -> list[TrainingExample]:
    """Approved corrections as (scrubbed text, final department, language): the latest per complaint."""
    rows = session.scalars(select(RoutingFeedback).where(RoutingFeedback.review == APPROVED)
                           .order_by(RoutingFeedback.id))
    latest = {r.complaint_id: r for r in rows}
    return [TrainingExample(r.id, r.text, r.to_department, r.language) for r in latest.values()]
