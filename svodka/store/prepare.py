"""Everything the store derives from an article, computed where the article was extracted.

Lemmatizing for search and hashing for near-duplicates are the costly parts of storing;
doing them in the worker keeps the single writer (the parent process) fast.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from svodka.dedup import signature
from svodka.pickling import pickled_by_fields
from svodka.record import Article
from svodka.store.keys import Evidence, evidence
from svodka.store.lemmas import lemma_groups, word_forms, words
from svodka.text import fold

# An amount is indexed with its sentence, so "товарооборот" finds "50 млрд долларов".
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_CONTEXT_CHARS = 300


@pickled_by_fields
@dataclass(slots=True)
class SearchUnit:
    kind: str              # article | quote | amount
    n: int                 # position in the record's list
    start: int
    end: int
    ctx_start: int
    ctx_end: int
    speaker_local: str | None
    lemmas: str


@pickled_by_fields
@dataclass(slots=True)
class Prepared:
    article: Article
    record: str            # the record JSON without its text (stored in its own column)
    minhash: bytes | None
    units: list[SearchUnit] = field(default_factory=list)
    entity_words: dict[str, list[str]] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)   # corpus resolution's keys


def normalize_name(name: str) -> str:
    """A name word as the search index keys it."""
    return fold(name)


_MAX_WORD = 100   # a longer "word" is noise, and must fit the entity_words key


def name_words(names: list[str]) -> list[str]:
    forms = {form for name in names for m in words(name) for form in word_forms(m.group())}
    forms |= {normalize_name(m.group()) for name in names for m in words(name)}
    return sorted(form for form in forms if form and len(form) <= _MAX_WORD)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - _CONTEXT_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    ctx_start = ends[-1] if ends else left
    after = _SENTENCE_END.search(text, end, min(len(text), end + _CONTEXT_CHARS))
    ctx_end = after.start() + 1 if after else min(len(text), end + _CONTEXT_CHARS)
    return ctx_start, max(ctx_end, end)


def search_units(article: Article) -> list[SearchUnit]:
    text = article.text
    units = [SearchUnit("article", 0, 0, len(text), 0, len(text), None, lemma_groups(text))]
    for n, quote in enumerate(article.quotes):
        units.append(SearchUnit("quote", n, quote.start, quote.end, quote.start, quote.end,
                                quote.speaker, lemma_groups(quote.text)))
    for n, amount in enumerate(article.amounts):
        ctx_start, ctx_end = sentence_around(text, amount.start, amount.end)
        units.append(SearchUnit("amount", n, amount.start, amount.end, ctx_start, ctx_end, None,
                                lemma_groups(text[ctx_start:ctx_end])))
    return units


def prepare(article: Article) -> Prepared:
    return Prepared(
        article=article,
        record=json.dumps({k: v for k, v in article.to_dict().items() if k != "text"},
                          ensure_ascii=False),
        minhash=signature(article.text),
        units=search_units(article),
        entity_words={e.id: name_words([e.name, *e.aliases]) for e in article.entities},
        evidence={e.id: evidence(e) for e in article.entities},
    )
