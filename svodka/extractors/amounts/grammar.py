"""Cardinal or ordinal: a number written in digits before its noun, read by agreement.

A cardinal governs the number and case of its noun: "5 мест", "24 места", "21 место",
"в 59 странах". A digit before a singular noun it cannot govern is an ordinal with its
ending left out, which is no amount: "на 59 месте", "во 2 туре", "ученики 8 класса",
"приз 70 Каннского фестиваля" ("на 59-м месте").
"""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis import Analysis
from svodka.extractors.numbers import Number


@lru_cache(maxsize=20_000)
def _readings(word: str, morph) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(str(parse.tag).replace(" ", ",").split(",")) for parse in morph.parse(word))


def is_ordinal(analysis: Analysis, number: Number, noun: int) -> bool:
    """Whether the digits of ``number`` are an ordinal before the noun at token ``noun``."""
    value = number.value
    if not number.digits or number.multiplier or number.to is not None or \
            not isinstance(value, int) or value < 2:
        return False
    if value % 10 == 1 and value % 100 != 11:
        return False                   # "21 место", "на 21 кинофестивале": singular either way
    readings = _readings(analysis.tokens[noun].text.lower(), analysis.morph)
    if not readings or any("plur" in tags or "Pltm" in tags for tags in readings):
        return False                   # "5 мест", "в 59 странах", "3 суток"
    if all("ablt" in tags for tags in readings):
        return False                   # "13 побед, в том числе 11 нокаутом": a manner
    if value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14) and \
            any("gent" in tags and "sing" in tags for tags in readings):
        return False                   # "24 места", "3 года"
    return True


def may_be_genitive_plural(analysis: Analysis, index: int) -> bool:
    """Whether the word at ``index`` has a genitive plural reading ("человек", "километров"):
    the tagger often takes "человек двадцать" for a nominative."""
    readings = _readings(analysis.tokens[index].text.lower(), analysis.morph)
    return any("gent" in tags and "plur" in tags for tags in readings)
