"""What the app factory wires together once, shared by every route (no per-process state beyond this)."""
from __future__ import annotations

from dataclasses import dataclass, field

from api.settings import Settings
from core.db import Database
from core.ports import NluPort, SenderPort


@dataclass
class Container:
    settings: Settings
    db: Database
    nlu: NluPort | None = None
    senders: dict[str, SenderPort] = field(default_factory=dict)
    extras: dict = field(default_factory=dict)  # adapter-specific objects (e.g. the Telegram Application)
