"""ISO 8601 values for dates, and the word tables the date rules read.

A day with no known year is "--11-27", a month with no known year "--11" (ISO 8601:2000's
reduced forms); relative values need the publication date and are ``None`` without it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from svodka.data import load_table

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Found:
    stop: int           # index after the last token of the date
    kind: str           # day | month | year | range | relative | weekday | duration | season
    value: str | None
    rule: str
    skip_chars: int = 0     # characters of the first token left out ("ЧМ-2018" → "2018")
    # the year is the publication's, taken for want of one in the text ("15 декабря"): the
    # context may still settle it otherwise (``dates.years``)
    year_guessed: bool = False


@lru_cache(maxsize=None)
def date_words(group: str) -> dict[str, str]:
    """One group of ``date_words.tsv`` ("weekday", "unit", "anchor", "season", "prefix")."""
    return {row[1]: (row[2] if len(row) > 2 else "") for row in load_table("date_words.tsv")
            if row[0] == group}


@lru_cache(maxsize=None)
def group_lemmas(group: str) -> frozenset[str]:
    return frozenset(date_words(group))


@lru_cache(maxsize=None)
def several_lemmas() -> frozenset[str]:
    return group_lemmas("several")


@lru_cache(maxsize=None)
def qualifier_phrases() -> dict[str, list[tuple[str, ...]]]:
    """The qualifiers ("около", "более чем") by their last word."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in date_words("qualifier"):
        by_last.setdefault(phrase.split()[-1], []).append(tuple(phrase.split()))
    return by_last


@lru_cache(maxsize=None)
def after_phrases() -> dict[str, list[tuple[str, ...]]]:
    """ "спустя", "до этого": words after a duration, by first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted((tuple(p.split()) for p in date_words("after")), key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    return by_first


@lru_cache(maxsize=None)
def relative_phrases() -> dict[tuple[str, str], list[tuple[tuple[str, ...], str]]]:
    """ "на днях" → "-", "вчера" → "-1", by first two words ("" for one-word phrases),
    longest phrases first."""
    by_start: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for phrase, days in sorted(load_table("date_relative.tsv"), key=lambda row: -len(row[0].split())):
        words = tuple(phrase.split())
        key = (words[0], words[1] if len(words) > 1 else "")
        by_start.setdefault(key, []).append((words, days))
    return by_start


def unit_length(code: str) -> tuple[int, str] | None:
    """ "Y" → (1, "Y"), "10Y" → (10, "Y"); "-" (a period of no fixed length) → None."""
    digits = code.rstrip("YMWD")
    if not code or code == digits:
        return None
    return (int(digits) if digits else 1), code[len(digits):]


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        log.warning("ignoring an unreadable publication date %r", published)
        return None


def full_year(digits: str, century_of: int) -> int:
    """ "25" after 2024 → 2025; "90" → 1990."""
    if len(digits) == 4:
        return int(digits)
    base = century_of - century_of % 100 if century_of >= 1000 else 1900
    return base + int(digits)


def day(year: int | None, month: int, day_of_month: int) -> str | None:
    try:
        date(year or 2000, month, day_of_month)   # 2000 is a leap year: "29 февраля" is valid
    except ValueError:
        return None
    if year is None:
        return f"--{month:02d}-{day_of_month:02d}"
    return f"{year:04d}-{month:02d}-{day_of_month:02d}"


def day_range(year: int | None, month: int, first: int, last: int) -> str | None:
    start, end = day(year, month, first), day(year, month, last)
    return f"{start}/{end}" if start and end else None


def month(year: int | None, month_number: int) -> str:
    return f"{year:04d}-{month_number:02d}" if year else f"--{month_number:02d}"


def shifted(anchor: date | None, unit: str, amount: float | int) -> str | None:
    """The day/week/month/year ``amount`` units from ``anchor``, at that unit's precision."""
    if anchor is None:
        return None
    amount = int(amount)
    if unit == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "W":
        year, week, _ = (anchor + timedelta(weeks=amount)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "M":
        months = anchor.year * 12 + anchor.month - 1 + amount
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{anchor.year + amount:04d}"


def months_span(year: int | None, first: int, last: int) -> str | None:
    """ "в ноябре-декабре 2019 года" → "2019-11/2019-12"."""
    if not 1 <= first < last <= 12:
        return None
    return f"{month(year, first)}/{month(year, last)}"


def century(number: int) -> str | None:
    """ "XX век" → "1901/2000" (the 20th century's first and last years)."""
    if not 1 <= number <= 21:
        return None
    return f"{(number - 1) * 100 + 1:04d}/{number * 100:04d}"


def last_weekday(anchor: date | None, weekday: int) -> str | None:
    """The latest such weekday on or before ``anchor``: news tells what already happened."""
    if anchor is None:
        return None
    return (anchor - timedelta(days=(anchor.weekday() - weekday) % 7)).isoformat()


def period(amount: float | int | None, unit: str) -> str | None:
    """ "два года" → "P2Y", "полгода" → "P6M", "три недели" → "P3W"."""
    if amount is None:
        return None
    if unit == "Y" and not float(amount).is_integer() and float(amount * 12).is_integer():
        return f"P{int(amount * 12)}M"
    number = int(amount) if float(amount).is_integer() else amount
    return f"P{number}{unit}"


def period_of(parts: list[tuple[float | int | None, str]]) -> str | None:
    """ "1 год 6 месяцев" → "P1Y6M" (weeks are not mixed with other units in ISO 8601)."""
    if len(parts) == 1:
        return period(*parts[0])
    order = "YMWD"
    if any(amount is None or not float(amount).is_integer() for amount, _ in parts) or \
            "W" in {unit for _, unit in parts} or \
            [order.index(unit) for _, unit in parts] != sorted(order.index(u) for _, u in parts):
        return None
    return "P" + "".join(f"{int(amount)}{unit}" for amount, unit in parts)
