"""What channel adapters give the dialogue (Inbound) and get back (Reply)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    address: str = ""


@dataclass(frozen=True)
class Inbound:
    """One message from a citizen, already authenticated and de-duplicated by its adapter."""

    channel: str  # "telegram" | "whatsapp" | "sms" | "web"
    sender: str  # channel identity: telegram user id, E.164 phone, web session id
    text: str = ""
    media: tuple[str, ...] = ()  # attachment references (URLs or provider file ids)
    location: Location | None = None
    message_id: str = ""
    display_name: str = ""
    # A button press: the value chosen and the question it answered (stale presses are detected).
    choice: str | None = None
    question: str | None = None


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Reply:
    """Text in the citizen's language, with optional choices for the question being asked."""

    text: str
    choices: tuple[Choice, ...] = ()
    question: str = ""  # id of the open question the choices answer
    language: str = "en"
    request_location: bool = False  # channels that can, offer a "share location" button
    metadata: dict = field(default_factory=dict)
