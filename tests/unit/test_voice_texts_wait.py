"""Which messages wait for a voice note being transcribed, and that a failing check never drops one."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from core.dialogue.types import Inbound, Location, Reply
from core.voice.service import texts_wait_for_voice

LISTENING = [Reply("listening", language="en")]
HANDLED = [Reply("handled", language="en")]


class NoteBeingTranscribed:
    def __init__(self, error: Exception | None = None):
        self.error = error

    def still_listening(self, channel: str, sender: str) -> list[Reply]:
        if self.error:
            raise self.error
        return LISTENING


def _handle(voice) -> Callable[[Inbound], list[Reply]]:
    return texts_wait_for_voice(voice, lambda inbound: HANDLED)


def test_free_text_waits_but_presses_pins_photos_and_lookups_go_through():
    handle = _handle(NoteBeingTranscribed())
    assert handle(Inbound("sms", "+923001234567", text="hello? anyone")) == LISTENING
    for inbound in [Inbound("telegram", "42", choice="water_supply", question="department"),
                    Inbound("whatsapp", "+923001234567", location=Location(31.5, 74.3)),
                    Inbound("whatsapp", "+923001234567", media=("https://example.test/photo.jpg",)),
                    Inbound("sms", "+923001234567", text="STATUS AB12C-3DE4F")]:
        assert handle(inbound) == HANDLED, inbound


def test_a_database_error_in_the_check_leaves_the_message_to_the_usual_handler():
    handle = _handle(NoteBeingTranscribed(OperationalError("SELECT", {}, Exception("database is locked"))))
    assert handle(Inbound("whatsapp", "+923001234567", text="salam")) == HANDLED
