"""The web chat over HTTP: the visitor cookie, the JSON endpoint against the dialogue contract, /track."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.webchat import session
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.tracking import new_tracking_id
from core.dialogue.types import Choice, Inbound, Reply


@dataclass
class EchoDialogue:
    received: list[Inbound] = field(default_factory=list)

    def handle(self, inbound: Inbound) -> list[Reply]:
        self.received.append(inbound)
        return [Reply("کون سا محکمہ؟", choices=(Choice("health", "صحت"),), question="q-dept", language="ur")]


@pytest.fixture
def dialogue(client):
    echo = EchoDialogue()
    client.app.state.container.extras["dialogue"] = echo
    return echo


def test_page_sets_a_signed_httponly_samesite_cookie(client):
    response = client.get("/")
    assert response.status_code == 200 and 'dir="rtl"' in response.text
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("awaaz_chat=") and "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_messages_keep_one_sender_and_return_replies_as_json(client, dialogue):
    client.get("/")
    first = client.post("/chat/messages", json={"text": "اسپتال میں دوائی نہیں", "client_id": "m1"})
    second = client.post("/chat/messages", json={"choice": "health", "question": "q-dept",
                                                 "client_id": "m2"})

    assert first.json() == {"replies": [{"text": "کون سا محکمہ؟", "language": "ur", "dir": "rtl",
                                          "question": "q-dept", "request_location": False,
                                          "choices": [{"value": "health", "label": "صحت"}]}]}
    assert second.status_code == 200
    one, two = dialogue.received
    assert one.channel == "web" and one.sender == two.sender and one.sender.startswith("web-")
    assert one.message_id == f"{one.sender}:m1"
    assert (two.choice, two.question) == ("health", "q-dept")


def test_tampered_cookie_gets_a_new_identity(client, dialogue):
    client.get("/")
    client.post("/chat/messages", json={"text": "hi"})
    client.cookies.clear()  # httpx2 (starlette's TestClient with it installed) would keep sending the first one
    client.cookies.set("awaaz_chat", "web-someone-else.forged")
    client.post("/chat/messages", json={"text": "hi"})
    assert dialogue.received[0].sender != dialogue.received[1].sender != "web-someone-else"


@pytest.mark.parametrize("body", [{"text": "x" * 5001}, {"text": "hi", "client_id": "bad id!"},
                                  {"location": {"latitude": 200, "longitude": 0}}])
def test_bad_input_is_a_clear_422(client, dialogue, body):
    assert client.post("/chat/messages", json=body).status_code == 422
    assert dialogue.received == []


def _file(db) -> str:
    with db.transaction() as session:
        return file_complaint(session, NewComplaint("water_supply", "No water for 3 days in G-9", "en", "web")).tracking_id


def test_track_shows_a_filed_complaint_in_english_and_urdu(client, db):
    tracking_id = _file(db)
    response = client.get("/track", params={"id": tracking_id.lower().replace("-", " ")})
    assert response.status_code == 200
    assert tracking_id in response.text and "Forwarded to the department" in response.text and "محکمے کو بھیج دی گئی" in response.text


def test_track_names_the_office_that_has_the_case(client, db):
    with db.transaction() as session:
        tracking_id = file_complaint(session, NewComplaint("water_supply", "No water for 3 days in Saddar", "en",
                                                           "web", district="Karachi")).tracking_id
    page = client.get("/track", params={"id": tracking_id}).text
    assert "Karachi Water and Sewerage Corporation" in page and "کراچی واٹر اینڈ سیوریج کارپوریشن" in page


def _typo(tracking_id: str) -> str:
    last = tracking_id[-1]
    return tracking_id[:-1] + ("1" if last != "1" else "2")


def test_track_tells_a_typo_from_an_unknown_id(client, db):
    tracking_id = _file(db)
    typo = client.get("/track", params={"id": _typo(tracking_id)})
    assert typo.status_code == 400 and "has a typo" in typo.text and "غلطی" in typo.text

    unknown = new_tracking_id()
    missing = client.get("/track", params={"id": unknown})
    assert missing.status_code == 404 and f"No complaint with the ID {unknown}" in missing.text
    assert "کوئی شکایت نہیں ملی" in missing.text

    nonsense = client.get("/track", params={"id": "hello"})
    assert nonsense.status_code == 400 and "This is not a tracking ID" in nonsense.text


def test_a_cross_site_form_post_is_refused(client, dialogue):
    """Only JSON is accepted: a plain HTML form on another site cannot post as the visitor."""
    client.get("/")
    response = client.post("/chat/messages", content='{"text": "hi"}', headers={"Content-Type": "text/plain"})
    assert response.status_code == 422 and dialogue.received == []


def test_with_an_empty_session_secret_a_restart_keeps_the_web_visitor(db, settings, tmp_path):
    settings = settings.model_copy(update={"session_secret": "", "session_secret_file": str(tmp_path / "secret")})
    with TestClient(create_app(settings, db=db, nlu=None, run_worker=False)) as client:
        cookie = client.get("/").cookies[session.COOKIE_NAME]
    with TestClient(create_app(settings, db=db, nlu=None, run_worker=False)) as restarted:
        assert session.read_sender(cookie, (tmp_path / "secret").read_text()) is not None
        restarted.cookies.set(session.COOKIE_NAME, cookie)
        assert session.COOKIE_NAME not in restarted.get("/").cookies  # recognised: no new identity issued


def test_track_shows_pakistan_time(client, db):
    from datetime import datetime, timezone

    from sqlalchemy import update

    from core.complaints.models import Complaint
    tracking_id = _file(db)
    with db.transaction() as session:  # 20:30 UTC is 01:30 the next day in Pakistan
        session.execute(update(Complaint).where(Complaint.tracking_id == tracking_id).values(
            updated_at=datetime(2026, 3, 1, 20, 30, tzinfo=timezone.utc)))
    page = client.get("/track", params={"id": tracking_id}).text
    assert "02 Mar 2026, 01:30 PKT" in page and "UTC" not in page


def _post(client, **body):
    response = client.post("/chat/messages", json=body)
    assert response.status_code == 200, response.text
    return response.json()["replies"]


def test_history_after_a_reload_and_the_resolved_question_on_open(client, db):
    from core.complaints.access import Viewer
    from core.complaints.actions import transition

    client.get("/")
    assert client.get("/chat/history").json() == {"turns": [], "pending": []}
    menu = _post(client, text="no water in Gulberg Lahore since Monday")  # no NLU here: the department menu
    assert "number" not in menu[-1]["text"].lower()
    water = next(c for c in menu[-1]["choices"] if c["value"] == "water_supply")
    summary = _post(client, choice="water_supply", question=menu[-1]["question"])
    assert "Place: Gulberg Lahore" in summary[-1]["text"]
    filed = _post(client, choice="yes", question=summary[-1]["question"])
    tracking_id = next(w for w in filed[-1]["text"].split() if w.count("-") == 1 and len(w) == 11)

    history = client.get("/chat/history")
    assert history.headers["cache-control"] == "no-store"
    turns = history.json()["turns"]
    assert [t["who"] for t in turns] == ["me", "bot", "me", "bot", "me", "bot"]
    assert turns[2]["text"] == water["label"] and tracking_id in turns[-1]["text"]
    assert history.json()["pending"] == []

    with db.transaction() as session:
        transition(session, Viewer(None, "Admin", None, True), tracking_id, "resolved", "Pipe repaired")
    [question] = client.get("/chat/history").json()["pending"]
    assert question["question"] == f"resolution:{tracking_id}" and "Pipe repaired" in question["text"]
    closed = _post(client, choice="yes", question=question["question"])
    assert "from 1 (poor) to 5" in closed[-1]["text"]
    assert client.get("/chat/history").json()["pending"] == []


def test_history_is_only_the_visitors_own(client):
    client.get("/")
    _post(client, text="no water in Gulberg Lahore since Monday")
    client.cookies.clear()
    assert client.get("/chat/history").json() == {"turns": [], "pending": []}


@pytest.mark.parametrize("phone, stored", [("0300 1234567", "+923001234567"), ("+92 321 7654321", "+923217654321")])
def test_a_web_citizen_leaves_a_mobile_number_and_gets_sms_updates(client, db, phone, stored):
    from core.complaints.access import Viewer
    from core.complaints.actions import transition
    from core.notifications.models import OutboxMessage

    client.get("/")
    assert client.post("/chat/phone", json={"phone": phone}).status_code == 404  # nothing written yet
    menu = _post(client, text="no water in Gulberg Lahore since Monday")
    summary = _post(client, choice="water_supply", question=menu[-1]["question"])
    filed = _post(client, choice="yes", question=summary[-1]["question"])
    tracking_id = next(w for w in filed[-1]["text"].split() if w.count("-") == 1 and len(w) == 11)
    for bad in ("12345", "+14155550123", "0300-12"):
        response = client.post("/chat/phone", json={"phone": bad})
        assert response.status_code == 422 and "mobile" in response.json()["detail"]
    response = client.post("/chat/phone", json={"phone": phone})
    assert response.status_code == 200 and response.json() == {"phone": stored}

    officer = Viewer(None, "Admin", None, True)
    with db.transaction() as session:
        transition(session, officer, tracking_id, "in_progress", "Team sent")
        case = queries_get(session, officer, tracking_id)
        rows = list(session.scalars(select_outbox(OutboxMessage)))
    assert case.citizen.phone == stored and case.citizen.channel == "web"  # officers can reach them
    assert [(r.channel, r.address) for r in rows if r.recipient == "citizen"] == [("sms", stored)]


def queries_get(session, viewer, tracking_id):
    from core.complaints import queries
    return queries.get_complaint(session, viewer, tracking_id)


def select_outbox(model):
    from sqlalchemy import select
    return select(model)


def test_officers_see_the_place_words_the_district_and_the_pin(client, officer_token, make_officer):
    from tests.integration.test_dashboard import sign_in

    client.get("/")
    menu = _post(client, text="no water in Gulshan e Iqbal Karachi since Monday")
    summary = _post(client, choice="water_supply", question=menu[-1]["question"])
    assert "Place: Gulshan e Iqbal Karachi" in summary[-1]["text"]
    with_pin = _post(client, location={"latitude": 24.9215, "longitude": 67.0945})
    assert with_pin[-1]["question"].startswith("summary#")
    filed = _post(client, choice="yes", question=with_pin[-1]["question"])
    tracking_id = next(w for w in filed[-1]["text"].split() if w.count("-") == 1 and len(w) == 11)

    case = client.get(f"/api/v1/complaints/{tracking_id}", headers=make_officer("water_supply")).json()
    assert (case["location_text"], case["district"], case["latitude"], case["longitude"]) == (
        "Gulshan e Iqbal Karachi", "Karachi", 24.9215, 67.0945)
    sign_in(client, officer_token("water_supply"))
    page = client.get(f"/dashboard/cases/{tracking_id}").text
    assert "Gulshan e Iqbal Karachi" in page and "Karachi" in page and "24.92150, 67.09450" in page


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200 + b"\xff\xd9"


def test_a_photo_is_checked_stored_attached_and_shown_to_the_officer(client, db, settings, officer_token,
                                                                      tmp_path, monkeypatch):
    from tests.integration.test_dashboard import sign_in

    monkeypatch.setattr(client.app.state.container.settings, "upload_dir", str(tmp_path / "uploads"))
    client.get("/")
    menu = _post(client, text="no water in Gulberg Lahore since Monday")
    summary = _post(client, choice="water_supply", question=menu[-1]["question"])
    assert "send a photo" in summary[-1]["text"]
    too_big = client.post("/chat/photo", files={"photo": ("a.jpg", JPEG + b"\x00" * 900_000, "image/jpeg")})
    assert too_big.status_code == 413
    not_image = client.post("/chat/photo", files={"photo": ("a.jpg", b"<html>hello</html>", "image/jpeg")})
    assert not_image.status_code == 422 and "JPEG, PNG or WebP" in not_image.json()["detail"]
    sent = client.post("/chat/photo", files={"photo": ("street.jpg", JPEG, "image/jpeg")}, data={"client_id": "p1"})
    assert sent.status_code == 200 and "Photos: 1" in sent.json()["replies"][-1]["text"]
    filed = _post(client, choice="yes", question=sent.json()["replies"][-1]["question"])
    tracking_id = next(w for w in filed[-1]["text"].split() if w.count("-") == 1 and len(w) == 11)
    assert len(list((tmp_path / "uploads").iterdir())) == 1  # the refused ones were not stored

    sign_in(client, officer_token("water_supply"))
    page = client.get(f"/dashboard/cases/{tracking_id}").text
    assert f'src="/dashboard/cases/{tracking_id}/attachments/0"' in page
    photo = client.get(f"/dashboard/cases/{tracking_id}/attachments/0")
    assert photo.status_code == 200 and photo.content == JPEG and photo.headers["content-type"] == "image/jpeg"
    assert client.get(f"/dashboard/cases/{tracking_id}/attachments/5").status_code == 404
    client.cookies.clear()
    sign_in(client, officer_token("health"))  # another department's officer may not see it
    assert client.get(f"/dashboard/cases/{tracking_id}/attachments/0").status_code == 404
