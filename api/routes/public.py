"""Citizen-safe endpoints: tracking lookup and health checks."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.client_limits import chat_cookie, limited
from api.deps import ContainerDep, SessionDep
from api.schemas import TrackOut
from core.complaints import queries

router = APIRouter(tags=["public"])


@router.get("/api/v1/track/{tracking_id}", response_model=TrackOut,
            responses={400: {"description": "a typo in the ID (check character)"}, 404: {"description": "unknown"},
                       429: {"description": "too many lookups from this client; try again in a minute"}},
            dependencies=[Depends(limited("track", "track_lookups_per_minute", chat_cookie))])
def track(tracking_id: str, session: SessionDep) -> TrackOut:
    return TrackOut.of(queries.track(session, tracking_id))


@router.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(container: ContainerDep) -> JSONResponse:
    try:
        with container.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "database": f"unreachable: {type(exc).__name__}"}, 503)
    nlu = "disabled"
    if container.nlu is not None and container.settings.nlu_enabled:
        nlu = "ok" if container.nlu.parse("salam").ok else "degraded"
    return JSONResponse({"status": "ok", "database": "ok", "nlu": nlu})
