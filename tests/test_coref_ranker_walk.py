"""The ranker's fast paths give what the plain ones give: the vectorized tree walk, and a
span's view cached per article."""
from __future__ import annotations

import math
import re

import pytest

from svodka.extractors.coref import ranker
from svodka.extractors.coref.ranker import NAME, PRONOUN, pair_features, view

TEXT = ("Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной. "
        "Она заявила, что ставка останется прежней. Он с ней согласился.")


def span(text: str, fragment: str) -> tuple[int, int]:
    found = re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)
    return found.start(), found.end()


@pytest.fixture(scope="module")
def analysis(models):
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout
    return analyze(TEXT, analyze_layout(TEXT).regions(), models=models)


@pytest.fixture(scope="module")
def model():
    found = ranker.load_model()
    if found is None:
        pytest.skip("the ranker's weights (svodka/data/models/coref_ranker.npz) are absent")
    return found


def walked(model, row: list[float]) -> float:
    """One row through every tree, node by node: the textbook walk."""
    total = model.baseline
    for root in model.roots:
        node = int(root)
        while model.left[node] != node:       # a leaf points to itself
            node = int(model.left[node] if row[model.feature[node]] <= model.threshold[node]
                       else model.right[node])
        total += model.value[node]
    return 1.0 / (1.0 + math.exp(-total))


def test_the_batch_walk_scores_as_the_tree_by_tree_walk(analysis, model):
    text = analysis.text
    candidates = [view(analysis, span(text, f)) for f in
                  ("Министр финансов Антон Силуанов", "главой ЦБ Эльвирой Набиуллиной",
                   "ставка")]
    rows = []
    for pronoun in ("Она", "Он"):
        rows += pair_features(analysis, view(analysis, span(text, pronoun)), candidates)
    batch = model.predict_proba(rows)
    assert len(batch) == 6
    for row, score in zip(rows, batch):
        assert score == pytest.approx(walked(model, row), abs=1e-12)
    # and the scores say something: "Она" is Набиуллина more than Силуанов
    assert batch[1] > batch[0]


def test_a_cached_view_is_the_view_of_its_own_article(analysis, models):
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout

    name = span(analysis.text, "Министр финансов Антон Силуанов")
    first = view(analysis, name)
    assert view(analysis, name) is first               # asked again: the same view
    other_text = "Она заявила журналистам, что не согласна."
    other = analyze(other_text, analyze_layout(other_text).regions(), models=models)
    pronoun = view(other, span(other_text, "Она"))
    assert pronoun.kind == PRONOUN and pronoun.sent == 0
    again = view(analysis, name)                       # back to the first article
    assert again is not first and again == first       # rebuilt, and alike
    assert again.kind == NAME and again.gender == 1    # Силуанов: a man


def test_rows_walked_block_by_block_score_as_all_at_once(analysis, model, monkeypatch):
    """The walk takes ``WALK_ROWS`` rows at a time (its arrays are rows × trees): a row's
    score does not depend on which rows share its block."""
    text = analysis.text
    candidates = [view(analysis, span(text, f)) for f in
                  ("Министр финансов Антон Силуанов", "главой ЦБ Эльвирой Набиуллиной",
                   "ставка", "Она")]
    rows = []
    for pronoun in ("Она", "Он", "ней"):
        rows += pair_features(analysis, view(analysis, span(text, pronoun)),
                              candidates[:3] if pronoun == "Она" else candidates)
    assert len(rows) == 11
    at_once = model.predict_proba(rows)
    monkeypatch.setattr(ranker, "WALK_ROWS", 3)        # blocks of 3, 3, 3 and 2 rows
    by_blocks = model.predict_proba(rows)
    assert len(by_blocks) == 11
    assert by_blocks.tolist() == at_once.tolist()      # equal bit for bit
    for row, score in zip(rows, by_blocks):
        assert score == pytest.approx(walked(model, row), abs=1e-12)
