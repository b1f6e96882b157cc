"""The short path: a first message naming the problem and the place, read with high confidence, gets
one summary; "1" files it. Below the high threshold the dialogue keeps asking; a message naming no
service is asked what it is about; a place with no district gets one question about the city."""
import pytest

from core.dialogue.service import DialogueService
from core.dialogue.types import Location
from tests.unit.dialogue.conftest import Chat
from tests.unit.dialogue.helpers import complaints, tracking_id


@pytest.fixture
def sure(nlu):
    nlu.confidence = 0.95  # above NLU_HIGH_CONFIDENCE_THRESHOLD (0.85 in the fixture's service)
    return nlu


@pytest.mark.parametrize("first, summary_words, language", [
    ("Gulberg Lahore mein 3 din se bijli nahi", ("Mehkama: Electricity Distribution Company", "Jagah: Gulberg Lahore", "Koi aur mehkama"),
     "roman_ur"),
    ("لاہور میں تین دن سے بجلی نہیں ہے", ("محکمہ: بجلی", "جگہ: لاہور", "کوئی اور محکمہ"), "ur"),
    ("There has been no electricity in Lahore for three days", (
        "Department: Electricity Distribution Company", "Place: Lahore", "Another department"), "en"),
])
@pytest.mark.parametrize("channel", ["whatsapp", "telegram", "web"])
def test_problem_and_place_with_high_confidence_file_in_two_messages(service, sure, db, first, summary_words,
                                                                     language, channel):
    chat = Chat(service, channel=channel, sender="web-abc" if channel == "web" else "+923001234567")
    chat.send(first)
    assert len(chat.replies) == 1 and chat.question.startswith("summary#")
    shown = chat.text + " ".join(c.label for c in chat.replies[0].choices)
    assert [w for w in summary_words if w not in shown] == [], shown
    assert chat.choice_values() == ["yes", "department", "no"]
    chat.send("1")
    tid = tracking_id(chat.text)
    [case] = complaints(db)
    assert (case.tracking_id, case.department_code, case.routed_by, case.district, case.language) == (
        tid, "electricity", "nlu", "Lahore", language)
    assert case.nlu_confidence == 0.95


def test_summary_offers_a_photo_and_a_pin(service, sure):
    whatsapp, web = Chat(service), Chat(service, sender="web-1", channel="web")
    whatsapp.send("no water in Karachi since Monday")
    web.send("no water in Karachi since Monday")
    assert "send a photo or share your location" in whatsapp.text
    assert "send a photo or share your location" in web.text and web.replies[-1].request_location


def test_another_department_at_the_summary_then_filed_there(chat, sure, db):
    chat.send("the school in Lahore has no teacher")
    assert "School Education Department" in chat.text
    chat.send("2")
    assert chat.question.startswith("choose_department#")
    chat.send(str(chat.choice_values().index("local_government") + 1))
    assert "Local Government" in chat.text and chat.question.startswith("summary#")
    chat.send("yes")
    [case] = complaints(db)
    assert (case.department_code, case.routed_by, case.nlu_confidence) == ("local_government", "citizen", None)


def test_high_confidence_without_a_place_asks_only_where(chat, sure, db):
    chat.send("no electricity in our street for two days")
    assert "Where is the problem?" in chat.text and "Is that right?" not in chat.text
    chat.send("Model Town Karachi")
    assert "Place: Model Town Karachi" in chat.text
    chat.send("1")
    assert complaints(db)[0].district == "Karachi"


def test_between_the_thresholds_the_department_is_confirmed(chat, nlu):
    nlu.confidence = 0.7
    chat.send("no electricity in Lahore")
    assert "Is that right?" in chat.text and chat.choice_values() == ["yes", "no"]


@pytest.mark.parametrize("first, question", [
    ("mera masla hal nahi ho raha kuch karo", "Masla kis bare mein hai: pani, bijli, school, hospital, police"),
    ("ہمارا مسئلہ کوئی نہیں سنتا", "مسئلہ کس بارے میں ہے"),
    ("nobody listens to our problem", "What is the problem about: water, electricity"),
])
def test_a_message_naming_no_service_is_asked_what_it_is_about_in_its_language(chat, db, first, question):
    chat.send(first)  # the fake NLU: out_of_scope
    assert question in chat.text and not chat.choice_values()
    chat.send("bijli" if "Masla" in question else "بجلی" if "مسئلہ" in question else "electricity")
    assert chat.question.startswith("confirm_department#")
    chat.send("1")
    chat.send("Lahore")
    chat.send("1")
    [case] = complaints(db)
    assert case.department_code == "electricity" and first in case.description


def test_the_problem_question_accepts_a_department_name(chat, db, nlu):
    chat.send("nobody listens to our problem")
    nlu.confidence = 0.3
    chat.send("Police Department")
    assert "Where is the problem?" in chat.text


def test_no_district_is_asked_once_and_an_unknown_one_goes_through(chat, sure, db):
    chat.send("no electricity in our street")
    chat.send("near the big mosque, Gulshan")
    assert "Which city or district is that in?" in chat.text
    chat.send("Chak 42")
    assert "Shall I file it?" in chat.text and "near the big mosque, Gulshan, Chak 42" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert case.district is None and case.location_text == "near the big mosque, Gulshan, Chak 42"


def test_the_district_answer_is_read_by_the_nlu(chat, sure, db):
    chat.send("no electricity in our street")
    chat.send("Gulberg")
    chat.send("Lahore")
    chat.send("1")
    assert (complaints(db)[0].district, complaints(db)[0].location_text) == ("Lahore", "Gulberg, Lahore")


@pytest.mark.parametrize("step_message", ["cancel", "nahi"])
def test_cancel_at_the_summary(chat, sure, db, step_message):
    chat.send("bijli nahi hai Lahore mein")
    chat.send(step_message)
    assert "darj nahi hua" in chat.text and complaints(db) == []


def test_language_switch_and_stale_button_at_the_summary(chat, sure, db):
    chat.send("bijli nahi hai Lahore mein")
    old = chat.question
    chat.send("اردو")
    assert "کیا میں شکایت درج کر دوں؟" in chat.text
    chat.send("", choice="yes", question="summary#0")
    assert "یہ جواب ایک ایسے سوال کا ہے" in chat.text and chat.question != old
    chat.send("", choice="yes", question=chat.question)
    assert len(complaints(db)) == 1


def test_gibberish_and_nlu_down_are_no_dead_end(chat, nlu, db):
    chat.send("asdf qwer zxcv")
    assert chat.question.startswith("ask_problem#")
    chat.send("hjkl uiop")
    assert chat.question.startswith("choose_department#") and len(chat.choice_values()) == 6
    chat.send("cancel")
    nlu.down = True
    chat.send("no water in Lahore")
    assert chat.question.startswith("choose_department#")


def test_web_choices_are_buttons_not_numbers(service, db, nlu):
    nlu.down = True
    web, whatsapp = Chat(service, sender="web-2", channel="web"), Chat(service)
    web.send("no water in Lahore")
    whatsapp.send("no water in Lahore")
    assert "number" not in web.text.lower() and "number" in whatsapp.text.lower()
    web.send("7")
    assert "buttons" in web.text and "number" not in web.text.lower()


def test_a_pin_at_the_summary_is_added(chat, sure, db):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("", location=Location(31.52, 74.35))
    assert chat.question.startswith("summary#")
    chat.send("1")
    assert (complaints(db)[0].latitude, complaints(db)[0].district) == (31.52, "Lahore")


def test_without_nlu_the_menu_still_files(db):
    chat = Chat(DialogueService(db, None))
    chat.send("no water in Lahore")
    assert chat.question.startswith("choose_department#")
