"""A WhatsApp voice note end to end: the signed webhook answers at once, the worker fetches the audio
from the (fake) Twilio media host with the account's credentials, transcribes it with the real model,
runs the words through the dialogue, and the follow-up goes out through the outbox and twilio's Client."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.complaints.models import Complaint
from core.db import utcnow
from core.notifications.worker import Worker
from core.voice import jobs
from core.voice.models import VoiceNote
from tests.channels.twilio_support import RecordingHttpClient, WhatsAppChat, bodies, post_signed, whatsapp_form
from tests.fixtures.fake_twilio_media import ACCOUNT_SID, AUTH_TOKEN
from tests.fixtures.voice import generated, speak
from tests.voice.support import LISTENING_NEW_SENDER, notes, pushed, voice_client, voice_settings, worker

COMPLAINT = "There is no water in our street for three days"


@pytest.fixture
def wa(db, settings, transcriber, fake_twilio_media):
    configured = voice_settings(settings, voice_max_bytes=1_000_000, voice_max_seconds=120)
    with voice_client(db, configured, transcriber) as client:
        yield client


def voice_form(url: str, sid: str | None = None, kind: str = "audio/ogg") -> dict:
    return whatsapp_form("", sid=sid, NumMedia="1", MediaUrl0=url, MediaContentType0=kind)


def deliver(client, db) -> list[str]:
    recorder = RecordingHttpClient()
    sender = client.app.state.container.senders["whatsapp"]
    sender.messages.client.http_client = recorder
    Worker(db, {"whatsapp": sender}).deliver_once()
    return [r["data"]["Body"] for r in recorder.requests]


def test_voice_note_is_answered_at_once_and_the_transcribed_reply_is_pushed(wa, db, fake_twilio_media):
    url = fake_twilio_media.add("ME1", speak(COMPLAINT))
    response = post_signed(wa, "/webhooks/whatsapp", voice_form(url))
    assert bodies(response.text) == [LISTENING_NEW_SENDER]
    assert fake_twilio_media.requests == [] and pushed(db) == []  # nothing slow happened in the webhook

    assert worker(wa).process_once() is True
    assert fake_twilio_media.requests == [(url[url.index("/2010"):], f"{ACCOUNT_SID}:{AUTH_TOKEN}")]
    [body] = deliver(wa, db)
    assert body.startswith("I heard: “") and "water" in body.lower() and "street" in body.lower()
    assert "Please pick one by its number." in body  # no NLU here: the department menu
    number = re.search(r"(\d+)\. Water and Sanitation Agency", body).group(1)

    chat = WhatsAppChat(wa)  # the citizen answers the pushed question by typing, as usual
    chat.send(number)
    chat.send("Gulberg, Lahore")
    chat.send("1")
    assert "Water and Sanitation Agency" in chat.text and re.search(r"[A-Z0-9]{5}-[A-Z0-9]{5}", chat.text)
    [note] = notes(db)
    assert note.outcome == "transcribed" and note.audio == fake_twilio_media.files["ME1"][0]
    with db.transaction() as session:
        [complaint] = session.scalars(select(Complaint))
        assert complaint.attachments == [f"voice:{note.id}"]  # officers can hear it on the case page
        assert "water" in complaint.description.lower()


def test_a_greeting_typed_while_the_note_is_transcribed_does_not_take_its_place(wa, db, fake_twilio_media):
    post_signed(wa, "/webhooks/whatsapp", voice_form(fake_twilio_media.add("ME7", speak(COMPLAINT))))
    assert WhatsAppChat(wa).send("salam") == LISTENING_NEW_SENDER
    assert worker(wa).process_once() is True
    [body] = deliver(wa, db)
    assert body.startswith("I heard: “") and "Please pick one by its number." in body  # the note is the complaint


def test_a_note_stuck_for_minutes_no_longer_holds_the_senders_texts(wa, db, fake_twilio_media):
    post_signed(wa, "/webhooks/whatsapp", voice_form(fake_twilio_media.add("ME8", speak(COMPLAINT))))
    with db.transaction() as session:  # no worker picked it up (stopped, say) for longer than the wait
        for note in session.scalars(select(VoiceNote)):
            note.created_at = utcnow() - jobs.PENDING_FOR - timedelta(seconds=1)
    assert WhatsAppChat(wa).send("salam") != LISTENING_NEW_SENDER  # the dialogue answers, not "listening…"


def test_redelivered_webhook_transcribes_and_replies_once(wa, db, fake_twilio_media):
    form = voice_form(fake_twilio_media.add("ME2", speak(COMPLAINT)), sid="SM" + "2" * 32)
    first = post_signed(wa, "/webhooks/whatsapp", form)
    again = post_signed(wa, "/webhooks/whatsapp", form)
    assert len(bodies(first.text)) == 1 and bodies(again.text) == []
    assert worker(wa).process_once() is True
    assert worker(wa).process_once() is False
    assert len(notes(db)) == 1 and len(pushed(db)) == 1 and len(fake_twilio_media.requests) == 1


@pytest.mark.parametrize("audio, expected", [
    (lambda: b"%PDF-1.4 not a sound" * 50, "I could not play that file as sound."),
    (lambda: generated("anullsrc=r=48000:cl=mono", 3), "I could not hear any words in your voice note."),
    (lambda: generated("sine=frequency=300", 125),
     "Your voice note is too long for me. Please send one of up to 2 minutes"),
    (lambda: generated("anoisesrc=color=white:amplitude=0.5", 30, "wav"), "Your voice note is too large for me."),
])
def test_unusable_audio_gets_a_clear_reply_and_the_menu(wa, db, fake_twilio_media, audio, expected):
    post_signed(wa, "/webhooks/whatsapp", voice_form(fake_twilio_media.add("ME3", audio())))
    assert worker(wa).process_once() is True
    [body] = deliver(wa, db)
    assert body.startswith(expected)
    assert "What would you like to do?" in body and "1. " in body  # the main menu, numbered


def test_a_worker_that_died_mid_transcription_is_replaced_after_its_lease(wa, db, fake_twilio_media):
    post_signed(wa, "/webhooks/whatsapp", voice_form(fake_twilio_media.add("ME4", speak(COMPLAINT))))
    with db.transaction() as session:
        assert jobs.claim_next(session) is not None  # a worker claims the note, then its process dies
    assert worker(wa).process_once() is False  # leased: nobody else takes it meanwhile
    assert worker(wa).process_once(now=utcnow() + jobs.LEASE + timedelta(seconds=1)) is True
    [note] = notes(db)
    assert note.attempts == 2 and note.outcome == "transcribed" and len(pushed(db)) == 1


def test_media_that_cannot_be_fetched_is_reported_to_the_citizen(wa, db, fake_twilio_media):
    missing = fake_twilio_media.add("ME5", b"").replace("ME5", "ME404")
    post_signed(wa, "/webhooks/whatsapp", voice_form(missing))
    assert worker(wa).process_once() is True
    [body] = deliver(wa, db)
    assert body.startswith("Sorry, I could not get your voice note.") and "What would you like to do?" in body
