"""Core errors -> clear HTTP errors (never a stack trace)."""
from __future__ import annotations

import logging
import math

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from core.clusters.queries import ClusterNotFound
from core.errors import InvalidInput, InvalidTrackingId, NotFound, TrackingIdTypo, TransitionError

log = logging.getLogger("awaaz.api")


def _finite_only(value):
    """``value`` with every NaN/Infinity replaced by its name: JSON cannot carry them (the encoder fails)."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {k: _finite_only(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_only(v) for v in value]
    return value


def _has_non_finite(value) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_non_finite(v) for v in value)
    return False


async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 answer, minus non-finite numbers (NaN, Infinity, 1e999) that JSON cannot echo."""
    errors = []
    for error in exc.errors():
        error = dict(error)
        if _has_non_finite(error.get("input")):
            error["msg"] = f"{error.get('msg', 'invalid value')} (NaN and Infinity are not numbers here)"
        errors.append(_finite_only(error))
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    def handler(status: int, detail):
        async def handle(_request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": detail(exc)}, status_code=status)
        return handle

    app.add_exception_handler(RequestValidationError, validation_error)
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
