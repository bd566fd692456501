"""Calendar date rules: named pure functions ``(cursor, index, prefix) -> Found | None``.

``prefix`` is the preposition already read before ``index`` ("в", "в течение", or "").
Each rule looks a bounded number of tokens ahead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from svodka.data import month_numbers
from svodka.extractors.dates import values
from svodka.extractors.dates.values import Found, date_words, group_lemmas, relative_phrases
from svodka.extractors.numbers import lemma_of

NUMERIC_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
YEAR_GLUED = re.compile(r"^(1[89]\d\d|20\d\d)(?:г|гг)$")
YEAR_SUFFIXED = re.compile(r"^(1[89]\d\d|20\d\d)-(?:м|й|го|ом)$")       # "в 1997-м"
YEAR_RANGE = re.compile(r"^(1[89]\d\d|20\d\d)[-–—](1[89]\d\d|20\d\d|\d\d)$")
DECADE = re.compile(r"^(1[89]\d0|20\d0|\d0)-(?:х|е)$")
DAY_RANGE = re.compile(r"^(\d{1,2})[-–—](\d{1,2})$")
DASHES = ("-", "–", "—")
YEAR_WORDS = ("год", "года", "году", "годом", "годы", "годов", "годах", "годам", "г", "гг")

@dataclass(slots=True)
class Cursor:
    analysis: object
    first: int              # the sentence's first token
    stop: int               # after its last token
    published: date | None
    words: list[str] = field(default_factory=list)   # the sentence's tokens, lowercase

    def __post_init__(self) -> None:
        # razdel keeps the comma of "1958, 1962" on the number: it is read as if apart
        self.words = [token.text.lower().replace("ё", "е").removesuffix(",")
                      if token.text[:1].isdecimal() else token.text.lower().replace("ё", "е")
                      for token in self.analysis.tokens[self.first:self.stop]]

    def comma_after(self, i: int) -> bool:
        return self.low(i + 1) == "," or self.analysis.tokens[i].text.endswith(",")

    def low(self, i: int) -> str:
        return self.words[i - self.first] if self.first <= i < self.stop else ""

    def lemma_in(self, i: int, lemmas: frozenset[str]) -> str | None:
        """The lemma among ``lemmas`` that token ``i`` is a form of ("году" → "год")."""
        return lemma_of(self.low(i), lemmas, self.analysis.models.morph_vocab)

    def word(self, i: int, group: str) -> str | None:
        """The value ``date_words.tsv`` gives token ``i``'s lemma in ``group``."""
        lemma = self.lemma_in(i, group_lemmas(group))
        return date_words(group)[lemma] if lemma else None

    def year_word(self, i: int) -> int:
        """Index after an optional "года"/"г" at ``i`` (an abbreviation's period stays out,
        as NEREL marks it)."""
        return i + 1 if self.low(i) in YEAR_WORDS else i


def _day_number(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 31 else None


def _year_after(c: Cursor, i: int) -> tuple[int | None, int]:
    """An explicit year after a day or month: "2025 года", "2025 г", "прошлого года"."""
    match = YEAR.match(c.low(i)) or YEAR_GLUED.match(c.low(i)) or YEAR_SUFFIXED.match(c.low(i))
    if match:
        return int(match[1]), c.year_word(i + 1)
    offset = c.word(i, "anchor")
    if offset is not None and c.low(i + 1) == "года":
        return (c.published.year + int(offset) if c.published else None), i + 2
    return None, i


def numeric_day(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "27.11.2025", "24/06/2016"."""
    match = NUMERIC_DAY.match(c.low(i))
    if not match:
        return None
    year = values.full_year(match[3], 2000 if int(match[3]) < 50 else 1900)
    value = values.day(year, int(match[2]), int(match[1]))
    return Found(c.year_word(i + 1), "day", value, "numeric_day") if value else None


def day_span(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "с 25 по 29 июля 2013 года", "25-29 июля"."""
    ranged = DAY_RANGE.match(c.low(i))
    if ranged:
        first, last, at = int(ranged[1]), int(ranged[2]), i + 1
    elif c.low(i) in ("с", "со", "от") and _day_number(c.low(i + 1)) and \
            c.low(i + 2) in ("по", "до") and _day_number(c.low(i + 3)):
        first, last, at = int(c.low(i + 1)), int(c.low(i + 3)), i + 4
    else:
        return None
    month = month_numbers().get(c.low(at))
    if month is None or not first < last:
        return None
    year, end = _year_after(c, at + 1)
    year = year or (c.published.year if c.published else None)
    value = values.day_range(year, month, first, last)
    return Found(end, "range", value, "day_span") if value else None


def day_month(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "27 ноября", "5 июля 2017 года"."""
    day = _day_number(c.low(i))
    month = month_numbers().get(c.low(i + 1)) if day else None
    if month is None:
        return None
    year, end = _year_after(c, i + 2)
    year = year or (c.published.year if c.published else None)
    value = values.day(year, month, day)
    if c.low(end) == "," and c.low(end + 1) in ("в", "во") and \
            date_words("weekday").get(c.low(end + 2)) is not None:
        end += 3                       # "25 июля, в четверг"
    return Found(end, "day", value, "day_month") if value else None


def year_span(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "2024-2025 годах", "с 2019 по 2021 год", "с 2019 года по 2021 год"."""
    ranged = YEAR_RANGE.match(c.low(i))
    if ranged:
        first, last = int(ranged[1]), values.full_year(ranged[2], int(ranged[1]))
        end = c.year_word(i + 1)
    elif YEAR.match(c.low(i)) and c.low(i + 1) in DASHES and YEAR.match(c.low(i + 2)):
        first, last, end = int(c.low(i)), int(c.low(i + 2)), c.year_word(i + 3)
    elif c.low(i) in ("с", "со", "от") and YEAR.match(c.low(i + 1)):
        middle = c.year_word(i + 2)
        if c.low(middle) not in ("по", "до") or not YEAR.match(c.low(middle + 1)):
            return None
        first, last, end = int(c.low(i + 1)), int(c.low(middle + 1)), c.year_word(middle + 2)
    else:
        return None
    if last <= first:
        return None
    return Found(end, "range", f"{first}/{last}", "year_span")


def decade(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в 1990-х годах", "в начале 90-х"."""
    match = DECADE.match(c.low(i))
    if not match:
        return None
    start = values.full_year(match[1], 1900)
    return Found(c.year_word(i + 1), "range", f"{start}/{start + 9}", "decade")


def month_year(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в марте 2023 года", "в июне прошлого года"; a month alone after a preposition."""
    month = month_numbers().get(c.low(i))
    if month is None:
        return None
    year, end = _year_after(c, i + 1)
    if end == i + 1:
        if not prefix:
            return None
        year = c.published.year if c.published else None
    return Found(end, "month", values.month(year, month), "month_year")


def year(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в 2024 году", "2009г", "в 1997-м"; a bare year after a preposition or in brackets."""
    glued = YEAR_GLUED.match(c.low(i)) or YEAR_SUFFIXED.match(c.low(i))
    if glued:
        return Found(i + 1, "year", glued[1], "year")
    if not YEAR.match(c.low(i)):
        return None
    end = c.year_word(i + 1)
    if end > i + 1:
        return Found(end, "year", c.low(i), "year")
    if _year_list_ends(c, i):
        return Found(i + 1, "year", c.low(i), "year_list")
    previous = c.analysis.tokens[i - 1].text if i > c.first else ""
    following = "," if c.comma_after(i) else c.low(i + 1)
    if not (prefix or previous == "(" or following in (")", ",")):
        return None
    if following.isalpha() and c.analysis.tokens[i + 1].pos == "NOUN":
        return None                    # "в 2000 раз", "2000 человек"
    return Found(i + 1, "year", c.low(i), "bare_year")


def _year_list_ends(c: Cursor, i: int) -> bool:
    """ "в 1958, 1962 и 1970 годах": a year in a list that ends with "годах"."""
    at = i
    for _ in range(6):
        glued = c.analysis.tokens[at].text.endswith(",")
        following = at + 1 if glued else at + 2
        if not (glued or c.low(at + 1) in (",", "и")) or not YEAR.match(c.low(following)):
            return False
        at = following
        if c.low(at + 1) in YEAR_WORDS:
            return True
    return False


def season(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "летом 2016 года", "этим летом" → the year (ISO 8601 has no seasons)."""
    offset = c.word(i, "anchor")
    at = i + 1 if offset is not None else i
    if c.word(at, "season") is None:
        return None
    if offset is not None:
        year_value = values.shifted(c.published, "Y", int(offset))
        return Found(at + 1, "season", year_value, "season")
    year_number, end = _year_after(c, at + 1)
    if end == at + 1:
        return None
    return Found(end, "season", str(year_number) if year_number else None, "season")


def anchored(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в прошлом году", "на этой неделе", "в следующем месяце"."""
    offset = c.word(i, "anchor")
    unit = c.word(i + 1, "unit")
    if offset is None or unit is None or unit == "D":
        return None
    return Found(i + 2, "relative", values.shifted(c.published, unit, int(offset)), "anchored")


def relative_phrase(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "вчера", "на днях"; "Вчера, 16 августа 2016 года" is that day."""
    for words, days in relative_phrases().get(c.low(i), ()):
        if all(c.low(i + k) == word for k, word in enumerate(words)):
            end = i + len(words)
            exact = day_month(c, end + 1, "") if c.low(end) == "," else None
            if exact:
                return Found(exact.stop, "day", exact.value, "relative_day")
            value = None if days == "-" else values.shifted(c.published, "D", int(days))
            return Found(end, "relative", value, "relative_phrase")
    return None


def weekday(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "во вторник" → the latest Tuesday on or before publication; with a day, that day."""
    anchor = c.word(i, "anchor") is not None       # "в минувшее воскресенье"
    number = date_words("weekday").get(c.low(i + 1 if anchor else i))
    if number is None:
        return None
    i = i + 1 if anchor else i
    after = i + 2 if c.low(i + 1) in (",", "—", "-") else i + 1
    exact = day_month(c, after, "")
    if exact:
        return Found(exact.stop, "day", exact.value, "weekday_day")
    return Found(i + 1, "weekday", values.last_weekday(c.published, int(number)), "weekday")
