"""Citizens are told about the other reports of their problem: on filing and in the status answer."""
from tests.unit.dialogue.conftest import Chat
from tests.unit.dialogue.helpers import tracking_id


def _file(chat: Chat, text: str) -> str:
    chat.send(text)
    chat.send("1")  # the department is right
    chat.send("1")  # file it
    return tracking_id(chat.text)


def test_the_second_reporter_hears_of_the_first_in_their_own_language(service, resolve):
    first = Chat(service, "+923001110001", "whatsapp")
    tid = _file(first, "Model Town Lahore mein bijli nahi hai")
    assert "reported this problem" not in first.text and "masla darj" not in first.text

    second = Chat(service, "5501", "telegram")
    other = _file(second, "ماڈل ٹاؤن لاہور میں بجلی نہیں ہے")
    assert "ایک اور شخص یہ مسئلہ درج کرا چکا ہے" in second.text and other != tid

    third = Chat(service, "web-3", "web")
    _file(third, "No electricity in Model Town, Lahore")
    assert "2 other people have reported this problem; your complaint has been added to it." in third.text

    resolve(tid, "Transformer replaced")
    first.send(f"status {tid}")
    assert "Ye masla 3 logon ne darj karaya" in first.text and "1 Mehkame ne hal shuda qarar di" in first.text


def test_a_different_problem_at_the_same_place_is_not_joined(service):
    _file(Chat(service, "+923001110001"), "Model Town Lahore mein bijli nahi hai")
    other = Chat(service, "+923001110002")
    _file(other, "Model Town Lahore mein bijli ka bill bohat zyada aya hai")
    assert "masla darj" not in other.text and "reported this problem" not in other.text
