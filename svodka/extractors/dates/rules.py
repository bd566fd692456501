"""Calendar date rules: named pure functions ``(cursor, index, prefix) -> Found | None``.

``prefix`` is the preposition already read before ``index`` ("в", "в течение", or "").
Each rule looks a bounded number of tokens ahead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from svodka.analysis import Analysis
from svodka.data import month_numbers
from svodka.extractors.dates import values
from svodka.extractors.dates.values import Found, date_words, group_lemmas, relative_phrases
from svodka.extractors.numbers import lemma_of
from svodka.text import DASHES as _DASHES
from svodka.text import fold_word

NUMERIC_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# an older year counts only with a year word after it: "основана в 1592 году"
OLD_YEAR = re.compile(r"^(1[0-7]\d\d)$")
YEAR_GLUED = re.compile(r"^(1[89]\d\d|20\d\d)(?:г|гг)$")
YEAR_SUFFIXED = re.compile(r"^(1[89]\d\d|20\d\d)-(?:м|й|го|ом)$")       # "в 1997-м"
SHORT_YEAR_SUFFIXED = re.compile(r"^(\d\d)-(?:м|й|го|ом)$")                # "37-го года"
YEAR_RANGE = re.compile(r"^(1[89]\d\d|20\d\d)[-–—](1[89]\d\d|20\d\d|\d\d)$")
# years of a life or a reign alone in brackets: "Небриха (1441–1522)", "Танская империя (636–907)"
BRACKETED_YEARS = re.compile(r"^(\d{3,4})[-–—](\d{3,4})$")
SEASON_YEARS = re.compile(r"^(1[89]\d\d|20\d\d)/(\d\d)$")      # "сезона 2016/17"
DECADE = re.compile(r"^(1[89]\d0|20\d0|\d0)-(?:х|е)$")
DAY_RANGE = re.compile(r"^(\d{1,2})[-–—](\d{1,2})$")
DASHES = tuple(_DASHES)
DAY_LIST_JOINTS = ("и", "или", ",")
YEAR_WORDS = ("год", "года", "году", "годом", "годы", "годов", "годах", "годам", "г", "гг")
PLURAL_YEAR_WORDS = ("годы", "годов", "годах", "годам", "годами", "гг")
# Roman numerals of centuries, in Latin letters or with the Cyrillic "Х" typed for "X"
ROMAN_DIGITS = "IVXХ"
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "Х": 10}
ROMAN = re.compile(r"^[IVXХ]{1,6}$")
CENTURY = frozenset({"век"})
# a year glued to an event's name: "ЧМ-2018", "Олимпиаде-2016", "ЕГЭ-2013"
EVENT_YEAR = re.compile(r"^[^\W\d_]{2,}-((?:19|20)\d\d)$")
# "сегодня" dates a reported event ("решение было принято сегодня"), or means "nowadays"
# ("без самоиронии сегодня не выживешь"); NEREL train marks 28 of 79, 25 of them with a past
# or perfective verb
NOWADAYS = frozenset({"сегодня"})
# nouns a bare number after which is a quantity, not a year: "в размере 2000", "тиражом 1900"
QUANTITY_NOUNS = frozenset({"размер", "сумма", "количество", "число", "тираж", "объем", "рейтинг",
                            "номер", "цена", "стоимость", "итог", "счет", "население", "высота",
                            "глубина", "длина", "вес", "площадь", "мощность", "скорость"})
# "прошедшая/минувшая неделя" is the week that has passed: in a weekend's article (the weekly
# reviews of ng.ru, 13 of 32 uses in ng_0/ng_1 on a Sunday) the week now ending, not the one before
ENDED_ANCHORS = frozenset({"прошедший", "минувший"})
WEEKEND = 5                            # date.weekday() of Saturday
SEASON_ADVERBS = frozenset({"весной", "летом", "осенью", "зимой"})
PLURAL_ENDINGS = ("ые", "ых", "ым", "ыми")

@dataclass(slots=True)
class Cursor:
    analysis: Analysis
    first: int              # the sentence's first token
    stop: int               # after its last token
    published: date | None
    words: list[str] = field(default_factory=list)   # the sentence's tokens, lowercase

    def __post_init__(self) -> None:
        # razdel keeps the comma of "1958, 1962" on the number: it is read as if apart
        self.words = [fold_word(token.text).removesuffix(",")
                      if token.text[:1].isdecimal() else fold_word(token.text)
                      for token in self.analysis.tokens[self.first:self.stop]]

    def comma_after(self, i: int) -> bool:
        return self.low(i + 1) == "," or self.analysis.tokens[i].text.endswith(",")

    def low(self, i: int) -> str:
        return self.words[i - self.first] if self.first <= i < self.stop else ""

    def lemma_in(self, i: int, lemmas: frozenset[str]) -> str | None:
        """The lemma among ``lemmas`` that token ``i`` is a form of ("году" → "год")."""
        return lemma_of(self.low(i), lemmas, self.analysis.morph)

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
    if match is None and c.low(i + 1) in YEAR_WORDS:
        match = OLD_YEAR.match(c.low(i))          # "26 февраля 1712 года"
        short = SHORT_YEAR_SUFFIXED.match(c.low(i))
        if short:                                 # "в мае 37-го года": not after publication
            latest = c.published.year if c.published else 1999
            year = latest - latest % 100 + int(short[1])
            return (year if year <= latest else year - 100), i + 2
    if match:
        return int(match[1]), c.year_word(i + 1)
    offset = c.word(i, "anchor")
    if offset is not None and c.low(i + 1) == "года":
        return (c.published.year + int(offset) if c.published else None), i + 2
    if (c.low(i), c.low(i + 1), c.low(i + 2)) == ("с", ".", "г"):
        return (c.published.year if c.published else None), i + 3     # "31 января с. г."
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
    guessed = year is None and c.published is not None
    year = year or (c.published.year if c.published else None)
    value = values.day_range(year, month, first, last)
    return Found(end, "range", value, "day_span", year_guessed=guessed) if value else None


def day_month(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "27 ноября", "5 июля 2017 года"."""
    day = _day_number(c.low(i))
    month = month_numbers().get(c.low(i + 1)) if day else None
    if day and month is None and c.low(i + 1) in DAY_LIST_JOINTS:
        following = day_month(c, i + 2, "")   # "17 и 21 апреля": the month of the list's end
        if following and following.value:
            value = values.day(None, int(following.value[-5:-3]), day)
            if value and following.value[:4].isdecimal():
                value = following.value[:5] + value[2:]
            return Found(i + 1, "day", value, "day_list",
                         year_guessed=following.year_guessed) if value else None
    if month is None:
        return None
    year, end = _year_after(c, i + 2)
    guessed = year is None and c.published is not None
    year = year or (c.published.year if c.published else None)
    value = values.day(year, month, day)
    if c.low(end) == "," and c.low(end + 1) in ("в", "во") and \
            date_words("weekday").get(c.low(end + 2)) is not None:
        end += 3                       # "25 июля, в четверг"
    return Found(end, "day", value, "day_month", year_guessed=guessed) if value else None


def year_span(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "2024-2025 годах", "с 2019 по 2021 год", "с 2019 года по 2021 год"."""
    ranged = YEAR_RANGE.match(c.low(i)) or SEASON_YEARS.match(c.low(i))
    if ranged:
        first, last = int(ranged[1]), values.full_year(ranged[2], int(ranged[1]))
        end = c.year_word(i + 1)
        if "/" in c.low(i) and last != first + 1:
            return None                # a season spans two consecutive years
    elif YEAR.match(c.low(i)) and c.low(i + 1) in DASHES and YEAR.match(c.low(i + 2)):
        first, last, end = int(c.low(i)), int(c.low(i + 2)), c.year_word(i + 3)
    elif c.low(i) in ("с", "со", "от") and YEAR.match(c.low(i + 1)):
        middle = c.year_word(i + 2)
        if c.low(middle) not in ("по", "до") or not YEAR.match(c.low(middle + 1)):
            return None
        first, last, end = int(c.low(i + 1)), int(c.low(middle + 1)), c.year_word(middle + 2)
    elif c.low(i - 1) == "(" and c.low(i + 1) == ")" and BRACKETED_YEARS.match(c.low(i)):
        ranged = BRACKETED_YEARS.match(c.low(i))
        first, last, end = int(ranged[1]), int(ranged[2]), i + 1
        if c.published is not None and last > c.published.year:
            return None
    else:
        return None
    if last <= first or _counted_after(c, end):
        return None
    return Found(end, "range", f"{first:04d}/{last:04d}", "year_span")


def _counted_after(c: Cursor, i: int) -> bool:
    """ "в коридоре 2015—2022 пункта": a genitive noun right after two numbers is what they
    count (index points, dollars), so they are no years."""
    if not c.first <= i < c.stop or c.low(i) in YEAR_WORDS:
        return False
    token = c.analysis.tokens[i]
    return token.pos == "NOUN" and token.feats.get("Case") == "Gen" and token.text.islower()


def decade(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в 1990-х годах", "в начале 90-х"."""
    match = DECADE.match(c.low(i))
    if not match:
        return None
    end = c.year_word(i + 1)
    start = values.full_year(match[1], 1900)
    century_start, end = _century_after(c, end)
    if century_start is not None and len(match[1]) == 2:
        start = century_start + int(match[1])
    return Found(end, "range", f"{start}/{start + 9}", "decade")


def decade_words(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в девяностые годы", "в девяностых", "в девяностые годы двадцатого века"."""
    tens = c.word(i, "decade") if c.low(i).endswith(PLURAL_ENDINGS) else None
    if tens is None:
        return None
    end = i + 2 if c.low(i + 1) in PLURAL_YEAR_WORDS else i + 1
    if end == i + 1 and not prefix:
        return None                    # "нулевые показатели"
    century_start, end = _century_after(c, end)
    if century_start is None:
        century_start = 2000 if tens == "0" else 1900
    start = century_start + int(tens)
    return Found(end, "range", f"{start}/{start + 9}", "decade_words")


def _century_after(c: Cursor, i: int) -> tuple[int | None, int]:
    """ "двадцатого века", "XX века", "прошлого века" after a decade: the century's first year
    (None when unknown) and the index after it."""
    if not c.lemma_in(i + 1, CENTURY):
        return None, i
    number = _century_number(c, i)
    if number:
        return (number - 1) * 100, i + 2
    offset = c.word(i, "anchor")
    if offset is None:
        return None, i
    known = c.published and (c.published.year // 100 + int(offset)) * 100
    return known or None, i + 2


def _century_number(c: Cursor, i: int) -> int | None:
    """ "XX" → 20, "ХХ" (Cyrillic) → 20, "двадцатого" → 20."""
    text = c.analysis.tokens[i].text if c.first <= i < c.stop else ""
    if ROMAN.match(text):
        return _roman(text)
    number = c.word(i, "ordinal")
    return int(number) if number else None


def _roman(text: str) -> int:
    values_ = [ROMAN_VALUES[letter] for letter in text]
    return sum(-v if k + 1 < len(values_) and v < values_[k + 1] else v
               for k, v in enumerate(values_))


def century(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в XX веке", "с XIV века", "двадцатого века" → "1901/2000"."""
    if not c.low(i + 1).startswith("век") or not c.lemma_in(i + 1, CENTURY):
        return None
    number = _century_number(c, i)
    value = values.century(number) if number else None
    return Found(i + 2, "range", value, "century") if value else None


def year_part(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "во втором квартале 2014 года" → "2014-04/2014-06", "первого полугодия 2016 года"."""
    if not c.low(i + 1).startswith(("квартал", "полугоди")):
        return None
    number, months = c.word(i, "ordinal"), c.word(i + 1, "part")
    if number is None or months is None or int(number) * int(months) > 12:
        return None
    year_number, end = _year_after(c, i + 2)
    if end == i + 2:
        return None                    # "в четвертом квартале города" is a block of houses
    last = int(number) * int(months)
    value = values.months_span(year_number, last - int(months) + 1, last)
    return Found(end, "range", value, "year_part")


def month_span(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в ноябре-декабре этого года", "август — сентябрь 2014", "в ноябре или декабре"."""
    first_word, dash, last_word = c.low(i).partition("-")
    if dash:
        end = i + 1
    elif c.low(i + 1) in DASHES + ("или",):
        first_word, last_word, end = c.low(i), c.low(i + 2), i + 3
    else:
        return None
    first, last = month_numbers().get(first_word), month_numbers().get(last_word)
    if first is None or last is None:
        return None
    year_number, stop = _year_after(c, end)
    if stop == end:
        if not prefix:
            return None
        year_number = c.published.year if c.published else None
    value = values.months_span(year_number, first, last)
    guessed = stop == end and c.published is not None
    return Found(stop, "range", value, "month_span", year_guessed=guessed) if value else None


def event_year(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "на ЧМ-2018", "Олимпиаде-2016": the year of a named event; the span is the year."""
    match = EVENT_YEAR.match(c.analysis.tokens[i].text) if "-" in c.low(i) else None
    if not match or prefix:
        return None
    return Found(i + 1, "year", match[1], "event_year", skip_chars=match.start(1))


def date_adjective(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "после субботней встречи", "в декабрьском интервью", "прошлогоднего чемпионата"."""
    code = c.word(i, "adjective")
    token = c.analysis.tokens[i] if code else None
    if token is None or not token.text.islower() or token.pos != "ADJ":
        return None
    unit, number = code[0], int(code[1:])
    if unit == "D":                    # "на сегодняшний день", "с сегодняшнего дня"
        if c.word(i + 1, "unit") != "D":
            return None                # "вызовы сегодняшнего мира"
        return Found(i + 2, "relative", values.shifted(c.published, unit, number),
                     "date_adjective")
    if prefix:
        return None                    # "в декабрьском интервью": the date is the adjective
    if unit == "M":
        return Found(i + 1, "month", values.month(c.published.year if c.published else None,
                                                  number), "date_adjective")
    if unit == "W":
        return Found(i + 1, "weekday", values.last_weekday(c.published, number), "date_adjective")
    return Found(i + 1, "relative", values.shifted(c.published, unit, number), "date_adjective")


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
    return Found(end, "month", values.month(year, month), "month_year",
                 year_guessed=end == i + 1 and c.published is not None)


def year(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в 2024 году", "2009г", "в 1997-м"; a bare year after a preposition or in brackets."""
    glued = YEAR_GLUED.match(c.low(i)) or YEAR_SUFFIXED.match(c.low(i))
    if glued:
        return Found(i + 1, "year", glued[1], "year")
    if OLD_YEAR.match(c.low(i)) and c.low(i + 1) in YEAR_WORDS and c.low(i + 1) not in ("г", "гг"):
        return Found(i + 2, "year", c.low(i), "year")
    if not YEAR.match(c.low(i)):
        return None
    end = c.year_word(i + 1)
    if end > i + 1:
        return Found(end, "year", c.low(i), "year")
    if _year_list_ends(c, i):
        return Found(i + 1, "year", c.low(i), "year_list")
    previous = c.analysis.tokens[i - 1].text if i > c.first else ""
    following = "," if c.comma_after(i) else c.low(i + 1)
    if not (prefix or previous == "(" or following in (")", ",") or _names_an_edition(c, i)
            or _imprint_year(c, i)):
        return None
    if following.isalpha() and c.analysis.tokens[i + 1].pos == "NOUN":
        return None                    # "в 2000 раз", "2000 человек"
    return Found(i + 1, "year", c.low(i), "bare_year")


def _names_an_edition(c: Cursor, i: int) -> bool:
    """ "на Кубке конфедераций 2017", "лауреат Нобелевской премии мира 1993", «Сандэнс» 2013:
    a year after a name or a noun is the edition's year (NEREL train: 37 of 37)."""
    before = c.analysis.tokens[i - 1] if i > c.first else None
    if before is None or not c.low(i).startswith(("19", "20")) or c.low(i + 1) in DASHES:
        return False
    if before.text in ("»", '"'):
        return True
    return before.pos in ("NOUN", "PROPN") and c.lemma_in(i - 1, QUANTITY_NOUNS) is None


def _imprint_year(c: Cursor, i: int) -> bool:
    """ "М.: Вече, 2017. – 368 с.": a book's imprint, the year between the publisher and the
    page count."""
    after = [token.text.lower() for token in c.analysis.tokens[i + 1:i + 5]]
    # the page count is past the sentence's end, so the tokens are read beyond the cursor
    return i > c.first and c.low(i - 1) == "," and len(after) == 4 and after[0] == "." and \
        after[1] in DASHES and after[2].isdecimal() and after[3] in ("с", "стр")


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
        if not (prefix or c.low(at) in SEASON_ADVERBS):
            return None                # «Пражская весна»
        year_number = c.published.year if c.published else None
    return Found(end, "season", str(year_number) if year_number else None, "season")


def anchored(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "в прошлом году", "на этой неделе", "в следующем месяце"."""
    offset = c.word(i, "anchor")
    if offset is None:
        return None
    month = month_numbers().get(c.low(i + 1))
    if month:                          # "в следующем мае"
        year_number = c.published.year + int(offset) if c.published else None
        return Found(i + 2, "month", values.month(year_number, month), "anchored_month")
    unit = c.word(i + 1, "unit")
    if unit is None or unit == "D" or unit == "-" and not prefix:
        return None                    # "в прошлом сезоне", but «Нынешний сезон сериала»
    length = values.unit_length(unit)  # "в прошлом сезоне", "в этом десятилетии": no value
    if unit == "W" and c.lemma_in(i, ENDED_ANCHORS) and c.published and \
            c.published.weekday() >= WEEKEND:
        offset = "0"                   # a Sunday's "на прошедшей неделе" is the week now ending
    value = values.shifted(c.published, unit, int(offset)) if length == (1, unit) else None
    return Found(i + 2, "relative", value, "anchored")


def relative_phrase(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "вчера", "на днях"; "Вчера, 16 августа 2016 года" is that day."""
    phrases = relative_phrases()
    for words, days in phrases.get((c.low(i), c.low(i + 1)), []) + phrases.get((c.low(i), ""), []):
        if all(c.low(i + k) == word for k, word in enumerate(words)):
            end = i + len(words)
            exact = day_month(c, end + 1, "") if c.low(end) == "," else None
            if exact:
                return Found(exact.stop, "day", exact.value, "relative_day")
            if c.low(i) in NOWADAYS and not _past_event(c, i):
                return None            # "альянс, который сегодня более сплоченный"
            value = None if days == "-" else values.shifted(c.published, "D", int(days))
            return Found(end, "relative", value, "relative_phrase")
    return None


def _past_event(c: Cursor, i: int) -> bool:
    """Whether token ``i`` depends on a verb of one event: past tense or perfective
    ("принято сегодня", "сегодня откроется"), not a present state ("сегодня не выживешь")."""
    head = c.analysis.tokens[i].head
    feats = c.analysis.tokens[head].feats if head >= 0 else {}
    return feats.get("Tense") == "Past" or feats.get("Aspect") == "Perf"


def weekday(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "во вторник" → the latest Tuesday on or before publication; with a day, that day."""
    if prefix.startswith("кажд") or i > 0 and c.low(i - 1).startswith("кажд"):
        return None                                 # "каждый четверг": a habit, no one day
    if c.lemma_in(i - 1, group_lemmas("feast")):
        return None                                 # "в Великую субботу": a feast, no weekday
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
