"""Whole-message words the dialogue recognises (yes/no, menu, cancel, help, languages…), from
data/dialogue_words.yml, and the "status <ID>" form."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from core.complaints.tracking import ID_PATTERN, looks_like_tracking_id
from core.dialogue.text import key
from core.paths import DATA_DIR

_ID = re.compile(ID_PATTERN)


@lru_cache(maxsize=1)
def _table() -> dict:
    raw = yaml.safe_load((DATA_DIR / "dialogue_words.yml").read_text(encoding="utf-8"))
    words: dict[str, Any] = {name: frozenset(key(str(w)) for w in values) for name, values in raw.items() if name != "languages"}
    words["languages"] = {lang: frozenset(key(str(w)) for w in values) for lang, values in raw["languages"].items()}
    return words


def is_word(kind: str, text: str) -> bool:
    """True when the whole message is one of the ``kind`` words (yes, no, cancel, menu, help…)."""
    return key(text) in _table()[kind]


def command(text: str) -> str | None:
    """The command the whole message names, if any: cancel, menu, help, language, thanks."""
    k = key(text)
    table = _table()
    return next((name for name in ("cancel", "menu", "help", "language", "thanks") if k in table[name]), None)


def named_language(text: str) -> str | None:
    k = key(text)
    return next((lang for lang, names in _table()["languages"].items() if k in names), None)


def yes_no(text: str) -> str | None:
    """"yes" / "no" when the whole message says so, in any of the three languages."""
    k = key(text)
    if k in _table()["yes"]:
        return "yes"
    if k in _table()["no"]:
        return "no"
    return None


def _id_shaped(text: str) -> bool:
    # The ID always has a digit; requiring one as typed keeps words like "hello there" (which fold
    # L -> 1) from passing as IDs.
    return any(ch.isdigit() for ch in text) and looks_like_tracking_id(text)


def tracking_id_in(text: str) -> str | None:
    """The ID-shaped text when the message is an ID alone or "status <ID>" (typos included)."""
    k = key(text)
    if _id_shaped(k):
        return k
    first, _, rest = k.partition(" ")
    if first in _table()["status_prefix"] and _id_shaped(rest):
        return rest
    match = _ID.search(k.upper())
    if match and any(w in _table()["status_prefix"] for w in k.split()):
        return match.group(0)
    return None
