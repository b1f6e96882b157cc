"""A fake NLU (keyword rules, the only fake in the dialogue tests) and a chat helper driving the real
DialogueService on the real test database."""
from __future__ import annotations

import itertools
import re

import pytest

from core.complaints.access import Viewer
from core.complaints.actions import transition
from core.dialogue.service import DialogueService
from core.dialogue.types import Inbound
from core.ports import Entity, NluResult

RULES = [
    ("electricity", ("bijli", "بجلی", "electricity", "power", "transformer")),
    ("water_supply", ("pani", "پانی", "water")),
    ("police", ("police", "پولیس", "chori", "theft")),
    ("education", ("school", "اسکول", "teacher")),
    ("health", ("hospital", "ہسپتال", "doctor")),
    ("local_government", ("kachra", "garbage", "گٹر", "sewage")),
    ("check_status", ("kya bana", "what happened to my")),
    ("suggestion", ("suggest", "tajweez", "تجویز")),
    ("greet", ("good morning",)),
]
PLACES = {"lahore": "Lahore", "لاہور": "Lahore", "karachi": "Karachi", "کراچی": "Karachi"}
ROMAN = {"mein", "nahi", "hai", "se", "ka", "ki", "ke", "ho", "raha", "rahi", "din"}


class FakeNlu:
    """Keyword rules standing in for the Rasa model; ``down`` makes it fail like a stopped server."""

    def __init__(self, confidence: float = 0.7):  # between the two thresholds: the department is confirmed
        self.confidence, self.down, self.calls, self.override = confidence, False, [], None

    def language(self, text: str) -> str:
        if re.search("[\u0600-\u06ff]", text):
            return "ur"
        return "roman_ur" if ROMAN & set(text.lower().split()) else "en"

    def parse(self, text: str) -> NluResult:
        self.calls.append(text)
        lang = self.language(text)
        if self.down:
            return NluResult(ok=False, intent=None, confidence=0.0, language=lang, error="connection refused")
        lower = text.lower()
        entities = tuple(Entity("location", canonical, word) for word, canonical in PLACES.items() if word in lower)
        intent = self.override or next((i for i, words in RULES if any(w in lower for w in words)), "out_of_scope")
        return NluResult(ok=True, intent=intent, confidence=self.confidence, entities=entities, language=lang)


class Chat:
    """One citizen on one channel; ``send`` returns the replies, ``texts`` their joined text."""

    _ids = itertools.count(1)

    def __init__(self, service: DialogueService, sender: str = "+923001234567", channel: str = "whatsapp"):
        self.service, self.sender, self.channel = service, sender, channel
        self.replies = []

    def send(self, text: str = "", **fields):
        fields.setdefault("message_id", f"M{next(self._ids)}")
        self.replies = self.service.handle(Inbound(self.channel, self.sender, text, **fields))
        return self.replies

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.replies)

    @property
    def question(self) -> str:
        return next((r.question for r in reversed(self.replies) if r.question), "")

    def choice_values(self) -> list[str]:
        return [c.value for r in self.replies for c in r.choices]


@pytest.fixture
def nlu():
    return FakeNlu()


@pytest.fixture
def service(db, nlu):
    return DialogueService(db, nlu, confidence_threshold=0.6, high_confidence_threshold=0.85, idle_minutes=30)


@pytest.fixture
def chat(service):
    return Chat(service)


@pytest.fixture
def resolve(db):
    """An officer (admin) marks a case resolved, as the dashboard would."""
    def mark(tracking_id: str, note: str = "Transformer replaced") -> None:
        with db.transaction() as session:
            transition(session, Viewer(None, "Admin", None, True), tracking_id, "resolved", note)
    return mark
