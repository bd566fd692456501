"""Set phrases whose capitalized word names no one ("кануло в Лету", "ящик Пандоры",
"Троянский конь"): the tagger reads "Лету" as a place; a reader, as "forgotten". The phrases
are data (``set_phrases.txt``); a mention lying inside one is dropped."""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_list
from svodka.extractors.entities.found import Found
from svodka.text import fold


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[str, ...]]]:
    """The phrases by their first word's first letters (a look-up per token, not per line)."""
    by_start: dict[str, list[tuple[str, ...]]] = {}
    for line in load_list("set_phrases.txt"):
        words = tuple(fold(w) for w in line.split())
        by_start.setdefault(words[0].rstrip("*")[:3], []).append(words)
    return by_start


def _reads(analysis: Analysis, index: int, word: str) -> bool:
    token = analysis.tokens[index]
    if word.endswith("*"):
        return fold(token.text).startswith(word[:-1])
    return fold(analysis.lemma(index)) == word or fold(token.text) == word


def set_phrase_spans(analysis: Analysis) -> list[range]:
    """The token ranges of every set phrase of the text."""
    tokens, spans = analysis.tokens, []
    for i, token in enumerate(tokens):
        for words in _phrases().get(fold(token.text)[:3], ()):
            stop = i + len(words)
            if stop <= len(tokens) and all(_reads(analysis, i + k, w)
                                           for k, w in enumerate(words)):
                spans.append(range(i, stop))
    return spans


def set_phrases(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    spans = set_phrase_spans(analysis)
    if not spans:
        return mentions
    return [m for m in mentions
            if not any(span.start <= m.first and m.stop <= span.stop for span in spans)]
