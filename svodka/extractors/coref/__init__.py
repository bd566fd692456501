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

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_keyed, load_set, load_table
from svodka.extractors.coref.gender import person_genders
from svodka.record import Entity, Mention
from svodka.text import OPENING_QUOTES, fold

__all__ = ["Coreference", "Link", "Slot", "antecedent", "bound_by", "clause_subject", "country_names", "plural_by_preposition", "link_pronouns", "link_titles", "link_descriptions",
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
# a straight mark both opens and closes: RuCoCo's newsru.com articles write speech so
_MARKS = {"«": "»", "„": "“", "“": "”", '"': '"'}


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
    return load_keyed("coref_pronouns.tsv")     # form → (number, gender)


def _descriptions() -> dict[str, tuple[str, ...]]:
    return load_keyed("coref_descriptions.tsv")


def quoted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """«…» spans of speech (not a name in marks), paragraph by paragraph, sorted; a straight
    "…" pair is speech as well.

    A «…» inside a «…» ("«…помогать разгрому «Исламского государства»…»", "«…, – заявил
    «НГ» профессор …. – …»") does not close the outer one; the author's words that split a
    quote ("«…, – написал американский лидер в микроблоге. – …»") are no speech: who they
    name is who spoke."""
    text = analysis.text
    spans = []
    for region in analysis.regions:
        start, end = region.start, region.end
        open_at, closer, depth = None, None, 0
        for i in range(start, end):
            ch = text[i]
            if open_at is None and ch in _MARKS:
                open_at, closer, depth = i, _MARKS[ch], 1
            elif open_at is not None and ch == text[open_at] and ch != closer:
                depth += 1
            elif open_at is not None and ch == closer:
                depth -= 1
                if depth:
                    continue
                if len(text[open_at:i].split()) >= _SPEECH_WORDS:
                    spans += _without_author(text, open_at, i + 1)
                open_at = None
        if open_at is not None and len(text[open_at:end].split()) >= _SPEECH_WORDS:
            spans += _without_author(text, open_at, end)   # a quote going on in the next paragraph
    return spans


# "«…, – сказала глава ЦИКа. – …»": a dash after a comma or a stop, a lowercase word (the
# cue), and a dash after a stop or a comma again (a hyphen between spaces is one too:
# "\"…, - подчеркнул он. - …\"")
_AUTHOR = re.compile(r"(?<=[,.!?…])\s+[–—-]\s+(?=[а-яё])[^\n–—]{1,300}?[.,:]\s+[–—-]\s+")


def _without_author(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for found in _AUTHOR.finditer(text, start, end):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, end))
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
        if tokens[i].rel in ("appos", "flat:name") and head >= 0:
            # "Президент ФКР, депутат Госдумы Дмитрий Свищёв назвал": titles in a chain of
            # appositions, the first of them the subject
            for _ in range(3):
                if tokens[head].rel != "appos" or tokens[head].head < 0:
                    break
                head = tokens[head].head
            if tokens[head].rel in ("nsubj", "nsubj:pass") and not any(
                    tokens[k].pos in ("VERB", "AUX")
                    for k in range(min(head, i) + 1, max(head, i))):
                return head     # (a verb between them: the parser joined two clauses' nouns)
            head = tokens[i].head
        if tokens[i].rel in ("appos", "flat:name"):
            return _title_before(analysis, first, i)
        return i
    return None


def clause_subject(analysis: Analysis, index: int) -> int | None:
    """The subject of the clause a non-subject word belongs to: up from the word through the
    nouns it hangs on ("его заявление" → "цитирует") to the first verb, and that verb's
    subject ("ТАСС")."""
    tokens = analysis.tokens
    if tokens[index].rel.startswith("nsubj"):
        return None
    head, steps = tokens[index].head, 0
    while head >= 0 and steps < 6:
        if tokens[head].pos in ("VERB", "AUX"):
            subjects = [c for c in analysis.children(head)
                        if tokens[c].rel in ("nsubj", "nsubj:pass") or (
                            tokens[c].rel in ("obj", "iobj") and c < index
                            and tokens[c].feats.get("Case") == "Nom")]
            if subjects:
                return subjects[0]     # (or a nominative "object": "цитирует ТАСС")
            if tokens[head].rel == "conj" and tokens[head].head >= 0 \
                    and tokens[tokens[head].head].pos in ("VERB", "AUX"):
                head, steps = tokens[head].head, steps + 1
                continue               # "встретился с министром и передал ему": shared subject
            return None
        if tokens[head].rel in ("acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis") \
                or tokens[head].rel.startswith("nsubj"):
            return None   # (inside the subject: "Путин и его сторонники заявили")
        head, steps = tokens[head].head, steps + 1
    return None


def _unnamed_above(analysis, index: int, named_words: set[int]) -> bool:
    """Is the pronoun the subject of a clause ("…, что он лично принял решение") whose
    governing verb's subject is a person no name stands for or beside ("глава Белого дома
    был вынужден пояснить")? A reader takes "он" for that one."""
    tokens = analysis.tokens
    if not tokens[index].rel.startswith("nsubj"):
        return False
    verb = tokens[index].head
    if verb < 0 or tokens[verb].rel not in ("ccomp", "advcl"):
        return False
    above = tokens[verb].head
    while above >= 0 and tokens[above].rel == "xcomp":    # "был вынужден пояснить"
        above = tokens[above].head
    if above < 0:
        return False
    for child in analysis.children(above):
        token = tokens[child]
        if token.rel in ("nsubj", "nsubj:pass") and token.pos == "NOUN" \
                and token.feats.get("Animacy") == "Anim" and token.feats.get("Number") == "Sing":
            return child not in named_words and not any(
                c in named_words for c in analysis.children(child)
                if tokens[c].rel in ("appos", "flat:name"))
    return False


def bound_by(analysis: Analysis, entities: list[Entity], index: int) -> list[Entity]:
    """The entities a third-person pronoun at ``index`` cannot be: its own clause's subject.
    Russian says "своё" for that ("Путин изложил свою позицию"), so "его", "ему", "её" there
    is someone else: "цитирует ТАСС его заявление", "назвал решение Салеха безрассудным, а его
    самого — предателем"."""
    subject = clause_subject(analysis, index)
    if subject is None:
        return []
    tokens = analysis.tokens
    spot = tokens[subject].start
    # a mention's head word lies in its own sentence, so only mentions touching the subject's
    # sentence can be the subject (a 10 MB article has tens of thousands of mentions)
    sentence = analysis.sentences[tokens[subject].sent]
    low, high = sentence.start, sentence.end
    found = []
    for entity in entities:
        for mention in entity.mentions:
            if mention.end <= low or mention.start >= high:
                continue
            if mention.start <= spot < mention.end:
                found.append(entity)
                break
            span = analysis.tokens_between(mention.start, mention.end)
            if mention.kind == "name" and len(span) and _mention_head(
                    analysis, span.start, span.stop) == subject:
                found.append(entity)     # "сообщил президент США Дональд Трамп"
                break
    return found


def _title_before(analysis, first: int, word: int) -> int:
    """"сообщил президент США Дональд Трамп, добавив, что … займет директор ЦРУ Майк Помпео":
    the parser hung each name on the other's title; the subject right before the name, past
    its genitive complement ("США"), is the one it stands beside."""
    tokens = analysis.tokens
    k = first - 1
    while k >= 0 and first - k <= 4 and tokens[k].sent == tokens[first].sent \
            and tokens[k].pos in ("NOUN", "PROPN", "ADJ"):
        if tokens[k].rel in ("nsubj", "nsubj:pass") and tokens[k].pos == "NOUN":
            return k
        k -= 1
    return word


def _is_subject(analysis, first: int, stop: int) -> tuple[bool, bool]:
    tokens = analysis.tokens
    word = _mention_head(analysis, first, stop)
    if word is None or tokens[word].rel not in ("nsubj", "nsubj:pass"):
        return False, False
    head = tokens[word].head
    return True, head >= 0 and tokens[head].head < 0


def speaks(analysis: Analysis, index: int) -> bool:
    """Is the word at ``index`` who speaks: a speech verb's subject ("— отметил он") or
    whose words they are ("по словам чиновника")?"""
    token = analysis.tokens[index]
    if token.head < 0:
        return False
    if token.rel == "appos":
        # "Другое мнение высказал вице-президент …, военный эксперт Владимир Анохин": the parse
        # makes a title the subject and the name its apposition; the name spoke
        head = token.head
        for _ in range(4):      # (a parse may hold a cycle: a few steps up, no more)
            if analysis.tokens[head].rel not in ("conj", "appos") or analysis.tokens[head].head < 0:
                break
            head = analysis.tokens[head].head
        return analysis.tokens[head].rel in ("nsubj", "nsubj:pass") and speaks(analysis, head)
    if token.rel in ("nsubj", "nsubj:pass"):
        return analysis.lemma(token.head) in _cues()
    if token.rel == "obj":      # "цитирует украинского парламентария"
        return analysis.lemma(token.head) in _QUOTING
    if token.rel == "nmod" and analysis.lemma(token.head) in _statement_nouns():
        # "— отмечается в заявлении Столтенберга": whose statement an impersonal cue reports
        words = analysis.tokens[token.head]
        return words.rel == "obl" and words.head >= 0 \
            and analysis.lemma(words.head) in _impersonal_cues()
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


def _cues() -> frozenset[str]:
    return load_set("quote_cues.txt")


def _statement_nouns() -> frozenset[str]:
    return load_set("quote_cue_nouns.txt")


def _impersonal_cues() -> frozenset[str]:
    return load_set("quote_cues_impersonal.txt")


def name_slots(analysis: Analysis, entities: list[Entity], types=("PER",),
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


def unnamed_slots(analysis: Analysis, taken: set[int], titles: frozenset[str] = frozenset(),
                  named: frozenset[int] = frozenset()) -> list[Slot]:
    """Subjects naming one person but no entity ("Один из раненых сообщил", "очевидец
    рассказал"): a later "он" may be them, so they compete with the named. A title the text
    gave someone (``titles``: "Посол подчеркнул") is not unnamed, nor is a subject whose own
    words name a person (``named``: their tokens): "— допустил военный эксперт, вице-президент
    академии Владимир Анохин" is Анохин."""
    tokens = analysis.tokens
    found = []
    for index, token in enumerate(tokens):
        if token.rel not in ("nsubj", "nsubj:pass") or index in taken \
                or token.feats.get("Number") != "Sing":
            continue
        if named and _names_within(analysis, index, named):
            continue
        if _apposed_subject(analysis, index, taken, named):
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


def _apposed_subject(analysis, index: int, taken: set[int], named: frozenset[int]) -> bool:
    """Is the subject followed, after a comma, by another subject of the same verb that names
    someone? "не согласилась и профессиональный архивист, директор РГАЛИ Татьяна Горяева": the
    parse gives the verb two subjects, which are one person in apposition."""
    tokens = analysis.tokens
    if index + 2 >= len(tokens) or tokens[index + 1].text != ",":
        return False
    head = tokens[index].head
    for other in range(index + 2, min(index + 6, len(tokens))):
        if tokens[other].head == head and tokens[other].rel == tokens[index].rel:
            return other in taken or _names_within(analysis, other, named)
    return False


def _names_within(analysis, index: int, named: frozenset[int]) -> bool:
    """Does a name of ``named`` hang on the word at ``index`` through appositions and
    name parts ("эксперт, вице-президент академии Владимир Анохин")?"""
    frontier = [index]
    while frontier:
        for child in analysis.children(frontier.pop()):
            if child in named:
                return True
            if analysis.tokens[child].rel in ("appos", "flat:name", "flat"):
                frontier.append(child)
    return False


def antecedent(analysis: Analysis, slots: list[Slot], index: int, gender: str | None,
               genders: dict[int, str | None], quoted: list[tuple[int, int]],
               sentences: int = PRONOUN_SENTENCES) -> tuple[Entity, str] | None:
    """(entity, rule) for a word at ``index`` that refers back to a person of ``gender``;
    ``slots`` in text order, unnamed ones among them."""
    first_sent = _window_start(analysis, index, quoted, sentences)
    # slots are in text order, so the window is the run of them ending before ``index``
    # (found from its end: a long article holds 100,000 slots and thousands of pronouns)
    stop = bisect_left(slots, index, key=_slot_first)
    begin = stop
    while begin > 0 and slots[begin - 1].sent >= first_sent:
        begin -= 1
    window = slots[begin:stop]
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


def _slot_first(slot: Slot) -> int:
    return slot.first


def _last_speaking(slots: list[Slot], index: int) -> Slot | None:
    """The last slot before ``index`` that spoke (slots in text order)."""
    at = bisect_left(slots, index, key=_slot_first)
    while at > 0:
        at -= 1
        if slots[at].speaker:
            return slots[at]
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


def person_slots(analysis: Analysis, entities: list[Entity], quoted: list[tuple[int, int]],
                 titles: frozenset[str] = frozenset()) -> list[Slot]:
    """Everyone a "он" may refer to: people's names and unnamed persons, in text order."""
    named = name_slots(analysis, entities, quoted=quoted)
    words = {i for e in entities for m in e.mentions
             for i in analysis.tokens_between(m.start, m.end)}
    people = frozenset(i for e in entities if e.type == "PER" for m in e.mentions
                       if m.kind == "name" for i in analysis.tokens_between(m.start, m.end))
    unnamed = [s for s in unnamed_slots(analysis, words, titles, people) if not _inside(
        quoted, analysis.tokens[s.first].start)]
    return sorted(named + unnamed, key=lambda s: s.first)


def link_pronouns(analysis: Analysis, entities: list[Entity], genders: dict[int, str | None],
                  quoted: list[tuple[int, int]], titles: frozenset[str] = frozenset()
                  ) -> list[Link]:
    """"он", "его", "ей"… outside speech → the person they stand for (see the module doc)."""
    forms = _pronoun_forms()
    slots = person_slots(analysis, entities, quoted, titles)
    others = name_slots(analysis, entities, ("ORG", "LOC"), quoted)
    named_words = {i for e in entities if e.type == "PER" for m in e.mentions
                   for i in analysis.tokens_between(m.start, m.end)}
    links = []
    for index, token in enumerate(analysis.tokens):
        word = token.text.lower().replace("ё", "е")
        if word not in forms or token.pos not in ("PRON", "DET"):
            continue
        number, gender = forms[word]
        if token.feats.get("Number") not in (None, number) or _inside(quoted, token.start) \
                or plural_by_preposition(analysis, index):
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
        if entity in bound_by(analysis, entities, index):
            continue      # "ТАСС цитирует его заявление": "его" is not ТАСС (that is "своё")
        if _unnamed_above(analysis, index, named_words):
            continue      # "глава Белого дома пояснил, что он…": he, whom no name holds here
        links.append(Link(entity, Mention(token.start, token.end, token.text,
                                          token.text.lower(), "pronoun", rule=rule), index))
    return links


def _nearer_thing(analysis, others: list[Slot], slots: list[Slot], entity: Entity, index: int,
                  gender: str) -> bool:
    """Is an organization or place of the pronoun's gender named as a subject after the
    person ("Компания … Она заявила")? Then "она" may be it: no link."""
    last, at = -1, bisect_left(slots, index, key=_slot_first)
    while at > 0 and last < 0:
        at -= 1
        if slots[at].entity is entity:
            last = slots[at].first
    for slot in others[bisect_left(others, last + 1, key=_slot_first):
                       bisect_left(others, index, key=_slot_first)]:
        if slot.subject:
            head = analysis.tokens[slot.first]
            if head.feats.get("Gender") == gender and head.feats.get("Number") != "Plur":
                return True
    return last >= 0 and _nearer_noun(analysis, last, index, gender)   # (not for cataphora)


def _nearer_noun(analysis, last: int, index: int, gender: str) -> bool:
    """Is a thing of the pronoun's gender the subject of a clause after the person, in the
    pronoun's sentence or the one before ("Наступление велось при поддержке танков, сообщил
    Рудской, а предшествовала ему огневая подготовка": "ему" is the offensive)? A neuter
    noun may be "его", "ему", "ним", not "он"."""
    tokens = analysis.tokens
    pronoun = tokens[index]
    genders = {gender}
    if gender == "Masc" and pronoun.text.lower() != "он":
        genders.add("Neut")
    floor = analysis.sentences[max(0, pronoun.sent - 1)].first
    for k in range(max(last + 1, floor), index):
        token = tokens[k]
        if token.rel in ("nsubj", "nsubj:pass") and token.pos == "NOUN" \
                and token.feats.get("Animacy") == "Inan" and token.feats.get("Number") == "Sing" \
                and token.feats.get("Gender") in genders:
            return True
    return False


def link_titles(analysis: Analysis, entities: list[Entity], genders: dict[int, str | None],
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
    offices = load_set("coref_offices.txt")
    # "— пояснил эксперт" after a named expert spoke is that expert; "источник" is no one
    anonymous = load_set("quote_anonymous.txt") - load_set("quote_commentators.txt")
    owners = {i: e for e in entities if e.type in ("PER", "ORG") for m in e.mentions
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
        if index in taken or not _nominal(analysis, index) or not token.text[:1].isalpha() \
                or token.feats.get("Number") == "Plur" or _inside(quoted, token.start) \
                or _only_plural(analysis, index):
            continue
        if token.pos == "PROPN" and not is_title(analysis, index) \
                and not _common_person_noun(analysis, index):
            continue      # (a capitalized "Республиканец заявил" is tagged a proper noun)
        lemma = analysis.lemma(index)
        people = holders.get(lemma)
        if people is not None and all(token.start < first_seen[id(p)] for p in people):
            people = None     # "— написал сенатор" before the one senator is named: no holder yet
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
            if not speaks(analysis, index) or (len(people) == 1 and not _owned_complement(
                    analysis, index, owners) and _named_complement(analysis, index)):
                continue      # "посол России ...": a title with its own complement is a new role
            # ("— заявил игрок обороны": a common noun's complement names no new role's
            # place: who spoke last may be meant)
            # "— добавил глава государства" when "глава" is several people's: who spoke last
        if speaks(analysis, index) and (lemma in _EXPERTS or lemma in _TURN_WORDS or _demonym(lemma)) \
                and token.sent > 0 and not any(
                analysis.lemma(c) in _POSSESSIVES | _OTHERS or (
                    tokens[c].rel == "nmod" and fold(tokens[c].text) not in load_set("quote_outlets.txt"))
                for c in analysis.children(index)):
            # "«…», — сказал он. Эксперт напомнил, что …": the commentator who spoke within
            # the last five sentences, or the one brought in since; farther back "эксперт" may
            # be anyone (fifth session, seen gold: 1 sentence 131 wrong speakers, 2: 124, 5:
            # 120; sixth, all five batches: 5 and 10 sentences both fix five quotes of four
            # batches against 2 and break none)
            # ("— рассказала девушка RT": the outlet is whom she told, not whose she is)
            found = _speaking_title(analysis, speakers, index, quoted, genders,
                                    {} if _told_outlet(analysis, index) else owners)
            last = _last_speaking(speakers, index)
            if found is not None and (found[1] != "title:last-speaker" or (
                    last is not None and last.sent >= _window_start(analysis, index, quoted,
                                                                    EXPERT_SENTENCES))):
                links.append(Link(found[0], Mention(token.start, token.end, token.text, lemma,
                                                    "title", rule=found[1]), index))
                _add_speaker(analysis, speakers, found[0], index)
            continue
        if speaks(analysis, index) and lemma not in anonymous and not _demonym(lemma) and (
                _person_noun(analysis, index) or is_title(analysis, index)) and not any(
                analysis.lemma(c) in _POSSESSIVES | _OTHERS
                or tokens[c].text.lower() in _POSSESSIVES for c in analysis.children(index)):
            # "собеседник RT": the complement is whom he spoke to, not whose he is
            found = _speaking_title(analysis, speakers, index, quoted, genders,
                                    {} if lemma == "собеседник" or _told_outlet(analysis, index)
                                    else owners)
            if people is not None and found is not None \
                    and found[1] not in ("title:last-speaker", "title:role-owner"):
                found = None      # "посол" of two named ambassadors: only who spoke last
            if found is None and _opens_article(analysis, index) and not any(
                    s.first < index for s in slots):
                found = _named_next(analysis, slots, index, quoted, None, genders)
            if found is not None:
                phrase = phrase_of(analysis, index, taken) if is_title(analysis, index) \
                    and found[1] != "title:role-owner" else None   # (that role is known)
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
        found = antecedent(analysis, slots, index, gender, genders, quoted)   # (before it)
        if found is None or leader is None or id(found[0]) != leader:
            continue      # a title refers back only to the person named most so far
        if lemma in offices and not any(lemma in fold(r) for r in found[0].roles):
            continue      # "президент" alone: the person only if known to hold the office
        sentence = analysis.sentences[token.sent]
        if any(s.entity is found[0] for s in slots[bisect_left(slots, sentence.first,
                                                              key=_slot_first):
                                                  bisect_left(slots, sentence.stop,
                                                              key=_slot_first)]):
            continue      # named in the same sentence, before or after: the title is someone
            # else's ("Единственный ученый, с которым сравнивали Хокинга, – Ньютон")
        if token.rel == "nmod" and any(link_.token == token.head and link_.entity is found[0]
                                       for link_ in links):
            continue      # the complement of the person's own title is someone else:
            # "— пояснил советник американского лидера" (the adviser, not the leader)
        if not _phrase_agrees(analysis, index, range(phrase.first, phrase.stop), found[0]):
            continue      # "министр финансов" after "Премьер-министр Дмитрий Медведев"
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


def _only_plural(analysis, index: int) -> bool:
    """"Президенты подтвердили": every reading of the word is plural (the tagger, taking a
    capitalized word for a name, may give it no number)."""
    parses = [p for p in analysis.morph.parse(analysis.tokens[index].text) if "NOUN" in p.tag]
    return bool(parses) and all("plur" in p.tag for p in parses)


# prepositions taking the dative: after them "ним"/"им" is "them" ("к ним"), not "him" ("с ним")
_DATIVE_PREPOSITIONS = frozenset({"к", "ко", "по", "благодаря", "согласно", "вопреки",
                                  "навстречу", "подобно"})


def plural_by_preposition(analysis: Analysis, index: int) -> bool:
    """"примкнувшие к ним отряды": "ним" after a dative preposition is plural."""
    token = analysis.tokens[index]
    if token.text.lower() not in ("ним", "им"):
        return False
    before = analysis.tokens[index - 1] if index else None
    return before is not None and before.text.lower() in _DATIVE_PREPOSITIONS


# the words for whoever heads an organization: "глава ЦИКа" is its "председатель"
_HEADS = frozenset({"глава", "руководитель", "директор", "председатель", "начальник", "шеф",
                    "президент", "гендиректор", "управляющий", "лидер", "замглава"})
# "новый глава Госдепа" is not the one who headed it so far
_NEW = frozenset({"новый", "новоиспеченный", "новоиспечённый", "будущий", "очередной"})


def role_owner(analysis: Analysis, index: int, organizations: list[Entity], people: list[Entity]
               ) -> Entity | None:
    """The one person in ``people`` whose role names one of ``organizations`` with the same
    head word, or another word for its head ("экс-глава ЦРУ" = "бывший директор ЦРУ",
    "руководитель Мосгоризбиркома" = "глава Московской городской избирательной комиссии")."""
    lemma = analysis.lemma(index).removeprefix("экс-").removeprefix("вице-")
    if any(analysis.lemma(c) in _NEW for c in analysis.children(index)):
        return None
    forms = {fold(form) for e in organizations
             for form in (e.name, *e.aliases, *(m.text for m in e.mentions if m.kind == "name"))}
    ministers = {minister for form in forms for minister in [_minister_of(form)] if minister}
    found = []
    for person in {id(p): p for p in people}.values():
        if person.type != "PER":
            continue
        for role in person.roles:
            words = fold(role).split()
            heads = {w.removeprefix("экс-").removeprefix("вице-") for w in words}
            text = f" {' '.join(words)} "
            if (lemma in heads or (lemma in _HEADS and heads & _HEADS)) \
                    and any(f" {form} " in text for form in forms) \
                    or (lemma in _HEADS or lemma == "министр") \
                    and any(f" {minister} " in text for minister in ministers):
                found.append(person)
                break
    return found[0] if len(found) == 1 else None


def _minister_of(form: str) -> str | None:
    """Who heads a ministry: "Минобороны" (Министерство обороны) → "министр обороны", "мид
    украины" → "министр иностранных дел украины" ("Глава Минобороны" is the "министр обороны
    России" the text named)."""
    from svodka.extractors.entities.gazetteer import known_name

    first, _, rest = form.partition(" ")
    known = known_name(first)
    full = fold(known.canonical) if known is not None and known.type == "ORG" else first
    if not full.startswith("министерство "):
        return None
    return " ".join(("министр", full.removeprefix("министерство "), rest)).strip()


def _phrase_agrees(analysis, head: int, words, entity: Entity) -> bool:
    """Does every word a title phrase adds to its head word ("финансов" of "министр
    финансов") appear, by its stem, in the person's roles or names? A person with no role
    known yet contradicts nothing ("Откуда помощник госсекретаря взяла цифру")."""
    if not entity.roles:
        return True
    known = {w[:5] for text in (*entity.roles, *(m.text for m in entity.mentions))
             for w in fold(text).replace("-", " ").split()}
    tokens = analysis.tokens
    for i in words:
        if i == head or tokens[i].pos not in ("NOUN", "PROPN", "ADJ"):
            continue
        lemma = analysis.lemma(i)
        if tokens[i].pos == "ADJ" and (i < head and not lemma.endswith(("ский", "цкий"))):
            continue      # "британский премьер" must agree; "бывший министр" says nothing
        if tokens[i].pos != "ADJ" and (tokens[i].head != head or tokens[i].rel != "nmod"
                                       or any(tokens[c].rel == "case"
                                              for c in analysis.children(i))):
            continue      # only the genitive complement: "кандидат в президенты" is no owner
        if lemma in _GENERIC_PLACES:
            continue      # "лидер страны": the country the text is about
        if tokens[i].pos == "ADJ" and i > head:
            continue
        if lemma[:5] not in known and fold(tokens[i].text)[:5] not in known and not any(
                fold(name)[:5] in known for name in country_names().get(lemma, ())):
            return False      # ("британский" agrees with "Великобритании")
    return True


def country_names() -> dict[str, tuple[str, ...]]:
    """A country's adjective → its names ("американский" → США, Соединённые Штаты…)."""
    return load_keyed("quote_country_adjectives.tsv")


# a complement that names the place the text is about, whichever it is
_GENERIC_PLACES = frozenset({"страна", "государство", "город", "регион", "республика", "край",
                             "область", "столица", "мир", "район"})


def _demonym(lemma: str) -> bool:
    """"американец", "румынка": where someone is from says nothing of who spoke last."""
    return lemma.endswith(("ец", "ка", "анин", "янин")) and any(
        len(stem) >= 4 and lemma.startswith(stem) for stem in _country_stems())


@lru_cache(maxsize=1)
def _country_stems() -> frozenset[str]:
    return frozenset(row[0][:-4] for row in load_table("quote_country_adjectives.tsv")
                     if row[0].endswith("ский"))


def _common_person_noun(analysis, index: int) -> bool:
    """A capitalized word the dictionary knows as a noun for people, not a name."""
    parses = analysis.morph.parse(analysis.tokens[index].text)[:2]
    return bool(parses) and all("anim" in p.tag and "NOUN" in p.tag and not (
        {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(str(p.tag).replace(" ", ",").split(",")))
        for p in parses)


def _person_noun(analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.feats.get("Animacy") == "Anim" and token.feats.get("Number") == "Sing"


def _owned_complement(analysis, index: int, owners: dict) -> bool:
    return any(i in owners for i in _complement(analysis, index))


def _told_outlet(analysis, index: int) -> bool:
    """Is the title's complement a listed outlet ("— рассказала девушка RT"): whom she told,
    not whose she is?"""
    return any(fold(analysis.tokens[i].text) in load_set("quote_outlets.txt")
               for i in _complement(analysis, index))


def _nominal(analysis, index: int) -> bool:
    """A noun, or a subject the tagger took for a verb although the dictionary reads it as a
    noun in the nominative ("— продолжает сирийка": a verb is no subject)."""
    token = analysis.tokens[index]
    if token.pos in ("NOUN", "PROPN"):
        return True
    return token.pos == "VERB" and token.rel in ("nsubj", "nsubj:pass") and any(
        "NOUN" in parse.tag and "nomn" in parse.tag
        for parse in analysis.morph.parse(token.text)[:2])


def _named_complement(analysis, index: int) -> bool:
    """Does the title's complement hold a name ("посол России", "игрок «Зенита»"), not only
    common nouns ("игрок обороны", "автор петиции")?"""
    tokens = analysis.tokens
    return any(tokens[i].pos == "PROPN" or tokens[i].text[:1].isupper()
               or tokens[i].text in OPENING_QUOTES for i in _complement(analysis, index))


def _complement(analysis, index: int) -> list[int]:
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[index].sent]
    return [i for i in range(index + 1, sentence.stop) if tokens[i].head == index
            or tokens[tokens[i].head].head == index]


def _narrative_between(analysis, first_sent: int, last_sent: int,
                       quoted: list[tuple[int, int]]) -> bool:
    """Whether a sentence that reports no one's words (no quote in it, no one speaking in it:
    "Министр подчеркнул, что …" goes on with the speaker) stands between two sentences."""
    sentences = analysis.sentences
    return any(not any(start < sentences[i].end and end > sentences[i].start
                       for start, end in quoted)
               and not any(speaks(analysis, k) for k in range(sentences[i].first,
                                                              sentences[i].stop))
               for i in range(first_sent + 1, last_sent))


def _speaker_just_before(analysis, slots: list[Slot], index: int, gender: str | None,
                         genders: dict[int, str | None], quoted: list[tuple[int, int]]
                         ) -> tuple[Entity, str] | None:
    """"Плотников уверен, что … «…», — сказал форвард СКА", "— выразил мнение Головин. По
    словам полузащитника ЦСКА, …": a title of an organization no one was given a role at goes
    on with the person who spoke in the sentence just before (the quote's own sentences
    between do not count), if no role of theirs names
    another place ("— заявил глава МВД Северного Рейна" after a minister of elsewhere is
    someone new) and the sex fits."""
    token = analysis.tokens[index]
    last = _last_speaking(slots, index)
    if last is None:
        return None
    sentences = analysis.sentences
    if last.unnamed or last.sent >= token.sent or any(
            not _inside(quoted, analysis.tokens[sentences[i].first].start)
            for i in range(last.sent + 1, token.sent)) or any(
            s.unnamed for s in slots[bisect_right(slots, last.first, key=_slot_first):
                                     bisect_left(slots, index, key=_slot_first)]):
        return None
    if gender is not None and genders.get(id(last.entity)) not in (gender, None):
        return None
    if not _phrase_agrees(analysis, index, [index, *analysis.children(index)], last.entity):
        return None
    return last.entity, "title:speaker-before"


def _speaking_title(analysis, slots: list[Slot], index: int, quoted: list[tuple[int, int]],
                    genders: dict[int, str | None], owners: dict[int, Entity]
                    ) -> tuple[Entity, str] | None:
    """"— заявил премьер", "по словам чиновника": the one who spoke last, within the last
    sentences, if the gender fits; else the one person nearby who fits. A title whose
    complement names a person or an organization (``owners``: their words; "глава МВД
    Северного Рейна") is a new person: no link.
    A man's title says nothing of the holder's sex ("помощник госсекретаря" may be a woman):
    only the verb's gender or a feminine title does."""
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[index].sent]
    following = _complement(analysis, index)
    token = tokens[index]
    if any(i in owners for i in following):
        # "— сказала глава ЦИКа": the one person the text gave a role at that organization
        # ("глава Центризбиркома Элла Памфилова"), else someone new
        verb = tokens[token.head] if token.rel.startswith("nsubj") else None
        # the holder's sex as a past verb or a short adjective shows it ("заявил", "убеждён")
        gender = verb.feats.get("Gender") if verb is not None and (
            verb.feats.get("Tense") == "Past" or verb.feats.get("Variant") == "Short") else None
        holder = role_owner(analysis, index, [owners[i] for i in following if i in owners],
                            [s.entity for s in slots if not s.unnamed and s.first < index])
        if holder is not None and (gender is None or genders.get(id(holder)) in (gender, None)):
            return holder, "title:role-owner"
        return _speaker_just_before(analysis, slots, index, gender, genders, quoted)
    if any(tokens[c].rel == "acl" and c > index and _past_participle(analysis, c)
           for c in analysis.children(index)):
        return None       # "Европейский дипломат, ознакомившийся с докладом, сообщил": a title
        # the text singles out by a deed of its own is someone new, not who spoke last; a
        # present participle describes ("Политик, являющийся депутатом уже четыре созыва")
    gender = "Fem" if token.feats.get("Gender") == "Fem" else None
    verb = tokens[token.head] if token.rel.startswith("nsubj") else None
    if verb is not None and verb.feats.get("Tense") == "Past":
        gender = verb.feats.get("Gender") or gender
    offset = token.start
    # the slots before the title that the rules below read: the last LOOKBACK_SLOTS and all
    # within SPEAKER_MEMORY characters (not a copy of every slot before: a long article
    # holds 100,000 of them)
    stop = bisect_left(slots, index, key=_slot_first)
    begin = max(0, stop - LOOKBACK_SLOTS)
    while begin > 0 and offset - tokens[slots[begin - 1].first].start <= SPEAKER_MEMORY:
        begin -= 1
    before = slots[begin:stop]
    speakers = [s for s in before if s.speaker
                and offset - tokens[s.first].start <= SPEAKER_MEMORY]
    if speakers:
        last = speakers[-1]
        if last.unnamed or any(s.unnamed and s.first > last.first and s.main
                               and (gender is None or s.gender in (gender, None))
                               for s in before) \
                or last.sent == token.sent:
            return None     # someone unnamed took the stage after ("представитель делегации"),
            # or the one who spoke is in the words reported ("Буш выразил…, сообщил представитель");
            # not a subordinate clause's subject ("когда республиканец прибыл") nor one of the
            # other sex
        newcomer = _newcomer(before, last, gender, genders)
        if newcomer is not None:
            # "Не осталась в стороне и глава департамента Кармен Фарина. «…», — заявила
            # чиновница"; "— пояснил Бышок. … Такого мнения придерживается политолог Владимир
            # Брутер. «…», — пояснил эксперт": the one brought in since, not who spoke before
            return newcomer, "title:newcomer"
        if (gender is None or genders.get(id(last.entity)) in (gender, None)) and (
                not _narrative_between(analysis, last.sent, token.sent, quoted)
                or _phrase_agrees(analysis, index, [index, *analysis.children(index)],
                                  last.entity)):
            # "Премьер Гройсман рассчитывал, что … Производители же переложили … — рассказывает
            # RT директор компании": once the narrative moved on, a title whose complement the
            # speaker's roles and names never mention is someone new
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
    if list(counts.values()).count(most) > 1:
        return None     # a tie is no focus: "Что Захару Прилепину… Что Сергей Безруков
        # сыграет… «Поэтом можешь ты не быть…», – заметил классик" (each named once)
    top = next(s.entity for s in reversed(before) if not s.unnamed
               and counts.get(id(s.entity)) == most)
    if not _phrase_agrees(analysis, index, [index, *analysis.children(index)], top):
        return None     # "— рассказывает RT директор крупной украинской исследовательской
        # компании": a complement the person's roles and names never mention is someone new
    return top, "title:focus"


def _past_participle(analysis, index: int) -> bool:
    """A past participle by every reading pymorphy has of the word ("ознакомившийся"; the
    tagger may call it present)."""
    token = analysis.tokens[index]
    if token.feats.get("VerbForm") != "Part":
        return False
    forms = [f for f in analysis.morph.parse(token.text.lower()) if f.tag.POS == "PRTF"]
    return bool(forms) and all(f.tag.tense == "past" for f in forms)


def _newcomer(before: list[Slot], last: Slot, gender: str | None,
              genders: dict[int, str | None]) -> Entity | None:
    """The person brought in since the last speaker's turn: named as a main clause's subject
    in a later sentence, of a gender that fits — the one of the latest such sentence, if it
    holds only one (one named in the last speaker's own sentence is what was said: "По мнению
    политолога, Трамп начинает понимать…")."""
    found = [s for s in before if not s.unnamed and s.main and s.sent > last.sent
             and s.entity is not last.entity
             and (gender is None or genders.get(id(s.entity)) in (gender, None))]
    if not found:
        return None
    people = {id(s.entity): s.entity for s in found if s.sent == found[-1].sent}
    return next(iter(people.values())) if len(people) == 1 else None


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
    del slots[bisect_left(slots, index, key=_slot_first):
              bisect_right(slots, index, key=_slot_first)]      # (in text order)
    token = analysis.tokens[index]
    main = token.head >= 0 and analysis.tokens[token.head].head < 0
    insort(slots, Slot(index, index + 1, entity, token.sent, token.rel.startswith("nsubj"),
                       main, speaker=True), key=_slot_first)


def _governed_by_speech(analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.feats.get("Case") == "Dat" and token.rel in ("iobj", "obl")


# words for a commentator: who spoke the sentence before, or anyone ("считают эксперты")
EXPERT_SENTENCES = 5
_EXPERTS = frozenset({"эксперт", "аналитик", "специалист", "исследователь"})
# words that, speaking right after someone spoke, go on with their turn as "эксперт" does
# ("— рассказывает Лама. «…», — продолжает сирийка"; "— говорит женщина"), and farther on
# may be anyone
_TURN_WORDS = frozenset({"женщина", "мужчина", "девушка"})
_POSSESSIVES = {"его", "ее", "её", "их", "свой", "мой", "наш", "твой", "ваш"}
_OTHERS = {"другой", "иной", "бывший", "прежний", "будущий", "очередной", "каждый", "любой", "некий",
           "один", "этот", "тот", "такой"}


def link_descriptions(analysis: Analysis, entities: list[Entity], taken: set[int],
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
