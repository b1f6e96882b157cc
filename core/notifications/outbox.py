"""Writing to and claiming from the outbox, with retry bookkeeping (backoff, attempts, last error)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.models import Complaint
from core.db import utcnow
from core.notifications.models import OutboxMessage

MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=2)
# Officers read their notifications on the dashboard; no sender pushes these.
OFFICER_CHANNEL = "dashboard"
# Citizens on these channels read their case's status when they look (web /track, Open311 GET);
# nothing can be pushed to them, so no row is written that would wait forever.
PULL_ONLY_CHANNELS = frozenset({"web", "open311"})


@dataclass(frozen=True)
class ClaimedMessage:
    id: int
    kind: str
    channel: str
    address: str
    language: str
    params: dict
    attempts: int


def notify_citizen(session: Session, complaint: Complaint, kind: str, **params) -> OutboxMessage | None:
    """Queue a message to the complaint's citizen on the channel they used, if that channel can push."""
    citizen = complaint.citizen
    if citizen is None:
        return None
    channel, address = citizen.channel, citizen.address
    if channel == "web" and citizen.phone:  # a web citizen who left a mobile number gets SMS updates
        channel, address = "sms", citizen.phone
    if channel in PULL_ONLY_CHANNELS:
        return None
    row = OutboxMessage(
        kind=kind, complaint_id=complaint.id, recipient="citizen", channel=channel,
        address=address, language=citizen.language or complaint.language,
        params={"tracking_id": complaint.tracking_id, **params},
    )
    session.add(row)
    return row


def notify_officer(session: Session, complaint: Complaint, kind: str, role: str, office: str | None = None,
                   **params) -> OutboxMessage:
    """A dashboard notification for ``role`` at ``office`` (the department, when no office is given)."""
    row = OutboxMessage(
        kind=kind, complaint_id=complaint.id, recipient="officer", channel=OFFICER_CHANNEL,
        address=f"{office or complaint.department_code}:{role}", language="en",
        params={"tracking_id": complaint.tracking_id, "role": role, "office": office, **params},
    )
    session.add(row)
    return row


def claim_due(session: Session, channels: set[str], limit: int = 20, now: datetime | None = None) -> list[ClaimedMessage]:
    """Lease up to ``limit`` due messages on the given channels; other workers skip the locked rows."""
    now = now or utcnow()
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
               OutboxMessage.channel.in_(sorted(channels)))
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(query))
    for row in rows:
        row.next_attempt_at = now + LEASE
    return [ClaimedMessage(r.id, r.kind, r.channel, r.address, r.language, dict(r.params), r.attempts) for r in rows]


def mark_sent(session: Session, message_id: int, provider_id: str) -> None:
    row = session.get_one(OutboxMessage, message_id)
    row.status, row.sent_at, row.provider_id = "sent", utcnow(), provider_id
    row.attempts += 1


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def mark_failed(session: Session, message_id: int, error: str, retryable: bool = True) -> None:
    row = session.get_one(OutboxMessage, message_id)
    row.attempts += 1
    row.last_error = error[:2000]
    if not retryable or row.attempts >= MAX_ATTEMPTS:
        row.status = "dead"
    else:
        row.next_attempt_at = utcnow() + backoff(row.attempts)
