"""The follow-up to a voice note as one outbox message: "I heard: …", then the dialogue's replies; the
choices of the last reply (the open question) become its buttons or numbered lines. One message keeps
the order on every channel, whichever worker sends it."""
from __future__ import annotations

from core import messages
from core.dialogue.types import Reply

HEARD_CHARS = 600  # a 3-minute note can be long: the citizen sees the start of what was understood


def heard(text: str, language: str) -> Reply:
    shown = text if len(text) <= HEARD_CHARS else text[:HEARD_CHARS].rstrip() + "…"
    return Reply(messages.text("voice_heard", language, text=shown), language=language)


def _with_numbers(reply: Reply) -> str:
    return "\n".join([reply.text] + [f"{n}. {c.label}" for n, c in enumerate(reply.choices, start=1)])


def combine(replies: list[Reply]) -> dict:
    """Params of the ``voice_reply`` outbox row: text, choices [(value, label)], question."""
    last = replies[-1]
    texts = [_with_numbers(r) for r in replies[:-1]] + [last.text]
    return {"text": "\n\n".join(t for t in texts if t), "question": last.question,
            "choices": [[c.value, c.label] for c in last.choices]}
