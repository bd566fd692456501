"""Names in the lines the language pass skips (photo credits, bylines): "Фото: МИД РК".

No model reads these lines, so only listed abbreviations are found there; an organization
abbreviation followed by a place abbreviation is one organization ("МИД РК"). Lines that are
another text, not this article's, are not read at all: a teaser ("Также по теме" and the
linked headline and lead, which name "БРИКС" or "США" for an article the reader did not
open) and an embedded post.
"""
from __future__ import annotations

import re

from razdel import tokenize

from svodka.analysis import Analysis
from svodka.extractors.entities.gazetteer import abbreviation_of, gazetteer
from svodka.extractors.entities.types import Named
from svodka.layout.boilerplate import EMBED, TEASER, classify

_OTHER_TEXTS = frozenset({TEASER, EMBED})


def _gaps(analysis: Analysis):
    position = 0
    for region in sorted(analysis.regions):
        if region.start > position:
            yield from _own_lines(analysis.text, position, region.start)
        position = max(position, region.end)
    if position < len(analysis.text):
        yield from _own_lines(analysis.text, position, len(analysis.text))


def _own_lines(text: str, start: int, end: int):
    """The stretches of a gap that are not another text (a teaser, an embedded post), by the
    layout's own reading of its lines."""
    lines = [(start + m.start(), start + m.end())
             for m in re.finditer(r"[^\s](?:[^\n]*[^\s])?", text[start:end])]
    kinds = classify([text[s:e] for s, e in lines])
    for index, (s, e) in enumerate(lines):
        if kinds.get(index) not in _OTHER_TEXTS:
            yield s, e


def _listed(text: str, gap_start: int):
    table = gazetteer().abbreviations
    for token in tokenize(text):
        abbreviation = abbreviation_of(token.text)
        if abbreviation is not None:
            yield gap_start + token.start, gap_start + token.stop, abbreviation, table[abbreviation]


def outside_mentions(analysis: Analysis) -> list[Named]:
    text = analysis.text
    found: list[Named] = []
    for gap_start, gap_end in _gaps(analysis):
        listed = list(_listed(text[gap_start:gap_end], gap_start))
        for i, (start, end, abbreviation, known) in enumerate(listed):
            found.append(Named(start, end, text[start:end], abbreviation, known.type,
                               canonical=known.canonical, rule="outside_regions"))
            if i and known.type == "LOC" and listed[i - 1][3].type == "ORG" \
                    and text[listed[i - 1][1]:start] == " ":
                org = found[-2]
                found[-1].nested = True
                found[-2] = Named(org.start, end, text[org.start:end],
                                  f"{org.normal} {abbreviation}", "ORG", rule="outside_regions")
    return found
