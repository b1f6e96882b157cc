"""Reply markup for Telegram: dialogue choices as inline keyboards (the dialogue's own language question
among them, which makes the language picker), and the "share location" button.

Callback data (at most 64 bytes) carries the question a keyboard answers and the chosen value, so a
press on an old keyboard reaches the dialogue as an answer to *that* question and is recognised as stale.
"""
from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from core import messages

MAX_CALLBACK_BYTES = 64
_SEP = "|"


@dataclass(frozen=True)
class Press:
    """A decoded button press: an answer to ``question``, or a numbered answer."""

    kind: str  # "choice" | "number"
    value: str
    question: str = ""


def encode_choice(question: str, value: str, number: int) -> str:
    """``c|question|value`` when it fits in 64 bytes, else ``n|number`` (answered like a numbered reply)."""
    data = _SEP.join(("c", question, value))
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else f"n{_SEP}{number}"


def decode(data: str | None) -> Press | None:
    kind, _, rest = (data or "").partition(_SEP)
    if kind == "c" and _SEP in rest:
        question, _, value = rest.rpartition(_SEP)
        return Press("choice", value, question)
    if kind == "n" and rest.isdigit():
        return Press("number", rest)
    return None


def choices_keyboard(question: str, choices) -> InlineKeyboardMarkup:
    """One button per row (Urdu labels are long); ``choices`` are (value, label) pairs."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=encode_choice(question, value, n))]
                                 for n, (value, label) in enumerate(choices, start=1)])


def location_keyboard(language: str) -> ReplyKeyboardMarkup:
    button = KeyboardButton(messages.text("telegram_share_location", language), request_location=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


def reply_markup(reply):
    """The markup for one dialogue Reply: its choices, else a location button when it asks for one."""
    if reply.choices:
        return choices_keyboard(reply.question, [(c.value, c.label) for c in reply.choices])
    if reply.request_location:
        return location_keyboard(reply.language)
    return None
