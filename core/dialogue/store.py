"""Loading and saving conversation state, and remembering processed message ids.

One turn is one transaction. The conversation row is locked (SELECT … FOR UPDATE on PostgreSQL;
SQLite's BEGIN IMMEDIATE already serialises writers), and saving bumps ``version`` with a
compare-and-set, so two messages from one sender that arrive together are handled one after the
other, never interleaved.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import utcnow
from core.dialogue.models import Conversation, InboundMessage
from core.dialogue.state import IDLE, DialogueState


class ConcurrentTurn(Exception):
    """The conversation changed under us (only possible without row locks); the turn is retried."""


@dataclass
class LoadedConversation:
    id: int
    version: int
    language: str | None
    state: DialogueState
    expired: bool


def _select(session: Session, channel: str, sender: str, lock: bool):
    query = select(Conversation).where(Conversation.channel == channel, Conversation.sender == sender)
    return session.scalar(query.with_for_update() if lock else query)


def _gone_idle(row: Conversation, idle_minutes: int, now: datetime) -> bool:
    return row.updated_at < now - timedelta(minutes=idle_minutes)


def load_conversation(session: Session, channel: str, sender: str, idle_minutes: int,
                      now: datetime | None = None) -> LoadedConversation:
    """The sender's conversation, locked for this transaction (created on the first message)."""
    now = now or utcnow()
    row = _select(session, channel, sender, lock=True)
    if row is None:
        try:
            with session.begin_nested():  # a concurrent first message may win the insert
                row = Conversation(channel=channel, sender=sender, state={}, version=0, updated_at=now)
                session.add(row)
                session.flush()
        except IntegrityError:
            row = _select(session, channel, sender, lock=True)
    expired = bool(row.state) and _gone_idle(row, idle_minutes, now)
    state = DialogueState.from_json(row.state)
    if expired:  # start fresh, but keep the language choice, the transcript, old questions stale
        state = DialogueState(seq=state.seq, language_chosen=state.language_chosen,
                              transcript=state.transcript, asked_verdicts=state.asked_verdicts)
    return LoadedConversation(row.id, row.version, row.language, state, expired)


def save_conversation(session: Session, loaded: LoadedConversation, language: str,
                      now: datetime | None = None) -> None:
    result: CursorResult = session.execute(  # type: ignore[assignment]  # an UPDATE gives a CursorResult
        update(Conversation)
        .where(Conversation.id == loaded.id, Conversation.version == loaded.version)
        .values(state=loaded.state.to_json(), language=language, version=loaded.version + 1,
                updated_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConcurrentTurn(f"conversation {loaded.id} changed during the turn")


def stored_replies(session: Session, channel: str, message_id: str) -> list | None:
    """The replies recorded for an already-processed message id, or None if it is new."""
    return session.scalar(select(InboundMessage.replies).where(InboundMessage.channel == channel,
                                                                InboundMessage.message_id == message_id))


def claim_message(session: Session, channel: str, message_id: str) -> InboundMessage | None:
    """Record the id before the turn runs; None when another request already holds it."""
    try:
        with session.begin_nested():
            row = InboundMessage(channel=channel, message_id=message_id, replies=[], created_at=utcnow())
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        return None


def last_inbound_at(session: Session, channel: str, sender: str) -> datetime | None:
    """When the sender last wrote to us on ``channel`` (WhatsApp's 24-hour window starts there).

    ``updated_at`` only moves when a citizen's message is handled, so it is that time.
    """
    return session.scalar(select(Conversation.updated_at).where(Conversation.channel == channel,
                                                                 Conversation.sender == sender))


def last_seen_on(db, channel: str):
    """``address -> when they last wrote on channel`` for senders that must know (WhatsApp's window)."""
    def last_seen(address: str) -> datetime | None:
        with db.transaction() as session:
            return last_inbound_at(session, channel, address)
    return last_seen


def peek_state(session: Session, channel: str, sender: str) -> tuple[DialogueState, str | None] | None:
    """The sender's conversation state and language, read only (nothing created, nothing locked)."""
    row = _select(session, channel, sender, lock=False)
    return (DialogueState.from_json(row.state), row.language) if row is not None else None


def has_open_conversation(session: Session, channel: str, sender: str, idle_minutes: int,
                          now: datetime | None = None) -> bool:
    """True when the sender's conversation waits for an answer (a question is open) and has not gone
    idle, so their next message belongs to it. Read only."""
    row = _select(session, channel, sender, lock=False)
    if row is None or _gone_idle(row, idle_minutes, now or utcnow()):
        return False
    return DialogueState.from_json(row.state).step != IDLE
