"""A case's voice note audio for the officer's player (issue 15): served through the app with the case's
access rules, never from a public URL; private and not cached by shared caches; byte ranges answered
(Safari's player needs them, and seeking uses them)."""
from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.byte_ranges import ranged_response
from api.dashboard.case_routes import NOT_FOUND
from api.dashboard.session import OfficerDep
from api.deps import ContainerDep
from core.voice.views import voice_audio

router = APIRouter()
AUDIO_TYPES = ("audio/", "video/webm", "video/mp4")  # browsers' recordings may say video/* for audio


@router.get("/cases/{tracking_id}/voice/{voice_id}")
def voice_note_audio(tracking_id: str, voice_id: int, request: Request, viewer: OfficerDep,
                     container: ContainerDep) -> Response:
    try:
        with container.db.transaction() as session:
            data, content_type = voice_audio(session, viewer, tracking_id, voice_id)
    except NOT_FOUND:
        return Response("not found", status_code=404, media_type="text/plain")
    kind = content_type.split(";")[0].strip().lower()
    kind = kind if kind.startswith(AUDIO_TYPES) else "application/octet-stream"
    return ranged_response(data, request.headers.get("range"), kind,
                           {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
                            "Content-Disposition": "inline"})
