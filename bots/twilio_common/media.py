"""Twilio media: which attachments of a webhook are voice notes (``MediaContentTypeN`` audio/*), and
downloading one with the account's credentials (HTTP basic auth, as Twilio requires for media).

Twilio answers a media URL with a redirect to its CDN: redirects are followed only to the configured
hosts (TWILIO_MEDIA_HOSTS), the credentials only ever go to the first host, and the body is read with a
size cap and a timeout.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx
from starlette.datastructures import FormData

from bots.twilio_common.inbound import MAX_MEDIA, sender_address
from core.ports import AudioRejected, FetchedMedia, MediaError
from core.voice.jobs import VoiceIn

MAX_REDIRECTS = 3


def voice_from_form(form: FormData, channel: str) -> VoiceIn | None:
    """The first audio attachment of a message webhook, or None."""
    sender = sender_address(str(form.get("From", "")))
    try:
        count = min(int(form.get("NumMedia", "0") or 0), MAX_MEDIA)
    except ValueError:
        return None
    for i in range(max(count, 0)):
        url, kind = str(form.get(f"MediaUrl{i}", "")), str(form.get(f"MediaContentType{i}", "")).lower()
        if sender and url and kind.startswith("audio/"):
            return VoiceIn(channel=channel, sender=sender[:120], message_id=str(form.get("MessageSid", ""))[:120],
                           media_ref=url, content_type=kind, display_name=str(form.get("ProfileName", ""))[:120])
    return None


class TwilioMedia:
    """core.ports.MediaFetcherPort for WhatsApp (and SMS/MMS) media URLs."""

    def __init__(self, channel: str, account_sid: str, auth_token: str, *, hosts: str = "",
                 timeout: float = 20.0, transport: httpx.BaseTransport | None = None):
        self.channel, self.auth = channel, (account_sid, auth_token)
        self.hosts = {h.strip().lower() for h in hosts.split(",") if h.strip()}
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport)

    def fetch(self, reference: str, max_bytes: int) -> FetchedMedia:
        url, first_host = reference, urlsplit(reference).hostname
        for _ in range(MAX_REDIRECTS + 1):
            host = urlsplit(url).hostname
            auth = self.auth if host == first_host else None  # credentials never leave Twilio's host
            try:
                with self.client.stream("GET", url, auth=auth) as response:
                    if response.is_redirect:
                        url = self._next(url, response.headers.get("location", ""))
                        continue
                    return self._body(response, max_bytes)
            except httpx.HTTPError as exc:
                raise MediaError(f"Twilio media unreachable: {type(exc).__name__}: {exc}") from exc
        raise MediaError("too many redirects fetching Twilio media", retryable=False)

    def _next(self, url: str, location: str) -> str:
        target = urljoin(url, location)
        host = urlsplit(target).hostname or ""
        if host != urlsplit(url).hostname and host.lower() not in self.hosts:
            raise MediaError(f"Twilio media redirected to a host not allowed: {host}", retryable=False)
        return target

    @staticmethod
    def _body(response: httpx.Response, max_bytes: int) -> FetchedMedia:
        if response.status_code in (401, 403, 404):
            raise MediaError(f"Twilio media answered {response.status_code}", retryable=False)
        if response.status_code >= 400:
            raise MediaError(f"Twilio media answered {response.status_code}")
        if int(response.headers.get("content-length", "0") or 0) > max_bytes:
            raise AudioRejected("too_large", response.headers["content-length"])
        data = bytearray()
        for chunk in response.iter_bytes():
            data.extend(chunk)
            if len(data) > max_bytes:
                raise AudioRejected("too_large", f"more than {max_bytes} bytes")
        return FetchedMedia(bytes(data), response.headers.get("content-type", ""))
