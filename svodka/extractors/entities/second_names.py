"""A person's second name in brackets: a monk's or a bishop's surname after the name he took
("архимандритом Никодимом (Русняком)", "Порфирий (Успенский)"). The two words are one man;
the linker joins them, and the surname becomes his alias, not a second person nor his name.

An actor after the part he plays ("Джо (Феникс)") is two people; what tells them apart is the
words themselves: a first name alone outside the brackets, one word inside that reads as a
surname in the same case, and no other person of the text who bears that surname with
another first name ("Хоакин Феникс").
"""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis.morphology import Morphology
from svodka.extractors.entities.similarity import same_word
from svodka.extractors.entities.types import Named
from svodka.text import fold

# the rule of a bracketed surname joined to its first name: the entity is not named by it
SECOND_NAME = "second_name"


def is_second_name(m: Named, bracketed: Named, mentions: list[Named],
                   morph: Morphology) -> bool:
    """Is ``bracketed`` (written in brackets right after ``m``) the surname of the man whose
    first name ``m`` is?"""
    if m.type != "PER" or bracketed.type != "PER":
        return False
    first, surname = m.text.split(), bracketed.text.split()
    if len(first) != 1 or len(surname) != 1 or not first[0].isalpha() \
            or not surname[0].isalpha():
        return False
    cases = _first_name_cases(first[0].lower(), morph)
    if not cases or not cases & _surname_cases(surname[0].lower(), morph):
        return False
    return not _borne_by_another(m, bracketed, mentions)


@lru_cache(maxsize=4096)
def _first_name_cases(word: str, morph: Morphology) -> frozenset[str]:
    """The cases ``word`` reads in as a first name, none when it also reads as a surname."""
    parses = morph.parse(word)
    if any("Surn" in p.tag for p in parses):
        return frozenset()
    return frozenset(p.tag.case for p in parses if "Name" in p.tag and p.tag.case)


@lru_cache(maxsize=4096)
def _surname_cases(word: str, morph: Morphology) -> frozenset[str]:
    """The cases ``word`` reads in as a surname: pymorphy's surname readings for a word it
    knows ("Успенский", "Епифанову"), its guessed animate or masculine noun readings for one it
    does not ("Русняком"); none for a common word ("Феникс")."""
    parses = morph.parse(word)
    if morph.word_is_known(word):
        return frozenset(p.tag.case for p in parses if "Surn" in p.tag and p.tag.case)
    # an unknown word's guesses: a first name among them is only a guess ("Судоплатов")
    return frozenset(p.tag.case for p in parses
                     if p.tag.POS == "NOUN" and p.tag.case and "Name" not in p.tag
                     and "plur" not in p.tag and ("anim" in p.tag or "masc" in p.tag))


def _borne_by_another(m: Named, bracketed: Named, mentions: list[Named]) -> bool:
    """"Хоакин Феникс … Джо (Феникс)": the surname is another first name's, the actor's."""
    first, surname = fold(m.text), fold(bracketed.text)
    for other in mentions:
        words = fold(other.text).split()
        if other.type == "PER" and len(words) > 1 and same_word(words[-1], surname) \
                and not any(same_word(w, first) for w in words[:-1]):
            return True
    return False
