"""Web chat routes: the page (GET /), its JSON endpoint (POST /chat/messages) and GET /track."""
from __future__ import annotations

import uuid
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.adapters import converse_for, dialogue_for
from api.client_limits import chat_cookie, limited, over_limit
from api.deps import ContainerDep
from api.webchat import session
from api.webchat.track import local_time, lookup
from core import messages
from core.citizens import set_update_phone
from core.dialogue.types import Inbound, Location, Reply
from core.errors import InvalidInput, NotFound

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(tags=["web chat"])
CHANNEL = "web"
UI_KEYS = ("web_title", "web_intro", "web_message_label", "web_send", "web_share_location", "web_network_error",
           "web_track_link", "web_chat_link", "web_track_label", "web_track_button", "web_track_status",
           "web_track_department", "web_track_office", "web_track_filed", "web_track_updated", "web_track_due", "web_track_notes",
           "web_record", "web_stop_recording", "web_voice_file",  # issue 15
           "web_copy", "web_copied", "web_phone_label", "web_phone_save", "web_phone_saved", "web_phone_invalid", "web_photo")
PAGE_LANGUAGES = ("en", "ur")  # the page chrome is bilingual: English and Urdu script side by side
# Like the dashboard: everything from this app, no inline script, so injected markup cannot run.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class LocationIn(BaseModel):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class ChatMessageIn(BaseModel):
    text: str = Field("", max_length=5000)
    choice: str | None = Field(None, max_length=100, description="value of a pressed choice button")
    question: str | None = Field(None, max_length=100, description="the question that button answered")
    location: LocationIn | None = None
    client_id: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                  description="per-message id from the page: a retried POST is handled once")


def ui_text() -> dict[str, dict[str, str]]:
    return {key: {lang: messages.text(key, lang) for lang in PAGE_LANGUAGES} for key in UI_KEYS}


def text_direction(language: str) -> str:
    return "rtl" if language == "ur" else "auto"


def reply_json(reply: Reply) -> dict:
    return {"text": reply.text, "language": reply.language, "dir": text_direction(reply.language),
            "question": reply.question, "request_location": reply.request_location,
            "choices": [{"value": c.value, "label": c.label} for c in reply.choices]}


def _secure(container) -> bool:
    return container.settings.public_base_url.startswith("https://")


@router.get("/", response_class=HTMLResponse, summary="the web chat page")
def chat_page(request: Request, container: ContainerDep) -> HTMLResponse:
    response = templates.TemplateResponse(request, "chat.html", {"ui": ui_text()}, headers=SECURITY_HEADERS)
    secret = container.settings.session_secret
    if session.request_sender(request) is None:
        session.set_sender_cookie(response, session.new_sender(), secret, _secure(container))
    return response


@router.post("/chat/messages", summary="one web chat message; returns the dialogue's replies")
async def chat_message(body: ChatMessageIn, request: Request, container: ContainerDep) -> JSONResponse:
    secret = container.settings.session_secret
    sender = session.request_sender(request)
    if over_limit(request, "chat", container.settings.chat_messages_per_minute, sender):
        # The page shows replies, not HTTP errors: a polite message in both of its languages.
        return JSONResponse({"replies": [reply_json(Reply(messages.text("web_rate_limited", lang), language=lang))
                                         for lang in PAGE_LANGUAGES]})
    is_new = sender is None
    sender = sender or session.new_sender()
    location = Location(body.location.latitude, body.location.longitude) if body.location else None
    inbound = Inbound(channel=CHANNEL, sender=sender, text=body.text, location=location,
                      message_id=f"{sender}:{body.client_id or uuid.uuid4().hex}",
                      choice=body.choice, question=body.question)
    replies = await run_in_threadpool(converse_for(container), inbound)
    response = JSONResponse({"replies": [reply_json(r) for r in replies]})
    if is_new:
        session.set_sender_cookie(response, sender, secret, _secure(container))
    return response


def turn_json(entry: dict) -> dict:
    """One stored transcript entry as the page draws it (a reply keeps its buttons: the page enables
    only the newest question's)."""
    language = entry.get("language", "")
    return {"who": "me" if entry.get("who") == "citizen" else "bot", "text": entry.get("text", ""),
            "language": language, "dir": text_direction(language) if language else "auto",
            "question": entry.get("question", ""), "request_location": bool(entry.get("request_location")),
            "choices": list(entry.get("choices", ()))}


class PhoneIn(BaseModel):
    phone: str = Field(min_length=4, max_length=20, description="a Pakistani mobile number: 0300 1234567 or +923001234567")


@router.post("/chat/phone", summary="the web visitor leaves a mobile number for SMS updates on their complaints")
async def chat_phone(body: PhoneIn, request: Request, container: ContainerDep) -> JSONResponse:
    sender = session.request_sender(request)
    if sender is None:
        return JSONResponse({"detail": "no chat session: write a message first"}, status_code=404)

    def store() -> str:
        with container.db.transaction() as db_session:
            return set_update_phone(db_session, CHANNEL, sender, body.phone)
    try:
        phone = await run_in_threadpool(store)
    except InvalidInput as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    except NotFound:
        return JSONResponse({"detail": "no chat session: write a message first"}, status_code=404)
    return JSONResponse({"phone": phone})


@router.get("/chat/history", summary="the visitor's recent turns and any question waiting for them")
async def chat_history(request: Request, container: ContainerDep) -> JSONResponse:
    sender = session.request_sender(request)
    if sender is None:
        return JSONResponse({"turns": [], "pending": []})
    turns, pending = await run_in_threadpool(dialogue_for(container).open_chat, CHANNEL, sender)
    return JSONResponse({"turns": [turn_json(t) for t in turns], "pending": [reply_json(r) for r in pending]},
                        headers={"Cache-Control": "no-store"})


@router.get("/track", response_class=HTMLResponse, summary="look up a complaint by tracking ID",
            dependencies=[Depends(limited("track", "track_lookups_per_minute", chat_cookie))])
def track_page(request: Request, container: ContainerDep, id: str = "") -> HTMLResponse:
    result = lookup(container.db, id) if id.strip() else None
    status = 200 if result is None or result.complaint else (400 if result.problem != "not_found" else 404)
    # Citizens read times in the dashboard's zone (Pakistan time by default), labelled ("PKT").
    when = partial(local_time, zone=ZoneInfo(container.settings.dashboard_timezone))
    context = {"ui": ui_text(), "query": id, "result": result,
               "local": lambda value, pattern: when(value, pattern=pattern)}
    return templates.TemplateResponse(request, "track.html", context, status_code=status, headers=SECURITY_HEADERS)


def install(app: FastAPI) -> None:
    from api.webchat.photos import router as photo_router
    from api.webchat.voice import router as voice_router  # issue 15: voice notes

    app.include_router(router)
    app.include_router(photo_router)
    app.include_router(voice_router)
    app.mount("/static/webchat", StaticFiles(directory=HERE / "static"), name="webchat-static")
