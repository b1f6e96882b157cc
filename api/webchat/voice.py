"""Voice notes in the web chat (issue 15): the page records with the browser's MediaRecorder (or the
visitor picks an audio file) and uploads it to ``POST /chat/voice``; the answer "listening…" comes at
once, and the page polls ``GET /chat/voice/replies`` until the voice worker's follow-up is there."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import ContainerDep
from api.voice import voice_for
from api.webchat import session
from api.webchat.routes import CHANNEL, reply_json
from core import messages
from core.dialogue.types import Choice, Reply
from core.voice import jobs
from core.voice.jobs import VoiceIn

router = APIRouter(tags=["web chat"])


def _stored_reply(message: dict) -> dict:
    """A voice follow-up as kept in its outbox parameters, in the shape of the chat's other replies."""
    return reply_json(Reply(message["text"], language=message.get("language", "en"),
                            question=message.get("question", ""),
                            choices=tuple(Choice(v, label) for v, label in message.get("choices", ()))))


@router.post("/chat/voice", summary="upload a voice note; the transcribed answer arrives on the replies poll")
async def upload_voice(request: Request, container: ContainerDep, audio: Annotated[UploadFile, File()],
                       client_id: Annotated[str, Form(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]) -> JSONResponse:
    settings, voice = container.settings, voice_for(container)
    sender = session.request_sender(request)
    if voice is None or sender is None:  # voice off, or no chat session (the page sets one)
        return JSONResponse({"detail": "voice notes are not available here"}, status_code=404)
    data = await audio.read(settings.voice_max_bytes + 1)
    if len(data) > settings.voice_max_bytes:
        text = messages.text("voice_too_large", "en", minutes=f"{settings.voice_max_seconds / 60:g}")
        return JSONResponse({"replies": [reply_json(Reply(text, language="en"))], "pending": 0})
    note = VoiceIn(CHANNEL, sender, f"{sender}:{client_id}", "upload", audio.content_type or "", audio=data)
    replies = await run_in_threadpool(voice.accept, note, "en")
    return JSONResponse({"replies": [reply_json(r) for r in replies], "pending": 1})


@router.get("/chat/voice/replies", summary="follow-ups of this visitor's voice notes newer than `after`")
def voice_replies(request: Request, container: ContainerDep, after: int = 0) -> JSONResponse:
    sender = session.request_sender(request)
    if sender is None:
        return JSONResponse({"replies": [], "last": after, "pending": 0})
    with container.db.transaction() as db_session:
        done = jobs.replies_since(db_session, CHANNEL, sender, after)
        pending = jobs.pending_count(db_session, CHANNEL, sender)
    replies = [_stored_reply(m) for _, m in done]
    return JSONResponse({"replies": replies, "last": max([after] + [i for i, _ in done]), "pending": pending})
