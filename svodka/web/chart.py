"""Mentions over time as a small server-drawn SVG bar chart (no JavaScript, no CDN)."""
from __future__ import annotations

import re
from html import escape

from svodka.web.format import month_label, plural, russian_date

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 28
MAX_STEP = 48     # a lone month is a bar, not a wall
MAX_MONTHS = 240
MIN_MONTHS = 12  # twenty years of bars is already unreadable; older months are dropped


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def fill_months(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month up to the last (a year at least), empty ones at zero; bad keys dropped."""
    parsed = {}
    for key, count in counts:
        match = _MONTH.match(str(key))
        if match:
            parsed[(int(match.group(1)), int(match.group(2)))] = int(count)
    if not parsed:
        return []
    current, last = min(parsed), max(parsed)
    for _ in range(MIN_MONTHS - 1):   # a year of context before a short history
        if (last[0] - current[0]) * 12 + last[1] - current[1] + 1 >= MIN_MONTHS:
            break
        current = _previous_month(*current)
    series = []
    while current <= last:
        series.append((f"{current[0]:04d}-{current[1]:02d}", parsed.get(current, 0)))
        current = _next_month(*current)
    return series[-MAX_MONTHS:]


def mentions_chart(counts: list[tuple[str, int]]) -> str:
    """An ``<svg>`` element; an empty string when there is nothing to draw."""
    series = fill_months(counts)
    if not series:
        return ""
    peak = max(count for _, count in series) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = min(plot_w / len(series), MAX_STEP)
    bar_w = max(step * 0.7, 1.0)
    left = LEFT + (plot_w - step * len(series)) / 2   # a few months sit in the middle
    label_every = max(1, round(len(series) / 8))
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="Упоминания по месяцам" xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
             f'y2="{TOP + plot_h}"/>',
             f'<text class="tick" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
             f'<text class="tick" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>']
    for index, (month, count) in enumerate(series):
        height = plot_h * count / peak
        x = left + index * step + (step - bar_w) / 2
        y = TOP + plot_h - height
        tip = f"{russian_date(month)}: {plural(count, 'упоминание', 'упоминания', 'упоминаний')}"
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                     f'height="{height:.1f}"><title>{escape(tip)}</title></rect>')
        if (len(series) - 1 - index) % label_every == 0:   # counted back from the latest month
            parts.append(f'<text class="label" x="{x + bar_w / 2:.1f}" y="{HEIGHT - 8}" '
                         f'text-anchor="middle">{escape(month_label(month))}</text>')
    parts.append("</svg>")
    return "".join(parts)
