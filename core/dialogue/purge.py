"""Forgetting conversations that never filed anything, so that a flood of one-off senders (cookie-less
web posts) cannot grow the database without bound. A sender who filed is a citizen and keeps theirs."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from core.complaints.models import Citizen
from core.db import utcnow
from core.dialogue.models import Conversation, InboundMessage

BATCH = 1000
WEB = "web"  # web message ids are "<sender>:<client id>", only useful against a retried POST


def purge_idle_conversations(session: Session, idle: timedelta, now: datetime | None = None,
                             batch: int = BATCH) -> int:
    """Delete up to ``batch`` conversations idle for longer than ``idle`` whose sender never became a
    citizen, and the web chat's processed message ids older than ``idle``; returns conversations deleted."""
    cutoff = (now or utcnow()) - idle
    is_citizen = exists().where(Citizen.channel == Conversation.channel, Citizen.address == Conversation.sender)
    ids = list(session.scalars(select(Conversation.id).where(Conversation.updated_at < cutoff, ~is_citizen)
                               .order_by(Conversation.id).limit(batch)))
    if ids:
        session.execute(delete(Conversation).where(Conversation.id.in_(ids)))
    session.execute(delete(InboundMessage).where(InboundMessage.channel == WEB, InboundMessage.created_at < cutoff))
    return len(ids)
