"""The coreference scorer on small hand-made sentences (no RuCoCo text), and a smoke run of
``svodka eval coref`` on RuCoCo's dev articles when ``../shared`` holds them."""
from __future__ import annotations

import re

import pytest

from conftest import SHARED, needs_shared
from svodka.eval.coref import (
    adjacent_phrases, choose_dev, dev_names, is_named, match_mention, mention_kind, proper_words,
    score_coref,
)

RUCOCO = SHARED / "data" / "rucoco" / "rucoco-train.zip"

TEXT = ("Министр финансов Антон Силуанов заявил, что бюджет сбалансирован. "
        "По его словам, Минфин не ждет дефицита. Министр добавил, что он доволен.")


def span(fragment: str, nth: int = 0) -> tuple[int, int]:
    """The ``nth`` whole-word occurrence of ``fragment`` in TEXT."""
    found = list(re.finditer(rf"(?<!\w){re.escape(fragment)}(?!\w)", TEXT))[nth]
    return found.start(), found.end()


SILUANOV = [span("Министр финансов Антон Силуанов"), span("его"), span("Министр", 1),
            span("он")]
MINFIN = [span("Минфин")]
BUDGET = [span("бюджет")]          # lowercase only: not a named chain
GOLD = [SILUANOV, MINFIN, BUDGET]


@pytest.mark.parametrize("fragment, nth, kind", [
    ("Министр финансов Антон Силуанов", 0, "name"),
    ("Минфин", 0, "name"),           # capitalized, not opening its sentence
    ("Министр", 1, "description"),   # capitalized only because it opens a sentence
    ("его", 0, "pronoun"),
    ("бюджет", 0, "description"),
])
def test_mention_kinds(fragment, nth, kind):
    assert mention_kind(TEXT, span(fragment, nth)) == kind


def test_a_name_opening_its_sentence_is_still_a_name():
    text = "Минфин ждет дефицита. Об этом сообщил Минфин."
    assert not is_named(text, (0, 6))               # the chain is named by its other mention
    assert mention_kind(text, (0, 6), proper_words(text)) == "name"
    assert mention_kind(TEXT, span("Министр", 1), proper_words(TEXT)) == "description"


def test_abbreviation_is_named_even_opening_a_sentence():
    assert is_named("МВД сообщило о задержании.", (0, 3))
    assert not is_named("Полиция сообщила о задержании.", (0, 7))


def test_a_mention_matches_the_gold_it_overlaps_by_half():
    gold = SILUANOV + MINFIN
    assert match_mention(span("Антон Силуанов"), gold) is None   # 14 of 31 characters
    assert match_mention(span("финансов Антон Силуанов"), gold) == SILUANOV[0]
    assert match_mention(span("Минфин"), gold) == MINFIN[0]


def test_every_gold_link_found():
    scores = score_coref(TEXT, GOLD, [[span("Министр финансов Антон Силуанов"), span("его"),
                                       span("Министр", 1), span("он")], [span("Минфин")]])
    assert (scores.links.found, scores.links.gold) == (6, 6)
    assert (scores.links.right, scores.links.predicted) == (6, 6)
    assert scores.links.f1 == 1.0
    # Name ↔ pronoun: the name with его and он; name ↔ description: with "Министр".
    assert (scores.pronoun_links.correct, scores.pronoun_links.total) == (2, 2)
    assert (scores.description_links.correct, scores.description_links.total) == (1, 1)
    assert (scores.mentions.correct, scores.mentions.total) == (5, 5)


def test_a_wrong_link_costs_precision_and_a_missing_one_recall():
    # "он" is given to Минфин instead of Силуанов; "Министр" is left alone.
    scores = score_coref(TEXT, GOLD, [[span("Антон Силуанов", 0), span("Министр финансов"),
                                       span("его")],
                                      [span("Минфин"), span("он")]])
    # "Антон Силуанов" is too short to match (14 of 31 characters); "Министр финансов"
    # (16 of 31) matches the name, so (name, его) is right and (Минфин, он) is wrong.
    assert (scores.links.right, scores.links.predicted) == (1, 2)
    assert (scores.links.found, scores.links.gold) == (1, 6)
    assert scores.pronoun_links.correct == 1 and scores.pronoun_links.total == 2


def test_adjacent_mentions_of_one_entity_match_as_one_phrase():
    # "Министр" (title) + "Антон Силуанов" (name), each under half of the gold phrase
    # "Министр финансов Антон Силуанов"; "финансов" stands between them, so they are no phrase.
    apart = [span("Министр"), span("Антон Силуанов"), span("его")]
    assert adjacent_phrases(TEXT, apart) == []
    assert score_coref(TEXT, GOLD, [apart]).links.found == 0
    # "Министр финансов" + "Антон Силуанов", written next to each other, are the phrase.
    beside = [span("Министр финансов"), span("Антон Силуанов"), span("его")]
    assert adjacent_phrases(TEXT, beside) == [SILUANOV[0]]
    joined = score_coref(TEXT, GOLD, [[span("Антон Силуанов"), span("финансов"), span("его")]])
    assert joined.links.found == 1 and joined.mentions.correct == 2
    # the fourth session's matching took each mention alone
    alone = score_coref(TEXT, GOLD, [[span("Антон Силуанов"), span("финансов"), span("его")]],
                        join_adjacent=False)
    assert alone.links.found == 0 and alone.mentions.correct == 1
    # two entities' mentions side by side are never joined
    split = score_coref(TEXT, GOLD, [[span("финансов"), span("его")], [span("Антон Силуанов")]])
    assert split.links.found == 0


def test_pairs_outside_named_chains_are_not_judged():
    # Two mentions of the unnamed chain "бюджет" and a stray pronoun: nothing to judge.
    scores = score_coref(TEXT, GOLD, [[span("бюджет"), span("он")]])
    assert scores.links.predicted == 1          # он belongs to a named chain, so it is judged
    assert scores.links.right == 0
    scores = score_coref(TEXT, [BUDGET + [span("бюджет")]], [[span("бюджет"), span("Минфин")]])
    assert scores.links.predicted == 0 and scores.links.gold == 0


def test_dev_split_is_300_article_names():
    dev = dev_names()
    assert len(dev) == 300
    assert all(name.endswith(".json") and "/" not in name for name in dev)
    assert "2015_russia_feigin.json" not in dev   # a training article


@needs_shared(RUCOCO)
def test_dev_split_is_reproducible_from_the_archive():
    import zipfile
    with zipfile.ZipFile(RUCOCO) as archive:
        names = [n for n in archive.namelist() if n.endswith(".json")]
    assert sorted(choose_dev(names)) == sorted(dev_names())


@needs_shared(RUCOCO)
def test_eval_coref_smoke(tmp_path, models):
    import json

    from typer.testing import CliRunner

    from svodka.cli import app

    out = tmp_path / "coref.json"
    result = CliRunner().invoke(app, ["eval", "coref", "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == 3 and data["systems"] == ["svodka", "natasha"]
    scores = {m["name"]: m["scores"] for m in data["measures"]}
    for system in ("svodka", "natasha"):
        assert scores["link"][system]["gold"] > 0
        assert scores["link"][system]["found"] > 0
        assert scores["mention recall"][system]["correct"] > 0
