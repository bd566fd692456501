"""Morphology for search: every word becomes its dictionary forms, so "посол" finds "послом".

Index and query go through the same function. An ambiguous word keeps up to three
normal forms ("стали" → стать|сталь): recall matters more than a guess without context,
but readings pymorphy all but rules out are dropped.
The index text holds one space-separated group per word of the indexed text, so the
n-th group points back at the n-th word and a hit can be located without re-parsing.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from svodka.text import fold_word

WORD = re.compile(r"[^\W_]+")
MAX_FORMS = 3
# A reading pymorphy gives less than 1 % of a word's probability is kept out: "после" is
# "посол" in the prepositional case only in theory, and a search for the ambassador must not
# return every "после" of the corpus. "стали" keeps сталь (2.5 %) beside стать.
MIN_FORM_SCORE = 0.01


def _morph():
    from svodka.analysis.models import morph_vocab  # the extractors' own, not a second copy
    return morph_vocab()


def _clean(word: str) -> str:
    return "".join(WORD.findall(fold_word(word)))


@lru_cache(maxsize=50_000)   # bounded: an ingest worker must stay small over millions of articles
def word_forms(word: str) -> tuple[str, ...]:
    """The normal forms of one word, most likely first; digits and Latin stay as they are."""
    lowered = _clean(word)
    if not lowered or not any("а" <= ch <= "я" for ch in lowered):
        return (lowered,) if lowered else ()
    scores: dict[str, float] = {}
    for parse in _morph().parse(lowered):
        form = _clean(parse.normal_form)
        if form:
            scores[form] = scores.get(form, 0.0) + parse.score
    forms = [form for i, (form, score) in enumerate(scores.items())
             if i == 0 or score >= MIN_FORM_SCORE][:MAX_FORMS]
    return tuple(forms) or (lowered,)


def words(text: str) -> Iterator[re.Match]:
    return WORD.finditer(text)


def lemma_groups(text: str) -> str:
    """The index text for ``text``: one group of normal forms per word."""
    return " ".join("|".join(word_forms(m.group())) for m in WORD.finditer(text))


def query_terms(query: str) -> list[tuple[str, ...]]:
    """Each query word as the set of forms any of which may match; a repeated word once."""
    terms: list[tuple[str, ...]] = []
    for match in WORD.finditer(query):
        forms = set(word_forms(match.group())) | {_clean(match.group())}
        term = tuple(sorted(forms))
        if term not in terms:
            terms.append(term)
    return terms


def first_hit(groups: str, terms: list[tuple[str, ...]]) -> int | None:
    """Index of the first word whose forms meet any query term (a scan in C, not Python)."""
    forms = sorted({form for term in terms for form in term}, key=len, reverse=True)
    if not forms:
        return None
    pattern = re.compile(r"(?<![^ |])(?:" + "|".join(map(re.escape, forms)) + r")(?![^ |])")
    match = pattern.search(groups)
    return groups.count(" ", 0, match.start()) if match else None


def word_span(text: str, index: int) -> tuple[int, int] | None:
    """The ``index``-th word's span (the words before it are skipped in C, not in a loop)."""
    match = next(islice(WORD.finditer(text), index, None), None)
    return match.span() if match else None
