"""The web chat closes the loop: its recent turns survive a page reload, and a web citizen whose case
was marked resolved is asked whether it is really solved when they open the chat or write."""

from tests.unit.dialogue.conftest import Chat
from tests.unit.dialogue.helpers import complaints, feedback, tracking_id


def file_on_web(service, nlu, sender="web-visitor1") -> tuple[Chat, str]:
    nlu.confidence = 0.95
    chat = Chat(service, sender=sender, channel="web")
    chat.send("bijli nahi hai Lahore mein")
    chat.send("", choice="yes", question=chat.question)
    return chat, tracking_id(chat.text)


def test_recent_turns_are_kept_for_the_web_with_the_pressed_button_label(service, nlu):
    chat, tid = file_on_web(service, nlu)
    turns, pending = service.open_chat("web", chat.sender)
    assert [t["who"] for t in turns] == ["citizen", "bot", "citizen", "bot"]
    assert turns[0]["text"] == "bijli nahi hai Lahore mein"
    assert turns[2]["text"] == "Haan, darj karein"  # the label of the button pressed, as the page showed it
    assert tid in turns[3]["text"] and pending == []


def test_other_channels_keep_no_transcript(service, chat):
    chat.send("bijli nahi hai Lahore mein")
    assert service.open_chat("whatsapp", chat.sender) == ([], [])


def test_a_visitor_who_never_wrote_has_nothing(service):
    assert service.open_chat("web", "web-never") == ([], [])


def test_opening_the_chat_after_resolution_asks_and_yes_closes_with_a_rating(service, nlu, db, resolve):
    chat, tid = file_on_web(service, nlu)
    resolve(tid, "Transformer replaced")
    _, [question] = service.open_chat("web", chat.sender)
    assert tid in question.text and "Note: Transformer replaced" in question.text
    assert question.question == f"resolution:{tid}" and [c.value for c in question.choices] == ["yes", "no"]
    assert "YES or NO" not in question.text and "HAAN" not in question.text  # buttons on the web
    chat.send("", choice="yes", question=question.question)
    assert "1 (kharab) se 5" in chat.text
    chat.send("", choice="4", question=chat.question)
    assert feedback(db) == [(True, 4)]
    assert service.open_chat("web", chat.sender)[1] == []


def test_writing_after_resolution_is_answered_then_asked_once_and_no_reopens(service, nlu, db, resolve):
    chat, tid = file_on_web(service, nlu)
    resolve(tid)
    chat.send("good morning")
    assert chat.replies[-1].question == f"resolution:{tid}"
    chat.send("hi")
    assert all(r.question != f"resolution:{tid}" for r in chat.replies)  # asked once per chat, not every time
    chat.send("", choice="no", question=f"resolution:{tid}")
    assert "reopened" in chat.text or "dobara khol" in chat.text
    [case] = complaints(db)
    assert case.status == "reopened" and case.escalation_level >= 1


def test_whatsapp_citizens_are_not_asked_in_the_chat(service, chat, db, resolve, nlu):
    nlu.confidence = 0.95
    chat.send("bijli nahi hai Lahore mein")
    chat.send("1")
    resolve(tracking_id(chat.text))
    chat.send("good morning")  # WhatsApp got the question from the outbox already
    assert all(not r.question.startswith("resolution:") for r in chat.replies)
