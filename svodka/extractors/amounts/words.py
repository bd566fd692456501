"""The words around a number: currencies, units, qualifiers and labels, from ``svodka/data``.

Each table row is a phrase of lowercase forms or pymorphy2 normal forms; a token matches a
phrase word by either. A period glued to an abbreviation ("руб.", "млн.") belongs to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_list, load_set, load_table
from svodka.extractors.numbers import normal_form
from svodka.text import DASHES, fold_word

SYMBOLS = ("$", "€", "₽", "£", "¥")
ABBREVIATION_MAX = 4     # "руб", "долл", "млн": short forms that may carry a glued period


@dataclass(slots=True, frozen=True)
class Unit:
    code: str                # ISO 4217 for money, "%" / "pp" for percents, "km", "t", ...
    kind: str                # money | percent | other
    words: tuple[str, ...]
    follows: str | None = None   # a word that may come after ("долларов США")


@dataclass(slots=True, frozen=True)
class Subunit:
    per_major: int           # 100 cents make a dollar
    default: str             # the major currency when the sentence names none it belongs to
    majors: frozenset[str]   # every major currency it may be a part of, the default included


@lru_cache(maxsize=None)
def subunits() -> dict[str, Subunit]:
    """Minor units by the pseudo-code their ``Unit`` carries ("цент"): an amount in one is
    turned into its major currency once, when the amount is made."""
    found: dict[str, Subunit] = {}
    for row in load_table("currency_subunits.tsv"):
        form, per_major, default = row[:3]
        others = row[3].split() if len(row) > 3 else []
        found[form] = Subunit(int(per_major), default, frozenset([default, *others]))
    return found


@lru_cache(maxsize=None)
def _units() -> tuple[Unit, ...]:
    rows = [Unit(row[1], "money", tuple(row[0].split()), row[2] if len(row) > 2 else None)
            for row in load_table("currencies.tsv")]
    rows += [Unit(form, "money", (form,)) for form in subunits()]
    rows += [Unit(row[1], row[2], tuple(row[0].split())) for row in load_table("units.tsv")]
    return tuple(sorted(rows, key=lambda unit: -len(unit.words)))


@lru_cache(maxsize=None)
def _units_by_first() -> dict[str, tuple[Unit, ...]]:
    by_first: dict[str, tuple[Unit, ...]] = {}
    for unit in _units():
        by_first[unit.words[0]] = by_first.get(unit.words[0], ()) + (unit,)
    return by_first


@lru_cache(maxsize=None)
def qualifiers() -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = [(tuple(phrase.split()), approx) for phrase, approx in load_table("amount_qualifiers.tsv")]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


@lru_cache(maxsize=None)
def adjective_stems() -> tuple[tuple[str, str, str], ...]:
    return tuple((stem, unit, kind) for stem, unit, kind in load_table("amount_adjectives.tsv"))


@lru_cache(maxsize=None)
def idioms() -> tuple[tuple[bool, tuple[str, ...]], ...]:
    """(only at a sentence's start, words) of ``amount_idioms.txt``."""
    rows = [phrase.split() for phrase in load_list("amount_idioms.txt")]
    return tuple((words[0] == "^", tuple(words[1:] if words[0] == "^" else words))
                 for words in rows)


def in_idiom(analysis: Analysis, index: int, floor: int, stop: int) -> bool:
    """Whether the number word at ``index`` is part of an idiom ("все как один", "одно
    дело")."""
    for at_start, words in idioms():
        for offset in range(len(words)):
            start = index - offset
            if start < floor or start + len(words) > stop or at_start and start != floor:
                continue
            if all(matches(analysis, start + k, word) for k, word in enumerate(words)):
                return True
    return False


def label_words() -> frozenset[str]:
    return load_set("amount_blockers.txt")


@lru_cache(maxsize=None)
def unit_parts() -> dict[str, dict[str, int]]:
    """ "km" → {"m": 1000}: the smaller units that may follow a measurement in a larger one."""
    parts: dict[str, dict[str, int]] = {}
    for larger, smaller, count in load_table("unit_parts.tsv"):
        parts.setdefault(larger, {})[smaller] = int(count)
    return parts


@lru_cache(maxsize=None)
def fraction_words() -> dict[str, int]:
    return {lemma: int(denominator) for lemma, denominator in load_table("fractions.tsv")}


def forms(analysis: Analysis, index: int) -> tuple[str, str]:
    """A token's lowercase text and its most likely normal form."""
    low = fold_word(analysis.tokens[index].text)
    return low, normal_form(low, analysis.morph)


def matches(analysis: Analysis, index: int, word: str) -> bool:
    return word in forms(analysis, index)


def skip_period(analysis: Analysis, index: int, stop: int) -> int:
    """Index after a period glued to the abbreviation at ``index - 1``."""
    tokens = analysis.tokens
    # a period that ends the sentence is the sentence's ("протяженность дороги 18 км.")
    if index + 1 < stop and tokens[index].text == "." \
            and tokens[index].start == tokens[index - 1].end \
            and len(tokens[index - 1].text) <= ABBREVIATION_MAX:
        return index + 1
    return index


def phrase_at(analysis: Analysis, index: int, stop: int, words: tuple[str, ...]) -> int | None:
    """Index after ``words`` read from ``index`` (glued periods allowed), or None."""
    at = index
    for word in words:
        if at >= stop or not matches(analysis, at, word):
            return None
        at = skip_period(analysis, at + 1, stop)
    return at


def unit_at(analysis: Analysis, index: int, stop: int) -> tuple[Unit, int] | None:
    """The currency or unit starting at ``index`` and the index after it."""
    if index >= stop:
        return None
    low, normal = forms(analysis, index)
    candidates = _units_by_first().get(low, ()) + _units_by_first().get(normal, ())
    for unit in sorted(candidates, key=lambda unit: -len(unit.words)):
        end = phrase_at(analysis, index, stop, unit.words)
        if end is None:
            continue
        if unit.follows and end < stop and matches(analysis, end, unit.follows):
            end += 1
        return unit, end
    return None


def symbol_unit(text: str) -> Unit | None:
    if text not in SYMBOLS:
        return None
    return next(unit for unit in _units() if unit.words == (text,))


def qualifier_before(analysis: Analysis, index: int, floor: int) -> tuple[str, int] | None:
    """The qualifier ending right before token ``index`` ("около", "не менее", "превысил")
    and where it starts; one preposition may stand between ("более чем на 10%")."""
    for gap in (0, 1):
        end = index - gap
        if gap and (end <= floor or analysis.tokens[end].text.lower() not in ("на", "в", "к")):
            continue
        for words, approx in qualifiers():
            start = end - len(words)
            if start < floor:
                continue
            if all(matches(analysis, start + k, word) for k, word in enumerate(words)):
                if approx in _NEGATED and _negated_verb(analysis, start, floor):
                    return _NEGATED[approx], start - 2
                return approx, start
    return None


# "не должен превышать 25 лет": a bound the text negates is the other bound
_NEGATED = {"over": "under", "under": "over"}


def _negated_verb(analysis: Analysis, start: int, floor: int) -> bool:
    """Whether the verb at ``start`` is negated across one modal word ("не должен",
    "не может", "не будет"); a "не" right before it is the table's own phrase."""
    tokens = analysis.tokens
    if start - 2 < floor or tokens[start].pos != "VERB":
        return False
    modal = tokens[start - 1]
    return tokens[start - 2].text.lower() == "не" and \
        (modal.pos in ("VERB", "AUX") or analysis.lemma(start - 1) in ("должный", "должен"))


def change_verbs() -> frozenset[str]:
    return load_set("amount_change_verbs.txt")


def change_nouns() -> frozenset[str]:
    return load_set("amount_change_nouns.txt")


def is_change_word(analysis: Analysis, index: int) -> bool:
    """A verb (or participle) of change, or its noun: "снизилась", "повышенный", "рост"."""
    token = analysis.tokens[index]
    lemma = analysis.lemma(index)
    if token.pos in ("VERB", "ADJ"):
        # the table holds both "поднять" and "опуститься": the lemma as it is, or without -ся
        return lemma in change_verbs() or \
            lemma.removesuffix("ся").removesuffix("сь") in change_verbs()
    return token.pos == "NOUN" and lemma in change_nouns()


# words that may stand between a verb of change and its "до": "сократилась в 2017 году до"
CHANGE_GAP = 4
# how far back a gapped clause's "— до" looks for the verb it leaves out
GAPPED_CLAUSE = 10


# "с нынешних $3,75 трлн до": words between "с" and its "до"
FROM_VALUE_GAP = 5


def _closes_from(analysis: Analysis, index: int, floor: int) -> bool:
    seen_number = False
    for k in range(index - 1, max(floor, index - 1 - FROM_VALUE_GAP) - 1, -1):
        token = analysis.tokens[k]
        if token.text.lower() in ("с", "со"):
            return seen_number
        if token.pos == "PUNCT" and token.text not in (",", "."):
            return False
        seen_number = seen_number or token.pos == "NUM" or token.text[:1].isdigit()
    return False


def after_change_verb(analysis: Analysis, index: int, floor: int) -> bool:
    """Whether the "до" at ``index`` follows a verb of change in its clause ("снизился до
    5%", "численность увеличена почти вдвое, до 69") or closes a "с <value> до" ("с нынешних
    $3,75 трлн до $4,74 трлн"): the amount is the new value."""
    if analysis.tokens[index].text.lower() != "до":
        return False
    if _closes_from(analysis, index, floor):
        return True
    gap = CHANGE_GAP
    if index - 1 >= floor and analysis.tokens[index - 1].text in DASHES:
        # "прибыль сократилась до 760 млн рублей, а выручка — до 6,24 млрд": the dash stands
        # for the verb of the clause before
        index, gap = index - 1, GAPPED_CLAUSE
    for k in range(index - 1, max(floor, index - 1 - gap) - 1, -1):
        token = analysis.tokens[k]
        if token.pos == "PUNCT" and token.text not in (",", "("):
            return False                 # "опустился на 0,73% (до $931)": the bracket holds it
        if token.pos in ("VERB", "ADJ") and is_change_word(analysis, k):
            return True
    return False
