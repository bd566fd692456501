"""A description's nationality agrees with its speaker: "Японский премьер заявил" is not
Путин (the resolver's nearest premier, "президент России"), "в российском ведомстве" is not
"Государственная авиационная служба Украины". Issue 15, the analyst's read 12l.

The country is read from the head noun's own adjective (`quote_country_adjectives.tsv`), and
an entity's countries from the words of its names and roles ("президент России", "МИД
Украины", "украинский МИД"); an entity conflicts when it names some other country of the
table and not this one ("посол России в США" names both and stays).
"""
from __future__ import annotations

from svodka.extractors.quotes.context import STEM_FROM, Context
from svodka.extractors.quotes.syntax import children
from svodka.record import Entity
from svodka.text import fold


def phrase_country(ctx: Context, head: int) -> str | None:
    """The adjective of the head noun that names a country ("японский"), as its table key."""
    for child in children(ctx, head, ("amod",)):
        if ctx.lemma(child) in ctx.lexicon.countries:
            return ctx.lemma(child)
    return None


def conflicts(ctx: Context, entity: Entity | None, country: str | None) -> bool:
    """Does ``entity`` belong to another country than the phrase's ``country`` says?"""
    if entity is None or country is None:
        return False
    words = {word for text in (entity.name, *entity.aliases, *entity.roles)
             for word in fold(text).replace("-", " ").split()}
    named = {key for key, stems in ctx.lexicon.country_stems.items()
             if any(_matches(word, stem) for word in words for stem in stems)}
    own = {key for key in named if _same_country(ctx, key, country)}
    return bool(named) and not own


def _same_country(ctx: Context, key: str, country: str) -> bool:
    """Two adjectives of one country ("корейский" and "южнокорейский" are not; "английский"
    and "британский" are): the first name they give is the same."""
    return ctx.lexicon.countries[key][:1] == ctx.lexicon.countries[country][:1]


def _matches(word: str, stem: str) -> bool:
    return word.startswith(stem) if len(stem) >= STEM_FROM - 1 else word == stem
