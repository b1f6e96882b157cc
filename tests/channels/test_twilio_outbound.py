"""Notifications out through the real twilio Client (its HttpClient replaced by one that records
requests): the resolution question on WhatsApp and the citizen's answer, WhatsApp's 24-hour window
(Content template, SMS fallback), and failures recorded for retry."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from api.adapters import build_senders
from core.complaints.models import Complaint
from core.db import utcnow
from core.dialogue.models import Conversation
from core.notifications.models import OutboxMessage
from core.notifications.worker import Worker
from tests.channels.twilio_support import CITIZEN, RecordingHttpClient, WhatsAppChat

WHATSAPP_FROM, SMS_FROM, TEMPLATE = "whatsapp:+14155238886", "+15005550006", "HX" + "a" * 32


def twilio_senders(settings, db, recorder, **overrides):
    configured = settings.model_copy(update={
        "twilio_account_sid": "AC" + "1" * 32, "twilio_whatsapp_from": WHATSAPP_FROM, "twilio_sms_from": SMS_FROM,
        "twilio_api_base_url": "http://127.0.0.1:9/twilio", **overrides})
    senders = build_senders(configured, db)
    for sender in senders.values():
        sender.messages.client.http_client = recorder
    return senders


def file_and_resolve(client, make_officer) -> str:
    chat = WhatsAppChat(client)
    chat.send("No electricity in our street for 3 days")
    chat.send(chat.option("Electricity"))
    chat.send("Gulberg, Lahore")
    chat.send("1")
    tracking_id = next(w for w in chat.text.split() if w.count("-") == 1 and len(w) == 11)
    response = client.post(f"/api/v1/complaints/{tracking_id}/transitions", headers=make_officer("electricity"),
                           json={"to": "resolved", "note": "Transformer replaced"})
    assert response.status_code == 200, response.text
    return tracking_id


def outbox(db) -> list[OutboxMessage]:
    with db.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_resolution_question_goes_out_on_whatsapp_and_the_answer_closes_the_case(client, db, settings,
                                                                                 make_officer):
    recorder = RecordingHttpClient()
    tracking_id = file_and_resolve(client, make_officer)
    assert Worker(db, twilio_senders(settings, db, recorder)).deliver_once() == 1
    [request] = recorder.requests
    assert request["method"] == "POST"
    assert request["uri"] == f"http://127.0.0.1:9/twilio/2010-04-01/Accounts/AC{'1' * 32}/Messages.json"
    assert request["data"]["To"] == f"whatsapp:{CITIZEN}" and request["data"]["From"] == WHATSAPP_FROM
    body = request["data"]["Body"]
    assert tracking_id in body and "Transformer replaced" in body and "Are you satisfied?" in body
    assert "1. Yes, satisfied" in body and "2. No, not resolved" in body
    assert outbox(db)[0].status == "sent" and outbox(db)[0].provider_id.startswith("SM")
    chat = WhatsAppChat(client)
    chat.send("1")
    assert "is now closed" in chat.text and "5. 5" in chat.text
    chat.send("5")
    assert "5/5" in chat.text
    with db.transaction() as session:
        assert session.scalars(select(Complaint.status)).one() == "closed"


def test_citizen_saying_no_reopens_and_escalates(client, db, make_officer):
    tracking_id = file_and_resolve(client, make_officer)
    chat = WhatsAppChat(client)
    chat.send("nahi")
    assert tracking_id in chat.text
    with db.transaction() as session:
        assert session.scalars(select(Complaint.status)).one() == "reopened"


def _age_conversation(db, hours: int) -> None:
    with db.transaction() as session:
        session.execute(update(Conversation).values(updated_at=utcnow() - timedelta(hours=hours)))


def test_outside_the_24_hour_window_the_content_template_is_used(client, db, settings, make_officer):
    recorder = RecordingHttpClient()
    tracking_id = file_and_resolve(client, make_officer)
    _age_conversation(db, 25)
    Worker(db, twilio_senders(settings, db, recorder, twilio_whatsapp_template_sid=TEMPLATE)).deliver_once()
    [request] = recorder.requests
    data = request["data"]
    assert data["ContentSid"] == TEMPLATE and "Body" not in data and data["To"] == f"whatsapp:{CITIZEN}"
    variables = json.loads(data["ContentVariables"])
    assert tracking_id in variables["1"] and "\n" not in variables["1"]


def test_outside_the_window_without_a_template_it_falls_back_to_sms(client, db, settings, make_officer):
    recorder = RecordingHttpClient()
    tracking_id = file_and_resolve(client, make_officer)
    _age_conversation(db, 25)
    Worker(db, twilio_senders(settings, db, recorder)).deliver_once()
    [request] = recorder.requests
    assert request["data"]["To"] == CITIZEN and request["data"]["From"] == SMS_FROM
    assert tracking_id in request["data"]["Body"]


def test_no_template_and_no_sms_sender_is_a_permanent_failure(client, db, settings, make_officer):
    recorder = RecordingHttpClient()
    file_and_resolve(client, make_officer)
    _age_conversation(db, 25)
    Worker(db, twilio_senders(settings, db, recorder, twilio_sms_from="")).deliver_once()
    [row] = outbox(db)
    assert recorder.requests == [] and row.status == "dead" and "24-hour window" in row.last_error


@pytest.mark.parametrize("status, code, outcome", [(500, 20500, "pending"), (429, 20429, "pending"),
                                                   (400, 21610, "dead")])
def test_twilio_errors_are_recorded_and_retried_unless_final(client, db, settings, make_officer, status, code,
                                                             outcome):
    recorder = RecordingHttpClient(status=status, error_code=code)
    file_and_resolve(client, make_officer)
    Worker(db, twilio_senders(settings, db, recorder)).deliver_once()
    [row] = outbox(db)
    assert (row.status, row.attempts) == (outcome, 1)
    assert f"Twilio {status} error {code}" in row.last_error
    if outcome == "pending":
        assert row.next_attempt_at > utcnow()  # backed off, not retried at once
