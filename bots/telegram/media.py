"""Telegram voice notes: which messages carry one (``voice``, ``audio``, an audio document), and
downloading it through the configured Bot API server (getFile, then the file URL beside the methods:
``…/bot<token>/getFile`` -> ``…/file/bot<token>/<file_path>``), so a self-hosted Bot API server or the
tests' fake serves it. Bots may download files of up to 20 MB from Telegram's own server."""
from __future__ import annotations

import httpx
from telegram import Update

from bots.telegram.inbound import CHANNEL, is_private
from core.ports import AudioRejected, FetchedMedia, MediaError
from core.voice.jobs import VoiceIn


def voice_of(update: Update) -> VoiceIn | None:
    """The voice note of a private message, or None."""
    message = update.message
    if message is None or not is_private(update):
        return None
    media = message.voice or message.audio
    if media is None and message.document and (message.document.mime_type or "").startswith("audio/"):
        media = message.document
    if media is None:
        return None
    user = update.effective_user
    return VoiceIn(channel=CHANNEL, sender=str(update.effective_chat.id), message_id=str(update.update_id),
                   media_ref=media.file_id, content_type=media.mime_type or "audio/ogg",
                   display_name=user.full_name if user else "")


def file_base_url(base_url: str) -> str:
    """``https://api.telegram.org/bot`` -> ``https://api.telegram.org/file/bot`` (PTB's own rule)."""
    head, sep, _ = base_url.rstrip("/").rpartition("/bot")
    return f"{head}/file/bot" if sep else base_url.rstrip("/") + "/file/bot"


class TelegramMedia:
    """core.ports.MediaFetcherPort for Telegram file ids."""

    channel = CHANNEL

    def __init__(self, token: str, base_url: str, *, timeout: float = 20.0,
                 transport: httpx.BaseTransport | None = None):
        self.token, self.base_url, self.file_url = token, base_url.rstrip("/"), file_base_url(base_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport)

    def fetch(self, reference: str, max_bytes: int) -> FetchedMedia:
        try:
            info = self.client.get(f"{self.base_url}{self.token}/getFile", params={"file_id": reference})
            body = info.json()
            if not body.get("ok"):
                raise MediaError(f"Telegram getFile: {body.get('description')}", retryable=info.status_code >= 500)
            result = body["result"]
            if int(result.get("file_size") or 0) > max_bytes:
                raise AudioRejected("too_large", str(result["file_size"]))
            with self.client.stream("GET", f"{self.file_url}{self.token}/{result['file_path']}") as response:
                if response.status_code >= 400:
                    raise MediaError(f"Telegram file download answered {response.status_code}",
                                     retryable=response.status_code >= 500)
                data = bytearray()
                for chunk in response.iter_bytes():
                    data.extend(chunk)
                    if len(data) > max_bytes:
                        raise AudioRejected("too_large", f"more than {max_bytes} bytes")
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            raise MediaError(f"Telegram file unreachable: {type(exc).__name__}: {exc}") from exc
        return FetchedMedia(bytes(data), response.headers.get("content-type", ""))
