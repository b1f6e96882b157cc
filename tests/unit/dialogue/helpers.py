"""Reading what the dialogue stored, for assertions."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from core.complaints.models import Complaint, ComplaintEvent, Feedback, Suggestion

TRACKING = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}")


def complaints(db) -> list[Complaint]:
    with db.transaction() as session:
        return list(session.scalars(select(Complaint).order_by(Complaint.id)).unique())


def tracking_id(text: str) -> str:
    match = TRACKING.search(text)
    assert match, f"no tracking ID in {text!r}"
    return match.group(0)


def count(db, model) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def citizen_messages(db, tracking: str) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(ComplaintEvent.note).join(Complaint).where(
            Complaint.tracking_id == tracking, ComplaintEvent.kind == "citizen_message")))


def feedback(db) -> list[tuple[bool, int | None]]:
    with db.transaction() as session:
        return [(f.satisfied, f.rating) for f in session.scalars(select(Feedback).order_by(Feedback.id))]


def suggestions(db) -> list[Suggestion]:
    with db.transaction() as session:
        return list(session.scalars(select(Suggestion)))
