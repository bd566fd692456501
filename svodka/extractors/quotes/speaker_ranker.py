"""A trained speaker re-ranker: after the rules have named each quote's speaker, a model
scores every entity in reach (and "nobody") and overrides the rules only where it is much
surer than it is of their choice.

    quotes = rerank_speakers(analysis, entities, quotes)

Candidates of a quote: the entities (the resolver's clusters) with a mention in the quote's
sentences, the three sentences before and the one after; the previous quote's speaker; the
rules' own choice; and nobody. Every feature is read from the shared analysis and the rules'
output (``FEATURES``). The model (``svodka/data/models/quote_speaker_ranker.npz``, trained
by ``svodka train speakers`` on the project's own quote gold) is gradient-boosted trees
exported to plain arrays and walked with numpy by the coreference ranker's ``TreeEnsemble``;
it is loaded once per process, and without the file the rules' speakers stand.
"""
from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from svodka.analysis import Analysis
from svodka.data import load_set
from svodka.extractors.coref.ranker import TreeEnsemble
from svodka.record import Entity, Quote
from svodka.text import fold

log = logging.getLogger(__name__)

MODEL_FILE = "quote_speaker_ranker.npz"
SENTENCES_BEFORE = 3
SENTENCES_AFTER = 1
NO_DISTANCE = 999

FEATURES = (
    "nobody", "rules' choice", "rules chose nobody", "in the rules' speaker phrase",
    "relation under the cue", "steps below the cue", "case", "position to the quote",
    "token distance to the quote", "token distance to the cue", "sentence distance",
    "same paragraph", "inside another quote", "entity type", "mention kind",
    "entity mentions", "entity first sentence", "entity mentions in reach",
    "previous quote's speaker", "earlier quotes spoken", "outlet", "cue known", "quote kind",
    "rule", "candidates", "gender agreement with the cue", "mention tokens",
    "speaker phrase found", "speaker phrase is a pronoun", "sentences since the previous quote",
    "previous quote in the same paragraph", "previous quote has a speaker",
    "nearness rank to the cue", "nearness rank among people before the quote",
    "head relation", "subject of the sentence before",
    "phrase head part of speech", "phrase head number", "phrase head class",
    "gender agreement with the phrase",
)
_POS = {"PRON": 1, "NOUN": 2, "PROPN": 3, "ADJ": 4, "DET": 5}
_NUMBERS = {"Sing": 1, "Plur": 2}
_PRONOUNS = frozenset("он она они его ее её их ему ей им".split())

_RELATIONS = {"nsubj": 1, "nsubj:pass": 1, "obl": 2, "iobj": 3, "nmod": 4, "obj": 5,
              "appos": 6, "conj": 7, "advcl": 8, "parataxis": 9, "acl": 10}
_CASES = {"Nom": 1, "Gen": 2, "Dat": 3, "Acc": 4, "Ins": 5, "Loc": 6}
_TYPES = {"PER": 1, "ORG": 2, "LOC": 3}
_KINDS = {"name": 1, "title": 2, "pronoun": 3}
_GENDERS = {"Masc": 1, "Fem": 2, "Neut": 3}
_RULES = ("postposed_dash", "postposed_comma", "split_quote", "colon_cue", "according_to",
          "name_colon", "colon_clause", "as_cue", "that_quoted", "unmarked_dash",
          "colon_unmarked", "according_to_which", "cue_that", "cue_comma_clause", "inverted",
          "parenthetical", "parenthetical_speech", "fronted_that", "bracketed_speech")
_RULE_CODES = {name: code for code, name in enumerate(_RULES, 1)}


@dataclass(slots=True)
class SpeakerCandidate:
    """One possible speaker of a quote: an entity (through its mention nearest the cue) or
    nobody (``entity`` None)."""
    entity: Entity | None
    mention: tuple[int, int] | None
    row: list[float]


@dataclass(slots=True)
class _Mentions:
    """Every entity mention of the article in text order, with its sentence."""
    starts: list[int]
    spans: list[tuple[int, int, int, str]]    # start, end, entity index, kind
    sentences: list[int]

    @classmethod
    def build(cls, analysis: Analysis, entities: list[Entity]) -> "_Mentions":
        spans = sorted((m.start, m.end, e, m.kind) for e, entity in enumerate(entities)
                       for m in entity.mentions)
        sentences = []
        for start, *_ in spans:
            sent = analysis.sentence_of(start)
            sentences.append(sent if sent is not None else -1)
        return cls([s[0] for s in spans], spans, sentences)


def _token_range(analysis: Analysis, start: int, end: int) -> range:
    inside = analysis.tokens_between(start, end)
    if not len(inside):
        at = analysis.token_at(start)
        inside = range(at, at + 1) if at is not None else range(0)
    return inside


def _head(analysis: Analysis, inside: range) -> int:
    tokens = analysis.tokens
    return next((i for i in inside if not inside.start <= tokens[i].head < inside.stop),
                inside.start) if len(inside) else -1


def _under_cue(analysis: Analysis, head: int, cue: int) -> tuple[int, int]:
    """The relation of the path's top word to the cue, and how many steps below the cue the
    word lies ((0, 99) when the cue is not above it)."""
    tokens = analysis.tokens
    at, steps = head, 0
    while at >= 0 and steps < 12:
        parent = tokens[at].head
        steps += 1
        if parent == cue:
            return _RELATIONS.get(tokens[at].rel, 11), steps
        at = parent
    return 0, 99


def _sentence_span(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    first = analysis.sentence_of(start)
    last = analysis.sentence_of(max(start, end - 1))
    first = first if first is not None else (last if last is not None else 0)
    return first, last if last is not None else first


@lru_cache(maxsize=1)
def _phrase_classes() -> dict[str, int]:
    """Speaker-phrase head lemmas by what they name: no one (1), an organization's voice (2),
    a representative (3), a media outlet (4)."""
    from svodka.data import load_list
    classes = {}
    for code, name in ((4, "quote_media_nouns.txt"), (3, "quote_representatives.txt"),
                       (2, "quote_org_nouns.txt"), (1, "quote_anonymous.txt")):
        classes.update({line.strip().lower(): code for line in load_list(name)
                        if line.strip() and not line.startswith("#")})
    return classes


def quote_candidates(analysis: Analysis, entities: list[Entity], quotes: list[Quote],
                     index: int, mentions: "_Mentions | None" = None) -> list[SpeakerCandidate]:
    """The candidates of ``quotes[index]``, nobody first, each with its feature row."""
    mentions = mentions or _Mentions.build(analysis, entities)
    quote = quotes[index]
    by_id = {entity.id: e for e, entity in enumerate(entities)}
    tokens = analysis.tokens
    cue = analysis.token_at(quote.cue_span[0]) if quote.cue_span else None
    low = min(quote.start, quote.cue_span[0]) if quote.cue_span else quote.start
    high = max(quote.end, quote.cue_span[1]) if quote.cue_span else quote.end
    first_sent, last_sent = _sentence_span(analysis, low, high)
    reach_first = max(0, first_sent - SENTENCES_BEFORE)
    reach_last = min(len(analysis.sentences) - 1, last_sent + SENTENCES_AFTER)
    reach = range(bisect_left(mentions.starts, analysis.sentences[reach_first].start),
                  bisect_left(mentions.starts, analysis.sentences[reach_last].end))
    quote_first = analysis.tokens_between(quote.start, quote.end)
    quote_tokens = (quote_first.start, quote_first.stop) if len(quote_first) else (0, 0)
    quote_region = analysis.sentences[first_sent].region if analysis.sentences else -1
    cue_gender = _GENDERS.get(tokens[cue].feats.get("Gender"), 0) if cue is not None else 0
    previous = quotes[index - 1].speaker if index else None
    spoken: dict[str, int] = {}
    for earlier in quotes[:index]:
        if earlier.speaker:
            spoken[earlier.speaker] = spoken.get(earlier.speaker, 0) + 1
    other_quotes = [(q.start, q.end) for k, q in enumerate(quotes) if k != index]
    other_starts = [q[0] for q in other_quotes]

    in_reach: dict[int, list[int]] = {}
    for at in reach:
        in_reach.setdefault(mentions.spans[at][2], []).append(at)
    for entity_id in (previous, quote.speaker):
        e = by_id.get(entity_id) if entity_id else None
        if e is not None and e not in in_reach:
            # outside the window: its mention nearest the quote stands for it
            own = [k for k, span in enumerate(mentions.spans) if span[2] == e]
            if own:
                in_reach[e] = [min(own, key=lambda k: abs(mentions.starts[k] - low))]

    speaker_span = quote.speaker_span
    anchor = tokens[cue].start if cue is not None else low
    shared = [float(quote.cue_span is not None), 1.0 if quote.kind == "direct" else 2.0,
              float(_RULE_CODES.get((quote.rule or "").split(":")[-1], 0)),
              float(len(in_reach))]
    rule_nobody = float(quote.speaker is None)
    since, same_paragraph = 99, False
    if index:
        before = quotes[index - 1]
        last_before = analysis.sentence_of(max(before.start, before.end - 1))
        if last_before is not None:
            since = first_sent - last_before
            same_paragraph = analysis.sentences[last_before].region == quote_region
    phrase_head = _head(analysis, _token_range(analysis, *speaker_span)) if speaker_span \
        else -1
    phrase_feats = tokens[phrase_head].feats if phrase_head >= 0 else {}
    phrase_gender = _GENDERS.get(phrase_feats.get("Gender"), 0)
    phrase = [float(_POS.get(tokens[phrase_head].pos, 6)) if phrase_head >= 0 else 0.0,
              float(_NUMBERS.get(phrase_feats.get("Number"), 0)),
              float(_phrase_classes().get(analysis.lemma(phrase_head), 0))
              if phrase_head >= 0 else 0.0]
    quote_level = [float(speaker_span is not None),
                   float((quote.speaker_text or "").strip().lower() in _PRONOUNS),
                   float(since), float(same_paragraph),
                   float(index > 0 and quotes[index - 1].speaker is not None)]
    nobody_row = [1.0, rule_nobody, rule_nobody, 0.0, 0.0, 99.0, 0.0, 0.0, NO_DISTANCE,
                  NO_DISTANCE, 99.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                  *shared, 0.0, 0.0, *quote_level, 0.0, 0.0, 0.0, 0.0, *phrase, 0.0]
    candidates = [SpeakerCandidate(None, None, nobody_row)]
    for e, positions in sorted(in_reach.items()):
        entity = entities[e]
        outside = [k for k in positions
                   if not quote.start <= mentions.starts[k] < quote.end] or positions
        chosen = min(outside, key=lambda k: abs(mentions.starts[k] - anchor))
        start, end, _, kind = mentions.spans[chosen]
        inside = _token_range(analysis, start, end)
        head = _head(analysis, inside)
        relation, steps = _under_cue(analysis, head, cue) if cue is not None and head >= 0 \
            else (0, 99)
        feats = tokens[head].feats if head >= 0 else {}
        if start >= quote.end:
            position, gap = 1.0, (inside.start - quote_tokens[1]) if len(inside) else 0
        elif end <= quote.start:
            position, gap = -1.0, (quote_tokens[0] - inside.stop) if len(inside) else 0
        else:
            position, gap = 0.0, 0
        sent = mentions.sentences[chosen]
        holder = bisect_right(other_starts, start) - 1
        in_other = holder >= 0 and other_quotes[holder][1] > start
        gender = _GENDERS.get(feats.get("Gender"), 0)
        entity_first = analysis.sentence_of(min((m.start for m in entity.mentions),
                                                default=start))
        if sent < 0:
            distance = 99
        else:
            distance = sent - first_sent if sent < first_sent else max(0, sent - last_sent)
        in_phrase = speaker_span is not None and any(
            mentions.spans[k][0] < speaker_span[1] and speaker_span[0] < mentions.spans[k][1]
            for k in positions)
        row = [
            0.0, float(entity.id == quote.speaker), rule_nobody, float(in_phrase),
            float(relation), float(steps), float(_CASES.get(feats.get("Case"), 0)), position,
            float(max(gap, 0)),
            float(abs(head - cue)) if cue is not None and head >= 0 else NO_DISTANCE,
            float(distance),
            float(sent >= 0 and analysis.sentences[sent].region == quote_region),
            float(in_other), float(_TYPES.get(entity.type, 4)), float(_KINDS.get(kind, 0)),
            float(len(entity.mentions)), float(entity_first if entity_first is not None else 99),
            float(len(positions)), float(entity.id == previous),
            float(spoken.get(entity.id, 0)), float(fold(entity.name) in load_set("quote_outlets.txt")),
            *shared,
            float(0 if not gender or not cue_gender else (1 if gender == cue_gender else -1)),
            float(len(inside)), *quote_level,
            float(abs(start - anchor) + 1),     # made a rank below, once every candidate is seen
            float(low - end + 1 if position < 0 and entity.type == "PER" else 0),
            float(_RELATIONS.get(tokens[head].rel, 11) if head >= 0 else 0),
            float(head >= 0 and tokens[head].rel in ("nsubj", "nsubj:pass")
                  and sent == first_sent - 1),
            *phrase,
            float(0 if not gender or not phrase_gender else (1 if gender == phrase_gender else -1)),
        ]
        candidates.append(SpeakerCandidate(entity, (start, end), row))
    _to_ranks(candidates, FEATURES.index("nearness rank to the cue"))
    _to_ranks(candidates, FEATURES.index("nearness rank among people before the quote"))
    return candidates


def _to_ranks(candidates: list[SpeakerCandidate], column: int) -> None:
    """Replace a column's distances by their rank among the entity candidates (1 nearest);
    a 0 (no distance: not such a candidate) stays 0."""
    order = sorted((c.row[column], i) for i, c in enumerate(candidates)
                   if c.entity is not None and c.row[column] != 0)
    for rank, (_, i) in enumerate(order, 1):
        candidates[i].row[column] = float(rank)


def article_candidates(analysis: Analysis, entities: list[Entity], quotes: list[Quote]
                       ) -> list[list[SpeakerCandidate]]:
    """The candidates of every quote (one mention index for the article)."""
    mentions = _Mentions.build(analysis, entities)
    return [quote_candidates(analysis, entities, quotes, i, mentions)
            for i in range(len(quotes))]


def choose(scores: list[float], rules_choice: int, margin: float) -> int:
    """The candidate to keep: the model's best when it beats the rules' choice by ``margin``
    (a probability difference), else the rules' choice."""
    best = max(range(len(scores)), key=scores.__getitem__)
    return best if scores[best] - scores[rules_choice] >= margin else rules_choice


def rules_choice(candidates: list[SpeakerCandidate]) -> int:
    return next((i for i, c in enumerate(candidates) if c.row[1] == 1.0), 0)


@dataclass(slots=True)
class SpeakerModel:
    trees: TreeEnsemble
    margin: float


def read_model(stream) -> SpeakerModel | None:
    """A model written by ``svodka train speakers``; ``None`` when it was trained on other
    features than this code reads."""
    import numpy

    with numpy.load(stream, allow_pickle=False) as arrays:
        model = SpeakerModel(TreeEnsemble.from_arrays(arrays), float(arrays["margin"][0]))
    if model.trees.features != FEATURES:
        log.warning("%s was trained on other features; the quote speaker re-ranker is off",
                    MODEL_FILE)
        return None
    return model


@lru_cache(maxsize=1)
def load_model() -> SpeakerModel | None:
    """The installed model, or ``None`` when its file is absent (the rules' speakers stand)."""
    resource = resources.files("svodka.data").joinpath("models", MODEL_FILE)
    if not resource.is_file():
        log.info("no %s: the quote speaker re-ranker is off", MODEL_FILE)
        return None
    with resource.open("rb") as stream:
        return read_model(stream)


def rerank_speakers(analysis: Analysis, entities: list[Entity], quotes: list[Quote],
                    model: SpeakerModel | None = None) -> list[Quote]:
    """The quotes with each speaker the model overrides replaced; the same list when no model
    is installed."""
    model = model or load_model()
    if model is None or not quotes:
        return quotes
    groups = article_candidates(analysis, entities, quotes)
    scores = model.trees.predict_proba([c.row for group in groups for c in group])
    result, at = [], 0
    for quote, group in zip(quotes, groups):
        own = [float(s) for s in scores[at:at + len(group)]]
        at += len(group)
        picked = choose(own, rules_choice(group), model.margin)
        candidate = group[picked]
        entity = candidate.entity
        if picked == rules_choice(group) or (entity and entity.id == quote.speaker):
            result.append(quote)
            continue
        span = candidate.mention
        result.append(replace(
            quote, speaker=entity.id if entity else None,
            speaker_name=entity.name if entity else None,
            speaker_text=analysis.text[span[0]:span[1]] if span else None, speaker_span=span,
            rule=f"{quote.rule}+ranker", co_speakers=[]))
    return result
