"""Emergency detection: phrases from data/emergency.yml (fire, accident, crime, medical) matched as
whole words anywhere in the message. A false alarm only costs one extra line with the numbers."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from core.dialogue.text import key
from core.paths import DATA_DIR


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    raw = yaml.safe_load((DATA_DIR / "emergency.yml").read_text(encoding="utf-8"))
    phrases = sorted({key(str(p)) for values in raw.values() for p in values}, key=len, reverse=True)
    # \w-boundaries work for Urdu letters too; lookarounds avoid matching inside longer words.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def is_emergency(text: str) -> bool:
    return bool(text) and _pattern().search(key(text)) is not None
