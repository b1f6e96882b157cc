"""The web chat over HTTP: the visitor cookie, the JSON endpoint against the dialogue contract, /track."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

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
