"""What the page shows, from a PublicStats view: chart geometry (api/dashboard/charts.py, drawn by the
dashboard's _charts.html macros) and number formatting in the reader's language."""
from __future__ import annotations

from dataclasses import dataclass

from api.dashboard import charts
from core.transparency import i18n
from core.transparency.views import GroupStats, PublicStats

LANGUAGES = ("en", "ur")
SHARE_COLORS = {"share": "#2e7d32"}
CLAIM_COLORS = {"resolved": "#e07b39", "confirmed": "#2e7d32"}


@dataclass(frozen=True)
class Text:
    """The page's strings in one language; called like ``t("key", **params)`` in the template."""

    lang: str

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ur" else "ltr"

    @property
    def other(self) -> str:
        return "en" if self.lang == "ur" else "ur"

    def __call__(self, key: str, **params) -> str:
        return i18n.text(key, self.lang, **params)

    def name(self, row: GroupStats) -> str:
        return row.name_ur if self.lang == "ur" else row.name_en

    def share(self, value: float | None) -> str:
        return f"{round(100 * value)}%" if value is not None else self("not_available")

    def days(self, value: float | None) -> str:
        return self("days_value", n=value) if value is not None else self("not_available")


def _share_rows(stats: PublicStats, t: Text) -> list:
    """The headline: confirmed ÷ resolved per department, in rank order, as a percentage bar."""
    return [(t.name(r), [([("share", round(100 * (r.confirmed_share or 0), 1))],
                          f"{t.share(r.confirmed_share)} ({r.confirmed_by_citizen}/{r.resolved_by_department})")])
            for r in stats.departments]


def _claim_rows(stats: PublicStats, t: Text) -> list:
    return [(t.name(r), [([("resolved", r.resolved_by_department)], str(r.resolved_by_department)),
                         ([("confirmed", r.confirmed_by_citizen)], str(r.confirmed_by_citizen))])
            for r in stats.departments]


def build_charts(stats: PublicStats, t: Text) -> dict:
    return {
        "share": charts.hbars(_share_rows(stats, t), SHARE_COLORS, max_value=100),
        "claims": charts.hbars(_claim_rows(stats, t), CLAIM_COLORS),
        "claim_colors": CLAIM_COLORS,
        "claim_labels": {"resolved": t("series_resolved"), "confirmed": t("series_confirmed")},
        "share_labels": {"share": t("col_confirmed_share")},
    }
