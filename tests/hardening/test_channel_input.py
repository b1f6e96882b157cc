"""Hostile input on the messaging channels (issue 11): NUL characters and over-long identities on
WhatsApp and Telegram, a "+" that arrived as a space, malformed Telegram updates, and one Telegram
update delivered 20 times at once. Real app, real PTB, fake Bot API; SQLite and PostgreSQL."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from core.complaints.models import Citizen
from tests.channels.telegram_updates import next_update_id, text_update
from tests.channels.twilio_support import CITIZEN, WhatsAppChat, post_signed, whatsapp_form
from tests.fixtures.fake_telegram import WEBHOOK_SECRET, post_update

WELCOME = "Assalam-o-Alaikum!"


def citizens(db, channel: str) -> list[Citizen]:
    with db.transaction() as session:
        return list(session.scalars(select(Citizen).where(Citizen.channel == channel)))


def test_nul_in_whatsapp_profile_name_sender_and_message_id_gets_a_real_answer(client, db):
    chat = WhatsAppChat(client)
    hostile = {"ProfileName": "Ay\x00esha", "From": f"whatsapp:{CITIZEN}\x00"}
    chat.send("No electricity in our street for 3 days", sid="SM\x00123", **hostile)
    assert "School Education Department" in chat.text  # the menu, not "something went wrong"
    chat.send(chat.option("Electricity"), **hostile)
    chat.send("Gulberg III, Lahore", **hostile)
    chat.send("1", **hostile)
    assert "Expected resolution by" in chat.text
    [citizen] = citizens(db, "whatsapp")
    assert (citizen.address, citizen.phone, citizen.name) == (CITIZEN, CITIZEN, "Ayesha")


def test_whatsapp_sender_that_is_not_a_phone_number_is_refused(client, db):
    form = whatsapp_form("hello", From="whatsapp:+92300123456789012345678")
    response = post_signed(client, "/webhooks/whatsapp", form)
    assert response.status_code == 400 and "phone number" in response.text
    assert citizens(db, "whatsapp") == []


def test_plus_sent_unescaped_arrives_as_a_space_and_is_the_same_citizen(client, db):
    chat = WhatsAppChat(client)
    chat.send("No electricity in our street for 3 days")
    spaced = WhatsAppChat(client, sender=" " + CITIZEN.removeprefix("+"))
    spaced.send(chat.option("Electricity"))
    assert "Where is the problem?" in spaced.text  # the same conversation went on
    [citizen] = citizens(db, "whatsapp")
    assert citizen.address == CITIZEN


def test_a_long_whatsapp_sender_cannot_overflow_the_phone_column(db):
    from core.citizens import get_or_create_citizen

    with db.transaction() as session:
        citizen = get_or_create_citizen(session, "whatsapp", "+" + "9" * 30, name="n" * 300)
    assert citizen.phone is None and len(citizen.name) == 120


def _named_update(user_id: int, text: str, first: str, last: str = "") -> dict:
    update = text_update(user_id, text)
    update["message"]["from"].update(first_name=first, last_name=last)
    return update


def test_telegram_user_with_a_128_character_name_can_talk(telegram_client, fake_telegram, db):
    update = _named_update(555, "/start", "ا" * 64, "Khan" * 16)
    assert post_update(telegram_client, update).status_code == 200
    [sent] = fake_telegram.calls_to("sendMessage")
    assert sent["text"].startswith(WELCOME)


def test_telegram_first_name_with_nul_gets_a_real_answer(telegram_client, fake_telegram, db):
    assert post_update(telegram_client, _named_update(556, "/start", "Ay\x00esha")).status_code == 200
    [sent] = fake_telegram.calls_to("sendMessage")
    assert sent["text"].startswith(WELCOME)


def _post_raw(client, body: bytes):
    return client.post("/webhooks/telegram", content=body,
                       headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET, "Content-Type": "application/json"})


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b"{\"update_id\": 1, \"message\": ",
                                  b"\xff\xfe not utf-8"])
def test_undecodable_telegram_bodies_are_a_400(telegram_client, fake_telegram, body):
    assert _post_raw(telegram_client, body).status_code == 400


def test_deeply_nested_update_is_acknowledged_not_a_500(telegram_client, fake_telegram):
    nested = b'{"update_id": %d, "message": ' % next_update_id() + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}"
    response = _post_raw(telegram_client, nested)
    assert response.status_code in (200, 400)


def test_update_that_can_never_be_processed_is_acknowledged_and_logged(telegram_client, fake_telegram, caplog):
    update = text_update(557, "hello")
    update["message"]["text"] = {"not": "a string"}
    response = post_update(telegram_client, update)
    assert response.status_code == 200  # Telegram must not deliver it again for ever
    assert "can never be processed" in caplog.text
    assert fake_telegram.calls_to("sendMessage") == []


def test_a_json_object_that_is_no_update_is_acknowledged(telegram_client, fake_telegram):
    response = post_update(telegram_client, {"no_update_id": 1})
    assert response.status_code == 200 and fake_telegram.calls_to("sendMessage") == []


def test_one_update_delivered_20_times_at_once_is_answered_once(telegram_client, fake_telegram):
    update = text_update(558, "/start")
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: post_update(telegram_client, update).status_code, range(20)))
    assert statuses == [200] * 20
    sent = fake_telegram.calls_to("sendMessage")
    assert len(sent) == 1 and sent[0]["text"].startswith(WELCOME)
