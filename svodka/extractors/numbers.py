"""Numbers as written in Russian news: digits, number words in any case, multipliers.

"1,5 трлн" → 1.5e12, "10 000" → 10000, "двадцати трех" → 23, "полутора миллионов" → 1.5e6,
"трое" → 3, "5–7 тысяч" → 5000..7000. The reader walks the shared analysis' tokens from a
given index and never looks further than the number itself, so a whole text reads in linear
time. Word forms are recognized through pymorphy2's normal forms, the values come from
``svodka/data/numbers.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_table
from svodka.text import DASHES as _DASHES
from svodka.text import fold_word

DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
HYPHENATED = re.compile(r"^(\d+(?:[.,]\d+)?)-(\w+)$")
# stems of adjectives compounded with a number: "пятилетний", "двухмесячный", "трехкратный"
COMPOUND_STEMS = ("летн", "месячн", "недельн", "дневн", "процентн", "кратн")
DIGIT_RANGE = re.compile(r"^(\d+(?:[.,]\d+)?)[-–—](\d+(?:[.,]\d+)?)$")
THOUSANDS_GROUP = re.compile(r"^\d{3}$")
# the last group may carry the decimals: "10 339 479 427,5 руб."
LAST_THOUSANDS_GROUP = re.compile(r"^\d{3}[.,]\d+$")
DASHES = tuple(_DASHES)
# fraction nouns that stand alone for "one of": "треть сената", "четверть века"
FRACTION_NOUNS = {"половина": 2, "треть": 3, "четверть": 4}
# Spaces that may separate groups of digits: "10 000", "10\u00a0000", "10\u202f000".
GROUP_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009")


@dataclass(slots=True)
class Number:
    first: int              # index of the first token
    stop: int               # index after the last token
    value: float | int
    to: float | int | None = None   # the upper end of "5–7 тысяч"
    digits: bool = True     # written with digits rather than words
    multiplier: float | int | None = None


@dataclass(slots=True, frozen=True)
class NumberWord:
    value: float | int
    kind: str               # unit | teen | tens | hundreds | collective | fraction | multiplier


@lru_cache(maxsize=None)
def _words() -> dict[str, NumberWord]:
    return {lemma: NumberWord(_as_number(value), kind)
            for lemma, value, kind in load_table("numbers.tsv")}


def _as_number(text: str) -> float | int:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def parse_digits(text: str) -> float | int | None:
    """ "1,5" → 1.5, "10" → 10; anything else → None."""
    if not DIGITS.match(text):
        return None
    return _as_number(text)


@lru_cache(maxsize=None)
def _lemmas() -> frozenset[str]:
    return frozenset(_words())


def _lookup(word: str, morph) -> NumberWord | None:
    # The most likely reading decides: "семью" is a family before it is "seven".
    lemma = lemma_of(word, _lemmas(), morph, likeliest=True)
    return _words()[lemma] if lemma else None


@lru_cache(maxsize=50_000)
def normal_form(word: str, morph) -> str:
    """The most likely pymorphy2 normal form of a lowercase word, cached across texts."""
    if not word.isalpha():
        return word
    parses = morph.parse(word)
    return fold_word(parses[0].normal_form) if parses else word


@lru_cache(maxsize=None)
def inflections(lemmas: frozenset[str], morph) -> dict[str, str]:
    """Every form of the given lemmas ("лет" → "год", "ближайших" → "ближайший"), so most
    words are ruled out without parsing them."""
    found = {lemma: lemma for lemma in lemmas}
    for lemma in sorted(lemmas):
        for parse in morph.parse(lemma):
            for form in parse.lexeme:
                found.setdefault(fold_word(form.word), lemma)
    return found


def lemma_of(word: str, lemmas: frozenset[str], morph, likeliest: bool = False) -> str | None:
    """The lemma among ``lemmas`` a lowercase word is a form of ("году" → "год"), or None.

    With ``likeliest`` the word's most likely reading must be that lemma ("семью" is a
    family before it is seven).
    """
    lemma = inflections(lemmas, morph).get(word)
    if lemma is None or not likeliest or word == lemma:
        return lemma
    return lemma if normal_form(word, morph) == lemma else None


def number_word(word: str, morph) -> NumberWord | None:
    """The number a word means in any case form ("двадцати" → 20), or None."""
    word = fold_word(word)
    if not word.isalpha():
        return None
    return _lookup(word, morph)


def split_compound(word: str, morph) -> tuple[float | int, str] | None:
    """ "66-летний" → (66, "летний"), "пятилетний" → (5, "летний"), "10-летию" → (10, "летию")."""
    low = fold_word(word)
    hyphenated = HYPHENATED.match(low)
    if hyphenated:
        return parse_digits(hyphenated[1]), hyphenated[2]
    for stem in COMPOUND_STEMS:
        at = low.find(stem)
        if at > 1:
            number = number_word(low[:at], morph)
            if number and number.kind in ("unit", "teen", "tens", "hundreds"):
                return number.value, low[at:]
    return None


def multiplier_at(analysis: Analysis, index: int) -> float | int | None:
    token = analysis.tokens[index]
    word = number_word(token.text, analysis.morph)
    return word.value if word and word.kind == "multiplier" else None


def _glued(analysis: Analysis, left: int, right: int) -> bool:
    """Tokens separated by exactly one (non-breaking) space: a thousands group."""
    tokens = analysis.tokens
    return tokens[right].start - tokens[left].end == 1 and \
        analysis.text[tokens[left].end] in GROUP_SEPARATORS


def _read_digits(analysis: Analysis, index: int, stop: int) -> Number | None:
    tokens = analysis.tokens
    text = tokens[index].text
    ranged = DIGIT_RANGE.match(text)
    if ranged:
        return Number(index, index + 1, _as_number(ranged[1]), _as_number(ranged[2]))
    value = parse_digits(text)
    if value is None:
        return None
    end = index + 1
    if text.isdecimal() and len(text) <= 3 and text[0] != "0":
        digits = text
        while end < stop and THOUSANDS_GROUP.match(tokens[end].text) and _glued(analysis, end - 1, end):
            digits += tokens[end].text
            end += 1
        value = int(digits)
        if end < stop and LAST_THOUSANDS_GROUP.match(tokens[end].text) \
                and _glued(analysis, end - 1, end):
            value = _as_number(digits + tokens[end].text)
            end += 1
    return Number(index, end, value)


def _fits(last: NumberWord | None, word: NumberWord) -> bool:
    """Whether ``word`` may continue a compound like "двести" → "пятьдесят" → "три"."""
    if last is None:
        return word.kind != "multiplier"
    if last.kind == "hundreds":
        return word.kind in ("tens", "teen", "unit")
    if last.kind == "tens":
        return word.kind == "unit"
    return False


def _read_words(analysis: Analysis, index: int, stop: int) -> Number | None:
    """ "двадцать три тысячи пятьсот" → 23500: groups below a multiplier, largest first."""
    morph = analysis.morph
    tokens = analysis.tokens
    total, group, last = 0, 0, None
    factor_above = None            # the last multiplier: the next one must be smaller
    multiplier = None
    end = index
    while end < stop:
        word = number_word(tokens[end].text, morph)
        if word is None:
            break
        if word.kind == "multiplier":
            if last is None or (factor_above is not None and word.value >= factor_above):
                break
            total += _scaled(group, word.value)
            group, last, factor_above = 0, None, word.value
            multiplier = multiplier or word.value
        elif _fits(last, word):
            group += word.value
            last = word
        else:
            break
        end += 1
    if end == index:
        return None
    return Number(index, end, total + group, digits=False, multiplier=multiplier)


# kinds of number words that may make one end of "пять-шесть", "один-два", "десять-пятнадцать"
WORD_RANGE_KINDS = frozenset({"unit", "teen", "tens", "hundreds"})


def _read_word_range(analysis: Analysis, index: int) -> Number | None:
    """ "пять-шесть метров", "один-два дня": two number words joined by a hyphen are one
    range when they run upward."""
    lower, dash, upper = analysis.tokens[index].text.partition("-")
    if not dash:
        return None
    low, high = number_word(lower, analysis.morph), number_word(upper, analysis.morph)
    if low is None or high is None or low.kind not in WORD_RANGE_KINDS or \
            high.kind not in WORD_RANGE_KINDS or not low.value < high.value:
        return None
    return Number(index, index + 1, low.value, high.value, digits=False)


def _read_half(analysis: Analysis, number: Number, stop: int) -> None:
    """ "два с половиной" → 2.5."""
    tokens = analysis.tokens
    end = number.stop
    if end + 1 < stop and tokens[end].text.lower() == "с" and \
            tokens[end + 1].text.lower() == "половиной":
        number.value += 0.5
        number.stop = end + 2


def _read_range_tail(analysis: Analysis, number: Number, stop: int) -> None:
    """ "5 – 7 млн" written with a spaced dash."""
    tokens = analysis.tokens
    end = number.stop
    if number.to is None and end + 1 < stop and tokens[end].text in DASHES:
        upper = parse_digits(tokens[end + 1].text)
        if upper is not None and number.digits:
            number.to = upper
            number.stop = end + 2


# "четыре или пять взяток", "60 или даже 70 лет": an estimate between two near numbers
ALTERNATIVE_JOINTS = ("или", "либо")
ALTERNATIVE_FILLERS = ("даже", "же", "и")


def _read_alternative(analysis: Analysis, number: Number, stop: int) -> None:
    tokens = analysis.tokens
    end = number.stop
    if number.to is not None or number.multiplier is not None or end + 1 >= stop \
            or tokens[end].text.lower() not in ALTERNATIVE_JOINTS:
        return
    first = end + 1
    if tokens[first].text.lower() in ALTERNATIVE_FILLERS:
        first += 1
    upper = _read_digits(analysis, first, stop) if number.digits else \
        _read_words(analysis, first, stop) if first < stop else None
    if upper is None or upper.to is not None or not isinstance(number.value, int) \
            or not isinstance(upper.value, int) or not number.value < upper.value <= 2 * number.value:
        return
    number.to = upper.value
    number.stop = upper.stop


def _read_multiplier(analysis: Analysis, number: Number, stop: int) -> None:
    if number.multiplier is not None or number.stop >= stop:
        return
    factor = multiplier_at(analysis, number.stop)
    if factor is None:
        return
    number.multiplier = factor
    number.value = _scaled(number.value, factor)
    if number.to is not None:
        number.to = _scaled(number.to, factor)
    number.stop += 1


def _read_lower_orders(analysis: Analysis, number: Number, stop: int) -> None:
    """ "56 млн 206 тыс. 514 голосов" is one number, 56 206 514: each next part has a smaller
    multiplier; a bare last part (under 1000) only after two parts, since "5 тыс. 12 декабря"
    ends a sentence before a date."""
    tokens, parts = analysis.tokens, 1
    while number.multiplier is not None and number.to is None and number.stop < stop:
        start = number.stop
        if tokens[start].text == "." and start + 1 < stop:
            start += 1      # the abbreviation's dot: "тыс. 514"
        if not _spaced(analysis, number.stop - 1, start):
            return
        part = _read_digits(analysis, start, stop)
        if part is None or part.to is not None or not isinstance(part.value, int) \
                or part.value >= 1000:
            return
        factor = multiplier_at(analysis, part.stop) if part.stop < stop else None
        if factor is None:
            if number.multiplier == 1000 and parts >= 2:
                number.value += part.value
                number.stop = part.stop
            return
        if factor >= number.multiplier:
            return
        number.value += _scaled(part.value, factor)
        number.multiplier = factor
        number.stop = part.stop + 1
        parts += 1


def _spaced(analysis: Analysis, left: int, right: int) -> bool:
    """Only spaces between two tokens (the dot of "тыс." counted as part of the left one)."""
    tokens = analysis.tokens
    gap = analysis.text[tokens[left].end:tokens[right].start]
    return gap.replace(".", "", 1).strip(" \u00a0\u202f\u2009") == "" and "\n" not in gap


def _scaled(value: float | int, factor: float | int) -> float | int:
    scaled = round(value * factor, 6)
    return int(scaled) if float(scaled).is_integer() else scaled


def read_number(analysis: Analysis, index: int, stop: int) -> Number | None:
    """The number starting at token ``index`` (tokens up to ``stop``), or None.

    A multiplier alone ("миллион долларов") reads as that multiplier when it is singular.
    """
    if not 0 <= index < stop:
        return None
    number = _read_digits(analysis, index, stop) or _read_word_range(analysis, index) or \
        _read_words(analysis, index, stop)
    if number is None:
        return _read_bare_multiplier(analysis, index)
    _read_half(analysis, number, stop)
    _read_range_tail(analysis, number, stop)
    _read_alternative(analysis, number, stop)
    _read_multiplier(analysis, number, stop)
    _read_scaled_range(analysis, number, stop)
    _read_lower_orders(analysis, number, stop)
    return number


def _read_scaled_range(analysis: Analysis, number: Number, stop: int) -> None:
    """ "600 тыс. — 40 тыс. лет назад", "5 млн – 7 млн": two numbers with one multiplier
    across a dash are one range, its ends in order (a span of years ago runs downward)."""
    tokens = analysis.tokens
    dash = number.stop + 1 if number.stop < stop and tokens[number.stop].text == "." \
        else number.stop
    if number.multiplier is None or number.to is not None or not number.digits \
            or dash + 2 >= stop or tokens[dash].text not in DASHES:
        return
    upper = _read_digits(analysis, dash + 1, stop)
    if upper is None or upper.to is not None or upper.stop >= stop \
            or multiplier_at(analysis, upper.stop) != number.multiplier:
        return
    high = _scaled(upper.value, number.multiplier)
    number.value, number.to = min(number.value, high), max(number.value, high)
    number.stop = upper.stop + 1


def _read_bare_multiplier(analysis: Analysis, index: int) -> Number | None:
    """ "миллион долларов", "тысяча человек"; but "тысячи людей" is no number."""
    token = analysis.tokens[index]
    factor = multiplier_at(analysis, index)
    if factor is None or not token.text.isalpha() or token.feats.get("Number") == "Plur":
        return None
    return Number(index, index + 1, factor, digits=False, multiplier=factor)
