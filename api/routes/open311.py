"""Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions, requests.

``service_request_id`` is the complaint's tracking ID; ``service_code`` is a department's code from
data/departments.yml. Reading is open to anyone but shows description and location only to clients
with an API key (``awaaz apikey create``); filing needs the key. Every error is the spec's list of
``{code, description}`` (see api/open311/formats.py).
"""
from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Response

from api.client_limits import limited, open311_key
from api.deps import ContainerDep
from api.open311 import mapping
from api.open311.formats import Format, Open311Error, Open311Route, render
from core.citizens import get_or_create_citizen, update_profile
from core.complaints import queries
from core.complaints.access import Viewer
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.search import MAX_RESULTS, find_complaints
from core.complaints.tracking import parse_tracking_id
from core.db import utcnow
from core.departments.catalog import department, department_by_service_code, departments
from core.officers import api_key_client

router = APIRouter(prefix="/open311/v2", tags=["open311"], route_class=Open311Route)

MAX_SPAN = timedelta(days=90)
_ERRORS = {400: {"description": "bad input (spec error list)"}, 403: {"description": "missing or invalid api_key"},
           404: {"description": "unknown service_code or service_request_id"}}
_MEDIA = {"content": {"application/json": {}, "text/xml": {}}}
Text = Annotated[str | None, Form(max_length=200)]
_SYSTEM = Viewer(None, "open311", None, True)  # reads all departments; identities are never put in output


def _service_code(department_code: str) -> str:
    info = department(department_code)
    return info.service_code if info else department_code


def _requests(views, detailed: bool) -> list[dict]:
    return [mapping.service_request(v, _service_code(v.department), detailed=detailed) for v in views]


def _has_key(container, api_key: str | None) -> bool:
    if not api_key:
        return False
    with container.db.transaction() as session:
        return api_key_client(session, api_key) is not None


@router.get("/discovery.{fmt}", responses={200: _MEDIA})
def discovery(fmt: Format, container: ContainerDep) -> Response:
    base = container.settings.public_base_url.rstrip("/") + "/open311/v2"
    endpoint = {"specification": "http://wiki.open311.org/GeoReport_v2", "url": base, "changeset": "2026-11-28T00:00:00Z",
                "type": "production", "formats": ["text/xml", "application/json"]}
    data = {"changeset": "2026-11-28T00:00:00Z", "contact": "Awaaz operators, see the project README",
            "key_service": "API keys are issued by the operators (`awaaz apikey create`)", "endpoints": [endpoint]}
    return render(fmt, data, "discovery", None)


@router.get("/services.{fmt}", responses={200: _MEDIA, **_ERRORS})
def services(fmt: Format, jurisdiction_id: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    return render(fmt, [mapping.service(d) for d in departments()], "services", "service")


@router.get("/services/{service_code}.{fmt}", responses={200: _MEDIA, **_ERRORS})
def service_definition(service_code: str, fmt: Format,
                       jurisdiction_id: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    if department_by_service_code(service_code) is None:
        raise Open311Error(404, f"service_code {service_code!r} not found")
    return render(fmt, {"service_code": service_code, "attributes": []}, "service_definition", None)


def _date_range(start_raw: str | None, end_raw: str | None):
    start, end = mapping.parse_date(start_raw, "start_date"), mapping.parse_date(end_raw, "end_date")
    if start is None and end is None:
        end = utcnow()
    start = start or end - MAX_SPAN
    end = end or start + MAX_SPAN
    if end < start:
        raise Open311Error(400, "end_date is before start_date")
    if end - start > MAX_SPAN:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days")
    return start, end


def _open_filter(status: str | None) -> bool | None:
    wanted = {s.strip().lower() for s in (status or "").split(",") if s.strip()}
    if wanted - {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed or both (comma separated)")
    return None if len(wanted) != 1 else wanted == {"open"}


def _department_codes(service_code: str | None) -> list[str]:
    codes = []
    for code in (c.strip() for c in (service_code or "").split(",") if c.strip()):
        info = department_by_service_code(code)
        if info is None:
            raise Open311Error(404, f"service_code {code!r} not found")
        codes.append(info.code)
    return codes


@router.get("/requests.{fmt}", responses={200: _MEDIA, **_ERRORS})
def get_requests(
    fmt: Format, container: ContainerDep,
    service_request_id: Annotated[str | None, Query(max_length=1200, description="comma-separated; overrides the rest")] = None,
    service_code: Annotated[str | None, Query(max_length=200, description="comma-separated")] = None,
    start_date: Annotated[str | None, Query(max_length=40)] = None,
    end_date: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=20, description="open, closed or open,closed")] = None,
    api_key: Annotated[str | None, Query(max_length=200, description="shows description and location")] = None,
    jurisdiction_id: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    detailed = _has_key(container, api_key)
    ids = [parse_tracking_id(i) for i in (service_request_id or "").split(",") if i.strip()]
    if ids:
        with container.db.transaction() as session:
            views = find_complaints(session, tracking_ids=ids[:MAX_RESULTS])
    else:
        start, end = _date_range(start_date, end_date)
        is_open, codes = _open_filter(status), _department_codes(service_code)
        with container.db.transaction() as session:
            views = find_complaints(session, departments=codes, created_from=start, created_to=end, is_open=is_open)
    return render(fmt, _requests(views, detailed), "service_requests", "request")


@router.get("/requests/{service_request_id}.{fmt}", responses={200: _MEDIA, **_ERRORS})
def get_request(service_request_id: str, fmt: Format, container: ContainerDep,
                api_key: Annotated[str | None, Query(max_length=200)] = None,
                jurisdiction_id: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    detailed = _has_key(container, api_key)
    with container.db.transaction() as session:
        view = queries.get_complaint(session, _SYSTEM, service_request_id)
    return render(fmt, _requests([view], detailed), "service_requests", "request")


@router.post("/requests.{fmt}", responses={200: _MEDIA, **_ERRORS, 429: {"description": "too many requests"}},
             dependencies=[Depends(limited("open311", "open311_posts_per_minute", open311_key))])
def post_request(
    fmt: Format, container: ContainerDep,
    api_key: Text = None, service_code: Annotated[str | None, Form(max_length=40)] = None,
    description: Annotated[str | None, Form(max_length=20000, description="at most 4000 characters")] = None,
    lat: Annotated[str | None, Form(max_length=40)] = None, long: Annotated[str | None, Form(max_length=40)] = None,
    address_string: Annotated[str | None, Form(max_length=500)] = None,
    address_id: Annotated[str | None, Form(max_length=100)] = None,
    email: Annotated[str | None, Form(max_length=100)] = None, first_name: Text = None, last_name: Text = None,
    phone: Annotated[str | None, Form(max_length=20)] = None,
    device_id: Annotated[str | None, Form(max_length=100)] = None,
    account_id: Annotated[str | None, Form(max_length=100)] = None,
    media_url: Annotated[str | None, Form(max_length=500)] = None, jurisdiction_id: Text = None,
) -> Response:
    with container.db.transaction() as session:
        client = api_key_client(session, api_key or "")
        if client is None:
            raise Open311Error(403, "api_key is missing or invalid")
        if not service_code:
            raise Open311Error(400, "service_code is required")
        info = department_by_service_code(service_code)
        if info is None:
            raise Open311Error(404, f"service_code {service_code!r} not found")
        latitude, longitude = mapping.parse_coordinate(lat, "lat", 90), mapping.parse_coordinate(long, "long", 180)
        place = (address_string or "").strip() or (address_id or "").strip()
        if latitude is None and not place:
            raise Open311Error(400, "a location is required: lat and long, or address_string")
        text = (description or "").strip()
        if not text:
            raise Open311Error(400, "description is required")
        who = mapping.contact(email, first_name, last_name, phone, device_id, account_id)
        language = mapping.guess_language(text)
        citizen_id = None
        if who.identity:
            citizen = get_or_create_citizen(session, mapping.CHANNEL, who.identity, name=who.name, language=language)
            if who.phone:
                update_profile(session, citizen, phone=who.phone)
            citizen_id = citizen.id
        view = file_complaint(session, NewComplaint(
            department=info.code, description=description, language=language, channel=mapping.CHANNEL,
            citizen_id=citizen_id, location_text=place or f"{latitude}, {longitude}", latitude=latitude,
            longitude=longitude, attachments=mapping.media_url(media_url), routed_by="citizen"))
    notice = f"Forwarded to {info.name_en}; expected by {mapping.w3c(view.due_at)}"
    return render(fmt, [{"service_request_id": view.tracking_id, "service_notice": notice,
                         "account_id": (account_id or "").strip() or None}], "service_requests", "request")
