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


def train(views: Sequence[MentionView], labels: Sequence[int], c: float = DEFAULT_C,
          neutral_scale: float = 1.0) -> ToneModel:
    """Fit on mention views with gold labels (scikit-learn, CPU, about a minute)."""
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
