"""Builders of Telegram Update JSON shaped like what the Bot API posts to a webhook."""
from __future__ import annotations

import itertools
import time

_update_ids = itertools.count(500_000)
_message_ids = itertools.count(1)


def _user(user_id: int, language_code: str = "en") -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Ayesha", "last_name": "Khan",
            "language_code": language_code}


def _message(user_id: int, **fields) -> dict:
    return {"message_id": next(_message_ids), "date": int(time.time()), "from": _user(user_id),
            "chat": {"id": user_id, "type": "private", "first_name": "Ayesha"}, **fields}


def next_update_id() -> int:
    return next(_update_ids)


def text_update(user_id: int, text: str, update_id: int | None = None) -> dict:
    fields = {"text": text}
    if text.startswith("/"):
        fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id or next_update_id(), "message": _message(user_id, **fields)}


def photo_update(user_id: int, file_id: str, caption: str = "") -> dict:
    sizes = [{"file_id": f"{file_id}-small", "file_unique_id": "s1", "width": 90, "height": 67, "file_size": 1200},
             {"file_id": file_id, "file_unique_id": "l1", "width": 1280, "height": 960, "file_size": 98000}]
    fields = {"photo": sizes, **({"caption": caption} if caption else {})}
    return {"update_id": next_update_id(), "message": _message(user_id, **fields)}


def location_update(user_id: int, latitude: float, longitude: float) -> dict:
    return {"update_id": next_update_id(),
            "message": _message(user_id, location={"latitude": latitude, "longitude": longitude})}


def sticker_update(user_id: int) -> dict:
    sticker = {"file_id": "sticker1", "file_unique_id": "st1", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "type": "regular"}
    return {"update_id": next_update_id(), "message": _message(user_id, sticker=sticker)}


def button_update(user_id: int, data: str, message_id: int = 77) -> dict:
    """A press on an inline keyboard button of the bot's message ``message_id``."""
    bot_message = {"message_id": message_id, "date": int(time.time()),
                   "from": {"id": 123456, "is_bot": True, "first_name": "Awaaz"},
                   "chat": {"id": user_id, "type": "private"}, "text": "question"}
    return {"update_id": next_update_id(),
            "callback_query": {"id": f"cq{next_update_id()}", "from": _user(user_id), "chat_instance": "ci1",
                               "message": bot_message, "data": data}}


def group_update(user_id: int, text: str) -> dict:
    message = _message(user_id, text=text)
    message["chat"] = {"id": -100123, "type": "group", "title": "Neighbours"}
    return {"update_id": next_update_id(), "message": message}


def voice_update(user_id: int, file_id: str, duration: int = 3, language_code: str = "en") -> dict:
    """A voice note as Telegram posts it (Ogg/Opus; the bytes are fetched with getFile)."""
    voice = {"file_id": file_id, "file_unique_id": "v" + file_id[-6:], "duration": duration,
             "mime_type": "audio/ogg", "file_size": 9000}
    message = _message(user_id, voice=voice)
    message["from"] = _user(user_id, language_code)
    return {"update_id": next_update_id(), "message": message}
