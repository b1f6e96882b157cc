"""Emergency detection: phrases from data/emergency.yml (fire, accident, crime, medical) matched as
whole words anywhere in the message. A false alarm only costs one extra line with the numbers."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from core.dialogue.text import key, phrase_pattern
from core.paths import DATA_DIR


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    raw = yaml.safe_load((DATA_DIR / "emergency.yml").read_text(encoding="utf-8"))
    return phrase_pattern(p for values in raw.values() for p in values)


def is_emergency(text: str) -> bool:
    return bool(text) and _pattern().search(key(text)) is not None
