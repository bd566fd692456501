"""A media noun for the outlet just named: «…, передает Reuters. По информации агентства, …»,
«как пишет издание» → the one news outlet named in its sentence or the ones just before
(rule ``description:media``).

What the rules and the ranker leave open: the outlet is often named without a descriptor
(«передает ИТАР-ТАСС»), so no earlier mention holds the noun, and the ranker keeps the agency
reporting the news out of its candidates (right for "ведомство", wrong for "агентство"). A
reader takes "агентство" for the one outlet just named; two outlets named leave it open. An
outlet is an organization named in ``quote_outlets.txt`` (or a part of its name is:
«ИТАР-ТАСС»), one whose mention holds a media noun («агентство Франс Пресс»), or the subject
of an outlet's verb (``coref_media_cues.txt``: «пишет The Times»). Unlike other
descriptions, a media noun that speaks («по информации агентства», «как пишет издание») is
linked: whose words they are is the outlet's, and the noun's sentence is where RuCoCo and a
reader join it. Installed off (``descriptions.MEDIA``): on 80 tuning articles it made one
link, the outlet being mostly named after the noun (docs/coref.md, "A country by its
adjective, an outlet by its noun"); ``MEDIA_SENTENCES`` was not tuned.
"""
from __future__ import annotations

import re

from svodka.data import load_set
from svodka.record import Entity
from svodka.text import fold

# how many sentences before the description's own are read for the outlets named
MEDIA_SENTENCES = 2


def media_noun(lemma: str) -> bool:
    return lemma in load_set("quote_media_nouns.txt")


def outlet_in_focus(analysis, head: int, first: int, stop: int, before,
                    genders: dict[int, str | None]) -> tuple[Entity, str] | None:
    """The one outlet named in the media noun ``head``'s sentence or the ``MEDIA_SENTENCES``
    before (``before``: the earlier mentions, ``descriptions._Known``), when the noun's words
    fit it; else None."""
    from svodka.extractors.coref.focus import _the_one_that_fits

    if not media_noun(analysis.lemma(head)):
        return None
    tokens = analysis.tokens
    floor = tokens[head].sent - MEDIA_SENTENCES
    near = {id(k.entity): k.entity for k in before
            if k.entity.type == "ORG" and tokens[k.first].sent >= floor
            and _outlet(analysis, k, before)}
    return _the_one_that_fits(analysis, head, first, stop, near, before, genders,
                              "description:media")


def _outlet(analysis, known, before) -> bool:
    """Is the entity of the mention ``known`` a news outlet (see the module doc)?"""
    from svodka.extractors.coref import descriptions as d

    entity = known.entity
    outlets = load_set("quote_outlets.txt")
    names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
    if any(name in outlets or any(part in outlets for part in re.split(r"[-\s]+", name))
           for name in names):
        return True
    tokens = analysis.tokens
    cues = load_set("coref_media_cues.txt")
    for k in before:
        if k.entity is not entity:
            continue
        if any(media_noun(lemma) for _, lemma in d._head_lemmas(analysis, k)):
            return True
        if any(tokens[i].rel in ("nsubj", "nsubj:pass") and tokens[i].head >= 0
               and analysis.lemma(tokens[i].head) in cues for i in range(k.first, k.stop)):
            return True
    return False
