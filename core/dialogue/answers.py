"""Turning a message into the answer of the open question: a button value, a number from the
numbered list, or a yes/no word. Also says when the answer belongs to a question no longer open."""
from __future__ import annotations

from dataclasses import dataclass

from core.dialogue.state import IDLE, DialogueState
from core.dialogue.text import as_number
from core.dialogue.types import Inbound
from core.dialogue.words import yes_no


@dataclass(frozen=True)
class Answer:
    value: str | None = None  # one of the open question's option values
    stale: bool = False  # answers a question that is no longer open
    out_of_range: bool = False  # a number, but not one of those shown

    @property
    def is_free_text(self) -> bool:
        return self.value is None and not self.stale and not self.out_of_range


def read_answer(inbound: Inbound, text: str, state: DialogueState) -> Answer:
    if inbound.choice is not None:
        if inbound.question and inbound.question != state.question:
            return Answer(stale=True)
        return Answer(value=inbound.choice) if inbound.choice in state.options else Answer(stale=True)
    number = as_number(text)
    if number is not None:
        if not state.options:
            # Nothing numbered is open: when idle, the number answers an old question; when a
            # free-text question is open ("where?"), it is the citizen's text.
            return Answer(stale=True) if state.step == IDLE else Answer()
        if 1 <= number <= len(state.options):
            return Answer(value=state.options[number - 1])
        return Answer(out_of_range=True)
    said = yes_no(text)
    if said is not None and said in state.options:
        return Answer(value=said)
    return Answer()
