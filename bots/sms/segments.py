"""SMS segment arithmetic: GSM-7 text fits 160 characters in one segment (153 per part when split),
anything else is UCS-2: 70 (67 per part)."""
from __future__ import annotations

GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")  # count two characters each


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7 or ch in GSM7_EXTENDED for ch in text)


def segments(text: str) -> int:
    if is_gsm7(text):
        length = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        return 1 if length <= 160 else -(-length // 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)
