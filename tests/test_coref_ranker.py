"""The trained antecedent ranker: what it reads of a mention, and whom it picks."""
from __future__ import annotations

import re

import pytest

from svodka.extractors.coref import ranker
from svodka.extractors.coref.ranker import (
    FEATURES, NAME, PRONOUN, antecedent_scores, pair_features, view,
)

TEXT = ("Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной. "
        "{pronoun} заявил{ending}, что ставка останется прежней.")


def text_with(pronoun: str) -> str:
    return TEXT.format(pronoun=pronoun, ending="а" if pronoun == "Она" else "")


def span(text: str, fragment: str) -> tuple[int, int]:
    found = re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)
    return found.start(), found.end()


@pytest.fixture(scope="module")
def analyses(models):
    from svodka.analysis import analyze
    return {p: analyze(text_with(p), models=models) for p in ("Он", "Она")}


def test_a_mention_is_read_from_the_analysis(analyses):
    analysis = analyses["Она"]
    name = view(analysis, span(analysis.text, "Эльвирой Набиуллиной"))
    pronoun = view(analysis, span(analysis.text, "Она"))
    assert name.kind == NAME and name.sent == 0
    assert pronoun.kind == PRONOUN and pronoun.sent == 1 and pronoun.subject
    assert pronoun.gender == 2 and pronoun.number == 1         # feminine, singular
    rows = pair_features(analysis, pronoun, [view(analysis, span(analysis.text, "Антон Силуанов")),
                                              name])
    assert all(len(row) == len(FEATURES) for row in rows)
    assert rows[1][FEATURES.index("gender agreement")] == 1


@pytest.mark.parametrize("pronoun, expected", [("Она", "Эльвирой Набиуллиной"),
                                               ("Он", "Антон Силуанов")])
def test_the_agreeing_person_scores_highest(analyses, pronoun, expected):
    analysis = analyses[pronoun]
    if ranker.load_model() is None:
        pytest.skip("the ranker's model file is not installed")
    candidates = ["Антон Силуанов", "ЦБ", "Эльвирой Набиуллиной"]
    scores = antecedent_scores(analysis, span(analysis.text, pronoun),
                               [span(analysis.text, c) for c in candidates])
    assert len(scores) == 3 and all(0.0 <= s <= 1.0 for s in scores)
    assert candidates[scores.index(max(scores))] == expected
    assert max(scores) > 0.5


def test_no_model_means_no_scores(analyses, monkeypatch):
    analysis = analyses["Он"]
    arguments = (analysis, span(analysis.text, "Он"), [span(analysis.text, "Антон Силуанов")])
    monkeypatch.setattr(ranker, "load_model", lambda: None)
    assert antecedent_scores(*arguments) is None
    monkeypatch.undo()
    if ranker.load_model() is not None:                  # with the model, a score per candidate
        assert len(antecedent_scores(*arguments)) == 1
