"""Department dashboard: server-rendered pages for officers (queue, case pages, actions) and overseers
(charts). Sign-in puts the officer's id, never the token, into a signed session cookie."""
from __future__ import annotations

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from api.container import Container
from api.dashboard.rendering import HERE, redirect, render
from api.dashboard.routes import router
from api.dashboard.session import CsrfRejected, SignInRequired, make_serializer, read_session


def install(app: FastAPI, container: Container) -> None:
    # One secret per app: the configured one, or a random one that lasts as long as this process.
    app.state.dashboard_serializer = make_serializer(container.settings.session_secret)
    app.state.dashboard_zone = ZoneInfo(container.settings.dashboard_timezone)  # a bad name fails at start
    app.include_router(router)
    app.mount("/dashboard/static", StaticFiles(directory=str(HERE / "static")), name="dashboard-static")

    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, exc: SignInRequired):
        return redirect(request, None, "/dashboard/login?" + urlencode({"next": exc.next_path}))

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, _exc: CsrfRejected):
        return render(request, read_session(request), "message.html", status_code=403, viewer=None,
                      box_id="csrf-rejected", title_key="csrf_title", text_key="csrf_text")
