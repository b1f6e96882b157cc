"""One citizen turn: what came in, what the NLU made of it, the state being advanced, the replies."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from core import messages
from core.departments.catalog import department
from core.dialogue.state import DialogueState, Draft
from core.dialogue.types import Choice, Inbound, Reply
from core.ports import NluResult

BUTTON_CHANNELS = ("web", "telegram")


@dataclass
class Turn:
    session: Session
    inbound: Inbound
    text: str  # the cleaned text (invisible marks removed, at most MAX_TEXT characters)
    state: DialogueState
    language: str
    # The citizen's id, or how to make the citizen: made on first use (filing, their own cases), so that
    # messages that never file anything (a flood of cookie-less web posts) create no citizen rows.
    citizen: int | Callable[[], int]
    nlu: NluResult | None  # the parse of ``text``; None when not parsed or the NLU is off
    threshold: float
    high_threshold: float = 0.9  # at or above: the department is taken without asking (the summary can change it)
    replies: list[Reply] = field(default_factory=list)
    lookup_allowed: Callable[[], bool] = lambda: True  # counts one status lookup against the sender's budget

    @property
    def citizen_id(self) -> int:
        if callable(self.citizen):
            self.citizen = self.citizen()
        return self.citizen

    @property
    def known_citizen_id(self) -> int | None:
        """The citizen's id if they exist already, else None (never creates one: reading needs no row)."""
        return None if callable(self.citizen) else self.citizen

    @property
    def draft(self) -> Draft:
        """The complaint being put together; the filing steps are only open while there is one."""
        if self.state.draft is None:
            raise RuntimeError(f"step {self.state.step} is open without a complaint draft")
        return self.state.draft

    def choose_key(self, key: str) -> str:
        """The message ``key``, or its ``_buttons`` form on channels that show choices as buttons
        (there, "reply with its number" would be wrong)."""
        return f"{key}_buttons" if self.inbound.channel in BUTTON_CHANNELS else key

    def t(self, key: str, **params) -> str:
        return messages.text(key, self.language, **params)

    def say(self, key: str, **params) -> None:
        self.replies.append(Reply(self.t(key, **params), language=self.language))

    def ask(self, step: str, key: str, choices: Sequence[tuple[str, str]] = (), *, request_location: bool = False,
            **params) -> None:
        """Open the question ``step`` (a new id, so older answers become stale) and send it."""
        question = self.state.open_question(step, [value for value, _ in choices])
        self.replies.append(Reply(self.t(key, **params), choices=tuple(Choice(v, label) for v, label in choices),
                                  question=question, language=self.language, request_location=request_location))

    def department_name(self, code: str) -> str:
        info = department(code)
        return info.name(self.language) if info else code

    def nlu_department(self, codes: set[str]) -> tuple[str, float] | None:
        """The department the NLU named with enough confidence, if any."""
        nlu = self.nlu
        if nlu is None or not nlu.ok or nlu.intent not in codes or nlu.confidence < self.threshold:
            return None
        return nlu.intent, nlu.confidence

    def nlu_intent(self) -> str | None:
        nlu = self.nlu
        if nlu is None or not nlu.ok or nlu.confidence < self.threshold:
            return None
        return nlu.intent
