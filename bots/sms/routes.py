"""``POST /webhooks/sms``: status lookups by tracking ID (core.dialogue.lookup) for basic phones, and
voice notes by MMS (issue 15): a voice note is answered at once and transcribed by the voice worker,
which runs its words through the dialogue; while that conversation waits for an answer, the sender's
texts go to the dialogue too, so it can be finished by typing "1", "yes" or the place. Answered in
TwiML, choices as numbered lines."""
from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI

from bots.twilio_common.render import reply_text, twiml
from bots.twilio_common.signature import SignatureCheck
from bots.twilio_common.webhook import twilio_webhook
from core.db import Database
from core.dialogue.lookup import StatusLookupService
from core.dialogue.outage import DATABASE_DOWN
from core.dialogue.service import DialogueService
from core.dialogue.types import Inbound, Reply
from core.voice.service import VoiceService

log = logging.getLogger("awaaz.sms")
WEBHOOK_PATH = "/webhooks/sms"
SMS_LIMIT = 1600  # Twilio's body limit; lookup answers are written to fit one or two segments


def _in_conversation(dialogue: DialogueService, inbound: Inbound) -> bool:
    try:
        return dialogue.has_open_conversation(inbound.channel, inbound.sender)
    except DATABASE_DOWN:
        # The lookup service then spools the message (or says "try again"), as it did before voice.
        log.warning("SMS from %s: database unreachable, handled as a status lookup", inbound.sender)
        return False


def sms_handler(dialogue: Callable[[], DialogueService],
                lookup: Callable[[Inbound], list[Reply]]) -> Callable[[Inbound], list[Reply]]:
    """The dialogue for a sender in the middle of a conversation (one a voice note started), else a lookup."""
    def handle(inbound: Inbound) -> list[Reply]:
        if _in_conversation(dialogue(), inbound):
            return dialogue().handle(inbound)
        return lookup(inbound)
    return handle


def install(app: FastAPI, db: Database, check: SignatureCheck, dialogue: Callable[[], DialogueService], *,
            max_lookups: int = 10, limiter=None, spool=None,
            voice: VoiceService | None = None) -> StatusLookupService:
    service = StatusLookupService(db, max_lookups=max_lookups, limiter=limiter, spool=spool)
    app.include_router(twilio_webhook(WEBHOOK_PATH, "sms", check, sms_handler(dialogue, service.handle),
                                      lambda replies: twiml(map(reply_text, replies), SMS_LIMIT), voice))
    return service
