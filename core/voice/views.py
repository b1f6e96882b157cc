"""What officers see of a case's voice notes: the transcript (marked automatic) and the audio, only for
a case the officer may see (the same rule as the case itself), and only notes attached to that case."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.access import Viewer, load_for_viewer
from core.errors import NotFound
from core.voice.models import VoiceNote

PREFIX = "voice:"


@dataclass(frozen=True)
class VoiceNoteView:
    id: int
    transcript: str
    language: str
    duration: float | None


def _attached_ids(attachments: list) -> list[int]:
    return [int(a[len(PREFIX):]) for a in attachments or [] if isinstance(a, str) and a.startswith(PREFIX)
            and a[len(PREFIX):].isdigit()]


def case_voice_notes(session: Session, viewer: Viewer, tracking_id: str) -> dict[str, VoiceNoteView]:
    """Attachment reference ("voice:12") -> the note, for the case page."""
    complaint = load_for_viewer(session, viewer, tracking_id)
    ids = _attached_ids(complaint.attachments)
    if not ids:
        return {}
    rows = session.execute(select(VoiceNote.id, VoiceNote.transcript, VoiceNote.language, VoiceNote.duration)
                           .where(VoiceNote.id.in_(ids)))
    return {f"{PREFIX}{r.id}": VoiceNoteView(r.id, r.transcript or "", r.language or "", r.duration) for r in rows}


def voice_audio(session: Session, viewer: Viewer, tracking_id: str, voice_id: int) -> tuple[bytes, str]:
    """The audio of a note attached to a case the viewer may see; NotFound otherwise (no existence leak)."""
    complaint = load_for_viewer(session, viewer, tracking_id)
    if voice_id not in _attached_ids(complaint.attachments):
        raise NotFound(f"voice note {voice_id}")
    row = session.execute(select(VoiceNote.audio, VoiceNote.content_type).where(VoiceNote.id == voice_id)).first()
    if row is None or row.audio is None:
        raise NotFound(f"voice note {voice_id}")
    return row.audio, row.content_type or "application/octet-stream"
