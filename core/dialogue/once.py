"""One inbound message handled exactly once: the message id is claimed inside the turn's transaction
(a repeated id conflicts and gets the replies stored the first time); the turn runs with the sender's
conversation locked, and is retried if it raced another. No separate look-up transaction first: a
retry is rare, a transaction per message is not.

Shared by the dialogue and the SMS status lookup, so both get the same duplicate and concurrency rules.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict
from typing import cast

from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from core.db import Database
from core.dialogue import store
from core.dialogue.models import InboundMessage
from core.dialogue.types import Choice, Inbound, Replayed, Reply

log = logging.getLogger("awaaz.dialogue")
TURN_ATTEMPTS = 3
_SQLITE_TURNS: dict[str, threading.Lock] = {}

# (session, the locked conversation) -> (replies, the conversation's language afterwards)
TurnFn = Callable[[Session, store.LoadedConversation], tuple[list[Reply], str]]


def encode_replies(replies: list[Reply]) -> list[dict]:
    return [asdict(r) for r in replies]


def decode_replies(stored: list[dict]) -> list[Reply]:
    return [Reply(**{**r, "choices": tuple(Choice(**c) for c in r.get("choices", ()))}) for r in stored]


def _turn_lock(db: Database):
    """SQLite lets one writer in at a time anyway (BEGIN IMMEDIATE); queueing this process's turns on
    a lock hands over at once, where SQLite's busy handler would sleep in steps of up to 100 ms."""
    if db.is_postgres:
        return nullcontext()
    return _SQLITE_TURNS.setdefault(db.url, threading.Lock())


def run_once(db: Database, inbound: Inbound, idle_minutes: int, turn: TurnFn) -> list[Reply]:
    for attempt in range(TURN_ATTEMPTS):
        try:
            with _turn_lock(db):
                return _attempt(db, inbound, idle_minutes, turn)
        except store.ConcurrentTurn:
            log.info("conversation %s/%s changed concurrently; retrying (%d)", inbound.channel, inbound.sender,
                     attempt + 1)
    raise RuntimeError("conversation kept changing concurrently")


def _attempt(db: Database, inbound: Inbound, idle_minutes: int, turn: TurnFn) -> list[Reply]:
    with db.transaction() as session:
        claim = None
        if inbound.message_id:
            claim = store.claim_message(session, inbound.channel, inbound.message_id)
            if claim is None:  # the same message id was handled by a concurrent request
                return Replayed(decode_replies(store.stored_replies(session, inbound.channel, inbound.message_id) or []))
        loaded = store.load_conversation(session, inbound.channel, inbound.sender, idle_minutes)
        replies, language = turn(session, loaded)
        store.save_conversation(session, loaded, language)
        if claim is not None:
            claim.replies = encode_replies(replies)
        return replies


def replies_not_sent(db: Database, channel: str, message_id: str) -> None:
    """The delivery that claimed ``message_id`` could not send its replies: let the next delivery send them."""
    with db.transaction() as session:
        session.execute(update(InboundMessage).where(InboundMessage.channel == channel,
                                                     InboundMessage.message_id == message_id).values(resend=True))


def claim_resend(db: Database, channel: str, message_id: str) -> bool:
    """True for exactly one repeated delivery after ``replies_not_sent``: that one sends the stored replies."""
    with db.transaction() as session:
        result = cast(CursorResult, session.execute(update(InboundMessage).where(
            InboundMessage.channel == channel, InboundMessage.message_id == message_id,
            InboundMessage.resend.is_(True)).values(resend=False)))
        return result.rowcount == 1
