"""Complaints about bodies no department of ours covers (gas companies, NADRA, banks, mobile
networks, landlords…): when the NLU reads no department in a message that names one of them
(data/other_bodies.yml), the citizen is told who handles it. The conversation then goes on as for
any message that names no service of ours, with the draft kept: a wrong match costs one line, never
a complaint."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from core.dialogue.department_menu import DEPARTMENT_CODES
from core.dialogue.emergency import is_emergency
from core.dialogue.text import key, phrase_pattern
from core.dialogue.turn import Turn
from core.paths import DATA_DIR


@lru_cache(maxsize=1)
def _bodies() -> tuple[tuple[str, re.Pattern], ...]:
    raw = yaml.safe_load((DATA_DIR / "other_bodies.yml").read_text(encoding="utf-8"))
    return tuple((body["code"], phrase_pattern(body["words"])) for body in raw["bodies"])


def body_named(text: str) -> str | None:
    """The code of the body the text names first (the longer phrase where two start together:
    "jazz cash" is a wallet, "jazz" a network)."""
    k = key(text)
    found = [(match.start(), -len(match.group()), code) for code, pattern in _bodies() if (match := pattern.search(k))]
    return min(found)[2] if found else None


def mention(turn: Turn) -> bool:
    """Say who handles the body the message names, unless the NLU leans to one of our departments
    (even below the threshold) or it is an emergency (a robbery at an ATM is the police's); True when said."""
    nlu = turn.nlu
    if nlu is not None and nlu.ok and nlu.intent in DEPARTMENT_CODES:
        return False
    if is_emergency(turn.text):
        return False
    code = body_named(turn.text)
    if code is None:
        return False
    turn.say(f"other_body_{code}")
    return True
