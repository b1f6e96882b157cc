"""The officer REST API and the public tracking lookup, over HTTP, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.citizens import get_or_create_citizen, update_profile
from core.complaints import actions, queries
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import ComplaintEvent
from core.db import utcnow


def _file(db, department="electricity", text="Bijli 3 din se band hai", *, anonymous=False, district="Lahore",
          address="+923001234567", location="Gulberg III, Lahore", now=None) -> tuple[str, int]:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", address, name="Bilal Ahmed", language="roman_ur")
        update_profile(s, citizen, cnic="35202-1234567-1")
        view = file_complaint(s, NewComplaint(
            department=department, description=text, language="roman_ur", channel="whatsapp",
            citizen_id=citizen.id, anonymous=anonymous, location_text=location, district=district,
            routed_by="nlu", nlu_confidence=0.91), now=now)
    return view.tracking_id, citizen.id


def _move(client, headers, tracking_id, to, note=""):
    return client.post(f"/api/v1/complaints/{tracking_id}/transitions", json={"to": to, "note": note}, headers=headers)


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [c["tracking_id"] for c in response.json()["items"]]


def test_an_officer_sees_only_their_department_and_admins_see_all(db, client, make_officer):
    power, _ = _file(db)
    health, _ = _file(db, "health", "BHU mein doctor nahi", address="+923331112222")
    officer, admin = make_officer("electricity"), make_officer(admin=True)
    assert _ids(client.get("/api/v1/complaints", headers=officer)) == [power]
    assert sorted(_ids(client.get("/api/v1/complaints", headers=admin))) == sorted([power, health])
    assert _ids(client.get("/api/v1/complaints", params={"department": "health"}, headers=admin)) == [health]
    # Officers cannot widen their view with the department filter.
    assert _ids(client.get("/api/v1/complaints", params={"department": "health"}, headers=officer)) == [power]
    hidden = client.get(f"/api/v1/complaints/{health}", headers=officer)
    missing = client.get("/api/v1/complaints/Q3N1S-MF61N", headers=officer)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()  # the answer does not tell that the case exists
    assert _move(client, officer, health, "in_progress").status_code == 404
    assert client.post(f"/api/v1/complaints/{health}/notes", json={"note": "x"}, headers=officer).status_code == 404
    assert client.get(f"/api/v1/complaints/{health}", headers=admin).status_code == 200


def test_list_filters(db, client, make_officer):
    now = utcnow()
    late, _ = _file(db, text="Transformer kharab", now=now - timedelta(days=10))  # SLA 3 days: overdue
    fresh, _ = _file(db, text="Meter ki reading ghalat", district="Karachi", location="Saddar, Karachi")
    done, _ = _file(db, text="Wire toot gayi", now=now - timedelta(days=1))
    headers = make_officer("electricity")
    assert _move(client, headers, done, "resolved", "Wire jor di").status_code == 200

    def ids(**params):
        return sorted(_ids(client.get("/api/v1/complaints", params=params, headers=headers)))

    assert ids(status="resolved") == [done]
    assert ids(status="open") == sorted([late, fresh])
    assert ids(overdue="true") == [late]
    assert ids(overdue="false") == sorted([fresh, done])
    assert ids(created_from=(now - timedelta(days=2)).isoformat(), created_to=(now - timedelta(hours=1)).isoformat()) == [done]
    assert ids(q="transformer") == [late]
    assert ids(q=fresh[:5]) == [fresh]  # part of a tracking ID
    assert ids(q="saddar") == [fresh]  # location text
    assert ids(district="karachi") == [fresh]
    assert client.get("/api/v1/complaints", params={"status": "lost"}, headers=headers).status_code == 422
    naive = client.get("/api/v1/complaints", params={"created_from": "2026-01-01T00:00:00"}, headers=headers)
    assert naive.status_code == 422 and "timezone" in naive.text  # not a guess, and not a server error
    assert client.get("/api/v1/stats", params={"since": "2026-01-01T00:00:00"}, headers=headers).status_code == 422


def test_pagination_covers_every_case_once_most_urgent_first(db, client, make_officer):
    now = utcnow()
    filed = [_file(db, text=f"Complaint {i}", now=now - timedelta(hours=i))[0] for i in range(7)]
    headers = make_officer("electricity")
    pages = [client.get("/api/v1/complaints", params={"page": p, "per_page": 3}, headers=headers).json()
             for p in (1, 2, 3)]
    assert [p["total"] for p in pages] == [7, 7, 7]
    seen = [c["tracking_id"] for p in pages for c in p["items"]]
    assert [len(p["items"]) for p in pages] == [3, 3, 1]
    assert seen == list(reversed(filed))  # the oldest filing is due first
    assert client.get("/api/v1/complaints", params={"per_page": 101}, headers=headers).status_code == 422
    assert client.get("/api/v1/complaints", params={"page": 0}, headers=headers).status_code == 422


def test_the_total_is_counted_up_to_a_cap(db, client, make_officer, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 3)  # 10,000 in production; five cases are enough here
    filed = [_file(db, text=f"Complaint {i}")[0] for i in range(5)]
    headers = make_officer("electricity")
    first = client.get("/api/v1/complaints", params={"per_page": 2}, headers=headers).json()
    assert (first["total"], first["total_capped"]) == (3, True)
    last = client.get("/api/v1/complaints", params={"per_page": 2, "page": 3}, headers=headers).json()
    assert len(last["items"]) == 1  # pages past the cap still work
    few = client.get("/api/v1/complaints", params={"q": filed[0][:5]}, headers=headers).json()
    assert (few["total"], few["total_capped"]) == (1, False)


def test_case_page_shows_the_event_history(db, client, make_officer):
    tracking_id, _ = _file(db)
    headers = make_officer("electricity", name="SDO Gulberg")
    assert _move(client, headers, tracking_id, "in_progress", "Team sent").status_code == 200
    case = client.get(f"/api/v1/complaints/{tracking_id.lower().replace('-', ' ')}", headers=headers).json()
    assert case["tracking_id"] == tracking_id and case["status"] == "in_progress"
    assert [(e["from_status"], e["to_status"]) for e in case["events"]] == [
        (None, "submitted"), ("submitted", "forwarded"), ("forwarded", "in_progress")]
    last = case["events"][-1]
    assert last["actor_type"] == "officer" and last["actor_name"] == "SDO Gulberg" and last["note"] == "Team sent"
    assert case["routed_by"] == "nlu" and case["nlu_confidence"] == pytest.approx(0.91)


def test_transitions_follow_the_lifecycle_table(db, client, make_officer):
    tracking_id, _ = _file(db)
    headers = make_officer("electricity")
    invalid = _move(client, headers, tracking_id, "reopened")
    assert invalid.status_code == 409
    assert invalid.json()["detail"].startswith("cannot move a forwarded complaint to reopened (allowed from forwarded:")
    needs_note = _move(client, headers, tracking_id, "resolved")
    assert needs_note.status_code == 409 and "public note" in needs_note.json()["detail"]
    assert _move(client, headers, tracking_id, "resolved", "Transformer replaced").status_code == 200
    closing = _move(client, headers, tracking_id, "closed")
    assert closing.status_code == 409 and "citizen" in closing.json()["detail"]
    admin_close = _move(client, make_officer(admin=True), tracking_id, "closed")
    assert admin_close.status_code == 409  # nobody on staff closes a case; only the citizen or silence
    assert _move(client, headers, tracking_id, "done").status_code == 422
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()["status"] == "resolved"


def test_internal_notes_never_reach_the_public_view(db, client, make_officer):
    tracking_id, _ = _file(db)
    headers = make_officer("electricity")
    client.post(f"/api/v1/complaints/{tracking_id}/notes", json={"note": "Lineman says the citizen is rude"},
                headers=headers)
    _move(client, headers, tracking_id, "in_progress", "Team on the way")
    case = client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()
    assert any(e["kind"] == "internal_note" and not e["public"] for e in case["events"])
    public = client.get(f"/api/v1/track/{tracking_id}")
    assert public.status_code == 200
    body = public.json()
    assert body["status"] == "in_progress" and body["department"] == "electricity"
    assert "Team on the way" in [n["note"] for n in body["public_notes"]]
    assert "rude" not in public.text
    for private in ("Bilal", "+923001234567", "3520212345671", "Gulberg", "Bijli"):
        assert private not in public.text  # no identity, no description, no location


def test_reassignment_keeps_the_id_and_records_from_and_to(db, client, make_officer):
    tracking_id, _ = _file(db, text="Gali mein ganda pani")
    power, water = make_officer("electricity"), make_officer("water_supply")
    moved = client.post(f"/api/v1/complaints/{tracking_id}/reassign",
                        json={"department": "water_supply", "note": "Water, not power"}, headers=power)
    assert moved.status_code == 200
    assert moved.json()["tracking_id"] == tracking_id and moved.json()["department"] == "water_supply"
    assert moved.json()["routed_by"] == "officer"
    event = moved.json()["events"][-1]
    assert event["kind"] == "reassigned" and event["data"] == {
        "from": "electricity", "to": "water_supply", "from_office": "LESCO", "to_office": "WASA-LHR"}
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=power).status_code == 404
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=water).status_code == 200
    unknown = client.post(f"/api/v1/complaints/{tracking_id}/reassign", json={"department": "space"}, headers=water)
    assert unknown.status_code == 422 and "unknown department" in unknown.json()["detail"]


def test_stats_show_resolved_apart_from_citizen_confirmed(db, client, make_officer):
    headers = make_officer("electricity")
    confirmed, citizen_a = _file(db, address="+923000000001")
    rejected, citizen_b = _file(db, address="+923000000002")
    _file(db, address="+923000000003")
    for tracking_id in (confirmed, rejected):
        assert _move(client, headers, tracking_id, "resolved", "Fixed").status_code == 200
    with db.transaction() as s:
        actions.citizen_verdict(s, citizen_a, confirmed, satisfied=True, rating=5)
        actions.citizen_verdict(s, citizen_b, rejected, satisfied=False, rating=1, comment="Still no power")
    stats = client.get("/api/v1/stats", headers=headers).json()
    [power] = stats["departments"]
    assert power["department"] == "electricity" and power["total"] == 3
    assert power["resolved_by_department"] == 2 and power["confirmed_by_citizen"] == 1
    assert power["rejected_by_citizen"] == 1
    assert power["satisfied_share"] == 0.5 and power["average_rating"] == 3.0
    assert power["by_status"] == {"forwarded": 1, "closed": 1, "reopened": 1}
    assert stats["totals"]["confirmed_share_of_resolved"] == 0.5
    assert power["median_hours_to_resolve"] is not None


def test_anonymous_complainant_is_hidden_from_the_department_but_not_from_admins(db, client, make_officer):
    tracking_id, _ = _file(db, "police", "SHO ne FIR darj nahi ki", anonymous=True)
    officer, admin = make_officer("police"), make_officer(admin=True)
    seen_by_officer = client.get(f"/api/v1/complaints/{tracking_id}", headers=officer)
    assert seen_by_officer.json()["anonymous"] is True and seen_by_officer.json()["citizen"] is None
    assert "Bilal" not in seen_by_officer.text and "+923001234567" not in seen_by_officer.text
    listed = client.get("/api/v1/complaints", headers=officer).json()["items"][0]
    assert listed["citizen"] is None
    citizen = client.get(f"/api/v1/complaints/{tracking_id}", headers=admin).json()["citizen"]
    assert citizen["name"] == "Bilal Ahmed" and citizen["cnic"] == "3520212345671"


def test_the_audit_trail_cannot_be_edited(db, client, make_officer):
    mutating = [(route.path, sorted(route.methods)) for route in client.app.routes
                if getattr(route, "methods", None) and route.methods & {"PUT", "PATCH", "DELETE"}]
    assert mutating == []
    tracking_id, _ = _file(db)
    headers = make_officer("electricity")
    before = client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()["events"]
    _move(client, headers, tracking_id, "in_progress", "On it")
    after = client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()["events"]
    assert after[:len(before)] == before and len(after) == len(before) + 1
    with pytest.raises(RuntimeError, match="append-only"), db.transaction() as s:
        event = s.scalars(select(ComplaintEvent).limit(1)).one()
        event.note = "nothing happened"
        s.flush()
    with pytest.raises(RuntimeError, match="append-only"), db.transaction() as s:
        s.delete(s.scalars(select(ComplaintEvent).limit(1)).one())
        s.flush()
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()["events"] == after


def test_tracking_lookup_tells_a_typo_from_an_unknown_id(db, client):
    tracking_id, _ = _file(db)
    assert client.get(f"/api/v1/track/{tracking_id.lower()}").status_code == 200
    last = tracking_id[-1]
    typo = tracking_id[:-1] + ("X" if last != "X" else "Y")
    response = client.get(f"/api/v1/track/{typo}")
    assert response.status_code == 400 and "typo" in response.json()["detail"]
    assert client.get("/api/v1/track/Q3N1S-MF61N").status_code == 404
    assert client.get("/api/v1/track/hello").status_code == 400


def test_bodies_over_the_limit_are_refused_with_413(db, client, make_officer, settings):
    tracking_id, _ = _file(db)
    headers = {**make_officer("electricity"), "Content-Type": "application/json"}
    huge = b'{"note": "' + b"x" * settings.max_body_bytes + b'"}'
    response = client.post(f"/api/v1/complaints/{tracking_id}/notes", content=huge, headers=headers)
    assert response.status_code == 413
    assert str(settings.max_body_bytes) in response.json()["detail"]

    def streamed():  # no Content-Length: chunked transfer, counted as it arrives
        yield b'{"note": "'
        for _ in range(settings.max_body_bytes // 10_000 + 1):
            yield b"x" * 10_000
        yield b'"}'
    chunked = client.post(f"/api/v1/complaints/{tracking_id}/notes", content=streamed(), headers=headers)
    assert chunked.status_code == 413
    form = client.post("/open311/v2/requests.json", content=(b"description=" + b"x" * 10_000 for _ in range(101)),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 413
    case = client.get(f"/api/v1/complaints/{tracking_id}", headers=headers).json()
    assert [e["kind"] for e in case["events"]] == ["status_changed", "status_changed"]  # nothing was added


def test_bad_or_missing_bearer_token_is_401(db, client):
    assert client.get("/api/v1/complaints").status_code == 401
    response = client.get("/api/v1/complaints", headers={"Authorization": "Bearer awz_wrong"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/stats", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401
