"""Photos sent from the web chat: checked (JPEG, PNG or WebP by their first bytes, at most
MAX_PHOTO_BYTES; the page shrinks big phone photos before sending), stored under UPLOAD_DIR with a
random name, and handed to the dialogue as an attachment ``web-photo:<name>`` like a WhatsApp media URL
or a Telegram file id. Officers open them from the case page (api/dashboard/attachment_routes.py)."""
from __future__ import annotations

import secrets
import uuid
from pathlib import Path

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.adapters import dialogue_for
from api.deps import ContainerDep
from api.webchat import session
from api.webchat.routes import reply_json
from core.dialogue.types import Inbound

router = APIRouter(tags=["web chat"])
PREFIX = "web-photo:"
MAX_PHOTO_BYTES = 900_000  # under MAX_BODY_BYTES' default with the form around it
SIGNATURES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def photo_kind(head: bytes) -> str | None:
    """The file suffix for an accepted image, judged by its first bytes (never by the name or header)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return next((suffix for magic, suffix in SIGNATURES.items() if head.startswith(magic)), None)


def stored_path(upload_dir: str | Path, reference: str) -> Path | None:
    """The file behind a ``web-photo:`` attachment, if the reference is one of ours and exists."""
    name = reference[len(PREFIX):] if reference.startswith(PREFIX) else ""
    if not name or "/" in name or "\\" in name or name.startswith(".") or Path(name).suffix not in CONTENT_TYPES:
        return None
    path = Path(upload_dir) / name
    return path if path.is_file() else None


@router.post("/chat/photo", summary="a photo for the web visitor's complaint (JPEG, PNG or WebP, ≤ 900 kB)")
async def chat_photo(request: Request, container: ContainerDep, photo: UploadFile,
                     client_id: str = Form("", max_length=64, pattern=r"^[A-Za-z0-9_-]*$")) -> JSONResponse:
    sender = session.request_sender(request)
    if sender is None:
        return JSONResponse({"detail": "no chat session: open the chat page first"}, status_code=404)
    data = await photo.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        return JSONResponse({"detail": f"the photo is larger than {MAX_PHOTO_BYTES} bytes"}, status_code=413)
    suffix = photo_kind(data[:12])
    if suffix is None:
        return JSONResponse({"detail": "send a photo as JPEG, PNG or WebP"}, status_code=422)
    name = secrets.token_urlsafe(18) + suffix
    folder = Path(container.settings.upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    inbound = Inbound(channel="web", sender=sender, media=(PREFIX + name,),
                      message_id=f"{sender}:{client_id or uuid.uuid4().hex}")
    replies = await run_in_threadpool(dialogue_for(container).handle, inbound)
    return JSONResponse({"replies": [reply_json(r) for r in replies]})
