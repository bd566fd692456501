"""Dates: "27 ноября", "в 2024-2025 годах", "в марте 2023 года", "вчера", "два года".

Rules (``RULES``, from ``dates.rules`` and ``dates.durations``) are named pure functions
tried in order at each token; the first that matches wins and the scan continues after it,
so each token is looked at a bounded number of times. A span includes its preposition ("в 2024 году", "в течение трех
месяцев") and, for durations, a qualifier ("около 14 лет назад"), as NEREL marks dates.
Values are ISO 8601 (``docs/dates.md``); relative dates resolve against ``published`` and
stay ``None`` without it.
"""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import month_numbers
from svodka.extractors.dates import values
from svodka.extractors.numbers import FRACTION_NOUNS
from svodka.extractors.dates.values import Found, date_words, group_lemmas, relative_phrases
from svodka.extractors.dates.years import settle_years
from svodka.extractors.dates.frames import anchor_quoted
from svodka.extractors.dates.durations import (SPAN_ADJECTIVES, duration, duration_range,
                                               span_adjective)
from svodka.extractors.dates.rules import (ROMAN_DIGITS, Cursor, anchored, century,
                                           date_adjective, day_month, day_span, decade, decade_words, event_year, month_span,
                                           month_year, numeric_day, relative_phrase, season,
                                           weekday, year, year_part, year_span)
from svodka.extractors.numbers import COMPOUND_STEMS, lemma_of, number_word
from svodka.record import DateRef

RULES = [numeric_day, day_span, year_span, weekday, day_month, decade, decade_words, century,
         year_part, month_span, month_year, year, event_year, season, anchored, span_adjective,
         duration, date_adjective]
# these read their own opening word, so they are tried before any preposition is taken
OPENING_RULES = [relative_phrase, day_span, year_span, duration_range]
# kinds a qualifier may come before: "около 14 лет", "более года назад"
QUALIFIED_KINDS = ("duration", "relative")
RANGE_OPENERS = ("с", "со", "c")
RANGE_CLOSERS = ("по", "до")
# a duration's span leaves these out: "приговорил к 24 годам тюрьмы", as NEREL marks it
NOT_FOR_SPANS = frozenset({"к", "ко", "с", "со", "по", "в", "во", "от"})


@lru_cache(maxsize=None)
def _phrases(group: str) -> dict[str, list[tuple[str, ...]]]:
    """A group's phrases by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted((tuple(p.split()) for p in date_words(group)), key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    return by_first


def _phrase_at(c: Cursor, i: int, group: str) -> tuple[str, ...] | None:
    for words in _phrases(group).get(c.low(i), ()):
        if all(c.low(i + k) == word for k, word in enumerate(words)):
            return words
    return None


def _rule_at(c: Cursor, i: int) -> Found | None:
    for rule in OPENING_RULES:
        found = rule(c, i, "")
        if found:
            return found
    prefix = _phrase_at(c, i, "prefix")
    if prefix and i + len(prefix) < c.stop:
        words, at = " ".join(prefix), i + len(prefix)
        qualifier = _phrase_at(c, at, "qualifier")   # "в течение примерно 26 лет"
        if qualifier and words not in NOT_FOR_SPANS:
            for rule in RULES:
                found = rule(c, at + len(qualifier), words)
                if found and found.kind in QUALIFIED_KINDS:
                    return found
        for rule in RULES:
            found = rule(c, at, words)
            if found and not (found.kind == "duration" and words in NOT_FOR_SPANS):
                return found
    for rule in RULES:
        found = rule(c, i, "")
        if found:
            return found
    return None


@lru_cache(maxsize=None)
def _opening_words() -> frozenset[str]:
    words = set(_phrases("prefix")) | set(_phrases("qualifier"))
    words.update(first for first, _ in relative_phrases())
    words.update(date_words("weekday"))
    words.update(month_numbers())
    words.update(date_words("half"))
    return frozenset(words)


@lru_cache(maxsize=None)
def _opening_lemmas() -> frozenset[str]:
    return frozenset(group_lemmas("anchor") | group_lemmas("season") | group_lemmas("unit")
                     | group_lemmas("several") | group_lemmas("decade") | group_lemmas("ordinal")
                     | group_lemmas("adjective")
                     | SPAN_ADJECTIVES | frozenset(FRACTION_NOUNS))


def _may_open(c: Cursor, i: int) -> bool:
    """A cheap test that rules most tokens out before any rule runs."""
    word = c.low(i)
    morph = c.analysis.morph
    return word[:1].isdecimal() or word[-1:].isdecimal() or word in _opening_words() or \
        word.partition("-")[0] in month_numbers() or \
        c.analysis.tokens[i].text[:1] in ROMAN_DIGITS or \
        any(stem in word for stem in COMPOUND_STEMS) or \
        lemma_of(word, _opening_lemmas(), morph) is not None or \
        number_word(word, morph) is not None


def _match_at(c: Cursor, i: int) -> Found | None:
    if not _may_open(c, i):
        return None
    qualifier = _phrase_at(c, i, "qualifier")
    if qualifier:
        found = _rule_at(c, i + len(qualifier))
        if found and found.kind in QUALIFIED_KINDS:
            return found
    return _rule_at(c, i)


def _merge_span(found: list[DateRef], text: str) -> None:
    """ "с 1 марта 2011 по декабрь 2015": two dates joined into one interval."""
    if len(found) < 2:
        return
    first, second = found[-2], found[-1]
    opener = first.text.split(maxsplit=1)[0].lower()
    closer = second.text.split(maxsplit=1)[0].lower()
    if opener not in RANGE_OPENERS or closer not in RANGE_CLOSERS or \
            text[first.end:second.start].strip() or first.kind == "range":
        return
    value = f"{first.value}/{second.value}" if first.value and second.value else None
    found[-2:] = [DateRef(first.start, second.end, text[first.start:second.end], "range", value,
                          "from_to")]


def _scan(analysis: Analysis, index: int, anchor, found: list[DateRef],
          guessed: set[int]) -> None:
    """The dates of sentence ``index`` read against ``anchor``, added to ``found``; the starts
    of those given the anchor's year for want of one go to ``guessed``."""
    text, tokens, sentence = analysis.text, analysis.tokens, analysis.sentences[index]
    c = Cursor(analysis, sentence.first, sentence.stop, anchor)
    i = sentence.first
    while i < sentence.stop:
        match = _match_at(c, i)
        if match is None:
            i += 1
            continue
        start, end = tokens[i].start + match.skip_chars, tokens[match.stop - 1].end
        if text[end - 1] == ",":
            end -= 1                   # "в 1958," of "в 1958, 1962 и 1970 годах"
        found.append(DateRef(start, end, text[start:end], match.kind, match.value, match.rule))
        if match.year_guessed:
            guessed.add(start)
        _merge_span(found, text)
        i = match.stop


def _rescan(analysis: Analysis, index: int, anchor) -> list[DateRef]:
    found: list[DateRef] = []
    _scan(analysis, index, anchor, found, set())
    return found


def extract_dates(analysis: Analysis, published: str | None) -> list[DateRef]:
    """Every date in the analyzed text, in order; relative ones resolved against ``published``
    (or, inside a quote, against the quote's own day: ``dates/frames.py``)."""
    anchor = values.parse_published(published)
    found: list[DateRef] = []
    guessed: set[int] = set()           # starts of the dates given the publication's year
    for index in range(len(analysis.sentences)):
        _scan(analysis, index, anchor, found, guessed)
    settled = settle_years(analysis, found, guessed, anchor)
    return anchor_quoted(analysis, settled, anchor,
                         lambda index, day: _rescan(analysis, index, day))
