"""Hostile input over HTTP answers 4xx, never 500, on SQLite and PostgreSQL (issue 11, first part):
non-finite numbers in JSON, NUL characters in every officer/Open311/dashboard string, out-of-range dates."""
from __future__ import annotations

import json

import pytest
import requests

from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from core.officers import create_api_key
from tests.integration.test_dashboard import csrf_of, sign_in

NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e999"]


def _case(db) -> str:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", "+923001234567", name="Bilal", language="en")
        return file_complaint(s, NewComplaint(department="electricity", description="No power for 3 days",
                                              language="en", channel="whatsapp", citizen_id=citizen.id,
                                              location_text="Gulberg, Lahore", routed_by="citizen")).tracking_id


def strict_json(text: str):
    """JSON as every client reads it: NaN/Infinity literals are not JSON."""
    def refuse(constant):
        raise AssertionError(f"the answer echoes {constant}")
    return json.loads(text, parse_constant=refuse)


def _raw_json(client, path: str, body: str, headers: dict | None = None):
    return client.post(path, content=body, headers={"Content-Type": "application/json", **(headers or {})})


@pytest.mark.parametrize("number", NON_FINITE)
def test_non_finite_numbers_in_the_public_chat_are_a_422_that_does_not_echo_them(client, number):
    response = _raw_json(client, "/chat/messages", '{"text":"","location":{"latitude":%s,"longitude":1}}' % number)
    assert response.status_code == 422
    [error] = strict_json(response.text)["detail"]
    assert error["loc"][-1] == "latitude" and "NaN and Infinity" in error["msg"]


@pytest.mark.parametrize("number", NON_FINITE)
@pytest.mark.parametrize("action,field", [("notes", "note"), ("transitions", "note"), ("reassign", "department")])
def test_non_finite_numbers_in_officer_bodies_are_a_422(db, client, make_officer, number, action, field):
    tracking_id = _case(db)
    extra = ',"to":"in_progress"' if action == "transitions" else ""
    response = _raw_json(client, f"/api/v1/complaints/{tracking_id}/{action}", '{"%s":%s%s}' % (field, number, extra),
                         make_officer(admin=True))
    assert response.status_code == 422, response.text
    assert field in [e["loc"][-1] for e in strict_json(response.text)["detail"]]


def test_nul_in_officer_notes_and_filters_is_cleaned_not_a_500(db, client, make_officer):
    tracking_id, headers = _case(db), make_officer(admin=True)
    note = client.post(f"/api/v1/complaints/{tracking_id}/notes", json={"note": "Line\x00man sent"}, headers=headers)
    assert note.status_code == 200, note.text
    assert "Lineman sent" in [e["note"] for e in note.json()["events"]]
    moved = client.post(f"/api/v1/complaints/{tracking_id}/transitions", json={"to": "in_progress", "note": "a\x00b"},
                        headers=headers)
    assert moved.status_code == 200, moved.text
    for params in ({"q": "po\x00wer"}, {"district": "Lah\x00ore"}, {"department": "elec\x00tricity"}):
        listed = client.get("/api/v1/complaints", params=params, headers=headers)
        assert listed.status_code == 200, (params, listed.text)
    assert client.get("/api/v1/complaints", params={"q": "po\x00wer"}, headers=headers).json()["total"] == 1


def test_nul_in_open311_fields_is_cleaned_not_a_500(db, live_server):
    with db.transaction() as session:
        key = create_api_key(session, "city app")
    form = {"api_key": key, "service_code": "ELC", "description": "No electricity\x00 for 3 days",
            "address_string": "Gulberg\x00 III", "email": "a\x00@example.pk", "device_id": "dev\x00ice",
            "first_name": "Ay\x00esha"}
    response = requests.post(f"{live_server.url}/open311/v2/requests.json", data=form, timeout=10)
    assert response.status_code == 200, response.text
    request_id = response.json()[0]["service_request_id"]
    shown = requests.get(f"{live_server.url}/open311/v2/requests/{request_id}.json", params={"api_key": key},
                         timeout=10).json()[0]
    assert shown["description"] == "No electricity for 3 days" and shown["address"] == "Gulberg III"


def test_nul_in_dashboard_search_and_note_is_cleaned_not_a_500(db, client, officer_token):
    tracking_id = _case(db)
    sign_in(client, officer_token(admin=True))
    assert client.get("/dashboard", params={"q": "po\x00wer", "district": "x\x00"}).status_code == 200
    page = client.get(f"/dashboard/cases/{tracking_id}")
    response = client.post(f"/dashboard/cases/{tracking_id}/note", data={"note": "call\x00 back",
                                                                         "csrf_token": csrf_of(page)})
    assert response.status_code == 200, response.text
    assert "call back" in client.get(f"/dashboard/cases/{tracking_id}").text


@pytest.mark.parametrize("path", ["/api/v1/stats?since=0001-01-01T00:03:00%2B02:00",
                                  "/api/v1/complaints?created_from=9999-12-31T23:59:59-05:00",
                                  "/api/v1/complaints?created_to=0001-01-01T00:00:00%2B00:01"])
def test_dates_out_of_utc_range_are_a_422_with_a_reason(client, make_officer, path):
    response = client.get(path, headers=make_officer(admin=True))
    assert response.status_code == 422, response.text
    assert "out of range" in response.text


def test_dashboard_date_at_the_end_of_the_calendar_is_refused_clearly(client, officer_token):
    sign_in(client, officer_token(admin=True))
    response = client.get("/dashboard", params={"created_to": "9999-12-31"})
    assert response.status_code == 200 and "9999-12-30" in response.text  # the queue page says what is wrong
