"""Personal data out of complaint text before it may become training data.

Phone numbers (Pakistani mobiles and landlines in their common written forms), CNICs with and
without dashes, e-mail addresses, tracking IDs and the names the citizen gave are replaced by
placeholders. Urdu (۰–۹) and Arabic-Indic (٠–٩) digits are read as ASCII digits first, so a number
written in Urdu script is caught too; the scrubbed text keeps ASCII digits (the NLU normaliser
folds them the same way).
"""
from __future__ import annotations

import re

from core.complaints.tracking import ID_PATTERN

PHONE, CNIC, EMAIL, TRACKING_ID, NAME = "<phone>", "<cnic>", "<email>", "<tracking_id>", "<name>"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_SEP = r"[\s\-.]?"  # one space, dash or dot between digit groups
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# +92 / 0092 / 92 then a mobile (3xx) or an area code: ten digits in groups.
_INTERNATIONAL = re.compile(rf"(?<![\w+])(?:\+|00)\s?92{_SEP}\(?0?\)?{_SEP}\d(?:{_SEP}\d){{8,9}}(?!\d)")
_CNIC = re.compile(rf"(?<!\d)\d{{5}}{_SEP}\d{{7}}{_SEP}\d(?!\d)")
_MOBILE = re.compile(rf"(?<!\d)(?:92{_SEP})?0?3\d\d(?:{_SEP}\d){{7}}(?!\d)")
# Landlines: 0 + area code (2–4 digits) then 5–8 digits, separated from the code.
_LANDLINE = re.compile(rf"(?<!\d)\(?0\d{{1,3}}\)?[\s\-]\d{{3,4}}{_SEP}\d{{3,4}}(?!\d)")
_TRACKING = re.compile(ID_PATTERN)
_MIN_NAME_PART = 3  # shorter parts ("Ali" is 3) are kept only if the whole name matches


def _name_patterns(names: tuple[str, ...]) -> list[re.Pattern]:
    parts: set[str] = set()
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        parts.add(name)
        parts.update(p for p in name.split() if len(p) >= _MIN_NAME_PART)
    # Longest first, so "Muhammad Ali" goes as one placeholder rather than two.
    return [re.compile(rf"(?<!\w){re.escape(p)}(?!\w)", re.IGNORECASE) for p in sorted(parts, key=len, reverse=True)]


def scrub(text: str, names: tuple[str, ...] = ()) -> str:
    """The text with personal data replaced by ``<phone>``, ``<cnic>``, ``<email>``,
    ``<tracking_id>`` and ``<name>`` (for each of ``names`` and each of their parts)."""
    text = text.translate(_DIGITS)
    text = _EMAIL.sub(EMAIL, text)
    text = _INTERNATIONAL.sub(PHONE, text)
    text = _CNIC.sub(CNIC, text)
    text = _MOBILE.sub(PHONE, text)
    text = _LANDLINE.sub(PHONE, text)
    text = _TRACKING.sub(TRACKING_ID, text)
    for pattern in _name_patterns(names):
        text = pattern.sub(NAME, text)
    return text
