"""Later mentions slovnet missed: a surname or a one-word name the text already introduced.

"Борис Джонсон ... Джонсон заявил": once "Джонсон" is known as a person's surname, its other
occurrences are mentions of a person too, even where the NER model saw nothing.
"""
from __future__ import annotations

import os

from svodka.analysis import Analysis
from svodka.extractors.entities.products import work_titles
from svodka.extractors.entities.types import Named
from svodka.text import QUOTES_AND_APOSTROPHE, fold

_MIN_LETTERS = 3


def _close(word: str, key: str) -> bool:
    """The same word in another case: "Джонсона" ~ "Джонсон", "Шукшину" ~ "Шукшин"."""
    if word == key:
        return True
    shared = len(os.path.commonprefix([word, key]))
    return shared >= len(key) - 1 and shared >= _MIN_LETTERS + 1 and len(word) - shared <= 3


def _known_words(named: list[Named]) -> dict[str, tuple[str, str]]:
    """fold(word) -> (type, the word as the name writes it), for words naming one thing only."""
    known: dict[str, tuple[str, str]] = {}
    clashing: set[str] = set()
    for m in named:
        words = m.normal.split()
        if m.kind != "name" or m.nested:
            continue
        if m.type == "PER" and len(words) > 1:
            word = words[-1]
        elif m.type in ("ORG", "LOC") and len(words) == 1 and not word_is_short(words[0]):
            word = words[0]
        else:
            continue
        key = fold(word)
        if key in known and known[key][0] != m.type:
            clashing.add(key)
        known.setdefault(key, (m.type, word))
    return {k: v for k, v in known.items() if k not in clashing and len(k) >= _MIN_LETTERS}


def word_is_short(word: str) -> bool:
    return len(word) < _MIN_LETTERS or not word[:1].isalpha()


def _initials_before(analysis: Analysis, index: int) -> tuple[int, str]:
    """"Б.Обама", "В. В. Путин": the initials written before a surname, and where they start."""
    tokens = analysis.tokens
    start, initials = tokens[index].start, ""
    while index >= 2 and tokens[index - 1].text == "." and tokens[index - 2].text.isalpha() \
            and tokens[index - 2].text[:1].isupper() and len(tokens[index - 2].text) <= 3 \
            and tokens[index - 1].start == tokens[index - 2].end \
            and tokens[index].start - tokens[index - 1].end <= 1:
        index -= 2
        start = tokens[index].start
        initials = analysis.text[start:tokens[index + 1].end] + " " + initials
    return start, initials


def _people_noun(token) -> bool:
    return token.pos == "NOUN" and token.feats.get("Animacy") == "Anim"


def propagate(analysis: Analysis, named: list[Named]) -> list[Named]:
    known = _known_words(named)
    if not known:
        return []
    by_prefix: dict[str, list[str]] = {}
    for key in known:
        by_prefix.setdefault(key[:_MIN_LETTERS], []).append(key)
    covered = set()
    for m in named:
        covered.update(analysis.tokens_between(m.start, m.end))
    for title in work_titles(analysis):
        covered.update(title)
    added = []
    for index, token in enumerate(analysis.tokens):
        if index in covered or not token.text[:1].isupper() or token.pos not in ("PROPN", "NOUN"):
            continue
        word = fold(token.text)
        for key in by_prefix.get(word[:_MIN_LETTERS], ()):
            if _close(word, key):
                type_, normal = known[key]
                if type_ in ("ORG", "LOC") and _people_noun(token) and not (
                        index and analysis.tokens[index - 1].text in QUOTES_AND_APOSTROPHE):
                    break     # "Америка" ... "Американцы": the people, not the place
                start = token.start
                if type_ == "PER":
                    start, initials = _initials_before(analysis, index)
                    normal = initials + normal
                added.append(Named(start, token.end, analysis.text[start:token.end], normal,
                                   type_, rule="propagate"))
                break
    return added
