"""A Telegram voice note through the real python-telegram-bot stack and the tests' fake Bot API: the
"listening" answer at once, the file fetched with getFile + the file URL of TELEGRAM_API_BASE_URL's
server, the real model, and the follow-up sent by the outbox worker with its inline keyboard."""
from __future__ import annotations

import pytest

from core.notifications.worker import Worker
from tests.channels.telegram_updates import text_update, voice_update
from tests.fixtures.fake_telegram import post_update
from tests.fixtures.voice import speak
from tests.voice.support import LISTENING_EN, LISTENING_UR, notes, voice_client, worker

CHAT = 4242


@pytest.fixture
def tg(db, telegram_settings, transcriber, fake_telegram):
    with voice_client(db, telegram_settings, transcriber) as client:
        yield client


def deliver(client, db) -> int:
    container = client.app.state.container
    return Worker(db, {"telegram": container.senders["telegram"]}).deliver_once()


def test_voice_note_is_heard_and_answered_with_the_department_buttons(tg, db, fake_telegram):
    fake_telegram.files["VOICE1"] = speak("The street lights in our area have not worked for a week")
    assert post_update(tg, voice_update(CHAT, "VOICE1")).status_code == 200
    assert fake_telegram.sent_texts(CHAT) == [LISTENING_EN]  # the language of the Telegram app
    assert fake_telegram.calls_to("getFile") == []  # the webhook did not fetch or transcribe

    assert worker(tg).process_once() is True
    assert [c["file_id"] for c in fake_telegram.calls_to("getFile")] == ["VOICE1"]
    assert deliver(tg, db) == 1
    follow_up = fake_telegram.calls_to("sendMessage")[-1]
    assert follow_up["text"].startswith("I heard: “") and "street" in follow_up["text"].lower()
    buttons = [row[0]["text"] for row in follow_up["reply_markup"]["inline_keyboard"]]
    assert "Local Government and Municipal Services" in buttons  # the open question, as buttons


def test_urdu_conversation_transcribes_as_urdu_and_answers_in_urdu(tg, db, fake_telegram):
    post_update(tg, text_update(CHAT, "السلام علیکم"))
    fake_telegram.files["VOICE2"] = speak("ہمارے محلے میں تین دن سے پانی نہیں آ رہا", "ur")
    post_update(tg, voice_update(CHAT, "VOICE2"))
    assert fake_telegram.sent_texts(CHAT)[-1] == LISTENING_UR  # the conversation's language only
    assert worker(tg).process_once() is True
    [note] = notes(db)
    assert note.language == "ur" and any("\u0600" <= ch <= "\u06ff" for ch in note.transcript)
    deliver(tg, db)
    assert fake_telegram.sent_texts(CHAT)[-1].startswith("میں نے سنا: “")


def test_a_text_sent_while_the_note_is_transcribed_is_told_to_wait(tg, db, fake_telegram):
    post_update(tg, text_update(CHAT, "salam"))  # an English conversation (the app's language)
    fake_telegram.files["VOICE3"] = speak("The street lights in our area have not worked for a week")
    post_update(tg, voice_update(CHAT, "VOICE3"))
    post_update(tg, text_update(CHAT, "are you there?"))
    assert fake_telegram.sent_texts(CHAT)[-2:] == [LISTENING_EN, LISTENING_EN]  # the text did not start anything
    assert worker(tg).process_once() is True and deliver(tg, db) == 1
    assert fake_telegram.calls_to("sendMessage")[-1]["text"].startswith("I heard: “")
