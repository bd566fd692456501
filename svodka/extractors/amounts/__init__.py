"""Amounts: sums of money, percents, counts, shares and measurements, with their context.

Rules are named pure functions tried in order at each token (``RULES``); the first match
wins and the scan goes on after it, so the whole text reads in linear time. A rule returns
amount candidates, or a ``Skip`` for a number that is a label ("статья 105", "10-летию").
Tokens inside a date (``dates``) are never read as amounts. Definitions follow
``annotation-guidelines.md``; details in ``docs/amounts.md``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from svodka.analysis import Analysis
from svodka.extractors.amounts import context
from svodka.extractors.amounts.bare import dimension_unit, elided_count
from svodka.extractors.amounts.grammar import is_ordinal, may_be_genitive_plural
from svodka.extractors.amounts.labels import is_label
from svodka.extractors.amounts.words import (adjective_stems, after_change_verb, forms,
                                             fraction_words, in_idiom, is_change_word,
                                             qualifier_before, skip_period, subunits, symbol_unit,
                                             unit_at, unit_parts)
from svodka.extractors.numbers import (FRACTION_NOUNS, Number, multiplier_at, number_word,
                                      read_number, split_compound)
from svodka.extractors.dates.values import group_lemmas
from svodka.record import Amount, DateRef
from svodka.text import DASHES


@dataclass(slots=True)
class Candidate:
    first: int
    stop: int
    kind: str
    value: float | int
    unit: str | None = None
    of: float | int | None = None
    to: float | int | None = None
    noun: str | None = None
    approx: str | None = None
    rule: str = ""


@dataclass(slots=True)
class Scan:
    analysis: Analysis
    floor: int                   # first token of the sentence
    limit: int                   # index of the next token that belongs to a date (or sentence end)
    ner_tokens: set[int] = field(default_factory=set)
    end: int = 0                 # index after the sentence's last token (dates included)
    person_ends: frozenset[int] = frozenset()   # where the text's person names end

    def low(self, i: int) -> str:
        return self.analysis.tokens[i].text.lower() if self.floor <= i < self.limit else ""

    def after(self, number: Number) -> int:
        """The token after a number; "5 тыс. голосов": the period belongs to the multiplier's
        abbreviation."""
        return skip_period(self.analysis, number.stop, self.limit) if number.multiplier \
            else number.stop


SKIP = "skip"
# how many tokens before "на 100" the rate's own number may stand
RATE_WINDOW = 4
FRACTION_STEMS = ("трет", "четверт", "полов")
ORDINAL_LOOKALIKES = frozenset({"третью"})   # "перенес третью операцию"
# "53 г. до н.э.": a year of an era, not grams
ERA = re.compile(r"^\s*(?:до\s+)?н\.\s?э\.")
# "к 2100 году": four digits before a singular year word are a year the dates left, not an
# age; "40 тыс. лет назад", "10 000 лет", "2000 лет" stay amounts of years
YEAR_FROM = 1000
YEAR_OF_LIFE = re.compile(r"^(\d{1,3})-м$")
SPACED_NUMBER = re.compile(r"^(\d{1,3})(?:-ти|-х|-ми)?$")   # "13-ти летний"
# "еще один", "ни одного", "хотя бы один": an addition or a negation, not a count of one
ONE_NOT_COUNTED_AFTER = frozenset({"еще", "ещё", "ни", "бы", "и", "в", "за", "по"})
# "Один удар был низким, другой был пограничным": how far "другой" answers "один"
OTHER_WINDOW = 8
# "две трети плюс один голос": arithmetic, not a preposition before "один"
ARITHMETIC = frozenset({"плюс", "минус"})
# "один день" is a date, "в одно время" an idiom
ONE_NOT_COUNTED = frozenset({"время", "раз", "день", "год", "месяц", "неделя", "час", "минута",
                             "секунда", "сутки", "момент", "сторона", "слово", "целое", "утро", "вечер",
                             "ночь", "утром", "вечером", "ночью"})


@dataclass(slots=True)
class Skip:
    """Tokens that hold a number but no amount (a label, a score); the scan jumps past them."""
    stop: int


# --- rules: (scan, index) -> list[Candidate] | Skip | None ---------------------------------

def compound_adjective(s: Scan, i: int):
    """ "66-летний", "пятилетний" → years (an age), "50-процентный" → 50%, "10-летию" → none;
    also written apart: "28 летний", "13-ти летний", "54 процентным"."""
    tokens = s.analysis.tokens
    compounds = [(split_compound(tokens[i].text, s.analysis.morph), i + 1)]
    spaced = tokens[i].text[:1].isdecimal() and SPACED_NUMBER.match(tokens[i].text)
    if spaced and i + 1 < s.limit and tokens[i + 1].start - tokens[i].end == 1 and \
            tokens[i + 1].pos == "ADJ" and unit_at(s.analysis, i + 1, s.limit) is None:
        # but "20 долларов" is a sum, "2 процентных пункта" a unit
        compounds.append(((int(spaced[1]), tokens[i + 1].text.lower()), i + 2))
    for compound, stop in compounds:
        if compound is None:
            continue
        value, rest = compound
        if tokens[i].pos == "ADV":
            return Skip(stop)            # "стопроцентно пройти": surely, not 100%
        for stem, unit, kind in adjective_stems():
            if rest.startswith(stem):
                if kind == SKIP:
                    return Skip(stop)
                return [Candidate(i, stop, kind, value, unit, rule="compound_adjective")]
    return None


def year_of_life(s: Scan, i: int):
    """ "умер на 97-м году жизни" → an age of 96 years (the 97th year of life is age 96); the
    span keeps "на", as NEREL train marks it (14 of 19)."""
    match = YEAR_OF_LIFE.match(s.analysis.tokens[i].text) if s.low(i)[:1].isdecimal() else None
    if not match or s.low(i + 1) != "году" or s.low(i + 2) != "жизни":
        return None
    first = i - 1 if s.low(i - 1) == "на" else i
    return [Candidate(first, i + 2, "other", int(match[1]) - 1, "year", rule="year_of_life")]


def symbol_money(s: Scan, i: int):
    """ "$22 за тонну", "€1,5 млн"."""
    unit = symbol_unit(s.analysis.tokens[i].text)
    if unit is None or i + 1 >= s.limit:
        return None
    number = read_number(s.analysis, i + 1, s.limit)
    if number is None or not number.digits:
        return None
    approx = "range" if number.to is not None else None
    end = s.after(number)
    upper = _signed_upper(s, end, unit.code) if number.to is None else None
    if upper is not None:               # "$51,80 — $51,97" is one range
        return [Candidate(i, s.after(upper), "money", _range_lower(number, upper), unit.code,
                          to=upper.value, approx="range", rule="symbol_range")]
    return [Candidate(i, end, "money", number.value, unit.code, to=number.to,
                      approx=approx, rule="symbol_money")]


def _range_lower(lower: Number, upper: Number) -> float | int:
    """ "от 5 до 7 млн": the lower bound takes the upper's multiplier when it has none."""
    scaled = lower.value * upper.multiplier if upper.multiplier and not lower.multiplier \
        else lower.value
    return _tidy(scaled if scaled <= upper.value else lower.value)   # "от 300 до 3 тыс."


def _signed_upper(s: Scan, at: int, code: str) -> Number | None:
    """The second sum of "$51,80 — $51,97": a dash, the same currency sign, digits."""
    tokens = s.analysis.tokens
    if at + 2 >= s.limit or tokens[at].text not in DASHES:
        return None
    sign = symbol_unit(tokens[at + 1].text)
    if sign is None or sign.code != code:
        return None
    upper = read_number(s.analysis, at + 2, s.limit)
    return upper if upper is not None and upper.digits and upper.to is None else None


def from_to(s: Scan, i: int):
    """ "от 5 до 7 млн рублей" is one range; "ставка снижена с 7,5% до 7%" is two amounts (a
    value before and after a change) — in news «с … до» nearly always is, even when the verb
    of change stands clauses away ("вырос более чем вдвое, с 313 до 766 млрд"). The exception
    is an age: "в возрасте с 15 до 25 лет", "граждане с 60 до 64 лет" is one range."""
    opener = s.low(i)
    if opener not in ("от", "с", "со") or i + 1 >= s.limit:
        return None
    # "от $1,5 тыс. до $73 тыс.": a currency sign before each number
    sign = symbol_unit(s.analysis.tokens[i + 1].text)
    lower = read_number(s.analysis, i + 2 if sign else i + 1, s.limit)
    if lower is None or is_label(s, lower):
        return None
    after_lower = s.after(lower)
    lower_unit = (sign, after_lower) if sign else unit_at(s.analysis, after_lower, s.limit)
    middle = lower_unit[1] if lower_unit else after_lower
    if s.low(middle) != "до" or middle + 1 >= s.limit:
        return None
    upper_sign = symbol_unit(s.analysis.tokens[middle + 1].text)
    if sign and upper_sign and upper_sign.code != sign.code:
        return None
    upper = read_number(s.analysis, middle + 2 if upper_sign else middle + 1, s.limit)
    if upper is None:
        return None
    upper_end, unit = _unit_after(s, upper)
    if upper_sign and unit is None:
        unit = upper_sign
        upper_end = s.after(upper)
    if unit is None and lower_unit is None:
        if opener != "от":
            return Skip(upper.stop) if _clock_hours(s, lower, upper) else None
        return _count_range(s, i, lower, upper)
    unit = unit or lower_unit[0]
    if opener == "от" or _age_range(s, i, unit):
        return [Candidate(i, upper_end, unit.kind, _range_lower(lower, upper), unit.code,
                          to=upper.value, approx="range", rule="from_to")]
    return [Candidate(lower.first, middle, unit.kind, lower.value, unit.code, to=lower.to,
                      approx="range" if lower.to is not None else "exact", rule="change_from"),
            Candidate(upper.first, upper_end, unit.kind, upper.value, unit.code, to=upper.to,
                      approx="range" if upper.to is not None else "exact", rule="change_to")]


def _age_range(s: Scan, opener: int, unit) -> bool:
    """Years after "возраст" or a noun of people, in a sentence that names no change."""
    if unit.code != "year" or opener == 0:
        return False
    analysis = s.analysis
    before = analysis.tokens[opener - 1]
    if before.pos != "NOUN" or not (before.feats.get("Animacy") == "Anim"
                                    or analysis.lemma(opener - 1) == "возраст"):
        return False
    return not _sentence_names_change(analysis, opener)


def _clock_hours(s: Scan, lower: Number, upper: Number) -> bool:
    """ "поэты работают с девяти до шести": hours of the day spelled out, in a sentence that
    names no change ("сократили с девяти до шести" would be two counts)."""
    if lower.digits or upper.digits or lower.multiplier or upper.multiplier or \
            not 0 < lower.value <= 24 or not 0 < upper.value <= 24 or \
            _counted_noun(s, upper) is not None:
        return False
    return not _sentence_names_change(s.analysis, lower.first)


def _sentence_names_change(analysis, token: int) -> bool:
    sentence = analysis.sentences[analysis.tokens[token].sent]
    return any(is_change_word(analysis, k) for k in range(sentence.first, sentence.stop))


def _count_range(s: Scan, i: int, lower: Number, upper: Number):
    noun = _counted_noun(s, upper)
    if noun is None and not (lower.digits and upper.digits and s.low(s.after(upper)) in (")", ".", ",")):
        return None                      # "(по разным данным, от 40 до 60)": the noun is before
    return [Candidate(i, s.after(upper), "count", _range_lower(lower, upper), to=upper.value,
                      noun=s.analysis.tokens[noun].text if noun is not None else None,
                      approx="range", rule="from_to")]


def every_nth(s: Scan, i: int):
    """ "каждый третий" → 1 of 3."""
    if not s.low(i).startswith("кажд") or i + 1 >= s.limit:
        return None
    denominator = fraction_words().get(forms(s.analysis, i + 1)[1])
    if not denominator:
        return None
    return [Candidate(i, i + 2, "share", 1, of=denominator, rule="every_nth")]


def lone_fraction(s: Scan, i: int):
    """ "сменится треть сената", "урезан на четверть", "четверть миллиона" → 1 of 4 (250000)."""
    tokens = s.analysis.tokens
    if not s.low(i).startswith(FRACTION_STEMS):
        return None                      # a cheap test first: this runs at every token
    low, normal = forms(s.analysis, i)
    if normal not in FRACTION_NOUNS or tokens[i].pos != "NOUN" or low in ORDINAL_LOOKALIKES:
        return None
    before = tokens[i - 1] if i > s.floor else None
    if before is not None and (before.pos in ("ADJ", "NUM", "DET") or s.low(i - 1) in ("с", "в")):
        return None                      # "во второй половине", "три с половиной", "в половине"
    if i + 1 < len(tokens) and forms(s.analysis, i + 1)[1] in group_lemmas("unit"):
        return None                      # "четверть века назад" is a time, the dates' part
    denominator = fraction_words()[normal]
    factor = multiplier_at(s.analysis, i + 1) if i + 1 < s.limit else None
    if factor:
        return [Candidate(i, i + 2, "count", _tidy(factor / denominator), rule="lone_fraction")]
    return [Candidate(i, i + 1, "share", 1, of=denominator, rule="lone_fraction")]


def _a_calendar_year(s: Scan, number, unit_code: str, end: int) -> bool:
    """«к 2100 году»: digits alone (no multiplier, no range) before «год» in the singular."""
    return (unit_code == "year" and number.digits and number.multiplier is None
            and number.to is None and number.value >= YEAR_FROM
            and s.analysis.tokens[end - 1].text.lower().startswith("год"))


def number_phrase(s: Scan, i: int):
    """A number and what follows it: a share, a fraction, a unit, or a counted noun."""
    number = read_number(s.analysis, i, s.limit)
    if number is None:
        return None
    end, unit = _unit_after(s, number)
    if is_label(s, number, unit_follows=unit is not None and unit.kind != SKIP) or \
            number.to is not None and number.to <= number.value:
        return Skip(number.stop)         # "статья 105"; "2-1" is a score, not a range
    found = _share(s, number) or _fraction(s, number)
    if found:
        return found
    if _rate_denominator(s, number):
        return Skip(end)                 # "63,6 больничных на 100 работающих"
    approx = "range" if number.to is not None else None
    if not number.digits and (in_idiom(s.analysis, i, s.floor, s.limit) or
                              number.to is None and in_idiom(s.analysis, number.stop - 1,
                                                             s.floor, s.limit)):
        return Skip(number.stop)         # "все как один", "одно дело", "двух мнений"
    inverted = _inverted(s, number) if unit is None else None
    if inverted is not None:
        return inverted
    dimension = dimension_unit(s, number.stop) if unit is None and number.digits else None
    if dimension:                        # "115 на 15 метров": the first side takes the unit
        unit, end = dimension[0], number.stop
    if unit is not None:
        if unit.kind == SKIP or unit.code == "g" and \
                ERA.match(s.analysis.text[s.analysis.tokens[end - 1].end:]) or \
                _a_calendar_year(s, number, unit.code, end):
            return Skip(end)             # times; "53 г. до н.э."; "к 2100 году" is a year
        upper = _unit_upper(s, number, end, unit.code)
        if upper is not None:            # "0,25%—0,5%" is one range
            return [Candidate(i, upper[1], unit.kind, number.value, unit.code, to=upper[0].value,
                              approx="range", rule=f"{unit.kind}_range")]
        if unit.code == "times" and s.low(i - 1) != "в":
            # "семь раз побеждал" counts occasions; "в 3 раза" multiplies
            if number.value == 1 and not number.digits and i > s.floor and \
                    s.analysis.tokens[i - 1].pos == "ADP":
                return Skip(end)         # "не по одному разу": more than once, no count
            return [Candidate(i, number.stop, "count", number.value, to=number.to,
                              approx=approx, noun=s.analysis.tokens[number.stop].text,
                              rule="count_times")]
        first = i - 1 if unit.code == "times" else i
        value, code, end = _second_unit(s, number.value, unit.code, end)
        return [Candidate(first, end, unit.kind, value, code, to=number.to,
                          approx=approx, rule=f"{unit.kind}_unit")]
    if number.value == 0 and not number.digits:
        return Skip(number.stop)         # "начинать с нуля", "свести к нулю": idioms
    noun = _counted_noun(s, number)
    if number.value == 1 and number.to is None and not number.digits and \
            not _one_counts(s, number, noun):
        return Skip(number.stop)         # "еще один приступ", "одним из лидеров": not counts
    if noun is None and number.digits and not number.multiplier:
        elided = elided_count(s, number)   # "погибли 65 человек, 936 получили ранения"
        if elided is None:
            return Skip(number.stop)
        kind, code, end = elided
        if code == "year" and s.low(i - 1) == "за":
            approx = "over"              # "те, кому за 50"
        return [Candidate(i, end, kind, number.value, code, to=number.to, approx=approx,
                          rule="count_elided" if kind == "count" else "bare_unit")]
    if noun is not None and is_ordinal(s.analysis, number, noun):
        return Skip(number.stop)         # "на 59 месте", "во 2 туре"
    end = s.after(number)
    return [Candidate(i, end, "count", number.value, to=number.to, approx=approx,
                      noun=s.analysis.tokens[noun].text if noun is not None else None,
                      rule="count" if noun is not None else "count_bare")]


def _unit_upper(s: Scan, number: Number, end: int, code: str):
    """The upper end of "0,25%—0,5%", "$51,80 — $51,97"-like ranges that repeat the unit:
    a dash, digits, the same unit; (number, index after its unit) or None."""
    if number.to is not None or not number.digits or end + 1 >= s.limit or \
            s.analysis.tokens[end].text not in DASHES:
        return None
    upper = read_number(s.analysis, end + 1, s.limit)
    if upper is None or not upper.digits or upper.to is not None or upper.value <= number.value:
        return None
    found = unit_at(s.analysis, s.after(upper), s.limit)
    return (upper, found[1]) if found is not None and found[0].code == code else None


def _inverted(s: Scan, number: Number):
    """ "минут десять", "человек двадцать", "лет семь": a number word after its noun in the
    genitive plural is an estimate (a time left to the dates, the rest `about`)."""
    i = number.first
    if number.digits or number.to is not None or i - 1 < s.floor or \
            _counted_noun(s, number) is not None or _collective(s, number):
        return None                      # "Победителей четверо": a count told, not guessed
    tokens = s.analysis.tokens
    before = tokens[i - 1]
    if before.pos != "NOUN" or not may_be_genitive_plural(s.analysis, i - 1) or \
            i - 2 >= s.floor and tokens[i - 2].pos in ("NOUN", "ADJ", "ADP", "NUM"):
        return None                      # "объем продаж десять": the noun is another's
    found = unit_at(s.analysis, i - 1, s.limit)
    if found is not None and found[1] == i:
        if found[0].kind == SKIP:
            return Skip(number.stop)
        return [Candidate(i - 1, number.stop, found[0].kind, number.value, found[0].code,
                          approx="about", rule="inverted_unit")]
    return [Candidate(i - 1, number.stop, "count", number.value, noun=before.text,
                      approx="about", rule="inverted_count")]


def _collective(s: Scan, number: Number) -> bool:
    word = number_word(s.analysis.tokens[number.first].text, s.analysis.morph)
    return word is not None and word.kind == "collective"


def _one_counts(s: Scan, number: Number, noun: int | None) -> bool:
    """ "погиб один человек", "забросить одну шайбу" count one thing; "еще один игрок",
    "один из лидеров", "в одно время", "по одним данным" do not."""
    tokens = s.analysis.tokens
    if noun != number.stop or tokens[number.first].feats.get("Number") == "Plur" or \
            s.low(number.first - 1) in ONE_NOT_COUNTED_AFTER:
        return False
    if any(s.analysis.lemma(k) == "другой" for k in range(noun + 1, min(s.end, noun + 1 + OTHER_WINDOW))):
        return False                     # "сменили один материк на другой": one of a pair
    if number.first > s.floor and tokens[number.first - 1].pos == "ADP" and \
            s.low(number.first - 1) not in ARITHMETIC:
        return False                     # "на одном дыхании", "вокруг одной цели", "под одной крышей"
    return not ONE_NOT_COUNTED.intersection(forms(s.analysis, noun))


def _rate_denominator(s: Scan, number: Number) -> bool:
    """ "63,6 больничных на 100 работающих", "20 случаев на 100 тысяч населения": a round
    number after "на" that follows another number is the base of a rate, not a count."""
    if s.low(number.first - 1) != "на" or number.to is not None or number.value < 10 or \
            not float(number.value).is_integer() or str(int(number.value)).strip("0") != "1":
        return False
    tokens = s.analysis.tokens
    for k in range(number.first - 2, max(s.floor, number.first - 2 - RATE_WINDOW) - 1, -1):
        if tokens[k].pos == "PUNCT" and tokens[k].text != ",":
            return False
        if tokens[k].pos == "NUM" or tokens[k].text[:1].isdecimal():
            return True
    return False


def _second_unit(s: Scan, value: float | int, code: str, end: int):
    """ "82 километра 169 метров" → 82.169 km, "2 доллара 50 центов" → 2.5 USD: a smaller
    unit right after a measurement or a sum."""
    parts = dict(unit_parts().get(code, {}))
    parts.update((form, minor.per_major) for form, minor in subunits().items() if code in minor.majors)
    smaller = read_number(s.analysis, end, s.limit) if parts else None
    if smaller is None or not smaller.digits or smaller.to is not None or smaller.multiplier:
        return value, code, end
    found = unit_at(s.analysis, smaller.stop, s.limit)
    if found is None or found[0].code not in parts or smaller.value >= parts[found[0].code]:
        return value, code, end
    return _tidy(value + smaller.value / parts[found[0].code]), code, found[1]


RULES = [compound_adjective, year_of_life, symbol_money, from_to, every_nth, lone_fraction, number_phrase]


# --- helpers ------------------------------------------------------------------------------

def _tidy(value: float | int) -> float | int:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def _unit_after(s: Scan, number: Number):
    """The currency or unit right after a number, and the index after it."""
    at = s.after(number)
    found = unit_at(s.analysis, at, s.limit)
    if found is None:
        return number.stop, None
    unit, end = found
    return end, unit


def _share(s: Scan, number: Number):
    """ "21 из 34 элементов", "19 из последних 24 праймериз", "семь очков из девяти
    возможных" (the counted noun between; the total counts the same thing, so no other noun
    follows it: "два человека из 15 стран" is not a share)."""
    if number.to is not None:
        return None
    tokens = s.analysis.tokens
    counted = number.stop + 1 < s.limit and tokens[number.stop].pos == "NOUN" and \
        s.low(number.stop + 1) == "из"
    if s.low(number.stop) != "из" and not counted:
        return None
    at = number.stop + (2 if counted else 1)
    if at + 1 < s.limit and tokens[at].pos == "ADJ":
        at += 1
    total = read_number(s.analysis, at, s.limit)
    if total is None or total.value < number.value:
        return None
    if counted and _another_noun_after(s, total, s.analysis.lemma(number.stop)):
        return None
    return [Candidate(number.first, total.stop, "share", number.value, of=total.value,
                      rule="share")]


def _another_noun_after(s: Scan, total: Number, counted: str) -> bool:
    """Whether the total counts a noun other than the one counted before "из"."""
    index = s.after(total)
    while index < s.limit and s.analysis.tokens[index].pos == "ADJ":
        index += 1
    return index < s.limit and s.analysis.tokens[index].pos == "NOUN" and \
        s.analysis.lemma(index) != counted


def _fraction(s: Scan, number: Number):
    """ "две трети", "три четверти"."""
    if number.stop >= s.limit or number.multiplier or not float(number.value).is_integer():
        return None
    denominator = fraction_words().get(forms(s.analysis, number.stop)[1])
    if denominator is None or denominator <= number.value:
        return None
    return [Candidate(number.first, number.stop + 1, "share", number.value, of=denominator,
                      rule="fraction")]


def _counted_noun(s: Scan, number: Number) -> int | None:
    """The noun a number counts: its syntactic head, or the next noun past adjectives."""
    tokens = s.analysis.tokens
    # "5 тыс. голосов": the noun comes after the abbreviation's period
    after = s.after(number)
    for index in range(number.first, number.stop):
        head = tokens[index].head
        if after <= head < min(s.limit, after + 4) and tokens[head].pos == "NOUN" \
                and not any(tokens[k].pos == "PUNCT" for k in range(after, head)) \
                and multiplier_at(s.analysis, head) is None:
            return head
    index = after
    while index < min(s.limit, after + 3) and tokens[index].pos == "ADJ":
        index += 1
    if index < s.limit and tokens[index].pos == "NOUN":
        return index
    return None


def _covered(analysis: Analysis, dates: list[DateRef]) -> list[bool]:
    covered = [False] * len(analysis.tokens)
    for date in dates:
        for index in analysis.tokens_between(date.start, date.end):
            covered[index] = True
    return covered


def _ner_tokens(analysis: Analysis) -> set[int]:
    tokens: set[int] = set()
    for span in analysis.ner:
        tokens.update(analysis.tokens_between(span.start, span.end))
    return tokens


# "больше в семь раз": a bare comparative before a ratio says which way, not a bound
COMPARATIVES = frozenset({"больше", "меньше", "более", "менее"})


def _to_amount(analysis: Analysis, candidate: Candidate, floor: int, dates: list[DateRef]) -> Amount:
    tokens, text = analysis.tokens, analysis.text
    start, end = tokens[candidate.first].start, tokens[candidate.stop - 1].end
    approx = candidate.approx
    if approx is None:
        qualifier = qualifier_before(analysis, candidate.first, floor)
        approx = qualifier[0] if qualifier else "exact"
        if approx == "up_to" and after_change_verb(analysis, qualifier[1], floor):
            approx = "exact"             # "снизился до 5%" is the new value
        elif candidate.unit == "times" and qualifier and qualifier[1] == candidate.first - 1 \
                and tokens[qualifier[1]].text.lower() in COMPARATIVES:
            approx = "exact"             # "больше в семь раз" is the ratio; "более чем в 3 раза" over
    return Amount(
        start, end, text[start:end], candidate.kind, candidate.value, candidate.unit, approx,
        of=candidate.of, to=candidate.to, noun=candidate.noun, rule=candidate.rule,
        measure=context.measure(analysis, candidate.first, candidate.stop, candidate.kind,
                                candidate.unit, dates),
        period=context.period(analysis, candidate.first, candidate.stop, dates))


def _implied_currency(amounts: list[Amount], first: int) -> None:
    """ "1,3 миллиарда рублей в 2018 году и 1,5 миллиарда в 2019 году": a bare sum with a
    multiplier takes the currency of the sentence's other sums."""
    currencies = {a.unit for a in amounts[first:] if a.kind == "money"}
    if len(currencies) != 1:
        return
    for amount in amounts[first:]:
        if amount.rule == "count_bare" and amount.value >= 1000:
            amount.kind, amount.unit, amount.rule = "money", next(iter(currencies)), "implied_money"


def _in_major_currency(amounts: list[Amount], first: int) -> None:
    """ "подорожала на 55 центов, до 60,3 доллара": a sum in a minor unit is recorded in its
    major currency — the one the sentence names if the minor unit belongs to it (euro cents
    beside euros), else the minor unit's default (a cent alone is a US cent)."""
    minors = subunits()
    named = {a.unit for a in amounts[first:] if a.kind == "money" and a.unit not in minors}
    for amount in amounts[first:]:
        minor = minors.get(amount.unit) if amount.kind == "money" else None
        if minor is None:
            continue
        fitting = named & minor.majors
        amount.unit = next(iter(fitting)) if len(fitting) == 1 else minor.default
        amount.value = _tidy(amount.value / minor.per_major)
        if amount.to is not None:
            amount.to = _tidy(amount.to / minor.per_major)


def _dates_by_sentence(analysis: Analysis, dates: list[DateRef]):
    """The dates overlapping each sentence: an amount's clause never leaves its sentence, and
    looking through every date of a 10 MB text for each of its amounts would be quadratic."""
    dates = sorted(dates, key=lambda d: d.start)
    starts = [d.start for d in dates]
    for sentence in analysis.sentences:
        low = max(bisect_right(starts, sentence.start) - 1, 0)
        high = bisect_left(starts, sentence.end)
        yield sentence, [d for d in dates[low:high]
                         if d.start < sentence.end and d.end > sentence.start]


def extract_amounts(analysis: Analysis, dates: list[DateRef]) -> list[Amount]:
    """Every amount in the analyzed text, in order, outside the given ``dates``."""
    covered = _covered(analysis, dates)
    ner_tokens = _ner_tokens(analysis)
    person_ends = frozenset(span.end for span in analysis.ner if span.type == "PER")
    amounts: list[Amount] = []
    for sentence, sentence_dates in _dates_by_sentence(analysis, dates):
        sentence_first_amount = len(amounts)
        limit = sentence.first
        i = sentence.first
        while i < sentence.stop:
            if covered[i]:
                i += 1
                continue
            if limit <= i:
                limit = i
                while limit < sentence.stop and not covered[limit]:
                    limit += 1
            scan = Scan(analysis, sentence.first, limit, ner_tokens, sentence.stop, person_ends)
            step = i + 1
            for rule in RULES:
                found = rule(scan, i)
                if found is None:
                    continue
                if isinstance(found, Skip):
                    step = max(found.stop, step)
                else:
                    amounts.extend(_to_amount(analysis, c, sentence.first, sentence_dates)
                                   for c in found)
                    step = max(c.stop for c in found)
                break
            i = step
        _in_major_currency(amounts, sentence_first_amount)
        _implied_currency(amounts, sentence_first_amount)
    return amounts
