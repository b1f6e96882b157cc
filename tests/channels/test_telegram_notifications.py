"""Notifications to Telegram citizens: outbox -> Worker -> TelegramSender -> (fake) Bot API."""
from __future__ import annotations

from sqlalchemy import select

from bots.telegram.keyboards import decode
from bots.telegram.sender import TelegramSender
from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import Complaint
from core.notifications.models import OutboxMessage
from core.notifications.outbox import notify_citizen
from core.notifications.worker import Worker

CHAT = 5151


def _file_for_telegram_citizen(db, chat_id: int, language: str) -> str:
    with db.transaction() as session:
        citizen = get_or_create_citizen(session, "telegram", str(chat_id), name="Bilal", language=language)
        new = NewComplaint("electricity", "Bijli 3 din se nahi, Gulberg Lahore", language, "telegram",
                           citizen_id=citizen.id)
        return file_complaint(session, new).tracking_id


def _outbox(db) -> list[tuple[str, str, int]]:
    with db.transaction() as session:
        return [(m.kind, m.status, m.attempts) for m in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def test_status_change_and_resolution_question_reach_the_citizen(telegram_client, telegram_app, db, make_officer,
                                                                 fake_telegram):
    tracking_id = _file_for_telegram_citizen(db, CHAT, "ur")
    headers = make_officer("electricity")
    for target, note in (("in_progress", ""), ("resolved", "Transformer badal diya gaya")):
        response = telegram_client.post(f"/api/v1/complaints/{tracking_id}/transitions", headers=headers,
                                        json={"to": target, "note": note})
        assert response.status_code == 200, response.text

    worker = Worker(db, telegram_app.state.container.senders)
    assert worker.deliver_once() >= 2

    texts = fake_telegram.sent_texts(CHAT)
    assert any(tracking_id in t and "کارروائی جاری ہے" in t for t in texts)  # in progress, in Urdu
    question = next(p for p in fake_telegram.calls_to("sendMessage") if "مطمئن" in p["text"])
    buttons = [row[0] for row in question["reply_markup"]["inline_keyboard"]]
    assert [b["text"] for b in buttons] == ["جی ہاں، مطمئن ہوں", "نہیں، مسئلہ حل نہیں ہوا"]
    pressed = decode(buttons[0]["callback_data"])
    assert (pressed.question, pressed.value) == (f"resolution:{tracking_id}", "yes")
    assert {status for kind, status, _ in _outbox(db) if kind.startswith("notify_")} == {"sent"}


def test_blocked_bot_is_a_permanent_failure(telegram_client, telegram_app, db,
                                                                           make_officer, fake_telegram):
    fake_telegram.blocked.add(CHAT)
    tracking_id = _file_for_telegram_citizen(db, CHAT, "en")
    telegram_client.post(f"/api/v1/complaints/{tracking_id}/transitions", headers=make_officer("electricity"),
                         json={"to": "in_progress"})
    Worker(db, telegram_app.state.container.senders).deliver_once()
    assert ("notify_status_changed", "dead", 1) in _outbox(db)


def test_unreachable_bot_api_is_retried_later(db, fake_telegram):
    _file_for_telegram_citizen(db, CHAT, "en")
    with db.transaction() as session:  # a status change queued by the core
        notify_citizen(session, session.scalars(select(Complaint)).one(), "notify_status_changed", status="in_progress")
    sender = TelegramSender(fake_telegram.token, "http://127.0.0.1:9/bot")  # nothing listens on port 9
    try:
        Worker(db, {"telegram": sender}).deliver_once()
    finally:
        sender.close()
    with db.transaction() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.status, row.attempts) == ("pending", 1) and "unreachable" in row.last_error
