"""What a webhook does with a voice note: store the job and answer at once ("listening…"), in the
language of the conversation, or in English and Urdu for a sender who has not written before (a
first voice note says nothing about the language the citizen reads); the VoiceWorker does the slow
part."""
from __future__ import annotations

from core import messages
from core.db import Database
from core.dialogue.types import Reply
from core.voice import jobs
from core.voice.jobs import VoiceIn


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
