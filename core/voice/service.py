"""What a webhook does with a voice note: store the job and answer at once ("listening…"), in the
language of the conversation; the VoiceWorker does the slow part."""
from __future__ import annotations

from core import messages
from core.db import Database
from core.dialogue.types import Reply
from core.voice import jobs
from core.voice.jobs import VoiceIn


def reply_language(conversation: str | None, fallback: str) -> str:
    language = conversation or fallback
    return language if language in messages.LANGUAGES else "en"


class VoiceService:
    def __init__(self, db: Database):
        self.db = db

    def accept(self, note: VoiceIn, fallback_language: str = "en") -> list[Reply]:
        """The immediate answer; nothing for a re-delivered message id (its answer went out the first time)."""
        with self.db.transaction() as session:
            language = reply_language(jobs.conversation_language(session, note.channel, note.sender),
                                      fallback_language)
            row = jobs.accept(session, note)
        if row is None:
            return []
        return [Reply(messages.text("voice_listening", language), language=language)]
