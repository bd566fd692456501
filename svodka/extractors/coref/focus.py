"""The one thing in focus: a listed description the rules and the ranker leave open ("в
стране", "глава государства", "министр") → the only entity of its kind mentioned in the
sentences just before it (rule ``description:focus``).

A reader takes "страна" for the country the last sentences spoke of when they spoke of one
country only; two countries (or two people for "министр") leave it open, as before. The kind
is the description's: a country noun ("страна", "государство") only a country, a city noun a
city (``descriptions._place_fits``), a person noun a person of its gender (``_kind_fits``);
the description's own words must agree with the entity (``_fits``: "американский президент"
is no Путин). Organizations are read when ``FOCUS_TYPES`` holds "ORG" (off by default);
the news agency reporting («сообщает "Интерфакс"») is then in focus only for a media noun
("агентство", "издание": ``quote_media_nouns.txt``), never for "компания". People are not
in focus: on the tuning articles a person noun so linked was wrong 3 times in 3. A description that speaks is the speaker rules'. Which kinds are read, and how
many sentences back, were chosen on the tuning articles (docs/coref.md, "The one thing in
focus").
"""
from __future__ import annotations

from svodka.data import load_set
from svodka.record import Entity
from svodka.text import fold

# entity types a description may be linked to by focus, and how many sentences before the
# description's own (0: only its sentence) are read for the entities in focus
# (places only: on the tuning articles organizations' focus links were right 6 times in 7,
# 0.857, under the 0.90 that link precision must keep; an option, docs/coref.md)
FOCUS_TYPES: frozenset[str] = frozenset({"LOC"})
FOCUS_SENTENCES = 1


def in_focus(analysis, head: int, first: int, stop: int, type_: str | None, before,
             genders: dict[int, str | None]) -> tuple[Entity, str] | None:
    """The entity of ``type_`` alone in focus before the description headed by ``head``
    (``before``: the earlier mentions, ``descriptions._Known``), when the description's
    kind and words fit it; else None."""
    from svodka.extractors.coref import descriptions as d

    if type_ not in FOCUS_TYPES:
        return None
    tokens = analysis.tokens
    lemma = analysis.lemma(head)
    if type_ == "LOC" and lemma not in d._place_kinds():
        return None       # "республика", "территория": which place is not said by the noun
    if d._speaking(analysis, head):
        return None
    floor = tokens[head].sent - FOCUS_SENTENCES
    media = lemma in load_set("quote_media_nouns.txt")
    outlets = load_set("quote_outlets.txt")
    near = {id(k.entity): k.entity for k in before
            if tokens[k.first].sent >= floor and k.entity.type == type_
            and d._kind_fits(analysis, head, k.entity, genders)
            and (media or fold(k.entity.name) not in outlets)}
    return _the_one_that_fits(analysis, head, first, stop, near, before, genders,
                              "description:focus")


def _the_one_that_fits(analysis, head: int, first: int, stop: int, found: dict, known,
                       genders: dict[int, str | None], rule: str) -> tuple[Entity, str] | None:
    """The one entity ``found`` holds, when the description's words fit its mentions among
    ``known`` (``descriptions._fits``); two or more, or one that does not fit, none."""
    from svodka.extractors.coref import descriptions as d

    if len(found) != 1:
        return None
    entity = next(iter(found.values()))
    if not d._fits(analysis, head, first, stop, [k for k in known if k.entity is entity],
                   genders):
        return None
    return entity, rule


# whether a headline's description with nothing before it goes to the one entity that a
# later mention names by the same noun (``headline_ahead``, rule ``description:headline``)
HEADLINE = True


def headline_ahead(analysis, head: int, first: int, stop: int, type_: str | None, after,
                   genders: dict[int, str | None]) -> tuple[Entity, str] | None:
    """A headline speaks of what the article then names: «Американская журналистка,
    осужденная в Иране, прекратила голодовку» and later «Американская журналистка Роксана
    Сабери» — the headline's description is the one entity whose later mentions (``after``,
    ``descriptions._Known``) hold its head noun, when its words fit it; two such entities,
    none."""
    from svodka.extractors.coref import descriptions as d

    if not HEADLINE or type_ is None:
        return None
    own = analysis.tokens[head].sent
    if analysis.regions[analysis.sentences[own].region].kind != "headline":
        return None
    lemma = analysis.lemma(head)
    holders = {id(k.entity): k.entity for k in after
               if k.entity.type == type_ and analysis.tokens[k.first].sent != own
               and any(word == lemma for _, word in d._head_lemmas(analysis, k))}
    return _the_one_that_fits(analysis, head, first, stop, holders, after, genders,
                              "description:headline")
