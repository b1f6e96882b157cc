"""Writing to and claiming from the outbox, with retry bookkeeping (backoff, attempts, last error)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from core.complaints.models import Citizen, Complaint
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


def _push_target(citizen: Citizen | None) -> tuple[str, str] | None:
    """(channel, address) a notice to this citizen is pushed on; None when nothing can be pushed (no citizen,
    or they follow the case on the web / Open311 without leaving a mobile number)."""
    if citizen is None:
        return None
    channel, address = citizen.channel, citizen.address
    if channel == "web" and citizen.phone:  # a web citizen who left a mobile number gets SMS updates
        channel, address = "sms", citizen.phone
    return None if channel in PULL_ONLY_CHANNELS else (channel, address)


def notify_citizen(session: Session, complaint: Complaint, kind: str, **params) -> OutboxMessage | None:
    """Queue a message to the complaint's citizen on the channel they used, if that channel can push."""
    citizen = complaint.citizen
    target = _push_target(citizen)
    if citizen is None or target is None:
        return None
    channel, address = target
    row = OutboxMessage(
        kind=kind, complaint_id=complaint.id, recipient="citizen", channel=channel,
        address=address, language=citizen.language or complaint.language,
        params={"tracking_id": complaint.tracking_id, **params},
    )
    session.add(row)
    return row


def push_channel(session: Session, tracking_id: str) -> str | None:
    """The channel a notice to this case's citizen would be pushed on; None when nothing can be pushed."""
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_id == tracking_id))
    target = _push_target(complaint.citizen if complaint is not None else None)
    return target[0] if target else None


UNDELIVERABLE = "undeliverable: channel not configured"


def mark_undeliverable(session: Session, configured: set[str]) -> int:
    """Pending citizen notices on channels this deployment cannot send on (no Twilio credentials, no
    Telegram token) end as 'dead' with a clear reason instead of waiting for ever with 0 attempts."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.channel != OFFICER_CHANNEL,
               OutboxMessage.channel.not_in(sorted(configured)))
        .values(status="dead", last_error=UNDELIVERABLE)
        .execution_options(synchronize_session=False))
    return cast(CursorResult, result).rowcount


DIALOGUE_REPLY = "dialogue_reply"  # a reply the dialogue already wrote (a message replayed after an outage)


def queue_replies(session: Session, channel: str, address: str, replies) -> None:
    """Queue dialogue replies for the senders, in order (``replies``: core.dialogue Reply objects)."""
    for reply in replies:
        session.add(OutboxMessage(
            kind=DIALOGUE_REPLY, complaint_id=None, recipient="citizen", channel=channel, address=address,
            language=reply.language, params={"text": reply.text, "question": reply.question,
                                             "choices": [[c.value, c.label] for c in reply.choices]}))


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
