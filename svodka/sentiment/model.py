"""The tone model: one multinomial logistic regression over named features and navec vectors.

Stored as plain arrays (``.npz``, no pickle): the feature names, a weight matrix and the
intercepts, so loading never runs code and the weights can be read by name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from svodka.sentiment.features import MentionView

CLASSES = (-1, 0, 1)
MODEL_FILE = "tone-rusentne.npz"
# Regularisation chosen by grouped 5-fold CV on RuSentNE train (``svodka eval tone``).
DEFAULT_C = 0.02
# Candidate multipliers of the neutral class's probability. Balanced class weights make the
# regression say +1/-1 far more often than RuSentNE's annotators (28 %); a scale > 1 gives a
# tone only when the model is confident.
NEUTRAL_SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
# The calibration keeps F1_PN: it takes the largest scale (the most precise marks) whose F1_PN
# on held-out sentences is at most this far below the best scale's.
F1_PN_TOLERANCE = 0.01
# Folds (by sentence) of the training set whose out-of-fold probabilities choose the scale.
CALIBRATION_FOLDS = 5


@dataclass(slots=True)
class ToneModel:
    names: list[str]             # sparse feature names, in column order
    weights: np.ndarray          # (3, len(names) + dense) for classes -1, 0, 1
    intercept: np.ndarray        # (3,)
    neutral_scale: float = 1.0   # >1 favours 0: trades recall of +/- for their precision
    _index: dict[str, int] | None = None

    @property
    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {name: i for i, name in enumerate(self.names)}
        return self._index

    def scores(self, view: MentionView) -> np.ndarray:
        """Class probabilities for -1, 0, 1."""
        index = self.index
        sparse = len(self.names)
        logits = self.intercept.copy()
        for name, value in view.features.items():
            column = index.get(name)
            if column is not None:
                logits += self.weights[:, column] * value
        logits += self.weights[:, sparse:] @ view.dense
        logits -= logits.max()
        odds = np.exp(logits)
        odds[1] *= self.neutral_scale
        return odds / odds.sum()

    def predict(self, view: MentionView) -> int:
        return CLASSES[int(np.argmax(self.scores(view)))]

    def raw_probabilities(self, views: Sequence[MentionView]) -> np.ndarray:
        """(n, 3) class probabilities of many mentions before the neutral scale."""
        keep = self.neutral_scale
        self.neutral_scale = 1.0
        try:
            return np.array([self.scores(view) for view in views]).reshape(-1, 3)
        finally:
            self.neutral_scale = keep

    def weight(self, name: str, label: int) -> float:
        """How much feature ``name`` pushes toward ``label`` rather than neutral."""
        column = self.index.get(name)
        if column is None:
            return 0.0
        return float(self.weights[CLASSES.index(label), column] - self.weights[1, column])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, names=np.array(self.names), weights=self.weights.astype(
            np.float32), intercept=self.intercept, neutral_scale=np.array(self.neutral_scale))

    @classmethod
    def load(cls, path) -> "ToneModel":
        with np.load(path, allow_pickle=False) as data:
            return cls(list(data["names"]), data["weights"].astype(np.float64),
                       data["intercept"].astype(np.float64), float(data["neutral_scale"]))


def decide(probabilities: np.ndarray, neutral_scale: float) -> list[int]:
    """Labels from raw class probabilities with the neutral class scaled."""
    scaled = probabilities * np.array([1.0, neutral_scale, 1.0])
    return [CLASSES[i] for i in scaled.argmax(axis=1)]


def choose_neutral_scale(probabilities: np.ndarray, labels: Sequence[int],
                         scales: Sequence[float] = NEUTRAL_SCALES,
                         tolerance: float = F1_PN_TOLERANCE) -> float:
    """The largest scale whose F1_PN on these held-out mentions is within ``tolerance`` of
    the best: as precise as possible without giving up F1_PN."""
    from svodka.eval.tone import f1_pn

    scores = {scale: f1_pn(labels, decide(probabilities, scale)) for scale in scales}
    best = max(scores.values())
    return max(scale for scale, score in scores.items() if score >= best - tolerance)


def calibrate(views: Sequence[MentionView], labels: Sequence[int], groups: Sequence,
              c: float = DEFAULT_C) -> float:
    """Choose the neutral scale on out-of-fold probabilities of the training mentions
    (``CALIBRATION_FOLDS`` fits, a few seconds each; ``groups``: one key per sentence,
    never split), so the scale is judged on sentences its model has not seen."""
    from svodka.eval.tone import grouped_folds

    fold_of = grouped_folds([str(g) for g in groups], CALIBRATION_FOLDS)
    probabilities = np.zeros((len(views), 3))
    for fold in range(CALIBRATION_FOLDS):
        fit = [i for i, f in enumerate(fold_of) if f != fold]
        out = [i for i, f in enumerate(fold_of) if f == fold]
        model = train([views[i] for i in fit], [labels[i] for i in fit], c, neutral_scale=1.0)
        probabilities[out] = model.raw_probabilities([views[i] for i in out])
    return choose_neutral_scale(probabilities, labels)


def train(views: Sequence[MentionView], labels: Sequence[int], c: float = DEFAULT_C,
          neutral_scale: float | None = None, groups: Sequence | None = None) -> ToneModel:
    """Fit on mention views with gold labels (scikit-learn, CPU, about a minute per fit).

    Without a ``neutral_scale`` it is calibrated by :func:`calibrate` (five more fits on
    the training set's own folds); ``groups`` names each view's sentence (default: its sentence in the analysis)."""
    if neutral_scale is None:
        neutral_scale = calibrate(views, labels, groups if groups is not None
                                  else [view.sentence for view in views], c)
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([v.features for v in views])
    dense = np.array([v.dense for v in views])
    matrix = sparse.hstack([matrix, sparse.csr_matrix(dense)]).tocsr()
    regression = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    regression.fit(matrix, np.asarray(labels))
    assert tuple(regression.classes_) == CLASSES
    return ToneModel(list(vectorizer.feature_names_), regression.coef_.copy(),
                     regression.intercept_.copy(), neutral_scale)


def model_path() -> Path:
    return Path(str(resources.files("svodka.data").joinpath(MODEL_FILE)))


@lru_cache(maxsize=1)
def load_model() -> ToneModel:
    """The shipped model (``svodka train tone`` rebuilds it)."""
    path = model_path()
    if not path.exists():
        raise FileNotFoundError(f"no tone model at {path}; run `svodka train tone`")
    return ToneModel.load(path)
