"""Datelines: "Брюссель. 27 ноября. KAZAKHSTAN TODAY -", "МОСКВА, 27 ноя — РИА Новости.", "27 ноября. ТАСС."

Each rule is a named regular expression; the first that matches at the start of the first
body paragraph wins. Groups: place, day, month, year, agency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from svodka.data import month_numbers

_MONTH = r"(?P<month>[а-яё]{3,8})\.?"
_PLACE = r"(?P<place>[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z\-]+(?:[ \-][А-ЯЁA-Z][А-ЯЁа-яёA-Za-z\-]+){0,2})"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?:\s(?P<year>(?:19|20)\d\d)(?:\s?г(?:ода?)?\.?)?)?"
# Agency names are capitalized word by word ("РИА Новости", "KAZAKHSTAN TODAY", "ИА REGNUM"),
# which keeps an ordinary sentence after the dash from being read as an agency.
_AGENCY = r"(?P<agency>[A-ZА-ЯЁ][\w\-]*(?:[ \-][A-ZА-ЯЁ][\w\-]*){0,3})"
_DASH = r"\s*[-–—]+\s*"

RULES: list[tuple[str, re.Pattern[str]]] = [
    # Брюссель. 27 ноября. KAZAKHSTAN TODAY -
    ("place_dot_date_agency_dash", re.compile(
        rf"{_PLACE}\.\s+{_DAY}\s+{_MONTH}{_YEAR}\.?\s+{_AGENCY}{_DASH}")),
    # МОСКВА, 27 ноя — РИА Новости.
    ("place_comma_date_dash_agency", re.compile(
        rf"{_PLACE},\s+{_DAY}\s+{_MONTH}{_YEAR}{_DASH}{_AGENCY}\.\s*")),
    # МОСКВА, 27 ноября. /ТАСС/.   or   МОСКВА, 27 ноября. ТАСС.
    ("place_comma_date_agency", re.compile(
        rf"{_PLACE},\s+{_DAY}\s+{_MONTH}{_YEAR}\.\s+/?{_AGENCY}/?\.\s*")),
    # 27 ноября. ТАСС.   or   27 ноября - ИА REGNUM.
    ("date_agency", re.compile(
        rf"{_DAY}\s+{_MONTH}{_YEAR}(?:\.\s+|{_DASH})/?{_AGENCY}/?(?:\.\s*|{_DASH})")),
    # Брюссель, 27 ноября -
    ("place_comma_date_dash", re.compile(rf"{_PLACE},\s+{_DAY}\s+{_MONTH}{_YEAR}{_DASH}")),
]


@dataclass(slots=True)
class DatelineMatch:
    start: int
    end: int          # where the article text proper begins
    rule: str
    place: str | None
    date: str | None
    agency: str | None


def _iso_day(day: str, month: str, year: str | None) -> str | None:
    number = month_numbers().get(month.lower().rstrip("."))
    if number is None or not 1 <= int(day) <= 31:
        return None
    return f"{year}-{number:02d}-{int(day):02d}" if year else f"--{number:02d}-{int(day):02d}"


def _place_name(place: str | None) -> str | None:
    if not place:
        return None
    return place.title() if place.isupper() and len(place) > 3 else place


def find_dateline(text: str, start: int, end: int) -> DatelineMatch | None:
    """A dateline at ``text[start:]`` within the first paragraph, or None."""
    window = text[start:min(end, start + 200)]
    for name, pattern in RULES:
        match = pattern.match(window)
        if not match:
            continue
        groups = match.groupdict()
        date = _iso_day(groups["day"], groups["month"], groups.get("year"))
        if date is None:
            continue
        span_end = start + match.end()
        matched = text[start:span_end].rstrip(" -–—./")
        return DatelineMatch(start, start + len(matched), name, _place_name(groups.get("place")),
                             date, (groups.get("agency") or "").strip(" /") or None)
    return None
