"""The web visitor's identity: a random id in a signed, HttpOnly, SameSite cookie.

The cookie is signed with SESSION_SECRET (the app factory fills an empty one from var/session_secret,
api/secret_file.py); every process behind one load balancer needs the same SESSION_SECRET.
"""
from __future__ import annotations

import logging
import secrets
from functools import cache

from itsdangerous import BadSignature, URLSafeSerializer

COOKIE_NAME = "awaaz_chat"
COOKIE_MAX_AGE = 30 * 24 * 3600
_SALT = "awaaz-webchat-sender"
_PROCESS_SECRET = secrets.token_urlsafe(32)
log = logging.getLogger("awaaz.webchat")


@cache
def _serializer(secret: str) -> URLSafeSerializer:
    if not secret:  # logged once per process (cached)
        log.warning("SESSION_SECRET is empty: web chat cookies are signed with a random per-process secret")
    return URLSafeSerializer(secret or _PROCESS_SECRET, salt=_SALT)


def new_sender() -> str:
    return "web-" + secrets.token_urlsafe(18)


def read_sender(cookie: str | None, secret: str) -> str | None:
    """The sender id in a valid cookie; None when absent, tampered with or signed by another secret."""
    if not cookie:
        return None
    try:
        sender = _serializer(secret).loads(cookie)
    except BadSignature:
        return None
    return sender if isinstance(sender, str) and sender.startswith("web-") else None


def request_sender(request) -> str | None:
    """The sender id in the request's chat cookie, checked against the app's SESSION_SECRET."""
    return read_sender(request.cookies.get(COOKIE_NAME), request.app.state.container.settings.session_secret)


def set_sender_cookie(response, sender: str, secret: str, secure: bool) -> None:
    response.set_cookie(COOKIE_NAME, _serializer(secret).dumps(sender), max_age=COOKIE_MAX_AGE, httponly=True,
                        samesite="lax", secure=secure, path="/")
