"""Which language to answer in: the citizen's explicit choice sticks; otherwise Urdu script means
``ur``, and the NLU's tag (which it always fills, even when its server is down) decides between
``roman_ur`` and ``en`` for messages with words in them. Without an NLU, Latin text keeps the
conversation's language, or is English."""
from __future__ import annotations

from core.dialogue.text import as_number, has_letters, is_urdu_script, word_count
from core.dialogue.words import command, yes_no
from core.messages import LANGUAGES
from core.ports import NluResult

SWITCH_WORDS = 3


def _says_little(text: str) -> bool:
    # "ok", "2", "cancel" tell nothing about the language someone writes in.
    return (not has_letters(text) or as_number(text) is not None or yes_no(text) is not None
            or command(text) is not None or word_count(text) < 2)


def reply_language(current: str | None, chosen: bool, text: str, nlu: NluResult | None) -> str:
    if chosen and current:
        return current
    if text and is_urdu_script(text):
        return "ur"
    if nlu is not None and not _says_little(text) and nlu.language in LANGUAGES:
        # A short answer ("Gulberg, Lahore") is weak evidence: it sets a first language, never switches one.
        if current is None or word_count(text) >= SWITCH_WORDS:
            return nlu.language
    return current or "en"
