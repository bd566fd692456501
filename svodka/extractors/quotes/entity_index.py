"""Mentions in text order, for the look-ups speaker resolution makes: who was mentioned last,
who holds a title, whose press service or document a word stands for."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from svodka.text import fold, fold_word
from svodka.extractors.quotes.context import Context
from svodka.extractors.quotes.syntax import children, subtree
from svodka.record import Entity, Mention

# How far back (in mentions) a pronoun or a title looks for the person it refers to.
LOOKBACK_MENTIONS = 60
# A bare "в ведомстве", "говорится в сообщении" with nothing else to go by speaks for the
# organization mentioned last only if it was mentioned this close before (characters, about
# two sentences): farther back it is a guess, and a wrong speaker costs more than none.
VOICE_REACH = 300
# How far back (in characters) the last speaker is still the one "он" or "посол" refers to.
SPEAKER_MEMORY = 1500


@dataclass(slots=True)
class EntityIndex:
    """Mentions in text order, and the organizations each "пресс-служба" spoke for."""
    entities: list[Entity]
    mentions: list[tuple[int, int, Mention, Entity]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    voices: list[tuple[int, str, Entity]] = field(default_factory=list)
    genders: dict[str, str | None] = field(default_factory=dict)
    speakers: list[tuple[int, Entity | None]] = field(default_factory=list)
    # offsets of the turns in ``speakers`` an organization's unnamed representative spoke:
    # the "он" who goes on speaking is that person, whose words are the organization's
    represented: set[int] = field(default_factory=set)
    publishers: frozenset[str] = frozenset()    # named only in the dateline: the agency
    quoted: list[tuple[int, int, str]] = field(default_factory=list)  # quotes, sorted, with kind
    _titles: str | None = None

    @classmethod
    def build(cls, ctx: Context, entities: list[Entity],
              dateline: tuple[int, int] | None = None,
              quoted: list[tuple[int, int, str]] | None = None) -> "EntityIndex":
        index = cls(entities, quoted=sorted(quoted or []))
        if dateline is not None:
            index.publishers = frozenset(
                e.id for e in entities if e.mentions and all(
                    dateline[0] <= m.start and m.end <= dateline[1] for m in e.mentions))
        index.mentions = sorted(((m.start, m.end, m, e) for e in entities for m in e.mentions),
                                key=lambda item: (item[0], item[1]))
        index.starts = [item[0] for item in index.mentions]
        for i, token in enumerate(ctx.tokens):
            if at_disposal(ctx, i):
                continue    # "доклад, оказавшийся в распоряжении RT": RT holds it, issued nothing
            if ctx.lemma(i) in ctx.lexicon.org_nouns or ctx.lemma(i) in ctx.lexicon.media:
                owner = index.owner(ctx, i)
                if owner is not None:
                    index.voices.append((token.start, ctx.lemma(i), owner))
        return index

    def owner(self, ctx: Context, noun: int, chained: bool = False) -> Entity | None:
        """Whose "пресс-служба" or "доклад" this is: the organization named right after it
        ("пресс-служба МИД"), a place in the genitive ("пресс-служба Кремля"), the owner of a
        voice in the genitive ("сообщение пресс-службы Кремля"), or the one whose verb has it
        ("Офис … выпустил доклад")."""
        after = noun + 1
        if after < len(ctx.tokens) and not ctx.tokens[after].rel.startswith("nsubj"):
            # (a subject is the channel: "— приводит текст документа ТАСС")
            owner = self.starting_at(ctx.tokens[after].start, "ORG")
            if owner is None and ctx.lemma(noun) in ctx.lexicon.documents:
                # "указ Петра I", "резолюция … Анны Фотыги": a person's document
                owner = self.starting_at(ctx.tokens[after].start, "PER")
            if owner is None and ctx.tokens[after].feats.get("Case") == "Gen":
                owner = self.starting_at(ctx.tokens[after].start, "LOC")
                if owner is None and not chained and ctx.lemma(after) in ctx.lexicon.org_nouns:
                    owner = self.owner(ctx, after, chained=True)
            if owner is not None:
                return owner
        verb = ctx.tokens[noun].head
        if verb < 0 or ctx.tokens[verb].pos != "VERB" or not ctx.tokens[noun].rel.startswith("obj"):
            return None
        subjects = children(ctx, verb, ("nsubj",))
        for subject in subjects:
            tokens = subtree(ctx, subject)
            start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
            for mention, entity in self.overlapping(start, end):
                if entity.type == "ORG" and mention.start <= ctx.tokens[subject].start:
                    return entity
        if subjects or verb == 0:
            return None
        # the parse lost the subject of a line-broken "Офис … США \nвыпустил доклад": the
        # organization whose name ends right before the verb, across a line break at most
        before = ctx.tokens[verb - 1]
        gap = ctx.text[before.end:ctx.tokens[verb].start]
        if gap.strip() or "\n\n" in gap:
            return None
        named = [(mention, entity) for mention, entity in self.overlapping(before.start, before.end)
                 if entity.type == "ORG" and mention.end == before.end]
        return min(named, key=lambda item: item[0].start)[1] if named else None

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

    def recent(self, anchor: int, type_: str, gender: str | None = None,
               skip: frozenset[str] = frozenset(), within: int | None = None) -> Entity | None:
        """The last entity of ``type_`` mentioned before ``anchor`` that fits, outside the
        quotes (a name inside one is what the speaker spoke of, not who spoke); only one
        mentioned at most ``within`` characters before, when given."""
        for entity in self._before(anchor, unquoted=True,
                                   since=None if within is None else anchor - within):
            if entity.type == type_ and self.fits(entity, gender) and entity.id not in skip:
                return entity
        return None

    def place_named(self, names: tuple[str, ...]) -> Entity | None:
        wanted = {fold(name) for name in names}
        for entity in self.entities:
            if entity.type == "LOC" and any(fold(name) in wanted
                                            for name in (entity.name, *entity.aliases)):
                return entity
        return None

    def titled(self, anchor: int, gender: str | None, stems: list[str]) -> Entity | None:
        """The person whose role has the title word and most of the phrase's other words
        ("президент Украины": the president of Ukraine, not the last president mentioned)."""
        best, best_score = None, 0
        for entity in self._before(anchor):
            if entity.type != "PER" or not self.fits(entity, gender):
                continue
            for role in entity.roles:
                score = title_score(fold_word(role), stems)
                if score > best_score:
                    best, best_score = entity, score
        return best

    def is_title(self, lemma: str) -> bool:
        if self._titles is None:
            self._titles = " ".join(role.lower() for e in self.entities if e.type == "PER"
                                    for role in e.roles)
        return lemma in self._titles

    def fits(self, entity: Entity, gender: str | None) -> bool:
        return not gender or self.genders.get(entity.id) in (None, gender)

    def _before(self, anchor: int, unquoted: bool = False, since: int | None = None):
        stop = bisect_left(self.starts, anchor)
        for start, _, _, entity in reversed(self.mentions[max(0, stop - LOOKBACK_MENTIONS):stop]):
            if since is not None and start < since:
                return
            if not (unquoted and self.inside_quote(start)):
                yield entity

    def inside_quote(self, offset: int, direct: bool = False) -> bool:
        """Is ``offset`` inside a quote (only a direct one, when ``direct``)?"""
        at = bisect_left(self.quoted, (offset + 1,)) - 1
        return at >= 0 and self.quoted[at][0] <= offset < self.quoted[at][1] \
            and (not direct or self.quoted[at][2] == "direct")

    def last_turn(self, anchor: int) -> tuple[int, Entity | None] | None:
        """(offset, speaker) of the last quote before ``anchor`` whose speaker is a person,
        named or not (None: "сообщил очевидец"), if not too long ago."""
        for offset, entity in reversed(self.speakers):
            if offset >= anchor:
                continue
            if anchor - offset > SPEAKER_MEMORY:
                return None
            return offset, entity
        return None

    def last_speaker(self, anchor: int, gender: str | None) -> Entity | None:
        """The person who last spoke before ``anchor``, if not too long ago; an organization
        when its representative spoke ("Представитель СК сообщил, что … Она также сказала")."""
        turn = self.last_turn(anchor)
        if turn is not None and turn[0] in self.represented:
            return turn[1]
        if turn is None or turn[1] is None or turn[1].type != "PER":
            return None
        return turn[1] if self.fits(turn[1], gender) else None

    def outlet(self, anchor: int, noun: str) -> Entity | None:
        at = bisect_left(self.voices, anchor, key=lambda item: item[0])
        for _, lemma, entity in reversed(self.voices[max(0, at - LOOKBACK_MENTIONS):at]):
            if lemma == noun:
                return entity
        return None

    def voice(self, anchor: int, noun: str | None = None, kinds: tuple[str, ...] = (),
              documents: frozenset[str] = frozenset()) -> Entity | None:
        """Who a bare "пресс-служба" speaks for: whoever the last "пресс-служба …" did (for a
        document, the last document's issuer), else the last organization whose name is of
        one of ``kinds`` ("ведомство": a ministry), else the organization mentioned last —
        not inside a quote, and not the agency of the dateline, which published the story
        rather than spoke in it."""
        at = bisect_left(self.voices, anchor, key=lambda item: item[0])
        earlier = self.voices[max(0, at - LOOKBACK_MENTIONS):at]
        for _, lemma, entity in reversed(earlier):
            if noun is None or lemma == noun:
                return entity
        if noun in documents:
            for _, lemma, entity in reversed(earlier):
                if lemma in documents:
                    return entity
        return self.of_kind(anchor, kinds) or self.recent(anchor, "ORG", skip=self.publishers,
                                                          within=VOICE_REACH)

    def of_kind(self, anchor: int, kinds: tuple[str, ...]) -> Entity | None:
        """The last organization before ``anchor`` whose name has one of ``kinds`` (a word, or
        a prefix ending in "*")."""
        if not kinds:
            return None
        for entity in self._before(anchor, unquoted=True):
            if entity.type == "ORG" and entity.id not in self.publishers \
                    and _has_kind(entity, kinds):
                return entity
        return None


# "оказался в распоряжении", "(есть в распоряжении RT)": having it, not ordering it
_HAVING = frozenset({"быть", "есть", "оказаться", "оказываться", "находиться", "иметься",
                     "попасть", "поступить", "появиться"})


def at_disposal(ctx: Context, noun: int) -> bool:
    """Is ``noun`` the "распоряжение" of "в распоряжении X" (at X's disposal) — not an order
    ("говорится в распоряжении правительства")? Its verb is one of having, or a copula."""
    if noun <= 0 or ctx.lemma(noun) != "распоряжение" or ctx.lemma(noun - 1) != "в":
        return False
    verb = ctx.tokens[noun].head
    return (verb >= 0 and ctx.lemma(verb) in _HAVING) or any(
        ctx.tokens[c].rel == "cop" for c in ctx.analysis.children(noun))


def _has_kind(entity: Entity, kinds: tuple[str, ...]) -> bool:
    words = {word for name in (entity.name, *entity.aliases)
             for word in fold(name).split()}
    return any(word.startswith(kind[:-1]) if kind.endswith("*") else word == kind
               for kind in kinds for word in words)


def title_score(role: str, stems: list[str]) -> int:
    """How well a role fits a title phrase: 0 when the title word is missing, or when both
    say whose title it is and disagree ("глава государства" is not "глава ФСКН")."""
    if stems[0] not in role:
        return 0
    shared = sum(stem in role for stem in stems[1:])
    if stems[1:] and not shared and len(role.split()) > 1:
        return 0
    return 1 + shared


def person_genders(ctx: Context, index: EntityIndex) -> None:
    """Each person's grammatical gender, as the resolver works it out (one notion of it:
    ``extractors/coref/gender.py``)."""
    from svodka.extractors.coref.gender import person_genders as genders_of
    genders = genders_of(ctx.analysis, index.entities)
    for entity in index.entities:
        if entity.type == "PER":
            index.genders[entity.id] = genders.get(id(entity))
