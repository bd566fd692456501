"""Entities: people, organizations, places and events, each with every mention of it.

The steps, each in its own module:

1. ``mentions``: slovnet's NER spans, corrected by named rules (listed abbreviations and
   aliases, institution + place as one organization, punctuation at the edges);
2. ``events``: named summits, forums, elections and the like become EVENT mentions;
3. ``normal``: every mention's nominative form;
4. ``linking``: mentions of one thing become one entity (aliases, acronyms, short names);
5. ``roles``: titles from appositions ("посол Казахстана в Бельгии Роман Василенко");
6. ``coref`` (its own package): who a pronoun, a title alone or a description refers to
   ("он", "Посол подчеркнул", "ведомство"); the roles read its links ("он стал министром"),
   and every link becomes a ``pronoun`` or ``title`` mention of its entity;
7. ids, in order of first mention, given once at the end.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from svodka.analysis import Analysis, Morphology
from svodka.extractors.coref import (Coreference, antecedent, link_descriptions, link_pronouns,
                                    link_titles, person_genders, person_slots, quoted_spans)
from svodka.extractors.coref.descriptions import (apposition_links, descriptor_links,
                                                  link_anaphoric)
from svodka.extractors.coref.gender import gender_agreeing
from svodka.extractors.coref.pronouns import link_by_ranker, relative_links
from svodka.extractors.entities.canonical import own_name_of
from svodka.extractors.entities.case_forms import fold_case_forms
from svodka.extractors.entities.common_words import not_people
from svodka.extractors.entities.events import find_events
from svodka.extractors.entities.gazetteer import abbreviation_of, known_name
from svodka.extractors.entities.linking import link
from svodka.extractors.entities.mentions import Found, coordinated_complements, find_mentions
from svodka.extractors.entities.normal import (genitive_dependents, normalize, subject_nominatives,
                                              written_nominatives, written_surname)
from svodka.extractors.entities.outside import outside_mentions
from svodka.extractors.entities.owners import Owned, owned_name, owners
from svodka.extractors.entities.people import has_initial, is_patronymic
from svodka.extractors.entities.propagate import propagate
from svodka.extractors.entities.second_names import SECOND_NAME
from svodka.extractors.entities.roles import (apposition_roles, is_title_word, referred_roles,
                                              title_phrase, title_roles)
from svodka.extractors.entities.surname_forms import as_named
from svodka.extractors.entities.types import Named
from svodka.extractors.entities.women import agreeing_gender, feminine_names
from svodka.layout.boilerplate import is_editorial_signoff
from svodka.names import MASCULINE_SURNAME_ENDINGS
from svodka.record import Entity, Mention
from svodka.text import fold, has_cyrillic

__all__ = ["extract_entities", "resolve_entities"]


def extract_entities(analysis: Analysis) -> list[Entity]:
    return resolve_entities(analysis)[0]


def resolve_entities(analysis: Analysis) -> tuple[list[Entity], Coreference]:
    """Entities with every mention (names, titles, pronouns), and the resolver's findings
    (each person's gender) that the quotes read."""
    found = coordinated_complements(analysis, find_events(analysis, not_people(
        analysis, find_mentions(analysis))))
    seen = frozenset(token.text.lower() for token in analysis.tokens)
    named = _without_signoffs(analysis, [_named(analysis, f, seen) for f in found]
                              + outside_mentions(analysis))
    named += _without_signoffs(analysis, propagate(analysis, named))
    written_nominatives(named)
    subject_nominatives(analysis, named, seen)
    fold_case_forms(named, analysis.morph)
    _agreement(analysis, named)
    genitive_dependents(analysis, named)
    owned = owners(analysis, named)
    groups = link(named, analysis.morph, analysis.text, owned)
    entities = [_entity(named, members, analysis.morph, _with_owner(named, members, owned,
                                                                    analysis.morph), seen)
                for members in groups]
    entities = [e for e in entities if e is not None]
    coreference = _resolve(analysis, entities)
    feminine_names(analysis, entities)
    for link_ in coreference.links:
        link_.entity.mentions.append(link_.mention)
        normal = link_.mention.normal
        if link_.mention.rule == "title:one-holder" \
                and all(fold(normal) != fold(a) for a in link_.entity.aliases):
            link_.entity.aliases.append(normal)     # "посол": what the text calls the person
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.start, m.end))
    entities.sort(key=lambda e: min(m.start for m in e.mentions))
    for number, entity in enumerate(entities, 1):
        entity.id = f"e{number}"
    return entities, coreference


def _resolve(analysis, entities: list[Entity]) -> Coreference:
    """Roles next to names, then the resolver's links, each step reading the one before."""
    quoted = quoted_spans(analysis)
    genders = person_genders(analysis, entities)
    appositions = apposition_roles(analysis, entities)
    titles = frozenset(appositions.holders)
    pronouns = link_pronouns(analysis, entities, genders, quoted, titles)
    slots = person_slots(analysis, entities, quoted, titles)

    def zero_subject(index: int, gender: str | None):
        found = antecedent(analysis, slots, index, gender, genders, quoted)
        return found[0] if found else None

    referred_roles(analysis, {link_.token: link_.entity for link_ in pronouns}, zero_subject,
                   appositions)
    taken = appositions.named | appositions.used
    roles_only: list = []
    titles = link_titles(analysis, entities, genders, appositions.holders,
                         appositions.first_seen, taken, quoted, is_title_word, title_phrase,
                         pronouns, roles_only)
    for link_ in titles:
        if link_.phrase is not None:
            title_roles(analysis, link_.entity, link_.phrase)
    for entity, phrase in roles_only:
        title_roles(analysis, entity, phrase)
    taken |= {link_.token for link_ in titles}
    descriptions = link_descriptions(analysis, entities, taken, quoted)
    links = pronouns + titles + descriptions + apposition_links(analysis, appositions.beside)
    taken |= {link_.token for link_ in descriptions}
    descriptors = descriptor_links(analysis, entities, taken, links)
    links += descriptors
    taken |= {link_.token for link_ in descriptors}
    links += link_anaphoric(analysis, entities, links, taken)
    links += gender_agreeing(analysis, link_by_ranker(analysis, entities, links, quoted))
    return Coreference(genders, links + relative_links(analysis, entities, links))


def _agreement(analysis: Analysis, named: list[Named]) -> None:
    """What a person's name mention's own clause says of it, for the linker: the gender its
    predicate agrees in ("Белкина осталась"), and whether it is the nominative subject (then
    it is no oblique form of another name). Sets ``agrees`` and ``subject`` in place."""
    tokens = analysis.tokens
    for m in named:
        if m.type != "PER" or m.kind != "name":
            continue
        span = analysis.tokens_between(m.start, m.end)
        if not len(span):
            continue
        m.agrees = agreeing_gender(analysis, span)
        heads = [i for i in span if tokens[i].head not in span]
        m.subject = len(heads) == 1 and tokens[heads[0]].rel.startswith("nsubj") \
            and tokens[heads[0]].feats.get("Case") == "Nom"
        written, normal = m.text.split(), m.normal.split()
        if m.subject and len(written) == len(normal) \
                and fold(written[-1]) == fold(normal[-1]) + "а" \
                and fold(normal[-1]).endswith(MASCULINE_SURNAME_ENDINGS):
            # "Саша Белкина говорит": the subject's "Белкина" is her nominative, not his genitive
            m.normal = " ".join([*normal[:-1], written[-1]])
            m.agrees = m.agrees or "Fem"


def _without_signoffs(analysis: Analysis, named: list[Named]) -> list[Named]:
    """ "(объединение. – «НГ»)": the outlet signing an editor's note is no mention of it."""
    return [n for n in named if not is_editorial_signoff(analysis.text, n.start, n.end)]


def _named(analysis: Analysis, found: Found, seen=frozenset()) -> Named:
    tokens = analysis.tokens
    start, end = tokens[found.first].start, tokens[found.stop - 1].end
    text = analysis.text[start:end]
    abbreviation = abbreviation_of(text) if found.stop - found.first == 1 else None
    normal = abbreviation or normalize(analysis, found.first, found.stop, found.type, seen)
    genders = {tokens[i].feats.get("Gender") for i in range(found.first, found.stop)} - {None}
    gender = genders.pop() if found.type == "PER" and len(genders) == 1 else None
    return Named(start, end, text, normal, found.type, canonical=found.canonical,
                 nested=found.nested, rule=found.rule, gender=gender)


def _with_owner(named: list[Named], members: list[int], owned: list[Owned],
                morph: Morphology) -> list[Named]:
    """An organization the text names with its owner is named so ("Следственный комитет
    России", not "Следственный комитет"): the owner is part of whose it is. The mentions that
    write the owner; where none does, those with a country adjective, the country written out
    after the name ("британское Минобороны", "британском Министерстве обороны": "…
    Великобритании"; a form the text writes, "МИД РФ", goes before one it does not)."""
    members = sorted(members, key=lambda i: named[i].start)
    return [named[i] for i in members
            if owned[i].written and not owned[i].implied and not owned[i].country] \
        or [replace(named[i], normal=owned_name(named[i], owned[i], morph))
            for i in members if owned[i].country]


def _entity(named: list[Named], members: list[int], morph: Morphology,
            with_owner: list[Named] = (), seen=frozenset()) -> Entity | None:
    """``with_owner``: where the text writes whose the organization is, the mentions whose
    words say so, to name it by ("Минобороны России"). ``seen``: the text's lowercase words,
    against which a person's mention's guessed surname is checked (``surname_forms``)."""
    mentions = sorted((named[i] for i in members), key=lambda m: m.start)
    types = Counter(m.type for m in mentions if not m.nested) or Counter(m.type for m in mentions)
    type_ = types.most_common(1)[0][0]
    name = _name(list(with_owner) or mentions, morph, type_, bool(with_owner))
    if type_ == "PER":
        mentions = [replace(m, normal=as_named(m.normal, m.text, name, seen, morph))
                    if m.kind == "name" else m for m in mentions]
    aliases = []
    for m in mentions:
        if fold(m.normal) != fold(name) and all(fold(a) != fold(m.normal) for a in aliases):
            aliases.append(m.normal)
    return Entity("", type_, name, aliases, [],
                  [Mention(m.start, m.end, m.text, m.normal, m.kind) for m in mentions])


def _name(mentions: list[Named], morph: Morphology, type_: str = "", owned: bool = False) -> str:
    """The fullest nominative form; a country's own name for its organization and the alias
    table's name when the text uses them ("Банк России", not "Центробанк"), unless the text
    writes whose the organization is: then it is named with its owner ("Министерство обороны
    России", not "Министерство обороны")."""
    # "Порфирий (Успенский)": a monk is named by the name he took, his surname is an alias
    normals = [m.normal for m in mentions if m.kind == "name" and m.rule != SECOND_NAME] \
        or [m.normal for m in mentions if m.kind == "name"] or [m.normal for m in mentions]
    for normal in ([] if owned else normals):
        own = own_name_of(normal)
        if own and fold(own.name) == fold(normal):
            return normal       # "Банк России", not "Центробанк" nor "ЦБ РФ"
    for normal in ([] if owned else normals):
        known = known_name(normal)
        if known and fold(known.canonical) == fold(normal):
            return normal
    # a surname over a patronymic ("Геннадий Зюганов", not "Геннадий Андреевич"); more words
    # first; then a Cyrillic form over a Latin one, a word over an abbreviation; then a form
    # a person's name the text itself writes ("Сергей Рудской", not "Сергей Рудского"
    # normalized from "Сергея Рудского")
    written = {fold(m.text) for m in mentions} if type_ == "PER" else set()
    # a patronymic is never a name on its own: "Франц Клинцевич" with "— отметил Клинцевич"
    # is a surname
    alone = {fold(m.normal) for m in mentions if m.kind == "name" and len(m.normal.split()) == 1}
    declined = _declined_forms(normals) if type_ == "PER" else set()
    name = max(normals, key=lambda n: (not (_first_and_patronymic(n, morph)
                                            and fold(n.split()[-1]) not in alone),
                                       len(n.split()),
                                       # "Джон Фитцджеральд Кеннеди", not "Джон Ф. Кеннеди"
                                       type_ != "PER" or not has_initial(n),
                                       has_cyrillic(n, count_yo=False), not n.isupper(),
                                       fold(n) in written, fold(n) not in declined, len(n)))
    return written_surname(name, mentions) if type_ == "PER" else name


# the endings a man's foreign surname takes in the oblique cases the normalizer leaves as written
_OBLIQUE_ENDINGS = ("а", "я", "у", "ю", "ом", "ем", "е")


def _declined_forms(normals: list[str]) -> set[str]:
    """"Пэк Тхэ Хёна" beside "Пэк Тхэ Хён": a name that is another name of the same person
    with a case ending on its last word is that name declined, not its nominative."""
    folded = {fold(n) for n in normals}
    declined = set()
    for name in folded:
        *first, last = name.split()
        if not first:
            continue        # "Ирина" / "Ирин": a lone word says too little
        for ending in _OBLIQUE_ENDINGS:
            if last.endswith(ending) and len(last) - len(ending) >= 2 \
                    and " ".join([*first, last[:-len(ending)]]) in folded:
                declined.add(name)
    return declined


def _first_and_patronymic(name: str, morph: Morphology) -> bool:
    words = name.split()
    return len(words) == 2 and is_patronymic(fold(words[1]), morph)
