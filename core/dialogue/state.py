"""The conversation state kept in the Conversation row's JSON column, as a typed object.

``step`` names the open question (or "idle"); ``question`` is its id, ``<step>#<seq>``, sent with
every choice so a button pressed on an old message, or a number typed after the question changed,
is recognised as stale. ``options`` are the values of the numbered choices, in the order shown.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

IDLE = "idle"


@dataclass
class Draft:
    """The complaint being put together."""

    description: str = ""
    department: str | None = None
    routed_by: str = "citizen"
    confidence: float | None = None
    location_text: str = ""
    district: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    media: list[str] = field(default_factory=list)
    district_asked: bool = False  # the city/district question was asked (it is asked once)
    nlu: dict = field(default_factory=dict)  # the first message's model and top intents (issue 12)

    @property
    def department_code(self) -> str:
        if self.department is None:
            raise RuntimeError("the complaint draft has no department yet")
        return self.department

    @property
    def has_place(self) -> bool:
        return bool(self.location_text or self.district or self.latitude is not None)


@dataclass
class DialogueState:
    step: str = IDLE
    seq: int = 0
    options: list[str] = field(default_factory=list)
    draft: Draft | None = None
    duplicate_of: str | None = None  # the open case the duplicate guard offered
    rating_for: str | None = None  # the case whose 1–5 rating is asked
    language_chosen: bool = False  # the citizen picked the language: stop guessing it
    transcript: list[dict] = field(default_factory=list)  # recent turns, web chat only (core.dialogue.transcript)
    asked_verdicts: list[str] = field(default_factory=list)  # resolved cases already asked about in this chat

    @property
    def question(self) -> str:
        return "" if self.step == IDLE else f"{self.step}#{self.seq}"

    def open_question(self, step: str, options: list[str] | None = None) -> str:
        self.seq += 1
        self.step, self.options = step, list(options or [])
        return self.question

    def close_question(self) -> None:
        self.step, self.options = IDLE, []

    def reset(self) -> None:
        """Back to idle with nothing pending; ``seq`` keeps growing so old questions stay stale."""
        self.close_question()
        self.draft, self.duplicate_of, self.rating_for = None, None, None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> "DialogueState":
        data = dict(data or {})
        draft = data.pop("draft", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        state = cls(**known)
        state.draft = Draft(**draft) if draft else None
        return state
