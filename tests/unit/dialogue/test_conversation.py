"""Status, suggestions, the resolution verdict, emergencies, commands, languages, stale answers."""
from datetime import timedelta

from sqlalchemy import update

from core.complaints.models import Complaint, Suggestion
from core.db import utcnow
from core.dialogue.models import Conversation
from core.dialogue.service import DialogueService
from tests.unit.dialogue.conftest import Chat
from tests.unit.dialogue.helpers import complaints, count, feedback, suggestions, tracking_id


def file_one(chat, text="bijli nahi hai Lahore mein") -> str:
    chat.send(text)
    chat.send("1")
    chat.send("1")
    return tracking_id(chat.text)


def test_status_by_id_alone_and_with_the_word(chat):
    tid = file_one(chat)
    chat.send(tid.lower().replace("-", ""))
    assert tid in chat.text and "Mehkame ko bhej di gayi" in chat.text
    chat.send(f"status {tid}")
    assert "Electricity Distribution Company" in chat.text


def test_status_typo_and_unknown_id(chat):
    tid = file_one(chat)
    typo = tid[:-1] + ("0" if tid[-1] != "0" else "1")
    chat.send(f"status {typo}")
    assert "ghalati" in chat.text
    chat.send("halat 00000-00000")
    assert "nahi mili" in chat.text


def test_what_happened_to_my_complaint_lists_own_cases(chat):
    tid = file_one(chat)
    chat.send("meri shikayat ka kya bana")
    assert tid in chat.text


def test_status_request_without_cases_asks_for_the_id(chat, service):
    other = Chat(service, sender="+923330000000")
    tid = file_one(other)
    chat.send("what happened to my complaint please")
    assert "tracking ID" in chat.text
    chat.send(tid)
    assert "Forwarded to the department" in chat.text


def test_suggestion_is_recorded_with_a_reference(chat, db):
    chat.send("suggestion")
    chat.send("Please plant trees along Canal Road")
    [row] = suggestions(db)
    assert row.reference in chat.text and row.text == "Please plant trees along Canal Road"


def test_a_long_suggestion_is_saved_at_once(chat, db):
    chat.send("I suggest that the city plants more trees along the canal road")
    assert suggestions(db)[0].reference in chat.text


def test_resolved_yes_closes_and_asks_for_a_rating(chat, db, resolve):
    tid = file_one(chat)
    resolve(tid)
    chat.send("haan")
    assert tid in chat.text and chat.choice_values() == ["1", "2", "3", "4", "5"]
    chat.send("4")
    assert "4/5" in chat.text
    assert complaints(db)[0].status == "closed" and feedback(db) == [(True, 4)]


def test_resolved_no_reopens_and_escalates(chat, db, resolve):
    tid = file_one(chat)
    resolve(tid)
    chat.send("2")
    assert tid in chat.text and "senior" in chat.text
    case = complaints(db)[0]
    assert case.status == "reopened" and case.escalation_level == 1


def test_resolution_button_names_its_case_and_a_stale_one_is_recognised(chat, db, resolve):
    tid = file_one(chat)
    resolve(tid)
    chat.send(choice="yes", question=f"resolution:{tid}")
    assert complaints(db)[0].status == "closed"
    chat.send(choice="no", question=f"resolution:{tid}")
    assert "no longer waiting" in chat.text.lower() or "muntazir nahi" in chat.text
    assert complaints(db)[0].status == "closed"


def test_rating_is_optional(chat, db, resolve):
    tid = file_one(chat)
    resolve(tid)
    chat.send("yes")
    chat.send("suggestion")
    assert "tajweez" in chat.text.lower() or "suggestion" in chat.text.lower()
    assert feedback(db) == [(True, None)]


def test_emergency_numbers_come_first_then_the_dialogue_continues(chat):
    chat.send("ghar mein aag lag gayi hai Lahore")
    assert "1122" in chat.replies[0].text and "15" in chat.replies[0].text
    assert len(chat.replies) == 2 and chat.replies[1].question.startswith("ask_problem#")


def test_emergency_in_urdu(chat):
    chat.send("سڑک پر حادثہ ہو گیا ہے")
    assert "1122" in chat.replies[0].text and chat.replies[0].language == "ur"


def test_cancel_mid_flow_files_nothing(chat, db):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("cancel")
    chat.send("1")
    assert "stale" not in chat.text and complaints(db) == []


def test_language_switch_reasks_the_open_question(chat):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("English")
    assert chat.replies[0].text == "OK, I will reply in English."
    assert "Is that right?" in chat.text and chat.replies[-1].language == "en"
    chat.send("اردو")
    assert "اردو" in chat.replies[0].text and "درست" in chat.text
    chat.send("Roman Urdu")
    assert "Roman Urdu" in chat.replies[0].text


def test_chosen_language_sticks(chat):
    chat.send("English")
    chat.send("bijli nahi hai Lahore mein")
    assert "Is that right?" in chat.text


def test_help_keeps_the_open_question(chat):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("help")
    assert "Awaaz" in chat.replies[0].text and chat.replies[-1].choices


def test_stale_button_is_recognised_and_the_open_question_asked_again(chat, db):
    chat.send("bijli nahi hai Lahore mein")
    old_question = chat.question
    chat.send("2")  # another department: a new question is open now
    chat.send(choice="yes", question=old_question)
    assert "ab khula nahi" in chat.text and len(chat.choice_values()) == 6
    assert complaints(db) == []


def test_stale_number_with_nothing_open(chat):
    chat.send("3")
    assert "ab khula nahi" in chat.text or "no longer open" in chat.text
    assert chat.choice_values() == ["complaint", "status", "suggestion"]


def test_number_out_of_range(chat):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("7")
    assert "numbers" in chat.text and chat.choice_values() == ["yes", "no"]


def test_repeated_message_id_gets_the_same_answer_and_files_once(chat, db):
    chat.send("bijli nahi hai Lahore mein", message_id="SM1")
    chat.send("1", message_id="SM2")
    first = chat.send("1", message_id="SM3")
    again = chat.send("1", message_id="SM3")
    assert again == first and len(complaints(db)) == 1


def test_idle_conversation_starts_fresh(chat, db):
    chat.send("bijli nahi hai Lahore mein")
    with db.transaction() as session:
        session.execute(update(Conversation).values(updated_at=utcnow() - timedelta(minutes=31)))
    chat.send("1")
    assert "ab khula nahi" in chat.text and complaints(db) == []


def test_nlu_down_still_files_through_the_menu(chat, db, nlu):
    nlu.down = True
    chat.send("bijli nahi hai hamare mohalle mein")
    assert len(chat.choice_values()) == 6
    chat.send(str(chat.choice_values().index("electricity") + 1))
    assert "Masla kahan hai?" in chat.text
    chat.send("Gulberg")
    assert "Yeh kis shehar ya zila mein hai?" in chat.text
    chat.send("Lahore")
    assert "Kya main shikayat darj kar doon?" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert case.department_code == "electricity" and case.location_text == "Gulberg, Lahore"


def test_nlu_that_raises_is_survived(db):
    class Broken:
        def parse(self, text):
            raise RuntimeError("boom")
    chat = Chat(DialogueService(db, Broken()))
    chat.send("water problem in our street")
    assert len(chat.choice_values()) == 6


def test_empty_emoji_rtl_and_very_long_messages(chat, db):
    chat.send("")
    assert "did not receive any text" in chat.text
    chat.send("🙏🙏🔥")
    assert chat.choice_values() == ["complaint", "status", "suggestion"]
    chat.send("\u202bلاہور میں بجلی نہیں ہے\u202c\u200f")
    assert "بجلی کی تقسیم کار کمپنی" in chat.text
    chat.send("cancel")
    chat.send("bijli nahi hai Lahore mein " + "x" * 5000)
    assert "4000" in chat.replies[0].text
    chat.send("1")
    chat.send("1")
    assert len(complaints(db)[0].description) <= 4000


def test_conversations_are_per_channel_and_sender(service, db):
    whatsapp, telegram = Chat(service, "+923001112222"), Chat(service, "+923001112222", channel="telegram")
    whatsapp.send("bijli nahi hai Lahore mein")
    telegram.send("1")
    assert "khula nahi" in telegram.text or "no longer open" in telegram.text
    assert count(db, Complaint) == 0 and count(db, Suggestion) == 0


def test_failure_inside_a_turn_answers_politely_and_keeps_the_state(chat, db, monkeypatch):
    import core.dialogue.summary as intake
    chat.send("bijli nahi hai Lahore mein")
    chat.send("1")
    monkeypatch.setattr(intake, "file_complaint", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("db")))
    chat.send("1", message_id="RETRY")
    assert "something went wrong" in chat.text or "kharabi" in chat.text
    monkeypatch.undo()
    chat.send("1", message_id="RETRY")  # Twilio's retry of the same message now succeeds
    assert len(complaints(db)) == 1


def test_resolved_yes_by_number_then_rating_by_number(chat, db, resolve):
    tid = file_one(chat)
    resolve(tid)
    chat.send("1")
    assert chat.choice_values() == ["1", "2", "3", "4", "5"] and "khula nahi" not in chat.text
    chat.send("3")
    assert feedback(db) == [(True, 3)]


def test_status_answer_includes_the_departments_latest_public_note(chat, db, resolve):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("1")
    chat.send("1")
    tid = tracking_id(chat.text)
    chat.send(f"status {tid}")
    assert "Note:" not in chat.text  # nothing from the department yet (the system's "Forwarded" is not theirs)
    resolve(tid, "Transformer replaced on Main Boulevard")
    chat.send(f"status {tid}")
    assert "Note: Transformer replaced on Main Boulevard" in chat.text
