"""Layout: headline, credits, dateline and paragraphs of a scraped article.

Nothing here reads language: it works on lines. Credits ("Фото: МИД РК", "Читайте также …",
and the other lines :mod:`svodka.layout.boilerplate` finds: captions, teasers, embedded posts,
page script) are kept as spans with their kind but excluded from extraction; every later span
stays inside one region, so no span ever crosses a paragraph.

A paragraph is a body line, or several consecutive body lines that are one sentence cut where
the page had a link (:mod:`svodka.layout.lines`): such a paragraph holds newlines inside, the
language pass reads them as spaces, and the record's ``paragraphs`` are these joined spans.
Entity mentions, amounts and dates may then cross such a newline («Дональд⏎Трамп»); quote
spans never do (the quote gold's rule): a quote is cut at the newlines into one quote per line
piece (``svodka.extractors.quotes``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from svodka.layout.boilerplate import classify, is_code, is_credit
from svodka.layout.dateline import DatelineMatch, find_dateline
from svodka.layout.lines import sentence_lines
from svodka.record import Credit, Paragraph, Span

__all__ = ["Layout", "Region", "analyze_layout", "body_lines", "DatelineMatch"]

_LINE = re.compile(r"[^\n]+")
_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 35


@dataclass(frozen=True, slots=True, order=True)
class Region:
    """A stretch of text the language pass reads as one: no token, sentence or name crosses
    its edges. ``kind`` says what it is: "headline", "dateline" or "paragraph" (a paragraph
    may span several lines of one sentence, newlines inside)."""
    start: int
    end: int
    kind: str = "paragraph"


@dataclass(slots=True)
class Layout:
    headline: Span | None = None
    dateline: DatelineMatch | None = None
    credits: list[Credit] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def regions(self) -> list[Region]:
        """The stretches of text the language pass reads, in order: headline, dateline, paragraphs."""
        regions = []
        if self.headline:
            regions.append(Region(self.headline.start, self.headline.end, "headline"))
        if self.dateline:
            regions.append(Region(self.dateline.start, self.dateline.end, "dateline"))
        regions.extend(Region(p.start, p.end, "paragraph") for p in self.paragraphs)
        return sorted(regions)


def is_headline(line: str) -> bool:
    stripped = line.strip()
    return (0 < len(stripped) <= _HEADLINE_MAX_CHARS
            and len(stripped.split()) <= _HEADLINE_MAX_WORDS
            and not stripped.endswith((".", ":", ";", ","))
            and not is_credit(stripped) and not is_code(stripped))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def analyze_layout(text: str) -> Layout:
    layout, body = _layout_lines(text)
    layout.paragraphs = [Paragraph(s, e) for s, e in sentence_lines(text, body)]
    return layout


def body_lines(text: str) -> list[tuple[int, int]]:
    """The article's body lines (no headline, dateline, credit or blank line), before the
    lines of one sentence are joined into paragraphs."""
    return _layout_lines(text)[1]


def _layout_lines(text: str) -> tuple[Layout, list[tuple[int, int]]]:
    layout = Layout()
    lines = [_trimmed(text, m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [(s, e) for s, e in lines if e > s]
    if len(lines) > 1 and is_headline(text[lines[0][0]:lines[0][1]]):
        s, e = lines.pop(0)
        layout.headline = Span(s, e, text[s:e])
    body: list[tuple[int, int]] = []
    kinds = classify([text[s:e] for s, e in lines])
    for index, (s, e) in enumerate(lines):
        if index in kinds:
            layout.credits.append(Credit(s, e, text[s:e], kinds[index]))
        else:
            body.append((s, e))
    if body:
        s, e = body[0]
        dateline = find_dateline(text, s, e)
        if dateline:
            layout.dateline = dateline
            rest = _trimmed(text, dateline.end, e)
            rest = (rest[0] + _leading_junk(text, rest[0], rest[1]), rest[1])
            body[0] = rest if rest[1] > rest[0] else None
    return layout, [b for b in body if b]


def _leading_junk(text: str, start: int, end: int) -> int:
    """Skip the separator left between a dateline and the article text ("- ", "— ", ". ")."""
    skipped = 0
    while start + skipped < end and text[start + skipped] in " -–—./":
        skipped += 1
    return skipped
