"""End-to-end dialogues through the FastAPI app with real Twilio signatures and the real trained Rasa
model: filing in two messages in each language, the department menu, status, suggestion, resolution yes/no, the
duplicate guard, an emergency, and Rasa stopped in the middle of a conversation."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.settings import Settings
from core.complaints.models import Complaint, Suggestion
from core.db import Database
from core.migrate import upgrade
from nlu import server
from nlu.client import RasaNluClient
from tests.channels.twilio_support import WhatsAppChat

pytestmark = pytest.mark.rasa


@pytest.fixture
def app_client(db, settings, nlu_client):
    with TestClient(create_app(settings, db=db, nlu=nlu_client, run_worker=False)) as client:
        yield client


def cases(db) -> list[Complaint]:
    with db.transaction() as session:
        return list(session.scalars(select(Complaint).order_by(Complaint.id)).unique())


def tracking_id_in(text: str) -> str:
    return next(w.strip(".,") for w in text.split() if w.count("-") == 1 and len(w.strip(".,")) == 11)


def file_it(chat: WhatsAppChat) -> str:
    """Say yes until the tracking ID comes (for tests about what happens after filing)."""
    for _ in range(3):
        if "Tracking" in chat.text or "ٹریکنگ نمبر" in chat.text:
            break
        chat.send("1")
    return tracking_id_in(chat.text)


def test_roman_urdu_problem_and_place_filed_in_two_messages(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("Gulberg Lahore mein 3 din se bijli nahi")
    assert "Mehkama: Electricity Distribution Company" in chat.text and "Jagah: Gulberg Lahore" in chat.text
    assert "2. Koi aur mehkama" in chat.text
    chat.send("haan")
    [case] = cases(db)
    assert case.tracking_id in chat.text and "Tracking number" in chat.text
    assert (case.department_code, case.routed_by, case.district, case.language, case.location_text) == (
        "electricity", "nlu", "Lahore", "roman_ur", "Gulberg Lahore")
    assert case.nlu_confidence >= 0.85


def test_urdu_script_filing_in_two_messages_keeps_the_neighbourhood(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("گلشن اقبال کراچی میں تین دن سے پینے کا پانی بند ہے")  # the model is very sure of this one (≥ 0.95)
    assert "واٹر اینڈ سینیٹیشن ایجنسی" in chat.text and "جگہ: گلشن اقبال کراچی" in chat.text
    chat.send("جی ہاں")
    assert "ٹریکنگ نمبر" in chat.text
    assert "بھیجی گئی: کراچی واٹر اینڈ سیوریج کارپوریشن" in chat.text  # the office covering Karachi
    [case] = cases(db)
    assert (case.department_code, case.language, case.district, case.location_text) == (
        "water_supply", "ur", "Karachi", "گلشن اقبال کراچی")
    assert case.office_code == "KWSC"


def test_english_filing_asks_for_nothing_it_was_told(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("The street lights in Model Town Lahore have been off for a week")
    assert "Local Government and Municipal Services" in chat.text and "Place: Model Town Lahore" in chat.text
    chat.send("yes")
    assert "Tracking ID" in chat.text and cases(db)[0].language == "en"


def test_department_menu_when_the_citizen_says_another_department(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("Multan ke DHQ hospital mein doctor nahi hain")
    assert "Health Department" in chat.text
    chat.send("2")  # "another department", at the summary (or at the confirmation when the NLU is less sure)
    chat.send(chat.option("Local Government"))
    assert "Local Government" in chat.text and "Jagah: Multan" in chat.text
    chat.send("1")
    [case] = cases(db)
    assert (case.department_code, case.routed_by) == ("local_government", "citizen")


def test_a_message_naming_no_service_is_asked_about_then_the_menu(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("something is wrong here and nobody listens to us")
    assert "What is the problem about: water, electricity, school, hospital, police, or street/garbage?" in chat.text
    chat.send("it is hard to explain")
    assert "could not tell which department" in chat.text
    chat.send(chat.option("Water"))
    chat.send("Gulberg, Lahore")
    assert "Please check your complaint" in chat.text  # a short place answer does not switch the language
    chat.send("1")
    assert cases(db)[0].department_code == "water_supply"


def test_roman_urdu_vague_message_gets_the_question_in_roman_urdu_then_files(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("hamara masla koi nahi sunta kuch karo")
    assert "Masla kis bare mein hai: pani, bijli, school, hospital, police, ya gali/kachra?" in chat.text
    chat.send("pani nahi aa raha Karachi mein")
    file_it(chat)
    [case] = cases(db)
    assert (case.department_code, case.district, case.language) == ("water_supply", "Karachi", "roman_ur")


def test_status_by_intent_and_by_id(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("thana wale FIR nahi kaat rahe Faisalabad mein")
    tracking_id = file_it(chat)
    chat.send("meri shikayat ka kya bana")
    assert tracking_id in chat.text and "Mehkame ko bhej di gayi" in chat.text
    chat.send(f"status {tracking_id}")
    assert "Police Department" in chat.text


def test_suggestion_in_roman_urdu_and_urdu(app_client, db):
    roman = WhatsAppChat(app_client)
    roman.send("mera mashwara hai ke park mein jhoolay lagaye jayein")
    urdu = WhatsAppChat(app_client, sender="+923331234567")
    urdu.send("میری تجویز ہے کہ ہمارے محلے میں پارک بنایا جائے اور درخت لگائے جائیں")
    with db.transaction() as session:
        references = list(session.scalars(select(Suggestion.reference).order_by(Suggestion.id)))
    assert len(references) == 2
    assert references[0] in roman.text and "Hawala number" in roman.text
    assert references[1] in urdu.text and "حوالہ نمبر" in urdu.text


def test_resolution_yes_then_rating_and_no_reopens(app_client, db, make_officer):
    chat = WhatsAppChat(app_client)
    chat.send("kachra 2 hafte se nahi utha Rawalpindi")
    first = file_it(chat)
    chat.send("school mein teacher nahi aata Sukkur")
    second = file_it(chat)
    for tracking_id, department in ((first, "local_government"), (second, "education")):
        response = app_client.post(f"/api/v1/complaints/{tracking_id}/transitions", headers=make_officer(department),
                                   json={"to": "resolved", "note": "Done"})
        assert response.status_code == 200
    chat.send("haan")  # answers the newest resolved case: the school
    assert second in chat.text
    chat.send("4")
    chat.send("nahi")  # now the garbage case
    assert first in chat.text
    statuses = {c.tracking_id: c.status for c in cases(db)}
    assert statuses == {first: "reopened", second: "closed"}


def test_duplicate_guard(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("Gulberg Lahore mein 3 din se bijli nahi")
    first = file_it(chat)
    chat.send("abhi tak bijli nahi aayi Lahore")
    if "Kya yeh sahi hai?" in chat.text:
        chat.send("1")
    assert first in chat.text
    chat.send("1")
    assert len(cases(db)) == 1 and first in chat.text


def test_emergency_gets_the_numbers_first(app_client, db):
    chat = WhatsAppChat(app_client)
    chat.send("ghar mein aag lag gayi hai")
    assert chat.messages[0].startswith("Agar yeh emergency hai") and "1122" in chat.messages[0]
    assert len(chat.messages) >= 2


@pytest.fixture
def own_rasa():
    """A Rasa server this test may stop (the session server is shared)."""
    with server.own_server() as (process, url, token):
        yield process, RasaNluClient(url, token, timeout=10.0)


@pytest.fixture
def sqlite_db(tmp_path):
    """One backend only: this test starts and stops its own Rasa server (about a minute), and what it
    checks (the NLU disappearing) does not depend on the database."""
    database = Database(f"sqlite:///{tmp_path / 'awaaz.db'}")
    upgrade(database)
    yield database
    database.dispose()


def test_rasa_stopped_mid_conversation_still_files(sqlite_db, own_rasa):
    process, client = own_rasa
    db = sqlite_db
    settings = Settings(database_url=db.url, nlu_enabled=True, worker_enabled=False, twilio_auth_token="test-token",
                        public_base_url="http://testserver", session_secret="test-secret")
    with TestClient(create_app(settings, db=db, nlu=client, run_worker=False)) as app_client:
        chat = WhatsAppChat(app_client)
        chat.send("Gulberg Lahore mein 3 din se bijli nahi")
        assert "Electricity Distribution Company" in chat.text
        chat.send("cancel")
        server.stop_server(process)
        chat.send("Multan ke DHQ hospital mein doctor nahi hain")
        assert "number" in chat.text and "6. " in chat.text  # the department menu, in Roman Urdu
        chat.send(chat.option("Health"))
        assert "Jagah: Multan" in chat.text  # without the NLU the district is still read from the words
        chat.send("1")
        [case] = cases(db)
        assert (case.department_code, case.routed_by) == ("health", "citizen")
