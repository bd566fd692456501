"""A person's other mentions named with the surname his entity is named by, when what the
normalizer made of them is a guess the text never writes: "Станислава Бышка" read as
"Станислав Бышк" beside "Станислав Бышок", "Николая Булаева" read as the village "Булаево"
beside "Николай Булаев". The paradigm decides: the written word must be a form of the
entity's surname (pymorphy's declension of it, or a Russian -ов/-ин surname's endings), so a
name that differs in more than its ending (a nickname, "Сергей Рудской" / "Рудского")
keeps its own normal.
"""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis.morphology import Morphology
from svodka.names import MASCULINE_SURNAME_ENDINGS
from svodka.text import fold, fold_word

# the endings a man's -ов/-ин surname takes in the oblique cases
_SURNAME_CASE_ENDINGS = ("а", "у", "ым", "е")


def as_named(normal: str, written: str, name: str, seen, morph: Morphology) -> str:
    """``normal`` of a mention written ``written`` of a person named ``name``: ``name``'s
    words where the mention's last word is a form of ``name``'s surname and ``normal``'s
    surname is written nowhere in the text (``seen``: its lowercase words)."""
    words, names, texts = normal.split(), name.split(), written.split()
    if len(words) != len(texts) or not words or len(words) > len(names) \
            or fold(" ".join(words[:-1])) != fold(" ".join(names[:len(words) - 1])):
        return normal
    guessed, surname = fold_word(words[-1]), fold_word(names[-1])
    if guessed == surname or guessed in seen or len(surname) < 4 \
            or fold_word(texts[-1]) not in _forms(surname, morph):
        return normal
    return " ".join([*words[:-1], names[-1]])


@lru_cache(maxsize=4096)
def _forms(surname: str, morph: Morphology) -> frozenset[str]:
    """Every form of ``surname`` (folded) read as a singular nominative."""
    forms = {surname}
    for parse in morph.parse(surname):
        if {"nomn", "sing"} <= set(parse.tag.grammemes):
            forms |= {fold_word(f.word) for f in parse.lexeme}
    if surname.endswith(MASCULINE_SURNAME_ENDINGS):
        forms |= {surname + ending for ending in _SURNAME_CASE_ENDINGS}
    return frozenset(forms)
