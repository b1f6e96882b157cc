"""Chart geometry for server-rendered inline SVG: no JavaScript, no library, works on a closed network.

The functions here only compute rectangles and labels; templates/_charts.html draws them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

PALETTE = ("#1b6ca8", "#e07b39", "#3a9d5d", "#c0392b", "#8e5ea2", "#b8860b", "#2c8c99", "#7f7f7f")
LABEL_WIDTH = 250
BAR_AREA = 300
ROW_GAP = 10
BAR_HEIGHT = 18
MAX_DAYS = 90


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    color: str
    series: str
    value: float


@dataclass
class Bar:
    y: float
    segments: list[Segment]
    label: str
    label_x: float


@dataclass
class Row:
    label: str
    label_y: float
    bars: list[Bar] = field(default_factory=list)


@dataclass
class HBarChart:
    width: int
    height: int
    rows: list[Row]
    label_width: int = LABEL_WIDTH


@dataclass
class ColumnChart:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    columns: list[list[Segment]]
    ticks: list[tuple[float, int]]  # (y, value) gridlines
    day_labels: list[tuple[float, str]]  # (x, "MM-DD")


def colors(keys: list[str]) -> dict[str, str]:
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}


def hbars(rows: list[tuple[str, list[tuple[list[tuple[str, float]], str]]]], palette: dict[str, str],
          max_value: float | None = None) -> HBarChart:
    """Horizontal bars: per row a label and one or more bars, each bar a stack of (series, value) segments."""
    top = max([sum(v for _s, v in segs) for _l, bars in rows for segs, _t in bars] + [max_value or 0, 1e-9])
    scale = BAR_AREA / top
    out, y = [], ROW_GAP
    for label, bars in rows:
        row = Row(label, y + BAR_HEIGHT * len(bars) / 2 + 4)
        for segments, bar_label in bars:
            x, drawn = float(LABEL_WIDTH), []
            for series, value in segments:
                width = max(value * scale, 0.0)
                drawn.append(Segment(round(x, 1), y, round(width, 1), BAR_HEIGHT - 2, palette[series], series,
                                     value))
                x += width
            row.bars.append(Bar(y, drawn, bar_label, round(x + 4, 1)))
            y += BAR_HEIGHT
        out.append(row)
        y += ROW_GAP
    return HBarChart(LABEL_WIDTH + BAR_AREA + 120, int(y), out)


def _nice_ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + step, step))


def day_range(per_day: list[dict[str, int]], until: date) -> list[str]:
    """Every day from the first complaint (at most MAX_DAYS back) to ``until``, gaps included."""
    days = sorted({d for counts in per_day for d in counts})
    if not days:
        return []
    first = max(date.fromisoformat(days[0]), until - timedelta(days=MAX_DAYS - 1))
    return [(first + timedelta(days=i)).isoformat() for i in range((until - first).days + 1)]


def stacked_columns(days: list[str], series: dict[str, dict[str, int]], palette: dict[str, str]) -> ColumnChart:
    """Vertical columns per day, stacked by series (e.g. department): complaints per day per department."""
    width, height, left, top, bottom = 560, 240, 34, 10, 200
    totals = [sum(counts.get(d, 0) for counts in series.values()) for d in days] or [0]
    ticks = _nice_ticks(max(totals + [1]))
    scale = (bottom - top) / ticks[-1]
    slot = (width - left - 6) / max(len(days), 1)
    columns = []
    for i, day in enumerate(days):
        y, stack = float(bottom), []
        for key, counts in series.items():
            value = counts.get(day, 0)
            if value:
                h = value * scale
                y -= h
                stack.append(Segment(round(left + i * slot + slot * 0.1, 1), round(y, 1), round(slot * 0.8, 1),
                                     round(h, 1), palette[key], key, value))
        columns.append(stack)
    every = max(1, -(-len(days) // 8))
    labels = [(round(left + i * slot + slot / 2, 1), d[5:]) for i, d in enumerate(days) if i % every == 0]
    return ColumnChart(width, height, top, bottom, left, columns,
                       [(round(bottom - v * scale, 1), v) for v in ticks], labels)
