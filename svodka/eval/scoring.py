"""Scorers: precision / recall / F1 and shares, summed over documents (micro averages).

Every scorer is a pure function of gold and predicted spans of one document and returns
counts, so a corpus score is the sum of document scores.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from svodka.eval.spans import Span


@dataclass(slots=True)
class PRF:
    """Precision counts predictions that are right; recall counts gold items that are found.

    The two numerators differ when matching is not one-to-one (token sets, overlaps).
    """
    right: int = 0       # predictions judged right
    predicted: int = 0
    found: int = 0       # gold items judged found
    gold: int = 0

    def add(self, other: "PRF") -> "PRF":
        self.right += other.right
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "right": self.right, "predicted": self.predicted,
                "found": self.found, "gold": self.gold}


@dataclass(slots=True)
class Share:
    correct: int = 0
    total: int = 0

    def add(self, other: "Share") -> "Share":
        self.correct += other.correct
        self.total += other.total
        return self

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict:
        return {"value": round(self.value, 4), "correct": self.correct, "total": self.total}


@dataclass(slots=True)
class Mean:
    """A score that is an average of other scores (RuSentNE's F1_PN, a macro F1)."""
    value: float

    def to_dict(self) -> dict:
        return {"value": round(self.value, 4)}


def token_prf(gold: Iterable[Span], predicted: Iterable[Span],
              bounds: Sequence[tuple[int, int]]) -> PRF:
    """naeval's NER score: every token inside a span is one tagged item (IO tags).

    Spans must already be of a single type, token-aligned and non-overlapping.
    """
    def covered(spans: Iterable[Span]) -> set[int]:
        tokens: set[int] = set()
        ordered = sorted(spans, key=lambda s: s.start)
        index = 0
        for span in ordered:
            while index < len(bounds) and bounds[index][0] < span.start:
                index += 1
            scan = index
            while scan < len(bounds) and bounds[scan][1] <= span.end:
                tokens.add(scan)
                scan += 1
        return tokens

    gold_tokens, predicted_tokens = covered(gold), covered(predicted)
    both = len(gold_tokens & predicted_tokens)
    return PRF(both, len(predicted_tokens), both, len(gold_tokens))


def exact_prf(gold: Iterable[Span], predicted: Iterable[Span]) -> PRF:
    """A prediction is right when a gold span has the same start, end and type.

    Duplicates count once on each side.
    """
    gold_set, predicted_set = set(gold), set(predicted)
    both = len(gold_set & predicted_set)
    return PRF(both, len(predicted_set), both, len(gold_set))


def overlap_prf(gold: Iterable[Span], predicted: Iterable[Span]) -> PRF:
    """Partial credit variant: a prediction is right when it overlaps a gold span of its type
    by at least one character, and a gold span is found when some prediction overlaps it."""
    gold_set, predicted_set = set(gold), set(predicted)
    right = sum(any(p.type == g.type and p.overlap(g) for g in gold_set) for p in predicted_set)
    found = sum(any(p.type == g.type and p.overlap(g) for p in predicted_set) for g in gold_set)
    return PRF(right, len(predicted_set), found, len(gold_set))


def half_overlap(a: Span, b: Span) -> bool:
    """Overlap of at least half of the longer span (the quote matching rule)."""
    return a.type == b.type and 2 * a.overlap(b) >= max(len(a), len(b)) > 0


def match_one_to_one(gold: Sequence[Span], predicted: Sequence[Span],
                     matches: Callable[[Span, Span], bool] = half_overlap
                     ) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, largest overlap first; returns (gold, predicted) indices."""
    candidates = [(g.overlap(p), gi, pi)
                  for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if matches(g, p)]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def matched_prf(gold: Sequence[Span], predicted: Sequence[Span],
                matches: Callable[[Span, Span], bool] = half_overlap) -> PRF:
    gold, predicted = sorted(set(gold), key=_order), sorted(set(predicted), key=_order)
    pairs = match_one_to_one(gold, predicted, matches)
    return PRF(len(pairs), len(predicted), len(pairs), len(gold))


def _order(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.type


def pair_prf(gold_pairs: set[frozenset], predicted_pairs: set[frozenset],
             judged: set[frozenset], correct: set[frozenset]) -> PRF:
    """Pairs of mentions put in one entity.

    Recall: share of ``gold_pairs`` among the predictions. Precision: among predicted pairs
    that are ``judged`` (both mentions known to gold), the share that are ``correct``.
    """
    judged_predictions = predicted_pairs & judged
    return PRF(len(judged_predictions & correct), len(judged_predictions),
               len(gold_pairs & predicted_pairs), len(gold_pairs))
