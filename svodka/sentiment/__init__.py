"""Tone toward an entity mention: −1 (written about badly), 0, +1 (well), with its evidence.

    >>> import svodka
    >>> text = "Суд признал Иванова виновным в мошенничестве."
    >>> svodka.tone(text, 12, 19).tone  # doctest: +SKIP
    -1

The model (``svodka/data/tone-rusentne.npz``) is a logistic regression trained on
RuSentNE-2023 by ``svodka train tone``; :mod:`svodka.sentiment.features` says what it reads.
``tone_evidence`` is the word that pushed the model hardest toward its answer, and
``tone_source`` says whose opinion it is: ``quote`` (inside a quote, with the quote's
index), ``author`` (a tone word from svodka's lists in the author's text) or ``implicit``
(no tone word: an action such as «уволил», a context the model learned).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from svodka.analysis import Analysis
from svodka.sentiment.data import ToneItem, analyze_items, chunks

if TYPE_CHECKING:   # numpy loads with the model, not with `import svodka` (svodka/cli sets
    # the BLAS threads before numpy loads)
    from svodka.sentiment.features import MentionView
    from svodka.sentiment.model import ToneModel

__all__ = ["MentionTone", "ToneItem", "tone", "tone_items", "tone_mentions", "mention_tones",
           "judge"]

# Lines judged in one language pass by tone_items: slovnet is much faster in batches.
BATCH = 256


@dataclass(slots=True)
class MentionTone:
    tone: int                                   # -1 | 0 | 1
    evidence: tuple[int, int] | None = None     # the words that carry it
    source: str | None = None                   # author | quote | implicit (None when 0)
    quote: int | None = None                    # index in the record's quotes when "quote"

    def to_dict(self, text: str | None = None) -> dict:
        data: dict = {"tone": self.tone, "tone_source": self.source}
        if self.evidence is not None:
            start, end = self.evidence
            data["tone_evidence"] = {"start": start, "end": end,
                                     **({"text": text[start:end]} if text is not None else {})}
        else:
            data["tone_evidence"] = None
        if self.quote is not None:
            data["tone_quote"] = self.quote
        return data


# Where a tone word stands relative to the mention, closest first.
_PLACES = ("head", "child", "path", "window", "sentence")


def _evidence(analysis: Analysis, view: MentionView, model: ToneModel, label: int) -> int | None:
    """The closest tone word of the same polarity; failing one, the token whose features
    push hardest toward ``label`` rather than neutral."""
    agreeing = [hit for hit in view.hits if hit.polarity == label]
    if agreeing:
        return min(agreeing, key=lambda hit: _PLACES.index(hit.place)).token
    best, best_push = None, 0.0
    for index, names in view.token_features.items():
        push = sum(model.weight(name, label) for name in names)
        if push > best_push:
            best, best_push = index, push
    return best


def judge(analysis: Analysis, start: int, end: int, kind: str = "",
          quotes: Sequence[tuple[int, int]] = (), model: ToneModel | None = None
          ) -> MentionTone:
    """Tone of the mention ``[start, end)`` of an analysed text; ``quotes`` are the spans of
    the text's quotes (offsets into the same text), in record order."""
    from svodka.sentiment.features import mention_view, tone_words
    from svodka.sentiment.model import load_model

    view = mention_view(analysis, start, end, kind)
    if view is None:
        return MentionTone(0)
    model = model or load_model()
    label = model.predict(view)
    if label == 0:
        return MentionTone(0)
    token = _evidence(analysis, view, model, label)
    evidence = (analysis.tokens[token].start, analysis.tokens[token].end) \
        if token is not None else None
    anchor = evidence or (start, end)
    for number, (q_start, q_end) in enumerate(quotes):
        if q_start <= anchor[0] and anchor[1] <= q_end or q_start <= start and end <= q_end:
            return MentionTone(label, evidence, "quote", number)
    if "in_quotes" in view.features:
        return MentionTone(label, evidence, "quote")
    words = tone_words()
    if token is not None and words.polarity(analysis.lemma(token)):
        return MentionTone(label, evidence, "author")
    return MentionTone(label, evidence, "implicit")


def tone_items(items: Iterable[ToneItem], model: ToneModel | None = None
               ) -> Iterator[tuple[ToneItem, MentionTone]]:
    """Judge many mentions, a batch of texts per language pass; evidence offsets are
    relative to each item's own text."""
    from svodka.sentiment.model import load_model

    model = model or load_model()
    for chunk in chunks(items, BATCH):
        batch = analyze_items(chunk)
        for item, offset in zip(chunk, batch.offsets):
            found = judge(batch.analysis, offset + item.start, offset + item.end, item.kind,
                          model=model)
            if found.evidence is not None:
                found.evidence = (found.evidence[0] - offset, found.evidence[1] - offset)
            yield item, found


def tone(text: str, start: int, end: int, kind: str = "") -> MentionTone:
    """Tone toward the entity at ``text[start:end]`` (a sentence or a paragraph)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
    return next(tone_items([ToneItem("", text, start, end, kind)]))[1]


def tone_mentions(analysis: Analysis, entities, quotes) -> dict[tuple[int, int], MentionTone]:
    """Tone of every mention the record's entities hold (names, titles, pronouns alike),
    keyed by the mention's span; nothing is edited, the pipeline assembles."""
    from svodka.sentiment.model import load_model

    quote_spans = [(q.start, q.end) for q in quotes]
    model = load_model()
    tones: dict[tuple[int, int], MentionTone] = {}
    for entity in entities:
        for mention in entity.mentions:
            kind = entity.type if mention.kind == "name" else mention.kind
            tones[(mention.start, mention.end)] = judge(
                analysis, mention.start, mention.end, kind, quote_spans, model)
    return tones


def mention_tones(analysis: Analysis, entities, quotes) -> Iterator[MentionTone]:
    """The tone of each mention of ``entities``, entity by entity in their order, as
    :func:`tone_mentions` gives it for the mention's span: where two mentions share a span,
    both get the tone the later is judged with. Judged as they are asked for, so a long
    article's tones are not held in one table beside its mentions."""
    from svodka.sentiment.model import load_model

    quote_spans = [(q.start, q.end) for q in quotes]
    model = load_model()
    shared = _shared_span_kinds(entities, len(analysis.text) + 1)
    for entity in entities:
        for mention in entity.mentions:
            kind = entity.type if mention.kind == "name" else mention.kind
            if shared:
                kind = shared.get((mention.start, mention.end), kind)
            yield judge(analysis, mention.start, mention.end, kind, quote_spans, model)


def _shared_span_kinds(entities, stride: int) -> dict[tuple[int, int], str]:
    """The kind the last mention of a span is judged as, for the spans two mentions share:
    found over one int per mention rather than a table of every span."""
    import numpy as np

    keys = np.fromiter((m.start * stride + m.end for e in entities for m in e.mentions),
                       dtype=np.int64)
    values, counts = np.unique(keys, return_counts=True)
    repeated = set(values[counts > 1].tolist())
    kinds: dict[tuple[int, int], str] = {}
    if repeated:
        for entity in entities:
            for mention in entity.mentions:
                if mention.start * stride + mention.end in repeated:
                    kinds[(mention.start, mention.end)] = \
                        entity.type if mention.kind == "name" else mention.kind
    return kinds
