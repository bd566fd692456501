"""``svodka eval roles``: person roles against NEREL's WORKS_AS (tiny hand-made brat snippets
scored by hand), the hand-judged sample's precision, and smoke runs of both commands."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SHARED, needs_shared
from svodka.cli import app
from svodka.eval.nerel import parse_ann
from svodka.eval.role_sample import sentence_of
from svodka.eval.roles import (SampleRow, judge_roles, judged_precision, keep_judgements,
                               read_sample, role_holds, role_matches, score_roles, write_sample)
from svodka.eval.spans import Span
from svodka.eval.systems import Group, Output

runner = CliRunner()

# Two people with a profession each; the third sentence names a person with no profession.
TEXT = ("Министр иностранных дел России Сергей Лавров встретился с президентом Франции "
        "Эммануэлем Макроном. Об этом сообщил Дмитрий Песков.")
ANN = "\n".join([
    "T1\tPROFESSION 0 23\tМинистр иностранных дел",
    "T2\tPERSON 31 44\tСергей Лавров",
    "T3\tPROFESSION 58 69\tпрезидентом",
    "T4\tPERSON 78 97\tЭммануэлем Макроном",
    "T5\tPERSON 115 129\tДмитрий Песков",
    "R1\tWORKS_AS Arg1:T2 Arg2:T1\t",
    "R2\tWORKS_AS Arg1:T4 Arg2:T3\t",
])
LAVROV, MACRON, PESKOV = Span(31, 44, "PER"), Span(78, 97, "PER"), Span(115, 129, "PER")


@pytest.fixture(scope="module")
def vocab(models):
    return models.morph_vocab


@pytest.fixture(scope="module")
def document():
    doc = parse_ann("snippet", TEXT, ANN)
    assert [TEXT[m.start:m.end] for m in doc.mentions.values()] == [
        "Министр иностранных дел", "Сергей Лавров", "президентом", "Эммануэлем Макроном",
        "Дмитрий Песков"]
    return doc


@pytest.mark.parametrize("role, profession, expected", [
    ("министр иностранных дел России", "Министр иностранных дел", True),   # role holds it
    ("министр", "министр иностранных дел", True),                          # held by it
    ("президент Франции", "президентом", True),                            # any case
    ("глава МИД России", "главы", True),
    ("посол Казахстана в Бельгии", "посла", True),
    ("экс-президент США", "президента США", True),                        # a hyphen's parts
    ("журналист", "журналиста-расследователя", True),
    ("иностранный агент для СМИ", "президент", False),
    ("эксперт", "министр", False),
    ("канадский хоккеист", "хоккейный тренер", False),
])
def test_role_matches_profession_by_words(vocab, role, profession, expected):
    assert role_matches(role, profession, vocab) is expected


def test_right_roles_found_and_a_wrong_one_counted(document, vocab):
    output = Output(groups=[
        Group("PER", [LAVROV], ["министр иностранных дел России"]),     # right, finds R1
        Group("PER", [MACRON], ["эксперт"]),                             # wrong, R2 missed
    ])
    score, errors = judge_roles(document, output, vocab)
    assert (score.right, score.predicted, score.found, score.gold) == (1, 2, 1, 2)
    assert errors == [
        {"kind": "missed", "document": "snippet", "person": "Эммануэлем Макроном",
         "profession": "президентом", "roles": ["эксперт"]},
        {"kind": "wrong", "document": "snippet", "person": "Эммануэлем Макроном",
         "role": "эксперт", "professions": ["президентом"]}]


def test_a_role_nerel_does_not_give_is_wrong_but_an_unknown_entity_is_not_judged(document, vocab):
    output = Output(groups=[
        Group("PER", [LAVROV], ["министр", "министр иностранных дел"]),  # two roles, both right
        Group("PER", [MACRON], ["президент Франции"]),
        Group("PER", [PESKOV], ["пресс-секретарь"]),                   # NEREL gives him none
        Group("PER", [Span(31, 37, "PER")], []),                         # no role: nothing scored
        Group("PER", [Span(70, 77, "PER")], ["страна"]),               # "Франции": no PERSON there
        Group("ORG", [Span(24, 30, "ORG")], ["государство"]),          # not a person
    ])
    score = score_roles(document, output, vocab)
    assert (score.right, score.predicted, score.found, score.gold) == (3, 4, 2, 2)


def test_the_strict_reading_wants_the_whole_profession(document, vocab):
    assert role_holds("министр иностранных дел России", "Министр иностранных дел", vocab)
    assert not role_holds("министр", "министр иностранных дел", vocab)
    output = Output(groups=[Group("PER", [LAVROV], ["министр"]),
                            Group("PER", [MACRON], ["президент Франции"])])
    loose, strict = score_roles(document, output, vocab), score_roles(document, output, vocab,
                                                                     role_holds)
    assert (loose.right, loose.found) == (2, 2)
    assert (strict.right, strict.predicted, strict.found, strict.gold) == (1, 2, 1, 2)


def test_roles_only_count_for_the_person_they_belong_to(document, vocab):
    swapped = Output(groups=[Group("PER", [LAVROV], ["президент"]),
                             Group("PER", [MACRON], ["министр иностранных дел"])])
    score = score_roles(document, swapped, vocab)
    assert (score.right, score.predicted, score.found) == (0, 2, 0)


def test_svodka_on_the_snippet_finds_both_roles(document, vocab, models):
    from svodka.eval.systems import Svodka
    score = score_roles(document, Svodka()(TEXT), vocab)
    assert score.found == 2
    assert score.right == score.predicted


def test_judged_precision_counts_yes_among_judged_rows():
    rows = [SampleRow("rt1-0001", "Роман Василенко", "посол Казахстана в Бельгии", "…", "yes"),
            SampleRow("rt1-0002", "Владимир Путин", "иностранный агент для СМИ", "…", "no"),
            SampleRow("ng0-0003", "Ким Чен Ын", "эксперт", "…", "No"),
            SampleRow("ng0-0004", "Сергей Лавров", "министр", "…", "")]
    share, open_rows = judged_precision(rows)
    assert (share.correct, share.total, open_rows) == (1, 3, 1)
    with pytest.raises(ValueError, match="write yes or no"):
        judged_precision([SampleRow("a", "b", "c", "d", "maybe")])


def test_judgements_carry_over_to_pairs_that_remain(tmp_path):
    judged = [SampleRow("rt1-0001", "Роман Василенко", "посол", 'с поста "посла" \\ РК', "yes"),
              SampleRow("rt1-0001", "Владимир Путин", "эксперт", "…", "no")]
    path = tmp_path / "sample.tsv"
    write_sample(path, judged)
    assert read_sample(path) == judged
    fresh = [SampleRow("rt1-0001", "Роман Василенко", "посол", "новое предложение"),
             SampleRow("rt1-0001", "Касым-Жомарт Токаев", "президент", "…")]
    merged = keep_judgements(fresh, read_sample(path))
    assert [(r.entity, r.judgement) for r in merged] == [("Роман Василенко", "yes"),
                                                         ("Касым-Жомарт Токаев", "")]
    assert merged[0].sentence == "новое предложение"


def test_sentence_of_a_role_names_the_person(vocab):
    text = ("В Брюсселе прошла встреча. Послом Казахстана в Бельгии назначен Роман Василенко. "
            "Василенко прибыл в посольство.")
    start = text.index("Роман Василенко")
    spans = [(start, start + 15), (text.rindex("Василенко"), text.rindex("Василенко") + 9)]
    assert sentence_of(text, spans, "посол Казахстана в Бельгии", vocab) == \
        "Послом Казахстана в Бельгии назначен Роман Василенко."
    assert sentence_of(text, spans, "дипломат", vocab) == \
        "Послом Казахстана в Бельгии назначен Роман Василенко."      # no such words: first naming


def test_eval_roles_judged_reports_precision(tmp_path):
    path = tmp_path / "sample.tsv"
    write_sample(path, [SampleRow("rt1-0001", "Роман Василенко", "посол", "…", "yes"),
                        SampleRow("rt1-0002", "Владимир Путин", "эксперт", "…", "no"),
                        SampleRow("rt1-0003", "Сергей Лавров", "министр", "…")])
    out = tmp_path / "judged.json"
    result = runner.invoke(app, ["eval", "roles", "--judged", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "0.500 (1/2)" in result.output and "1 rows not judged yet" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["measures"][0]["scores"]["svodka"] == {"value": 0.5, "correct": 1, "total": 2}


def test_the_committed_sample_is_judged_throughout():
    path = ROOT / "tests" / "data" / "roles" / "sample.tsv"
    rows = read_sample(path)
    share, open_rows = judged_precision(rows)
    assert len(rows) == 200 and open_rows == 0
    assert len({r.key for r in rows}) == 200
    assert 0 < share.correct < share.total      # both kinds of judgement occur


@needs_shared(SHARED / "data" / "nerel" / "dev")
def test_eval_roles_smoke_on_nerel(tmp_path, models):
    out = tmp_path / "roles.json"
    result = runner.invoke(app, ["eval", "roles", "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    score = data["measures"][0]["scores"]["svodka"]
    assert data["task"] == "roles" and data["documents"] == 3
    assert score["gold"] > 0 and score["predicted"] > 0 and score["found"] > 0
    missed = [e for e in data.get("errors", []) if e["kind"] == "missed"]
    assert len(missed) == score["gold"] - score["found"]


@needs_shared(SHARED / "data" / "news")
def test_roles_sample_draws_again_keeping_judgements(tmp_path, models):
    out = tmp_path / "sample.tsv"
    args = ["eval", "roles-sample", "--size", "3", "--out", str(out)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    rows = read_sample(out)
    assert len(rows) == 3 and all(r.article[:3] in ("rt1", "ng0") and r.role for r in rows)
    assert all(r.entity.split()[-1][:4] in r.sentence or r.sentence == "" for r in rows[:1])
    rows[0].judgement = "yes"
    write_sample(out, rows)
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "3 rows written" in again.output and "2 to judge" in " ".join(again.output.split())
    assert read_sample(out) == rows


def test_missing_nerel_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["eval", "roles", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no dataset at" in result.output
