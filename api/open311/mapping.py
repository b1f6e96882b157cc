"""Awaaz <-> GeoReport v2: departments as services, complaints as service requests, and the
contact fields of a POST as an Open311 citizen identity."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from api.open311.formats import Open311Error
from core.citizens import normalise_phone
from core.complaints.lifecycle import Status, is_open
from core.complaints.views import ComplaintView
from core.departments.catalog import DepartmentInfo

CHANNEL = "open311"
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$")


def w3c(moment: datetime | None) -> str | None:
    """The spec's date format: ISO 8601 with the zone, UTC written as Z."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def service(info: DepartmentInfo) -> dict:
    return {"service_code": info.service_code, "service_name": info.name_en, "description": info.description,
            "metadata": False, "type": "realtime", "keywords": ", ".join(info.keywords),
            "group": info.service_group}


def _status_notes(view: ComplaintView) -> str:
    notes = [e.note for e in view.events if e.public and e.note]
    latest = notes[-1] if notes else ""
    if view.status == "resolved":
        return f"resolved by the department, awaiting the citizen's confirmation. {latest}".strip()
    if view.status == "rejected" and view.reject_reason:
        return f"rejected: {view.reject_reason}"
    return f"{view.status.replace('_', ' ')}. {latest}".strip()


def service_request(view: ComplaintView, service_code: str, *, detailed: bool) -> dict:
    """One request; description and location only for API-key clients, and never for anonymous cases."""
    show = detailed and not view.anonymous
    media = next((a for a in view.attachments if isinstance(a, str) and _URL.match(a)), None)
    return {
        "service_request_id": view.tracking_id,
        "status": "open" if is_open(Status(view.status)) else "closed",
        "status_notes": _status_notes(view),
        "service_name": view.department_name_en,
        "service_code": service_code,
        "description": view.description if show else None,
        "agency_responsible": view.department_name_en,
        "service_notice": f"Track it with ID {view.tracking_id}; due by {w3c(view.due_at)}",
        "requested_datetime": w3c(view.created_at),
        "updated_datetime": w3c(view.updated_at),
        "expected_datetime": w3c(view.due_at),
        "address": view.location_text if show else None,
        "address_id": None,
        "zipcode": None,
        "lat": view.latitude if show else None,
        "long": view.longitude if show else None,
        "media_url": media if show else None,
    }


def guess_language(text: str) -> str:
    """Urdu script is unmistakable; Latin text from a third-party app is taken as English."""
    return "ur" if _ARABIC_SCRIPT.search(text) else "en"


def parse_coordinate(raw: str | None, name: str, bound: float) -> float | None:
    if raw is None or not raw.strip():
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number") from None
    if not math.isfinite(value) or abs(value) > bound:
        raise Open311Error(400, f"{name} must be between -{bound:g} and {bound:g}")
    return value


def parse_date(raw: str | None, name: str) -> datetime | None:
    if raw is None or not raw.strip():
        return None
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise Open311Error(400, f"{name} must be a W3C datetime, e.g. 2026-01-01T00:00:00Z") from None
    if not 1970 <= moment.year <= 2999:  # also keeps the 90-day arithmetic inside datetime's range
        raise Open311Error(400, f"{name} is out of range")
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Contact:
    """Who filed through the Open311 client; ``identity`` is None when nothing identifies them."""

    identity: str | None
    name: str | None
    phone: str | None


def contact(email: str | None, first_name: str | None, last_name: str | None, phone: str | None,
            device_id: str | None, account_id: str | None) -> Contact:
    email = (email or "").strip().lower()
    if email and not _EMAIL.match(email):
        raise Open311Error(400, "email is not a valid address")
    name = " ".join(p.strip() for p in (first_name, last_name) if p and p.strip()) or None
    phone = normalise_phone(phone) if phone and phone.strip() else ""
    candidates = (("email", email), ("phone", phone), ("device", (device_id or "").strip()),
                  ("account", (account_id or "").strip()))
    identity = next((f"{kind}:{value}" for kind, value in candidates if value), None)
    return Contact(identity, name, phone or None)


def media_url(raw: str | None) -> tuple[str, ...]:
    if raw is None or not raw.strip():
        return ()
    if not _URL.match(raw.strip()):
        raise Open311Error(400, "media_url must be an http(s) URL")
    return (raw.strip(),)
