"""Whose are the first-person words of a quote: «я» its speaker's, «мы» a group's.

A person saying «мы» in the news speaks for the body their title names: «Мы предложили им
идею», — сказал Роб Бэйн, исполнительный директор компании Octagon → Octagon; «у нас
избыточное количество людей в изоляторах», — замминистра юстиции России → Россия. RuCoCo
puts that «мы» in the organization's or the country's chain, and so does a reader. An
organization's «мы» is its own. A person with no such title may speak for any group
(a team, a family, "we the people"): their «мы» is left alone. RuCoCo marks «нашей
стране» as one mention of the country, so a possessive before a noun describing a place or
an organization makes the whole phrase that body's description.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.record import Entity, Mention

SINGULAR = frozenset("я меня мне мной мною мой моя мое моё мои моего моей моему моим моем моём "
                     "моих моими мою".split())
PLURAL = frozenset("мы нас нам нами наш наша наше наши нашего нашей нашему нашим нашем "
                   "наших нашими нашу".split())
FIRST_PERSON = SINGULAR | PLURAL

# the quotes whose first-person words are their speaker's: the speaker's own words
QUOTE_KINDS = ("direct",)

# a person's «мы» as their titled body's (``pronoun:speaker-group``); False: left alone, as
# before the eleventh session (on dev it cost link precision, docs/coref.md)
PERSON_GROUPS = True

# «наша страна» as the body's description (``description:our``): off — on the tuning
# articles it made one link, a wrong one (docs/coref.md, eleventh session)
OUR_PHRASES = False

# the types of the body a person's title may name, in the order a «мы» is given to them:
# an organization they work for before the country it belongs to («глава МИД России» → МИД)
GROUP_TYPES = ("ORG", "LOC")


def quote_mentions(analysis: Analysis, quote, speaker: Entity, entities: list[Entity],
                   bodies: dict | None = None) -> list[tuple[Entity, Mention]]:
    """The first-person words of ``speaker``'s quote as mentions of whose they are: a
    person's «я» their own (``pronoun:speaker``) and «мы» the body their title names
    (``pronoun:speaker-group``); an organization's «мы» its own. «наша страна», «нашей
    компании» — a possessive before a noun that describes a place or an organization — is
    that body's description as a whole (``description:our``) when the body is of the noun's
    type, and nobody's otherwise: the possessive alone would stand for the whole phrase."""
    found = []
    bodies = {} if bodies is None else bodies
    text = analysis.text

    def body_of(types: tuple[str, ...]) -> Entity | None:
        # once a speaker: ``bodies`` is shared by an article's quotes (a 10 MB article holds
        # thousands, and each look scans every entity's mentions)
        key = (speaker.id, types)
        if key not in bodies:
            bodies[key] = _body(speaker, entities, text, types)
        return bodies[key]

    for index in analysis.tokens_between(quote.start, quote.end):
        token = analysis.tokens[index]
        word = token.text.lower()
        if token.pos not in ("PRON", "DET") or word not in FIRST_PERSON:
            continue
        if word in SINGULAR:
            if speaker.type == "PER":
                found.append((speaker, _pronoun(token, "pronoun:speaker")))
            continue
        described = _described(analysis, index) if OUR_PHRASES else None
        if described is not None:
            head, kind = described
            body = body_of((kind,))
            if body is not None:
                phrase = text[token.start:analysis.tokens[head].end]
                found.append((body, Mention(token.start, analysis.tokens[head].end, phrase,
                                            phrase.lower(), "title", rule="description:our")))
            continue
        body = body_of(GROUP_TYPES)
        if body is not None:
            found.append((body, _pronoun(token, "pronoun:speaker" if body is speaker
                                         else "pronoun:speaker-group")))
    return found


def _pronoun(token, rule: str) -> Mention:
    return Mention(token.start, token.end, token.text, token.text.lower(), "pronoun", rule=rule)


def _body(speaker: Entity, entities: list[Entity], text: str, types: tuple[str, ...]
          ) -> Entity | None:
    """Whom a speaker's «мы» stands for, of one of ``types``: an organization itself, a
    person's titled body."""
    if speaker.type == "ORG":
        return speaker if "ORG" in types else None
    if speaker.type == "PER" and PERSON_GROUPS:
        return group_of(speaker, entities, text, types)
    return None


# how far a possessive may stand before its noun («нашей многострадальной стране»)
_OUR_REACH = 3


def _described(analysis, index: int) -> tuple[int, str] | None:
    """(noun, type) when the possessive at ``index`` qualifies a singular noun describing a
    place or an organization («нашей стране» LOC, «наша компания» ORG)."""
    from svodka.extractors.coref.descriptions import description_type

    head = analysis.tokens[index].head
    if not index < head <= index + _OUR_REACH:
        return None
    noun = analysis.tokens[head]
    if noun.pos != "NOUN" or noun.feats.get("Number") != "Sing":
        return None
    kind = description_type(analysis.lemma(head))
    return (head, kind) if kind in GROUP_TYPES else None


def group_of(person: Entity, entities: list[Entity], text: str,
             types: tuple[str, ...] = GROUP_TYPES) -> Entity | None:
    """The organization, else the place, named inside one of ``person``'s titles or right
    after it («представитель японской компании Idemitsu Kosan», «глава» + «МИД России»):
    the first such of the first type found; None when the titles name none. Every title of
    the article counts: a person keeps their post through a news story."""
    spans = [(m.start, m.end) for m in person.mentions if m.kind == "title"]
    if not spans:
        return None
    right_after = {_after_spaces(text, end) for _, end in spans}
    named: dict[str, list[tuple[int, Entity]]] = {}
    for entity in entities:
        if entity is person or entity.type not in types:
            continue
        for mention in entity.mentions:
            if mention.kind == "name" and (mention.start in right_after or any(
                    start <= mention.start < end for start, end in spans)):
                named.setdefault(entity.type, []).append((mention.start, entity))
    for kind in types:
        if named.get(kind):
            return min(named[kind], key=lambda found: found[0])[1]
    return None


def _after_spaces(text: str, end: int) -> int:
    """The first offset at or after ``end`` that is not a space: where a name "right after"
    a title starts (slicing up to every later name was quadratic on a 10 MB article)."""
    while end < len(text) and text[end].isspace():
        end += 1
    return end
