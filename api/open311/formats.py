"""GeoReport v2 output in JSON or XML, and errors as the spec's list of ``{code, description}``.

The spec's XML shape is a root element holding one element per item (``<services><service>…``);
the JSON shape is the bare list (or object) of the same fields.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any, Literal
from xml.etree import ElementTree

from fastapi import Request, Response
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from core.errors import InvalidInput, InvalidTrackingId, NotFound, TrackingIdTypo

Format = Literal["json", "xml"]
log = logging.getLogger("awaaz.open311")


class Open311Error(Exception):
    """An error the client caused; answered with the spec's error list and this HTTP status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _element(tag: str, value: Any) -> ElementTree.Element:
    node = ElementTree.Element(tag)
    if isinstance(value, dict):
        node.extend(_element(k, v) for k, v in value.items())
    elif isinstance(value, list):
        child = tag[:-1] if tag.endswith("s") else "item"  # <attributes><attribute>, <formats><format>
        node.extend(_element(child, v) for v in value)
    else:
        node.text = _text(value)
    return node


def to_xml(root: str, item: str | None, data: Any) -> bytes:
    """``data`` is a list of dicts (one ``<item>`` each under ``<root>``) or one dict (``<root>`` itself)."""
    if item is None:
        tree = _element(root, data)
    else:
        tree = ElementTree.Element(root)
        tree.extend(_element(item, entry) for entry in data)
    # The spec asks for the declaration with encoding="UTF-8" before the root element.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(tree, encoding="unicode").encode()


def render(fmt: str, data: Any, root: str, item: str | None, status: int = 200) -> Response:
    if fmt == "xml":
        return Response(to_xml(root, item, data), status_code=status, media_type="text/xml; charset=utf-8")
    return JSONResponse(data, status_code=status)


def error_response(fmt: str, status: int, description: str) -> Response:
    errors = [{"code": status, "description": description}]
    return render(fmt if fmt == "xml" else "json", errors, "errors", "error", status)


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _format_of(request: Request) -> str:
    return "xml" if request.url.path.endswith(".xml") else "json"


class Open311Route(APIRoute):
    """Every failure on an Open311 route answers in the spec's error format, never FastAPI's."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handler(request: Request) -> Response:
            fmt = _format_of(request)
            try:
                return await handle(request)
            except Open311Error as exc:
                return error_response(fmt, exc.status, exc.description)
            except RequestValidationError as exc:
                return error_response(fmt, 400, _describe_validation(exc))
            except TrackingIdTypo:
                return error_response(fmt, 400, "service_request_id has a typo: its check character does not match")
            except InvalidTrackingId:
                return error_response(fmt, 400, "service_request_id is not a tracking ID (e.g. Q3N1S-MF61N)")
            except NotFound:
                return error_response(fmt, 404, "service_request_id not found")
            except InvalidInput as exc:
                return error_response(fmt, 400, str(exc))
            except HTTPException as exc:  # a request limit (429) from a route dependency
                return error_response(fmt, exc.status_code, str(exc.detail))
        return handler
