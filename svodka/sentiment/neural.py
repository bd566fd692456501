"""A small recurrent tone model over the mention's sentence, run with numpy.

Each token of the sentence is its navec vector (frozen, 300 dimensions) and a few flags that
say where it stands relative to the mention (inside it, how far left or right, its syntactic
head, the path to the root, a child), whether it is a tone word (after negation), a negation,
a speech verb, inside quotation marks, and its part of speech. A bidirectional GRU reads the
sentence; the mention's own states (mean) and an attention over the sentence whose scores see
the position flags are joined with the mention's kind and mapped to the classes −1, 0, +1.

Trained with PyTorch (:mod:`svodka.sentiment.neural_train`, an optional extra); here the
forward pass is numpy only, over plain arrays saved as ``.npz``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from svodka.analysis import Analysis
from svodka.sentiment.features import (_CLOSE_QUOTES, _CONTENT_POS, _OPEN_QUOTES,
                                       _negated, mention_anchor, navec, tone_words)

# Signed token distance to the mention, in buckets: near words matter one by one, far ones less.
_DISTANCE_EDGES = (1, 2, 3, 5, 8, 13)
_POS_TAGS = ("NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "CCONJ",
             "SCONJ", "PART", "NUM", "PUNCT", "INTJ")
KINDS = ("PER", "ORG", "LOC", "title", "nationality")
TOKEN_FLAGS = (["mention", "mention_root", "head", "path", "head_child", "own_child",
                "tone_pos", "tone_neg", "negation", "cue", "in_quotes", "capital", "unknown"]
               + [f"left:{d}" for d in _DISTANCE_EDGES] + ["left:far"]
               + [f"right:{d}" for d in _DISTANCE_EDGES] + ["right:far"]
               + [f"pos:{tag}" for tag in _POS_TAGS])
_FLAG = {name: k for k, name in enumerate(TOKEN_FLAGS)}
EMBEDDING = 300


@dataclass(slots=True)
class MentionSequence:
    """The model's input for one mention: its sentence as rows of numbers."""
    vectors: np.ndarray     # (tokens, 300) navec, zeros for unknown words
    flags: np.ndarray       # (tokens, len(TOKEN_FLAGS))
    mention: np.ndarray     # (tokens,) 1.0 on the mention's tokens
    kind: np.ndarray        # (len(KINDS),) one-hot
    first: int              # the sentence's first token index in the analysis


def _after_quote_mark(opened: int, text: str) -> int:
    if text in _OPEN_QUOTES and text not in _CLOSE_QUOTES:
        return opened + 1
    if text in _CLOSE_QUOTES and text not in _OPEN_QUOTES:
        return max(0, opened - 1)
    if text == '"':
        return 1 - min(opened, 1)
    return opened


def _distance_flag(distance: int, side: str) -> str:
    for edge in _DISTANCE_EDGES:
        if distance <= edge:
            return f"{side}:{edge}"
    return f"{side}:far"


def mention_sequence(analysis: Analysis, start: int, end: int,
                     kind: str = "") -> MentionSequence | None:
    anchor = mention_anchor(analysis, start, end)
    if anchor is None:
        return None
    mention, first, stop, root, head, _ = anchor
    words = tone_words()
    emb = navec()
    tokens = analysis.tokens
    path = set(anchor.path)
    head_children = set(analysis.children(head)) if head >= 0 else set()
    length = stop - first
    vectors = np.zeros((length, EMBEDDING), dtype=np.float32)
    flags = np.zeros((length, len(TOKEN_FLAGS)), dtype=np.float32)
    inside = np.zeros(length, dtype=np.float32)
    opened = 0      # quotation marks open before the token, as _inside_quotes counts them
    for row, i in enumerate(range(first, stop)):
        token = tokens[i]
        lemma = analysis.lemma(i)
        vector = emb.get(token.text.lower())
        if vector is None:
            vector = emb.get(lemma)
        on = [f"pos:{token.pos}"]
        if vector is None:
            on.append("unknown")
        else:
            vectors[row] = vector
        if token.text[:1].isupper():
            on.append("capital")
        if i in mention:
            inside[row] = 1.0
            on.append("mention")
            if i == root:
                on.append("mention_root")
        else:
            distance = mention[0] - i if i < mention[0] else i - mention[-1]
            on.append(_distance_flag(distance, "left" if i < mention[0] else "right"))
            if i == head:
                on.append("head")
            elif i in path:
                on.append("path")
            if i in head_children:
                on.append("head_child")
            elif token.head in mention:
                on.append("own_child")
        if token.pos in _CONTENT_POS:
            polarity = words.polarity(lemma)
            if polarity and _negated(analysis, i, first, words):
                polarity = -polarity
            if polarity:
                on.append("tone_pos" if polarity > 0 else "tone_neg")
            if lemma in words.cues:
                on.append("cue")
        if token.text.lower() in words.negation:
            on.append("negation")
        if opened:
            on.append("in_quotes")
        opened = _after_quote_mark(opened, token.text)
        for name in on:
            column = _FLAG.get(name)
            if column is not None:
                flags[row, column] = 1.0
    kinds = np.zeros(len(KINDS), dtype=np.float32)
    if kind in KINDS:
        kinds[KINDS.index(kind)] = 1.0
    return MentionSequence(vectors, flags, inside, kinds, first)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _gru(inputs: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b_ih: np.ndarray,
         b_hh: np.ndarray) -> np.ndarray:
    """One direction of PyTorch's GRU (gates in the order reset, update, new)."""
    hidden = w_hh.shape[1]
    projected = inputs @ w_ih.T + b_ih
    state = np.zeros(hidden, dtype=inputs.dtype)
    states = np.empty((len(inputs), hidden), dtype=inputs.dtype)
    for t in range(len(inputs)):
        recurrent = w_hh @ state + b_hh
        reset = _sigmoid(projected[t, :hidden] + recurrent[:hidden])
        update = _sigmoid(projected[t, hidden:2 * hidden] + recurrent[hidden:2 * hidden])
        new = np.tanh(projected[t, 2 * hidden:] + reset * recurrent[2 * hidden:])
        state = (1.0 - update) * new + update * state
        states[t] = state
    return states


def forward(weights: Mapping[str, np.ndarray], sequence: MentionSequence) -> np.ndarray:
    """Logits for the classes −1, 0, +1 (the same arithmetic as ``neural_train.ToneGRU``)."""
    x = np.concatenate([sequence.vectors, sequence.flags], axis=1) @ weights["input.weight"].T \
        + weights["input.bias"]
    x = np.maximum(x, 0.0)
    forward_states = _gru(x, weights["gru.weight_ih_l0"], weights["gru.weight_hh_l0"],
                          weights["gru.bias_ih_l0"], weights["gru.bias_hh_l0"])
    backward_states = _gru(x[::-1], weights["gru.weight_ih_l0_reverse"],
                           weights["gru.weight_hh_l0_reverse"],
                           weights["gru.bias_ih_l0_reverse"],
                           weights["gru.bias_hh_l0_reverse"])[::-1]
    states = np.concatenate([forward_states, backward_states], axis=1)
    mention = sequence.mention
    own = (states * mention[:, None]).sum(axis=0) / max(mention.sum(), 1.0)
    scores = np.tanh(np.concatenate([states, sequence.flags], axis=1)
                     @ weights["attend.weight"].T + weights["attend.bias"]) \
        @ weights["score.weight"][0]
    scores = np.exp(scores - scores.max())
    pooled = (scores / scores.sum()) @ states
    joined = np.concatenate([own, pooled, sequence.kind])
    hidden = np.maximum(joined @ weights["hidden.weight"].T + weights["hidden.bias"], 0.0)
    return hidden @ weights["out.weight"].T + weights["out.bias"]


def probabilities(weights: Mapping[str, np.ndarray], sequence: MentionSequence) -> np.ndarray:
    logits = forward(weights, sequence)
    odds = np.exp(logits - logits.max())
    return odds / odds.sum()


def save_weights(weights: Mapping[str, np.ndarray], path) -> None:
    """Plain arrays by parameter name (``.npz``, no pickle), with the input layout they expect,
    so a file trained for other flags is refused on loading rather than read wrongly."""
    np.savez_compressed(path, **{f"param:{name}": value for name, value in weights.items()},
                        token_flags=np.array(TOKEN_FLAGS), kinds=np.array(KINDS))


def load_weights(path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as stored:
        if list(stored["token_flags"]) != TOKEN_FLAGS or tuple(stored["kinds"]) != KINDS:
            raise ValueError(f"{path}: trained for other token flags or kinds than this svodka's")
        return {name.removeprefix("param:"): stored[name] for name in stored.files
                if name.startswith("param:")}
