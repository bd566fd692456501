"""Tone toward entities: the scorer on hand-made labels, the model on news sentences,
`svodka tone`, tone in records, and `svodka eval tone` on a slice of RuSentNE."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import svodka
from svodka.cli import app
from svodka.eval.tone import class_prf, f1_pn, grouped_folds, macro_f1
from svodka.record import Article
from svodka.sentiment.model import choose_neutral_scale, decide, load_model, model_path

from conftest import EXAMPLES, SHARED, needs_shared

runner = CliRunner()
RUSENTNE = SHARED / "data" / "rusentne" / "train_data.csv"


# --- the scorer, on labels small enough to check by hand ---------------------------------

def test_f1_pn_averages_positive_and_negative_only():
    gold = [1, 1, -1, -1, 0, 0]
    predicted = [1, 0, -1, 1, 0, 0]
    # positive: 1 right of 2 predicted, 1 of 2 gold -> F1 0.5; negative: 1/1, 1/2 -> F1 2/3
    assert class_prf(gold, predicted, 1).f1 == pytest.approx(0.5)
    assert class_prf(gold, predicted, -1).f1 == pytest.approx(2 / 3)
    assert f1_pn(gold, predicted) == pytest.approx((0.5 + 2 / 3) / 2)
    # neutral: 2 right of 3 predicted, 2 of 2 gold -> F1 0.8
    assert macro_f1(gold, predicted) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)


def test_all_neutral_scores_zero_f1_pn():
    assert f1_pn([1, -1, 0], [0, 0, 0]) == 0.0
    assert f1_pn([1, -1, 0], [1, -1, 0]) == 1.0


def test_folds_keep_one_sentence_in_one_fold():
    texts = ["А.", "Б.", "А.", "В.", "Б.", "Г.", "Д.", "А."]
    folds = grouped_folds(texts, folds=3)
    by_text: dict[str, set[int]] = {}
    for text, fold in zip(texts, folds):
        by_text.setdefault(text, set()).add(fold)
    assert all(len(f) == 1 for f in by_text.values())
    assert set(folds) == {0, 1, 2}


# --- the neutral scale: a tone only when the model is confident -----------------------------

def test_the_neutral_scale_keeps_f1_pn_and_drops_unsure_marks():
    labels = [1, 0, 0, -1]
    probabilities = np.array([
        [0.05, 0.20, 0.75],     # a sure +1, right
        [0.10, 0.35, 0.55],     # an unsure +1 on a neutral mention
        [0.10, 0.80, 0.10],     # a sure 0
        [0.70, 0.20, 0.10],     # a sure -1, right
    ])
    assert decide(probabilities, 1.0) == [1, 1, 0, -1]
    assert decide(probabilities, 2.0) == [1, 0, 0, -1]
    assert decide(probabilities, 4.0) == [0, 0, 0, 0]
    # F1_PN is 0.833 at 1.0, 1.0 at 2.0 and 3.0, 0 at 4.0: the largest of the best is chosen
    assert choose_neutral_scale(probabilities, labels, scales=(1.0, 2.0, 3.0, 4.0)) == 3.0


# --- the model on news sentences ------------------------------------------------------------

def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize("text, entity, expected", [
    ("Суд признал Иванова виновным в мошенничестве и приговорил его к пяти годам колонии.",
     "Иванова", -1),
    ("Боевики атаковали блокпост, убив двух военнослужащих.", "Боевики", -1),
    ("Президент поблагодарил Петрова за успешную работу и наградил его орденом.",
     "Петрова", 1),
    ("Совещание по вопросам транспорта прошло в Москве во вторник.", "Москве", 0),
])
def test_tone_of_news_sentences(models, text, entity, expected):
    start, end = _span(text, entity)
    found = svodka.tone(text, start, end)
    assert found.tone == expected
    if expected:
        assert found.evidence is not None and found.source in ("author", "implicit")
        assert text[slice(*found.evidence)].strip()
    else:
        assert found.evidence is None and found.source is None


def test_tone_rejects_a_span_outside_the_text():
    with pytest.raises(ValueError):
        svodka.tone("Короткий текст.", 5, 50)


def test_the_shipped_model_is_small_and_calibrated():
    assert model_path().exists()
    assert model_path().stat().st_size <= 100 * 1024 * 1024
    assert load_model().neutral_scale > 1.0


# --- svodka tone ------------------------------------------------------------------------------

def test_cli_prints_each_line_back_with_its_tone(models):
    lines = [
        {"id": "neg", "text": "Суд признал Иванова виновным в мошенничестве.", "start": 12,
         "end": 19},
        {"id": "pos", "text": "Президент поблагодарил Петрова за успешную работу.", "start": 23,
         "end": 30, "source": "kept as is"},
    ]
    result = runner.invoke(app, ["tone", "-"],
                           input="\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["neg", "pos"]
    assert [o["tone"] for o in out] == [-1, 1]
    assert out[1]["source"] == "kept as is"
    evidence = out[0]["tone_evidence"]
    assert lines[0]["text"][evidence["start"]:evidence["end"]] == evidence["text"] == "виновным"


def test_cli_names_the_bad_line():
    result = runner.invoke(app, ["tone", "-"], input='{"id": 1, "text": "Слово.", "start": 3, '
                                                     '"end": 99}\n')
    assert result.exit_code != 0
    assert "line 1" in result.output


# --- tone in the article record -------------------------------------------------------------

def test_every_mention_of_a_record_has_a_tone(models):
    text = (EXAMPLES / "astana-port.txt").read_text(encoding="utf-8")
    article = svodka.extract(text)
    mentions = [m for e in article.entities for m in e.mentions]
    assert mentions
    for entity in article.entities:
        counts = entity.tone
        tones = [m.tone for m in entity.mentions]
        assert (counts.positive, counts.negative, counts.neutral) == \
            (tones.count(1), tones.count(-1), tones.count(0))
        for mention in entity.mentions:
            assert mention.tone in (-1, 0, 1)
            if mention.tone_evidence is not None:
                evidence = mention.tone_evidence
                assert text[evidence.start:evidence.end] == evidence.text
            if mention.tone_source == "quote" and mention.tone_quote is not None:
                assert mention.tone_quote < len(article.quotes)
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again.to_dict() == article.to_dict()


def test_tone_can_be_left_out(models):
    article = svodka.extract("Суд признал Ивана Иванова виновным в мошенничестве.",
                             with_tone=False)
    assert article.entities
    assert all(e.tone is None and all(m.tone is None for m in e.mentions)
               for e in article.entities)
    assert "tone" not in article.to_dict()["entities"][0]["mentions"][0]


def test_a_condemned_person_is_written_about_badly(models):
    article = svodka.extract("Суд признал Ивана Иванова виновным в мошенничестве.")
    person = next(e for e in article.entities if e.name == "Иван Иванов")
    assert person.tone.negative == 1 and person.tone.summary == -1


# --- svodka eval tone -----------------------------------------------------------------------

@needs_shared(RUSENTNE)
def test_eval_tone_smoke(models, tmp_path):
    out = tmp_path / "tone.json"
    result = runner.invoke(app, ["eval", "tone", "--limit", "150", "--folds", "2",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["systems"] == ["svodka", "svodka-scale-1", "char-tfidf-lr"]
    names = [m["name"] for m in data["measures"]]
    assert names[:2] == ["F1_PN", "macro F1"]
    for measure in data["measures"][:2]:
        for score in measure["scores"].values():
            assert 0.0 <= score["value"] <= 1.0
    assert data["documents"] == 150
    share = next(m for m in data["measures"] if m["name"] == "non-zero share")
    # the calibrated scale is >= 1, so it never gives more +1/-1 than the same model at 1.0
    assert share["scores"]["svodka"]["value"] <= share["scores"]["svodka-scale-1"]["value"]
