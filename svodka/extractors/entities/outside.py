"""Names in the lines the language pass skips (photo credits, bylines): "Фото: МИД РК".

No model reads these lines, so only listed abbreviations are found there; an organization
abbreviation followed by a place abbreviation is one organization ("МИД РК").
"""
from __future__ import annotations

from razdel import tokenize

from svodka.analysis import Analysis
from svodka.extractors.entities.gazetteer import abbreviation_of, gazetteer
from svodka.extractors.entities.types import Named


def _gaps(analysis: Analysis):
    position = 0
    for region in sorted(analysis.regions):
        if region.start > position:
            yield position, region.start
        position = max(position, region.end)
    if position < len(analysis.text):
        yield position, len(analysis.text)


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
