"""Entry point of the conversation (contract for channel adapters; implemented in issue 4)."""
from __future__ import annotations

from core.db import Database
from core.dialogue.types import Inbound, Reply
from core.ports import NluPort


class DialogueService:
    """``handle`` runs one citizen turn in one transaction and returns the replies to send.

    It de-duplicates by (channel, message_id): a repeated id returns the replies stored the first time.
    It never raises for bad input or NLU failure: the citizen always gets a reply.
    """

    def __init__(self, db: Database, nlu: NluPort | None, *, confidence_threshold: float = 0.6,
                 idle_minutes: int = 30):
        self.db, self.nlu = db, nlu
        self.confidence_threshold, self.idle_minutes = confidence_threshold, idle_minutes

    def handle(self, inbound: Inbound) -> list[Reply]:
        raise NotImplementedError
