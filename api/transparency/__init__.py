"""The public accountability page /transparency, its open data (JSON, CSV) and the shared cache wiring."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.container import Container
from api.transparency.routes import HERE, router
from core import messages
from core.transparency.cache import StatsCache


def install(app: FastAPI, container: Container) -> None:
    container.extras["public_stats"] = StatsCache(container.db, container.settings.transparency_cache_seconds)
    app.include_router(router)
    app.mount("/static/transparency", StaticFiles(directory=str(HERE / "static")), name="transparency-static")
    _link_from_webchat()


def _link_from_webchat() -> None:
    """The web chat page and /track link here with one template line each; the link's text (both
    languages, from data/messages.yml) is handed to their templates as a global."""
    from api.webchat.routes import templates as webchat_templates

    webchat_templates.env.globals["transparency_link"] = {
        lang: messages.text("web_transparency_link", lang) for lang in ("en", "ur")}
