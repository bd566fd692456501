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
    from svodka.layout import analyze_layout
    return {p: analyze(text_with(p), analyze_layout(text_with(p)).regions(), models=models)
            for p in ("Он", "Она")}


def test_a_mention_is_read_from_the_analysis(analyses):
    analysis = analyses["Она"]
    name = view(analysis, span(analysis.text, "главой ЦБ Эльвирой Набиуллиной"))
    pronoun = view(analysis, span(analysis.text, "Она"))
    assert name.kind == NAME and name.sent == 0
    assert name.gender == 2 and name.ner == 1      # Набиуллина's gender and type, not ЦБ's
    assert pronoun.kind == PRONOUN and pronoun.sent == 1 and pronoun.subject
    assert pronoun.gender == 2 and pronoun.number == 1         # feminine, singular
    rows = pair_features(analysis, pronoun, [view(analysis, span(analysis.text, "Антон Силуанов")),
                                              name])
    assert all(len(row) == len(FEATURES) for row in rows)
    assert rows[1][FEATURES.index("gender agreement")] == 1


@pytest.mark.parametrize("pronoun, expected, candidates", [
    ("Она", "Эльвирой Набиуллиной", ["Антон Силуанов", "ЦБ", "Эльвирой Набиуллиной"]),
    ("Он", "Антон Силуанов", ["Антон Силуанов", "ЦБ", "Эльвирой Набиуллиной"]),
    # whole noun phrases, as RuCoCo marks mentions: the title's gender is not the person's
    ("Она", "главой ЦБ Эльвирой Набиуллиной",
     ["Министр финансов Антон Силуанов", "ЦБ", "главой ЦБ Эльвирой Набиуллиной"]),
    ("Он", "Министр финансов Антон Силуанов",
     ["Министр финансов Антон Силуанов", "ЦБ", "главой ЦБ Эльвирой Набиуллиной"]),
])
def test_the_agreeing_person_scores_highest(analyses, pronoun, expected, candidates):
    analysis = analyses[pronoun]
    if ranker.load_model() is None:
        pytest.skip("the ranker's model file is not installed")
    scores = antecedent_scores(analysis, span(analysis.text, pronoun),
                               [span(analysis.text, c) for c in candidates])
    assert len(scores) == 3 and all(0.0 <= s <= 1.0 for s in scores)
    assert candidates[scores.index(max(scores))] == expected
    # clearly ahead: probabilities are calibrated on RuCoCo's whole-phrase mentions, so a bare
    # name ("Антон Силуанов") may score under 0.5 while still far above the others
    assert max(scores) >= 2 * sorted(scores)[-2]


def test_no_model_means_no_scores(analyses, monkeypatch):
    analysis = analyses["Он"]
    arguments = (analysis, span(analysis.text, "Он"), [span(analysis.text, "Антон Силуанов")])
    monkeypatch.setattr(ranker, "load_model", lambda: None)
    assert antecedent_scores(*arguments) is None
    monkeypatch.undo()
    if ranker.load_model() is not None:                  # with the model, a score per candidate
        assert len(antecedent_scores(*arguments)) == 1


ARTICLES = {
    # file name → (text, chains as fragments with their occurrence index)
    "train_one.json": ("Министр финансов Антон Силуанов прилетел в Вашингтон. Там он встретился "
                       "с коллегами. Министр заявил, что его позиция не изменилась.",
                       [[("Министр финансов Антон Силуанов", 0), ("он", 0), ("Министр", 1),
                         ("его", 0)], [("Вашингтон", 0), ("Там", 0)]]),
    "train_two.json": ("Глава ЦБ Эльвира Набиуллина выступила в Думе. Она сказала, что ее "
                       "ведомство снизит ставку.",
                       [[("Глава ЦБ Эльвира Набиуллина", 0), ("Она", 0), ("ее", 0)],
                        [("ЦБ", 0), ("ее ведомство", 0)]]),
    # a dev article (its name is in coref_dev.txt): reported on, never trained on
    "2000_russia_landing.json": ("Президент Владимир Путин прибыл в Казань. Он провел совещание.",
                                 [[("Президент Владимир Путин", 0), ("Он", 0)]]),
}


def _offsets(text: str, fragment: str, nth: int) -> list[int]:
    found = list(re.finditer(rf"(?<!\w){re.escape(fragment)}(?!\w)", text))[nth]
    return [found.start(), found.end()]


def test_training_runs_end_to_end_on_a_tiny_corpus(tmp_path, models):
    import json

    from svodka.extractors.coref.train import load, train

    for name, (text, chains) in ARTICLES.items():
        entities = [[_offsets(text, f, n) for f, n in chain] for chain in chains]
        (tmp_path / name).write_text(json.dumps({"text": text, "entities": entities,
                                                 "includes": []}, ensure_ascii=False))
    report = train(tmp_path, articles=10, out=tmp_path / "model.npz")
    assert report["train articles"] == 2 and report["dev articles"] == 1
    assert report["train pairs"] > 10
    pronouns = next(r for r in report["accuracy"] if r["kind"] == "pronoun")
    assert pronouns["anaphors"] == 1 and pronouns["rule"] == 1.0     # "Он" → Путин
    model = load(tmp_path / "model.npz")
    assert model.features == FEATURES
    assert len(model.predict_proba([[0.0] * len(FEATURES)] * 3)) == 3


@pytest.mark.parametrize("text, title, person, pronouns", [
    ("Президент России Владимир Путин прилетел в Казань. Там он провел совещание с губернатором.",
     "Президент России", "Владимир Путин", ["он"]),
    ("Глава ЦБ Эльвира Набиуллина выступила в Госдуме. Она заявила, что ее ведомство снизит "
     "ставку.", "Глава ЦБ", "Эльвира Набиуллина", ["Она", "ее"]),
])
def test_the_ranker_alone_joins_pronouns_to_their_person(models, text, title, person, pronouns):
    from svodka.eval.systems import RankerPronouns

    if ranker.load_model() is None:
        pytest.skip("the ranker's model file is not installed")
    chains = [[text[s.start:s.end] for s in chain] for chain in RankerPronouns()(text).chains]
    # the role written before the name is a title mention of the person (title:apposition)
    assert [title, person, *pronouns] in chains
    assert not any(p in chain for chain in chains if person not in chain for p in pronouns)


def _gold(name: str) -> tuple[str, list[list[tuple[int, int]]]]:
    text, chains = ARTICLES[name]
    return text, [[tuple(_offsets(text, f, n)) for f, n in chain] for chain in chains]


def test_svodka_spans_align_to_gold_mentions_as_the_eval_matches_them(models):
    from svodka.analysis import analyze
    from svodka.extractors.coref.train import aligner
    from svodka.layout import analyze_layout

    text, chains = _gold("train_one.json")
    align = aligner(analyze(text, analyze_layout(text).regions(), models=models), chains)
    assert align(span(text, "Министр финансов Антон Силуанов")) == {0}
    # a name inside the gold phrase is the same person; a word that is no name is nobody
    assert align(span(text, "Антон Силуанов")) == {0}
    assert align(span(text, "Вашингтон")) == {1}
    assert align(span(text, "финансов")) == set()
    assert align(span(text, "коллегами")) == set()


def test_own_examples_are_the_pairs_the_resolver_asks_about(models):
    """``--mentions own``: every pronoun with the phrases ``pronouns.decide`` scores for it,
    labelled by the gold chains (1 for the minister's phrase, 0 for Вашингтон)."""
    from svodka.extractors.coref.train import own_examples

    text, chains = _gold("train_one.json")
    examples = own_examples(text, chains, models)
    pronouns = sorted({g for g, k in zip(examples.groups, examples.kinds) if k == PRONOUN})
    assert len(pronouns) == 2                               # "он" and "его"
    positives = {g for g, label in zip(examples.groups, examples.labels) if label}
    assert set(pronouns) <= positives
    assert examples.labels.count(0) >= 2                    # Вашингтон is no one's antecedent
    assert all(len(row) == len(FEATURES) for row in examples.rows)


def test_training_on_own_mentions_runs_end_to_end(tmp_path, models):
    import json

    from svodka.extractors.coref.train import load, train

    for name, (text, chains) in ARTICLES.items():
        entities = [[_offsets(text, f, n) for f, n in chain] for chain in chains]
        (tmp_path / name).write_text(json.dumps({"text": text, "entities": entities,
                                                 "includes": []}, ensure_ascii=False))
    report = train(tmp_path, articles=10, out=tmp_path / "model.npz", mentions="own")
    assert report["mentions"] == "own" and report["train articles"] == 2
    assert report["dev articles"] == 1 and report["train pairs"] > 2
    assert load(tmp_path / "model.npz").features == FEATURES


def test_the_ranker_is_asked_about_every_description_the_rules_leave_open(models):
    """``RANKER_EVERYWHERE``: "французским лидером" is no subject and has an adjective, yet
    the ranker is asked whether it is Макрон; asked only about subjects, it is not."""
    from svodka.analysis import analyze
    from svodka.extractors.coref.descriptions import link_anaphoric
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    text = ("Президент Франции Эммануэль Макрон прибыл в Москву. Встреча с французским лидером "
            "продлилась пять часов.")
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    entities, _ = resolve_entities(analysis)
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if not (m.rule or "").startswith("ranker")]
    asked: dict[str, list[str]] = {}

    def record(analysis_, anaphor, candidates):
        asked[text[anaphor[0]:anaphor[1]]] = [text[s:e] for s, e in candidates]
        return None

    link_anaphoric(analysis, entities, [], set(), scorer=record, everywhere=False)
    assert "французским лидером" not in asked
    link_anaphoric(analysis, entities, [], set(), scorer=record, everywhere=True)
    assert "Эммануэль Макрон" in asked["французским лидером"]


def test_speech_in_straight_marks_is_read_as_speech(models):
    """newsru.com writes speech in straight "…": a word inside it is in speech (the sixth
    session's features), the same speech as another word of it; the author's words that
    split the quote and the name after it are not."""
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout

    text = ('"Министр выполнит все обещания, - подчеркнул Песков. - Правительство его '
            'поддерживает", - сказал Дмитрий Песков журналистам.')
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    minister, government = view(analysis, span(text, "Министр")), view(analysis, span(text, "Правительство"))
    author, name = view(analysis, span(text, "Песков")), view(analysis, span(text, "Дмитрий Песков"))
    assert minister.speech == 0 and government.speech > 0      # two parts of one quote
    assert author.speech == -1 and name.speech == -1
    rows = pair_features(analysis, government, [minister, author])
    assert rows[0][FEATURES.index("anaphor in speech")] == 1
    assert rows[0][FEATURES.index("candidate in speech")] == 1
    assert rows[1][FEATURES.index("candidate in speech")] == 0
    assert minister.animate and not government.animate


def test_a_model_over_the_older_features_still_scores(models, analyses, tmp_path):
    """A model trained before features were appended reads the rows' first columns: the
    pronouns' installed model keeps working beside the descriptions' newer one."""
    installed = ranker.load_model()
    if installed is None:
        pytest.skip("the ranker's model file is not installed")
    assert FEATURES[:len(installed.features)] == installed.features
    analysis = analyses["Она"]
    candidates = [span(analysis.text, "Антон Силуанов"), span(analysis.text, "Эльвирой Набиуллиной")]
    rows = pair_features(analysis, view(analysis, span(analysis.text, "Она")),
                         [view(analysis, c) for c in candidates])
    short = [row[:len(installed.features)] for row in rows]
    assert installed.predict_proba(rows).tolist() == installed.predict_proba(short).tolist()
    scores = antecedent_scores(analysis, span(analysis.text, "Она"), candidates, model=installed)
    assert scores[1] > scores[0]


def test_the_descriptions_model_is_trained_with_the_meaning_of_nouns(tmp_path, models):
    """``--semantic``: the model reads ``DESCRIPTION_FEATURES`` and keeps, in its own file,
    the prototypes and axes its semantic columns compare a head noun with."""
    import json

    from svodka.extractors.coref.ranker import DESCRIPTION_FEATURES, SEMANTIC_FEATURES
    from svodka.extractors.coref.train import load, train

    for name, (text, chains) in ARTICLES.items():
        entities = [[_offsets(text, f, n) for f, n in chain] for chain in chains]
        (tmp_path / name).write_text(json.dumps({"text": text, "entities": entities,
                                                 "includes": []}, ensure_ascii=False))
    report = train(tmp_path, articles=10, out=tmp_path / "model.npz", mentions="own",
                   semantic=True)
    assert report["train pairs"] > 2
    model = load(tmp_path / "model.npz")
    assert model.features == DESCRIPTION_FEATURES
    assert model.meaning.prototypes.shape == (3, 300)
    assert model.meaning.axes.shape == (300, ranker.MEANING_AXES)
    text = ("Министр финансов Антон Силуанов выступил в Думе. Министерство объявило о новых "
            "мерах. Ведомство сообщило о них.")
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    rows = ranker.candidate_rows(analysis, span(text, "Ведомство"),
                                 [span(text, "Антон Силуанов"), span(text, "Министерство")], model)
    assert all(len(row) == len(FEATURES) + len(SEMANTIC_FEATURES) for row in rows)
    has_vector = DESCRIPTION_FEATURES.index("anaphor head has a vector")
    assert rows[0][has_vector] == rows[1][has_vector] == 1.0
    # Силуанов is described by "министр" (his own phrase's apposition): a noun near "ведомство"
    assert rows[0][DESCRIPTION_FEATURES.index("anaphor ~ candidate's nouns")] > 0.1
    assert len(antecedent_scores(analysis, span(text, "Ведомство"),
                                 [span(text, "Министерство")], model=model)) == 1


def test_a_candidate_is_described_by_its_own_and_its_apposed_nouns(models):
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout

    text = "Антон Силуанов, министр финансов, выступил в Думе. Порт «Восточный» закрыт."
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    nouns = ranker.nouns_of(analysis, view(analysis, span(text, "Антон Силуанов")))
    assert "министр" in nouns and "дума" not in nouns
    assert "порт" in ranker.nouns_of(analysis, view(analysis, span(text, "Порт «Восточный»")))


@pytest.mark.parametrize("noun, kind", [
    ("ведомство", "ORG"), ("министерство", "ORG"), ("компания", "ORG"),
    ("политик", "PER"), ("футболист", "PER"), ("фигурант", "PER"),
    ("столица", "LOC"), ("город", "LOC"),
])
def test_the_descriptions_model_knows_what_a_noun_means(models, noun, kind):
    """The prototypes the training command computed from RuCoCo's training articles: a
    noun is nearest to the kind of thing it describes, though no list names it."""
    from svodka.extractors.coref.ranker import _PROTOTYPE_TYPES, description_model, unit_vector

    model = description_model()
    if model is None or model.meaning is None:
        pytest.skip("no descriptions' model with the meaning of nouns installed")
    similarity = model.meaning.prototypes @ unit_vector(models.embedding, noun)
    assert _PROTOTYPE_TYPES[int(similarity.argmax())] == kind
