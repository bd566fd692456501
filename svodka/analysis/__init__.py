"""The shared language pass: tokens, sentences, morphology, syntax and NER, computed once.

Every extractor reads an :class:`Analysis`; none of them runs a model of its own. The pass
works region by region (headline, dateline, paragraphs from the layout), so no token,
sentence or NER span ever crosses a paragraph. A paragraph may hold newlines (the lines of one
sentence the dump cut at links, joined by ``svodka.layout.lines``): razdel and slovnet read
them as spaces, so a sentence, a name or a cue's subject is seen whole across them.

The public API an extractor uses:

- ``analysis.text``, ``.regions`` (:class:`Region`: start, end, kind), ``.tokens``,
  ``.sentences``, ``.ner``;
- the offset index: :meth:`Analysis.token_at`, :meth:`Analysis.sentence_of`,
  :meth:`Analysis.region_of`, :meth:`Analysis.tokens_between`, :meth:`Analysis.sentence_tokens`;
- syntax: ``token.head``, ``token.rel``, :meth:`Analysis.children`;
- morphology: :meth:`Analysis.lemma` for a token, ``analysis.morph`` (:class:`Morphology`)
  for any word — the only pymorphy an extractor touches.
"""
from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from razdel import sentenize, tokenize

from svodka.analysis.models import Models, load_models
from svodka.analysis.morphology import Morphology
from svodka.analysis.taggers import TagParts, recognize, tag_sentences
from svodka.layout import Region

__all__ = ["Analysis", "Token", "Sentence", "NerSpan", "Region", "Morphology", "analyze",
           "load_models"]

# slovnet's NER reads whole texts; very long paragraphs are fed in sentence-aligned chunks
# so memory stays flat on a 10 MB article.
_NER_CHUNK_CHARS = 3000
# A "sentence" longer than this (tables, lists with no periods) is cut for the taggers.
_MAX_SENT_TOKENS = 200


# A token's features are shared, read-only mappings: one object per distinct tag ("Case=Nom|
# Gender=Masc|Number=Sing"), not a fresh dict of fresh strings per token as slovnet hands
# them over (about 400 bytes a token, a third of a long article's memory).
_NO_FEATS: Mapping[str, str] = MappingProxyType({})
_SHARED_FEATS: dict[tuple[tuple[str, str], ...], Mapping[str, str]] = {}


def _shared_feats(feats: dict[str, str]) -> Mapping[str, str]:
    key = tuple(feats.items())
    shared = _SHARED_FEATS.get(key)
    if shared is None:
        shared = MappingProxyType({sys.intern(k): sys.intern(v) for k, v in key})
        _SHARED_FEATS[key] = shared
    return shared


@dataclass(slots=True)
class Token:
    start: int
    text: str             # exactly Analysis.text[start:end]
    sent: int
    pos: str = "X"
    feats: Mapping[str, str] = field(default_factory=lambda: _NO_FEATS)
    head: int = -1        # index of the syntactic head in Analysis.tokens, -1 for the root
    rel: str = ""
    lemma_: str | None = None

    @property
    def end(self) -> int:
        # computed, not stored: an int object per token is 28 bytes of a long article's memory
        return self.start + len(self.text)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first: int            # index of its first token
    stop: int             # index after its last token
    region: int


@dataclass(slots=True)
class NerSpan:
    start: int
    end: int
    type: str             # PER | ORG | LOC, as slovnet tags them
    text: str


@dataclass(slots=True)
class Analysis:
    text: str
    regions: list[Region]
    tokens: list[Token]
    sentences: list[Sentence]
    ner: list[NerSpan]
    models: Models
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _region_starts: list[int] = field(default_factory=list, repr=False)
    # the dependents of every token, built on the first ``children`` call (see there)
    _child_order: np.ndarray | None = field(default=None, repr=False, compare=False)
    _child_offsets: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._token_starts = [t.start for t in self.tokens]
        self._sent_starts = [s.start for s in self.sentences]
        self._region_starts = [r.start for r in self.regions]

    @property
    def morph(self) -> Morphology:
        """The morphology service: parse, lemma, inflect any word."""
        return self.models.morph

    def lemma(self, index: int) -> str:
        """Lowercase lemma of a token (ё as е), from its tags (cached)."""
        token = self.tokens[index]
        if token.lemma_ is None:
            if token.pos in ("PUNCT", "NUM", "SYM", "X") or not token.text[:1].isalpha():
                # one string per form, as the texts are: numbers and marks repeat
                token.lemma_ = sys.intern(token.text.lower())
            else:
                token.lemma_ = self.morph.lemma(token.text, token.pos,
                                                tuple(sorted(token.feats.items())))
        return token.lemma_

    def tokens_between(self, start: int, end: int) -> range:
        """Indices of the tokens lying inside ``[start, end)``."""
        first = bisect_left(self._token_starts, start)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return range(first, last)

    def first_token_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (``len(tokens)`` if none)."""
        return bisect_left(self._token_starts, offset)

    def token_at(self, offset: int) -> int | None:
        """Index of the token holding the character at ``offset``, or None (a space)."""
        index = bisect_right(self._token_starts, offset) - 1
        if index >= 0 and self.tokens[index].start <= offset < self.tokens[index].end:
            return index
        return None

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset`` (or the space right before its end)."""
        index = bisect_right(self._sent_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return index
        return None

    def region_of(self, offset: int) -> int | None:
        """Index of the region holding ``offset``, or None (a credit line, a blank line)."""
        index = bisect_right(self._region_starts, offset) - 1
        if index >= 0 and offset < self.regions[index].end:
            return index
        return None

    def sentence_tokens(self, index: int) -> range:
        """Indices of the tokens of sentence ``index``."""
        sentence = self.sentences[index]
        return range(sentence.first, sentence.stop)

    def children(self, index: int) -> list[int]:
        """Indices of the tokens whose syntactic head is token ``index``, in text order.

        Extractors ask this millions of times on a long article, so the tokens are ordered by
        their head once (two int arrays, 8 bytes a token) instead of a scan of the sentence a
        call."""
        if self._child_order is None:
            heads = np.fromiter((t.head for t in self.tokens), dtype=np.int64,
                                count=len(self.tokens))
            self._child_order = np.argsort(heads, kind="stable").astype(np.int32)
            # tokens with no head (-1) first: offsets[h + 1] .. offsets[h + 2] are h's
            self._child_offsets = np.concatenate(
                ([0], np.cumsum(np.bincount(heads + 1, minlength=len(self.tokens) + 1))))
        sent = self.tokens[index].sent
        found = self._child_order[self._child_offsets[index + 1]:self._child_offsets[index + 2]]
        return [i for i in found.tolist() if self.tokens[i].sent == sent]


def _segment(text: str, regions: Sequence[Region]):
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    # one string object per distinct word form of the article: a long article repeats its
    # words (and razdel hands each token a fresh string)
    forms: dict[str, str] = {}
    for region_index, region in enumerate(regions):
        r_start, r_end = region.start, region.end
        region_text = text[r_start:r_end]
        for sent in sentenize(region_text):
            s_start = r_start + sent.start
            words = list(tokenize(sent.text))
            for piece in range(0, max(len(words), 1), _MAX_SENT_TOKENS):
                chunk = words[piece:piece + _MAX_SENT_TOKENS]
                if not chunk:
                    continue
                first, sentence_index = len(tokens), len(sentences)   # one int object a sentence
                for word in chunk:
                    tokens.append(Token(s_start + word.start,
                                        forms.setdefault(word.text, word.text), sentence_index))
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first,
                                          len(tokens), region_index))
    return tokens, sentences


# a tagger's tags parsed once per process (the tagger is kept with them, so its id stays its own)
_TAG_PARTS: dict[int, tuple[object, TagParts]] = {}


def _tag_parts(models: Models) -> TagParts:
    tagger = models.morph_tagger
    if id(tagger) not in _TAG_PARTS:
        _TAG_PARTS[id(tagger)] = (tagger, TagParts(tagger.infer.decoder.tags_vocab, _shared_feats,
                                                   sys.intern))
    return _TAG_PARTS[id(tagger)][1]


def _tag(models: Models, tokens: list[Token], sentences: list[Sentence], syntax: bool) -> None:
    form_index: dict[str, int] = {}
    form_ids = np.fromiter((form_index.setdefault(t.text, len(form_index)) for t in tokens),
                           dtype=np.int64, count=len(tokens))
    spans = [(s.first, s.stop) for s in sentences]
    for index, parts, head_ids, rels in tag_sentences(
            models.morph_tagger, models.syntax_parser, form_ids, list(form_index), spans,
            _tag_parts(models), syntax):
        first, stop = spans[index]
        sentence_tokens = tokens[first:stop]
        for token, (pos, feats) in zip(sentence_tokens, parts):
            token.pos, token.feats = pos, feats
        if head_ids is None:
            continue
        heads: dict[int, int] = {}      # tokens with one head share its int
        for token, head, rel in zip(sentence_tokens, head_ids, rels):
            head = first + head - 1 if head > 0 else -1
            token.head = heads.setdefault(head, head)
            token.rel = sys.intern(rel)


def _ner_chunks(text: str, sentences: list[Sentence]):
    """Sentence-aligned chunks of one region each, at most ``_NER_CHUNK_CHARS`` long."""
    chunk_start = None
    previous = None
    for sentence in sentences:
        if chunk_start is not None and (
                sentence.region != previous.region
                or sentence.end - chunk_start.start > _NER_CHUNK_CHARS):
            yield chunk_start.start, previous.end
            chunk_start = None
        if chunk_start is None:
            chunk_start = sentence
        previous = sentence
    if chunk_start is not None:
        yield chunk_start.start, previous.end


def _recognize(models: Models, text: str, sentences: list[Sentence]) -> list[NerSpan]:
    chunks = list(_ner_chunks(text, sentences))
    spans: list[NerSpan] = []
    names: dict[str, str] = {}    # one string per name written alike: a long article repeats them
    texts = (text[s:e] for s, e in chunks)     # sliced as slovnet batches them, not all at once
    for (c_start, _), chunk_spans in zip(chunks, recognize(models.ner_tagger, texts)):
        for span in chunk_spans:
            start, end = c_start + span.start, c_start + span.stop
            name = text[start:end]
            spans.append(NerSpan(start, end, sys.intern(span.type), names.setdefault(name, name)))
    return spans


def analyze(text: str, regions: Sequence[Region | tuple[int, int]] | None = None,
            models: Models | None = None, syntax: bool = True, ner: bool = True) -> Analysis:
    """Run the language pass over ``regions`` of ``text`` (the whole text, one paragraph, by
    default; a bare ``(start, end)`` is a paragraph).

    ``ner=False`` skips slovnet's NER for callers that bring their own spans (tone over
    given mentions)."""
    models = models or load_models()
    if regions is None:
        regions = [(0, len(text))]
    regions = [r if isinstance(r, Region) else Region(*r) for r in regions]
    tokens, sentences = _segment(text, regions)
    if tokens:
        _tag(models, tokens, sentences, syntax)
    ner = _recognize(models, text, sentences) if sentences and ner else []
    return Analysis(text, regions, tokens, sentences, ner, models)
