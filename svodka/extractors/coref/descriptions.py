"""Descriptions as mentions: the noun phrases a text uses for a person, an organization or a
place besides its name.

- ``title:apposition`` — a role written right next to a name ("адвокат Марк Фейгин",
  "Марк Фейгин, адвокат Савченко,", "глава ЦБ Эльвира Набиуллина"): the role's words are a
  title mention of that person, so the name and its title together cover the phrase a reader
  takes as one mention.
- ``description:head`` — a description standing alone ("порт", "туннель", "министр") whose
  head word is a word of the mentions of exactly one earlier entity of its type ("АО
  «Восточный порт»", "министр финансов Антон Силуанов").
- ``ranker:<score>`` — where that rule abstains, for a subject or a description after a
  demonstrative, the trained antecedent ranker (``ranker.py``): the entity of the
  best-scored earlier mention, when its score reaches
  ``RANKER_THRESHOLD`` (chosen on RuCoCo training articles the ranker was not trained on,
  ``python -m svodka.extractors.coref.tune``).
- ``ranker:<score>:noun`` — a plain noun in no list that is a clause's subject ("альянс",
  "сторона"), asked last, all at once, against the earlier organizations and places
  (``NOUN_THRESHOLD``); the descriptions' ranker (``ranker.description_model``) was trained
  with every such noun a candidate, so the lists are its feature rather than its gate; it
  also reads what the head noun means (``ranker.SEMANTIC_FEATURES``: navec's vector against
  person / organization / place prototypes and the candidate's nouns). A description that
  speaks is left to the speaker rules.

A description is a phrase read off slovnet's syntax: a head noun from the description lists
(people: ``role_words.txt``; organizations: ``org_descriptors.txt``, ``org_heads.txt``,
``coref_descriptions.tsv``; places: ``place_descriptors.txt``; more in
``coref_description_words.tsv``) with its adjectives before it and its genitive complement
after it ("глава МВД Северного Рейна — Вестфалии", "46-летний мужчина"). Only a linked one
becomes a mention. A plural ("эксперты", "журналисты"), a description with a possessive or
"другой" ("его адвокат", "другой министр") and a description naming a person of its own
are no mention of an earlier entity.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from svodka.analysis import Analysis
from svodka.data import load_list, load_set, load_table
from svodka.extractors.coref import Link, _cues, country_names, speaks
from svodka.extractors.coref.adjective import country_by_adjective, country_noun
from svodka.extractors.coref.media import outlet_in_focus
from svodka.extractors.coref.ranker import (antecedent_scores, candidate_rows,
                                            description_model)
from svodka.record import Entity, Mention
from svodka.text import OPENING_QUOTES, fold, is_latin

__all__ = ["RANKER_THRESHOLD", "apposition_links", "chain_genders", "description_phrase",
           "description_words", "descriptor_links", "link_anaphoric", "person_noun_gender"]

# the least ranker probability that links a description no rule decided, and whether the
# ranker is asked about every description the rules leave open or only about subjects and
# descriptions after a demonstrative: chosen with ``tune --grid`` on 150 tuning articles for
# the descriptions' model (docs/coref.md, "Nouns in no list"; 0.8 for the pronouns' model)
RANKER_THRESHOLD = 0.5
RANKER_EVERYWHERE = True
# the least ranker probability that links a noun in no description list ("сторона",
# "альянс": rule ``ranker:<score>:noun``); above 1 no such noun is asked about.
# Chosen with ``tune`` on the tuning articles (docs/coref.md, "Nouns in no list").
NOUN_THRESHOLD = 0.4
# whether a place's or an organization's description inside a person's title ("президента
# страны", "главы государства") is linked as any other (rule suffix ":inside")
INSIDE_TITLES = True
INSIDE_TYPES = ("LOC", "ORG", "PER")
# whether a description the rules and the ranker leave open goes to the one entity of its
# kind in focus (``focus.in_focus``, rule ``description:focus``). Off: on the 300 dev
# articles it added ~570 linked pairs of which ~360 right (link P 0.9108 → 0.9064, the new
# pairs about 0.63) — under the 0.90 a link must keep (twelfth session, docs/coref.md)
FOCUS = False
# whether a country noun with a country's adjective ("российская сторона", "главы
# американского государства") goes to the one country of the article the adjective names
# (``adjective.country_by_adjective``, rule ``description:adjective``; thirteenth session)
ADJECTIVE = True
# whether a media noun the rules leave open ("агентство", "издание") goes to the one news
# outlet named just before (``media.outlet_in_focus``, rule ``description:media``). Off: on
# 80 tuning articles it made one link (right); it links speaking nouns, so it may move quote
# speakers for almost no description pairs (thirteenth session, docs/coref.md)
MEDIA = False
# the nearest earlier mentions of entities of its kind such a noun is compared with
NOUN_CANDIDATES = 20
# Plain nouns scored per walk of the descriptions' trees (``_batch_scores``).
BATCH_ANAPHORS = 250
# how many sentences back a description's antecedent may be mentioned (names: anywhere)
REACH_SENTENCES = 5
# the nearest earlier mentions the ranker compares (its training used at most 40)
MAX_CANDIDATES = 30
# how many earlier mentions are looked through at most (an article of any length stays linear)
LOOKBACK = 400
_MAX_PHRASE = 12
_NOT_ANAPHORIC = frozenset({"его", "ее", "её", "их", "свой", "мой", "наш", "твой", "ваш",
                            "другой", "иной", "каждый", "любой", "некий", "один", "такой",
                            "очередной", "новый", "какой", "некоторый", "многий", "весь"})


def apposition_links(analysis: Analysis, beside) -> list[Link]:
    """A title mention for each role written next to a person's name (``beside``: the
    (person, role, name's words) the roles found). A plural role shared by a list of names
    ("актеры Андрей Мерзликин и Алиса Гребенщикова") is no one person's mention, nor is a role
    before a declined name in another case ("оппонентов президента, бывшему депутату Мусе
    Оздоеву": "президента" is someone else)."""
    tokens = analysis.tokens
    links, seen = [], set()
    for entity, role, name in beside:
        first, head = role.first, role.head
        if first >= 2 and analysis.lemma(first - 2) == "один" and tokens[first - 1].text == "из":
            first = head = first - 2    # "Один из адвокатов … Марк Фейгин": one of the plural
        elif tokens[head].feats.get("Number") == "Plur":
            continue
        if role.stop <= name.start and not _agree(analysis, head, name.start):
            continue
        start, end = tokens[first].start, tokens[role.stop - 1].end
        if (start, end) in seen:
            continue
        seen.add((start, end))
        links.append(Link(entity, Mention(start, end, analysis.text[start:end], role.text,
                                          "title", rule="title:apposition"), role.head, role))
    return links


@lru_cache(maxsize=1)
def name_descriptors() -> dict[str, str]:
    """Nouns that say what kind of thing the name written right after them is ("компания
    «Газпром»", "город Лахор") → that entity type. Only nouns that name a kind, not a relation:
    "столица", "регион" and "страна" stand before another place's name ("столицы Грузии")."""
    words = {fold(w): "LOC" for w in load_list("place_descriptors.txt")}
    words.update({fold(w): "ORG" for w in load_list("org_descriptors.txt")})
    return words


def descriptor_links(analysis: Analysis, entities: list[Entity], taken: set[int],
                     links: list[Link] = ()) -> list[Link]:
    """A title mention for the descriptor written right before a name (rule
    ``title:descriptor``), so the descriptor and the name together are the phrase a reader
    takes as one mention of it:

    - before an organization's or a place's name, a noun naming its kind
      (``name_descriptors``) with its adjectives: "компании «Газпром»", "пакистанском городе
      Лахор", "журнала Maxim". The name must be its apposition, not its genitive complement:
      a name in quote marks or in Latin letters, or one whose case the descriptor shares or
      that does not decline ("городе Лахор"); not "столицы Грузии", nor "фонда ООН" (an
      abbreviation does not decline, so after a genitive nothing tells; "американский
      телеканал Эй-Би-Си" is one), nor "улица Ленина" (a person);
    - before a person's name, a singular animate noun phrase the roles did not take, in the
      name's case and not the genitive ("Британец Хью Лори", "сын правозащитника Алексей
      Карастелев"; not "сына Ивана Петрова", either his son or the son Ivan, in the
      genitive or the accusative, which are one form for them).

    ``taken`` and ``links``' mentions are words already spoken for."""
    tokens = analysis.tokens
    kinds = name_descriptors()
    covered = set(taken)
    for mention in [*(m for e in entities for m in e.mentions), *(k.mention for k in links)]:
        covered.update(analysis.tokens_between(mention.start, mention.end))
    found = []
    for entity in entities:
        for mention in entity.mentions:
            span = analysis.tokens_between(mention.start, mention.end)
            if mention.kind != "name" or not len(span):
                continue
            if entity.type == "PER":
                phrase = _person_descriptor(analysis, span.start, covered)
            elif entity.type in ("ORG", "LOC"):
                phrase = _kind_descriptor(analysis, span.start, mention, entity.type, kinds,
                                          covered)
            else:
                phrase = None
            if phrase is None:
                continue
            first, head, stop = phrase
            covered.update(range(first, stop))   # one set, not a union a mention: linear
            start, end = tokens[first].start, tokens[stop - 1].end
            found.append(Link(entity, Mention(start, end, analysis.text[start:end],
                                              analysis.lemma(head), "title",
                                              rule="title:descriptor"), head))
    return found


def _kind_descriptor(analysis, name: int, mention: Mention, type_: str, kinds: dict[str, str],
                     covered: set[int]) -> tuple[int, int, int] | None:
    tokens = analysis.tokens
    noun, quoted = name - 1, False
    while noun >= 0 and tokens[noun].text in OPENING_QUOTES:
        noun, quoted = noun - 1, True
    if noun < 0 or noun in covered or tokens[noun].sent != tokens[name].sent:
        return None
    word = tokens[noun]
    if word.pos != "NOUN" or word.feats.get("Number") == "Plur" \
            or kinds.get(analysis.lemma(noun)) != type_:
        return None
    if not (quoted or is_latin(mention.text) or _apposed(word, tokens[name], mention)):
        return None
    first = noun
    while first > 0 and first - 1 not in covered and tokens[first - 1].sent == word.sent \
            and tokens[first - 1].rel in ("amod", "nummod") \
            and tokens[first - 1].head in range(first, noun + 1):
        first -= 1
    return first, noun, noun + 1


def _person_descriptor(analysis, name: int, covered: set[int]) -> tuple[int, int, int] | None:
    tokens = analysis.tokens
    case = tokens[name].feats.get("Case")
    if case in (None, "Gen", "Acc"):
        return None       # "допросила сына Ивана Петрова": an animate accusative is a genitive
    for head in range(name - 1, max(-1, name - _MAX_PHRASE), -1):
        word = tokens[head]
        if word.sent != tokens[name].sent or head in covered or word.pos == "PUNCT":
            return None
        if word.pos != "NOUN" or word.feats.get("Animacy") != "Anim" \
                or word.feats.get("Number") == "Plur" or word.feats.get("Case") != case:
            continue
        first, stop = description_phrase(analysis, head)
        if stop != name or any(i in covered for i in range(first, stop)) \
                or any(analysis.lemma(c) in _NOT_ANAPHORIC for c in analysis.children(head)):
            return None
        return first, head, stop
    return None


def _apposed(descriptor, name, mention: Mention) -> bool:
    """Is a name without quote marks the descriptor's apposition ("городе Москве", "городе
    Лахор", "города Акуила") rather than its complement ("столицы Грузии")?"""
    case = descriptor.feats.get("Case")
    if sum(c.isupper() for c in mention.text) >= 2 and " " not in mention.text:
        return case not in (None, "Gen")      # "фонда ООН": an abbreviation does not decline,
        # and a genitive either way ("фонда ООН", "телеканала НТВ"); "телеканал Эй-Би-Си" is one
    undeclined = fold(mention.text) == fold(mention.normal)
    if case == "Gen":
        return undeclined
    return undeclined or name.feats.get("Case") == case


# "этот порт", "данное ведомство": a demonstrative says the noun refers back, whatever it is
_DEMONSTRATIVES = frozenset({"этот", "данный", "тот", "указанный", "упомянутый"})
# how every form of them starts: most words never reach pymorphy
_DEMONSTRATIVE_STARTS = ("эт", "т", "данн", "указанн", "упомянут")


def _agree(analysis, title: int, name: int) -> bool:
    """Do a title and the name after it stand in one case, as an apposition does? The tagger's
    cases, and the dictionary's: "Экс-советник Дональда Трампа пояснил" is the adviser
    (nominative only, as a person) of Trump (genitive or accusative), whatever case the
    tagger read into the title."""
    tokens = analysis.tokens
    cases = tokens[title].feats.get("Case"), tokens[name].feats.get("Case")
    if None not in cases and cases[0] != cases[1]:
        return False
    title_cases = analysis.morph.noun_cases(tokens[title].text, person=True)
    name_cases = analysis.morph.noun_cases(tokens[name].text)
    return not title_cases or not name_cases or bool(title_cases & name_cases)


@lru_cache(maxsize=1)
def description_words() -> dict[str, str]:
    """Head lemma of a description → the entity type it may stand for."""
    words: dict[str, str] = {}
    for type_, files in (("PER", ("role_words.txt",)), ("LOC", ("place_descriptors.txt",)),
                         ("ORG", ("org_descriptors.txt", "org_heads.txt"))):
        for name in files:
            words.update({w.lower().replace("ё", "е"): type_ for w in load_list(name)})
    words.update({row[0]: "ORG" for row in load_table("coref_descriptions.tsv")})
    words.update({row[0]: row[1] for row in load_table("coref_description_words.tsv")})
    return words


def description_phrase(analysis: Analysis, head: int) -> tuple[int, int]:
    """(first, stop) token indices of the phrase ``head`` heads: its adjectives, numbers and
    demonstratives before it, and a genitive complement after it with everything that
    depends on that ("пресс-служба министерства", "глава МВД Северного Рейна — Вестфалии")."""
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[head].sent]
    first, stop = head, head + 1
    for child in analysis.children(head):
        token = tokens[child]
        if child < head and token.rel in ("amod", "det", "nummod") and child == first - 1:
            first = child
        elif child > head and token.rel == "nmod" and token.feats.get("Case") == "Gen" \
                and not any(tokens[c].rel == "case" for c in analysis.children(child)):
            last = max(_subtree(analysis, child, sentence))
            if child == stop or all(tokens[i].pos == "PUNCT" for i in range(stop, child)):
                stop = min(max(stop, last + 1), head + _MAX_PHRASE)
    while first > sentence.first and tokens[first - 1].head in range(first, head + 1) \
            and tokens[first - 1].rel in ("amod", "det", "nummod"):
        first -= 1          # "46-летний мужчина": adjectives hanging on an adjective
    while stop > head + 1 and tokens[stop - 1].pos in ("PUNCT", "ADP", "CCONJ"):
        stop -= 1
    return first, stop


def _subtree(analysis, index: int, sentence) -> list[int]:
    tokens = analysis.tokens
    found, frontier = [index], [index]
    while frontier and len(found) < _MAX_PHRASE:
        parent = frontier.pop()
        for i in range(sentence.first, sentence.stop):
            if tokens[i].head == parent:
                found.append(i)
                frontier.append(i)
    return found


def description_type(lemma: str) -> str | None:
    """The entity type a description headed by ``lemma`` stands for: "министр" PER,
    "экс-премьер" PER (a compound of a role word), "ведомство" ORG, "страна" LOC; None for
    another noun, which refers back only by repeating a word of the name ("порт" for АО
    «Восточный порт»)."""
    words = description_words()
    if lemma in words:
        return words[lemma]
    if "-" in lemma:
        return words.get(lemma.rsplit("-", 1)[1])
    return None


@lru_cache(maxsize=1)
def _noun_genders() -> dict[str, str]:
    return {row[0]: row[1] for row in load_table("coref_noun_genders.tsv")}


# how a feminine noun is made from a masculine one: "спортсмен" → "спортсменка", "певец" →
# "певица", "американец" → "американка", "россиянин" → "россиянка", "актёр" → "актриса",
# "поэт" → "поэтесса"; not "-ница" ("представительница", "руководительница": women are
# called "представитель" as often)
def _feminine_forms(lemma: str) -> list[str]:
    forms = [lemma + "ка", lemma + "есса"]
    if lemma.endswith("ец"):
        forms += [lemma[:-2] + "ица", lemma[:-2] + "ка"]
    if lemma.endswith(("анин", "янин")):
        forms.append(lemma[:-2] + "ка")
    if lemma.endswith(("ер", "ёр")):
        forms.append(lemma[:-2] + "риса")
    return forms


def person_noun_gender(morph, lemma: str) -> str | None:
    """Who a person noun may describe: "Masc" (a man only: "спортсмен", since a woman is
    "спортсменка"), "Fem" ("спортсменка", "девушка"), or None, anyone ("министр", "посол",
    "врач", "глава"; ``coref_noun_genders.tsv`` says so where the dictionary misleads)."""
    lemma = lemma.rsplit("-", 1)[-1]        # "экс-чемпион"
    override = _noun_genders().get(lemma)
    if override is not None:
        return None if override == "any" else override
    parses = [p for p in morph.parse(lemma)
              if p.tag.POS == "NOUN" and "anim" in p.tag and p.normal_form == lemma]
    if not parses or "Ms-f" in parses[0].tag:
        return None
    if "femn" in parses[0].tag:
        return "Fem"
    if "masc" in parses[0].tag and any(
            morph.word_is_known(form) and any(p.tag.POS == "NOUN" and "femn" in p.tag
                                              and p.normal_form == form
                                              for p in morph.parse(form))
            for form in _feminine_forms(lemma)):
        return "Masc"
    return None


@lru_cache(maxsize=1)
def _place_kinds() -> dict[str, str]:
    return {row[0]: row[1] for row in load_table("coref_place_kinds.tsv")}


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """(countries, continents and parts of the world), folded, with their other names."""
    text = resources.files("svodka.data").joinpath("places.txt").read_text(encoding="utf-8")
    parts, countries = text.split("# Countries", 1)
    def names(lines: str) -> set[str]:
        return {fold(line.strip()) for line in lines.splitlines()
                if line.strip() and not line.lstrip().startswith("#")}
    country, world = names(countries), names(parts)
    for row in load_table("aliases.tsv"):
        if len(row) > 2 and fold(row[0]) in country:
            country |= {fold(alias) for alias in row[2].split(",")}
    for row in load_table("quote_country_adjectives.tsv"):
        country |= {fold(name) for name in row[1:]}
    return frozenset(country), frozenset(world)


def _place_fits(lemma: str, entity: Entity) -> bool:
    """Is the place ``entity`` of the kind the noun says? A country noun ("страна",
    "государство") only a country of places.txt; a region noun ("регион", "область") no
    country; a city noun ("город", "столица") neither a country nor a part of the world."""
    kind = _place_kinds().get(lemma)
    if kind is None or entity.type != "LOC":
        return True
    countries, world = _places()
    names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
    # "СССР", "ГДР", "КНДР": a place named by capitals is a state, of today or of history
    state = any(n.isupper() and 2 <= len(n) <= 5 for n in (entity.name, *entity.aliases))
    if kind == "country":
        return state or bool(names & countries)
    if state or names & countries:
        return False
    return kind == "region" or not names & world


def chain_genders(analysis: Analysis, entities: list[Entity],
                  links: list[Link]) -> dict[int, str | None]:
    """``id(person)`` → the gender a chain is known to have: what the words agreeing with
    its names say (``women.entity_gender``, the one notion the linker reads); where they say
    nothing, its mentions linked so far, when they agree — a gendered person noun
    ("Спортсменка") or a third-person "он"/"она" ("Ей"). Else None: anyone."""
    # imported here: the entities package imports this module
    from svodka.extractors.entities.women import entity_gender
    genders = {id(e): entity_gender(analysis, e) for e in entities if e.type == "PER"}
    votes: dict[int, set[str]] = {}
    tokens = analysis.tokens
    for link_ in links:
        key = id(link_.entity)
        if genders.get(key, "known") is not None:
            continue
        if link_.mention.kind == "pronoun":
            gender = tokens[link_.token].feats.get("Gender") \
                if analysis.lemma(link_.token) in ("он", "она") else None
        else:
            gender = person_noun_gender(analysis.morph, analysis.lemma(link_.token))
        if gender in ("Masc", "Fem"):
            votes.setdefault(key, set()).add(gender)
    for key, said in votes.items():
        if len(said) == 1:
            genders[key] = said.pop()
    return genders


def _kind_fits(analysis, head: int, entity: Entity, genders: dict[int, str | None]) -> bool:
    """The hard constraints on what a description's head noun may describe: a place of its
    kind (``_place_fits``), and a person of its gender — "спортсмен" never a woman the words
    agreeing with her name show to be one (``women.entity_gender``), "спортсменка" never such
    a man; "министр", "глава" anyone."""
    lemma = analysis.lemma(head)
    if entity.type == "LOC":
        return _place_fits(lemma, entity)
    if entity.type != "PER":
        return True
    gender = genders.get(id(entity))
    if gender is None:
        return True
    allowed = person_noun_gender(analysis.morph, lemma)
    return allowed is None or allowed == gender


@dataclass(slots=True)
class _Known:
    """An earlier mention a description may refer back to."""
    first: int
    stop: int
    start: int
    end: int
    entity: Entity
    name: bool
    heads: list[tuple[int, str]] | None = None   # (word, lemma) of ``_heads``, kept once read


def link_anaphoric(analysis: Analysis, entities: list[Entity], links: list[Link], taken: set[int],
                   threshold: float | None = None, scorer=None,
                   everywhere: bool | None = None, noun_threshold: float | None = None,
                   batch_scorer=None) -> list[Link]:
    """Descriptions standing alone ("министр", "ведомство", "турецкий лидер") → the earlier
    entity they refer to (see the module doc); ``links`` are the resolver's links so far, whose
    mentions are candidates too, and ``taken`` the words already a name or a mention.
    ``scorer`` is asked as ``antecedent_scores`` is; ``everywhere`` asks it about every
    description the rules leave open, not only subjects and demonstratives (the ranker's
    training reads what it is asked: ``train.py``, ``--own``). Plain nouns in no list are
    asked about last, all at once, by ``batch_scorer`` (``_batch_scores``' signature), at
    ``noun_threshold`` (``NOUN_THRESHOLD``)."""
    tokens = analysis.tokens
    scorer = scorer or description_scores
    threshold = RANKER_THRESHOLD if threshold is None else threshold
    everywhere = RANKER_EVERYWHERE if everywhere is None else everywhere
    known = [_known(analysis, e, m) for e in entities for m in e.mentions]
    known += [_known(analysis, link_.entity, link_.mention) for link_ in links]
    known = sorted((k for k in known if k is not None), key=lambda k: k.first)
    starts = [k.first for k in known]
    people = {i for k in known if k.name and k.entity.type == "PER" for i in range(k.first, k.stop)}
    named = {i: k.entity.type for k in known if k.name for i in range(k.first, k.stop)}
    covered = set(taken)
    for k in known:
        covered.update(range(k.first, k.stop))
    lemmas: dict[str, set[int]] = {}      # lemma → ids of the entities whose mentions hold it
    for k in known:
        for i in range(k.first, k.stop):
            lemmas.setdefault(analysis.lemma(i), set()).add(id(k.entity))
    genders = chain_genders(analysis, entities, links)
    holding = _HeadIndex(analysis, known)
    titles = [range(k.first, k.stop) for k in known
              if not k.name and k.entity.type == "PER"] if INSIDE_TITLES else []
    found, pending = [], []
    noun_threshold = NOUN_THRESHOLD if noun_threshold is None else noun_threshold
    for index, token in enumerate(tokens):
        inside = _inside_title(analysis, index, titles, named) if index in covered else None
        if token.pos != "NOUN" or index in covered and inside is None \
                or token.feats.get("Number") == "Plur" \
                or not token.text[:1].isalpha() or token.rel == "fixed":
            continue      # "во главе с": a fixed phrase names nobody
        lemma = analysis.lemma(index)
        type_ = description_type(lemma)
        if inside is not None and type_ not in INSIDE_TYPES:
            continue
        demonstrative = any(tokens[i].text.lower().startswith(_DEMONSTRATIVE_STARTS)
                            and analysis.lemma(i) in _DEMONSTRATIVES
                            for i in range(max(0, index - 2), index))
        unlisted = type_ is None and lemma not in lemmas and not demonstrative
        # an unlisted noun the ranker is asked about at the end
        plain = unlisted and noun_threshold <= 1 and _plain_noun(analysis, index)
        if unlisted and not plain and not (ADJECTIVE and country_noun(lemma)):
            continue      # another noun refers back by repeating a word of the name, or
            # when the ranker, asked about every plain noun at the end, says so
        children = analysis.children(index)
        if any(analysis.lemma(c) in _NOT_ANAPHORIC for c in children):
            continue
        first, stop = description_phrase(analysis, index)
        own = covered
        if inside is not None:      # "президента страны": the title's words are no bar
            first, stop = max(first, inside.start), min(stop, inside.stop)
            own = covered.difference(inside)
        if any(i in own and not _complement_name(i, index, type_, named)
               for i in range(first, stop) if i != index and (
                tokens[i].head == index or i == stop - 1 and tokens[i].pos == "PROPN")):
            continue      # "компания «Газпром»", "президент Путин": a name's own descriptor
        following = stop < len(tokens) and tokens[stop]
        if following and following.sent == token.sent and following.pos == "PROPN" \
                and inside is None:
            continue      # a name the model missed (after a title's word: its person's)
        if following and following.sent == token.sent and (
                following.text == "№" or following.pos == "NUM" and stop == index + 1):
            continue      # "школа № 179": a number names one of its own
        if inside is None and _quoted_name_after(analysis, stop):
            continue      # "в соцсети «ВКонтакте»": the quoted name's own descriptor
        if inside is None and _names_ahead(analysis, stop, people):
            continue      # "бывший депутат …, видный оппозиционер Магомед-Сали Аушев": his role
        at = bisect_left(starts, first)
        chosen = country_by_adjective(analysis, index, entities) if ADJECTIVE else None
        if chosen is None and unlisted:
            if plain:
                pending.append((index, first, stop, at))
            continue
        before = known[max(0, at - LOOKBACK):at]
        if chosen is None:
            chosen = _choose(analysis, index, first, stop, type_, before, threshold,
                             demonstrative, bare=stop == index + 1, scorer=scorer,
                             everywhere=everywhere, genders=genders, holding=holding)
        if chosen is None and MEDIA:
            chosen = outlet_in_focus(analysis, index, first, stop, before, genders)
        if chosen is None and FOCUS:
            from svodka.extractors.coref.focus import headline_ahead, in_focus
            chosen = in_focus(analysis, index, first, stop, type_, before, genders) \
                or headline_ahead(analysis, index, first, stop, type_, known[at:], genders)
        if chosen is None:
            continue
        entity, rule = chosen
        if inside is not None:
            rule += ":inside"
        start, end = tokens[first].start, tokens[stop - 1].end
        link_ = Link(entity, Mention(start, end, analysis.text[start:end],
                                     analysis.lemma(index), "title", rule=rule), index)
        found.append(link_)
        covered.update(range(first, stop))
        for i in range(first, stop):
            lemmas.setdefault(analysis.lemma(i), set()).add(id(entity))
        known.insert(at, _Known(first, stop, start, end, entity, False))
        holding.add(known[at])
        starts.insert(at, first)
    if pending:
        found += _link_nouns(analysis, pending, known, covered, noun_threshold,
                             batch_scorer or _batch_scores, genders)
    return found


def _quoted_name_after(analysis, stop: int) -> bool:
    """Does a name in quote marks follow the phrase in its sentence ("соцсети «ВКонтакте»",
    "газеты «Ведомости»")? Then the phrase says what that name is, and refers to nothing
    earlier."""
    tokens = analysis.tokens
    at = stop
    while at < len(tokens) and tokens[at].text in OPENING_QUOTES \
            and tokens[at].sent == tokens[stop - 1].sent:
        at += 1
    return at > stop and at < len(tokens) and tokens[at].sent == tokens[stop - 1].sent \
        and tokens[at].text[:1].isupper()


def _inside_title(analysis, index: int, titles: list[range], named: dict[int, str]
                  ) -> range | None:
    """The person's title ``index`` stands inside as the genitive complement of one of its
    words ("бывшего президента страны Леонида Кучму", "главы государства", "лидер
    организации"), not a name: a description of a place or an organization of its own, read
    as any other. None elsewhere."""
    token = analysis.tokens[index]
    if index in named or token.rel != "nmod" or token.feats.get("Case") != "Gen" \
            or any(analysis.tokens[c].rel == "case" for c in analysis.children(index)):
        return None
    return next((span for span in titles if index in span and token.head in span), None)


# Where a plain noun is asked about: a clause's subject, where a reader expects an anaphor.
# Every referring position (EVERY_NOUN_ROLE: object, oblique, genitive complement,
# apposition, conjunct, a headline's root) links more — dev description recall 0.307 ->
# 0.310 at link P 0.918 — but cost 1.14-1.16x main's CPU per RT article (bench/extract.py
# --n 80, tenth session; docs/coref.md, "Plain nouns in every position"), over the 1.05 line.
NOUN_ROLES = frozenset({"nsubj", "nsubj:pass"})
EVERY_NOUN_ROLE = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "appos",
                             "conj", "root"})


def _plain_noun(analysis, index: int) -> bool:
    """A singular common noun in a referring position (``NOUN_ROLES``), written in lowercase
    or opening its sentence: what may be a description of a named thing although no list holds it
    ("сторона", "альянс", "россиянин")."""
    tokens = analysis.tokens
    token = tokens[index]
    if token.rel not in NOUN_ROLES:
        return False
    first = analysis.sentences[token.sent].first
    opening = index == first or all(tokens[i].pos == "PUNCT" for i in range(first, index))
    return token.text[:1].islower() or opening and token.text[1:].islower()


# whether an animate plain noun ("россиянин", "свидетель", "торговец") may describe a person
NOUN_PEOPLE = False


def _noun_types(analysis, index: int) -> tuple[str, ...]:
    """Who a plain noun may describe: an organization or a place ("альянс", "сторона",
    "республика"); an animate one a person when ``NOUN_PEOPLE``. A person's plain noun
    that speaks is left to the speaker rules (``_speaking``): at the tuned threshold
    «— ответил коллега» and «— резюмирует дама» went to the person named before, two quotes
    of the dev quote gold given a speaker they have not."""
    if analysis.tokens[index].feats.get("Animacy") == "Anim":
        return ("PER",) if NOUN_PEOPLE else ()
    return ("ORG", "LOC")


def _link_nouns(analysis, pending, known: list[_Known], covered: set[int], threshold: float,
                batch_scorer, genders: dict[int, str | None]) -> list[Link]:
    """Plain nouns (``_plain_noun``) → the entity of the best-scored earlier mention of an
    entity of their kind, when the ranker's score reaches ``threshold`` (rule
    ``ranker:<score>:noun``). Scored in one batch after every listed description is decided:
    their mentions are candidates too, and one batch costs a fraction of a call each."""
    tokens = analysis.tokens
    starts = [k.first for k in known]
    outlets = load_set("quote_outlets.txt")
    asked = []
    for index, first, stop, _ in pending:
        if any(i in covered for i in range(first, stop)):
            continue
        types = _noun_types(analysis, index)
        if not types or _speaking(analysis, index) or _qualified(analysis, index):
            continue
        floor = max(0, tokens[index].sent - REACH_SENTENCES)
        before = known[max(0, bisect_left(starts, first) - LOOKBACK):bisect_left(starts, first)]
        reach = [k for k in before if k.entity.type in types and k.end <= tokens[first].start
                 and (k.name or tokens[k.first].sent >= floor)
                 and fold(k.entity.name) not in outlets][-NOUN_CANDIDATES:]
        if reach:
            asked.append((index, first, stop, reach))
    if not asked:
        return []
    scores = batch_scorer(analysis, [((tokens[first].start, tokens[stop - 1].end),
                                      [(k.start, k.end) for k in reach])
                                     for _, first, stop, reach in asked])
    if scores is None:
        return []
    links = []
    for (index, first, stop, reach), row in zip(asked, scores):
        if not row:
            continue
        best = max(range(len(reach)), key=lambda i: row[i])
        if row[best] < threshold or any(i in covered for i in range(first, stop)) or not _fits(
                analysis, index, first, stop, [k for k in known if k.entity is reach[best].entity],
                genders):
            continue
        start, end = tokens[first].start, tokens[stop - 1].end
        links.append(Link(reach[best].entity, Mention(
            start, end, analysis.text[start:end], analysis.lemma(index), "title",
            rule=f"ranker:{row[best]:.2f}:noun"), index))
        covered.update(range(first, stop))
    return links


def _qualified(analysis, index: int) -> bool:
    """Does a word other than a place adjective say which one the plain noun is ("заинтересованной
    стороны", "в положительную сторону", "одной стороне", "протестующей стороны")? A noun in no list names a kind, and
    such an adjective picks one of that kind, not the thing named before; a place adjective
    ("российская сторона") is checked against the entity by ``_fits``."""
    tokens = analysis.tokens
    return any(tokens[c].rel in ("amod", "det", "nummod") and c < index
               and not analysis.lemma(c).endswith(("ский", "цкий"))
               for c in analysis.children(index))


def _speaking(analysis, head: int) -> bool:
    """Does the description speak: a cue's subject (``coref.speaks``), also of a cue
    coordinated with its verb ("Женщина в курсе …, но отмечает, что …")?"""
    if speaks(analysis, head):
        return True
    tokens = analysis.tokens
    if tokens[head].rel not in ("nsubj", "nsubj:pass") or tokens[head].head < 0:
        return False
    cues = _cues()
    return any(tokens[c].rel == "conj" and analysis.lemma(c) in cues
               for c in analysis.children(tokens[head].head))


def _batch_scores(analysis, asked) -> list[list[float]] | None:
    """``antecedent_scores`` for many (anaphor, candidates) at once, with the descriptions'
    model: one walk of the trees for every row."""
    model = description_model()
    if model is None:
        return None
    scores = []
    # A block at a time: a 10 MiB article asks about ~10⁵ nouns, and their feature rows all
    # at once held ~250 MB; each row is walked alone, so blocks give the same scores.
    for block in range(0, len(asked), BATCH_ANAPHORS):
        rows, sizes = [], []
        for anaphor, candidates in asked[block:block + BATCH_ANAPHORS]:
            rows += candidate_rows(analysis, anaphor, candidates, model)
            sizes.append(len(candidates))
        probabilities = model.predict_proba(rows).tolist()
        at = 0
        for size in sizes:
            scores.append(probabilities[at:at + size])
            at += size
    return scores


def description_scores(analysis: Analysis, anaphor: tuple[int, int],
                       candidates: list[tuple[int, int]]) -> list[float] | None:
    """``antecedent_scores`` with the descriptions' model (``ranker.description_model``)."""
    return antecedent_scores(analysis, anaphor, candidates, model=description_model())


def _complement_name(index: int, head: int, type_: str | None, named: dict[int, str]) -> bool:
    """Is the name word ``index`` in a description headed by ``head`` the name of something
    else, the description's complement ("экс-премьера Ливана", "главы Чечни": a person
    described by a place), rather than the description's own name ("президент Путин",
    "компания «Газпром»")? Told by the type: a description of one type and a name of another."""
    return index > head and type_ is not None and named.get(index, type_) != type_


# how far after a description a person's name may stand for the description to be its role
_ROLE_REACH = 8


def _names_ahead(analysis, stop: int, people: set[int]) -> bool:
    """Does a person's name follow the phrase, with only a role's words and commas between
    ("депутат Народного собрания, видный оппозиционер Магомед-Сали Аушев")?"""
    tokens = analysis.tokens
    sent = tokens[stop - 1].sent
    for i in range(stop, min(len(tokens), stop + _ROLE_REACH)):
        if i in people:
            return True
        if tokens[i].sent != sent or tokens[i].pos not in ("NOUN", "ADJ", "PROPN", "PUNCT") \
                or tokens[i].pos == "PUNCT" and tokens[i].text not in ",«»\"":
            return False
    return False


def _known(analysis, entity: Entity, mention: Mention) -> _Known | None:
    if mention.kind == "pronoun":
        return None
    span = analysis.tokens_between(mention.start, mention.end)
    if not len(span):
        return None
    return _Known(span.start, span.stop, mention.start, mention.end, entity,
                  mention.kind == "name")


def _heads(analysis, known: _Known) -> list[int]:
    """The words a mention is named by: those the parser hangs outside it, and its first noun
    ("порт" of «Восточный порт»; not "сотрудничество" of «Соглашение о … сотрудничестве»)."""
    tokens = analysis.tokens
    span = range(known.first, known.stop)
    heads = [i for i in span if tokens[i].head not in span and not _after_preposition(analysis, i)]
    heads += [i for i in span if tokens[i].pos in ("NOUN", "PROPN")][:1]
    return heads


def _head_lemmas(analysis, known: _Known) -> list[tuple[int, str]]:
    """``_heads`` with their lemmas, read once a mention: every description asks about the
    400 mentions before it (on a 10 MB article, 13,000 descriptions)."""
    if known.heads is None:
        known.heads = [(i, analysis.lemma(i)) for i in _heads(analysis, known)]
    return known.heads


class _HeadIndex:
    """The mentions by the lemmas of their head words, kept as mentions are added: a
    description asks only about those that hold its head word, not its 400 earlier mentions
    (``_choose`` read them all for every description: 13.6 s of a 1 MiB article profiled)."""

    def __init__(self, analysis, known: list[_Known]):
        self.analysis, self.by_lemma = analysis, {}
        for k in known:
            self.add(k)

    def add(self, known: _Known) -> None:
        for lemma in dict.fromkeys(lemma for _, lemma in _head_lemmas(self.analysis, known)):
            self.by_lemma.setdefault(lemma, []).append(known)

    def among(self, lemma: str, before: list[_Known]) -> list[_Known]:
        """The mentions of ``before`` whose head words hold ``lemma`` (in no fixed order)."""
        holders = self.by_lemma.get(lemma)
        if not holders:
            return []
        present = set(map(id, before))
        return [k for k in holders if id(k) in present]


def _after_preposition(analysis, index: int) -> bool:
    """A word under a preposition (of «Госдума по международным делам», «сборная России по
    синхронному плаванию»: the parser may hang it outside the name) names no holder: "на
    самом деле", "в синхронном плавании" are no mention of them."""
    return any(analysis.tokens[c].rel == "case" for c in analysis.children(index))


_STEM = 5


def _fits(analysis, head: int, first: int, stop: int, mentions: list[_Known],
          genders: dict[int, str | None]) -> bool:
    """Do the description's own words agree with what the entity's mentions say? Its head
    noun's kind and gender (``_kind_fits``) first. A place
    adjective ("московская школа", "американский президент") or a genitive complement ("главе
    государства") that no mention of the entity repeats makes it another one ("Высшая школа
    экономики", "президент Владимир Путин", "глава Министерства культуры")."""
    if mentions and not _kind_fits(analysis, head, mentions[0].entity, genders):
        return False
    words = {analysis.lemma(i)[:_STEM] for k in mentions for i in range(k.first, k.stop)}
    words |= {w[:_STEM] for k in mentions for role in k.entity.roles for w in fold(role).split()}
    tokens = analysis.tokens
    complements = [c for c in analysis.children(head) if c > head and tokens[c].rel == "nmod"
                   and tokens[c].feats.get("Case") == "Gen"
                   and not any(tokens[g].rel == "case" for g in analysis.children(c))]
    for i in sorted({*range(first, stop), *complements}):
        if i == head or tokens[i].pos not in ("ADJ", "NOUN", "PROPN"):
            continue
        lemma = analysis.lemma(i)
        if i < head and not lemma.endswith(("ский", "цкий")):
            continue      # "бывший министр": only a place adjective says which one
        if i > head and tokens[i].head != head:
            continue      # only the complement's head word
        if lemma[:_STEM] not in words and not any(
                fold(name)[:_STEM] in words for name in country_names().get(lemma, ())):
            return False      # ("американский" agrees with "США")
    return True


def _choose(analysis, head: int, first: int, stop: int, type_: str | None,
            before: list[_Known], threshold: float, demonstrative: bool = False,
            bare: bool = True, scorer=description_scores, everywhere: bool = False,
            genders: dict[int, str | None] | None = None,
            holding: _HeadIndex | None = None) -> tuple[Entity, str] | None:
    genders = genders or {}
    tokens = analysis.tokens
    floor = max(0, tokens[head].sent - REACH_SENTENCES)
    reach = []      # the last MAX_CANDIDATES that may be meant, read from the nearest back
    for k in reversed(before):
        if (type_ is None or k.entity.type == type_) \
                and (k.name or tokens[k.first].sent >= floor):
            reach.append(k)
            if len(reach) == MAX_CANDIDATES:
                break
    if not reach:
        return None
    reach.reverse()
    lemma = analysis.lemma(head)
    # every earlier holder of the head word, however far back: "президент США Дональд Трамп"
    # in the lead and "44-м президентом США Бараком Обамой" later leave "президента" open
    # (``holding``: only the mentions whose head words hold the lemma are read)
    holders = {id(k.entity): k.entity
               for k in (before if holding is None else holding.among(lemma, before))
               if (type_ is None or k.entity.type == type_)
               and any(word_lemma == lemma and i != head
                       for i, word_lemma in _head_lemmas(analysis, k))}
    holders = {key: entity for key, entity in holders.items()
               if _fits(analysis, head, first, stop, [k for k in before if k.entity is entity],
                        genders)}
    if len(holders) == 1 and not any(k.entity is next(iter(holders.values())) for k in reach):
        holders = {}
    if len(holders) == 1:
        return next(iter(holders.values())), "description:head"
    if len(holders) > 1:
        return None       # "посол России … и посол Китая …. Посол подчеркнул": either of them
    if type_ is None and not demonstrative:
        return None       # "порт", "документ": only a repeated word of the name tells
    if not (everywhere or bare or demonstrative):
        return None       # "центральный банк страны": a complement of its own makes it new
    if not (everywhere or demonstrative) and tokens[head].rel not in ("nsubj", "nsubj:pass"):
        return None       # the ranker is asked where a reader expects an anaphor: a subject,
        # or after a demonstrative (elsewhere it linked next to nothing at its threshold and
        # cost 2-3 % of the extraction's CPU)
    if _speaking(analysis, head):
        return None       # "— отмечает издание", "Женщина … отмечает": who speaks is the
        # speaker rules' (who spoke last, the cue's subject); the ranker knows no quotes, and
        # with the meaning of nouns it gave two dev quotes that have no speaker one
    outlets = load_set("quote_outlets.txt")
    reach = [k for k in reach if fold(k.entity.name) not in outlets]
    if not reach:
        return None       # "ведомство", "издание": not the agency reporting the news
    scores = scorer(analysis, (tokens[first].start, tokens[stop - 1].end),
                    [(k.start, k.end) for k in reach])
    if not scores:
        return None
    best = max(range(len(reach)), key=lambda i: scores[i])
    if scores[best] < threshold or not _fits(
            analysis, head, first, stop, [k for k in before if k.entity is reach[best].entity],
            genders):
        return None
    return reach[best].entity, f"ranker:{scores[best]:.2f}"
