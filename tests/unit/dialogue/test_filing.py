"""Filing a complaint through the dialogue: the short path, the department menu, place, photo."""
from core.dialogue.service import DialogueService
from core.dialogue.types import Location
from tests.unit.dialogue.conftest import Chat
from tests.unit.dialogue.helpers import complaints, tracking_id


def test_problem_and_place_in_first_message_files_in_three_messages(chat, db):
    chat.send("Gulberg Lahore mein 3 din se bijli nahi")
    assert "Electricity Distribution Company" in chat.text and "Kya yeh sahi hai?" in chat.text
    assert chat.choice_values() == ["yes", "no"]
    chat.send("1")
    assert "Gulberg Lahore mein 3 din se bijli nahi" in chat.text and "Lahore" in chat.text
    chat.send("haan")
    tid = tracking_id(chat.text)
    assert f"status {tid}" in chat.text
    [case] = complaints(db)
    assert (case.tracking_id, case.department_code, case.routed_by, case.district, case.language) == (
        tid, "electricity", "nlu", "Lahore", "roman_ur")
    assert case.channel == "whatsapp" and case.citizen.phone == "+923001234567"


def test_unsure_nlu_gets_the_department_menu_and_still_files(chat, db, nlu):
    nlu.confidence = 0.3
    chat.send("my street has a big problem since Monday")
    assert chat.text == "What is the problem about: water, electricity, school, hospital, police, or street/garbage?"
    chat.send("it is hard to say")  # still no service named: the menu, not the question again
    assert "could not tell which department" in chat.text
    values = chat.choice_values()
    assert len(values) == 6 and "police" in values
    chat.send(str(values.index("local_government") + 1))
    assert "Where is the problem?" in chat.text and chat.replies[-1].request_location
    chat.send("Model Town, Karachi")
    assert "Model Town, Karachi" in chat.text
    chat.send("yes")
    [case] = complaints(db)
    assert case.department_code == "local_government" and case.routed_by == "citizen"
    assert case.location_text == "Model Town, Karachi" and case.district == "Karachi"


def test_without_nlu_urdu_script_gets_urdu_and_the_menu(db):
    chat = Chat(DialogueService(db, None))
    chat.send("ہمارے محلے میں تین دن سے پانی نہیں آ رہا")
    assert "محکمے" in chat.text and chat.replies[-1].language == "ur"
    assert len(chat.choice_values()) == 6


def test_wrong_department_is_corrected_from_the_menu(chat, db):
    chat.send("the school teacher has not come for a month in Lahore")
    assert "School Education Department" in chat.text
    chat.send("2")
    values = chat.choice_values()
    chat.send(str(values.index("health") + 1))
    chat.send("1")
    [case] = complaints(db)
    assert case.department_code == "health" and case.routed_by == "citizen"


def test_department_can_be_named_in_words_at_the_menu(chat, db, nlu):
    nlu.down = True
    chat.send("there is a problem in my area")
    chat.send("Police Department")
    assert "Where is the problem?" in chat.text


def test_location_pin_and_photo_are_kept(chat, db):
    chat.send("no water in our street for two days")
    chat.send("1")
    chat.send("", location=Location(31.52, 74.35, "Gulberg III, Lahore"))
    assert "Gulberg III, Lahore" in chat.text
    chat.send("", media=("https://api.twilio.com/media/ME1",))
    assert "Photos: 1" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert (case.latitude, case.longitude) == (31.52, 74.35)
    assert case.attachments == ["https://api.twilio.com/media/ME1"]


def test_more_detail_at_the_summary_is_added_to_the_description(chat, db):
    chat.send("power cut in Lahore")
    chat.send("1")
    chat.send("the transformer near the mosque sparked")
    assert "sparked" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert case.description == "power cut in Lahore\nthe transformer near the mosque sparked"


def test_no_at_the_summary_files_nothing(chat, db):
    chat.send("power cut in Lahore")
    chat.send("1")
    chat.send("no")
    assert "nothing was filed" in chat.text
    assert complaints(db) == []


def test_menu_path_from_the_main_menu(chat, db):
    chat.send("hi")
    assert chat.choice_values() == ["complaint", "status", "suggestion"]
    chat.send("1")
    assert "describe the problem" in chat.text
    chat.send("garbage not collected in Karachi")
    chat.send("1")
    chat.send("1")
    assert complaints(db)[0].department_code == "local_government"


def _file_and_write_again(chat: Chat) -> str:
    """File an electricity complaint, then start another one in the same department; its tracking ID."""
    for text in ("bijli nahi hai Lahore mein", "1", "1"):
        chat.send(text)
    first = tracking_id(chat.text)
    chat.send("abhi tak bijli nahi aayi Lahore")
    chat.send("1")
    return first


def test_duplicate_guard_offers_to_add_to_the_open_case(chat, db):
    first = _file_and_write_again(chat)
    assert first in chat.text and chat.choice_values() == ["yes", "no"]
    chat.send("1")
    assert first in chat.text
    assert len(complaints(db)) == 1
    from tests.unit.dialogue.helpers import citizen_messages
    assert citizen_messages(db, first) == ["abhi tak bijli nahi aayi Lahore"]


def test_a_photo_sent_at_the_duplicate_question_joins_the_open_case(chat, db):
    first = _file_and_write_again(chat)
    chat.send("", media=("https://api.twilio.com/media/ME7",))  # the photo instead of an answer
    assert chat.question.startswith("duplicate#") and first in chat.text and "numbers mein se" not in chat.text
    chat.send("1")  # add it to the open case
    [case] = complaints(db)
    assert case.attachments == ["https://api.twilio.com/media/ME7"]


def test_duplicate_guard_can_still_file_a_new_case(chat, db):
    for text in ("bijli nahi hai Lahore mein", "1", "1", "transformer jal gaya hai Lahore mein", "1", "2"):
        chat.send(text)
    assert "Mehkama" in chat.text  # the summary, in Roman Urdu
    chat.send("1")
    assert len(complaints(db)) == 2


def test_filed_reply_in_urdu_script(chat, db):
    chat.send("لاہور میں بجلی نہیں ہے")
    assert "بجلی کی تقسیم کار کمپنی" in chat.text
    chat.send("جی")
    chat.send("ہاں")
    assert "ٹریکنگ نمبر" in chat.text
    assert complaints(db)[0].language == "ur"


def test_a_photo_alone_is_kept_and_the_problem_asked_for(chat, db):
    chat.send("", media=("https://example.test/photo1.jpg",))
    assert "describe the problem" in chat.text
    chat.send("garbage dumped in our street in Karachi")
    chat.send("1")
    chat.send("1")
    [case] = complaints(db)
    assert case.attachments == ["https://example.test/photo1.jpg"]
    assert case.description == "garbage dumped in our street in Karachi"


def test_a_photo_and_a_pin_sent_at_the_department_questions_are_kept(chat, db, nlu):
    chat.send("no water in our street for two days")  # the fake: water at 0.7, confirmed
    chat.send("", media=("https://api.twilio.com/media/ME2",))
    assert chat.question.startswith("confirm_department#") and "one of the numbers" not in chat.text
    chat.send("2")  # another department: the menu
    chat.send("", location=Location(31.52, 74.35, "Gulberg III, Lahore"))
    assert chat.question.startswith("choose_department#")
    chat.send("Water and Sanitation Agency")
    assert "Gulberg III, Lahore" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert case.attachments == ["https://api.twilio.com/media/ME2"]
    assert (case.latitude, case.longitude) == (31.52, 74.35)
