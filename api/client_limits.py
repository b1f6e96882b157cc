"""Per-client request limits on the public and sign-in endpoints (against floods and ID enumeration).

A client is its cookie, sender or API key when the request names one (each gets the route's own
limit, and its address the generous IP_REQUESTS_PER_MINUTE, since mobile carriers put many citizens
behind one address), else its address alone (which then gets the route's limit).
"""
from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request

WINDOW_SECONDS = 60
Identity = Callable[[Request], Awaitable[str | None]]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def over_limit(request: Request, rule: str, per_client: int, identity: str | None) -> bool:
    container = request.app.state.container
    limiter = container.extras["limiter"]
    address = client_address(request)
    if identity is None:
        return not limiter.hit(f"{rule}:ip:{address}", per_client, WINDOW_SECONDS)
    named = limiter.hit(f"{rule}:id:{identity}", per_client, WINDOW_SECONDS)
    shared = limiter.hit(f"{rule}:ip:{address}", container.settings.ip_requests_per_minute, WINDOW_SECONDS)
    return not (named and shared)


def too_many() -> HTTPException:
    return HTTPException(429, "too many requests from this client; please try again in a minute",
                         headers={"Retry-After": str(WINDOW_SECONDS)})


async def _nobody(_request: Request) -> str | None:
    return None


async def chat_cookie(request: Request) -> str | None:
    """The web visitor's sender id from a validly signed cookie (a made-up cookie names nobody)."""
    from api.webchat import session

    return session.request_sender(request)


async def open311_key(request: Request) -> str | None:
    form = await request.form()  # Starlette keeps the parsed form: the route reads the same one
    key = str(form.get("api_key") or "")
    return hashlib.sha256(key.encode()).hexdigest()[:24] if key else None


def limited(rule: str, setting: str, identity: Identity = _nobody):
    """A route dependency: 429 once the client passes ``settings.<setting>`` requests a minute."""
    async def check(request: Request) -> None:
        per_client = getattr(request.app.state.container.settings, setting)
        if over_limit(request, rule, per_client, await identity(request)):
            raise too_many()
    return check
