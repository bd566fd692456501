"""Pronouns the rules leave open, decided by the trained antecedent ranker.

The rules (``coref/__init__.py``) link "он"/"она" only when the evidence is one-sided. Every
personal, possessive or reflexive pronoun they leave open ("он", "его", "их", "свой",
"себя"…) is scored here against the phrases before it: the mentions of entities (names,
titles, pronouns already linked), the other pronouns, and every other noun phrase of the
last sentences — the things a pronoun may mean that are no entity ("компания", "жители").
The best-scored one wins; the pronoun joins its entity when that score reaches the
threshold of the pronoun's kind (``svodka/data/coref_pronoun_thresholds.tsv``, chosen by
``python -m svodka.extractors.coref.tune_pronouns`` on RuCoCo training articles that neither trained
the ranker nor belong to the dev split). A phrase that is no entity wins → no link: the
ranker abstains. A pronoun whose best antecedent is another open pronoun goes where that one
went; if that one went nowhere, to its own best entity's phrase when that scores
``after an open pronoun``. Inside speech the speaker's phrases are no one's ("«…Он
сыграет…», — сказал тренер": a speaker says "я"), and for "они"/"их" a person's phrases
are no one's (a group or an organization, never one person). The link's rule is
``ranker:0.83``, the winning score.

All pronouns of an article are scored in one batch (one tree walk for every row), so the
step costs a few milliseconds an article.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.extractors.coref import first_person
from svodka.extractors.coref.ranker import (PRONOUN_FORMS, load_model, pair_features,
                                           pronoun_form, view)
from svodka.extractors.coref.words_of import WORDS_OF, last_speaker
from svodka.record import Entity, Mention
from svodka.text import CLOSING_QUOTES

__all__ = ["AFTER_OPEN", "CONTESTED", "CONTESTED_BY_PHRASE", "Decision", "FOCUS", "KINDS",
           "SETTINGS", "WORDS_OF", "accepted", "decide", "link_by_ranker", "pronoun_kind",
           "quote_speakers", "relative_links", "scored_pools", "thresholds"]

# how many sentences before a pronoun's own its antecedent may be in
WINDOW_SENTENCES = 3
# For a pronoun outside speech, a sentence wholly inside «…» is not counted in that window: a
# name inside speech is no one's for it, so "«…(four sentences)…», — сказал он" would
# otherwise see only the quote and never the speaker named before it. At most this many
# such sentences are passed over.
SPEECH_SENTENCES_PASSED = 8
# the nearest candidates scored for one pronoun
MAX_CANDIDATES = 30
# pronouns scored at once: one tree walk for all their rows, and memory bounded however long
# the article (a 10 MB one has tens of thousands of pronouns)
BATCH = 200
# a noun phrase longer than this is cut to its head word
MAX_PHRASE_TOKENS = 12

# pronoun kinds with a threshold each: lemma code of ``ranker.PRONOUN_FORMS`` → kind
_KIND_OF_CODE = {0: "personal", 1: "personal", 3: "plural", 4: "reflexive", 5: "reflexive"}
KINDS = ("personal", "personal quoted", "personal speaking", "plural", "plural quoted",
         "plural speaking", "reflexive", "reflexive quoted")
# Three settings beside the kinds' thresholds, each the score a link needs in a case the kind's
# threshold alone does not decide: a choice another entity's agreeing subject contests
# ("Ольга Петрова … Компания «Северсталь» отчиталась… Она"), one that only a subject which is
# no entity contests ("Один из раненых сообщил…"), and the best entity's phrase of a pronoun
# whose best antecedent is an earlier pronoun left unlinked ("… Он сказал, что его …": the
# second follows the first, which no one took)
CONTESTED, CONTESTED_BY_PHRASE = "contested", "contested by no entity"
AFTER_OPEN = "after an open pronoun"
# A subject "он"/"она" the ranker leaves open is the subject in focus when that one agrees:
# the main subject of its own sentence before it, else of the sentence before ("Компания
# «Содэксим» была отобрана… В частности, она должна была…"); the setting is the score the
# ranker gives that subject's phrase at least (``pronoun:focus``)
FOCUS = "subject in focus"
# "по его словам" the ranker leaves open: the phrase of the one who spoke last, and the score
# the ranker gives it at least (``words_of.py``, ``pronoun:words-of``)
SETTINGS = KINDS + (CONTESTED, CONTESTED_BY_PHRASE, AFTER_OPEN, FOCUS, WORDS_OF)
_NOUNS = ("NOUN", "PROPN")
# words that only extend a name or a word: no phrase heads of their own
_ATTACHED = ("flat:name", "flat", "fixed", "compound", "flat:foreign")
# words at a phrase's left edge that are not of it
_OUTSIDE = ("case", "cc", "mark", "punct")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    target: object        # an Entity, an int (the token of an open pronoun) or None


@dataclass(slots=True)
class Decision:
    """One open pronoun: its best-scored antecedent, before any threshold."""
    token: int
    kind: str
    target: object        # as in Candidate
    score: float
    span: tuple[int, int] = (0, 0)    # the winning phrase
    rule: str = "ranker"              # or "reflexive:subject"
    rival: float = 0.0                # the best score of a phrase that is no entity
    contested: bool = False           # a later subject of another entity agrees too
    contested_by_phrase: bool = False  # ... only a later subject that is no entity's
    # when ``target`` is an open pronoun: the best-scored entity's phrase, and its score
    entity: Entity | None = None
    entity_score: float = 0.0
    # a subject pronoun's subject in focus (an Entity, or an open pronoun's token) when it
    # agrees, and the ranker's score of its phrase
    focus: object = None
    focus_score: float = 0.0
    # a possessive reporting words ("по его словам"): the last speaker, as ``focus``
    speaker: object = None
    speaker_score: float = 0.0


def pronoun_kind(analysis: Analysis, index: int, quoted: list[tuple[int, int]]) -> str | None:
    """``KINDS``: personal, plural or reflexive; inside speech, or a speech verb's subject."""
    from svodka.extractors.coref import plural_by_preposition, speaks

    token = analysis.tokens[index]
    form = pronoun_form(token)
    if form is None or token.pos not in ("PRON", "DET"):
        return None
    kind = _KIND_OF_CODE.get(form[0])
    if kind is None:
        return None
    if plural_by_preposition(analysis, index):
        kind = "plural"       # "к ним": them
    at = bisect_left(quoted, (token.start + 1,)) - 1
    if at >= 0 and quoted[at][0] <= token.start < quoted[at][1]:
        return kind + " quoted"
    if kind != "reflexive" and speaks(analysis, index):
        return kind + " speaking"     # "— добавил он": the quote's speaker hangs on it
    return kind


@lru_cache(maxsize=1)
def thresholds() -> dict[str, tuple[float, float]]:
    """Per pronoun kind, the score a link needs and the margin by which it may stay under a
    phrase that is no entity (a kind not listed is never linked)."""
    from svodka.data import load_table

    return {row[0]: (float(row[1]), float(row[2]))
            for row in load_table("coref_pronoun_thresholds.tsv")}


def decide(analysis: Analysis, entities: list[Entity], links, quoted: list[tuple[int, int]]
           ) -> list[Decision]:
    """The best antecedent and its score for every pronoun no link in ``links`` holds."""
    model = load_model()
    if model is None:
        return []
    anaphors, spans, open_at = _open_pronouns(analysis, entities, links, quoted)
    decisions = []
    for first in range(0, len(anaphors), BATCH):
        batch = anaphors[first:first + BATCH]
        owner = spans.owners(analysis, *_reach(analysis, batch, quoted))
        decisions += _decide_batch(analysis, model, batch, owner, open_at, quoted)
    return sorted(decisions, key=lambda d: d.token)


def _open_pronouns(analysis, entities: list[Entity], links, quoted: list[tuple[int, int]]):
    """(token, kind) of every pronoun no link holds, the mentions' spans (``_MentionSpans``:
    whose words they are), and the open pronouns' tokens."""
    linked = {link_.token for link_ in links}
    anaphors = []
    for index in range(len(analysis.tokens)):
        if index in linked:
            continue
        kind = pronoun_kind(analysis, index, quoted)
        if kind is not None:
            anaphors.append((index, kind))
    if not anaphors:
        return [], _MentionSpans([], []), set()
    return anaphors, _MentionSpans(entities, links), {index for index, _ in anaphors}


def scored_pools(analysis: Analysis, entities: list[Entity], links, quoted: list[tuple[int, int]]):
    """(pronoun token, kind, candidates, feature rows) for every open pronoun the ranker
    scores, exactly as ``decide`` builds them: the ranker's training reads these, so it
    learns on the phrases it is asked about (``train.py``, ``--own``)."""
    anaphors, spans, open_at = _open_pronouns(analysis, entities, links, quoted)
    for first in range(0, len(anaphors), BATCH):
        batch = anaphors[first:first + BATCH]
        owner = spans.owners(analysis, *_reach(analysis, batch, quoted))
        _, rows, groups, _, _, _ = _batch_rows(analysis, batch, owner, open_at, quoted)
        at = 0
        for number, pool, size in groups:
            yield batch[number][0], batch[number][1], pool, rows[at:at + size]
            at += size


def _decide_batch(analysis, model, anaphors, owner, open_at: set[int],
                  quoted: list[tuple[int, int]]) -> list[Decision]:
    decisions, rows, groups, contested, in_focus, speaker_of = _batch_rows(
        analysis, anaphors, owner, open_at, quoted)
    scores = model.predict_proba(rows) if rows else []
    at = 0
    for number, pool, size in groups:
        chunk = scores[at:at + size]
        at += size
        some = [n for n, c in enumerate(pool) if c.target is not None]
        rival = max((float(chunk[n]) for n, c in enumerate(pool) if c.target is None),
                    default=0.0)
        if not some:
            continue
        best = max(some, key=lambda n: chunk[n])
        index, kind = anaphors[number]
        by = contested(number, pool, best)
        decision = Decision(index, kind, pool[best].target, float(chunk[best]),
                            (pool[best].start, pool[best].end), rival=rival,
                            contested=by == "entity", contested_by_phrase=by == "phrase")
        named = [n for n in some if isinstance(pool[n].target, Entity)]
        if isinstance(decision.target, int) and named:
            runner_up = max(named, key=lambda n: chunk[n])
            decision.entity, decision.entity_score = pool[runner_up].target, float(chunk[runner_up])
        focus = in_focus(number, pool)
        if focus is not None and _same(pool[focus].target, decision.target, decision.entity):
            # only where the ranker's own best entity is the one in focus: a later subject
            # contesting the ranker's choice ("Ольга Петрова … Компания «Северсталь»
            # отчиталась о прибыли. Она выросла") is no one's to take
            decision.focus, decision.focus_score = pool[focus].target, float(chunk[focus])
        speaker = speaker_of(number, pool)
        if speaker is not None:
            decision.speaker, decision.speaker_score = pool[speaker].target, float(chunk[speaker])
        decisions.append(decision)
    return decisions


def _batch_rows(analysis, anaphors, owner, open_at: set[int], quoted: list[tuple[int, int]]):
    """The reflexives bound by their clause's subject (decisions), and for the rest the
    feature rows of every candidate: (decisions, rows, [(number, pool, rows of it)], and a
    test whether a choice is contested)."""
    from svodka.extractors.coref import clause_subject

    tokens = analysis.tokens
    by_sentence: dict[int, list[Candidate]] = {}

    def candidates_of(sent: int) -> list[Candidate]:
        found = by_sentence.get(sent)
        if found is None:
            found = by_sentence[sent] = _candidates(analysis, sent, owner, open_at)
        return found

    spoken: dict[int, bool] = {}

    def window(sent: int, kind: str) -> list[int]:
        return _window(analysis, sent, quoted, not kind.endswith("quoted"), spoken)

    views: dict[tuple[int, int], object] = {}

    def view_of(span: tuple[int, int]):
        found = views.get(span)
        if found is None:
            found = views[span] = view(analysis, span)
        return found

    rows, groups, decisions, anaphor_of = [], [], [], {}
    for number, (index, kind) in enumerate(anaphors):
        token = tokens[index]
        if kind.startswith("reflexive"):
            subject = _clause_subject(analysis, index)
            target = None if subject is None else _target_of(analysis, subject, owner, open_at)
            if target is None and subject is not None and kind.endswith("quoted"):
                target = _speaker_of_first_person(analysis, quoted, subject, owner)
                if target is not None:
                    decisions.append(Decision(index, kind, target, 1.0,
                                              (tokens[subject].start, tokens[subject].end),
                                              "reflexive:speaker"))
                    continue
            if target is not None:
                decisions.append(Decision(index, kind, target, 1.0,
                                          (tokens[subject].start, tokens[subject].end),
                                          "reflexive:subject"))
                continue
            # a subject that is no entity ("Рабочие рассказали о своих проблемах") is among
            # the ranker's candidates: the ranker links past it only when sure
        pool = [c for sent in window(token.sent, kind)
                for c in candidates_of(sent) if c.end <= token.start]
        if not kind.startswith("reflexive"):
            bound = clause_subject(analysis, index)
            if bound is not None:
                # "ТАСС цитирует его заявление": not the clause's subject (that is "своё")
                span = owner.get(bound)
                pool = [c for c in pool if not (c.start <= tokens[bound].start < c.end)
                        and not (span is not None and c.target is span[0])]
        if kind.startswith("plural"):
            # "они", "к ним": a group or an organization, never one person
            pool = [Candidate(c.start, c.end, None) if isinstance(c.target, Entity)
                    and c.target.type == "PER" else c for c in pool]
        if not kind.endswith("quoted"):
            # a name inside «…» is what the speaker spoke of, not who a pronoun outside it
            # is ("«…Дед Мороз…», — приводит его слова"): the phrase stays, as no one's
            pool = [Candidate(c.start, c.end, None) if c.target is not None
                    and _inside(quoted, c.start) else c for c in pool]
        else:
            # "«…Он сыграет…», — сказал тренер": a speaker says "я", so "он" in their words
            # is someone else; the speaker's phrases stay, as no one's
            speakers = quote_speakers(analysis, quoted, token.start, owner)
            pool = [Candidate(c.start, c.end, None) if c.target in speakers else c
                    for c in pool]
        pool = sorted(pool, key=lambda c: (c.start, c.end))[-MAX_CANDIDATES:]
        if not pool:
            continue
        anaphor_of[number] = view_of((token.start, token.end))
        features = pair_features(analysis, anaphor_of[number],
                                 [view_of((c.start, c.end)) for c in pool])
        rows += features
        groups.append((number, pool, len(features)))

    def contested(number: int, pool: list[Candidate], best: int) -> str | None:
        return _contested(analysis, pool, best, anaphor_of[number], view_of)

    def in_focus(number: int, pool: list[Candidate]) -> int | None:
        index, kind = anaphors[number]
        if kind != "personal":
            return None
        return _subject_in_focus(analysis, index, pool, anaphor_of[number], view_of)

    def speaker_of(number: int, pool: list[Candidate]) -> int | None:
        index, kind = anaphors[number]
        return last_speaker(analysis, index, kind, pool, anaphor_of[number], view_of, quoted)

    return decisions, rows, groups, contested, in_focus, speaker_of


def _window(analysis, sent: int, quoted: list[tuple[int, int]], outside: bool,
            spoken: dict[int, bool] | None = None) -> list[int]:
    """The sentences a pronoun of sentence ``sent`` reads candidates in: its own and the
    ``WINDOW_SENTENCES`` before it; for a pronoun ``outside`` speech, a sentence whose words
    all lie inside «…» is passed over without being counted (up to
    ``SPEECH_SENTENCES_PASSED``): "«…», — сказал он" reaches the speaker named before the
    quote."""
    spoken = {} if spoken is None else spoken
    found, at, passed = [sent], sent - 1, 0
    while at >= 0 and len(found) <= WINDOW_SENTENCES:
        if outside and passed < SPEECH_SENTENCES_PASSED and _all_spoken(analysis, at, quoted,
                                                                         spoken):
            passed += 1
        else:
            found.append(at)
        at -= 1
    return found[::-1]


def _all_spoken(analysis, sent: int, quoted: list[tuple[int, int]], spoken: dict[int, bool]
                ) -> bool:
    """Do all the words of sentence ``sent`` lie inside speech?"""
    found = spoken.get(sent)
    if found is None:
        sentence = analysis.sentences[sent]
        words = [t.start for t in analysis.tokens[sentence.first:sentence.stop]
                 if t.text[:1].isalnum()]
        found = spoken[sent] = bool(words) and all(_inside(quoted, w) for w in words)
    return found


def _same(target: object, *others: object) -> bool:
    """Is ``target`` (an Entity, or an open pronoun's token) one of ``others``?"""
    return any(target is other or isinstance(target, int) and target == other
               for other in others)


def _main_subject(analysis, sent: int, before: int | None = None) -> int | None:
    """The subject of the sentence's main verb (the root's), if it stands before ``before``."""
    tokens = analysis.tokens
    sentence = analysis.sentences[sent]
    for index in range(sentence.first, sentence.stop if before is None else before):
        token = tokens[index]
        if token.rel in ("nsubj", "nsubj:pass") and token.head >= 0 \
                and tokens[token.head].head < 0:
            return index
    return None


def _subject_in_focus(analysis, index: int, pool: list[Candidate], anaphor, view_of
                      ) -> int | None:
    """For a subject "он"/"она": the pool's phrase of the subject in focus — the main subject
    of its own sentence before it, else of the sentence before in its paragraph — when that
    phrase stands for an entity (or an open pronoun) and agrees with it in gender and number
    ("Компания «Содэксим» была отобрана… В частности, она должна была…")."""
    tokens = analysis.tokens
    token = tokens[index]
    if not token.rel.startswith("nsubj") or not anaphor.gender or not anaphor.number:
        return None
    subject = _main_subject(analysis, token.sent, index)
    if subject is None and token.sent > 0:
        sentence = analysis.sentences[token.sent]
        if sentence.region == analysis.sentences[token.sent - 1].region:
            subject = _main_subject(analysis, token.sent - 1)
    if subject is None:
        return None
    at = tokens[subject].start
    found = [n for n, c in enumerate(pool) if c.start <= at < c.end and c.target is not None]
    if not found:
        return None
    best = min(found, key=lambda n: pool[n].end - pool[n].start)    # the subject's own phrase
    seen = view_of((pool[best].start, pool[best].end))
    if seen.gender != anaphor.gender or seen.number != anaphor.number:
        return None
    return best


# how far from its «…» the author's words naming the speaker may stand
_AUTHOR_REACH = 200


def quote_speakers(analysis: Analysis, quoted: list[tuple[int, int]], offset: int, owner) -> list:
    """The entities that speak the «…» holding ``offset``: the subject of a speech verb (or
    "по словам X") in the author's words right after it or right before it, in the sentence
    next to it and its paragraph — "«…», — подчеркнул он." (whatever "он" was linked to),
    "Министр заявил: «…»"."""
    from svodka.extractors.coref import speaks

    at = bisect_left(quoted, (offset + 1,)) - 1
    if at < 0 or not quoted[at][0] <= offset < quoted[at][1]:
        return []
    text = analysis.text
    start, end = quoted[at]
    after_stop = quoted[at + 1][0] if at + 1 < len(quoted) else len(text)
    before_start = quoted[at - 1][1] if at > 0 else 0
    after_stop = min(after_stop, end + _AUTHOR_REACH, _line_end(text, end))
    before_start = max(before_start, start - _AUTHOR_REACH, text.rfind("\n", 0, start) + 1)
    found = []
    for first, stop, nearest in ((end, after_stop, 0), (before_start, start, -1)):
        words = [i for i in analysis.tokens_between(first, stop)
                 if analysis.tokens[i].text[:1].isalnum()]     # (a dash may open the next)
        if not words:
            continue
        sentence = analysis.tokens[words[nearest]].sent    # the author's words end there
        for index in words:
            mine = owner.get(index)
            if mine is not None and mine[0] not in found and speaks(analysis, index) \
                    and analysis.tokens[index].sent == sentence:
                found.append(mine[0])
    return found


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    at = bisect_left(spans, (offset + 1,)) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _contested(analysis, pool: list[Candidate], best: int, anaphor, view_of) -> str | None:
    """Is something else, agreeing with the pronoun in gender and number, the subject of a
    phrase after the one the ranker chose? "Ольга Петрова продала акции. Компания
    «Северсталь» отчиталась о прибыли. Она выросла": the reader is not sure either —
    ``"entity"`` when another entity's mention is such a subject, or a phrase that is the
    subject of a verb above the pronoun ("глава Белого дома был вынужден пояснить, что он"),
    ``"phrase"`` when only another phrase that is no entity is ("Один из раненых"), else
    None."""
    chosen = pool[best]
    found = None
    above = None
    for candidate in pool[best + 1:]:
        if candidate.start <= chosen.start or candidate.target is chosen.target \
                or isinstance(candidate.target, int):
            continue
        seen = view_of((candidate.start, candidate.end))
        if seen.subject and seen.gender == anaphor.gender and seen.number == anaphor.number:
            if above is None:
                above = _words_above(analysis, anaphor.head)
            if candidate.target is not None or (
                    seen.head >= 0 and analysis.tokens[seen.head].head in above):
                return "entity"   # (or the subject of a verb above: "глава … пояснил, что он")
            found = "phrase"
    return found


def _words_above(analysis, index: int) -> set[int]:
    """The words above ``index`` in its sentence's tree."""
    found, head, steps = set(), analysis.tokens[index].head if index >= 0 else -1, 0
    while head >= 0 and steps < 40:
        found.add(head)
        head, steps = analysis.tokens[head].head, steps + 1
    return found


def link_by_ranker(analysis: Analysis, entities: list[Entity], links, quoted: list[tuple[int, int]],
                   limits: dict[str, tuple[float, float]] | None = None, decisions=None
                   ) -> list:
    """Links (``coref.Link``) for the open pronouns whose best antecedent is an entity's, or an
    open pronoun so linked, at a score of at least their kind's threshold."""
    from svodka.extractors.coref import Link

    limits = thresholds() if limits is None else limits
    if decisions is None:
        decisions = decide(analysis, entities, links, quoted)
    tokens = analysis.tokens
    found = []
    for decision, entity in accepted(decisions, limits):
        token = tokens[decision.token]
        rule = decision.rule if decision.rule != "ranker" else f"ranker:{decision.score:.2f}"
        found.append(Link(entity, Mention(token.start, token.end, token.text, token.text.lower(),
                                          "pronoun", rule=rule), decision.token))
    return found


def accepted(decisions: list[Decision], limits: dict[str, tuple[float, float]]
             ) -> list[tuple[Decision, Entity]]:
    """The decisions that make a link under ``limits`` (kind → the score the best entity's
    phrase needs, and how far it may stay under the best phrase that is no entity), each with
    its entity (a pronoun whose best antecedent is an open pronoun takes that one's entity, if
    it got one). The reflexive rule needs no threshold. A subject pronoun they leave open
    takes its subject in focus (``FOCUS``), as rule ``pronoun:focus``; a possessive of "по
    его словам" the last speaker (``WORDS_OF``), as rule ``pronoun:words-of``."""
    from dataclasses import replace

    resolved: dict[int, Entity] = {}
    found = []
    never = (2.0, 0.0)
    for decision in decisions:
        least, margin = limits.get(decision.kind, never)
        entity = None
        if decision.rule != "ranker" or not (
                decision.score < least or decision.score < decision.rival - margin
                or decision.contested and decision.score < limits.get(CONTESTED, never)[0]
                or decision.contested_by_phrase
                and decision.score < limits.get(CONTESTED_BY_PHRASE, never)[0]):
            target = decision.target
            entity = resolved.get(target) if isinstance(target, int) else target
            if entity is None and decision.entity is not None \
                    and decision.entity_score >= max(least, limits.get(AFTER_OPEN, never)[0]):
                entity = decision.entity     # the pronoun it follows was left open: its own best
        for target, score, setting, rule in (
                (decision.focus, decision.focus_score, FOCUS, "pronoun:focus"),
                (decision.speaker, decision.speaker_score, WORDS_OF, "pronoun:words-of")):
            if entity is not None or decision.rule != "ranker":
                break
            entity = _by_setting(target, score, setting, limits, resolved)
            if entity is not None:
                decision = replace(decision, rule=rule)
        if entity is None:
            continue
        resolved[decision.token] = entity
        found.append((decision, entity))
    return found


def _by_setting(target: object, score: float, setting: str, limits,
                resolved: dict[int, Entity]) -> Entity | None:
    """The entity of ``target`` (an Entity, or an open pronoun's token: what it got) that a
    rule beside the ranker names for a pronoun the ranker leaves open — the subject in focus,
    the last speaker — if the ranker scores that phrase at least the ``setting``."""
    if target is None or score < limits.get(setting, (2.0, 0.0))[0]:
        return None
    return resolved.get(target) if isinstance(target, int) else target


# how far up from "который" its relative clause's verb may be ("акции которой выросли": two)
_RELATIVE_STEPS = 4


def relative_links(analysis: Analysis, entities: list[Entity], links) -> list:
    """Links (``coref.Link``, rule ``pronoun:relative``) for "который" whose relative clause
    (slovnet's ``acl:relcl``) hangs on a word of an entity's mention, or on a noun with a name
    in apposition: "Борис Березовский, который некогда был связан с Кремлем", "Компания
    «Газпром», акции которой выросли". "который" agrees with the word it stands for in number,
    and in gender when singular; when it does not ("представителям ассоциаций Италии, которые
    рассказали"), the parser hung the clause on the wrong word and nothing is linked."""
    from svodka.extractors.coref import Link

    tokens = analysis.tokens
    relatives = [i for i, token in enumerate(tokens)
                 if token.pos in ("PRON", "DET") and token.text[:1] in "кК"
                 and analysis.lemma(i) == "который"]
    if not relatives:
        return []
    spans = _MentionSpans(entities, links)
    taken = {link_.token for link_ in links}
    found = []
    for index in relatives:
        if index in taken:
            continue
        noun = _relative_antecedent(analysis, index)
        if noun is None or not _agrees(tokens[index], tokens[noun]):
            continue
        owner = spans.owners(analysis, tokens[noun].start, tokens[noun].end)
        target = _target_of(analysis, noun, owner, set())
        if not isinstance(target, Entity):
            continue
        token = tokens[index]
        found.append(Link(target, Mention(token.start, token.end, token.text, token.text.lower(),
                                          "pronoun", rule="pronoun:relative"), index))
    return found


def _relative_antecedent(analysis, index: int) -> int | None:
    """The word the relative clause holding "который" at ``index`` hangs on, if the clause
    lies after that word in the same sentence. When the parser made no relative clause of it
    (it sometimes takes the clause for the main one), the noun right before the comma that
    opens it: "Борис Березовский, который…", "Лесин, с которым…"."""
    tokens = analysis.tokens
    at, steps = index, 0
    while steps < _RELATIVE_STEPS and tokens[at].head >= 0:
        if tokens[at].rel == "acl:relcl":
            noun = tokens[at].head
            if tokens[noun].pos in _NOUNS and noun < index \
                    and tokens[noun].sent == tokens[index].sent:
                return noun
            return None
        at, steps = tokens[at].head, steps + 1
    before = index - 1
    if before >= 0 and tokens[before].pos == "ADP":
        before -= 1
    if before >= 1 and tokens[before].text == "," and tokens[before - 1].pos in _NOUNS \
            and tokens[before - 1].sent == tokens[index].sent:
        return before - 1
    return None


def _agrees(relative, noun) -> bool:
    number = relative.feats.get("Number")
    if number is None or number != noun.feats.get("Number"):
        return False
    return number == "Plur" or relative.feats.get("Gender") == noun.feats.get("Gender")


def _reach(analysis, anaphors, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """The characters a batch of pronouns reads the mentions of: the sentences of their
    windows, and around a quote holding one the author's words ``quote_speakers`` reads."""
    tokens, sentences = analysis.tokens, analysis.sentences
    low, high = len(analysis.text), 0
    spoken: dict[int, bool] = {}
    for index, _ in anaphors:
        token = tokens[index]
        low = min(low, sentences[_window(analysis, token.sent, quoted, True, spoken)[0]].start)
        high = max(high, sentences[token.sent].end)
        at = bisect_left(quoted, (token.start + 1,)) - 1
        if at >= 0 and quoted[at][0] <= token.start < quoted[at][1]:
            low = min(low, quoted[at][0] - _AUTHOR_REACH)
            high = max(high, quoted[at][1] + _AUTHOR_REACH)
    return low, high


class _MentionSpans:
    """Every mention's span and entity, ranked as ``_owners`` reads them (a word in two
    mentions is the first one's), and found by where they start: a batch of pronouns builds
    the owners of the words it reads (``_reach``), not of the whole article's (on a 10 MB
    article a dict of a few hundred thousand words and tuples). Flat arrays, no object a
    span."""

    def __init__(self, entities: list[Entity], links):
        self.span_starts = array("q", (m.start for e in entities for m in e.mentions))
        self.span_starts.extend(link_.mention.start for link_ in links)
        self.span_ends = array("q", (m.end for e in entities for m in e.mentions))
        self.span_ends.extend(link_.mention.end for link_ in links)
        self.entities = [e for e in entities for _ in e.mentions]
        self.entities += [link_.entity for link_ in links]
        self.by_start = array("q", sorted(range(len(self.entities)),
                                          key=self.span_starts.__getitem__))
        self.starts = array("q", (self.span_starts[rank] for rank in self.by_start))
        self.longest = max((end - start for start, end in zip(self.span_starts, self.span_ends)),
                           default=0)

    def owners(self, analysis: Analysis, low: int, high: int) -> dict[int, tuple[Entity, int]]:
        """``_owners`` of every word in ``[low, high)`` (and of the rest of the mentions
        holding one)."""
        first = bisect_left(self.starts, low - self.longest)
        stop = bisect_left(self.starts, high)
        ranks = sorted(rank for rank in self.by_start[first:stop] if self.span_ends[rank] > low)
        return _owners_of(analysis, [(self.span_starts[rank], self.span_ends[rank],
                                      self.entities[rank]) for rank in ranks])


def _owners(analysis, entities: list[Entity], links) -> dict[int, tuple[Entity, int]]:
    """Token → (entity, head token of the mention holding it), over the whole article."""
    return _MentionSpans(entities, links).owners(analysis, 0, len(analysis.text))


def _owners_of(analysis, spans: list[tuple[int, int, Entity]]) -> dict[int, tuple[Entity, int]]:
    """Token → (entity, head token of the mention holding it), the first span's."""
    owner: dict[int, tuple[Entity, int]] = {}
    tokens = analysis.tokens
    for start, end, entity in spans:
        inside = analysis.tokens_between(start, end)
        if not len(inside):
            continue
        head = next((i for i in inside if not inside.start <= tokens[i].head < inside.stop),
                    inside.start)
        for i in inside:
            owner.setdefault(i, (entity, head))
    return owner


def _candidates(analysis, sent: int, owner, open_at: set[int]) -> list[Candidate]:
    """The phrases of one sentence a later pronoun may refer to, each with what it stands
    for: noun phrases (an entity's when its head is in a mention, or a person's name stands in
    apposition to it: "министр финансов Антон Силуанов"), and pronouns."""
    tokens = analysis.tokens
    sentence = analysis.sentences[sent]
    first, stop = sentence.first, sentence.stop
    low = list(range(first, stop))
    high = list(range(first, stop))
    whole = {}          # a word heading "А и Б": the span of the whole coordination
    for i in range(first, stop):      # every word widens the span of each word above it
        at, head, steps, joined = i, tokens[i].head, 0, False
        while first <= head < stop and steps < 40:
            joined = joined or tokens[at].rel == "conj"
            if joined:    # "Илон Маск и Джефф Безос": the first name's phrase ends before "и"
                span = whole.setdefault(head, [head, head])
                span[0], span[1] = min(span[0], i), max(span[1], i)
            else:
                low[head - first] = min(low[head - first], i)
                high[head - first] = max(high[head - first], i)
            at, head, steps = head, tokens[head].head, steps + 1
    found = []
    for i in range(first, stop):
        token = tokens[i]
        if i in open_at:
            found.append(Candidate(token.start, token.end, i))
            continue
        mine = owner.get(i)
        if token.pos == "PRON" and token.text.lower() in PRONOUN_FORMS:
            found.append(Candidate(token.start, token.end, mine[0] if mine else None))
            continue
        if (token.pos not in _NOUNS and not token.rel.startswith("nsubj")) \
                or token.rel in _ATTACHED or not token.text[:1].isalnum():
            continue      # (a subject of any part of speech: "Один из раненых сообщил")
        if mine is not None and mine[1] != i:
            continue          # a word inside a name ("обороны" of "Министерство обороны")
        a, b = low[i - first], high[i - first]
        while a < i and (tokens[a].rel in _OUTSIDE or tokens[a].pos == "PUNCT"):
            a += 1        # "о прибыли": the phrase, not its preposition
        while b > i and tokens[b].pos == "PUNCT" and tokens[b].text not in CLOSING_QUOTES:
            b -= 1        # (a closing mark stays: "компания «Газпром»")
        if b - a + 1 > MAX_PHRASE_TOKENS:
            a = b = i
        found.append(Candidate(tokens[a].start, tokens[b].end,
                               _target_of(analysis, i, owner, open_at)))
        if i in whole:    # the coordination is several things: no one entity
            a, b = min(a, whole[i][0]), max(b, whole[i][1])
            if b - a + 1 <= MAX_PHRASE_TOKENS:
                found.append(Candidate(tokens[a].start, tokens[b].end, None))
    return found


def _target_of(analysis, index: int, owner, open_at: set[int]) -> object:
    """What the phrase headed by the word at ``index`` stands for: the entity of a mention
    holding it, or of a name in apposition to it; an open pronoun (its token); else None."""
    if index in open_at:
        return index
    mine = owner.get(index)
    if mine is not None:
        return mine[0]
    for child in analysis.children(index):
        if analysis.tokens[child].rel in ("appos", "flat:name") and child in owner \
                and owner[child][1] == child:
            return owner[child][0]
    return None


def _clause_subject(analysis, index: int) -> int | None:
    """The subject "свой"/"себя" is bound by: the subject of the nearest verb above it that
    has one ("правительство выполнит свои обещания"); an infinitive or a participle takes its
    governing verb's ("поручил ему подготовить доклад о своей работе" is left to the ranker:
    the binder is the object there, not the subject)."""
    tokens = analysis.tokens
    head, steps = tokens[index].head, 0
    while head >= 0 and steps < 40:
        subjects = [c for c in analysis.children(head) if tokens[c].rel in ("nsubj", "nsubj:pass")]
        if subjects:
            return subjects[0]
        if tokens[head].rel in ("xcomp", "acl", "advcl", "acl:relcl", "ccomp", "parataxis"):
            return None   # a controlled or embedded clause: who binds it is not plain here
        head, steps = tokens[head].head, steps + 1
    return None


# First-person words inside a direct quote: whose they are, by the speaker's type
_FIRST_PERSON = {"PER": first_person.SINGULAR, "ORG": first_person.PLURAL}


def _speaker_of_first_person(analysis, quoted: list[tuple[int, int]], subject: int, owner
                             ) -> Entity | None:
    """"«Я сделаю всё для своей страны», — заявил Путин": "своей" is bound by "Я", and "Я"
    is whoever says the «…» — the one speaker the author's words name next to it, a person
    for "я", an organization for "мы" (as ``speech_pronouns`` reads them)."""
    word = analysis.tokens[subject].text.lower()
    speakers = quote_speakers(analysis, quoted, analysis.tokens[subject].start, owner)
    if len(speakers) != 1 or speakers[0].type not in _FIRST_PERSON \
            or word not in _FIRST_PERSON[speakers[0].type]:
        return None
    return speakers[0]


def speech_pronouns(analysis: Analysis, entities: list[Entity], quotes) -> list[Entity]:
    """Entities with the first-person words of direct quotes as their speaker's pronoun
    mentions (``pronoun:speaker``): "«Я не подпишу этот закон», — заявил Путин" → "Я" is
    Путин; "мы" and "наш" are an organization's ("«Мы готовы», — сообщили в МИД"), and a
    person's are the body their title names (``first_person.quote_mentions``). Quotes read the resolver, so this runs after them
    and returns new entities (as ``with_tones`` does), the quotes' entity ids unchanged."""
    from dataclasses import replace

    by_id = {entity.id: entity for entity in entities}
    added: dict[str, list[Mention]] = {}
    bodies: dict = {}
    for quote in quotes:
        speaker = by_id.get(quote.speaker)
        if speaker is None or quote.kind not in first_person.QUOTE_KINDS:
            continue
        for entity, mention in first_person.quote_mentions(analysis, quote, speaker, entities,
                                                            bodies):
            added.setdefault(entity.id, []).append(mention)
    if not added:
        return entities
    result, before = [], -1
    for entity in entities:
        extra = added.get(entity.id)
        if extra:
            # ids follow first mentions: a word before the previous entity's first is left out
            taken = {(m.start, m.end) for m in entity.mentions}
            mentions = entity.mentions + [m for m in extra if (m.start, m.end) not in taken
                                          and m.start > before]
            entity = replace(entity, mentions=sorted(mentions, key=lambda m: (m.start, m.end)))
        before = min(m.start for m in entity.mentions)
        result.append(entity)
    return result
