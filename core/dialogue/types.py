"""What channel adapters give the dialogue (Inbound) and get back (Reply)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    address: str = ""


# Inbound string fields -> longest kept (0: no limit here; the dialogue cuts long texts and tells the citizen).
_LIMITS = {"sender": 120, "message_id": 120, "display_name": 120, "text": 0, "choice": 100, "question": 100}


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

    def __post_init__(self) -> None:
        # Whatever an adapter passes: no NUL (PostgreSQL refuses it) and identities within their columns.
        for name, limit in _LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, str):
                value = value.replace("\x00", "")
                object.__setattr__(self, name, value[:limit] if limit else value)


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


class Replayed(list):
    """The replies stored for a message id that was already handled: this delivery is a repeat.

    Channels that answer in the HTTP response (Twilio) answer with them again; channels that send
    replies themselves (Telegram) must not send them a second time: the first delivery did.
    """
