"""Clusters ("problems") on SQLite and PostgreSQL: who joins, what officers can do to a problem,
what each citizen is told, and department isolation."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from core.citizens import get_or_create_citizen
from core.complaints import actions
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import Complaint, ComplaintEvent
from core.db import utcnow
from core.notifications.models import OutboxMessage

MODEL_TOWN = {"en": "Model Town, Lahore", "ur": "ماڈل ٹاؤن", "roman_ur": "model town block C"}


def _file(db, text, *, language="roman_ur", channel="whatsapp", address=None, department="electricity",
          district="Lahore", location=None, now=None, lat=None, lon=None):
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, channel, address or f"+92300{abs(hash(text + channel)) % 10**7:07d}",
                                        language=language)
        view = file_complaint(s, NewComplaint(
            department=department, description=text, language=language, channel=channel, citizen_id=citizen.id,
            location_text=location if location is not None else MODEL_TOWN[language], district=district,
            latitude=lat, longitude=lon), now=now)
    return view


def _three_reports(db):
    """One burnt transformer, reported on three channels in three scripts."""
    a = _file(db, "bijli nahi hai subah se", channel="whatsapp", address="+923001110001")
    b = _file(db, "بجلی نہیں ہے", language="ur", channel="telegram", address="4401")
    c = _file(db, "No electricity in our street since morning", language="en", channel="telegram", address="4402")
    return a, b, c


def test_reports_across_channels_and_scripts_join_one_cluster(db, client, make_officer):
    a, b, c = _three_reports(db)
    assert a.cluster.size == 1 and c.cluster.size == 3
    assert a.cluster.id == b.cluster.id == c.cluster.id
    headers = make_officer("electricity")
    body = client.get(f"/api/v1/complaints/{a.tracking_id}", headers=headers).json()
    assert body["cluster"] == {"id": a.cluster.id, "size": 3,
                               "tracking_ids": [a.tracking_id, b.tracking_id, c.tracking_id]}
    listed = client.get("/api/v1/complaints", headers=headers).json()["items"]
    assert {item["cluster"]["size"] for item in listed} == {3}


def test_no_cluster_across_departments_distant_places_or_old_cases(db):
    first = _file(db, "bijli nahi hai", now=utcnow() - timedelta(days=10))
    fresh = _file(db, "bijli nahi hai")  # the first one's cluster had its last report 10 days ago
    water = _file(db, "pani nahi hai", department="water_supply")
    johar = _file(db, "bijli nahi hai", location="Johar Town")
    pindi = _file(db, "bijli nahi hai", district="Rawalpindi", location="model town")
    bill = _file(db, "bijli ka bill bohat zyada aya hai")  # same place, another problem
    clusters = [v.cluster.id for v in (first, fresh, water, johar, pindi, bill)]
    assert len(set(clusters)) == 6


def test_pins_within_the_radius_join(db):
    a = _file(db, "light nahi hai", district=None, location="", lat=31.4840, lon=74.3260)
    near = _file(db, "no electricity", language="en", district=None, location="", lat=31.4852, lon=74.3271)
    far = _file(db, "no electricity", language="en", district=None, location="", lat=31.5040, lon=74.3460)
    assert near.cluster.id == a.cluster.id and far.cluster.id != a.cluster.id


def test_a_cluster_action_reaches_every_report_with_its_own_notification(db, client, make_officer):
    a, b, c = _three_reports(db)
    headers = make_officer("electricity", name="SDO Iqbal")
    url = f"/api/v1/clusters/{a.cluster.id}/transitions"
    assert client.post(url, json={"to": "resolved"}, headers=headers).status_code == 409  # needs a public note
    moved = client.post(url, json={"to": "in_progress", "note": "Team sent"}, headers=headers)
    assert moved.status_code == 200, moved.text
    done = client.post(url, json={"to": "resolved", "note": "Transformer replaced"}, headers=headers).json()
    assert sorted(done["moved"]) == sorted([a.tracking_id, b.tracking_id, c.tracking_id])
    assert done["cluster"]["is_open"] is False and done["cluster"]["statuses"] == {"resolved": 3}
    with db.transaction() as s:
        for view in (a, b, c):
            complaint = s.scalar(select(Complaint).where(Complaint.tracking_id == view.tracking_id))
            kinds = [(e.to_status, e.actor_name) for e in complaint.events if e.kind == "status_changed"]
            assert kinds[-2:] == [("in_progress", "SDO Iqbal"), ("resolved", "SDO Iqbal")]
            questions = s.scalars(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id,
                                                              OutboxMessage.kind == "notify_resolution_question"))
            assert [q.params["note"] for q in questions] == ["Transformer replaced"]


def test_one_citizens_no_reopens_only_their_report_and_the_cluster(db, client, make_officer):
    a, b, c = _three_reports(db)
    headers = make_officer("electricity")
    url = f"/api/v1/clusters/{a.cluster.id}"
    client.post(f"{url}/transitions", json={"to": "resolved", "note": "Transformer replaced"}, headers=headers)
    with db.transaction() as s:
        citizen = s.scalar(select(Complaint).where(Complaint.tracking_id == b.tracking_id)).citizen_id
        actions.citizen_verdict(s, citizen, b.tracking_id, satisfied=False, comment="abhi bhi band hai")
    cluster = client.get(url, headers=headers).json()
    statuses = {m["tracking_id"]: m["status"] for m in cluster["members"]}
    assert statuses == {a.tracking_id: "resolved", b.tracking_id: "reopened", c.tracking_id: "resolved"}
    assert cluster["is_open"] is True and cluster["open_count"] == 1
    # The next cluster action reaches the reopened report only.
    again = client.post(f"{url}/transitions", json={"to": "resolved", "note": "New fuse"}, headers=headers).json()
    assert again["moved"] == [b.tracking_id]


def test_split_and_merge_are_audited(db, client, make_officer):
    a, b, c = _three_reports(db)
    headers = make_officer("electricity", name="SDO Iqbal")
    split = client.post(f"/api/v1/clusters/{a.cluster.id}/split",
                        json={"tracking_id": c.tracking_id, "note": "different street"}, headers=headers)
    assert split.status_code == 200, split.text
    alone = split.json()
    assert alone["size"] == 1 and [m["tracking_id"] for m in alone["members"]] == [c.tracking_id]
    assert client.get(f"/api/v1/clusters/{a.cluster.id}", headers=headers).json()["size"] == 2
    merged = client.post(f"/api/v1/clusters/{a.cluster.id}/merge", json={"cluster_id": alone["id"], "note": "same"},
                         headers=headers)
    assert merged.status_code == 200 and merged.json()["size"] == 3
    assert client.get(f"/api/v1/clusters/{alone['id']}", headers=headers).status_code == 404  # merged away
    with db.transaction() as s:
        events = s.scalars(select(ComplaintEvent).join(Complaint).where(
            Complaint.tracking_id == c.tracking_id, ComplaintEvent.kind.in_(["cluster_split", "cluster_merged"]))
            .order_by(ComplaintEvent.id)).all()
        assert [(e.kind, e.actor_name, e.note) for e in events] == [
            ("cluster_split", "SDO Iqbal", "different street"), ("cluster_merged", "SDO Iqbal", "same")]
        assert events[0].data == {"from": a.cluster.id, "to": alone["id"]}


def test_departments_are_isolated_and_the_list_is_ordered_by_size(db, client, make_officer):
    a, _b, _c = _three_reports(db)
    single = _file(db, "transformer jal gaya", location="Garden Town")
    water = _file(db, "pani nahi hai", department="water_supply")
    power, health, admin = make_officer("electricity"), make_officer("health"), make_officer(admin=True)
    listed = client.get("/api/v1/clusters", headers=power).json()
    assert [(i["id"], i["size"]) for i in listed["items"]] == [(a.cluster.id, 3), (single.cluster.id, 1)]
    assert client.get("/api/v1/clusters", headers=health).json()["items"] == []
    hidden = client.get(f"/api/v1/clusters/{a.cluster.id}", headers=health)
    missing = client.get("/api/v1/clusters/999999", headers=health)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    for path, body in [("transitions", {"to": "in_progress"}), ("split", {"tracking_id": a.tracking_id}),
                       ("merge", {"cluster_id": single.cluster.id})]:
        assert client.post(f"/api/v1/clusters/{a.cluster.id}/{path}", json=body, headers=health).status_code == 404
    assert client.post(f"/api/v1/clusters/{water.cluster.id}/merge", json={"cluster_id": a.cluster.id},
                       headers=admin).status_code == 422  # another department's problem
    everything = client.get("/api/v1/clusters", params={"order": "urgency"}, headers=admin).json()
    assert {i["id"] for i in everything["items"]} == {a.cluster.id, single.cluster.id, water.cluster.id}


def test_open311_shows_nothing_about_other_reports(db, client):
    a, _b, _c = _three_reports(db)
    one = client.get(f"/open311/v2/requests/{a.tracking_id}.json").json()
    assert "cluster" not in one[0] and not any("cluster" in str(k) for k in one[0])
    assert all("cluster" not in r for r in client.get("/open311/v2/requests.json").json())


def _someone_waits_for_an_advisory_lock(db, deadline_s: float = 30) -> bool:
    """Poll PostgreSQL until a session is blocked on an advisory lock (the second filing)."""
    end = time.monotonic() + deadline_s
    with db.engine.connect() as connection:
        while time.monotonic() < end:
            waiting = connection.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).scalar()
            if waiting:
                return True
            threading.Event().wait(0.02)
    return False


def test_two_first_reports_filed_at_the_same_moment_make_one_cluster(db):
    if not db.is_postgres:
        pytest.skip("SQLite admits one writer at a time; the race is PostgreSQL's")
    first_filed = threading.Event()
    views: dict[str, object] = {}

    def first() -> None:
        with db.transaction() as s:
            citizen = get_or_create_citizen(s, "whatsapp", "+923001110001", language="roman_ur")
            views["a"] = file_complaint(s, NewComplaint(
                department="electricity", description="bijli nahi hai", language="roman_ur", channel="whatsapp",
                citizen_id=citizen.id, location_text="Model Town", district="Lahore"))
            first_filed.set()
            # Stay uncommitted until the second filing is waiting for its turn.
            assert _someone_waits_for_an_advisory_lock(db)

    def second() -> None:
        assert first_filed.wait(timeout=30)
        views["b"] = _file(db, "بجلی نہیں ہے", language="ur", channel="telegram", address="4401")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert views["b"].cluster.id == views["a"].cluster.id and views["b"].cluster.size == 2


def test_a_reassigned_report_leaves_its_problem_for_one_of_the_new_department(db, client, make_officer):
    a, b, c = _three_reports(db)
    water = _file(db, "pani nahi aa raha", department="water_supply")
    admin = make_officer(admin=True)
    moved = client.post(f"/api/v1/complaints/{c.tracking_id}/reassign",
                        json={"department": "water_supply", "note": "water, not power"}, headers=admin).json()
    assert moved["cluster"]["id"] != a.cluster.id
    assert client.get(f"/api/v1/clusters/{a.cluster.id}", headers=admin).json()["size"] == 2
    # In its new department it is matched like a new report: "no electricity" is not "no water".
    assert moved["cluster"]["id"] != water.cluster.id and moved["cluster"]["size"] == 1


def test_out_of_range_cluster_numbers_are_clear_errors(client, make_officer):
    headers = make_officer("electricity")
    assert client.get("/api/v1/clusters/99999999999", headers=headers).status_code == 422
    assert client.get("/api/v1/clusters/0", headers=headers).status_code == 422
    merge = client.post("/api/v1/clusters/1/merge", json={"cluster_id": 2**40}, headers=headers)
    assert merge.status_code == 422
    assert client.get("/api/v1/clusters", params={"order": "random"}, headers=headers).status_code == 422


def test_a_failure_to_cluster_never_loses_the_complaint(db, monkeypatch, caplog):
    import core.complaints.filing as filing

    def broken(session, complaint, now=None):
        session.execute(text("SELECT no_such_column FROM clusters"))  # a real database error mid-transaction

    monkeypatch.setattr(filing, "join_or_start", broken)
    view = _file(db, "bijli nahi hai")
    assert view.cluster is None
    with db.transaction() as s:
        stored = s.scalar(select(Complaint).where(Complaint.tracking_id == view.tracking_id))
        assert stored is not None and stored.status == "forwarded" and stored.cluster_id is None
    assert "filed without a cluster" in caplog.text


def test_a_database_gone_while_clustering_is_not_swallowed(db, monkeypatch):
    """A lost connection must reach the dialogue (which spools the citizen's message during an outage):
    swallowed here, the turn later failed on a dead transaction and the message was lost (fault_bench)."""
    import core.complaints.filing as filing

    def connection_lost(session, complaint, now=None):
        raise OperationalError("SELECT pg_advisory_xact_lock(1)", {}, Exception("terminating connection"),
                               connection_invalidated=True)

    monkeypatch.setattr(filing, "join_or_start", connection_lost)
    with pytest.raises(OperationalError):
        _file(db, "bijli nahi hai")
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Complaint)) == 0  # nothing half-filed either


def test_offices_of_one_department_see_only_their_own_problems(db, client, make_officer):
    """Office scoping (issue 16) applies to clusters: LESCO's officer never sees MEPCO's problem."""
    lahore, _b, _c = _three_reports(db)
    multan = _file(db, "transformer jal gaya bijli nahi", district="Multan", location="Gulgasht Colony")
    lesco, mepco = make_officer(office="LESCO"), make_officer(office="MEPCO")
    head = make_officer("electricity")  # the department's head office sees its whole tree
    assert [i["id"] for i in client.get("/api/v1/clusters", headers=lesco).json()["items"]] == [lahore.cluster.id]
    assert [i["id"] for i in client.get("/api/v1/clusters", headers=mepco).json()["items"]] == [multan.cluster.id]
    assert {i["id"] for i in client.get("/api/v1/clusters", headers=head).json()["items"]} == {
        lahore.cluster.id, multan.cluster.id}
    hidden = client.get(f"/api/v1/clusters/{multan.cluster.id}", headers=lesco)
    assert hidden.status_code == 404 == client.get("/api/v1/clusters/999999", headers=lesco).status_code
    moved = client.post(f"/api/v1/clusters/{multan.cluster.id}/transitions", json={"to": "in_progress"}, headers=lesco)
    assert moved.status_code == 404
