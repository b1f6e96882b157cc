"""Polling mode (local use without a public URL) and registering the webhook URL at start."""
from __future__ import annotations

from dataclasses import dataclass, field

from fastapi.testclient import TestClient

from api.app import create_app
from core.dialogue.types import Inbound, Reply
from tests.channels.telegram_updates import text_update


@dataclass
class Greeter:
    received: list[Inbound] = field(default_factory=list)

    def handle(self, inbound: Inbound) -> list[Reply]:
        self.received.append(inbound)
        return [Reply("Assalam-o-Alaikum!")]


def test_polling_mode_fetches_updates_and_replies(db, telegram_settings, fake_telegram):
    app = create_app(telegram_settings.model_copy(update={"telegram_mode": "polling"}), db=db, run_worker=False)
    greeter = Greeter()
    app.state.container.extras["dialogue"] = greeter
    with TestClient(app):
        fake_telegram.updates.put(text_update(777, "salam"))
        [sent] = fake_telegram.wait_for("sendMessage")
    assert sent["chat_id"] == 777 and sent["text"] == "Assalam-o-Alaikum!"
    assert [i.text for i in greeter.received] == ["salam"]
    assert fake_telegram.calls_to("deleteWebhook")  # polling and a webhook exclude each other


def test_webhook_mode_registers_the_configured_url_with_its_secret(db, telegram_settings, fake_telegram):
    url = "https://awaaz.example.pk/webhooks/telegram"
    app = create_app(telegram_settings.model_copy(update={"telegram_webhook_url": url}), db=db, run_worker=False)
    with TestClient(app):
        [registered] = fake_telegram.calls_to("setWebhook")
    assert registered["url"] == url and registered["secret_token"] == "test-webhook-secret"
    assert registered["allowed_updates"] == ["message", "callback_query"]
