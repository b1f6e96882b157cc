"""Tracking IDs: random, short enough to type from an SMS, with a check character.

Format: ten symbols from a 31-symbol alphabet (Crockford's base 32 without Z), shown as
``XXXXX-XXXXX``. The first nine carry 9*log2(31) = 44.6 random bits; the tenth makes the
position-weighted sum sum(i * v_i, i = 1..10) divisible by 31. Because 31 is prime and every
weight is below 31, a single wrong symbol changes the sum by i*d (never 0 mod 31) and a swap of
two neighbours changes it by the difference of the two values (never 0 mod 31): both are caught.
"""
from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
BASE = len(ALPHABET)  # 31, prime
DATA_LEN = 9
ID_LEN = DATA_LEN + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Human confusions folded before the check: letters that look like digits, and the one dropped letter.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V", "Z": "2"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
# Used by the NLU regex entity and by parsers: ten symbols (optionally split 5+5) with at least one digit.
ID_PATTERN = r"\b(?:(?=[0-9A-Za-z]{0,9}[0-9])[0-9A-Za-z]{10}|(?=[0-9A-Za-z]{0,4}[0-9]|[0-9A-Za-z]{5}[- ][0-9A-Za-z]{0,4}[0-9])[0-9A-Za-z]{5}[- ][0-9A-Za-z]{5})\b"


class InvalidTrackingId(ValueError):
    """The text is not shaped like a tracking ID at all."""


class TrackingIdTypo(ValueError):
    """Shaped like a tracking ID, but its check character does not match: a typo."""


def _check_value(values: list[int]) -> int:
    weighted = sum((i + 1) * v for i, v in enumerate(values)) % BASE
    # Solve weighted + ID_LEN * c == 0 (mod 31) for c.
    inverse = pow(ID_LEN, -1, BASE)
    return (-weighted * inverse) % BASE


def _has_digit(symbols: str) -> bool:
    return any(ch.isdigit() for ch in symbols)


def new_tracking_id() -> str:
    """A fresh random ID, canonical form ``XXXXX-XXXXX`` (always contains a digit)."""
    while True:
        values = [secrets.randbelow(BASE) for _ in range(DATA_LEN)]
        symbols = "".join(ALPHABET[v] for v in values) + ALPHABET[_check_value(values)]
        if _has_digit(symbols):  # a digit keeps IDs apart from ordinary words like "DEPARTMENT"
            return format_tracking_id(symbols)


def format_tracking_id(symbols: str) -> str:
    return f"{symbols[:5]}-{symbols[5:]}"


def normalise_symbols(text: str) -> str:
    """Upper-case, drop separators, fold O/0 and I/L/1 confusions."""
    return _SEPARATORS.sub("", text.strip()).upper().translate(_CONFUSABLE)


def parse_tracking_id(text: str) -> str:
    """Canonical ID for what a citizen typed; raises InvalidTrackingId or TrackingIdTypo."""
    symbols = normalise_symbols(text)
    if len(symbols) != ID_LEN or any(ch not in _VALUE for ch in symbols):
        raise InvalidTrackingId(f"not a tracking ID: {text!r}")
    values = [_VALUE[ch] for ch in symbols]
    if _check_value(values[:DATA_LEN]) != values[DATA_LEN]:
        raise TrackingIdTypo(f"check character does not match: {text!r}")
    return format_tracking_id(symbols)


def looks_like_tracking_id(text: str) -> bool:
    """True when the text has the shape of an ID (valid or a typo), e.g. an SMS with just the ID."""
    symbols = normalise_symbols(text)
    return len(symbols) == ID_LEN and all(ch in _VALUE for ch in symbols) and _has_digit(symbols)
