"""A country named by its adjective: «российская сторона», «глава российского государства»,
«американская держава» → the one country of the article that the adjective names (rule
``description:adjective``).

The noun says "a country" (``coref_country_nouns.txt``) and a country's adjective
(``quote_country_adjectives.tsv``) says which: a reader needs no earlier mention in focus,
only that the article names that country (before or after: «Российская сторона …» in a
headline and «Россия» in the text). The country must be one entity of the article — two
(«Россия» and «РФ» split) or none leave the noun unlinked — and of the noun's kind (a country
noun only a country, ``descriptions._place_fits``). A possessive or "другой" keeps the noun
out before this is asked (``descriptions._NOT_ANAPHORIC``); a plural («обе стороны») is no
one country.
"""
from __future__ import annotations

from svodka.data import load_set
from svodka.extractors.coref import country_names
from svodka.record import Entity
from svodka.text import fold


def country_noun(lemma: str) -> bool:
    """Is the noun one a country's adjective makes a name of that country ("сторона")?"""
    return lemma in load_set("coref_country_nouns.txt")


def country_by_adjective(analysis, head: int, entities: list[Entity]) -> tuple[Entity, str] | None:
    """The one place among ``entities`` that a country adjective on the noun ``head``
    names (``country_names``), when the noun is a country noun and the place fits its
    kind; else None."""
    from svodka.extractors.coref.descriptions import _place_fits

    lemma = analysis.lemma(head)
    if not country_noun(lemma):
        return None
    tokens = analysis.tokens
    names = set()
    for child in analysis.children(head):
        if tokens[child].rel == "amod" and child < head:
            names |= {fold(name) for name in country_names().get(analysis.lemma(child), ())}
    if not names:
        return None
    found = [e for e in entities if e.type == "LOC" and _place_fits(lemma, e)
             and names & {fold(e.name), *(fold(a) for a in e.aliases)}]
    return (found[0], "description:adjective") if len(found) == 1 else None
