"""The trained quote speaker re-ranker: what it reads of each candidate, that it changes
nothing without its model, and its training command on two tiny gold files."""
from __future__ import annotations

import json

import pytest

from svodka.extractors.quotes import speaker_ranker
from svodka.extractors.quotes.speaker_ranker import (FEATURES, article_candidates,
                                                     rerank_speakers, rules_choice)

TEXT = ("Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной.\n\n"
        "«Ставка останется прежней до конца года», — заявила Набиуллина журналистам.\n\n"
        "«Бюджет исполнен без дефицита впервые за пять лет», — сказал Силуанов.")


@pytest.fixture(scope="module")
def extracted(models):
    from svodka.analysis import analyze
    from svodka.extractors import extract_entities, extract_quotes
    from svodka.layout import analyze_layout

    analysis = analyze(TEXT, analyze_layout(TEXT).regions(), models=models)
    entities = extract_entities(analysis)
    return analysis, entities, extract_quotes(analysis, entities, rerank=False)


def feature(row, name):
    return row[FEATURES.index(name)]


def test_each_candidate_is_read_from_the_analysis_and_the_rules(extracted):
    analysis, entities, quotes = extracted
    assert [q.speaker_name for q in quotes] == ["Эльвира Набиуллина", "Антон Силуанов"]
    groups = article_candidates(analysis, entities, quotes)
    first = {c.entity.name if c.entity else None: c.row for c in groups[0]}
    assert {None, "Эльвира Набиуллина", "Антон Силуанов"} <= set(first)
    assert all(len(row) == len(FEATURES) for row in first.values())
    speaker, other, nobody = (first["Эльвира Набиуллина"], first["Антон Силуанов"],
                              first[None])
    assert groups[0][rules_choice(groups[0])].entity.name == "Эльвира Набиуллина"
    assert feature(speaker, "rules' choice") == 1 and feature(other, "rules' choice") == 0
    assert feature(nobody, "nobody") == 1 and feature(nobody, "rules' choice") == 0
    # "— заявила Набиуллина": the cue's nominative subject after the quote, feminine as the cue
    assert feature(speaker, "relation under the cue") == 1          # nsubj
    assert feature(speaker, "steps below the cue") == 1
    assert feature(speaker, "case") == 1                            # Nom
    assert feature(speaker, "position to the quote") == 1           # after it
    assert feature(speaker, "gender agreement with the cue") == 1
    assert feature(speaker, "sentence distance") == 0
    assert feature(other, "relation under the cue") == 0 and feature(other, "entity type") == 1
    assert feature(nobody, "speaker phrase found") == 1 == feature(speaker, "speaker phrase found")
    second = {c.entity.name if c.entity else None: c.row for c in groups[1]}
    # "— сказал Силуанов": Набиуллина spoke the quote before, in the sentence before
    previous = second["Эльвира Набиуллина"]
    assert feature(previous, "previous quote's speaker") == 1
    assert feature(previous, "position to the quote") == -1
    assert feature(previous, "sentence distance") == -1
    assert feature(previous, "relation under the cue") == 0
    assert feature(previous, "gender agreement with the cue") == -1
    assert feature(previous, "nearness rank among people before the quote") == 1
    assert feature(second["Антон Силуанов"], "previous quote's speaker") == 0
    assert feature(second["Антон Силуанов"], "quote kind") == 1      # direct
    assert feature(second[None], "sentences since the previous quote") == 1


def test_without_the_model_the_rules_speakers_stand(extracted, monkeypatch):
    analysis, entities, quotes = extracted
    monkeypatch.setattr(speaker_ranker, "load_model", lambda: None)
    assert rerank_speakers(analysis, entities, quotes) is quotes


def test_a_model_sure_of_nobody_overrides_every_speaker(extracted):
    """One stump: a high score for the "nobody" row, a low one for every entity."""
    import numpy

    from svodka.extractors.coref.ranker import TreeEnsemble

    stump = TreeEnsemble(numpy.array([FEATURES.index("nobody"), 0, 0]),
                         numpy.array([0.5, numpy.inf, numpy.inf]), numpy.array([1, 1, 2]),
                         numpy.array([2, 1, 2]), numpy.array([0.0, -3.0, 3.0]),
                         numpy.array([0]), 0.0, 1, FEATURES)
    analysis, entities, quotes = extracted
    reranked = rerank_speakers(analysis, entities, quotes, speaker_ranker.SpeakerModel(stump, 0.5))
    assert [(q.start, q.end, q.speaker, q.speaker_name) for q in reranked] == \
        [(q.start, q.end, None, None) for q in quotes]
    assert all(q.rule.endswith("+ranker") for q in reranked)
    # a margin no probability difference reaches keeps the rules' choice
    kept = rerank_speakers(analysis, entities, quotes, speaker_ranker.SpeakerModel(stump, 2.0))
    assert kept == quotes


def test_the_installed_model_loads_and_keeps_the_clear_speakers(extracted):
    speaker_ranker.load_model.cache_clear()
    model = speaker_ranker.load_model()
    if model is None:
        pytest.skip("the re-ranker's model file is not installed")
    assert model.trees.features == FEATURES and 0 <= model.margin <= 1
    analysis, entities, quotes = extracted
    reranked = rerank_speakers(analysis, entities, quotes, model)
    assert [q.speaker_name for q in reranked] == ["Эльвира Набиуллина", "Антон Силуанов"]


TINY = [
    ("a", "Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной.\n\n"
          "«Ставка останется прежней до конца года», — заявила Набиуллина.\n\n"
          "«Бюджет исполнен без дефицита впервые за пять лет», — сказал Силуанов.",
     ["Эльвира Набиуллина", "Антон Силуанов"]),
    ("b", "Глава МИД России Сергей Лавров провел переговоры с госсекретарем США Энтони "
          "Блинкеном.\n\n«Мы готовы к диалогу без предварительных условий», — заявил Лавров.\n\n"
          "«Санкции останутся в силе еще долго», — ответил Блинкен.",
     ["Сергей Лавров", "Энтони Блинкен"]),
]


def test_training_on_two_tiny_gold_files(tmp_path, models):
    from svodka.extractors.quotes.train_speakers import NEVER, train

    for batch, text, speakers in TINY:
        quotes = []
        for speaker, start in zip(speakers, [i + 1 for i, c in enumerate(text) if c == "«"]):
            end = text.index("»", start)
            quotes.append({"start": start, "end": end, "text": text[start:end],
                           "kind": "direct", "speaker": speaker})
        (tmp_path / f"{batch}.json").write_text(json.dumps(
            {"id": batch, "batch": f"tiny-{batch}", "text": text, "quotes": quotes},
            ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "model.npz"
    report = train(tmp_path, out, tmp_path / "cache.json", always_save=True)
    rows = {r["held out"]: r for r in report["leave one batch out"]}
    assert set(rows) == {"tiny-a", "tiny-b"}
    assert all(r["quotes"] == 2 and r["rules"] == 2 for r in rows.values())   # rules right
    assert all(r["rules+ranker"] <= r["quotes"] for r in rows.values())
    assert "| tiny-a | 2 | 1.000 |" in report["table"]
    assert out.is_file() and (report["margin"] == NEVER or 0 <= report["margin"] <= 1)
    with out.open("rb") as stream:
        model = speaker_ranker.read_model(stream)
    assert model.trees.features == FEATURES and model.margin == report["margin"]
    again = train(tmp_path, None, tmp_path / "cache.json")      # read back from the cache
    assert again["leave one batch out"] == report["leave one batch out"]
