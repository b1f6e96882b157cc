"""A Telegram user talking to the bot through the webhook: posts real-shaped updates, reads what the
(fake) Bot API was asked to show, and presses buttons by their label."""
from __future__ import annotations

from dataclasses import dataclass

from bots.telegram.keyboards import decode
from tests.channels.telegram_updates import button_update, location_update, photo_update, text_update
from tests.fixtures.fake_telegram import FakeTelegram, post_update


@dataclass
class TelegramChat:
    client: object
    fake: FakeTelegram
    user_id: int

    def _post(self, update: dict) -> list[dict]:
        """Send one update; returns the messages the bot sent in answer."""
        before = len(self.fake.calls_to("sendMessage"))
        response = post_update(self.client, update)
        assert response.status_code == 200, response.text
        return [m for m in self.fake.calls_to("sendMessage")[before:] if m["chat_id"] == self.user_id]

    def say(self, text: str) -> list[dict]:
        return self._post(text_update(self.user_id, text))

    def share_location(self, latitude: float, longitude: float) -> list[dict]:
        return self._post(location_update(self.user_id, latitude, longitude))

    def send_photo(self, file_id: str) -> list[dict]:
        return self._post(photo_update(self.user_id, file_id))

    def buttons(self, message: dict | None = None) -> dict[str, str]:
        """label -> callback data of the inline keyboard of ``message`` (default: the last one shown)."""
        message = message or next(m for m in reversed(self.fake.calls_to("sendMessage"))
                                  if m["chat_id"] == self.user_id and "inline_keyboard" in m.get("reply_markup", {}))
        return {row[0]["text"]: row[0]["callback_data"] for row in message["reply_markup"]["inline_keyboard"]}

    def press(self, label: str, message: dict | None = None) -> list[dict]:
        return self._post(button_update(self.user_id, self.buttons(message)[label]))

    def press_value(self, value: str, message: dict | None = None) -> list[dict]:
        """Press the button whose choice value is ``value`` (whatever its label's language)."""
        data = next(d for d in self.buttons(message).values() if decode(d) and decode(d).value == value)
        return self._post(button_update(self.user_id, data))

    @staticmethod
    def texts(sent: list[dict]) -> list[str]:
        return [m["text"] for m in sent]
