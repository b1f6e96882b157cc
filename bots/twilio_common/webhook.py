"""The shared webhook route: read the form, check the signature (403, nothing processed), build the
Inbound, run the handler in a worker thread (it talks to the database), answer with TwiML. With voice
on, a voice note is stored and answered at once, and texts wait while one is transcribed."""
from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from bots.twilio_common.inbound import inbound_from_form
from bots.twilio_common.media import voice_from_form
from bots.twilio_common.signature import SignatureCheck
from core.dialogue.types import Inbound, Reply
from core.voice.service import VoiceService, texts_wait_for_voice

TWIML = "application/xml"


def twilio_webhook(path: str, channel: str, check: SignatureCheck, handle: Callable[[Inbound], list[Reply]],
                   render: Callable[[list[Reply]], str],
                   voice: VoiceService | None = None,
                   valid_sender: Callable[[str], str | None] | None = None) -> APIRouter:
    """``valid_sender``: a channel's own check of the From address, returning what is wrong with it or None."""
    router = APIRouter(tags=[channel])
    handle_text = texts_wait_for_voice(voice, handle) if voice is not None else handle

    @router.post(path, response_class=Response, responses={
        200: {"content": {TWIML: {}}, "description": "TwiML with the replies"},
        403: {"description": "missing or wrong X-Twilio-Signature"}})
    async def webhook(request: Request) -> Response:
        form = await request.form()
        if not check.ok(request, form):
            return Response("invalid Twilio signature", status_code=403, media_type="text/plain")
        note = voice_from_form(form, channel) if voice is not None else None
        if note is not None:  # answered at once; the voice worker transcribes it later (issue 15)
            return Response(render(await run_in_threadpool(voice.accept, note)), media_type=TWIML)
        inbound = inbound_from_form(form, channel)
        if inbound is None:
            return Response("not a message webhook (no From)", status_code=400, media_type="text/plain")
        problem = valid_sender(inbound.sender) if valid_sender is not None else None
        if problem:
            return Response(problem, status_code=400, media_type="text/plain")
        replies = await run_in_threadpool(handle_text, inbound)
        return Response(render(replies), media_type=TWIML)

    return router
