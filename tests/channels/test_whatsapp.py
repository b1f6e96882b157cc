"""WhatsApp through the real app: signed Twilio webhooks in, TwiML out, the dialogue behind (NLU off:
the department menu path), on SQLite and PostgreSQL."""
import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from core.complaints.models import Complaint
from core.dialogue.models import Conversation, InboundMessage
from tests.channels.twilio_support import CITIZEN, WhatsAppChat, bodies, post_signed, signature, whatsapp_form

PATH = "/webhooks/whatsapp"


def count(db, model) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def only_complaint(db) -> Complaint:
    with db.transaction() as session:
        return session.scalars(select(Complaint)).unique().one()


def test_filing_through_the_department_menu(client, db):
    chat = WhatsAppChat(client)
    chat.send("No electricity in our street for 3 days")
    assert "1. School Education Department" in chat.text and "6. " in chat.text
    chat.send(chat.option("Electricity"))
    assert "Where is the problem?" in chat.text
    chat.send("Gulberg III, Lahore")
    assert "Please check your complaint" in chat.text and "1. Yes, file it" in chat.text
    chat.send("1")
    case = only_complaint(db)
    assert case.tracking_id in chat.text and "Expected resolution by" in chat.text
    assert (case.department_code, case.channel, case.location_text) == ("electricity", "whatsapp", "Gulberg III, Lahore")
    assert case.citizen.phone == CITIZEN and case.citizen.name == "Ayesha"


def test_location_pin_and_photo(client, db):
    chat = WhatsAppChat(client)
    chat.send("Garbage has not been collected for a week")
    chat.send(chat.option("Municipal"))
    chat.send("", Latitude="31.5204", Longitude="74.3587", Address="Liberty Market, Lahore")
    assert "Liberty Market, Lahore" in chat.text
    chat.send("", NumMedia="1", MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
              MediaContentType0="image/jpeg")
    assert "Photos: 1" in chat.text
    chat.send("1")
    case = only_complaint(db)
    assert case.latitude == pytest.approx(31.5204) and len(case.attachments) == 1


def test_missing_signature_is_refused_and_nothing_is_processed(client, db):
    response = client.post(PATH, data=whatsapp_form("No water in Lahore"))
    assert response.status_code == 403
    assert count(db, Conversation) == 0 and count(db, InboundMessage) == 0


def test_wrong_signature_is_refused(client, db):
    form = whatsapp_form("No water in Lahore")
    forged = signature(PATH, form, token="not-the-token")
    assert client.post(PATH, data=form, headers={"X-Twilio-Signature": forged}).status_code == 403
    tampered = dict(form, Body="something else")
    assert client.post(PATH, data=tampered, headers={"X-Twilio-Signature": signature(PATH, form)}).status_code == 403
    assert count(db, Conversation) == 0


def test_signature_over_another_path_is_refused(client, db):
    form = whatsapp_form("hello")
    headers = {"X-Twilio-Signature": signature("/webhooks/sms", form)}
    assert client.post(PATH, data=form, headers=headers).status_code == 403


def test_repeated_message_sid_is_answered_the_same_and_filed_once(client, db):
    chat = WhatsAppChat(client)
    chat.send("No electricity in our street for 3 days")
    chat.send(chat.option("Electricity"))
    chat.send("Lahore")
    form = whatsapp_form("1", sid="SM" + "7" * 32)
    first = post_signed(client, PATH, form)
    again = post_signed(client, PATH, form)
    assert first.status_code == again.status_code == 200 and first.text == again.text
    assert count(db, Complaint) == 1


def test_empty_emoji_long_and_rtl_bodies(client, db):
    chat = WhatsAppChat(client)
    assert "did not receive any text" in chat.send("")
    assert "1. File a complaint" in chat.send("🙏🙂")
    chat.send("cancel")
    text = chat.send("Water pipe burst " + "ب" * 5000)
    assert "4000" in text and "محکمے" in text  # long Urdu-script body: told it was cut, answered in Urdu
    chat.send("cancel")
    assert "بجلی کی تقسیم کار کمپنی" in chat.send("\u202bلاہور میں بجلی نہیں ہے\u202c")


def test_every_message_fits_whatsapp(client, db):
    chat = WhatsAppChat(client)
    chat.send("Street light broken " + "very long description " * 200)
    assert all(len(body) <= 1600 for body in chat.messages)


def test_stale_number_is_handled_gracefully(client, db):
    chat = WhatsAppChat(client)
    assert "no longer open" in chat.send("4")
    assert "1. File a complaint" in chat.text


def test_form_without_sender_is_a_clear_400(client):
    form = {"Body": "hi", "MessageSid": "SM1"}
    response = client.post(PATH, data=form, headers={"X-Twilio-Signature": signature(PATH, form)})
    assert response.status_code == 400


def test_validation_can_be_turned_off_only_explicitly_and_loudly(db, settings, caplog):
    unchecked = settings.model_copy(update={"twilio_validate_signatures": False})
    with caplog.at_level(logging.WARNING, logger="awaaz.twilio"):
        with TestClient(create_app(unchecked, db=db, run_worker=False)) as client:
            response = client.post(PATH, data=whatsapp_form("hello"))
    assert response.status_code == 200 and "File a complaint" in bodies(response.text)[0]
    assert "SIGNATURE VALIDATION IS OFF" in caplog.text and "unchecked Twilio webhook" in caplog.text


def test_no_auth_token_refuses_everything(db, settings):
    tokenless = settings.model_copy(update={"twilio_auth_token": ""})
    with TestClient(create_app(tokenless, db=db, run_worker=False)) as client:
        form = whatsapp_form("hello")
        assert client.post(PATH, data=form, headers={"X-Twilio-Signature": signature(PATH, form)}).status_code == 403
