"""Relative dates inside a quoted post, letter or report: "today" there is the day it was
written, not the day the article came out.

    в день смерти Табакова, 12 марта, сделала запись в Facebook: «Сегодня скончался …
    ПОД «Божья воля» завтра отнесет заявление …»

"Сегодня" is 12 March and "завтра" 13 March, whatever day the article is dated. A quote's own
day is a day date in the words that introduce or close it: the sentence holding its opening
mark (before the mark), the sentence before that one in the same paragraph, or the sentence
holding its closing mark (after the mark). The dates inside the quote that depend on the
anchor ("вчера", "во вторник", "в прошлом году", "12 марта" with no year) are read again
against that day; their ``rule`` gets "+speech_day".

With no such day, a quote that follows a scene set in the past ("Перенесемся мысленно в 1960
год. Святой град, 16 апреля, Великая суббота. … Газета … описывает происходящее: «… был вчера
зажжен …»") cannot be read against the publication either: when the last day date of the few
sentences before it stands in a sentence with no verb and lies in another year than the
publication's, the quote's anchor-dependent dates are left unresolved (a day keeps its month
and day, "--03-12"), with "+past_frame" in ``rule``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date, timedelta
from typing import Callable

from svodka.analysis import Analysis
from svodka.extractors.coref import quoted_spans
from svodka.record import DateRef

DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
# how many sentences back a day date still sets the time of a quote with no day of its own
FRAME_SENTENCES = 8
# a second anchor this far from the first tells the dates that depend on it
PROBE = timedelta(days=400)

Rescan = Callable[[int, date], list[DateRef]]   # a sentence's dates read against an anchor


def _speech_day(analysis: Analysis, outside: list[DateRef], start: int, end: int) -> DateRef | None:
    """The day date that introduces the quote ``[start, end)`` or closes it."""
    region = analysis.region_of(start)
    opening, closing = analysis.sentence_of(start), analysis.sentence_of(end - 1)
    if opening is None or closing is None:
        return None
    earliest = analysis.sentences[max(opening - 1, 0)].start
    before = [ref for ref in outside if earliest <= ref.start and ref.end <= start
              and analysis.region_of(ref.start) == region]
    if before:
        return before[-1]
    after = [ref for ref in outside if end <= ref.start < analysis.sentences[closing].end]
    return after[0] if after else None


def _past_frame(analysis: Analysis, outside: list[DateRef], start: int,
                published: date) -> bool:
    """Whether the quote follows a scene set in another year than the publication's: the last
    day date of the sentences before it stands in a sentence with no verb ("Святой град, 16
    апреля, Великая суббота."). A day date told in passing ("Напомним, что … акции протеста
    6 мая 2012 года") sets no scene: the quotes after it are today's."""
    opening = analysis.sentence_of(start)
    if opening is None:
        return False
    earliest = analysis.sentences[max(opening - FRAME_SENTENCES, 0)].start
    before = [ref for ref in outside if earliest <= ref.start and ref.end <= start]
    if not before or before[-1].value[:4] == f"{published.year:04d}":
        return False
    scene = analysis.sentence_of(before[-1].start)
    return scene is not None and scene != opening and not any(
        analysis.tokens[i].feats.get("VerbForm") == "Fin"
        for i in analysis.sentence_tokens(scene))


def _unresolved(ref: DateRef) -> str | None:
    """A day or month keeps what the text wrote ("12 марта" → "--03-12"); a date told from
    the day of writing ("вчера", "в прошлом году") has nothing left."""
    return "--" + ref.value[5:] if ref.kind in ("day", "month") and ref.value[4:5] == "-" \
        else None


class _ByStart:
    """Indices of dates whose start lies in a span, found by bisect (not a scan of every date
    for every quote: quadratic on a long article), returned in list order as a scan would."""

    def __init__(self, refs: list[DateRef]):
        self._order = sorted(range(len(refs)), key=lambda k: refs[k].start)
        self._starts = [refs[k].start for k in self._order]

    def starting_in(self, lo: int, hi: int) -> list[int]:
        """Indices ``k`` with ``lo <= refs[k].start <= hi``, ascending."""
        return sorted(self._order[bisect_left(self._starts, lo):bisect_right(self._starts, hi)])


def anchor_quoted(analysis: Analysis, found: list[DateRef], published: date | None,
                  rescan: Rescan) -> list[DateRef]:
    """``found`` with the anchor-dependent dates inside quotes read against the quote's day."""
    by_start = _ByStart(found)        # starts and ends never change below, only values
    quotes = [(start, end) for start, end in quoted_spans(analysis)
              if any(found[k].end <= end for k in by_start.starting_in(start, end))]
    if not quotes:
        return found
    result = list(found)
    for start, end in quotes:
        inside = [k for k in by_start.starting_in(start, end) if result[k].end <= end]
        outside = _day_dates_around(analysis, result, by_start, start, end)
        day = _speech_day(analysis, outside, start, end)
        if day is not None:
            anchor, suffix = date.fromisoformat(day.value), "+speech_day"
        elif published is not None and _past_frame(analysis, outside, start, published):
            anchor, suffix = None, "+past_frame"
        else:
            continue
        probe = anchor or published
        read = {}
        for sentence in {analysis.sentence_of(result[k].start) for k in inside} - {None}:
            shifted = {(r.start, r.end): r.value for r in rescan(sentence, probe + PROBE)}
            for ref in rescan(sentence, probe):
                if shifted.get((ref.start, ref.end), ref.value) != ref.value:
                    read[(ref.start, ref.end)] = ref.value
        for k in inside:
            ref = result[k]
            if (ref.start, ref.end) not in read or not (anchor or ref.value):
                continue
            value = read[(ref.start, ref.end)] if anchor else _unresolved(ref)
            result[k] = replace(ref, value=value, rule=f"{ref.rule}{suffix}")
    return result


def _day_dates_around(analysis: Analysis, result: list[DateRef], by_start: _ByStart,
                      start: int, end: int) -> list[DateRef]:
    """The day dates outside the quote ``[start, end)`` that ``_speech_day`` and
    ``_past_frame`` may read: those from ``FRAME_SENTENCES`` sentences before its opening to
    the end of its closing sentence, with their values as earlier quotes left them."""
    opening, closing = analysis.sentence_of(start), analysis.sentence_of(end - 1)
    if opening is None:
        return []
    lo = analysis.sentences[max(opening - FRAME_SENTENCES, 0)].start
    hi = max(end, analysis.sentences[closing].end) if closing is not None else end
    return [ref for ref in (result[k] for k in by_start.starting_in(lo, hi))
            if (ref.end <= start or ref.start >= end) and ref.value and DAY.match(ref.value)]
