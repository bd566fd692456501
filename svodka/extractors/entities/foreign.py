"""Nominative forms pymorphy cannot give: foreign names and undeclined women's surnames.

A masculine name pymorphy does not know ("Хэннигсена", "Болча", "Шольцем") still declines by
the ordinary second declension, so its case ending is replaced with the nominative one
(``data/name_endings.tsv``). When several nominatives fit ("Гёделя": "Гёдель" or "Гёдел"), the
one the text itself uses elsewhere wins, then the table's order.

A woman's -ов/-ев/-ин surname pymorphy reads only as an adjective ("Рябчиковой") takes its
nominative from ``data/surname_endings_fem.tsv`` ("Рябчикова", not the adjective "Рябчиковая").

A consonant-final surname that did not decline ("Александра Тиман") belongs to a woman: a
man's would read "Александра Тимана". Her first name is then a feminine nominative, whatever
the tagger's masculine genitive reading says.
"""
from __future__ import annotations

from functools import lru_cache

from svodka.data import load_table
from svodka.text import CYRILLIC_VOWELS

_HUSHING = set("жшчщц")
_SOFT = set("ьй")


def _letter_fits(letter: str, after: str) -> bool:
    if not ("а" <= letter <= "я" or letter == "ё"):
        return False
    if after == "any":
        return True
    if after == "vowel":
        return letter in CYRILLIC_VOWELS
    if letter in CYRILLIC_VOWELS or letter in _SOFT:
        return False
    return letter in _HUSHING if after == "hush" else True


@lru_cache(maxsize=None)
def _endings() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for case, ending, nominative, after in load_table("name_endings.tsv"):
        table.setdefault(case, []).append((ending, "" if nominative == "-" else nominative, after))
    return table


def nominative_candidates(word: str, case: str) -> list[str]:
    """Every nominative the second declension allows for ``word`` (lowercase) in ``case``."""
    found = []
    for ending, nominative, after in _endings().get(case, ()):
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 2 and _letter_fits(stem[-1], after):
            candidate = stem + nominative
            if candidate not in found:
                found.append(candidate)
    return found


@lru_cache(maxsize=None)
def _feminine_endings() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for case, ending, nominative, gender in load_table("surname_endings_fem.tsv"):
        table.setdefault(case, []).append((ending, nominative, gender))
    return table


def feminine_nominative(word: str, case: str, gender: str | None) -> str | None:
    """A woman's surname (lowercase) in ``case`` put in the nominative: "рябчиковой" ->
    "рябчикова"; None when no ending of the table fits."""
    for ending, nominative, needs in _feminine_endings().get(case, ()):
        if word.endswith(ending) and len(word) > len(ending) + 1 \
                and (needs == "any" or needs == gender):
            return word[:-len(ending)] + nominative
    return None


def foreign_nominative(word: str, case: str, seen=frozenset()) -> str | None:
    """The nominative of an unknown masculine name, preferring a form ``seen`` in the text."""
    candidates = nominative_candidates(word, case)
    for candidate in candidates:
        if candidate in seen:
            return candidate
    return candidates[0] if candidates else None


def undeclined_woman(morph, words: list[str]) -> bool:
    """First name with a feminine nominative reading + a consonant-final surname as written."""
    if len(words) < 2:
        return False
    first, surname = words[0].lower(), words[-1].lower()
    if not surname or not _letter_fits(surname[-1], "consonant"):
        return False
    return any(form.normal_form == first and {"Name", "femn", "nomn"} <= set(form.tag.grammemes)
               for form in morph.parse(first))
