"""One voice note: a durable job (claimed like outbox rows) and, once fetched, the audio itself, kept
as the complaint's attachment ``voice:<id>`` for officers to hear."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UtcDateTime, utcnow


class VoiceNote(Base):
    __tablename__ = "voice_notes"
    __table_args__ = (UniqueConstraint("channel", "message_id", name="uq_voice_note_message"),
                      Index("ix_voice_notes_due", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str] = mapped_column(String(120))
    sender: Mapped[str] = mapped_column(String(120))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    media_ref: Mapped[str] = mapped_column(Text)  # Twilio media URL, Telegram file id, "upload" (web)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | done
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    audio: Mapped[bytes | None] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    transcript: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))  # the language transcribed
    duration: Mapped[float | None] = mapped_column(Float)
    # transcribed | too_large | too_long | not_audio | no_speech | failed (fetch or transcription gave up)
    outcome: Mapped[str | None] = mapped_column(String(20))
    replies: Mapped[list] = mapped_column(JSON, default=list)  # what the citizen was told afterwards
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
