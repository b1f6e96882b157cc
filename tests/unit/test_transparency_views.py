"""The public view's suppression rule and its cache round trip (pure functions, no database)."""
from __future__ import annotations

from datetime import datetime, timezone

from core.transparency.views import GroupStats, PublicStats, suppress, suppressed


def row(filed=40, resolved=30, confirmed=20, not_satisfied=3, silence=5, within=0.5, median=2.5, share=0.6667):
    return GroupStats("Lahore", "Lahore", "لاہور", filed, resolved, confirmed, not_satisfied, silence, within, median,
                      share)


def test_counts_below_five_become_a_label_and_zero_is_below_five():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == ["<5", "<5", "<5", 5, 120]


def test_a_district_row_hides_small_counts_and_shares_that_would_reveal_them():
    shown = suppressed(row(), within_sla=15)
    assert (shown.filed, shown.resolved_by_department, shown.confirmed_by_citizen) == (40, 30, 20)
    assert (shown.not_satisfied, shown.closed_by_silence) == ("<5", 5)
    assert (shown.within_sla_share, shown.median_days_to_resolve, shown.confirmed_share) == (0.5, 2.5, 0.6667)
    few_within = suppressed(row(), within_sla=4)  # 4 of 30: the share would give the 4 away
    assert few_within.within_sla_share is None and few_within.confirmed_share == 0.6667
    few_confirmed = suppressed(row(confirmed=3, share=0.1), within_sla=15)
    assert few_confirmed.confirmed_by_citizen == "<5" and few_confirmed.confirmed_share is None
    few_resolved = suppressed(row(resolved=4, confirmed=4, share=1.0), within_sla=4)
    assert few_resolved.median_days_to_resolve is None and few_resolved.within_sla_share is None
    assert few_resolved.resolved_by_department == "<5" and few_resolved.rank is None


def test_the_cached_payload_gives_back_the_same_view():
    at = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    stats = PublicStats("30d", at, at, (row(),), (suppressed(row(), 15),))
    assert PublicStats.from_dict(stats.to_dict()) == stats
