"""Shared set-up of the voice tests: an app whose WhatsApp media come from the fake Twilio media host,
with the session's real transcriber, and readers of what the citizen was sent afterwards."""
from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.voice import voice_worker_for
from core.notifications.models import OutboxMessage
from core.voice.models import VoiceNote
from tests.fixtures.fake_twilio_media import ACCOUNT_SID

WHATSAPP_FROM = "whatsapp:+14155238886"
LISTENING_EN = "🎙️ Listening to your voice note… I will answer in a moment."
LISTENING_UR = "🎙️ آپ کا صوتی پیغام سن رہا ہوں… تھوڑی دیر میں جواب دیتا ہوں۔"
LISTENING_NEW_SENDER = f"{LISTENING_EN}\n{LISTENING_UR}"  # no conversation yet: no language to answer in


def voice_settings(settings, **overrides):
    return settings.model_copy(update={
        "twilio_account_sid": ACCOUNT_SID, "twilio_whatsapp_from": WHATSAPP_FROM,
        "twilio_api_base_url": "http://127.0.0.1:9/twilio", "twilio_media_hosts": "", **overrides})


def voice_client(db, settings, transcriber) -> TestClient:
    app = create_app(settings, db=db, run_worker=False)
    app.state.container.extras["transcriber"] = transcriber  # the session's model: loaded once per run
    return TestClient(app)


def worker(client):
    return voice_worker_for(client.app.state.container)


def pushed(db) -> list[OutboxMessage]:
    with db.transaction() as session:
        return list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "voice_reply")
                                    .order_by(OutboxMessage.id)))


def notes(db) -> list[VoiceNote]:
    with db.transaction() as session:
        return list(session.scalars(select(VoiceNote).order_by(VoiceNote.id)))
