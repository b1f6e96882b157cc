"""The dashboard's interface language: English or Urdu, every string from data/dashboard_messages.yml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from fastapi import Request

from core.departments.catalog import department
from core.offices.catalog import office
from core.paths import DATA_DIR

LANGUAGES = ("en", "ur")
RTL = frozenset({"ur"})
LANG_COOKIE = "awaaz_dashboard_lang"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return yaml.safe_load((DATA_DIR / "dashboard_messages.yml").read_text(encoding="utf-8"))


def missing_translations() -> list[str]:
    return [f"{key}.{lang}" for key, entry in catalog().items() for lang in LANGUAGES if not entry.get(lang)]


@dataclass(frozen=True)
class Translator:
    lang: str

    @property
    def direction(self) -> str:
        return "rtl" if self.lang in RTL else "ltr"

    def __call__(self, key: str, **params) -> str:
        entry = catalog()[key]
        return (entry.get(self.lang) or entry["en"]).format(**params)

    def maybe(self, prefix: str, value: str | None) -> str:
        """A label for an enumerated value (status, event kind…), or the raw value when none is written."""
        if value is None:
            return ""
        entry = catalog().get(f"{prefix}_{value}")
        return (entry.get(self.lang) or entry["en"]) if entry else value

    def department(self, name_en: str, name_ur: str) -> str:
        return name_ur if self.lang == "ur" else name_en

    def department_name(self, code: str | None) -> str:
        info = department(code) if code else None
        return self.department(info.name_en, info.name_ur) if info else (code or "")

    def office_name(self, code: str | None) -> str:
        info = office(code)
        return self.department(info.name_en, info.name_ur) if info else (code or "")


def language_of(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "en")
    return lang if lang in LANGUAGES else "en"
