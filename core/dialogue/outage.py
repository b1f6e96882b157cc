"""Keeping every citizen message through a database outage: spool it, tell the citizen in their
language that it was received, and replay the spool in order once the database answers again, with
the replies queued in the outbox in the same transaction as the turn (so a later retry of the same
message id, or a second replay, files and sends nothing twice)."""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import InterfaceError, OperationalError

from core import messages
from core.db import Database
from core.dialogue.once import TurnFn, run_once
from core.dialogue.types import Inbound, Replayed, Reply
from core.notifications.outbox import queue_replies
from core.spool import Spool

log = logging.getLogger("awaaz.spool")
DATABASE_DOWN = (OperationalError, InterfaceError)  # cannot connect, connection lost, database locked
SPOOLED_CHANNELS = frozenset({"whatsapp", "sms"})  # Telegram re-delivers by itself; web chat cannot be answered later


def can_spool(spool: Spool | None, inbound: Inbound) -> bool:
    return spool is not None and inbound.channel in SPOOLED_CHANNELS and bool(inbound.message_id)


def queued_behind(spool: Spool | None, inbound: Inbound) -> bool:
    """True when earlier messages of this sender wait in the spool: this one must queue behind them."""
    return spool is not None and can_spool(spool, inbound) and spool.holds(inbound.channel, inbound.sender)


def keep(spool: Spool | None, kind: str, inbound: Inbound, language: str) -> list[Reply]:
    """Spool the message; the citizen's answer says it was received and will be answered."""
    assert spool is not None, "callers check can_spool first"
    if spool.put(kind, inbound):
        log.warning("database unreachable: %s message %s spooled", inbound.channel, inbound.message_id)
    language = language if language in messages.LANGUAGES else "en"
    return [Reply(messages.text("received_answer_later", language), language=language)]


def run_to_outbox(db: Database, inbound: Inbound, idle_minutes: int, turn: TurnFn) -> list[Reply]:
    """A replayed turn: its replies go to the outbox (the senders deliver them), not to an HTTP answer."""
    def and_queue(session, loaded):
        replies, language = turn(session, loaded)
        queue_replies(session, inbound.channel, inbound.sender, replies)
        return replies, language
    replies = run_once(db, inbound, idle_minutes, and_queue)
    return [] if isinstance(replies, Replayed) else replies  # handled already: its replies went out then


def replay_once(spool: Spool, handlers: dict[str, Callable[[Inbound], object]]) -> int:
    """Replay kept messages oldest first; stop at the first sign the database is still down.
    Returns how many were replayed."""
    replayed = 0
    for path, kind, inbound in spool.pending():
        try:
            handlers[kind](inbound)
        except DATABASE_DOWN:
            return replayed
        except Exception:
            log.exception("spooled %s message %s failed; set aside", inbound.channel, inbound.message_id)
            spool.set_aside(path)
            continue
        spool.done(path)
        replayed += 1
    if replayed:
        log.info("replayed %d spooled messages", replayed)
    return replayed
