"""The voice worker: fetch the audio from the channel, transcribe it, run the words through the dialogue
as if typed ("I heard: …" first, so the citizen can correct it), and queue the replies in the outbox.

Every step's result is stored before the next, so a retry (after a crash or an expired lease) neither
fetches, transcribes nor files twice: the dialogue de-duplicates by the ``voice:<message id>`` it is given.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from datetime import datetime

from core import messages
from core.db import Database
from core.dialogue.service import DialogueService
from core.dialogue.types import Inbound, Reply
from core.ports import AudioRejected, MediaError, MediaFetcherPort, TranscriberPort
from core.voice import jobs
from core.voice.jobs import ClaimedVoice
from core.voice.replies import combine, heard

log = logging.getLogger("awaaz.voice")
URDU_CONVERSATION = ("ur", "roman_ur")


class GiveUp(Exception):
    """The note cannot be processed (fetch failed for good); the citizen is told."""


class VoiceWorker:
    def __init__(self, db: Database, transcriber: TranscriberPort, fetchers: Mapping[str, MediaFetcherPort],
                 dialogue: DialogueService, *, max_bytes: int = 10_000_000, max_seconds: float = 180,
                 poll_seconds: float = 1.0):
        self.db, self.transcriber, self.fetchers, self.dialogue = db, transcriber, dict(fetchers), dialogue
        self.max_bytes, self.max_seconds, self.poll_seconds = max_bytes, max_seconds, poll_seconds

    def process_once(self, now: datetime | None = None) -> bool:
        """Handle one voice note due at ``now`` (default: the current time); False when none was due."""
        with self.db.transaction() as session:
            job = jobs.claim_next(session, now)
        if job is None:
            return False
        try:
            self._process(job)
        except Exception as exc:  # noqa: BLE001 - any failure is retried, then reported to the citizen
            log.warning("voice note %s failed (attempt %d): %s", job.id, job.attempts, exc)
            with self.db.transaction() as session:
                again = not isinstance(exc, GiveUp) and jobs.retry_later(session, job.id, f"{type(exc).__name__}: {exc}")
            if not again:
                self._reject(job, "failed")
        return True

    def _process(self, job: ClaimedVoice) -> None:
        audio = job.audio
        try:
            if audio is None:
                audio = self._fetch(job)
            text, language = job.transcript, job.language
            if text is None:
                hint = "ur" if job.language in URDU_CONVERSATION else None
                transcript = self.transcriber.transcribe(audio, hint)
                with self.db.transaction() as session:
                    jobs.save_transcript(session, job.id, transcript.text, transcript.language, transcript.duration)
                text = transcript.text
        except AudioRejected as rejected:
            self._reject(job, rejected.kind)
            return
        replies = self.dialogue.handle(self._inbound(job, text=text, media=(f"voice:{job.id}",)))
        language = replies[0].language if replies else (language or "en")
        message = {**combine([heard(text, language)] + replies), "language": language}
        with self.db.transaction() as session:
            jobs.finish(session, job.id, "transcribed", language, message)

    def _fetch(self, job: ClaimedVoice) -> bytes:
        fetcher = self.fetchers.get(job.channel)
        if fetcher is None:
            raise GiveUp(f"no media fetcher for {job.channel}")
        try:
            media = fetcher.fetch(job.media_ref, self.max_bytes)
        except MediaError as exc:
            if exc.retryable:
                raise
            raise GiveUp(str(exc)) from exc
        with self.db.transaction() as session:
            jobs.save_audio(session, job.id, media.data, media.content_type or job.content_type)
        return media.data

    @staticmethod
    def _inbound(job: ClaimedVoice, **fields) -> Inbound:
        return Inbound(channel=job.channel, sender=job.sender, message_id=f"voice:{job.message_id}"[:120],
                       display_name=job.display_name, **fields)

    def _reject(self, job: ClaimedVoice, kind: str) -> None:
        """Say why the note could not be used, then the open question again (or the menu)."""
        follow = self.dialogue.reprompt(self._inbound(job))
        language = follow[0].language if follow else (job.language or "en")
        language = language if language in messages.LANGUAGES else "en"
        message = {**combine([Reply(messages.text(f"voice_{kind}", language, minutes=f"{self.max_seconds / 60:g}"), language=language)] + follow),
                   "language": language}
        with self.db.transaction() as session:
            jobs.finish(session, job.id, kind, language, message)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                busy = self.process_once()
            except Exception:  # the database may be briefly unreachable; try again next tick
                log.exception("voice worker tick failed")
                busy = False
            if not busy:
                stop.wait(self.poll_seconds)
