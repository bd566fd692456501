"""Typed spans and the clean-ups benchmarks apply to them before scoring.

The clean-ups follow naeval (github.com/natasha/naeval, ``naeval/span.py``) so that the
factRuEval numbers compare with its published NER table: overlapping spans keep the first
and longest, spans that do not start and end on a razdel token boundary are dropped.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from razdel import tokenize


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str

    def overlap(self, other: "Span") -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def __len__(self) -> int:
        return self.end - self.start


def token_bounds(text: str) -> list[tuple[int, int]]:
    return [(token.start, token.stop) for token in tokenize(text)]


def drop_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Left to right, longest first: a span that starts inside the one kept before it goes."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and kept[-1].end > span.start:
            continue
        kept.append(span)
    return kept


def drop_misaligned(spans: Iterable[Span], bounds: list[tuple[int, int]]) -> list[Span]:
    """Keep spans that start where a token starts and end where a token ends."""
    starts = {start for start, _ in bounds}
    ends = {end for _, end in bounds}
    return [span for span in spans if span.start in starts and span.end in ends]


def strip(span: Span, text: str, chars: str) -> Span | None:
    """Trim ``chars`` off both ends; ``None`` when nothing is left."""
    chunk = text[span.start:span.end]
    left = len(chunk) - len(chunk.lstrip(chars))
    right = len(chunk.rstrip(chars))
    if right <= left:
        return None
    return Span(span.start + left, span.start + right, span.type)


def innermost_pieces(spans: list[Span]) -> list[Span]:
    """Cut nested spans at every boundary; each piece takes the type of the shortest span
    covering it (``Президент России Владимир Путин``: PERSONPROPERTY / GEO / PERSON).

    This is naeval's treatment of pullenti's nested referents (``split_overlapping_spans``
    with the deepest referent winning), done with a sweep instead of an interval tree.
    """
    cuts = sorted({s.start for s in spans} | {s.end for s in spans})
    ordered = sorted(spans, key=lambda s: s.start)
    pieces: list[Span] = []
    active: list[Span] = []
    next_span = 0
    for left, right in zip(cuts, cuts[1:]):
        while next_span < len(ordered) and ordered[next_span].start <= left:
            active.append(ordered[next_span])
            next_span += 1
        active = [s for s in active if s.end > left]
        covering = [s for s in active if s.start <= left and s.end >= right]
        if covering:
            pieces.append(Span(left, right, min(covering, key=len).type))
    return pieces


# What naeval strips off the ends of pullenti's pieces: quotes, brackets, dashes, spaces.
PIECE_STRIP = "\"'”«„ʼ»“ʻ()- \t"


def nested_pieces(spans: list[Span], text: str) -> list[Span]:
    """naeval's treatment of nested predictions, for any system: :func:`innermost_pieces`,
    then the ends of every piece that was cut out of a longer span stripped of
    :data:`PIECE_STRIP` (``МИД РФ`` with ``РФ`` nested: ORG ``МИД``, LOC ``РФ``).

    A span nothing nests in comes through unchanged, so flat output scores as before.
    """
    whole = set((s.start, s.end) for s in spans)
    pieces = []
    for piece in innermost_pieces(spans):
        if (piece.start, piece.end) not in whole:
            piece = strip(piece, text, PIECE_STRIP)
        if piece:
            pieces.append(piece)
    return pieces


def convert_types(spans: Iterable[Span], mapping: dict[str, str]) -> list[Span]:
    return [Span(s.start, s.end, mapping[s.type]) for s in spans if s.type in mapping]
