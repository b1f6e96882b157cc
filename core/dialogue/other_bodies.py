"""Complaints about bodies no department of ours covers (gas companies, NADRA, banks, mobile
networks, landlords…): when the NLU places a message in no department and it names one of them
(data/other_bodies.yml), the citizen is told who handles it instead of being asked to pick one of
our departments, which could only misroute it."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from core.dialogue.text import key, phrase_pattern
from core.dialogue.turn import Turn
from core.paths import DATA_DIR


@lru_cache(maxsize=1)
def _bodies() -> tuple[tuple[str, re.Pattern], ...]:
    raw = yaml.safe_load((DATA_DIR / "other_bodies.yml").read_text(encoding="utf-8"))
    return tuple((body["code"], phrase_pattern(body["words"])) for body in raw["bodies"])


def body_named(text: str) -> str | None:
    """The code of the other body the text names first, if any."""
    k = key(text)
    found = [(match.start(), code) for code, pattern in _bodies() if (match := pattern.search(k))]
    return min(found)[1] if found else None


def redirect(turn: Turn) -> bool:
    """Tell the citizen who handles the body their message names; True when one was named."""
    code = body_named(turn.text)
    if code is None:
        return False
    turn.state.reset()
    turn.say(f"other_body_{code}")
    turn.say("other_body_more")
    return True
