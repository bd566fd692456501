"""Who spoke: the attribution's words, then the entity they name or refer to.

The speaker phrase comes from syntax (the cue's subject, the object of "цитирует", the
"в пресс-службе …" of "сообщили в пресс-службе") or from the words a rule saw ("по словам Х").
It names an entity directly (a mention overlaps it), through a pronoun or a title ("он",
"посол": the most recent person who fits), through an organization's voice ("пресс-служба":
the organization named with it, here or earlier), or no one ("источник", "эксперты").
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from svodka.extractors.quotes.context import (FINAL_PUNCT, POSSESSIVE_PRONOUNS, QUOTE_MARKS,
                                              Candidate, Context)
from svodka.record import Entity, Mention

# How far back (in mentions) a pronoun or a title looks for the person it refers to.
_LOOKBACK_MENTIONS = 60
_WINDOW = 8
# How far back (in characters) the last speaker is still the one "он" or "посол" refers to.
_SPEAKER_MEMORY = 1500
_SPEAKER_TYPES = ("PER", "ORG", "LOC")
_PRONOUN_GENDER = {"он": "Masc", "его": "Masc", "она": "Fem", "ее": "Fem"}


@dataclass(slots=True)
class Speaker:
    entity: Entity | None
    text: str | None = None
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class EntityIndex:
    """Mentions in text order, and the organizations each "пресс-служба" spoke for."""
    entities: list[Entity]
    mentions: list[tuple[int, int, Mention, Entity]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    voices: list[tuple[int, str, Entity]] = field(default_factory=list)
    genders: dict[str, str | None] = field(default_factory=dict)
    speakers: list[tuple[int, Entity]] = field(default_factory=list)
    _titles: str | None = None

    @classmethod
    def build(cls, ctx: Context, entities: list[Entity]) -> "EntityIndex":
        index = cls(entities)
        index.mentions = sorted(((m.start, m.end, m, e) for e in entities for m in e.mentions),
                                key=lambda item: (item[0], item[1]))
        index.starts = [item[0] for item in index.mentions]
        for i, token in enumerate(ctx.tokens):
            if ctx.lemma(i) in ctx.lexicon.org_nouns:
                owner = index.owner(ctx, i)
                if owner is not None:
                    index.voices.append((token.start, ctx.lemma(i), owner))
        return index

    def owner(self, ctx: Context, noun: int) -> Entity | None:
        """Whose "пресс-служба" or "доклад" this is: the organization named right after it
        ("пресс-служба МИД"), or the one whose verb has it ("Офис … выпустил доклад")."""
        if noun + 1 < len(ctx.tokens):
            owner = self.starting_at(ctx.tokens[noun + 1].start, "ORG")
            if owner is not None:
                return owner
        verb = ctx.tokens[noun].head
        if verb < 0 or ctx.tokens[verb].pos != "VERB" or not ctx.tokens[noun].rel.startswith("obj"):
            return None
        for subject in _children(ctx, verb, ("nsubj",)):
            tokens = _subtree(ctx, subject)
            start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
            for mention, entity in self.overlapping(start, end):
                if entity.type == "ORG" and mention.start <= ctx.tokens[subject].start:
                    return entity
        return None

    def starting_at(self, offset: int, type_: str) -> Entity | None:
        for i in range(bisect_left(self.starts, offset), len(self.mentions)):
            start, _, _, entity = self.mentions[i]
            if start != offset:
                return None
            if entity.type == type_:
                return entity
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        found = []
        for i in range(max(0, bisect_left(self.starts, start) - 8), len(self.mentions)):
            m_start, m_end, mention, entity = self.mentions[i]
            if m_start >= end:
                break
            if m_end > start:
                found.append((mention, entity))
        return found

    def add(self, entity: Entity) -> None:
        mention = entity.mentions[0]
        at = bisect_left(self.starts, mention.start)
        self.mentions.insert(at, (mention.start, mention.end, mention, entity))
        self.starts.insert(at, mention.start)
        self._titles = None

    def recent(self, anchor: int, type_: str, gender: str | None = None) -> Entity | None:
        """The last entity of ``type_`` mentioned before ``anchor`` that fits."""
        for entity in self._before(anchor):
            if entity.type == type_ and self.fits(entity, gender):
                return entity
        return None

    def titled(self, anchor: int, gender: str | None, stems: list[str]) -> Entity | None:
        """The person whose role has the title word and most of the phrase's other words
        ("президент Украины": the president of Ukraine, not the last president mentioned)."""
        best, best_score = None, 0
        for entity in self._before(anchor):
            if entity.type != "PER" or not self.fits(entity, gender):
                continue
            roles = " ".join(entity.roles).lower().replace("ё", "е")
            if stems[0] not in roles:
                continue
            score = 1 + sum(stem in roles for stem in stems[1:])
            if score > best_score:
                best, best_score = entity, score
        return best

    def salient(self, anchor: int, gender: str | None) -> Entity | None:
        """The person mentioned most often before ``anchor`` (the last of equals)."""
        counts: dict[str, int] = {}
        order: list[Entity] = []
        for entity in self._before(anchor):
            if entity.type == "PER" and self.fits(entity, gender):
                if entity.id not in counts:
                    order.append(entity)
                counts[entity.id] = counts.get(entity.id, 0) + 1
        return max(order, key=lambda e: counts[e.id], default=None)

    def is_title(self, lemma: str) -> bool:
        if self._titles is None:
            self._titles = " ".join(role.lower() for e in self.entities if e.type == "PER"
                                    for role in e.roles)
        return lemma in self._titles

    def fits(self, entity: Entity, gender: str | None) -> bool:
        return not gender or self.genders.get(entity.id) in (None, gender)

    def _before(self, anchor: int):
        stop = bisect_left(self.starts, anchor)
        for _, _, _, entity in reversed(self.mentions[max(0, stop - _LOOKBACK_MENTIONS):stop]):
            yield entity

    def last_speaker(self, anchor: int, gender: str | None) -> Entity | None:
        """The person who last spoke before ``anchor``, if not too long ago."""
        for offset, entity in reversed(self.speakers):
            if offset >= anchor:
                continue
            if anchor - offset > _SPEAKER_MEMORY or entity.type != "PER":
                return None
            return entity if self.fits(entity, gender) else None
        return None

    def voice(self, anchor: int, noun: str | None = None) -> Entity | None:
        """Who a bare "пресс-служба" speaks for: whoever the last "пресс-служба …" did, else
        the organization mentioned last."""
        at = bisect_left(self.voices, anchor, key=lambda item: item[0])
        for _, lemma, entity in reversed(self.voices[max(0, at - _LOOKBACK_MENTIONS):at]):
            if noun is None or lemma == noun:
                return entity
        return self.recent(anchor, "ORG")


def person_genders(ctx: Context, index: EntityIndex) -> None:
    """Grammatical gender of each person, from the tags of their name mentions."""
    for entity in index.entities:
        if entity.type != "PER":
            continue
        gender = None
        for mention in entity.mentions:
            if mention.kind != "name":
                continue
            token = ctx.analysis.token_at(mention.start)
            if token is not None and ctx.tokens[token].feats.get("Gender"):
                gender = ctx.tokens[token].feats["Gender"]
                break
        index.genders[entity.id] = gender


def _subtree(ctx: Context, root: int) -> range:
    sentence = ctx.sentence(root)
    members = [root]
    for i in range(sentence.first, sentence.stop):
        j, steps = i, 0
        while j not in (-1, root) and steps < 40:
            j, steps = ctx.tokens[j].head, steps + 1
        if j == root:
            members.append(i)
    return range(min(members), max(members) + 1)


def _clip(ctx: Context, tokens: range, head: int, quote: Candidate) -> range:
    """Keep the phrase on the head's side of the quote and without edge punctuation."""
    first, stop = tokens.start, tokens.stop
    if quote.cue is not None and first <= quote.cue < stop:
        first, stop = (quote.cue + 1, stop) if head > quote.cue else (first, quote.cue)
    if ctx.tokens[head].start >= quote.end:
        first = max(first, ctx.first_token_from(quote.end))
    elif ctx.tokens[head].end <= quote.start:
        stop = min(stop, ctx.first_token_from(quote.start))
    while first < stop and ctx.is_punct(first):
        first += 1
    while stop > first and ctx.is_punct(stop - 1):
        stop -= 1
    return range(first, stop)


def _head_of(ctx: Context, tokens: range) -> int:
    for i in tokens:
        if ctx.tokens[i].head not in tokens:
            return i
    return tokens.start


def _children(ctx: Context, index: int, rels: tuple[str, ...]) -> list[int]:
    return [c for c in ctx.analysis.children(index) if ctx.tokens[c].rel.startswith(rels)]


def _subject_before(ctx: Context, cue: int) -> tuple[range, int] | None:
    """When the parse gives the cue no subject ("Нуланд, похоже, считает, что"): the nearest
    nominative name, pronoun or noun before it in the sentence."""
    first = ctx.sentence(cue).first
    for i in range(cue - 1, max(first, cue - _WINDOW * 2) - 1, -1):
        token = ctx.tokens[i]
        if ctx.word(i) in QUOTE_MARKS or ctx.lemma(i) == "что":
            return None
        if token.pos in ("PROPN", "PRON", "NOUN") and token.feats.get("Case") == "Nom":
            low = i
            while low > first and ctx.tokens[low - 1].pos == "PROPN" and token.pos == "PROPN":
                low -= 1
            return range(low, i + 1), i
    return None


def speaker_phrase(ctx: Context, quote: Candidate) -> tuple[range, int] | None:
    """(tokens, head) of the words naming the speaker."""
    if quote.speaker_tokens is not None:
        tokens = _clip(ctx, quote.speaker_tokens, quote.speaker_tokens.start, quote) \
            if len(quote.speaker_tokens) else quote.speaker_tokens
        return (tokens, _head_of(ctx, tokens)) if len(tokens) else None
    cue = quote.cue
    if cue is None:
        return None
    if ctx.tokens[cue].rel.startswith("acl") and ctx.tokens[cue].head >= 0:
        head = ctx.tokens[cue].head     # "критик Анна Наринская, не считавшая, что …"
        tokens = _clip(ctx, _subtree(ctx, head), head, quote)
        return (tokens, head) if len(tokens) else None
    roots = _children(ctx, cue, ("obj",)) if ctx.lemma(cue) in ctx.lexicon.cite else []
    if not roots:
        roots = _children(ctx, cue, ("nsubj",))
        head = ctx.tokens[cue].head
        if not roots and head >= 0 and ctx.tokens[cue].rel in ("advcl", "conj", "xcomp"):
            roots = _children(ctx, head, ("nsubj",))
        if not roots:
            roots = [c for c in _children(ctx, cue, ("obl", "nmod", "iobj"))
                     if ctx.lemma(c) in ctx.lexicon.org_nouns
                     or any(ctx.lemma(g) in ("в", "у") for g in _children(ctx, c, ("case",)))]
    if roots and ctx.lemma(roots[0]) == "слово":
        roots = _children(ctx, roots[0], ("nmod",)) or roots
    if roots:
        tokens = _clip(ctx, _subtree(ctx, roots[0]), roots[0], quote)
        stop = tokens.stop
        while stop < cue and ctx.tokens[stop].pos in ("PROPN", "NOUN"):
            stop += 1       # a name the parse left out: "Глава … доктор Захир Хамду Хаджу подтвердил"
        tokens = range(tokens.start, stop)
        if len(tokens):
            return tokens, roots[0]
    if quote.start > ctx.tokens[cue].end:
        before = _subject_before(ctx, cue)
        if before is not None:
            return before
    stop = cue + 1      # the words after the cue, to the end of the attribution
    limit = min(ctx.sentence(cue).stop, cue + 1 + _WINDOW * 2)
    while stop < limit and ctx.word(stop) not in FINAL_PUNCT and not ctx.is_dash(stop) \
            and not (ctx.word(stop) == "," and stop + 1 < limit and ctx.is_dash(stop + 1)) \
            and ctx.lemma(stop) != "что" and not quote.start <= ctx.tokens[stop].start < quote.end:
        stop += 1
    tokens = _clip(ctx, range(cue + 1, stop), cue + 1, quote) if stop > cue + 1 else range(0)
    return (tokens, _window_head(ctx, tokens)) if len(tokens) else None


def _window_head(ctx: Context, tokens: range) -> int:
    """The first word in the nominative, past any "как сообщают X," aside."""
    aside = False
    for i in tokens:
        word = ctx.word(i).lower()
        if word == "как":
            aside = True
        elif word == ",":
            aside = False
        elif not aside and ctx.tokens[i].pos in ("NOUN", "PROPN", "PRON") \
                and ctx.tokens[i].feats.get("Case") == "Nom":
            return i
    return _head_of(ctx, tokens)


def _person_word(ctx: Context, index: int) -> str | None:
    """"sing" or "plur" when the word names people ("посол", "эксперты"), else None."""
    lemma = ctx.lemma(index)
    for parse in ctx.analysis.models.morph_vocab.parse(ctx.word(index))[:4]:
        if parse.normal_form.replace("ё", "е") == lemma and "anim" in parse.tag \
                and "Name" not in parse.tag and "Surn" not in parse.tag:
            return "plur" if "plur" in parse.tag else "sing"
    return None


def _next_named(ctx: Context, index: EntityIndex, head: int) -> Entity | None:
    """"пресс-служба МИД", "заявление О'Брайена": the organization or person right after."""
    for offset in (1, 2, 3):
        if head + offset >= len(ctx.tokens) or ctx.is_punct(head + offset):
            return None
        start = ctx.tokens[head + offset].start
        entity = index.starting_at(start, "ORG") or index.starting_at(start, "PER")
        if entity is not None:
            return entity
    return None


def _named_in(ctx: Context, found: list[tuple[Mention, Entity]], type_: str) -> Entity | None:
    """The person the phrase names: the one in the nominative ("советник Башара Асада Бусейна
    Шаабан" → Шаабан), else the last one ("по словам аналитика Патрика Хэннигсена")."""
    named = [(m, e) for m, e in found if e.type == type_]
    for mention, entity in named:
        token = ctx.analysis.token_at(mention.start)
        if token is not None and ctx.tokens[token].feats.get("Case") == "Nom":
            return entity
    return named[-1][1] if named else None


def _stems(ctx: Context, tokens: range) -> list[str]:
    """Word stems of a title phrase, head first: "президент Украины" → ["президент", "украи"]."""
    stems = [ctx.lemma(_head_of(ctx, tokens))]
    stems += [ctx.lemma(i)[:5] for i in tokens
              if ctx.tokens[i].pos in ("NOUN", "PROPN", "ADJ") and ctx.lemma(i) != stems[0]]
    return stems


def _referent(ctx: Context, index: EntityIndex, anchor: int, gender: str | None,
              title: list[str] | None = None) -> Entity | None:
    """Who "он" or "посол" is: the person holding that title, else the last speaker, else the
    last person mentioned — each only if the grammatical gender fits."""
    if title:
        holder = index.titled(anchor, gender, title)
        if holder is not None:
            return holder
    previous = index.last_speaker(anchor, gender)
    if previous is not None:
        return previous
    return index.salient(anchor, gender) if title else index.recent(anchor, "PER", gender)


def resolve(ctx: Context, index: EntityIndex, quote: Candidate, tokens: range,
            head: int) -> Entity | None:
    lemma = ctx.lemma(head)
    lexicon = ctx.lexicon
    start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
    anchor = min(quote.start, start)
    gender = ctx.tokens[quote.cue].feats.get("Gender") if quote.cue is not None else None
    found = [(m, e) for m, e in index.overlapping(start, end) if e.type in _SPEAKER_TYPES]
    if lemma in lexicon.anonymous:      # "источник", "СМИ" → null; "эксперт Сергей Иванов"
        return _named_in(ctx, [(m, e) for m, e in found
                               if not m.start <= ctx.tokens[head].start < m.end], "PER")
    for mention, entity in found:
        if mention.start <= ctx.tokens[head].start < mention.end:
            return entity
    person = _named_in(ctx, found, "PER")
    if lemma in _PRONOUN_GENDER:
        return _referent(ctx, index, anchor, _PRONOUN_GENDER[lemma])
    if ctx.tokens[head].pos == "PRON":
        return None
    organization = _named_in(ctx, found, "ORG")
    people = _person_word(ctx, head) if ctx.tokens[head].pos == "NOUN" else None
    if people is None and index.is_title(lemma):
        people = "sing"
    if people == "plur":
        return person       # a group: "эксперты", "опрошенные ветераны"
    if lemma in lexicon.org_nouns:     # "в ведомстве Михаила Меня" is the ministry's voice
        if any(ctx.lemma(c) in POSSESSIVE_PRONOUNS for c in ctx.analysis.children(head)):
            return _referent(ctx, index, anchor, None)   # "его пресс-служба": the person's
        return _next_named(ctx, index, head) or organization or index.voice(anchor, lemma)
    if person is not None:
        return person
    if lemma in lexicon.representatives:
        return organization     # an unnamed representative of no named body: null
    if people == "sing":
        return _referent(ctx, index, anchor, gender, title=_stems(ctx, tokens))
    return organization or _named_in(ctx, found, "LOC")


def _new_entity(ctx: Context, entities: list[Entity], tokens: range,
                people_only: bool = False) -> Entity | None:
    """A named speaker the NER missed becomes an entity of its own."""
    names = [i for i in tokens if ctx.tokens[i].pos == "PROPN" and _person_word(ctx, i) is None]
    if not names or names[-1] - names[0] + 1 != len(names):
        return None
    vocab = ctx.analysis.models.morph_vocab
    person = any({"Name", "Surn"} & set(str(vocab.parse(ctx.word(i))[0].tag).replace(" ", ",")
                                         .split(",")) for i in names)
    if people_only and not person:
        return None     # "источник в Кремле" names no one
    numbers = [int(e.id[1:]) for e in entities if e.id[1:].isdigit()]
    start, end = ctx.tokens[names[0]].start, ctx.tokens[names[-1]].end
    name = " ".join(ctx.lemma(i).capitalize() if person else ctx.word(i) for i in names)
    entity = Entity(f"e{max(numbers, default=0) + 1}", "PER" if person else "ORG", name,
                    mentions=[Mention(start, end, ctx.text[start:end], name)])
    entities.append(entity)
    return entity


def find_speaker(ctx: Context, index: EntityIndex, quote: Candidate) -> Speaker:
    phrase = speaker_phrase(ctx, quote)
    if phrase is None:
        return Speaker(None)
    tokens, head = phrase
    start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
    entity = resolve(ctx, index, quote, tokens, head)
    cue_gender = ctx.tokens[quote.cue].feats.get("Gender") if quote.cue is not None else None
    if entity is not None and entity.type == "PER" and cue_gender in ("Masc", "Fem") \
            and ctx.lemma(head) not in _PRONOUN_GENDER:
        index.genders[entity.id] = cue_gender    # "рассказала Александра Тиман": a woman
    if entity is None:
        entity = _new_entity(ctx, index.entities, tokens,
                             people_only=ctx.lemma(head) in ctx.lexicon.anonymous)
        if entity is not None:
            index.add(entity)
    if entity is not None:
        index.speakers.append((quote.start, entity))
    return Speaker(entity, ctx.text[start:end], (start, end))
