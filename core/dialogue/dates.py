"""Dates as a citizen reads them: "5 Dec 2026" in English and Roman Urdu, "05-12-2026" in Urdu
(month names are avoided there so the line reads cleanly right to left)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

PAKISTAN = timezone(timedelta(hours=5))


def show_date(when: datetime, language: str) -> str:
    local = when.astimezone(PAKISTAN)
    return local.strftime("%d-%m-%Y") if language == "ur" else f"{local.day} {local.strftime('%b %Y')}"
