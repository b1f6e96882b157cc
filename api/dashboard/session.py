"""The dashboard's signed session cookie: the officer's id (never the token) and a CSRF token per session."""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from api.deps import ContainerDep
from core.complaints.access import Viewer
from core.officers import viewer_for_officer

COOKIE = "awaaz_dashboard"
MAX_AGE_SECONDS = 12 * 3600  # one working day; then the officer signs in again
_SALT = "awaaz.dashboard.session"


class SignInRequired(Exception):
    """Raised by pages that need an officer; answered with a redirect to the sign-in page."""

    def __init__(self, next_path: str):
        self.next_path = next_path


class CsrfRejected(Exception):
    """A form arrived without this session's CSRF token."""


@dataclass
class SessionState:
    csrf: str
    officer_id: int | None = None
    changed: bool = False  # the cookie must be (re)written on the response

    def sign_in(self, officer_id: int) -> None:
        # A fresh CSRF token on every change of identity: nothing from before sign-in stays valid.
        self.officer_id, self.csrf, self.changed = officer_id, secrets.token_urlsafe(32), True

    def sign_out(self) -> None:
        self.officer_id, self.csrf, self.changed = None, secrets.token_urlsafe(32), True


def serializer(request: Request) -> URLSafeTimedSerializer:
    return request.app.state.dashboard_serializer


def make_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret or secrets.token_urlsafe(32), salt=_SALT)


def read_session(request: Request) -> SessionState:
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data = serializer(request).loads(raw, max_age=MAX_AGE_SECONDS)
            return SessionState(csrf=str(data["csrf"]), officer_id=data.get("oid"))
        except (BadSignature, KeyError, TypeError):
            pass  # expired, tampered or from another secret: start a fresh anonymous session
    return SessionState(csrf=secrets.token_urlsafe(32), changed=True)


def write_session(request: Request, response, state: SessionState) -> None:
    if not state.changed:
        return
    value = serializer(request).dumps({"oid": state.officer_id, "csrf": state.csrf})
    secure = request.app.state.container.settings.public_base_url.startswith("https://")
    response.set_cookie(COOKIE, value, max_age=MAX_AGE_SECONDS, path="/dashboard", httponly=True,
                        samesite="lax", secure=secure)


SessionDep = Annotated[SessionState, Depends(read_session)]


def check_csrf(state: SessionDep, csrf_token: Annotated[str, Form()] = "") -> SessionState:
    if not csrf_token or not hmac.compare_digest(csrf_token.encode(), state.csrf.encode()):
        raise CsrfRejected()
    return state


CheckedSessionDep = Annotated[SessionState, Depends(check_csrf)]


def current_viewer(request: Request, state: SessionDep, container: ContainerDep) -> Viewer:
    viewer = None
    if state.officer_id is not None:
        with container.db.transaction() as session:
            viewer = viewer_for_officer(session, state.officer_id)
    if viewer is None:
        # After signing in, come back to the page, never to a form's POST target.
        raise SignInRequired(request.url.path if request.method == "GET" else "/dashboard")
    return viewer


OfficerDep = Annotated[Viewer, Depends(current_viewer)]
