"""What a webhook does with a voice note: store the job and answer at once ("listening…"), in the
language of the conversation, or in English and Urdu for a sender who has not written before (a
first voice note says nothing about the language the citizen reads); the VoiceWorker does the slow
part. A text that arrives while the note waits is answered with the same "listening…": handled first,
it would take the place of the complaint the transcript is about to tell."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from core import messages
from core.db import Database, utcnow
from core.dialogue.outage import DATABASE_DOWN
from core.dialogue.types import Inbound, Reply
from core.voice import jobs
from core.voice.jobs import VoiceIn

log = logging.getLogger("awaaz.voice")
TEXTS_WAIT = timedelta(minutes=5)  # a note is transcribed in seconds; past this, texts are handled as usual

def reply_language(conversation: str | None, fallback: str | None) -> str | None:
    """The conversation's language, else the channel's guess; None when neither is known."""
    language = conversation or fallback
    if language is None:
        return None
    return language if language in messages.LANGUAGES else "en"


def listening(language: str | None) -> Reply:
    if language is None:
        both = "\n".join(messages.text("voice_listening", lang) for lang in ("en", "ur"))
        return Reply(both, language="en")
    return Reply(messages.text("voice_listening", language), language=language)


class VoiceService:
    def __init__(self, db: Database):
        self.db = db

    def accept(self, note: VoiceIn, fallback_language: str | None = None) -> list[Reply]:
        """The immediate answer; nothing for a re-delivered message id (its answer went out the first time)."""
        with self.db.transaction() as session:
            language = reply_language(jobs.conversation_language(session, note.channel, note.sender),
                                      fallback_language)
            row = jobs.accept(session, note)
        if row is None:
            return []
        return [listening(language)]

    def still_listening(self, channel: str, sender: str) -> list[Reply]:
        """The "listening…" answer while a voice note of the sender's waits to be transcribed, else [].
        Only for a few minutes: a note stuck behind a stopped worker must not hold the citizen's texts."""
        with self.db.transaction() as session:
            if not jobs.pending_count(session, channel, sender, since=utcnow() - TEXTS_WAIT):
                return []
            language = reply_language(jobs.conversation_language(session, channel, sender), None)
        return [listening(language)]


def texts_wait_for_voice(voice: VoiceService, handle: Callable[[Inbound], list[Reply]]
                         ) -> Callable[[Inbound], list[Reply]]:
    """A channel's text handler that answers "listening…" instead while the sender's voice note is
    being transcribed; a database outage leaves the text to ``handle`` (which spools it)."""
    def handle_text(inbound: Inbound) -> list[Reply]:
        try:
            waiting = voice.still_listening(inbound.channel, inbound.sender)
        except DATABASE_DOWN:
            log.warning("voice: database unreachable; text from %s handled as usual", inbound.channel)
            waiting = []
        return waiting or handle(inbound)
    return handle_text
