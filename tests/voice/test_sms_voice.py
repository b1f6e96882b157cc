"""A voice note by MMS on the SMS number, end to end: the signed webhook answers at once, the worker
fetches the AMR audio (what old phones send) from the (fake) Twilio media host with the account's
credentials, transcribes it with the real model, and the follow-up goes out by SMS through the outbox
and twilio's Client; the citizen finishes the complaint by texting, and status lookups stay as they were
for everyone not in the middle of a conversation."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.complaints.models import Complaint
from core.notifications.worker import Worker
from tests.channels.twilio_support import RecordingHttpClient, SmsChat, bodies, post_signed, sms_form
from tests.fixtures.fake_twilio_media import ACCOUNT_SID, AUTH_TOKEN
from tests.fixtures.voice import generated, speak
from tests.voice.support import LISTENING_NEW_SENDER, notes, pushed, voice_client, voice_settings, worker

PATH = "/webhooks/sms"
PHONE = "+15145550123"  # MMS reaches Twilio only on US/Canadian numbers (docs/voice.md)
SMS_FROM = "+15005550006"
URDU_COMPLAINT = "ہمارے محلے میں تین دن سے پانی نہیں آ رہا"
ENGLISH_COMPLAINT = "There is no water in our street for three days"
TRACKING_ID = re.compile(r"[A-Z0-9]{5}-[A-Z0-9]{5}")


@pytest.fixture
def sms(db, settings, transcriber, fake_twilio_media):
    configured = voice_settings(settings, twilio_sms_from=SMS_FROM, voice_max_bytes=1_000_000,
                                voice_max_seconds=120)
    with voice_client(db, configured, transcriber) as client:
        yield client


def mms(url: str, sender: str = PHONE, sid: str | None = None, kind: str = "audio/amr") -> dict:
    return sms_form("", sender, sid, NumMedia="1", MediaUrl0=url, MediaContentType0=kind)


def deliver(client, db) -> list[str]:
    """What the outbox worker sends by SMS, as the bodies twilio's Client posts."""
    recorder = RecordingHttpClient()
    sender = client.app.state.container.senders["sms"]
    sender.messages.client.http_client = recorder
    Worker(db, {"sms": sender}).deliver_once()
    assert all(r["data"]["From"] == SMS_FROM for r in recorder.requests)
    return [r["data"]["Body"] for r in recorder.requests]


def number_of(text: str, label: str) -> str:
    match = re.search(rf"^(\d+)\. {re.escape(label)}$", text, re.MULTILINE)
    assert match, f"no numbered {label!r} in {text!r}"
    return match.group(1)


def test_urdu_voice_note_by_mms_is_heard_and_the_complaint_finished_by_text(sms, db, fake_twilio_media):
    url = fake_twilio_media.add("ME1", speak(URDU_COMPLAINT, "ur", fmt="amr"), "audio/amr")
    response = post_signed(sms, PATH, mms(url))
    assert response.status_code == 200 and bodies(response.text) == [LISTENING_NEW_SENDER]
    assert fake_twilio_media.requests == [] and pushed(db) == []  # nothing slow happened in the webhook

    assert worker(sms).process_once() is True
    assert fake_twilio_media.requests == [(url[url.index("/2010"):], f"{ACCOUNT_SID}:{AUTH_TOKEN}")]
    [body] = deliver(sms, db)
    assert body.startswith("میں نے سنا: “")  # Urdu speech: answered in Urdu
    assert "براہ کرم نمبر لکھ کر محکمہ چنیں۔" in body  # no NLU here: the department menu, in Urdu
    department = number_of(body, "واٹر اینڈ سینیٹیشن ایجنسی")

    chat = SmsChat(sms, PHONE)  # the citizen answers the pushed question by typing
    chat.send(department)
    assert "STATUS" not in chat.text and "حالت" not in chat.text  # the dialogue, not the lookup help
    chat.send("Gulberg, Lahore")
    chat.send("1")
    [tracking_id] = set(TRACKING_ID.findall(chat.text))  # the ID, and "send: حالت <ID>"
    assert "واٹر اینڈ سینیٹیشن ایجنسی" in chat.text

    [note] = notes(db)
    assert note.outcome == "transcribed" and note.language == "ur" and note.content_type == "audio/amr"
    with db.transaction() as session:
        [complaint] = session.scalars(select(Complaint))
        assert complaint.tracking_id == tracking_id and complaint.channel == "sms"
        assert complaint.attachments == [f"voice:{note.id}"]  # officers can hear it on the case page

    status = chat.send(f"STATUS {tracking_id}")  # finished: the next SMS is a status lookup again
    assert tracking_id in status and "Updated" in status


def test_redelivered_mms_transcribes_and_replies_once_in_english(sms, db, fake_twilio_media):
    form = mms(fake_twilio_media.add("ME2", speak(ENGLISH_COMPLAINT, fmt="amr"), "audio/amr"), sid="MM" + "2" * 32)
    first = post_signed(sms, PATH, form)
    again = post_signed(sms, PATH, form)
    assert bodies(first.text) == [LISTENING_NEW_SENDER] and bodies(again.text) == []
    assert worker(sms).process_once() is True
    assert worker(sms).process_once() is False
    [body] = deliver(sms, db)
    assert body.startswith("I heard: “") and "water" in body.lower()
    assert "Please pick one by its number." in body and "1. " in body
    assert len(notes(db)) == 1 and len(fake_twilio_media.requests) == 1


@pytest.mark.parametrize("audio, expected", [
    (lambda: b"#!AMR\n" + b"\x00garbage" * 100, "I could not play that file as sound."),
    (lambda: generated("anullsrc=r=48000:cl=mono", 3), "I could not hear any words in your voice note."),
])
def test_unusable_voice_note_gets_a_clear_sms_and_the_menu_answers_by_text(sms, db, fake_twilio_media, audio,
                                                                             expected):
    post_signed(sms, PATH, mms(fake_twilio_media.add("ME3", audio())))
    assert worker(sms).process_once() is True
    [body] = deliver(sms, db)
    assert body.startswith(expected) and "What would you like to do?" in body
    complaint = number_of(body, "File a complaint")
    assert SmsChat(sms, PHONE).send(complaint) == ("Please describe the problem in one message: what is wrong, "
                                                   "and where (area and city).")


def test_a_text_sent_while_the_note_is_transcribed_is_told_to_wait_and_the_note_still_counts(sms, db,
                                                                                             fake_twilio_media):
    post_signed(sms, PATH, mms(fake_twilio_media.add("ME6", speak(ENGLISH_COMPLAINT, fmt="amr"), "audio/amr")))
    chat = SmsChat(sms, PHONE)
    assert chat.send("hello? did you get my voice message") == LISTENING_NEW_SENDER  # not the lookup help
    assert worker(sms).process_once() is True
    [body] = deliver(sms, db)  # the transcript is the complaint, not the impatient text
    assert body.startswith("I heard: “") and "water" in body.lower() and "Please pick one by its number." in body
    assert "STATUS" not in chat.send("hello?")  # the note's conversation now takes the texts


def test_senders_with_no_open_conversation_still_get_status_lookups(sms, db, fake_twilio_media):
    chat = SmsChat(sms, "+923001112233")
    assert "STATUS" in chat.send("hello, my street light is broken")  # the one-line help, as before
    assert chat.send("STATUS 00000-00000") == "Not found: 00000-00000"
    photo = fake_twilio_media.add("ME4", b"\xff\xd8\xff\xe0 a photo", "image/jpeg")
    assert "STATUS" in chat.send("", NumMedia="1", MediaUrl0=photo, MediaContentType0="image/jpeg")
    assert notes(db) == [] and fake_twilio_media.requests == []  # a photo is no voice note


def test_a_conversation_left_idle_no_longer_takes_the_senders_texts(db, settings, transcriber, fake_twilio_media):
    idle = voice_settings(settings, twilio_sms_from=SMS_FROM, conversation_idle_minutes=0)
    with voice_client(db, idle, transcriber) as client:
        post_signed(client, PATH, mms(fake_twilio_media.add("ME5", generated("anullsrc=r=48000:cl=mono", 3))))
        assert worker(client).process_once() is True
        assert "What would you like to do?" in deliver(client, db)[0]  # a question was asked…
        assert "STATUS" in SmsChat(client, PHONE).send("1")  # …but long ago: SMS is for lookups again
