"""``POST /webhooks/whatsapp``: the dialogue, answered in TwiML with choices as numbered lines."""
from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from bots.twilio_common.inbound import is_phone_number
from bots.twilio_common.render import reply_text, twiml
from bots.twilio_common.signature import SignatureCheck
from bots.twilio_common.webhook import twilio_webhook
from core.dialogue.types import Inbound, Reply
from core.voice.service import VoiceService

WEBHOOK_PATH = "/webhooks/whatsapp"
WHATSAPP_LIMIT = 1600  # Twilio's limit for one WhatsApp message body


def _sender_problem(sender: str) -> str | None:
    return None if is_phone_number(sender) else "From is not a WhatsApp phone number"


def install(app: FastAPI, check: SignatureCheck, handle: Callable[[Inbound], list[Reply]],
            voice: VoiceService | None = None) -> None:
    app.include_router(twilio_webhook(WEBHOOK_PATH, "whatsapp", check, handle,
                                      lambda replies: twiml(map(reply_text, replies), WHATSAPP_LIMIT), voice,
                                      valid_sender=_sender_problem))
