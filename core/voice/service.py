"""What a webhook does with a voice note: store the job and answer at once ("listening…"), in the
language of the conversation, or in English and Urdu for a sender who has not written before (a
first voice note says nothing about the language the citizen reads); the VoiceWorker does the slow
part. A text that arrives while the note waits is answered with the same "listening…": handled first,
it would take the place of the complaint the transcript is about to tell."""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from core import messages
from core.db import Database
from core.dialogue.types import Inbound, Reply
from core.dialogue.words import tracking_id_in
from core.voice import jobs
from core.voice.jobs import VoiceIn

log = logging.getLogger("awaaz.voice")


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
        Only for a few minutes (``jobs.PENDING_FOR``): a stuck note must not hold the citizen's texts."""
        with self.db.transaction() as session:
            if not jobs.pending_count(session, channel, sender):
                return []
            language = reply_language(jobs.conversation_language(session, channel, sender), None)
        return [listening(language)]


def _may_wait(inbound: Inbound) -> bool:
    """Free text only: a button press, a pin, a photo or a tracking-ID lookup is not what the transcript
    will say, and a pressed Telegram button cannot be pressed again."""
    return (bool(inbound.text.strip()) and inbound.choice is None and inbound.location is None
            and not inbound.media and tracking_id_in(inbound.text) is None)


def texts_wait_for_voice(voice: VoiceService, handle: Callable[[Inbound], list[Reply]]
                         ) -> Callable[[Inbound], list[Reply]]:
    """A channel's text handler that answers "listening…" instead while the sender's voice note is
    being transcribed; when the check itself fails, the text goes to ``handle`` (which answers or
    spools it, as without voice)."""
    def handle_text(inbound: Inbound) -> list[Reply]:
        waiting: list[Reply] = []
        if _may_wait(inbound):
            try:
                waiting = voice.still_listening(inbound.channel, inbound.sender)
            except SQLAlchemyError as exc:
                log.warning("voice: pending-note check failed (%s); text handled as usual", type(exc).__name__)
        return waiting or handle(inbound)
    return handle_text
