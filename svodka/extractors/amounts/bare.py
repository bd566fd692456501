"""Numbers with no unit and no noun: a count whose noun is elided, or something else.

"погибли 65 человек, 936 получили ранения", "ФСБ (207), МВД (98)", "против — 59": the
number counts things named before, so it is a count (NEREL train marks such numbers as
NUMBER in two thirds of the cases). It is no amount when it is a year, a time ("в 10.25"),
a list marker ("1. Принять ...", "(1)"), part of a code or of a date written with spaces
("от 21 10 2016"), or the first day of "в ночь с 15 на 16". After an age cue it is an age
("которому исполнилось 90", "Лаурентий, 27,"); before "и 36 лет" it shares the unit, and
after "122,17 балла у Бурова и" the unit the parallel phrase left out.
"""
from __future__ import annotations

import re

from svodka.extractors.amounts.words import unit_at
from svodka.extractors.numbers import Number, read_number

YEAR_LIKE = range(1800, 2100)
DIGIT_RUN = re.compile(r"\d+")
TIME = re.compile(r"^([01]?\d|2[0-3])\.[0-5]\d$")
LIST_ENDS = frozenset({".", ")"})
LIST_JOINTS = frozenset({"и", ",", "или"})
LIST_MAX = 5
GAP_JOINTS = frozenset({"и", ",", "а"})
GAP_WINDOW = 6
# words right before a bare number that make it an age: "мне 94", "исполнилось 90"
AGE_CUES = frozenset({"ему", "ей", "мне", "им", "кому", "исполнилось", "исполнится", "исполняется",
                      "стукнуло", "стукнет", "которому", "которой", "старше", "младше", "моложе"})
AGE_CUE_WINDOW = 4       # "ему тогда было уже за 80"
# "около 30 человек ... лет 30 уже": a number after "лет" is an approximate age or span
APPROXIMATE_AFTER = frozenset({"лет", "года", "минут", "часов", "дней"})
# "200 метров против 186": the second number of a comparison leaves out the first one's unit
CONTRASTS = frozenset({"против", "vs"})
# "115 на 15 метров", "3 x 4 м": the sides of a size share their length unit
DIMENSION_JOINTS = frozenset({"на", "x", "х", "×"})
LENGTHS = frozenset({"mm", "cm", "m", "km"})
# a range alone in brackets, both ends of 3 or 4 digits, is a span of years: "(636–907)"
YEAR_SPAN_DIGITS = range(3, 5)


def elided_count(s, number: Number) -> tuple[str, str | None, int] | None:
    """For a bare number written in digits: (kind, unit, stop) of the amount it is, or None
    when it is no amount."""
    tokens = s.analysis.tokens
    i, stop, value = number.first, number.stop, number.value
    text = tokens[i].text
    if isinstance(value, int) and value in YEAR_LIKE and len(text) == 4 or \
            number.to is not None and value in YEAR_LIKE and number.to in YEAR_LIKE:
        return None                      # a year the dates extractor left ("(1658-1716)")
    if _bracketed_years(s, number):
        return None                      # "Танской империи (636–907)", "Небриха (1441–1522)"
    if TIME.match(text):
        return None                      # "в 10.25 по московскому времени"
    following = tokens[stop].text if stop < s.end else ""
    if following[:1].isdecimal() or following[:1].isupper() and following.isalpha():
        return None                      # "от 21 10 2016"; "постановляю: 1 Отрешить ..."
    if following.lower() == "на" and stop + 1 < s.end and tokens[stop + 1].text.isdecimal():
        return None                      # "в ночь с 15 на 16 июля"
    if _list_marker(s, i, stop) or s.low(i - 1) in APPROXIMATE_AFTER:
        return None
    if _place_after_person(s, i, stop):
        return None                      # "Себастьен Лёб (1), Иван Мюллер (2)": places
    shared = _shared_unit(s, stop) or _gapped_unit(s, i, stop) or _contrasted_unit(s, i)
    if shared:
        return shared[0].kind, shared[0].code, stop
    if any(s.low(k) in AGE_CUES for k in range(max(s.floor, i - AGE_CUE_WINDOW), i)) or \
            _after_person_in_dative(s, i):
        return "other", "year", stop
    apposition = _apposition(s, i, stop)
    if apposition:                       # "Лаурентий, 27, из Горловки"; "ул. Останкинская, 35"
        return ("other", "year", stop) if apposition == "Anim" else None
    return "count", None, stop


def _bracketed_years(s, number: Number) -> bool:
    text = s.analysis.tokens[number.first].text
    ends = DIGIT_RUN.findall(text)
    return number.to is not None and s.low(number.first - 1) == "(" and \
        s.low(number.stop) == ")" and len(ends) == 2 and \
        all(len(end) in YEAR_SPAN_DIGITS for end in ends) and number.to <= max(YEAR_LIKE)


def _contrasted_unit(s, i: int):
    """ "длина 200 метров против 186": the unit of the measure right before "против"."""
    if s.low(i - 1) not in CONTRASTS:
        return None
    for k in range(i - 2, max(s.floor, i - 5) - 1, -1):
        before = read_number(s.analysis, k, s.end) if s.low(k)[:1].isdecimal() else None
        found = before and unit_at(s.analysis, s.after(before), s.end)
        if found:
            return found if found[1] == i - 1 else None
    return None


def _after_person_in_dative(s, i: int) -> bool:
    """ "Веронике Калининой только 18": a number right after a person's name in the dative
    (only a particle or a dash between) is the person's age."""
    tokens = s.analysis.tokens
    k = i - 1
    while k >= s.floor and i - k <= AGE_CUE_WINDOW and \
            (tokens[k].pos in ("PART", "ADV") or tokens[k].text in ("—", "–")):
        k -= 1
    return k >= s.floor and tokens[k].end in s.person_ends and \
        tokens[k].feats.get("Case") == "Dat"


def dimension_unit(s, stop: int):
    """ "полотно размером 115 на 15 метров": the first side of a size takes the length unit
    of the second."""
    if s.low(stop) not in DIMENSION_JOINTS:
        return None
    following = read_number(s.analysis, stop + 1, s.end)
    found = following and following.digits and unit_at(s.analysis, following.stop, s.end)
    return found if found and found[0].code in LENGTHS else None


def _list_marker(s, i: int, stop: int) -> bool:
    """ "1. Принять к сведению", "(1) ODS имеет ...": the number opens a sentence or a bracket
    with nothing before it."""
    opens = i == s.floor or i - 1 == s.floor and s.low(i - 1) == "("
    return opens and (s.low(stop) in LIST_ENDS or s.low(i - 1) == "(")


def _place_after_person(s, i: int, stop: int) -> bool:
    """A number alone in brackets right after a person's name, in a sentence whose such
    numbers run up one by one, is his place in a list ("Себастьен Лёб (1), Иван Мюллер (2),
    Хосе Мария Лопес (3)"), not a count; "Владимир Тарасенко (34) и Евгений Малкин (33)"
    (goals) and "ФСБ (207), МВД (98)" still count."""
    if not _bracketed_after_person(s, i, stop):
        return False
    tokens = s.analysis.tokens
    places = [int(tokens[k].text) for k in range(s.floor + 2, s.end - 1)
              if tokens[k].text.isdecimal() and _bracketed_after_person(s, k, k + 1)]
    return len(places) >= 2 and all(b == a + 1 for a, b in zip(places, places[1:]))


def _bracketed_after_person(s, i: int, stop: int) -> bool:
    if s.low(i - 1) != "(" or s.low(stop) != ")" or i - 2 < s.floor:
        return False
    return s.analysis.tokens[i - 2].end in s.person_ends


def _shared_unit(s, stop: int):
    """ "в 70 и 75 лет", "(10, 9 и 8 лет)": the unit after the last number of a list."""
    for _ in range(LIST_MAX):
        if s.low(stop) not in LIST_JOINTS:
            return None
        following = read_number(s.analysis, stop + 1, s.end)
        if following is None or not following.digits:
            return None
        found = unit_at(s.analysis, following.stop, s.end)
        if found:
            return found
        stop = following.stop
    return None


def _gapped_unit(s, i: int, stop: int):
    """ "122,17 балла у Бурова и 103,17 у Кротова": the second of two parallel phrases leaves
    out the unit; the same preposition after both numbers shows the parallel."""
    tokens = s.analysis.tokens
    if s.low(i - 1) not in GAP_JOINTS or stop >= s.end or tokens[stop].pos != "ADP":
        return None
    for k in range(i - 2, max(s.floor, i - 2 - GAP_WINDOW) - 1, -1):
        before = read_number(s.analysis, k, s.end) if tokens[k].text[:1].isdecimal() else None
        found = before and unit_at(s.analysis, before.stop, s.end)
        if found:                        # "5 млн рублей … и 7 в": the 7 is millions too, unsaid
            parallel = s.low(found[1]) == s.low(stop) and not before.multiplier
            return found if parallel else None
    return None


def _apposition(s, i: int, stop: int) -> str | None:
    """A name, then a number between commas: the name's animacy ("Anim" for "Лаурентий, 27,",
    "Inan" for a street's house number), or None."""
    tokens = s.analysis.tokens
    if i - 2 >= s.floor and s.low(i - 1) == "," and tokens[i - 2].text[:1].isupper() and \
            tokens[i - 2].pos in ("PROPN", "NOUN") and s.low(stop) in (",", ")", "."):
        return tokens[i - 2].feats.get("Animacy", "Inan")
    return None
