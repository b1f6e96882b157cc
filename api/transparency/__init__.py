"""The public accountability page /transparency, its open data (JSON, CSV) and the shared cache wiring."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.container import Container
from api.transparency.routes import HERE, router
from core.transparency.cache import StatsCache


def install(app: FastAPI, container: Container) -> None:
    container.extras["public_stats"] = StatsCache(container.db, container.settings.transparency_cache_seconds)
    app.include_router(router)
    app.mount("/static/transparency", StaticFiles(directory=str(HERE / "static")), name="transparency-static")
