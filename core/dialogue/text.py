"""Light text clean-up for recognising commands and answers (not the NLU's normaliser, which the
core must not depend on). Removes invisible and bidi control marks, folds Urdu digits and punctuation."""
from __future__ import annotations

import re
import unicodedata

# Zero-width characters, soft hyphen, BOM, and every bidi embedding/override/isolate mark.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_URDU_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_EDGE_PUNCT = re.compile(r"^[\s.,!?;:،؟۔'\"()\-]+|[\s.,!?;:،؟۔'\"()\-]+$")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """What the citizen wrote, minus invisible marks, with single spaces (kept for descriptions)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text).translate(_URDU_DIGITS)
    # Control characters other than newlines are never meaningful in a complaint.
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """The form used to match whole-message words: lower case, no edge punctuation."""
    return _EDGE_PUNCT.sub("", clean(text).lower())


def phrase_pattern(phrases) -> re.Pattern:
    """A pattern finding any of ``phrases`` (in their ``key`` form) as whole words in a ``key``-ed text,
    longest first so that "sui gas" wins over "gas"."""
    keyed = sorted({key(str(p)) for p in phrases}, key=len, reverse=True)
    # \w-boundaries work for Urdu letters too; lookarounds avoid matching inside longer words.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in keyed) + r")(?!\w)")


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def is_urdu_script(text: str) -> bool:
    """More Arabic-script letters than Latin ones: the citizen writes Urdu script. Words with digits
    (tracking IDs, house numbers) are Latin whatever the language, so they are not counted."""
    words = " ".join(w for w in text.split() if not any(ch.isdigit() for ch in w))
    urdu = len(_ARABIC_SCRIPT.findall(words))
    return urdu > 0 and urdu >= len(_LATIN.findall(words))


def as_number(text: str) -> int | None:
    """A bare number answer ("2", "۲", " 2. ")."""
    k = key(text)
    return int(k) if k.isdigit() and len(k) <= 3 else None


def word_count(text: str) -> int:
    return len(clean(text).split())
