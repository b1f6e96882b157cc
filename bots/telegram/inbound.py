"""Telegram Update -> core.dialogue Inbound (pure functions, no I/O).

The message id given to the dialogue is the ``update_id``: Telegram re-delivers an update with the
same id, and the dialogue's de-duplication by (channel, message_id) then files nothing twice.
"""
from __future__ import annotations

from telegram import Update

from bots.telegram.keyboards import Press, decode
from core.dialogue.types import Inbound, Location

CHANNEL = "telegram"
# Bot commands as the words the dialogue understands in any state (/language: its language question,
# whose choices become the language picker).
COMMAND_WORDS = {"start": "menu", "menu": "menu", "help": "help", "cancel": "cancel", "status": "status",
                 "language": "language"}


def is_private(update: Update) -> bool:
    """The bot serves one citizen per chat; group chats would mix several people's conversations."""
    return update.effective_chat is not None and update.effective_chat.type == "private"


def command_of(text: str) -> tuple[str, str] | None:
    """``/status@AwaazBot Q3N1S-MF61N`` -> ("status", "Q3N1S-MF61N"); None when not a command."""
    if not text.startswith("/"):
        return None
    head, _, args = text[1:].partition(" ")
    return head.split("@", 1)[0].lower(), args.strip()


def _base(update: Update, **fields) -> Inbound:
    user = update.effective_user
    return Inbound(channel=CHANNEL, sender=str(update.effective_chat.id), message_id=str(update.update_id),
                   display_name=user.full_name if user else "", **fields)


def message_inbound(update: Update) -> Inbound | None:
    """A text, command, photo or location message; None for what the dialogue cannot use (stickers...)."""
    message = update.message
    text = (message.text or message.caption or "").strip()
    command = command_of(text)
    if command is not None:
        word = COMMAND_WORDS.get(command[0])
        if word is None:
            return None
        return _base(update, text=f"{word} {command[1]}".strip())
    media = (message.photo[-1].file_id,) if message.photo else ()  # the largest size of the photo
    if message.document and (message.document.mime_type or "").startswith("image/"):
        media = (message.document.file_id,)
    location = None
    if message.location:
        location = Location(message.location.latitude, message.location.longitude)
    if message.venue:
        location = Location(message.venue.location.latitude, message.venue.location.longitude,
                            ", ".join(filter(None, (message.venue.title, message.venue.address))))
    if not (text or media or location):
        return None
    return _base(update, text=text, media=media, location=location)


def press_inbound(update: Update, press: Press) -> Inbound:
    """A button press: an answer to the question its keyboard asked (stale or not, the dialogue decides)."""
    if press.kind == "choice":  # no text: a button value must not be read as a typed command word
        return _base(update, choice=press.value, question=press.question)
    return _base(update, text=press.value)


def callback_inbound(update: Update) -> Inbound | None:
    press = decode(update.callback_query.data)
    return press_inbound(update, press) if press else None
