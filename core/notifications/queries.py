"""Read side of the outbox: what was queued for one case, and how its delivery is going."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer, load_for_viewer
from core.notifications.models import OutboxMessage

HIDDEN = "…"


@dataclass(frozen=True)
class OutboxEntryView:
    kind: str
    recipient: str  # citizen | officer
    channel: str
    language: str
    status: str  # pending | sent | dead
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


def _redacted(error: str | None, identity: list[str]) -> str | None:
    # Provider errors often quote the recipient's number or chat id; an anonymous citizen's stay hidden.
    if error is None:
        return None
    for value in identity:
        error = error.replace(value, HIDDEN)
    return error


def _identity(complaint, address: str) -> list[str]:
    citizen = complaint.citizen
    values = [address] + ([citizen.phone, citizen.cnic, citizen.name, citizen.address] if citizen else [])
    return sorted({v for v in values if v}, key=len, reverse=True)  # longest first: a number inside another


def case_notifications(session: Session, viewer: Viewer, tracking_id: str) -> list[OutboxEntryView]:
    """The outbox rows of a case the viewer may see, oldest first; never the recipient's address."""
    complaint = load_for_viewer(session, viewer, tracking_id)
    show_identity = viewer.sees_identity(complaint)
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id)
                           .order_by(OutboxMessage.id))
    return [OutboxEntryView(r.kind, r.recipient, r.channel, r.language, r.status, r.attempts,
                            r.last_error if show_identity else _redacted(r.last_error, _identity(complaint, r.address)),
                            r.created_at, r.sent_at)
            for r in rows]
