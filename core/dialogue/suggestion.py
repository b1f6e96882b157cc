"""The suggestion flow: the idea is stored and acknowledged with its reference."""
from __future__ import annotations

from core.dialogue.answers import Answer
from core.dialogue.turn import Turn
from core.suggestions import MAX_SUGGESTION, file_suggestion

# A message saying "suggestion: …" with at least this many words is the suggestion itself.
INLINE_WORDS = 6


def save(turn: Turn, text: str) -> None:
    view = file_suggestion(turn.session, text[:MAX_SUGGESTION], turn.language, turn.inbound.channel,
                           citizen_id=turn.citizen_id)
    turn.state.reset()
    turn.say("suggestion_saved", reference=view.reference)


def ask(turn: Turn) -> None:
    turn.ask("ask_suggestion", "ask_suggestion")


def on_suggestion(turn: Turn, _answer: Answer) -> None:
    if not turn.text:
        ask(turn)
        return
    save(turn, turn.text)
