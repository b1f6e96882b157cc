"""A voice note in the web chat: uploaded (as a browser's MediaRecorder makes it: WebM/Opus), answered at
once, and the transcribed follow-up read by the page's poll; a re-sent upload is handled once."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.voice import jobs
from core.voice.models import VoiceNote
from tests.fixtures.voice import speak
from tests.voice.support import notes, voice_client, worker


@pytest.fixture
def web(db, settings, transcriber):
    with voice_client(db, settings, transcriber) as client:
        client.get("/")  # the page sets the chat session cookie
        yield client


def upload(client, audio: bytes, client_id: str = "v1"):
    return client.post("/chat/voice", files={"audio": ("voice.webm", audio, "audio/webm")},
                       data={"client_id": client_id})


def test_recorded_note_is_answered_at_once_and_the_follow_up_arrives_on_the_poll(web, db):
    audio = speak("The garbage has not been collected from our street", "en", "webm")
    answer = upload(web, audio)
    assert answer.status_code == 200
    assert [r["text"] for r in answer.json()["replies"]] == ["🎙️ Listening to your voice note… I will answer in a moment."]
    assert web.get("/chat/voice/replies").json() == {"replies": [], "last": 0, "pending": 1}

    assert worker(web).process_once() is True
    poll = web.get("/chat/voice/replies").json()
    assert poll["pending"] == 0 and len(poll["replies"]) == 1
    reply = poll["replies"][0]
    assert reply["text"].startswith("I heard: “") and "garbage" in reply["text"].lower()
    assert "Local Government and Municipal Services" in [c["label"] for c in reply["choices"]]
    assert web.get(f"/chat/voice/replies?after={poll['last']}").json()["replies"] == []  # shown once

    department = next(c for c in reply["choices"] if c["label"] == "Local Government and Municipal Services")
    after = web.post("/chat/messages", json={"choice": department["value"], "question": reply["question"],
                                             "client_id": "c1"}).json()
    assert after["replies"][-1]["request_location"] is True  # the conversation went on from the voice note


def test_resent_upload_is_handled_once(web, db):
    audio = speak("No water", "en", "webm")
    assert len(upload(web, audio, "same").json()["replies"]) == 1
    assert upload(web, audio, "same").json()["replies"] == []
    assert len(notes(db)) == 1


def test_upload_without_a_chat_session_is_refused(db, settings, transcriber):
    with voice_client(db, settings, transcriber) as client:
        assert upload(client, b"OggS").status_code == 404


def test_a_message_typed_while_the_note_is_transcribed_waits_for_it(web, db):
    upload(web, speak("The garbage has not been collected from our street", "en", "webm"))
    typed = web.post("/chat/messages", json={"text": "hello?", "client_id": "t1"}).json()["replies"]
    assert "Listening to your voice note" in typed[0]["text"]  # not a greeting that starts another conversation
    assert worker(web).process_once() is True
    [reply] = web.get("/chat/voice/replies").json()["replies"]
    assert reply["text"].startswith("I heard: “") and "garbage" in reply["text"].lower()


def test_a_note_stuck_for_minutes_stops_the_polling_and_its_late_answer_still_arrives(web, db):
    upload(web, speak("The garbage has not been collected from our street", "en", "webm"))
    with db.transaction() as session:  # no worker picked it up (stopped, say) for longer than the wait
        for note in session.scalars(select(VoiceNote)):
            note.created_at = utcnow() - jobs.PENDING_FOR - timedelta(seconds=1)
    assert web.get("/chat/voice/replies").json() == {"replies": [], "last": 0, "pending": 0}

    assert worker(web).process_once() is True  # the worker is back
    [reply] = web.get("/chat/voice/replies").json()["replies"]
    assert reply["text"].startswith("I heard: “") and "garbage" in reply["text"].lower()
