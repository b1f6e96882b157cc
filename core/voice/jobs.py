"""Voice-note jobs in the database: accepted once per message id, claimed by workers with
FOR UPDATE SKIP LOCKED and a lease (a worker that dies mid-transcription leaves the job to be claimed
again when the lease runs out), and finished with the replies pushed through the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import utcnow
from core.dialogue.models import Conversation
from core.notifications.models import OutboxMessage
from core.notifications.outbox import PULL_ONLY_CHANNELS
from core.voice.models import VoiceNote

LEASE = timedelta(minutes=5)  # longer than the longest transcription (3 min of audio on 2 cores)
MAX_ATTEMPTS = 4
# A note is transcribed in seconds; one still pending after this is stuck (a stopped worker): it no
# longer holds the sender's texts nor keeps the web chat polling. Its answer still comes if it is done.
PENDING_FOR = timedelta(minutes=5)
REPLY_KIND = "voice_reply"  # the outbox kind: the text is ready, rendered by data/messages.yml's voice_reply


@dataclass(frozen=True)
class VoiceIn:
    """A voice note as a channel adapter sees it (already authenticated)."""

    channel: str
    sender: str
    message_id: str
    media_ref: str  # what the channel's MediaFetcher downloads
    content_type: str = ""
    display_name: str = ""
    audio: bytes | None = None  # uploaded directly (web chat): nothing to fetch


@dataclass(frozen=True)
class ClaimedVoice:
    id: int
    channel: str
    sender: str
    message_id: str
    display_name: str
    media_ref: str
    attempts: int
    audio: bytes | None
    content_type: str
    transcript: str | None
    language: str | None  # the conversation's language when claimed


def conversation_language(session: Session, channel: str, sender: str) -> str | None:
    return session.scalar(select(Conversation.language).where(Conversation.channel == channel,
                                                               Conversation.sender == sender))


def accept(session: Session, note: VoiceIn) -> VoiceNote | None:
    """Store the job; None when this message id was accepted before (a re-delivered webhook)."""
    try:
        with session.begin_nested():
            row = VoiceNote(channel=note.channel, message_id=note.message_id[:120], sender=note.sender[:120],
                            display_name=note.display_name[:120], media_ref=note.media_ref,
                            content_type=note.content_type[:100], audio=note.audio, replies=[])
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        return None


def claim_next(session: Session, now: datetime | None = None) -> ClaimedVoice | None:
    """Lease the oldest due job; other workers skip it while it is locked, and until the lease ends."""
    now = now or utcnow()
    row = session.scalar(select(VoiceNote).where(VoiceNote.status == "pending", VoiceNote.next_attempt_at <= now)
                         .order_by(VoiceNote.id).limit(1).with_for_update(skip_locked=True))
    if row is None:
        return None
    row.next_attempt_at, row.attempts = now + LEASE, row.attempts + 1
    return ClaimedVoice(row.id, row.channel, row.sender, row.message_id, row.display_name, row.media_ref,
                        row.attempts, row.audio, row.content_type, row.transcript,
                        conversation_language(session, row.channel, row.sender))


def save_audio(session: Session, job_id: int, data: bytes, content_type: str) -> None:
    row = session.get_one(VoiceNote, job_id)
    row.audio, row.content_type = data, content_type[:100]


def save_transcript(session: Session, job_id: int, text: str, language: str, duration: float) -> None:
    row = session.get_one(VoiceNote, job_id)
    row.transcript, row.language, row.duration = text, language, duration


def retry_later(session: Session, job_id: int, error: str) -> bool:
    """Back off after a failure; False when the job has used its attempts (the caller gives up)."""
    row = session.get_one(VoiceNote, job_id)
    row.last_error = error[:2000]
    if row.attempts >= MAX_ATTEMPTS:
        return False
    row.next_attempt_at = utcnow() + timedelta(seconds=30 * 2 ** (row.attempts - 1))
    return True


def finish(session: Session, job_id: int, outcome: str, language: str, message: dict) -> None:
    """Mark done and queue the follow-up (``message``: text, choices, question) on the citizen's channel.

    The row is locked first: of two workers finishing the same note (a lease ran out), one queues it."""
    row = session.get_one(VoiceNote, job_id, with_for_update=True)
    if row.status == "done":  # finished by an earlier attempt whose lease had run out
        return
    row.status, row.outcome, row.done_at, row.replies = "done", outcome, utcnow(), [message]
    if row.channel not in PULL_ONLY_CHANNELS:  # the web chat reads ``replies`` when it polls
        session.add(OutboxMessage(kind=REPLY_KIND, complaint_id=None, recipient="citizen", channel=row.channel,
                                  address=row.sender, language=language,
                                  params={k: v for k, v in message.items() if k != "language"}))


def replies_since(session: Session, channel: str, sender: str, after_id: int) -> list[tuple[int, dict]]:
    """Finished voice notes' follow-ups for one sender, newer than ``after_id`` (the web chat's poll)."""
    rows = session.execute(select(VoiceNote.id, VoiceNote.replies).where(
        VoiceNote.channel == channel, VoiceNote.sender == sender, VoiceNote.status == "done",
        VoiceNote.id > after_id).order_by(VoiceNote.id))
    return [(voice_id, message) for voice_id, replies in rows for message in replies]


def pending_count(session: Session, channel: str, sender: str) -> int:
    """The sender's voice notes waiting to be transcribed: not done, received within ``PENDING_FOR``."""
    return session.scalar(select(func.count()).select_from(VoiceNote).where(
        VoiceNote.channel == channel, VoiceNote.sender == sender, VoiceNote.status == "pending",
        VoiceNote.created_at >= utcnow() - PENDING_FOR)) or 0
