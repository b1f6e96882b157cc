"""Rendering dashboard pages: Jinja2 templates, the session cookie, and headers that keep pages private."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from api.dashboard.i18n import Translator, language_of
from api.dashboard.session import SessionState, write_session

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# Everything comes from this app: no CDN, no inline script; charts are inline SVG markup.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _formatter(zone: ZoneInfo):
    def fmt(value: datetime | None, with_time: bool = True) -> str:
        if value is None:
            return ""
        local = value.astimezone(zone).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
        # Isolated left to right, or an Urdu page would show the time before the date.
        return Markup(f'<span dir="ltr" class="when">{local}</span>')
    return fmt


def _path_with_query(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _finish(request: Request, response, state: SessionState | None):
    if state is not None:
        write_session(request, response, state)
    response.headers.update(SECURITY_HEADERS)
    return response


def render(request: Request, state: SessionState | None, template: str, status_code: int = 200,
           **context) -> HTMLResponse:
    settings = request.app.state.container.settings
    t = Translator(language_of(request))
    response = templates.TemplateResponse(request, template, {
        "t": t, "csrf": state.csrf if state else "", "fmt": _formatter(request.app.state.dashboard_zone),
        "timezone": settings.dashboard_timezone, "current_path": _path_with_query(request), **context,
    }, status_code=status_code)
    return _finish(request, response, state)


def not_found_page(request: Request, state: SessionState | None, viewer, what: str = "") -> HTMLResponse:
    """The dashboard's 404 page; ``what`` picks its wording ("problem_" for a problem, "" for a case)."""
    return render(request, state, "message.html", status_code=404, viewer=viewer, box_id="not-found",
                  title_key=f"{what}not_found_title", text_key=f"{what}not_found_text")


def redirect(request: Request, state: SessionState | None, path: str) -> RedirectResponse:
    """303 See Other to a path inside the dashboard (never carrying a token)."""
    return _finish(request, RedirectResponse(path, status_code=303), state)


def safe_next(path: str | None) -> str:
    # Only same-site dashboard paths: no open redirect to another host.
    if path and path.startswith("/dashboard") and not path.startswith("//") and "\\" not in path:
        return path
    return "/dashboard"
