"""Signing in with an officer token (posted, never in a URL), signing out, and the interface language."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from api.client_limits import limited
from api.dashboard.i18n import LANG_COOKIE, LANGUAGES
from api.dashboard.rendering import redirect, render, safe_next
from api.dashboard.session import CheckedSessionDep, SessionDep
from api.deps import ContainerDep
from core.officers import viewer_for_token

log = logging.getLogger("awaaz.dashboard")
router = APIRouter()


@router.get("/login")
def login_page(request: Request, state: SessionDep, next: str = "/dashboard"):
    return render(request, state, "login.html", next=safe_next(next), error=None)


@router.post("/login", dependencies=[Depends(limited("login", "login_attempts_per_minute"))])
def login(request: Request, state: CheckedSessionDep, container: ContainerDep,
          token: Annotated[str, Form(max_length=200)] = "", next: Annotated[str, Form()] = "/dashboard"):
    with container.db.transaction() as session:
        viewer = viewer_for_token(session, token.strip()) if token.strip() else None
    if viewer is None:
        log.info("dashboard sign-in refused (unknown or inactive token)")
        return render(request, state, "login.html", status_code=401, next=safe_next(next), error="login_failed")
    state.sign_in(viewer.officer_id)
    log.info("dashboard sign-in: officer %s", viewer.officer_id)
    return redirect(request, state, safe_next(next))


@router.post("/logout")
def logout(request: Request, state: CheckedSessionDep):
    state.sign_out()
    return redirect(request, state, "/dashboard/login")


@router.post("/lang")
def set_language(request: Request, state: CheckedSessionDep, lang: Annotated[str, Form()] = "en",
                 next: Annotated[str, Form()] = "/dashboard"):
    response = redirect(request, state, safe_next(next))
    response.set_cookie(LANG_COOKIE, lang if lang in LANGUAGES else "en", max_age=365 * 86400, path="/dashboard",
                        httponly=True, samesite="lax")
    return response
