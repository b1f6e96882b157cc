"""Periodic sweeps: escalate overdue cases, and close resolved cases the citizen left unanswered.

Both are idempotent (a case escalated for this period gets a later escalation_due_at) and safe with
several workers at once: rows are locked with FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite takes one
writer at a time.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.actions import apply_status, escalate
from core.complaints.lifecycle import Actor, Status
from core.complaints.models import Complaint
from core.db import utcnow


def sweep_escalations(session: Session, now: datetime | None = None, batch: int = 200) -> int:
    now = now or utcnow()
    rows = session.scalars(
        select(Complaint).where(Complaint.is_open.is_(True), Complaint.escalation_due_at.is_not(None),
                                Complaint.escalation_due_at < now)
        .order_by(Complaint.escalation_due_at).limit(batch).with_for_update(skip_locked=True, of=Complaint)
    ).unique().all()
    for complaint in rows:
        escalate(session, complaint, reason="SLA due date passed", now=now)
    return len(rows)


def sweep_silent_resolutions(session: Session, silence_days: int, now: datetime | None = None,
                             batch: int = 200) -> int:
    """Resolved, and the citizen said nothing for ``silence_days``: close it, recorded as closed by silence."""
    cutoff = (now or utcnow()) - timedelta(days=silence_days)
    rows = session.scalars(
        select(Complaint).where(Complaint.status == Status.RESOLVED.value, Complaint.resolved_at < cutoff)
        .order_by(Complaint.resolved_at).limit(batch).with_for_update(skip_locked=True, of=Complaint)
    ).unique().all()
    for complaint in rows:
        apply_status(session, complaint, Status.CLOSED, Actor.SYSTEM,
                     note=f"no answer from the citizen within {silence_days} days")
    return len(rows)
