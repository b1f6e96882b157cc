"""The Telegram transport against the dialogue contract: the real PTB stack and FastAPI app, the fake
Bot API on loopback, and a scripted stand-in for DialogueService (what it receives, what it answers)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bots.telegram.keyboards import decode
from core.dialogue.types import Choice, Inbound, Reply
from tests.channels.telegram_updates import (
    button_update,
    group_update,
    location_update,
    photo_update,
    sticker_update,
    text_update,
)
from tests.fixtures.fake_telegram import post_update

USER = 4242
DEPARTMENTS = (Choice("electricity", "Electricity"), Choice("water_supply", "Water supply"))


@dataclass
class ScriptedDialogue:
    """Answers every message with a department question; records the Inbounds it was given."""

    received: list[Inbound] = field(default_factory=list)
    reply: Reply = Reply("Which department?", choices=DEPARTMENTS, question="q-department-7")

    def handle(self, inbound: Inbound) -> list[Reply]:
        self.received.append(inbound)
        return [self.reply]


@pytest.fixture
def dialogue(telegram_app):
    scripted = ScriptedDialogue()
    telegram_app.state.container.extras["dialogue"] = scripted
    return scripted


def test_text_message_reaches_dialogue_and_choices_come_back_as_inline_keyboard(telegram_client, dialogue,
                                                                                 fake_telegram):
    update = text_update(USER, "Bijli nahi hai Gulberg Lahore")
    assert post_update(telegram_client, update).status_code == 200

    inbound = dialogue.received[0]
    assert (inbound.channel, inbound.sender, inbound.text) == ("telegram", str(USER), "Bijli nahi hai Gulberg Lahore")
    assert inbound.message_id == str(update["update_id"])
    assert inbound.display_name == "Ayesha Khan"
    [sent] = fake_telegram.calls_to("sendMessage")
    assert sent["chat_id"] == USER and sent["text"] == "Which department?"
    buttons = [row[0] for row in sent["reply_markup"]["inline_keyboard"]]
    assert [b["text"] for b in buttons] == ["Electricity", "Water supply"]
    assert [decode(b["callback_data"]).question for b in buttons] == ["q-department-7"] * 2
    assert [decode(b["callback_data"]).value for b in buttons] == ["electricity", "water_supply"]


def test_button_press_answers_its_question_and_removes_the_keyboard(telegram_client, dialogue, fake_telegram):
    post_update(telegram_client, button_update(USER, "c|q-department-3|water_supply", message_id=91))

    inbound = dialogue.received[0]
    assert (inbound.choice, inbound.question, inbound.text) == ("water_supply", "q-department-3", "")
    assert len(fake_telegram.calls_to("answerCallbackQuery")) == 1
    [edit] = fake_telegram.calls_to("editMessageReplyMarkup")
    assert edit["message_id"] == 91 and "inline_keyboard" not in edit.get("reply_markup", {})


def test_unknown_button_data_is_acknowledged_but_not_passed_on(telegram_client, dialogue, fake_telegram):
    assert post_update(telegram_client, button_update(USER, "garbage")).status_code == 200
    assert dialogue.received == []
    assert len(fake_telegram.calls_to("answerCallbackQuery")) == 1


def test_location_and_photo_become_inbound_location_and_media(telegram_client, dialogue):
    post_update(telegram_client, location_update(USER, 31.5204, 74.3587))
    post_update(telegram_client, photo_update(USER, "AgACAgQAAxk-photo-large", caption="Yeh dekhein"))

    located, photographed = dialogue.received
    assert (located.location.latitude, located.location.longitude) == (31.5204, 74.3587)
    assert photographed.media == ("AgACAgQAAxk-photo-large",)  # the largest size's file_id
    assert photographed.text == "Yeh dekhein"


def test_reply_asking_for_location_gets_a_share_location_button(telegram_client, dialogue, fake_telegram):
    dialogue.reply = Reply("جگہ بتائیں", language="ur", request_location=True)
    post_update(telegram_client, text_update(USER, "بجلی نہیں ہے"))

    [sent] = fake_telegram.calls_to("sendMessage")
    [[button]] = sent["reply_markup"]["keyboard"]
    assert button == {"text": "📍 میری جگہ بھیجیں", "request_location": True}
    assert sent["reply_markup"]["one_time_keyboard"] is True


@pytest.mark.parametrize("command, word", [("/start", "menu"), ("/help", "help"), ("/cancel", "cancel"),
                                           ("/status", "status"), ("/status AB12C-3DE4F", "status AB12C-3DE4F"),
                                           ("/language", "language"), ("/start@awaaz_test_bot", "menu")])
def test_commands_are_mapped_to_dialogue_words(telegram_client, dialogue, command, word):
    post_update(telegram_client, text_update(USER, command))
    assert [i.text for i in dialogue.received] == [word]


def test_sticker_and_unknown_command_get_a_help_hint_without_the_dialogue(telegram_client, dialogue, fake_telegram):
    post_update(telegram_client, sticker_update(USER))
    post_update(telegram_client, text_update(USER, "/frobnicate"))

    assert dialogue.received == []
    assert fake_telegram.sent_texts(USER) == ["I can read text, photos and locations. Send help to see what I can do."] * 2


def test_group_chats_are_ignored(telegram_client, dialogue, fake_telegram):
    assert post_update(telegram_client, group_update(USER, "hello")).status_code == 200
    assert dialogue.received == [] and fake_telegram.calls_to("sendMessage") == []


@pytest.mark.parametrize("secret", [None, "wrong-secret", ""])
def test_wrong_or_missing_secret_is_refused(telegram_client, dialogue, fake_telegram, secret):
    response = post_update(telegram_client, text_update(USER, "hello"), secret=secret)
    assert response.status_code == 403
    assert dialogue.received == [] and fake_telegram.calls_to("sendMessage") == []


def test_repeated_update_is_processed_once(telegram_client, dialogue, fake_telegram):
    update = text_update(USER, "hello")
    assert post_update(telegram_client, update).status_code == 200
    assert post_update(telegram_client, update).status_code == 200
    assert len(dialogue.received) == 1
    assert len(fake_telegram.calls_to("sendMessage")) == 1


@pytest.mark.parametrize("body", [[1, 2], "text"])
def test_malformed_update_is_a_clear_400(telegram_client, dialogue, body):
    response = telegram_client.post("/webhooks/telegram", json=body,
                                    headers={"X-Telegram-Bot-Api-Secret-Token": "test-webhook-secret"})
    assert response.status_code == 400 and dialogue.received == []


def test_dialogue_failure_answers_500_so_telegram_retries(telegram_client, dialogue, fake_telegram):
    def broken(_inbound):
        raise RuntimeError("database down")
    dialogue.handle = broken
    update = text_update(USER, "hello")
    assert post_update(telegram_client, update).status_code == 500
    dialogue.handle = ScriptedDialogue.handle.__get__(dialogue)
    assert post_update(telegram_client, update).status_code == 200  # the retry is processed
    assert len(dialogue.received) == 1


def test_lifespan_initialises_the_bot_against_the_bot_api(telegram_client, fake_telegram):
    assert len(fake_telegram.calls_to("getMe")) == 1


def test_long_question_ids_fall_back_to_numbered_answers(telegram_client, dialogue, fake_telegram):
    dialogue.reply = Reply("Pick", choices=DEPARTMENTS, question="q" * 70)
    post_update(telegram_client, text_update(USER, "hello"))
    [sent] = fake_telegram.calls_to("sendMessage")
    data = [row[0]["callback_data"] for row in sent["reply_markup"]["inline_keyboard"]]
    assert data == ["n|1", "n|2"]
    post_update(telegram_client, button_update(USER, "n|2"))
    assert dialogue.received[-1].text == "2" and dialogue.received[-1].choice is None


def test_a_reply_longer_than_telegram_allows_is_sent_in_parts(telegram_client, dialogue, fake_telegram):
    long_text = "\n".join(f"Line {n}: " + "x" * 90 for n in range(60))  # about 6,000 characters
    dialogue.reply = Reply(long_text, choices=DEPARTMENTS, question="q-summary-2")
    post_update(telegram_client, text_update(USER, "hello"))

    first, second = fake_telegram.calls_to("sendMessage")
    assert len(first["text"]) <= 4096 and len(second["text"]) <= 4096
    assert first["text"] + "\n" + second["text"] == long_text  # split at a line end, nothing lost
    assert "reply_markup" not in first and "inline_keyboard" in second["reply_markup"]


def test_a_blocked_bot_does_not_make_telegram_retry(telegram_client, dialogue, fake_telegram):
    fake_telegram.blocked.add(USER)
    update = text_update(USER, "hello")
    assert post_update(telegram_client, update).status_code == 200
    assert len(dialogue.received) == 1 and len(fake_telegram.calls_to("sendMessage")) == 1
