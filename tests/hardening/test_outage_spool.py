"""A database outage loses no WhatsApp/SMS message (issue 11): while our own PostgreSQL is stopped each
message is spooled on disk and the citizen is told, in their language, that it was received; when it
is back the spool is replayed in order, the replies go out through the outbox and the senders, and a
later retry of a spooled message id files nothing twice."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.adapters import replay_spool
from api.app import create_app
from core.complaints.models import Complaint
from core.db import Database
from core.dialogue.text import is_urdu_script
from core.migrate import upgrade
from core.notifications.worker import Worker
from tests.channels.twilio_support import WhatsAppChat, bodies, post_signed, sms_form, whatsapp_form

RECEIVED_EN = "We received your message."
RECEIVED_UR = "ہمیں آپ کا پیغام مل گیا ہے۔"


class RecordingSender:
    """The sender port: what the worker delivered, in order."""

    def __init__(self):
        self.sent = []

    def send(self, message) -> str:
        self.sent.append(message)
        return f"SM{len(self.sent)}"


@pytest.fixture
def outage(private_postgres, settings, tmp_path):
    database = Database(private_postgres.url)
    upgrade(database)
    senders = {"whatsapp": RecordingSender(), "sms": RecordingSender()}
    app = create_app(settings.model_copy(update={"database_url": private_postgres.url, "spool_replay_seconds": 3600}),
                     db=database, senders=senders, run_worker=False)
    with TestClient(app) as client:
        yield client, database, private_postgres, senders, app.state.container
    database.dispose()


def complaints(database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(Complaint))


def test_messages_during_an_outage_are_kept_answered_and_replayed_in_order(outage):
    client, database, postgres, senders, container = outage
    ayesha = WhatsAppChat(client)
    ayesha.send("No electricity in our street for 3 days")
    electricity = ayesha.option("Electricity")

    postgres.stop()
    ayesha.send(electricity)
    assert ayesha.text.startswith(RECEIVED_EN)
    ayesha.send("Gulberg III, Lahore")
    assert ayesha.text.startswith(RECEIVED_EN)
    bilal = WhatsAppChat(client, sender="+923334445556")
    bilal.send("ہمارے محلے میں تین دن سے بجلی نہیں ہے")
    assert bilal.text.startswith(RECEIVED_UR)  # in the citizen's language, not "something went wrong"
    retried = whatsapp_form("Gulberg III, Lahore", sid="SM-retry-1")
    assert bodies(post_signed(client, "/webhooks/whatsapp", retried).text)[0].startswith(RECEIVED_EN)
    assert bodies(post_signed(client, "/webhooks/whatsapp", retried).text)[0].startswith(RECEIVED_EN)
    assert len(container.extras["spool"]) == 4  # the retried id is kept once
    assert replay_spool(container) == 0  # still down: nothing replayed, nothing lost

    postgres.start()
    assert replay_spool(container) == 4 and len(container.extras["spool"]) == 0
    Worker(database, senders).deliver_once()
    to_ayesha = [m.text for m in senders["whatsapp"].sent if m.address == ayesha.sender]
    assert to_ayesha[0].startswith("Where is the problem?")  # the answer to "Electricity", first
    assert "Please check your complaint" in to_ayesha[1]
    [to_bilal] = [m for m in senders["whatsapp"].sent if m.address == bilal.sender]
    assert is_urdu_script(to_bilal.text) and len(to_bilal.choices) >= 6  # the department menu, in Urdu

    ayesha.send("1")  # the draft survived: "yes, file it"
    assert complaints(database) == 1 and "Expected resolution by" in ayesha.text
    again = post_signed(client, "/webhooks/whatsapp", retried)  # Twilio retries a spooled id after the replay
    assert again.status_code == 200 and complaints(database) == 1
    assert replay_spool(container) == 0


def test_an_sms_lookup_during_an_outage_is_answered_after_it(outage):
    client, database, postgres, senders, container = outage
    postgres.stop()
    answer = bodies(post_signed(client, "/webhooks/sms", sms_form("STATUS Q3N1S-MF61N", "+923001112223")).text)
    assert answer[0].startswith(RECEIVED_EN)
    postgres.start()
    assert replay_spool(container) == 1
    Worker(database, senders).deliver_once()
    [sent] = senders["sms"].sent
    assert sent.address == "+923001112223" and "Q3N1S-MF61N" in sent.text
