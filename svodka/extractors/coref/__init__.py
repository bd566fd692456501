"""Who is who: the one place that decides which entity a pronoun, a title or a description
refers to. Roles, quote speakers and the entity list read its links; none resolves again.

It runs once per article, after name mentions are linked into entities, and returns links
— each a ``kind="pronoun"`` or ``kind="title"`` mention of one entity with the ``rule`` that
made it (shown by ``svodka extract --explain``):

- ``pronoun:one-agrees`` — "он"/"его"/"ей"…: the only person in the last sentences whose
  gender agrees; ``pronoun:subject`` — several agree, and one of them is the subject of the
  nearest sentence naming any of them (the reader keeps the subject in focus);
- ``title:one-holder`` — "посол" alone: the one person the text gave a role headed by that
  word; ``title:focus`` — a title word no one was given ("британский премьер"): the person
  named most so far, if also the last one of that gender named nearby;
- ``description:kind`` — "ведомство", "министерство": the last organization whose name says
  it is of that kind.

Evidence: grammatical gender and number (one notion per person, ``gender.py``), syntactic
role (a subject stays in focus), distance in sentences, quote boundaries (a name inside
«…» is what the speaker spoke of, and a pronoun there is the speaker's, both left alone).
When the evidence is split the resolver abstains: a wrong link costs more than a missing one.

The pronouns these rules leave open go to the trained antecedent ranker (``pronouns.py``,
rule ``ranker:0.83``), reflexives to their clause's subject (``reflexive:subject``), and a
quote's "я" to its speaker (``pronoun:speaker``); see docs/coref.md.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.data import load_list, load_table
from svodka.extractors.coref.gender import person_genders
from svodka.record import Entity, Mention
from svodka.text import fold

__all__ = ["Coreference", "Link", "Slot", "antecedent", "link_pronouns", "link_titles", "link_descriptions",
           "name_slots", "person_genders", "person_slots", "quoted_spans", "unnamed_slots"]

# how many sentences before a pronoun its antecedent may be named in
PRONOUN_SENTENCES = 2
# how many sentences before a description ("ведомство") its organization may be named in
DESCRIPTION_SENTENCES = 4
# how far back (in characters) the last speaker is still the one "он" or "посол" refers to
SPEAKER_MEMORY = 1500
# how many earlier name mentions count towards who is in focus
LOOKBACK_SLOTS = 60
# a «…» holding at least this many words is speech, not a name in marks («Газпром»)
_SPEECH_WORDS = 3
_MARKS = {"«": "»", "„": "“", "“": "”"}


@dataclass(slots=True)
class Link:
    entity: Entity
    mention: Mention              # kind "pronoun" or "title", rule set
    token: int                    # the word that refers (head of a title phrase)
    phrase: object | None = None  # a title's phrase (roles.Role), for the roles it gives


@dataclass(slots=True)
class Slot:
    """One mention a later word may refer back to."""
    first: int
    stop: int
    entity: Entity
    sent: int
    subject: bool                 # the mention's head is a clause subject
    main: bool                    # ... of the sentence's main clause
    gender: str | None = None
    unnamed: bool = False         # "Один из раненых сообщил": someone, but no entity
    speaker: bool = False         # the subject of a speech verb ("сообщил … Пащонек")


@dataclass(slots=True)
class Coreference:
    """What the resolver found in one article."""
    genders: dict[int, str | None] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    def gender(self, entity: Entity) -> str | None:
        return self.genders.get(id(entity))


def _pronoun_forms() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in load_table("coref_pronouns.tsv")}


def _descriptions() -> dict[str, tuple[str, ...]]:
    return {row[0]: row[1:] for row in load_table("coref_descriptions.tsv")}


def quoted_spans(analysis) -> list[tuple[int, int]]:
    """«…» spans of speech (not a name in marks), paragraph by paragraph, sorted."""
    text = analysis.text
    spans = []
    for region in analysis.regions:
        start, end = region.start, region.end
        open_at, closer = None, None
        for i in range(start, end):
            ch = text[i]
            if open_at is None and ch in _MARKS:
                open_at, closer = i, _MARKS[ch]
            elif open_at is not None and ch == closer:
                if len(text[open_at:i].split()) >= _SPEECH_WORDS:
                    spans.append((open_at, i + 1))
                open_at = None
        if open_at is not None and len(text[open_at:end].split()) >= _SPEECH_WORDS:
            spans.append((open_at, end))     # a quote going on in the next paragraph
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    at = bisect_left(spans, (offset + 1,)) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _mention_head(analysis, first: int, stop: int) -> int | None:
    """The word a mention hangs on the clause by: its own head word, or the noun it stands
    in apposition to ("сообщил заместитель прокурора Марек Пащонек": "заместитель")."""
    tokens = analysis.tokens
    for i in range(first, stop):
        head = tokens[i].head
        if first <= head < stop:
            continue
        if tokens[i].rel in ("appos", "flat:name") and head >= 0 \
                and tokens[head].rel in ("nsubj", "nsubj:pass"):
            return head
        return i
    return None


def _is_subject(analysis, first: int, stop: int) -> tuple[bool, bool]:
    tokens = analysis.tokens
    word = _mention_head(analysis, first, stop)
    if word is None or tokens[word].rel not in ("nsubj", "nsubj:pass"):
        return False, False
    head = tokens[word].head
    return True, head >= 0 and tokens[head].head < 0


def speaks(analysis, index: int) -> bool:
    """Is the word at ``index`` who speaks: a speech verb's subject ("— отметил он") or
    whose words they are ("по словам чиновника")?"""
    token = analysis.tokens[index]
    if token.head < 0:
        return False
    if token.rel in ("nsubj", "nsubj:pass"):
        return analysis.lemma(token.head) in _cues()
    if token.rel == "obj":      # "цитирует украинского парламентария"
        return analysis.lemma(token.head) in _QUOTING
    if token.rel != "nmod" or analysis.lemma(token.head) not in _WORDS_OF:
        return False
    words = analysis.tokens[token.head]
    return any(analysis.lemma(c) == "по" for c in analysis.children(token.head)) or (
        words.rel == "obj" and words.head >= 0 and analysis.lemma(words.head) in _RELAYING)


# "по словам чиновника", "по мнению Болча", "приводит слова президента": whose words or view
# a sentence reports
_WORDS_OF = frozenset({"слово", "мнение"})
_QUOTING = frozenset({"цитировать", "процитировать"})
_RELAYING = _QUOTING | {"приводить", "передавать"}


@lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    return frozenset(load_list("quote_cues.txt"))


def name_slots(analysis, entities: list[Entity], types=("PER",),
               quoted: list[tuple[int, int]] | None = None) -> list[Slot]:
    """Name mentions of ``types`` outside speech, in text order."""
    slots = []
    for entity in entities:
        if entity.type not in types:
            continue
        for mention in entity.mentions:
            if mention.kind != "name" or (quoted and _inside(quoted, mention.start)):
                continue
            span = analysis.tokens_between(mention.start, mention.end)
            if not len(span):
                continue
            subject, main = _is_subject(analysis, span.start, span.stop)
            word = _mention_head(analysis, span.start, span.stop)
            slots.append(Slot(span.start, span.stop, entity, analysis.tokens[span.start].sent,
                              subject, main, speaker=word is not None and speaks(analysis, word)))
    slots.sort(key=lambda s: s.first)
    return slots


def _window_start(analysis, index: int, quoted: list[tuple[int, int]], sentences: int) -> int:
    """The first sentence an antecedent of the word at ``index`` may be in: ``sentences``
    back from its own, counting a quote it follows ("«…», — подчеркнул он") as one."""
    tokens = analysis.tokens
    sent = tokens[index].sent
    offset = analysis.sentences[sent].start
    at = bisect_left(quoted, (tokens[index].start,)) - 1
    if at >= 0 and quoted[at][1] <= tokens[index].start and quoted[at][1] >= offset - 1:
        opening = analysis.sentence_of(quoted[at][0])
        if opening is not None:
            sent = min(sent, opening)
    return max(0, sent - sentences)


def unnamed_slots(analysis, taken: set[int], titles: frozenset[str] = frozenset()) -> list[Slot]:
    """Subjects naming one person but no entity ("Один из раненых сообщил", "очевидец
    рассказал"): a later "он" may be them, so they compete with the named. A title the text
    gave someone (``titles``: "Посол подчеркнул") is not unnamed."""
    tokens = analysis.tokens
    found = []
    for index, token in enumerate(tokens):
        if token.rel not in ("nsubj", "nsubj:pass") or index in taken \
                or token.feats.get("Number") != "Sing":
            continue
        if token.pos == "NOUN":
            if token.feats.get("Animacy") != "Anim" or analysis.lemma(index) in titles:
                continue
        elif token.pos == "ADJ":      # "пострадавший рассказал": an adjective as a person
            if not speaks(analysis, index):
                continue
        elif not (token.pos == "NUM" and analysis.lemma(index) == "один"):
            continue
        head = token.head
        gender = token.feats.get("Gender")
        if head >= 0 and tokens[head].feats.get("Tense") == "Past":
            gender = tokens[head].feats.get("Gender") or gender
        found.append(Slot(index, index + 1, None, token.sent, True,
                          head >= 0 and tokens[head].head < 0,
                          gender if gender in ("Masc", "Fem") else None, True,
                          speaks(analysis, index)))
    return found


def antecedent(analysis, slots: list[Slot], index: int, gender: str | None,
               genders: dict[int, str | None], quoted: list[tuple[int, int]],
               sentences: int = PRONOUN_SENTENCES) -> tuple[Entity, str] | None:
    """(entity, rule) for a word at ``index`` that refers back to a person of ``gender``;
    ``slots`` in text order, unnamed ones among them."""
    first_sent = _window_start(analysis, index, quoted, sentences)
    starts = [s.first for s in slots]
    window = [s for s in slots[:bisect_left(starts, index)] if s.sent >= first_sent]
    if not window:
        return None

    def gender_of(slot: Slot) -> str | None:
        return slot.gender if slot.unnamed else genders.get(id(slot.entity))

    def key(slot: Slot):
        return ("unnamed", slot.first) if slot.unnamed else id(slot.entity)

    found = _agreeing(window, gender, gender_of, key)
    if found is not None or not speaks(analysis, index):
        return found
    # "«…», — добавил он": the quote goes on with the one who spoke last, if that one fits;
    # an unnamed speaker ("сообщил очевидец") is no one to link
    speakers = [s for s in window if s.speaker]
    if speakers and gender_of(speakers[-1]) in (gender, None):
        last = speakers[-1]
        return None if last.unnamed else (last.entity, "pronoun:last-speaker")
    return None


def _agreeing(window: list[Slot], gender, gender_of, key) -> tuple[Entity, str] | None:
    agreeing = [s for s in window if gender_of(s) == gender]
    unknown = [s for s in window if gender_of(s) is None]
    referents = {key(s) for s in agreeing + unknown}
    if len(referents) == 1 and agreeing and not agreeing[-1].unnamed:
        return agreeing[-1].entity, "pronoun:one-agrees"
    if len(referents) == 1 and not any(gender_of(s) for s in window) and not unknown[-1].unnamed:
        return unknown[-1].entity, "pronoun:one-person"
    # several fit: the subject of the nearest sentence naming any of them, if the only one
    candidates = agreeing + unknown
    if not candidates:
        return None
    nearest = max(s.sent for s in candidates)
    subjects = {key(s): s for s in candidates if s.sent == nearest and s.subject}
    mains = {key(s): s for s in candidates if s.sent == nearest and s.main}
    chosen = mains if len(mains) == 1 else subjects
    if len(chosen) == 1:
        slot = next(iter(chosen.values()))
        if not slot.unnamed and gender_of(slot) == gender:
            return slot.entity, "pronoun:subject"
    return None


def person_slots(analysis, entities: list[Entity], quoted: list[tuple[int, int]],
                 titles: frozenset[str] = frozenset()) -> list[Slot]:
    """Everyone a "он" may refer to: people's names and unnamed persons, in text order."""
    named = name_slots(analysis, entities, quoted=quoted)
    words = {i for e in entities for m in e.mentions
             for i in analysis.tokens_between(m.start, m.end)}
    unnamed = [s for s in unnamed_slots(analysis, words, titles) if not _inside(
        quoted, analysis.tokens[s.first].start)]
    return sorted(named + unnamed, key=lambda s: s.first)


def link_pronouns(analysis, entities: list[Entity], genders: dict[int, str | None],
                  quoted: list[tuple[int, int]], titles: frozenset[str] = frozenset()
                  ) -> list[Link]:
    """"он", "его", "ей"… outside speech → the person they stand for (see the module doc)."""
    forms = _pronoun_forms()
    slots = person_slots(analysis, entities, quoted, titles)
    others = name_slots(analysis, entities, ("ORG", "LOC"), quoted)
    links = []
    for index, token in enumerate(analysis.tokens):
        word = token.text.lower().replace("ё", "е")
        if word not in forms or token.pos not in ("PRON", "DET"):
            continue
        number, gender = forms[word]
        if token.feats.get("Number") not in (None, number) or _inside(quoted, token.start):
            continue
        found = antecedent(analysis, slots, index, gender, genders, quoted)
        if found is None and speaks(analysis, index) and _opens_article(analysis, index) \
                and not any(s.first < index for s in slots):
            found = _named_next(analysis, slots, index, quoted, gender, genders)
        if found is None:
            continue
        entity, rule = found
        if _nearer_thing(analysis, others, slots, entity, index, gender):
            continue
        links.append(Link(entity, Mention(token.start, token.end, token.text,
                                          token.text.lower(), "pronoun", rule=rule), index))
    return links


def _nearer_thing(analysis, others: list[Slot], slots: list[Slot], entity: Entity, index: int,
                  gender: str) -> bool:
    """Is an organization or place of the pronoun's gender named as a subject after the
    person ("Компания … Она заявила")? Then "она" may be it: no link."""
    last = max((s.first for s in slots if s.entity is entity and s.first < index), default=-1)
    for slot in others:
        if last < slot.first < index and slot.subject:
            head = analysis.tokens[slot.first]
            if head.feats.get("Gender") == gender and head.feats.get("Number") != "Plur":
                return True
    return False


def link_titles(analysis, entities: list[Entity], genders: dict[int, str | None],
                holders: dict[str, list[Entity]], first_seen: dict[int, int],
                taken: set[int], quoted: list[tuple[int, int]], is_title, phrase_of,
                pronouns: list[Link] = (), roles_only: list | None = None) -> list[Link]:
    """A title word alone ("Посол подчеркнул") → the one person the text gave a role headed
    by it (``holders``: title lemma → people); else, for a title no one was given, the
    person in focus. ``is_title(analysis, i)`` and ``phrase_of(analysis, i, taken)`` are the
    roles' notions of a title word and of the phrase it heads. Who spoke last counts the
    speakers ``pronouns`` and earlier titles were linked to ("— пояснил он. … — добавил глава
    государства"), not only the named ones."""
    tokens = analysis.tokens
    slots = name_slots(analysis, entities, quoted=quoted)
    starts = [s.first for s in slots]
    offices = frozenset(load_list("coref_offices.txt"))
    anonymous = frozenset(load_list("quote_anonymous.txt"))
    owners = {i for e in entities if e.type in ("PER", "ORG") for m in e.mentions
              for i in analysis.tokens_between(m.start, m.end)}
    speakers = person_slots(analysis, entities, quoted, frozenset(holders))
    forms = _pronoun_forms()
    linked = {link_.token for link_ in pronouns}
    for link_ in pronouns:
        if speaks(analysis, link_.token):
            _add_speaker(analysis, speakers, link_.entity, link_.token)
    links = []
    counts: Counter = Counter()
    leader, seen = None, 0
    for index, token in enumerate(tokens):
        while seen < len(slots) and slots[seen].first < index:
            key = id(slots[seen].entity)
            counts[key] += 1
            if leader is None or counts[key] > counts[leader]:
                leader = key
            seen += 1
        if index not in linked and token.pos == "PRON" and speaks(analysis, index):
            found = _speaking_pronoun(analysis, speakers, index, forms, genders, quoted)
            if found is not None:
                links.append(Link(found, Mention(token.start, token.end, token.text,
                                                 token.text.lower(), "pronoun",
                                                 rule="pronoun:after-title"), index))
                _add_speaker(analysis, speakers, found, index)
            continue
        if index in taken or token.pos not in ("NOUN", "PROPN") or not token.text[:1].isalpha() \
                or token.feats.get("Number") == "Plur" or _inside(quoted, token.start):
            continue
        if token.pos == "PROPN" and not is_title(analysis, index) \
                and not _common_person_noun(analysis, index):
            continue      # (a capitalized "Республиканец заявил" is tagged a proper noun)
        lemma = analysis.lemma(index)
        people = holders.get(lemma)
        if people is not None and any(analysis.lemma(c) in _POSSESSIVES | _OTHERS - {"этот", "тот"}
                                      for c in analysis.children(index)):
            continue      # "другой министр", "его адвокат": not the one who holds the title
        if people is not None:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if len(people) == 1 and token.start >= first_seen[id(people[0])] and not (
                    following is not None and following.sent == token.sent and (
                    following.pos in ("NOUN", "PROPN", "ADJ") or index + 1 in taken)):
                links.append(Link(people[0], Mention(token.start, token.end, token.text, lemma,
                                                     "title", rule="title:one-holder"), index))
                continue
            if len(people) == 1 or not speaks(analysis, index):
                continue      # "посол России ...": a title with its own complement is a new role
            # "— добавил глава государства" when "глава" is several people's: who spoke last
        if speaks(analysis, index) and lemma not in anonymous and (
                _person_noun(analysis, index) or is_title(analysis, index)) and not any(
                analysis.lemma(c) in _POSSESSIVES | _OTHERS
                or tokens[c].text.lower() in _POSSESSIVES for c in analysis.children(index)):
            found = _speaking_title(analysis, speakers, index, quoted, genders, owners)
            if people is not None and found is not None and found[1] != "title:last-speaker":
                found = None      # "посол" of two named ambassadors: only who spoke last
            if found is None and _opens_article(analysis, index) and not any(
                    s.first < index for s in slots):
                found = _named_next(analysis, slots, index, quoted, None, genders)
            if found is not None:
                phrase = phrase_of(analysis, index, taken) if is_title(analysis, index) else None
                if phrase is not None and lemma in offices \
                        and not any(lemma in fold(r) for r in found[0].roles):
                    phrase = None     # the office is the role only if known to be held
                links.append(Link(found[0], Mention(token.start, token.end, token.text, lemma,
                                                    "title", rule=found[1]), index, phrase))
                _add_speaker(analysis, speakers, found[0], index)
            continue
        if not is_title(analysis, index):
            continue
        children = analysis.children(index)
        if any(analysis.lemma(c) in _POSSESSIVES | _OTHERS
               or tokens[c].text.lower() in _POSSESSIVES for c in children) \
                or any(c in taken for c in children):
            continue      # "его адвокат", "другой министр": someone else
        phrase = phrase_of(analysis, index, taken)
        following = phrase.stop < len(tokens) and tokens[phrase.stop]
        if following and following.text[:1].isupper() and following.sent == token.sent:
            continue      # "тренер команды Массимо Каррера": a name the model missed
        if _governed_by_speech(analysis, index):
            continue      # "заявил Reuters профессор …": who was told, not who spoke
        subject = token.rel in ("nsubj", "nsubj:pass")
        if not subject and roles_only is None:
            continue
        gender = "Fem" if token.feats.get("Gender") == "Fem" else "Masc"
        before = slots[:bisect_left(starts, index)]
        found = antecedent(analysis, before, index, gender, genders, quoted)
        if found is None or leader is None or id(found[0]) != leader:
            continue      # a title refers back only to the person named most so far
        if lemma in offices and not any(lemma in fold(r) for r in found[0].roles):
            continue      # "президент" alone: the person only if known to hold the office
        if any(s.entity is found[0] and s.sent == token.sent for s in before):
            continue      # named in the same sentence: the title is someone else's
        if not subject:
            # "у футболиста диагностировали травму": the role is the person in focus's,
            # but a word outside the subject is no mention to speak for them
            roles_only.append((found[0], phrase))
            continue
        start = analysis.tokens[phrase.first].start
        links.append(Link(found[0], Mention(start, tokens[phrase.stop - 1].end,
                                            analysis.text[start:tokens[phrase.stop - 1].end],
                                            phrase.text, "title", rule="title:focus"),
                          index, phrase))
    return links


# how far ahead (in characters) an article's opening "— заявил он" looks for the name
FORWARD_CHARS = 400


def _opens_article(analysis, index: int) -> bool:
    """Is the word in the article's first sentence after the headline and dateline?"""
    regions = analysis.regions
    return all(regions[analysis.sentences[i].region].kind in ("headline", "dateline")
               for i in range(analysis.tokens[index].sent))


def _named_next(analysis, slots: list[Slot], index: int, quoted, gender,
                genders) -> tuple[Entity, str] | None:
    """An article opening with "«…», — заявил он" names him soon after, as a subject:
    "…, Джордж Гэллоуэй выразил мнение"."""
    offset = analysis.tokens[index].start
    for slot in slots:
        if slot.first <= index or slot.unnamed:
            continue
        if analysis.tokens[slot.first].start - offset > FORWARD_CHARS:
            return None
        if slot.subject and (gender is None or genders.get(id(slot.entity)) in (gender, None)):
            return slot.entity, "cataphora:opening"
    return None


def _common_person_noun(analysis, index: int) -> bool:
    """A capitalized word the dictionary knows as a noun for people, not a name."""
    parses = analysis.morph.parse(analysis.tokens[index].text)[:2]
    return bool(parses) and all("anim" in p.tag and "NOUN" in p.tag and not (
        {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(str(p.tag).replace(" ", ",").split(",")))
        for p in parses)


def _person_noun(analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.feats.get("Animacy") == "Anim" and token.feats.get("Number") == "Sing"


def _speaking_title(analysis, slots: list[Slot], index: int, quoted: list[tuple[int, int]],
                    genders: dict[int, str | None], owners: set[int]
                    ) -> tuple[Entity, str] | None:
    """"— заявил премьер", "по словам чиновника": the one who spoke last, within the last
    sentences, if the gender fits; else the one person nearby who fits. A title whose
    complement names a person or an organization (``owners``: their words; "глава МВД
    Северного Рейна") is a new person: no link.
    A man's title says nothing of the holder's sex ("помощник госсекретаря" may be a woman):
    only the verb's gender or a feminine title does."""
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[index].sent]
    following = [i for i in range(index + 1, sentence.stop) if tokens[i].head == index
                 or tokens[tokens[i].head].head == index]
    if any(i in owners for i in following):
        return None
    token = tokens[index]
    gender = "Fem" if token.feats.get("Gender") == "Fem" else None
    verb = tokens[token.head] if token.rel.startswith("nsubj") else None
    if verb is not None and verb.feats.get("Tense") == "Past":
        gender = verb.feats.get("Gender") or gender
    starts = [s.first for s in slots]
    before = slots[:bisect_left(starts, index)]
    offset = token.start
    speakers = [s for s in before if s.speaker
                and offset - tokens[s.first].start <= SPEAKER_MEMORY]
    if speakers:
        last = speakers[-1]
        if last.unnamed:
            return None
        if gender is None or genders.get(id(last.entity)) in (gender, None):
            return last.entity, "title:last-speaker"
    if gender is not None:
        found = antecedent(analysis, slots, index, gender, genders, quoted)
        if found is not None:
            return found[0], "title:" + found[1].split(":")[1]
    # no one spoke or fits nearby: the person the article is about (named most so far)
    counts: Counter = Counter()
    for slot in before[-LOOKBACK_SLOTS:]:
        if not slot.unnamed and (gender is None
                                 or genders.get(id(slot.entity)) in (gender, None)):
            counts[id(slot.entity)] += 1
    if not counts:
        return None
    most = max(counts.values())
    top = next(s.entity for s in reversed(before) if not s.unnamed
               and counts.get(id(s.entity)) == most)
    return top, "title:focus"


def _speaking_pronoun(analysis, speakers: list[Slot], index: int, forms, genders,
                      quoted: list[tuple[int, int]]) -> Entity | None:
    """"«…», — заявил президент на встрече с X и Y. «…», — пояснил он": a speaking "он" the
    names alone left open, now that the titles before it are linked (the subject who spoke)."""
    token = analysis.tokens[index]
    word = token.text.lower().replace("ё", "е")
    if word not in forms or _inside(quoted, token.start) \
            or token.feats.get("Number") not in (None, forms[word][0]):
        return None
    found = antecedent(analysis, speakers, index, forms[word][1], genders, quoted)
    return found[0] if found is not None else None


def _add_speaker(analysis, slots: list[Slot], entity: Entity, index: int) -> None:
    """Record that the word at ``index``, linked to ``entity``, spoke: it replaces the unnamed
    speaker the word was taken for ("— отметил атлет")."""
    slots[:] = [s for s in slots if s.first != index]
    token = analysis.tokens[index]
    main = token.head >= 0 and analysis.tokens[token.head].head < 0
    insort(slots, Slot(index, index + 1, entity, token.sent, token.rel.startswith("nsubj"),
                       main, speaker=True), key=lambda s: s.first)


def _governed_by_speech(analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.feats.get("Case") == "Dat" and token.rel in ("iobj", "obl")


_POSSESSIVES = {"его", "ее", "её", "их", "свой", "мой", "наш", "твой", "ваш"}
_OTHERS = {"другой", "иной", "бывший", "прежний", "будущий", "очередной", "каждый", "любой", "некий",
           "один", "этот", "тот", "такой"}


def link_descriptions(analysis, entities: list[Entity], taken: set[int],
                      quoted: list[tuple[int, int]]) -> list[Link]:
    """"ведомство", "министерство" alone → the last organization of that kind named within
    the last sentences; nothing when the word has a complement of its own ("министерство
    обороны" is a name, "ведомство Шойгу" someone's)."""
    kinds = _descriptions()
    tokens = analysis.tokens
    organizations = name_slots(analysis, entities, ("ORG",), quoted)
    starts = [s.first for s in organizations]
    links = []
    for index, token in enumerate(tokens):
        if index in taken or token.pos != "NOUN" or token.feats.get("Number") == "Plur":
            continue
        lemma = analysis.lemma(index)
        if lemma not in kinds or _inside(quoted, token.start):
            continue
        if any(tokens[c].rel in ("nmod", "appos", "flat:name") or tokens[c].pos == "PROPN"
               or analysis.lemma(c) in _POSSESSIVES | _OTHERS
               for c in analysis.children(index)):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.sent == token.sent and (
                following.text[:1].isupper() or following.text in _MARKS):
            continue      # "компания «Газпром»", "министерство Франции"
        first_sent = max(0, token.sent - DESCRIPTION_SENTENCES)
        for slot in reversed(organizations[:bisect_left(starts, index)]):
            if slot.sent < first_sent:
                break
            if _has_kind(slot.entity, kinds[lemma]):
                links.append(Link(slot.entity, Mention(token.start, token.end, token.text,
                                                       lemma, "title", rule="description:kind"),
                                  index))
                break
    return links


def _has_kind(entity: Entity, kinds: tuple[str, ...]) -> bool:
    words = {word for name in (entity.name, *entity.aliases) for word in fold(name).split()}
    return any(word.startswith(kind[:-1]) if kind.endswith("*") else word == kind
               for kind in kinds for word in words)
