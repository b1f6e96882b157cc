"""Strings of the public statistics (page, CSV headers, the "other district" label), English and Urdu,
from data/transparency_messages.yml."""
from __future__ import annotations

from functools import lru_cache

import yaml

from core.paths import DATA_DIR

LANGUAGES = ("en", "ur")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return yaml.safe_load((DATA_DIR / "transparency_messages.yml").read_text(encoding="utf-8"))


def text(key: str, language: str, **params) -> str:
    entry = catalog()[key]
    return (entry.get(language) or entry["en"]).format(**params)


def missing_translations() -> list[str]:
    return [f"{key}.{lang}" for key, entry in catalog().items() for lang in LANGUAGES if not entry.get(lang)]
