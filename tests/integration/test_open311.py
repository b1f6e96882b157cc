"""Open311 GeoReport v2 against a live server, read with the third-party `georeport` client.

georeport 0.3.1 reads services, definitions and requests but cannot create requests or read the
discovery document, so those two go through `requests` (georeport's own HTTP library) exactly as
the spec describes them: a form-encoded POST and a GET.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from georeport import GeoReport

from core.db import utcnow
from core.departments.catalog import departments
from core.officers import create_api_key

SERVICE_CODES = sorted(d.service_code for d in departments())


@pytest.fixture
def api_key(db) -> str:
    with db.transaction() as session:
        return create_api_key(session, "city app")


@pytest.fixture
def root(live_server) -> str:
    return f"{live_server.url}/open311/v2"


def _post(root: str, **form) -> requests.Response:
    return requests.post(f"{root}/requests.json", data=form, timeout=10)


def _file(root: str, api_key: str, **extra) -> str:
    form = {"api_key": api_key, "service_code": "ELC", "description": "No electricity in our street for 3 days",
            "lat": "31.5204", "long": "74.3587", "email": "ayesha@example.pk", "first_name": "Ayesha",
            "last_name": "Khan", "phone": "0300 1234567", **extra}
    response = _post(root, **form)
    assert response.status_code == 200, response.text
    return response.json()[0]["service_request_id"]


def test_discovery_lists_this_endpoint_in_both_formats(root):
    doc = requests.get(f"{root}/discovery.json", timeout=10).json()
    endpoint = doc["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}


def test_services_are_the_departments_in_json_and_xml(root):
    as_json = GeoReport(root).get_service_list()
    as_xml = GeoReport(root, output_format="xml").get_service_list()
    assert sorted(s["service_code"] for s in as_json) == SERVICE_CODES
    assert sorted(s["service_code"] for s in as_xml) == SERVICE_CODES
    electricity = next(s for s in as_json if s["service_code"] == "ELC")
    assert electricity["service_name"] == "Electricity Distribution Company"
    assert electricity["group"] == "Utilities" and electricity["type"] == "realtime"
    assert "bijli" in electricity["keywords"]


def test_service_definition_has_no_extra_attributes(root):
    assert GeoReport(root).get_service_definition("HLT") == {"service_code": "HLT", "attributes": []}
    with pytest.raises(requests.HTTPError) as error:
        GeoReport(root).get_service_definition("NOPE")
    assert error.value.response.status_code == 404
    assert error.value.response.json()[0]["code"] == 404


def test_posted_request_comes_back_as_an_open_complaint(root, api_key, client, make_officer):
    tracking_id = _file(root, api_key, media_url="https://example.pk/photo.jpg")
    request = GeoReport(root).get_service_request(tracking_id.lower())  # any spelling of the ID works
    assert request["service_request_id"] == tracking_id
    assert request["status"] == "open" and request["service_code"] == "ELC"
    assert request["agency_responsible"] == "Electricity Distribution Company"
    assert request["expected_datetime"] > request["requested_datetime"]
    # Without an API key the description and location stay private.
    assert request["description"] is None and request["lat"] is None
    detailed = requests.get(f"{root}/requests/{tracking_id}.json", params={"api_key": api_key}, timeout=10).json()[0]
    assert detailed["description"] == "No electricity in our street for 3 days"
    assert (detailed["lat"], detailed["long"]) == (31.5204, 74.3587)
    assert detailed["media_url"] == "https://example.pk/photo.jpg"
    # The electricity officer sees it in the queue: channel open311, chosen by the citizen, with their identity.
    case = client.get(f"/api/v1/complaints/{tracking_id}", headers=make_officer("electricity")).json()
    assert case["channel"] == "open311" and case["routed_by"] == "citizen"
    assert case["citizen"]["name"] == "Ayesha Khan" and case["citizen"]["phone"] == "+923001234567"
    assert case["citizen"]["address"] == "email:ayesha@example.pk"


def test_request_in_xml(root, api_key):
    tracking_id = _file(root, api_key, address_string="Mall Road, Lahore")
    request = GeoReport(root, output_format="xml").get_service_request(tracking_id)
    assert request["service_request_id"] == tracking_id and request["status"] == "open"


def test_request_filters(root, api_key, client, make_officer):
    electricity = _file(root, api_key)
    water = _file(root, api_key, service_code="WTR", description="Ganda pani aa raha hai")
    health = _file(root, api_key, service_code="HLT", description="No doctor at the BHU")
    officer = make_officer("health")
    note = {"to": "resolved", "note": "Doctor posted to the BHU"}
    assert client.post(f"/api/v1/complaints/{health}/transitions", json=note, headers=officer).status_code == 200
    geo = GeoReport(root)

    def ids(**filters) -> set[str]:
        return {r["service_request_id"] for r in geo.get_service_requests(**filters)}

    assert ids() == {electricity, water, health}
    assert ids(service_code="WTR") == {water}
    assert ids(service_code="ELC,WTR") == {electricity, water}
    assert ids(status="open") == {electricity, water}
    assert ids(status="closed") == {health}  # "resolved" is closed for Open311
    assert ids(service_request_id=f"{water},{health}") == {water, health}
    now = utcnow()
    w3c = "%Y-%m-%dT%H:%M:%SZ"
    assert ids(start_date=(now - timedelta(hours=1)).strftime(w3c), end_date=(now + timedelta(hours=1)).strftime(w3c)) == {
        electricity, water, health}
    assert ids(start_date=(now - timedelta(days=30)).strftime(w3c), end_date=(now - timedelta(days=1)).strftime(w3c)) == set()
    resolved = geo.get_service_requests(service_request_id=health)[0]
    assert "Doctor posted to the BHU" in resolved["status_notes"]
    assert "awaiting the citizen's confirmation" in resolved["status_notes"]


@pytest.mark.parametrize("params, words", [
    ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90 days"),
    ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, "before"),
    ({"start_date": "yesterday"}, "W3C"),
    ({"end_date": "0001-01-01T00:00:00Z"}, "out of range"),
    ({"start_date": "9999-12-31T00:00:00Z"}, "out of range"),
    ({"status": "pending"}, "status"),
])
def test_bad_date_ranges_and_statuses_are_refused(root, params, words):
    response = requests.get(f"{root}/requests.json", params=params, timeout=10)
    assert response.status_code == 400
    assert words in response.json()[0]["description"]


def test_bad_api_key_is_403_in_the_spec_error_format(root):
    response = _post(root, api_key="o311_not-a-key", service_code="ELC", description="x", address_string="Lahore")
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "api_key is missing or invalid"}]
    xml = requests.post(f"{root}/requests.xml", data={"service_code": "ELC"}, timeout=10)
    assert xml.status_code == 403 and b"<errors><error><code>403</code>" in xml.content


def test_unknown_request_is_404(root):
    with pytest.raises(requests.HTTPError) as error:
        GeoReport(root).get_service_request("Q3N1S-MF61N")
    assert error.value.response.status_code == 404
    assert error.value.response.json() == [{"code": 404, "description": "service_request_id not found"}]


def test_a_typo_in_the_request_id_is_400(root, api_key):
    tracking_id = _file(root, api_key)
    wrong = tracking_id[:-1] + ("0" if tracking_id[-1] != "0" else "1")
    response = requests.get(f"{root}/requests/{wrong}.json", timeout=10)
    assert response.status_code == 400 and "typo" in response.json()[0]["description"]


@pytest.mark.parametrize("form, status, words", [
    ({"description": "x" * 4001}, 400, "4000"),
    ({"service_code": ""}, 400, "service_code"),
    ({"service_code": "NOPE"}, 404, "service_code"),
    ({"lat": "", "long": "", "address_string": ""}, 400, "location"),
    ({"lat": "91"}, 400, "lat"),
    ({"lat": "north"}, 400, "lat"),
    ({"email": "not-an-email"}, 400, "email"),
    ({"phone": "12"}, 400, "phone"),
    ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ({"description": "  "}, 400, "description"),
])
def test_bad_requests_are_refused_clearly(root, api_key, form, status, words):
    full = {"api_key": api_key, "service_code": "ELC", "description": "Transformer blew up", "lat": "31.5",
            "long": "74.3", **form}
    response = _post(root, **full)
    assert response.status_code == status, response.text
    [error] = response.json()
    assert error["code"] == status and words in error["description"]
    assert GeoReport(root).get_service_requests() == []  # nothing was filed
