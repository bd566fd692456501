"""Quotes: direct and indirect speech with its speaker, as defined in the annotation guidelines.

``RULES`` is the ordered list of named rules; each reads the shared analysis and proposes
quote spans. An earlier rule wins where two overlap (quotes never overlap), so direct speech
in marks comes first and a cue inside a quote never makes a quote of its own. The rule that
found a quote is kept in ``Quote.rule`` for ``svodka extract --explain``.

A paragraph may hold a sentence the dump cut at links into several lines (the layout joins
them, ``svodka.layout.lines``), so rules read it whole; the quote it finds is then cut at the
newlines, as the gold annotates it (``tests/data/quotes/GUIDELINES.md``: spans never cross a
newline; each line piece is a quote, one- and two-word pieces are not): every piece keeps the
quote's kind, cue and speaker.
"""
from __future__ import annotations

import logging
from bisect import bisect_right

from svodka.analysis import Analysis
from svodka.extractors.quotes.adjacent import neighbour_attributed
from svodka.extractors.quotes.context import MIN_WORDS, Candidate, Context, build_context, trim
from svodka.extractors.quotes.dialogue import colon_led_turns, cued_turns
from svodka.extractors.quotes.direct import quoted_segments, unmarked_dash
from svodka.extractors.quotes.indirect import (according_to, according_to_which, colon_unmarked,
                                               cue_comma_clause, cue_that, fronted_that,
                                               inverted)
from svodka.extractors.quotes.nesting import nested_in_statement
from svodka.extractors.quotes.speaker import EntityIndex, Speaker, find_speaker, person_genders
from svodka.extractors.quotes.speaker_ranker import rerank_speakers
from svodka.record import Entity, Quote
from svodka.text import CLOSING_QUOTES, OPENING_QUOTES

__all__ = ["extract_quotes", "RULES"]

log = logging.getLogger(__name__)

RULES = [
    quoted_segments,
    unmarked_dash,
    cued_turns,
    colon_led_turns,
    colon_unmarked,
    according_to,
    according_to_which,
    cue_that,
    cue_comma_clause,
    fronted_that,
    inverted,
]


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep candidates in rule order, dropping any that overlaps one already kept."""
    kept: list[Candidate] = []
    starts: list[int] = []      # kept spans, sorted and disjoint
    ends: list[int] = []
    for candidate in candidates:
        at = bisect_right(starts, candidate.start)
        if at and ends[at - 1] > candidate.start:
            continue
        if at < len(starts) and starts[at] < candidate.end:
            continue
        starts.insert(at, candidate.start)
        ends.insert(at, candidate.end)
        kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _through_marks(ctx: Context, candidate: Candidate) -> Candidate:
    """An indirect quote whose content opens marks that close after it: the sentence split
    inside the marks («Тредиаковский, пишет Абрамзон, «совершил прорыв … . Тредиаковский
    предложил …»»). Content wholly in those marks is direct speech, the marks left out
    (GUIDELINES: `По его словам, «…»`); content partly in marks runs on to their close."""
    if candidate.kind != "indirect":
        return candidate
    text = ctx.text
    opening = next((i for i in range(candidate.start, candidate.end)
                    if text[i] in OPENING_QUOTES), None)
    segment = ctx.quoted_at(opening + 1) if opening is not None else None
    if segment is None or segment.start != opening or not segment.closed \
            or segment.end < candidate.end:
        return candidate    # «…», но …: the marks close inside the content
    if not text[candidate.start:opening].strip():
        candidate.start, candidate.end = trim(text, segment.inner_start, segment.inner_end)
        candidate.kind = "direct"
    elif segment.end > candidate.end:
        candidate.end = trim(text, candidate.start, segment.end)[1]
    return candidate


def _propose(ctx: Context) -> list[Candidate]:
    candidates: list[Candidate] = []
    for rule in RULES:
        found = rule(ctx)
        log.debug("rule %s proposed %d quotes", rule.__name__, len(found))
        candidates.extend(_through_marks(ctx, candidate) for candidate in found)
    # a clause reported inside marked speech is the outer speaker's words, not a quote
    kept = _without_overlaps([c for c in candidates if not nested_in_statement(ctx, c)])
    # speech in marks whose speaker the adjacent sentence's quote names (quotes.adjacent); it
    # crosses no kept quote, and those it holds are nested speech, so it goes first
    return _without_overlaps(neighbour_attributed(ctx, kept) + kept)


def _speakers(ctx: Context, entities: list[Entity], candidates: list[Candidate],
              dateline: tuple[int, int] | None) -> list[Speaker]:
    index = EntityIndex.build(ctx, entities, dateline,
                             [(c.start, c.end, c.kind) for c in candidates])
    person_genders(ctx, index)
    by_group: dict[int, Speaker] = {}
    speakers = []
    for candidate in candidates:
        if candidate.group is not None and candidate.group in by_group:
            speakers.append(by_group[candidate.group])
            continue
        speaker = find_speaker(ctx, index, candidate)
        if candidate.group is not None:
            by_group[candidate.group] = speaker
        speakers.append(speaker)
    return speakers


def joint_name(names: list[str]) -> str:
    """The gold's way of writing a joint statement's speakers: "A", "A и B", "A, B и C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1]


def line_pieces(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at its newlines: each line's piece of three words or more, trimmed
    as a quote's edge is: a piece's own final period, trailing comma or dash goes with the
    break, and so does a mark whose pair lies in another piece (or nowhere: a segment the
    marks left open at the paragraph's start); a nested name whole in the piece keeps its marks («своего неба» в Сирии …, as the latest gold batches annotate it)."""
    text = ctx.analysis.text
    if "\n" not in text[start:end]:
        return [(start, end)]
    pieces = []
    piece_start = start
    while piece_start < end:
        newline = text.find("\n", piece_start, end)
        piece_end = end if newline == -1 else newline
        trimmed = trim(text, piece_start, piece_end)
        s = trimmed[0] if piece_start != start else piece_start
        e = trimmed[1] if newline != -1 else piece_end
        if s < e and text[s] in OPENING_QUOTES \
                and not any(mark in text[s + 1:e] for mark in CLOSING_QUOTES):
            s = trim(text, s + 1, e)[0]
        if newline != -1 and s < e and text[e - 1] in CLOSING_QUOTES \
                and not any(mark in text[s:e - 1] for mark in OPENING_QUOTES):
            e = trim(text, s, e - 1)[1]
        if s < e and ctx.words_in(s, e) >= MIN_WORDS:
            pieces.append((s, e))
        piece_start = piece_end + 1
    return pieces


def extract_quotes(analysis: Analysis, entities: list[Entity],
                   dateline: tuple[int, int] | None = None, *, rerank: bool = True
                   ) -> list[Quote]:
    """Quotes of an analysed article. ``dateline`` is the layout's dateline span, whose agency
    is never a speaker by default. ``rerank=False`` keeps the rules' speakers even where the
    trained re-ranker (``speaker_ranker``, when its model is installed) would override them."""
    ctx = build_context(analysis)
    candidates = _propose(ctx)
    quotes = []
    text = analysis.text
    speakers = _speakers(ctx, entities, candidates, dateline)
    for candidate, speaker in zip(candidates, speakers):
        entity = speaker.entity
        joint = (entity, *speaker.others) if entity is not None else ()
        cue = text[candidate.cue_span[0]:candidate.cue_span[1]] if candidate.cue_span else None
        for start, end in line_pieces(ctx, candidate.start, candidate.end):
            quotes.append(Quote(
                start, end, text[start:end], candidate.kind,
                speaker=entity.id if entity else None,
                speaker_name=joint_name([e.name for e in joint]) if entity else None,
                cue=cue, cue_span=candidate.cue_span, rule=candidate.rule,
                speaker_text=speaker.text, speaker_span=speaker.span,
                co_speakers=[e.id for e in speaker.others]))
    return rerank_speakers(analysis, entities, quotes) if rerank else quotes
