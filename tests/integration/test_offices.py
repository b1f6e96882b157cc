"""Offices over HTTP and the CLI: a complaint lands at the office covering its district; officers of one
office see only their office's cases (another office's case is 404 like another department's); a head
office sees its tree; both databases."""
from __future__ import annotations

from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from core.officers import viewer_for_token
from tests.integration.test_cli import _last_line, awaaz


def _file(db, department: str, district: str | None, address: str, text: str = "Masla hai") -> str:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", address, language="roman_ur")
        return file_complaint(s, NewComplaint(department=department, description=text, language="roman_ur",
                                              channel="whatsapp", citizen_id=citizen.id, district=district)).tracking_id


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(c["tracking_id"] for c in response.json()["items"])


def test_the_case_names_its_office_and_an_unknown_place_waits_at_the_head_office(db, client, make_officer):
    lahore = _file(db, "electricity", "Lahore", "+923000000001")
    nowhere = _file(db, "electricity", None, "+923000000002")
    admin = make_officer(admin=True)
    case = client.get(f"/api/v1/complaints/{lahore}", headers=admin).json()
    assert (case["office"], case["office_name_en"], case["area_unknown"]) == (
        "LESCO", "LESCO (Lahore Electric Supply Company)", False)
    desk = client.get(f"/api/v1/complaints/{nowhere}", headers=admin).json()
    assert (desk["office"], desk["area_unknown"]) == ("ELC-HQ", True)
    public = client.get(f"/api/v1/track/{lahore}").json()
    assert public["office_name_en"] == "LESCO (Lahore Electric Supply Company)"
    assert public["public_notes"][-1]["note"] == (
        "Forwarded to Electricity Distribution Company: LESCO (Lahore Electric Supply Company), Lahore")


def test_offices_of_one_department_do_not_see_each_other(db, client, make_officer):
    lahore = _file(db, "electricity", "Lahore", "+923000000001")
    karachi = _file(db, "electricity", "Karachi", "+923000000002")
    lesco, ke = make_officer(office="LESCO"), make_officer("electricity", district="Karachi")
    assert _ids(client.get("/api/v1/complaints", headers=lesco)) == [lahore]
    assert _ids(client.get("/api/v1/complaints", headers=ke)) == [karachi]
    hidden = client.get(f"/api/v1/complaints/{karachi}", headers=lesco)
    missing = client.get("/api/v1/complaints/Q3N1S-MF61N", headers=lesco)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    moved = client.post(f"/api/v1/complaints/{karachi}/transitions", json={"to": "in_progress"}, headers=lesco)
    assert moved.status_code == 404
    assert client.post(f"/api/v1/complaints/{karachi}/notes", json={"note": "x"}, headers=lesco).status_code == 404
    # An office filter cannot widen the view either.
    widened = client.get("/api/v1/complaints", params={"office": "KE"}, headers=lesco)
    assert widened.status_code == 422 and "unknown office" in widened.json()["detail"]
    [row] = client.get("/api/v1/stats", headers=lesco).json()["departments"]
    assert row["total"] == 1


def test_a_head_office_sees_its_tree_and_the_department_head_everything(db, client, make_officer):
    lahore = _file(db, "police", "Lahore", "+923000000001")
    multan = _file(db, "police", "Multan", "+923000000002")
    karachi = _file(db, "police", "Karachi", "+923000000003")
    nowhere = _file(db, "police", None, "+923000000004")
    punjab, head = make_officer(office="POL-PB"), make_officer("police")
    assert _ids(client.get("/api/v1/complaints", headers=punjab)) == sorted([lahore, multan])
    assert client.get(f"/api/v1/complaints/{karachi}", headers=punjab).status_code == 404
    assert client.get(f"/api/v1/complaints/{nowhere}", headers=punjab).status_code == 404
    assert _ids(client.get("/api/v1/complaints", headers=head)) == sorted([lahore, multan, karachi, nowhere])
    narrowed = client.get("/api/v1/complaints", params={"office": "POL-LAHORE"}, headers=punjab)
    assert _ids(narrowed) == [lahore]
    rows = client.get("/api/v1/stats", params={"by_office": "true"}, headers=head).json()["departments"]
    assert {r["office"]: r["total"] for r in rows} == {"POL-HQ": 1, "POL-KARACHI": 1, "POL-LAHORE": 1,
                                                        "POL-MULTAN": 1}
    assert {r["department"] for r in rows} == {"police"}


def test_cli_creates_office_officers_and_lists_offices(db, tmp_path):
    by_district = awaaz(db.url, "officer", "create", "--name", "XEN", "--department", "electricity",
                        "--district", "Multan", cwd=tmp_path)
    assert by_district.returncode == 0, by_district.stderr
    by_office = awaaz(db.url, "officer", "create", "--name", "DPO", "--office", "POL-LAHORE", cwd=tmp_path)
    head = awaaz(db.url, "officer", "create", "--name", "Desk", "--department", "health", cwd=tmp_path)
    with db.transaction() as session:
        officers = [viewer_for_token(session, _last_line(r.stdout)) for r in (by_district, by_office, head)]
    assert [(v.department_code, v.office_code) for v in officers] == [
        ("electricity", "MEPCO"), ("police", "POL-LAHORE"), ("health", "HLT-HQ")]
    nowhere = awaaz(db.url, "officer", "create", "--name", "X", "--department", "police", "--district", "Atlantis",
                    cwd=tmp_path)
    assert nowhere.returncode == 2 and "no office of police covers the district 'Atlantis'" in nowhere.stderr
    unknown = awaaz(db.url, "officer", "create", "--name", "X", "--office", "NOPE", cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown office 'NOPE'" in unknown.stderr
    listed = awaaz(db.url, "offices", "list", "--department", "water_supply", cwd=tmp_path)
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("WTR-HQ\twater_supply\t-\t")
    assert any(line.startswith("KWSC\twater_supply\tWTR-SD\tKarachi Water and Sewerage Corporation\tKarachi")
               for line in lines)
    assert all("\twater_supply\t" in line for line in lines)


def test_reassignment_between_offices_and_departments_records_both(db, client, make_officer):
    tracking_id = _file(db, "electricity", "Lahore", "+923000000001", "Bijli ka khamba gir gaya")
    lesco, mepco = make_officer(office="LESCO"), make_officer(office="MEPCO")
    # The case really is in Multan: LESCO sends it to MEPCO, still electricity.
    moved = client.post(f"/api/v1/complaints/{tracking_id}/reassign",
                        json={"office": "MEPCO", "note": "Multan, not Lahore"}, headers=lesco)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["department"], moved.json()["office"]) == ("electricity", "MEPCO")
    assert moved.json()["events"][-1]["data"] == {"from": "electricity", "to": "electricity",
                                                  "from_office": "LESCO", "to_office": "MEPCO"}
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=lesco).status_code == 404
    assert client.get(f"/api/v1/complaints/{tracking_id}", headers=mepco).status_code == 200
    # To another department by name alone: its office covering the case's district (Lahore).
    to_water = client.post(f"/api/v1/complaints/{tracking_id}/reassign", json={"department": "water_supply"},
                           headers=mepco)
    assert (to_water.json()["department"], to_water.json()["office"]) == ("water_supply", "WASA-LHR")
    assert to_water.json()["events"][-1]["data"]["from_office"] == "MEPCO"
    admin = make_officer(admin=True)
    clash = client.post(f"/api/v1/complaints/{tracking_id}/reassign",
                        json={"department": "police", "office": "KE"}, headers=admin)
    assert clash.status_code == 422 and "belongs to electricity, not police" in clash.json()["detail"]
    same = client.post(f"/api/v1/complaints/{tracking_id}/reassign", json={"office": "WASA-LHR"}, headers=admin)
    assert same.status_code == 422 and "already with that office" in same.json()["detail"]
    empty = client.post(f"/api/v1/complaints/{tracking_id}/reassign", json={"note": "?"}, headers=admin)
    assert empty.status_code == 422
