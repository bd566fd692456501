"""What the tone model sees of one mention: words around it, its syntax, tone words, context.

Every feature is read from the shared :class:`~svodka.analysis.Analysis` (tokens, lemmas,
slovnet's syntax), so tone costs no second language pass. The sparse part is a dict of named
features (readable in ``--explain``-style dumps and in the trained model's weights); the dense
part is navec's mean vectors of the words next to the mention, of the mention, and of its
sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from svodka.analysis import Analysis
from svodka.data import load_set

# Tokens either side of the mention that count as its "window".
WINDOW = 5
# Parts of speech whose lemmas carry meaning; the rest (punctuation, prepositions, numbers)
# only add noise to the sentence-wide bag of words.
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX", "PART", "INTJ"})
_OPEN_QUOTES = "«„“\""
_CLOSE_QUOTES = "»“”\""


@dataclass(frozen=True, slots=True)
class ToneWords:
    positive: frozenset[str]
    negative: frozenset[str]
    negation: frozenset[str]
    cues: frozenset[str]

    def polarity(self, lemma: str) -> int:
        if lemma in self.positive:
            return 1
        if lemma in self.negative:
            return -1
        return 0


@lru_cache(maxsize=1)
def tone_words() -> ToneWords:
    return ToneWords(load_set("tone_positive.txt"),
                     load_set("tone_negative.txt"),
                     load_set("tone_negation.txt"),
                     load_set("quote_cues.txt"))


def navec():
    """navec's news vectors (they ship with natasha): 250,000 words × 300 dimensions — the
    copy the taggers already hold, not a second one (about 160 MB on a 10 MB article)."""
    from svodka.analysis.models import load_models
    return load_models().embedding


@dataclass(slots=True)
class ToneHit:
    """A tone word seen from a mention: which token, its polarity after negation, how close."""
    token: int
    polarity: int
    place: str          # head | path | child | window | sentence


@dataclass(slots=True)
class MentionView:
    features: dict[str, float]
    dense: np.ndarray
    hits: list[ToneHit]
    token_features: dict[int, list[str]]    # which token produced which feature (evidence)
    sentence: int = -1      # the sentence's index in the analysis: mentions of one sentence
    #                         must stay on one side of a calibration split


def _negated(analysis: Analysis, index: int, first: int, words: ToneWords) -> bool:
    """A negation word right before the token, or attached to it in the syntax."""
    for i in range(max(first, index - 2), index):
        if analysis.tokens[i].text.lower() in words.negation:
            return True
    return any(analysis.tokens[c].text.lower() in words.negation
               for c in analysis.children(index))


def _path_to_root(analysis: Analysis, index: int, limit: int = 6) -> list[int]:
    path = []
    head = analysis.tokens[index].head
    while head >= 0 and len(path) < limit and head not in path:
        path.append(head)
        head = analysis.tokens[head].head
    return path


def _mention_tokens(analysis: Analysis, start: int, end: int) -> range:
    tokens = analysis.tokens_between(start, end)
    if len(tokens):
        return tokens
    index = analysis.token_at(start)
    return range(index, index + 1) if index is not None else range(0)


def _root_of(analysis: Analysis, tokens: range) -> int:
    """The mention's own head token: the one whose syntactic head lies outside the mention."""
    for i in tokens:
        if analysis.tokens[i].head not in tokens:
            return i
    return tokens[0]


def _inside_quotes(analysis: Analysis, first: int, index: int) -> bool:
    opened = 0
    for token in analysis.tokens[first:index]:
        if token.text in _OPEN_QUOTES and token.text not in _CLOSE_QUOTES:
            opened += 1
        elif token.text in _CLOSE_QUOTES and token.text not in _OPEN_QUOTES:
            opened = max(0, opened - 1)
        elif token.text == '"':
            opened = 1 - min(opened, 1)
    return opened > 0


class MentionAnchor(NamedTuple):
    """Where a mention stands in its sentence and its tree, as both tone models read it."""
    mention: range          # the mention's tokens
    first: int              # its sentence's first token
    stop: int               # ... and the one after its last
    root: int               # the mention's syntactic root
    head: int               # the root's head (-1 at the sentence's root)
    path: list[int]         # from the root up towards the sentence's root


def mention_anchor(analysis: Analysis, start: int, end: int) -> MentionAnchor | None:
    mention = _mention_tokens(analysis, start, end)
    if not len(mention):
        return None
    sentence = analysis.sentences[analysis.tokens[mention[0]].sent]
    root = _root_of(analysis, mention)
    return MentionAnchor(mention, sentence.first, sentence.stop, root,
                         analysis.tokens[root].head, _path_to_root(analysis, root))


def mention_view(analysis: Analysis, start: int, end: int, kind: str = "") -> MentionView | None:
    """Features of the mention at ``[start, end)``; ``kind`` is its type (PER, ORG, title ...)."""
    anchor = mention_anchor(analysis, start, end)
    if anchor is None:
        return None
    mention, first, stop, root, head, path = anchor
    words = tone_words()
    tokens = analysis.tokens
    path_set = set(path)
    children = {c for h in ([head] if head >= 0 else []) for c in analysis.children(h)}
    own_children = {c for m in mention for c in analysis.children(m) if c not in mention}
    features: dict[str, float] = {"bias": 1.0, f"type:{kind}": 1.0,
                                  f"rel:{tokens[root].rel}": 1.0}
    if head >= 0:
        features[f"head:{tokens[root].rel}:{analysis.lemma(head)}"] = 1.0
        features[f"headrel:{tokens[head].rel}"] = 1.0
    if _inside_quotes(analysis, first, mention[0]):
        features["in_quotes"] = 1.0
    emb = navec()
    own_vectors = []
    token_features: dict[int, list[str]] = {}
    for m in mention:
        features[f"ent:{analysis.lemma(m)}"] = 1.0
        token_features[m] = [f"ent:{analysis.lemma(m)}"]
        vector = emb.get(tokens[m].text.lower())
        if vector is not None:
            own_vectors.append(vector)
    hits: list[ToneHit] = []
    vectors = []
    sentence_vectors = []
    # where the mention stands in its sentence, in steps of four tokens (subjects come first)
    features[f"pos:{min(4, (mention[0] - first) // 4)}"] = 1.0
    for i in range(first, stop):
        if i in mention:
            continue
        token = tokens[i]
        if token.pos not in _CONTENT_POS:
            continue
        lemma = analysis.lemma(i)
        distance = mention[0] - i if i < mention[0] else i - mention[-1]
        near = distance <= WINDOW
        features[f"w:{lemma}"] = 1.0
        names = token_features.setdefault(i, [f"w:{lemma}"])
        word_vector = emb.get(token.text.lower())
        if word_vector is not None:
            sentence_vectors.append(word_vector)
        if i == head:
            place = "head"
        elif i in path_set:
            place = "path"
        elif i in children or i in own_children:
            place = "child"
        elif near:
            place = "window"
        else:
            place = "sentence"
        if place != "sentence":
            features[f"{place}:{lemma}"] = 1.0
            names.append(f"{place}:{lemma}")
            if place == "head" and lemma in words.cues and tokens[root].rel.startswith("nsubj"):
                features["speaker"] = 1.0
        if near:
            side = "l" if i < mention[0] else "r"
            features[f"{side}:{lemma}"] = 1.0
            names.append(f"{side}:{lemma}")
            vector = word_vector if word_vector is not None else emb.get(lemma)
            if vector is not None:
                vectors.append(vector)
        if near and i + 1 < stop and i + 1 not in mention and tokens[i + 1].pos in _CONTENT_POS:
            # two-word phrases next to the mention: «не смог», «уголовное дело»
            features[f"bi:{lemma}_{analysis.lemma(i + 1)}"] = 1.0
            names.append(f"bi:{lemma}_{analysis.lemma(i + 1)}")
        polarity = words.polarity(lemma)
        if polarity:
            if _negated(analysis, i, first, words):
                polarity = -polarity
            hits.append(ToneHit(i, polarity, place))
            name = "pos" if polarity > 0 else "neg"
            features[f"lex:{name}:{place}"] = features.get(f"lex:{name}:{place}", 0.0) + 1.0
            features[f"lex:{name}"] = features.get(f"lex:{name}", 0.0) + 1.0
            names += [f"lex:{name}:{place}", f"lex:{name}"]
    if head >= 0 and head in token_features:
        token_features[head].append(f"head:{tokens[root].rel}:{analysis.lemma(head)}")
    dense = np.concatenate([_mean(vectors), _mean(own_vectors), _mean(sentence_vectors)])
    return MentionView(features, dense, hits, token_features, tokens[mention[0]].sent)


def _mean(vectors: list[np.ndarray]) -> np.ndarray:
    if not vectors:
        return np.zeros(300, dtype=np.float32)
    return np.mean(vectors, axis=0).astype(np.float32)
