"""Tone toward an entity on RuSentNE-2023's train file: grouped 5-fold cross-validation.

Scored as RuSentNE scores: F1_PN, the mean of the F1 of the positive and the negative class
(each computed on the three-class predictions), and the macro F1 over all three classes.
Folds are drawn by sentence, so one sentence never sits in two folds. The baseline, trained
on the same folds in the same run, is a character TF-IDF of the sentence and of the
entity's context fed to a logistic regression.
"""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence
from pathlib import Path

from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Mean

log = logging.getLogger(__name__)

LABELS = (-1, 0, 1)
# Characters either side of the entity that the baseline reads as "context".
BASELINE_CONTEXT = 60
# svodka's model without the calibrated neutral scale, reported next to it.
UNCALIBRATED = "svodka-scale-1"


def class_prf(gold: Sequence[int], predicted: Sequence[int], label: int) -> PRF:
    """Precision and recall of one class among three-class predictions."""
    right = sum(g == p == label for g, p in zip(gold, predicted))
    return PRF(right, sum(p == label for p in predicted), right,
               sum(g == label for g in gold))


def f1_pn(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """RuSentNE's main score: the mean F1 of the positive and the negative class."""
    return (class_prf(gold, predicted, 1).f1 + class_prf(gold, predicted, -1).f1) / 2


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    return sum(class_prf(gold, predicted, label).f1 for label in LABELS) / len(LABELS)


def grouped_folds(texts: Sequence[str], folds: int = 5, seed: int = 13) -> list[int]:
    """A fold number per item; items with the same text always share a fold."""
    distinct = sorted(set(texts))
    random.Random(seed).shuffle(distinct)
    fold_of = {text: n % folds for n, text in enumerate(distinct)}
    return [fold_of[text] for text in texts]


def _context(item) -> str:
    text = item.text
    return (text[max(0, item.start - BASELINE_CONTEXT):item.start] + " ⟨E⟩ "
            + text[item.end:item.end + BASELINE_CONTEXT])


def baseline_predictions(items, fold_of: Sequence[int], folds: int) -> list[int]:
    """Out-of-fold predictions of the character TF-IDF + logistic regression baseline."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    sentences = [item.text for item in items]
    contexts = [_context(item) for item in items]
    predicted = [0] * len(items)
    for fold in range(folds):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        test = [i for i, f in enumerate(fold_of) if f == fold]
        vectorizers = [TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                       sublinear_tf=True, max_features=100_000)
                       for _ in range(2)]
        columns = (sentences, contexts)
        fit = sparse.hstack([v.fit_transform([c[i] for i in train])
                             for v, c in zip(vectorizers, columns)]).tocsr()
        apply = sparse.hstack([v.transform([c[i] for i in test])
                               for v, c in zip(vectorizers, columns)]).tocsr()
        regression = LogisticRegression(class_weight="balanced", max_iter=3000)
        regression.fit(fit, [items[i].label for i in train])
        for i, label in zip(test, regression.predict(apply)):
            predicted[i] = int(label)
    return predicted


def svodka_predictions(items, fold_of: Sequence[int], folds: int
                       ) -> tuple[list[int], list[int], list[float]]:
    """Out-of-fold predictions of svodka's tone model, trained fold by fold: with the
    neutral scale each fold's training calibrates on its own held-out sentences, and with
    no scale (1.0); also the scale chosen in each fold."""
    from svodka.sentiment.data import analyze_items
    from svodka.sentiment.features import mention_view
    from svodka.sentiment.model import decide, train

    batch = analyze_items(items)
    views = [mention_view(batch.analysis, offset + item.start, offset + item.end, item.kind)
             for item, offset in zip(items, batch.offsets)]
    calibrated, uncalibrated, scales = [0] * len(items), [0] * len(items), []
    for fold in range(folds):
        train_rows = [i for i, f in enumerate(fold_of) if f != fold and views[i] is not None]
        model = train([views[i] for i in train_rows], [items[i].label for i in train_rows],
                      groups=[items[i].text for i in train_rows])
        scales.append(model.neutral_scale)
        test_rows = [i for i, f in enumerate(fold_of) if f == fold and views[i] is not None]
        probabilities = model.raw_probabilities([views[i] for i in test_rows])
        for predicted, scale in ((calibrated, model.neutral_scale), (uncalibrated, 1.0)):
            for i, label in zip(test_rows, decide(probabilities, scale)):
                predicted[i] = label
        log.info("tone fold %d done, neutral scale %s", fold + 1, model.neutral_scale)
    return calibrated, uncalibrated, scales


def nonzero_share(predicted: Sequence[int]) -> float:
    return sum(1 for p in predicted if p) / max(1, len(predicted))


def evaluate_tone(path: Path, limit: int | None = None, folds: int = 5,
                  with_baseline: bool = True) -> Result:
    from svodka.sentiment.data import read_rusentne

    items = read_rusentne(path)
    if limit:
        items = items[:limit]
    fold_of = grouped_folds([item.text for item in items], folds)
    gold = [item.label for item in items]
    predictions, seconds = {}, {}
    began = time.process_time()
    predictions["svodka"], predictions[UNCALIBRATED], scales = svodka_predictions(
        items, fold_of, folds)
    seconds["svodka"] = time.process_time() - began
    if with_baseline:
        began = time.process_time()
        predictions["char-tfidf-lr"] = baseline_predictions(items, fold_of, folds)
        seconds["char-tfidf-lr"] = time.process_time() - began
    names = list(predictions)
    measures = [
        Measure("F1_PN", {n: Mean(f1_pn(gold, predictions[n])) for n in names},
                "mean F1 of +1 and −1"),
        Measure("macro F1", {n: Mean(macro_f1(gold, predictions[n])) for n in names},
                "three classes"),
    ]
    for label, name in ((1, "positive"), (-1, "negative"), (0, "neutral")):
        measures.append(Measure(name, {n: class_prf(gold, predictions[n], label)
                                       for n in names}))
    measures.append(Measure("non-zero share",
                            {n: Mean(nonzero_share(predictions[n])) for n in names},
                            f"mentions given +1 or −1 (gold: {nonzero_share(gold):.3f})"))
    notes = [f"{len(items)} mentions in {len(set(i.text for i in items))} sentences, "
             f"{folds} folds by sentence; CPU seconds per system include training",
             f"{UNCALIBRATED}: the same out-of-fold models with neutral scale 1.0; svodka's "
             f"scale is chosen inside each fold on its own held-out training sentences: "
             + ", ".join(f"{scale:g}" for scale in scales)]
    return Result("tone", "RuSentNE-2023 train, grouped cross-validation", str(path),
                  len(items), names, measures, seconds, notes)
