"""Core errors -> clear HTTP errors (never a stack trace)."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.clusters.queries import ClusterNotFound
from core.errors import InvalidInput, InvalidTrackingId, NotFound, TrackingIdTypo, TransitionError

log = logging.getLogger("awaaz.api")


def install_error_handlers(app: FastAPI) -> None:
    def handler(status: int, detail):
        async def handle(_request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": detail(exc)}, status_code=status)
        return handle

    app.add_exception_handler(NotFound, handler(404, lambda e: "complaint not found"))
    app.add_exception_handler(ClusterNotFound, handler(404, lambda e: "cluster not found"))
    app.add_exception_handler(TrackingIdTypo, handler(
        400, lambda e: "tracking ID has a typo: its check character does not match; please check the ID"))
    app.add_exception_handler(InvalidTrackingId, handler(400, lambda e: "not a tracking ID (10 letters/digits, e.g. Q3N1S-MF61N)"))
    app.add_exception_handler(TransitionError, handler(409, str))
    app.add_exception_handler(InvalidInput, handler(422, str))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error; the request was logged"}, status_code=500)
