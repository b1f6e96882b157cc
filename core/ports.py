"""Protocols the core needs from the outside world (NLU, message senders).

Adapters implement these; the core only ever sees these shapes, so unit tests can pass fakes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Entity:
    """One entity the NLU found, e.g. ``Entity("location", "Lahore", "lahore")``."""

    name: str
    value: str
    text: str = ""


@dataclass(frozen=True)
class NluResult:
    """What the NLU understood of one message.

    ``ok`` is False when the server was down, timed out or its circuit breaker is open: the caller
    must then fall back to asking the citizen (numbered department menu). ``intent`` is None when
    the model was unsure (below its fallback threshold) or on failure.
    """

    ok: bool
    intent: str | None
    confidence: float
    ranking: tuple[tuple[str, float], ...] = ()
    entities: tuple[Entity, ...] = ()
    language: str = "en"  # "ur" | "roman_ur" | "en"
    error: str = ""
    model: str = ""  # id of the model that answered (its file name without .tar.gz), "" if unknown

    def entity(self, name: str) -> str | None:
        return next((e.value for e in self.entities if e.name == name), None)


class NluPort(Protocol):
    def parse(self, text: str) -> NluResult: ...


class ModelLearnerPort(Protocol):
    """Trains a model on approved routing corrections (already scrubbed: ``core.routing.views.
    TrainingExample``) and promotes it only if it is not worse; returns the report (``nlu.learn``)."""

    def learn(self, examples: list) -> dict: ...


@dataclass(frozen=True)
class OutboundMessage:
    """One notification to deliver to a citizen on a channel."""

    channel: str  # "telegram" | "whatsapp" | "sms" | "web"
    address: str  # telegram chat id, E.164 phone, web session id
    text: str
    language: str = "en"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    question: str = ""  # the dialogue question the choices answer, if any
    metadata: dict = field(default_factory=dict)


class SendError(Exception):
    """Delivery failed; ``retryable`` False means retrying will not help (e.g. blocked bot)."""

    def __init__(self, message: str, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


class SenderPort(Protocol):
    """Delivers an OutboundMessage on one channel; raises SendError on failure."""

    channel: str

    def send(self, message: OutboundMessage) -> str:  # returns the provider's message id
        ...


# --- issue 15: voice notes ---

@dataclass(frozen=True)
class Transcript:
    """What a voice note said: the words (Urdu script for Urdu speech), the language heard, its length."""

    text: str
    language: str  # "ur" | "en" (Whisper's code for the language transcribed)
    duration: float  # seconds of audio


class AudioRejected(Exception):
    """The audio cannot be transcribed; ``kind`` picks the citizen's message:
    too_large | too_long | not_audio | no_speech (silence, music, noise)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


class TranscriberPort(Protocol):
    def transcribe(self, audio: bytes, language: str | None = None) -> Transcript:
        """``language`` "ur" forces Urdu; None detects. Raises AudioRejected for audio it cannot use."""
        ...


@dataclass(frozen=True)
class FetchedMedia:
    data: bytes
    content_type: str


class MediaError(Exception):
    """Fetching a channel's media failed; ``retryable`` False when trying again cannot help."""

    def __init__(self, message: str, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


class MediaFetcherPort(Protocol):
    """Downloads a message's media from a channel (Twilio media URL, Telegram file id).

    Raises AudioRejected("too_large") past ``max_bytes``, MediaError when the channel fails."""

    channel: str

    def fetch(self, reference: str, max_bytes: int) -> FetchedMedia: ...
