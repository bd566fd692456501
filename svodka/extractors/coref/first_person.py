"""Whose are the first-person words of a quote: «я» its speaker's, «мы» a group's.

A person saying «мы» in the news speaks for the body their title names: «Мы предложили им
идею», — сказал Роб Бэйн, исполнительный директор компании Octagon → Octagon; «у нас
избыточное количество людей в изоляторах», — замминистра юстиции России → Россия. RuCoCo
puts that «мы» in the organization's or the country's chain, and so does a reader. An
organization's «мы» is its own. A person with no such title may speak for any group
(a team, a family, "we the people"): their «мы» is left alone.
"""
from __future__ import annotations

from svodka.record import Entity

SINGULAR = frozenset("я меня мне мной мною мой моя мое моё мои моего моей моему моим моем моём "
                     "моих моими мою".split())
PLURAL = frozenset("мы нас нам нами наш наша наше наши нашего нашей нашему нашим нашем "
                   "наших нашими нашу".split())

# the quotes whose first-person words are their speaker's: the speaker's own words
QUOTE_KINDS = ("direct",)

# the types of the body a person's title may name, in the order a «мы» is given to them:
# an organization they work for before the country it belongs to («глава МИД России» → МИД)
GROUP_TYPES = ("ORG", "LOC")


def voices(speaker: Entity, entities: list[Entity], text: str
           ) -> list[tuple[frozenset[str], Entity]]:
    """The first-person words of ``speaker``'s quotes and whose they are: a person's «я»
    their own and «мы» the body their title names (``group_of``); an organization's «мы»
    its own."""
    if speaker.type == "ORG":
        return [(PLURAL, speaker)]
    if speaker.type != "PER":
        return []
    group = group_of(speaker, entities, text)
    return [(SINGULAR, speaker)] + ([(PLURAL, group)] if group is not None else [])


def group_of(person: Entity, entities: list[Entity], text: str) -> Entity | None:
    """The organization, else the place, named inside one of ``person``'s titles or right
    after it («представитель японской компании Idemitsu Kosan», «глава» + «МИД России»):
    the first such of the first type found; None when the titles name none. Every title of
    the article counts: a person keeps their post through a news story."""
    spans = [(m.start, m.end) for m in person.mentions if m.kind == "title"]
    if not spans:
        return None
    named: dict[str, list[tuple[int, Entity]]] = {}
    for entity in entities:
        if entity is person or entity.type not in GROUP_TYPES:
            continue
        for mention in entity.mentions:
            if mention.kind == "name" and any(_within(text, span, mention.start)
                                              for span in spans):
                named.setdefault(entity.type, []).append((mention.start, entity))
    for kind in GROUP_TYPES:
        if named.get(kind):
            return min(named[kind], key=lambda found: found[0])[1]
    return None


def _within(text: str, title: tuple[int, int], offset: int) -> bool:
    """Does a name at ``offset`` stand inside the title or right after it (spaces between)?"""
    start, end = title
    return start <= offset < end or (offset >= end and not text[end:offset].strip())
