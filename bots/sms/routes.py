"""``POST /webhooks/sms``: status lookups by tracking ID (core.dialogue.lookup), answered in TwiML."""
from __future__ import annotations

from fastapi import FastAPI

from bots.twilio_common.render import twiml
from bots.twilio_common.signature import SignatureCheck
from bots.twilio_common.webhook import twilio_webhook
from core.db import Database
from core.dialogue.lookup import StatusLookupService

WEBHOOK_PATH = "/webhooks/sms"
SMS_LIMIT = 1600  # Twilio's body limit; lookup answers are written to fit one or two segments


def install(app: FastAPI, db: Database, check: SignatureCheck, *, max_lookups: int = 10, limiter=None,
            spool=None) -> StatusLookupService:
    service = StatusLookupService(db, max_lookups=max_lookups, limiter=limiter, spool=spool)
    app.include_router(twilio_webhook(WEBHOOK_PATH, "sms", check, service.handle,
                                      lambda replies: twiml((r.text for r in replies), SMS_LIMIT)))
    return service
