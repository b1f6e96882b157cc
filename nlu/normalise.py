"""Text normalisation applied identically at training time (Rasa component) and at run time.

People in Pakistan type Urdu on Arabic, Persian and Urdu keyboards, paste text with invisible
bidi marks, use Urdu digits, and spell Roman Urdu freely ("nahi / nai / nhi"). The model should
see one spelling for each of these, so this module folds them. It is pure standard-library
Python, compatible with 3.10 (the Rasa server) and 3.11 (the app).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Arabic code points that Urdu writes with its own letters. Arabic heh (U+0647) becomes Urdu
# heh goal (U+06C1): that is what Urdu keyboards produce for it, and ه is far more often a
# stand-in for ہ (bahut, raha, pehle) than for the aspirate ھ.
_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی Farsi/Urdu yeh
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک keheh
    "\u06aa": "\u06a9",  # ڪ swash kaf (Sindhi keyboards) -> ک
    "\u0647": "\u06c1",  # ه Arabic heh -> ہ heh goal
    "\u06d5": "\u06c1",  # ە ae -> ہ
    "\u0629": "\u06c3",  # ة teh marbuta -> ۃ
    "\u06c0": "\u06c2",  # ۀ heh with yeh above -> ۂ heh goal with hamza
    "\u060c": ",",  # ، Arabic comma
    "\u061b": ";",  # ؛ Arabic semicolon
    "\u061f": "?",  # ؟ Arabic question mark
    "\u06d4": ".",  # ۔ Urdu full stop
}
# Hamza written as a separate mark on a letter that has a precomposed form in Urdu.
_HAMZA_COMPOSE = {"\u06cc\u0654": "\u0626", "\u06c1\u0654": "\u06c2", "\u06d2\u0654": "\u06d3"}
_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Zero-width characters, soft hyphen, BOM, and every bidi embedding/override/isolate mark.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
# Three or more of the same Latin letter ("nahiiii", "plzzz") is emphasis, not spelling.
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_ELONGATED_ONE = re.compile(r"([a-z])\1+")
_EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.DOTALL)
_LATIN_WORD = re.compile(r"[a-z]+")
VARIANTS_FILE = Path(__file__).with_name("roman_urdu_variants.txt")


@lru_cache(maxsize=1)
def roman_variants() -> dict[str, str]:
    """Variant -> canonical spelling, read from ``roman_urdu_variants.txt``.

    Each line is ``canonical: variant variant …``; the canonical spelling maps to itself.
    """
    table: dict[str, str] = {}
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        canonical, _, variants = line.partition(":")
        canonical = canonical.strip()
        for variant in [canonical, *variants.split()]:
            table[variant] = canonical
    return table


def clean_script(text: str) -> str:
    """Unicode-level cleanup: compatibility forms, letter variants, marks, digits, spaces."""
    # NFKC turns Arabic presentation forms (pasted from PDFs) into base letters and composes
    # alef + madda into آ before the combining marks are stripped below.
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    for separate, composed in _HAMZA_COMPOSE.items():
        text = text.replace(separate, composed)
    text = text.translate(str.maketrans(_LETTERS)).translate(_DIGITS)
    for separate, composed in _HAMZA_COMPOSE.items():  # again: ي + hamza became ی + hamza
        text = text.replace(separate, composed)
    text = _DIACRITICS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def fold_roman_word(word: str) -> str:
    """Canonical spelling of one lower-case token; punctuation around it is kept."""
    lead, core, trail = _EDGE_PUNCT.match(word).groups()
    if not _LATIN_WORD.fullmatch(core):  # "h-9", "g-13/1", "2din", Urdu script: left alone
        return word
    core = _ELONGATED.sub(r"\1\1", core)
    table = roman_variants()
    folded = table.get(core) or table.get(_ELONGATED_ONE.sub(r"\1", core), core)
    return f"{lead}{folded}{trail}"



def normalise(text: str) -> str:
    """The one normal form the model is trained on and queried with."""
    text = clean_script(text).lower()
    return " ".join(fold_roman_word(word) for word in text.split(" ")) if text else ""
