"""Full conversations on Telegram through the real dialogue (department-menu path, NLU off): the real
PTB stack and FastAPI app, webhook updates shaped like Telegram's, the fake Bot API on loopback."""
from __future__ import annotations

import re

import pytest

from core.complaints.tracking import ID_PATTERN
from core.notifications.worker import Worker
from tests.channels.telegram_chat import TelegramChat
from tests.channels.telegram_updates import text_update
from tests.fixtures.fake_telegram import post_update


@pytest.fixture
def chat(telegram_client, fake_telegram):
    return TelegramChat(telegram_client, fake_telegram, user_id=31337)


def _tracking_id(text: str) -> str:
    return re.search(ID_PATTERN, text).group(0)


def _complaint(client, make_officer, tracking_id: str) -> dict:
    response = client.get(f"/api/v1/complaints/{tracking_id}", headers=make_officer(admin=True))
    assert response.status_code == 200, response.text
    return response.json()


def _draft_in_english(chat, description: str, department: str, place: str) -> None:
    """From /start to the summary question, by the department menu."""
    chat.say("/start")
    chat.press("File a complaint")
    chat.say(description)
    chat.press(department)
    chat.say(place)


def test_english_complaint_with_buttons_location_and_photo(chat, telegram_client, make_officer):
    [welcome] = chat.say("/start")
    assert welcome["text"].startswith("Assalam-o-Alaikum! This is Awaaz")
    assert list(chat.buttons(welcome)) == ["File a complaint", "Check a complaint's status", "Give a suggestion"]

    [ask] = chat.press("File a complaint")
    assert ask["text"].startswith("Please describe the problem")
    [menu] = chat.say("No electricity for three days, the transformer is broken")
    assert "Electricity Distribution Company" in chat.buttons(menu)

    [where] = chat.press("Electricity Distribution Company")
    [[location_button]] = where["reply_markup"]["keyboard"]
    assert location_button == {"text": "📍 Share my location", "request_location": True}

    [summary] = chat.share_location(31.5204, 74.3587)
    assert "Department: Electricity Distribution Company" in summary["text"]
    [summary] = chat.send_photo("AgACAgQAAxkBAAIB-transformer")
    assert "Photos: 1" in summary["text"]

    [filed] = chat.press("Yes, file it")
    assert "Your complaint has been filed with Electricity Distribution Company" in filed["text"]
    tracking_id = _tracking_id(filed["text"])
    case = _complaint(telegram_client, make_officer, tracking_id)
    assert (case["department"], case["channel"]) == ("electricity", "telegram")
    assert (case["latitude"], case["longitude"]) == (31.5204, 74.3587)
    assert "AgACAgQAAxkBAAIB-transformer" in str(case["attachments"])

    [status] = chat.say(f"/status {tracking_id}")
    assert status["text"].startswith(f"Complaint {tracking_id}: Forwarded to the department")


def test_urdu_complaint_from_first_message_to_tracking_id(chat, telegram_client, make_officer):
    [menu] = chat.say("بجلی تین دن سے نہیں ہے، ٹرانسفارمر خراب ہے")
    assert "محکمہ" in menu["text"] or "محکمے" in menu["text"]
    [where] = chat.press("بجلی کی تقسیم کار کمپنی")
    assert where["reply_markup"]["keyboard"][0][0]["text"] == "📍 میری جگہ بھیجیں"
    [summary] = chat.say("گلبرگ، لاہور")
    assert "جگہ: گلبرگ، لاہور" in summary["text"]

    [filed] = chat.press("جی ہاں، درج کریں")
    tracking_id = _tracking_id(filed["text"])
    assert f"ٹریکنگ نمبر: {tracking_id}" in filed["text"]
    case = _complaint(telegram_client, make_officer, tracking_id)
    assert (case["department"], case["language"]) == ("electricity", "ur")


def test_roman_urdu_chosen_with_the_language_picker(chat, telegram_client, make_officer):
    [picker] = chat.say("/language")
    assert list(chat.buttons(picker)) == ["English", "اردو (Urdu)", "Roman Urdu"]
    confirmed, menu = chat.press("Roman Urdu")
    assert confirmed["text"] == "Theek hai, ab main Roman Urdu mein jawab doon ga."

    [ask] = chat.press("Shikayat darj karein", menu)
    assert ask["text"].startswith("Meharbani kar ke ek message mein masla batayein")
    chat.say("Hamare mohalle mein teen din se paani nahi aa raha")
    [where] = chat.press("Water and Sanitation Agency")
    assert where["reply_markup"]["keyboard"][0][0]["text"] == "📍 Meri location bhejein"
    [summary] = chat.say("G-9 Markaz, Islamabad")
    assert "Jagah: G-9 Markaz, Islamabad" in summary["text"]
    [filed] = chat.press("Haan, darj karein")
    tracking_id = _tracking_id(filed["text"])
    assert f"Tracking number: {tracking_id}" in filed["text"]
    assert _complaint(telegram_client, make_officer, tracking_id)["language"] == "roman_ur"


def test_a_press_on_an_old_keyboard_is_recognised_as_stale(chat):
    [welcome] = chat.say("/start")
    chat.press("File a complaint", welcome)
    [menu] = chat.say("No water in our street since Monday")

    stale, again = chat.press("Give a suggestion", welcome)  # the first keyboard, long answered
    assert stale["text"] == "That answer belongs to a question that is no longer open."
    assert list(chat.buttons(again)) == list(chat.buttons(menu))  # the open question is asked again


def test_commands_cancel_and_help(chat):
    chat.say("Garbage has not been collected for a week in Model Town")
    [cancelled] = chat.say("/cancel")
    assert cancelled["text"].startswith("Cancelled; nothing was filed.")
    [help_text] = chat.say("/help")
    assert help_text["text"].startswith("How to use Awaaz:")


def test_repeated_update_files_once_and_answers_once(chat, telegram_client, fake_telegram, make_officer):
    _draft_in_english(chat, "Street lights broken on Mall Road for two weeks",
                      "Local Government and Municipal Services", "Mall Road, Lahore")
    yes = text_update(chat.user_id, "yes")
    assert post_update(telegram_client, yes).status_code == 200
    sent = len(fake_telegram.calls_to("sendMessage"))
    assert post_update(telegram_client, yes).status_code == 200  # Telegram delivers it again

    assert len(fake_telegram.calls_to("sendMessage")) == sent
    listing = telegram_client.get("/api/v1/complaints", headers=make_officer(admin=True)).json()
    assert listing["total"] == 1


def test_resolution_question_answered_with_its_button(chat, telegram_client, telegram_app, db, make_officer,
                                                      fake_telegram):
    _draft_in_english(chat, "The school has no teacher for class 5 since August", "School Education Department",
                      "Chak 45, Sargodha")
    tracking_id = _tracking_id(chat.press("Yes, file it")[0]["text"])
    response = telegram_client.post(f"/api/v1/complaints/{tracking_id}/transitions",
                                    headers=make_officer("education"), json={"to": "resolved", "note": "Teacher posted"})
    assert response.status_code == 200, response.text

    Worker(db, telegram_app.state.container.senders).deliver_once()
    question = fake_telegram.calls_to("sendMessage")[-1]
    assert question["text"].startswith(f"The department says your complaint {tracking_id} is resolved.")
    [closed] = chat.press("Yes, satisfied", question)
    assert closed["text"].startswith(f"Thank you for confirming. Complaint {tracking_id} is now closed.")
    assert _complaint(telegram_client, make_officer, tracking_id)["status"] == "closed"


def test_bot_api_outage_answers_500_and_the_redelivery_sends_the_same_reply(chat, telegram_client, fake_telegram):
    fake_telegram.outages["sendMessage"] = 1
    update = text_update(chat.user_id, "/start")
    assert post_update(telegram_client, update).status_code == 500  # Telegram will deliver it again
    assert post_update(telegram_client, update).status_code == 200

    failed, delivered = fake_telegram.calls_to("sendMessage")
    assert failed == delivered and delivered["text"].startswith("Assalam-o-Alaikum!")
    [ask] = chat.press("File a complaint", delivered)  # the replayed keyboard answers the open question
    assert ask["text"].startswith("Please describe the problem")
