"""Every text a citizen reads, from data/messages.yml, in English, Urdu script and Roman Urdu."""
from __future__ import annotations

from functools import lru_cache

import yaml

from core.paths import DATA_DIR

LANGUAGES = ("en", "ur", "roman_ur")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return yaml.safe_load((DATA_DIR / "messages.yml").read_text(encoding="utf-8"))


def text(key: str, language: str, **params) -> str:
    """The message ``key`` in ``language`` with ``params`` filled in (missing keys raise KeyError)."""
    entry = catalog()[key]
    template = entry.get(language) or entry["en"]
    return template.format(**params)


def missing_translations() -> list[str]:
    return [f"{key}.{lang}" for key, entry in catalog().items() for lang in LANGUAGES if not entry.get(lang)]
