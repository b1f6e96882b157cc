"""Telegram with the real trained Rasa model: a first message naming the problem and the place is
routed to its department and filed in two citizen messages, in each language, with the place as written."""
from __future__ import annotations

import re

import pytest

from api.app import create_app
from core.complaints.tracking import ID_PATTERN
from core.departments.catalog import department
from tests.channels.telegram_chat import TelegramChat

pytestmark = pytest.mark.rasa


@pytest.fixture
def nlu_chat(db, telegram_settings, nlu_client, fake_telegram):
    from fastapi.testclient import TestClient

    app = create_app(telegram_settings.model_copy(update={"nlu_enabled": True}), db=db, nlu=nlu_client,
                     run_worker=False)
    with TestClient(app) as client:
        yield TelegramChat(client, fake_telegram, user_id=8080)


@pytest.mark.parametrize("first_message, language, expected_department, place", [
    ("Gulberg Lahore mein 3 din se bijli nahi hai", "roman_ur", "electricity", "Gulberg Lahore"),
    ("گلبرگ لاہور میں تین دن سے بجلی نہیں ہے", "ur", "electricity", "گلبرگ لاہور"),
    ("There has been no electricity in Gulberg, Lahore for three days", "en", "electricity", "Gulberg, Lahore"),
])
def test_first_message_routed_by_the_nlu_and_filed_in_two_messages(nlu_chat, make_officer, first_message,
                                                                  language, expected_department, place):
    name = department(expected_department).name(language)
    [summary] = nlu_chat.say(first_message)  # 1: one summary: department, the place as written, the problem
    assert name in summary["text"] and place in summary["text"]
    assert "number" not in summary["text"].lower()  # buttons on Telegram
    [filed] = nlu_chat.press_value("yes", summary)  # 2: filed
    tracking_id = re.search(ID_PATTERN, filed["text"]).group(0)

    case = nlu_chat.client.get(f"/api/v1/complaints/{tracking_id}", headers=make_officer(admin=True)).json()
    assert (case["department"], case["language"], case["routed_by"]) == (expected_department, language, "nlu")
    assert (case["district"], case["location_text"]) == ("Lahore", place)
