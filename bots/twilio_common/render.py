"""Replies as text for Twilio: choices as numbered lines (the number is accepted as the answer), split
to the channel's length limit, wrapped in TwiML."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from twilio.twiml.messaging_response import MessagingResponse

from core.dialogue.types import Reply


def numbered(text: str, labels: Sequence[str]) -> str:
    if not labels:
        return text
    return text + "\n" + "\n".join(f"{i}. {label}" for i, label in enumerate(labels, start=1))


def reply_text(reply: Reply) -> str:
    return numbered(reply.text, [c.label for c in reply.choices])


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line breaks or spaces where possible."""
    pieces = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return pieces + [text] if text else pieces


def twiml(texts: Iterable[str], limit: int) -> str:
    response = MessagingResponse()
    for text in texts:
        for piece in split_text(text, limit):
            response.message(piece)
    return str(response)
