"""Chart geometry of the dashboard: bars proportional to their values, stacks in order, days without gaps."""
from datetime import date

import pytest

from api.dashboard import charts


def test_horizontal_bars_are_proportional_and_stacked():
    chart = charts.hbars([("Health", [([("a", 2), ("b", 1)], "3")]), ("Police", [([("a", 6), ("b", 0)], "6")])],
                         {"a": "#111", "b": "#222"})
    health, police = chart.rows
    a, b = health.bars[0].segments
    assert police.bars[0].segments[0].width == charts.BAR_AREA  # the largest stack fills the area
    assert a.width == charts.BAR_AREA / 3 and b.width == charts.BAR_AREA / 6
    assert b.x == a.x + a.width and health.bars[0].label == "3"


def test_side_by_side_bars_share_one_scale():
    chart = charts.hbars([("Electricity", [([("resolved", 10)], "10"), ([("confirmed", 2)], "2")])],
                         {"resolved": "#1", "confirmed": "#2"})
    resolved, confirmed = chart.rows[0].bars
    assert resolved.segments[0].width == 5 * confirmed.segments[0].width
    assert confirmed.y > resolved.y


def test_days_are_continuous_up_to_today_and_columns_stack_per_series():
    days = charts.day_range([{"2026-11-25": 2}, {"2026-11-27": 1}], until=date(2026, 11, 28))
    assert days == ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"]
    chart = charts.stacked_columns(days, {"health": {"2026-11-25": 2}, "police": {"2026-11-25": 1,
                                                                                  "2026-11-27": 1}},
                                   {"health": "#1", "police": "#2"})
    first, empty, third, _today = chart.columns
    assert [s.series for s in first] == ["health", "police"] and empty == []
    assert first[0].height == pytest.approx(2 * first[1].height, abs=0.2)  # rounded to 0.1 px
    assert first[1].y + first[1].height == pytest.approx(first[0].y, abs=0.2)
    assert third[0].height == first[1].height


def test_no_complaints_means_no_days():
    assert charts.day_range([{}, {}], until=date(2026, 11, 28)) == []
