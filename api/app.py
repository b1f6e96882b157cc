"""The app factory: the one composition root wiring settings, database, NLU client, senders and routes."""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.adapters import build_nlu, build_senders, install_adapters, replay_spool
from api.container import Container
from api.errors import install_error_handlers
from api.limits import BodySizeLimit
from api.nlu_commands import start_learn_schedule
from api.ratelimit import build_limiter
from api.routes import clusters, officer, open311, public
from api.secret_file import kept_secret
from api.settings import Settings, get_settings
from api.voice import start_voice_worker
from core.clusters.membership import configure as configure_clusters
from core.db import Database
from core.notifications.worker import Worker

log = logging.getLogger("awaaz")


def _replay_spool_until(stop: threading.Event, container: Container) -> None:
    """Messages spooled during a database outage are replayed, in order, as soon as it answers again."""
    while not stop.wait(container.settings.spool_replay_seconds):
        try:
            replay_spool(container)
        except Exception:  # the spool is retried on the next pass
            log.exception("spool replay failed")


def create_app(settings: Settings | None = None, *, db: Database | None = None, nlu=None,
               senders: dict | None = None, run_worker: bool | None = None) -> FastAPI:
    settings = settings or get_settings()
    if not settings.session_secret:
        settings = settings.model_copy(update={"session_secret": kept_secret(settings.session_secret_file)})
    db = db or Database(settings.database_url)
    container = Container(settings=settings, db=db, nlu=nlu if nlu is not None else build_nlu(settings),
                          senders=senders if senders is not None else build_senders(settings, db))
    run_worker = settings.worker_enabled if run_worker is None else run_worker
    configure_clusters(radius_m=settings.cluster_radius_m, window_days=settings.cluster_window_days)
    container.extras["limiter"] = build_limiter(settings.redis_url, settings.redis_key_prefix)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        stop = threading.Event()
        thread = None
        for hook in container.extras.get("startup", []):
            await hook(container)
        if run_worker:
            worker = Worker(db, container.senders, silence_days=settings.resolution_silence_days,
                            poll_seconds=settings.worker_poll_seconds, sweep_seconds=settings.sla_sweep_seconds,
                            purge_idle_hours=settings.purge_idle_hours)
            thread = threading.Thread(target=worker.run, args=(stop,), name="awaaz-worker", daemon=True)
            thread.start()
            start_learn_schedule(settings, db, stop)  # only when LEARN_EVERY_HOURS is set
        voice_thread = start_voice_worker(container, stop) if run_worker else None
        replayer = threading.Thread(target=_replay_spool_until, args=(stop, container), name="awaaz-spool",
                                    daemon=True)
        replayer.start()
        yield
        stop.set()
        replayer.join(timeout=10)
        if thread:
            thread.join(timeout=10)
        if voice_thread:
            voice_thread.join(timeout=10)
        for hook in container.extras.get("shutdown", []):
            await hook(container)

    app = FastAPI(title="Awaaz", version="0.1.0", lifespan=lifespan,
                  description="Citizen complaints for Pakistan: officer API, Open311 GeoReport v2, channels.")
    app.state.container = container
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    for router in (public.router, officer.router, clusters.router, open311.router):
        app.include_router(router)
    install_adapters(app, container)
    return app
