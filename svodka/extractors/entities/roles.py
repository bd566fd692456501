"""People's roles and the title words that later stand for them.

A role is a phrase headed by a title word (``role_words.txt``) standing next to a person's
name: before it ("президента РК Касым-Жомарта Токаева", chains joined by a dash: "посла
Казахстана в Бельгии - постоянного представителя РК при ЕС Романа Василенко") or after it
between commas, dashes or brackets ("Лавров, глава МИД России, заявил"). Roles are given in
the nominative: the title word and its adjectives are inflected, the rest is kept.

A title word used alone afterwards ("Посол подчеркнул") becomes a ``kind="title"`` mention of
the one person whose role it heads; when two people share the title word, it is left alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from svodka.extractors.entities.gazetteer import fold, gazetteer
from svodka.extractors.entities.normal import join_words, nominative_word
from svodka.record import Entity, Mention

_INSIDE = {"NOUN", "PROPN", "ADJ", "ADP", "CCONJ", "NUM", "X"}   # words a role phrase may hold
_LINKS = {"-", "–", "—"}
_QUOTES = set("«»\"„“”")
_BRACKETS = set("()")     # "пресс-секретарь Фонда борьбы с коррупцией (ФБК)"
_MAX_ROLE_TOKENS = 15
_POSTS = {"пост", "должность"}


@dataclass(slots=True)
class Role:
    first: int
    stop: int
    head: int             # the title word
    text: str             # nominative


def _is_role_word(analysis, index: int) -> bool:
    """A title word: "посол", "Император" (tagged a proper noun at a sentence start), and the
    compounds "экс-президент", "хип-хоп-исполнитель", "солдат-срочник"."""
    token = analysis.tokens[index]
    # the tagger reads some title nouns as adjectives ("футболисту"); the lemma decides
    if token.pos not in ("NOUN", "PROPN", "ADJ") or not token.text[:1].isalpha():
        return False
    words = gazetteer().role_words
    parts = token.text.split("-")
    if not any(words.may_hold(part) for part in parts):
        return False
    lemma = analysis.lemma(index)
    if lemma in words:
        return True
    return "-" in lemma and any(_part_lemma(analysis, part) in words for part in lemma.split("-"))


def _part_lemma(analysis, part: str) -> str:
    forms = analysis.models.morph_vocab(part) if part else []
    return forms[0].normal.replace("ё", "е") if forms else part


def _may_hold(analysis, index: int, names: set[int]) -> bool:
    token = analysis.tokens[index]
    if index in names:
        return False
    if token.text in _QUOTES or token.text in _BRACKETS:
        return True
    return token.pos in _INSIDE and any(ch.isalnum() for ch in token.text)


def _extend_adjectives(analysis, head: int, floor: int) -> int:
    first = head
    while first - 1 >= floor and analysis.tokens[first - 1].pos == "ADJ" \
            and analysis.tokens[first - 1].sent == analysis.tokens[head].sent:
        first -= 1
    return first


def _role(analysis, first: int, head: int, stop: int) -> Role:
    tokens, vocab = analysis.tokens, analysis.models.morph_vocab
    words = []
    for i in range(first, stop):
        token = tokens[i]
        word = token.text
        if first <= i <= head and token.pos in ("NOUN", "PROPN", "ADJ"):
            pos = "NOUN" if i == head else token.pos
            word = nominative_word(vocab, token.text, pos, token.feats)
            if not token.text.isupper():
                word = word.lower()
        words.append(word)
    return Role(first, stop, head, join_words(analysis.text, tokens, first, stop, words))


def role_before(analysis, name_first: int, names: set[int]) -> Role | None:
    """The role phrase that ends right before ``name_first``."""
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[name_first].sent]
    floor = max(sentence.first, name_first - _MAX_ROLE_TOKENS)
    heads = []
    index = name_first - 1
    while index >= floor and _may_hold(analysis, index, names):
        if _is_role_word(analysis, index):
            heads.append(index)
        index -= 1
    if not heads or tokens[name_first - 1].pos in ("ADP", "CCONJ"):
        return None
    # an apposition agrees in case with its name: in "заявил президент на встрече с главой
    # МВД Владимиром Колокольцевым" the role is "главой МВД", not the phrase from "президент"
    case = tokens[name_first].feats.get("Case")
    agreeing = [i for i in heads if tokens[i].feats.get("Case") in (case, None)]
    head = agreeing[-1] if case and agreeing else heads[-1]
    return _role(analysis, _extend_adjectives(analysis, head, floor), head, name_first)


def role_after(analysis, name_stop: int, names: set[int]) -> Role | None:
    """", глава МИД России," right after a name, closed by a comma, dash, bracket or period."""
    tokens = analysis.tokens
    if name_stop >= len(tokens) or tokens[name_stop].text not in {",", "(", *_LINKS}:
        return None
    sentence = analysis.sentences[tokens[name_stop].sent]
    first = name_stop + 1
    index = first
    while index < sentence.stop and tokens[index].pos == "ADJ":
        index += 1
    if index >= sentence.stop or not _is_role_word(analysis, index):
        return None
    head = index
    stop = head + 1
    while stop < sentence.stop and stop - first < _MAX_ROLE_TOKENS and _may_hold(analysis, stop, names):
        stop += 1
    closed = stop == sentence.stop or tokens[stop].text in {",", ")", ".", *_LINKS}
    if not closed:
        return None
    while stop > head + 1 and tokens[stop - 1].pos in ("ADP", "CCONJ"):
        stop -= 1
    return _role(analysis, first, head, stop)


def _phrase_from(analysis, head: int, names: set[int]) -> Role:
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[head].sent]
    stop = head + 1
    while stop < sentence.stop and stop - head < _MAX_ROLE_TOKENS and _may_hold(
            analysis, stop, names) and not any(ch.isdigit() for ch in tokens[stop].text):
        stop += 1
    while stop > head + 1 and tokens[stop - 1].pos in ("ADP", "CCONJ"):
        stop -= 1
    return _role(analysis, _extend_adjectives(analysis, head, sentence.first), head, stop)


def role_predicate(analysis, name_first: int, name_stop: int, names: set[int]) -> Role | None:
    """"Путин - президент России", "Иванов стал министром", "она работает пианисткой"."""
    tokens = analysis.tokens
    heads = {tokens[i].head for i in range(name_first, name_stop)
             if tokens[i].rel in ("nsubj", "nsubj:pass") and not name_first <= tokens[i].head < name_stop}
    heads.discard(-1)
    for head in heads:
        if _is_role_word(analysis, head):
            return _phrase_from(analysis, head, names)       # the role is the predicate itself
        for child in analysis.children(head):
            if child < name_stop:
                continue
            if _is_role_word(analysis, child) and tokens[child].feats.get("Case") == "Ins" \
                    and tokens[child].rel in ("xcomp", "obl", "obj", "nmod"):
                return _phrase_from(analysis, child, names)
            if analysis.lemma(child) in _POSTS:
                # "занял пост генерального директора", "назначен на должность министра"
                for title in analysis.children(child):
                    if title > child and _is_role_word(analysis, title):
                        return _phrase_from(analysis, title, names)
    return None


_MAX_LISTED_NAMES = 6


def roles_of(analysis, name_first: int, name_stop: int, names: set[int],
             name_starts: dict[int, int] | None = None) -> list[Role]:
    roles = _roles_before(analysis, name_first, names, name_starts or {})
    after = role_after(analysis, name_stop, names) or role_predicate(
        analysis, name_first, name_stop, names)
    if after is not None:
        roles.append(after)
    return roles


def _roles_before(analysis, name_first: int, names: set[int], name_starts: dict[int, int],
                  depth: int = 0) -> list[Role]:
    """The roles written before a name, or before the list of names it ends:
    "актеры Андрей Мерзликин и Алиса Гребенщикова" gives both of them "актеры"."""
    tokens = analysis.tokens
    roles = _chain_before(analysis, name_first, names)
    joint = name_first - 1
    if not roles and depth < _MAX_LISTED_NAMES and joint > 0 \
            and tokens[joint].text in {",", "и"} and joint - 1 in name_starts:
        shared = _roles_before(analysis, name_starts[joint - 1], names, name_starts, depth + 1)
        # only a plural title covers the whole list: "послы А и Б", not "посол А и Б"
        return [r for r in shared if tokens[r.head].feats.get("Number") == "Plur"]
    return roles


def _chain_before(analysis, name_first: int, names: set[int]) -> list[Role]:
    tokens = analysis.tokens
    roles = []
    stop = name_first
    if stop > 0 and tokens[stop - 1].text in _LINKS:
        stop -= 1          # "музыканты группы — Вадим Голутвин"
    while True:
        role = role_before(analysis, stop, names)
        if role is None:
            break
        roles.insert(0, role)
        link = role.first - 1
        if link < 0 or tokens[link].text not in _LINKS | {","}:
            break
        stop = link        # "посла ... - постоянного представителя ... Романа Василенко"
    return roles


def attach_roles(analysis, entities: list[Entity]) -> None:
    """Fill ``roles`` of people and add their title mentions."""
    named: set[int] = set()       # words of any name: never a title mention
    people: set[int] = set()      # words of person names: a role never runs through one
    name_starts: dict[int, int] = {}   # the last word of a person's name -> its first word
    for entity in entities:
        for m in entity.mentions:
            indices = analysis.tokens_between(m.start, m.end)
            named.update(indices)
            if entity.type == "PER" and m.kind == "name" and len(indices):
                people.update(indices)
                name_starts[indices.stop - 1] = indices.start
    used: set[int] = set()
    heads: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for entity in entities:
        if entity.type != "PER":
            continue
        for m in entity.mentions:
            indices = analysis.tokens_between(m.start, m.end)
            if not len(indices):
                continue
            for role in roles_of(analysis, indices.start, indices.stop, people, name_starts):
                used.update(range(role.first, role.stop))
                if all(fold(role.text) != fold(r) for r in entity.roles):
                    entity.roles.append(role.text)
                heads.setdefault(analysis.lemma(role.head), set()).add(entity.id or entity.name)
                first_seen.setdefault(entity.id or entity.name, m.start)
    _add_titles(analysis, entities, named | used, heads, first_seen)


def _add_titles(analysis, entities, taken: set[int], heads, first_seen) -> None:
    by_key = {(e.id or e.name): e for e in entities}
    head_starts = {head[:3] for head in heads}
    tokens = analysis.tokens
    for index, token in enumerate(tokens):
        if index in taken or token.pos != "NOUN":
            continue
        if not token.text[:1].isalpha() or fold(token.text)[:3] not in head_starts:
            continue
        people = heads.get(analysis.lemma(index))
        if not people or len(people) != 1:
            continue
        key = next(iter(people))
        if token.start < first_seen[key] or token.feats.get("Number") == "Plur":
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.sent == token.sent and (
                following.pos in ("NOUN", "PROPN", "ADJ") or index + 1 in taken):
            continue      # "посол России ...": a title with its own complement is a new role
        entity = by_key[key]
        normal = analysis.lemma(index)
        entity.mentions.append(Mention(token.start, token.end, token.text, normal, "title"))
        if all(fold(normal) != fold(a) for a in entity.aliases):
            entity.aliases.append(normal)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
