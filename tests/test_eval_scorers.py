"""Scorers on tiny hand-made gold / prediction pairs whose scores are worked out by hand,
then a smoke run of every ``svodka eval`` command on three documents."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import SHARED, needs_shared
from svodka.cli import app
from svodka.eval.entities import OUTER, factru_predictions, role_contains, tolerate_qualifiers
from svodka.eval.factru import gold_spans
from svodka.eval.quotes import batch_rows, evaluate_quotes, same_speaker, score_quotes
from svodka.eval.scoring import (PRF, Share, exact_prf, half_overlap, matched_prf, overlap_prf,
                                 pair_prf, token_prf)
from svodka.eval.spans import (Span, drop_misaligned, drop_overlapping, innermost_pieces,
                               nested_pieces, token_bounds)
from svodka.eval.systems import FoundQuote, Output, System, amount_type

TEXT = "Глава МИД России Сергей Лавров прибыл в Москву"
#       0    5   9      16     23     30     37 40
BOUNDS = token_bounds(TEXT)
PER = Span(17, 30, "PER")          # Сергей Лавров
ORG = Span(6, 9, "ORG")            # МИД
LOC = Span(10, 16, "LOC")          # России


def prf(right, predicted, found, gold):
    return PRF(right, predicted, found, gold)


@pytest.mark.parametrize("gold, predicted, expected", [
    ([PER], [PER], prf(2, 2, 2, 2)),                                  # both tokens
    ([PER], [], prf(0, 0, 0, 2)),                                     # empty prediction
    ([], [PER], prf(0, 2, 0, 0)),                                     # empty gold
    ([PER], [Span(24, 30, "PER")], prf(1, 1, 1, 2)),                  # surname only: 1 of 2
    ([Span(24, 30, "PER")], [PER], prf(1, 2, 1, 1)),                  # one token too many
    ([PER], [PER, PER], prf(2, 2, 2, 2)),                             # duplicates: same tokens
])
def test_token_prf_counts_tokens_like_naeval(gold, predicted, expected):
    assert token_prf(gold, predicted, BOUNDS) == expected


def test_token_f1_on_a_half_found_name():
    score = token_prf([PER], [Span(24, 30, "PER")], BOUNDS)
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize("gold, predicted, expected", [
    ([PER, ORG], [PER, ORG], prf(2, 2, 2, 2)),
    ([PER], [], prf(0, 0, 0, 1)),
    ([], [PER], prf(0, 1, 0, 0)),
    ([PER], [PER, PER], prf(1, 1, 1, 1)),                             # duplicate counted once
    ([PER], [Span(17, 30, "ORG")], prf(0, 1, 0, 1)),                  # type mismatch
    ([PER], [Span(24, 30, "PER")], prf(0, 1, 0, 1)),                  # boundary differs
    ([Span(6, 16, "ORG"), ORG], [ORG], prf(1, 1, 1, 2)),              # nested gold, same type
])
def test_exact_prf(gold, predicted, expected):
    assert exact_prf(gold, predicted) == expected


@pytest.mark.parametrize("gold, predicted, expected", [
    ([PER], [Span(24, 30, "PER")], prf(1, 1, 1, 1)),                  # partial overlap counts
    ([PER], [Span(24, 30, "ORG")], prf(0, 1, 0, 1)),                  # but not across types
    ([PER], [Span(17, 23, "PER"), Span(24, 30, "PER")], prf(2, 2, 1, 1)),  # split name
    ([Span(6, 16, "ORG"), ORG], [Span(6, 16, "ORG")], prf(1, 1, 2, 2)),    # nested gold
    ([ORG], [LOC], prf(0, 1, 0, 1)),                                  # adjacent, no overlap
])
def test_overlap_prf(gold, predicted, expected):
    assert overlap_prf(gold, predicted) == expected


@pytest.mark.parametrize("gold, predicted, matches", [
    (Span(0, 10, "q"), Span(5, 10, "q"), True),     # overlap 5 = half of the longer (10)
    (Span(0, 10, "q"), Span(6, 10, "q"), False),    # overlap 4 < 5
    (Span(0, 10, "q"), Span(5, 15, "q"), True),     # overlap 5 of 10 and 10
    (Span(0, 11, "q"), Span(6, 11, "q"), False),    # overlap 5 < 5.5
    (Span(0, 10, "q"), Span(0, 10, "x"), False),    # type mismatch
    (Span(0, 10, "q"), Span(10, 20, "q"), False),   # touching is not overlapping
])
def test_half_overlap_boundary(gold, predicted, matches):
    assert half_overlap(gold, predicted) is matches
    assert half_overlap(predicted, gold) is matches


def test_one_to_one_matching_gives_each_gold_one_prediction():
    gold = [Span(0, 10, "q")]
    predicted = [Span(0, 10, "q"), Span(1, 10, "q")]     # both qualify, only one may match
    assert matched_prf(gold, predicted) == prf(1, 2, 1, 1)
    two_gold = [Span(0, 10, "q"), Span(10, 20, "q")]
    assert matched_prf(two_gold, [Span(0, 20, "q")]) == prf(1, 1, 1, 2)


def test_prf_of_nothing_is_zero_not_an_error():
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)
    assert Share().value == 0.0


def test_pair_precision_only_judges_pairs_gold_knows():
    a, b, c, d = (0, 5), (10, 15), (20, 25), (30, 35)
    gold = {frozenset({a, b})}
    predicted = {frozenset({a, b}), frozenset({a, c}), frozenset({a, d})}
    judged = {frozenset({a, b}), frozenset({a, c})}       # d is unknown to gold
    correct = {frozenset({a, b})}
    assert pair_prf(gold, predicted, judged, correct) == prf(1, 2, 1, 1)


def test_spans_clean_up_like_naeval():
    nested = [Span(6, 16, "ORG"), Span(10, 16, "LOC"), PER]
    assert drop_overlapping(nested) == [Span(6, 16, "ORG"), PER]
    assert drop_misaligned([Span(6, 8, "ORG"), ORG], BOUNDS) == [ORG]


def test_innermost_piece_takes_the_type_of_the_deepest_referent():
    person = Span(0, 30, "PERSON")            # Глава МИД России Сергей Лавров
    title = Span(0, 16, "PERSONPROPERTY")     # Глава МИД России
    country = Span(10, 16, "GEO")
    pieces = innermost_pieces([person, title, country])
    assert pieces == [Span(0, 10, "PERSONPROPERTY"), Span(10, 16, "GEO"), Span(16, 30, "PERSON")]


def test_factru_gold_follows_naeval():
    objects = [
        ("Person", [("name", 17, 23), ("surname", 24, 30)]),
        ("Org", [("org_name", 6, 9), ("loc_name", 10, 16)]),
        ("LocOrg", [("loc_name", 10, 16)]),
        ("Location", [("loc_name", 40, 46)]),
        ("Project", [("org_name", 0, 5)]),
    ]
    assert gold_spans(objects) == [ORG, LOC, PER, Span(40, 46, "LOC")]


def _factru_scores(gold, predicted, text=TEXT):
    bounds = token_bounds(text)
    flats = factru_predictions(predicted, text, bounds)
    return {(type, flat): token_prf([g for g in gold if g.type == type],
                                    [p for p in spans if p.type == type], bounds)
            for flat, spans in flats.items() for type in ("PER", "ORG", "LOC")}


def test_nested_place_in_an_organization_scores_as_factrueval_annotates_it():
    # factRuEval: an Org "МИД" (org_name) and a LocOrg "России" (loc_name); the system says
    # ORG "МИД России" with LOC "России" nested in it, and misses "Москву"
    gold = gold_spans([("Org", [("org_name", 6, 9)]), ("LocOrg", [("loc_name", 10, 16)]),
                       ("Person", [("name", 17, 23), ("surname", 24, 30)]),
                       ("Location", [("loc_name", 40, 46)])])
    predicted = [Span(6, 16, "ORG"), Span(10, 16, "LOC"), PER, Span(31, 37, "EVENT")]
    scores = _factru_scores(gold, predicted)
    assert scores["ORG", ""] == prf(1, 1, 1, 1)             # the piece "МИД " stripped to "МИД"
    assert scores["LOC", ""] == prf(1, 1, 1, 2)             # "России" counts, "Москву" missed
    assert scores["ORG", OUTER] == prf(1, 2, 1, 1)          # "МИД России": one token too many
    assert scores["LOC", OUTER] == prf(0, 0, 0, 2)          # the nested place is dropped
    assert scores["PER", ""] == scores["PER", OUTER] == prf(2, 2, 2, 2)


def test_flat_predictions_score_the_same_both_ways():
    predicted = [ORG, LOC, PER, Span(40, 46, "LOC"), Span(40, 46, "ORG")]
    flats = factru_predictions(predicted, TEXT, BOUNDS)
    assert flats[""] == flats[OUTER] == [ORG, LOC, PER, Span(40, 46, "LOC")]


def test_nested_pieces_cut_every_level_and_strip_only_cut_pieces():
    text = "спикер Палаты представителей Конгресса США и ФК «Тамбов»"
    # Палаты… 7-42, Конгресса США 29-42, США 39-42, ФК «Тамбов» 45-56, Тамбов 49-55
    house, congress, usa = Span(7, 42, "ORG"), Span(29, 42, "ORG"), Span(39, 42, "LOC")
    club, town = Span(45, 56, "ORG"), Span(49, 55, "LOC")
    quoted = Span(48, 56, "ORG")                         # «Тамбов» alone: not cut, kept whole
    assert nested_pieces([house, congress, usa, club, town], text) == [
        Span(7, 28, "ORG"), Span(29, 38, "ORG"), usa, Span(45, 47, "ORG"), town]
    assert nested_pieces([quoted], text) == [quoted]


@pytest.mark.parametrize("gold, predicted, same", [
    ("Сергей Лавров", "сергей  лавров", True),
    ("Пётр Толстой", "Петр Толстой", True),
    ("Сергей Лавров", "Лавров", False),          # strict: a surname alone is not the speaker
    (None, None, True),
    (None, "Лавров", False),
])
def test_speaker_names_compare_strictly(gold, predicted, same):
    assert same_speaker(gold, predicted) is same


def test_quote_scores_span_speaker_and_end_to_end():
    gold = [FoundQuote(0, 40, "direct", "Сергей Лавров"), FoundQuote(50, 90, "indirect", None)]
    predicted = [FoundQuote(0, 38, "direct", "Сергей Лавров"),
                 FoundQuote(50, 70, "indirect", "МИД"),      # overlap 20 of 40: matches
                 FoundQuote(100, 120, "direct", None)]       # no gold
    scores = score_quotes(gold, predicted)
    assert scores.spans == prf(2, 3, 2, 2)
    assert scores.speakers == Share(1, 2)
    assert scores.end_to_end == prf(1, 3, 1, 2)


class CannedQuotes(System):
    """A stand-in system that answers each text with quotes written by hand below."""
    name = "canned"
    provides = frozenset({"quotes"})

    def __init__(self, answers: dict[str, list[FoundQuote]]):
        self.answers = answers

    def __call__(self, text: str) -> Output:
        return Output(quotes=self.answers[text])


def _gold_file(folder, name, text, quotes, batch=None):
    gold = {"id": name, "text": text, "quotes": [
        {"start": text.index(span), "end": text.index(span) + len(span), "text": span,
         "kind": kind, "speaker": speaker} for kind, speaker, span in quotes]}
    if batch:
        gold["batch"] = batch
    (folder / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_quote_eval_reports_dev_fresh_and_all(tmp_path):
    dev = "«Мы готовы к диалогу», — заявил Сергей Лавров."
    fresh = ("Песков сообщил, что встреча не планируется. «Повода нет», — добавил Дмитрий Песков. "
             "Отмечается, что визит отложен.")
    _gold_file(tmp_path, "rt0-0001", dev, [("direct", "Сергей Лавров", "Мы готовы к диалогу")])
    _gold_file(tmp_path, "ng1-0002", fresh, [
        ("indirect", "Дмитрий Песков", "встреча не планируется"),
        ("direct", "Дмитрий Песков", "Повода нет"),
        ("indirect", None, "визит отложен")], batch="fresh-2026-12")
    system = CannedQuotes({
        dev: [FoundQuote(1, 20, "direct", "Сергей Лавров")],                 # right
        fresh: [FoundQuote(fresh.index("встреча"), fresh.index(". «"), "indirect", "Песков"),
                FoundQuote(fresh.index("Повода"), fresh.index("»"), "direct", "Дмитрий Песков")],
    })                                                 # a surname alone; the third one missed
    result = evaluate_quotes(tmp_path, [system])

    assert result.value("span.f1", "canned") == 1.0                  # the dev gold alone
    assert result.value("fresh-2026-12 span.recall", "canned") == pytest.approx(2 / 3)
    assert result.value("fresh-2026-12 speaker accuracy", "canned") == 0.5
    assert result.value("all end-to-end.recall", "canned") == 0.5     # 2 of 4 gold quotes
    assert [row[0] for row in batch_rows(result, "canned")] == ["dev", "fresh-2026-12", "all"]
    assert batch_rows(result, "canned")[1] == pytest.approx(
        ("fresh-2026-12", 0.8, 0.5, 0.4), abs=1e-9)  # span P 1 R 2/3; e2e P 1/2 R 1/3
    assert "fresh-2026-12: 1 articles, 3 gold quotes" in result.notes
    errors = [(e["document"], e["error"], e["text"]) for e in result.errors]
    assert errors == [("ng1-0002", "speaker", "встреча не планируется"),
                      ("ng1-0002", "missed", "визит отложен")]
    assert result.to_dict()["errors"][0]["speaker"] == "Песков"


def test_quote_eval_without_batches_keeps_its_measures(tmp_path):
    text = "«Мы готовы к диалогу», — заявил Сергей Лавров."
    _gold_file(tmp_path, "rt0-0001", text, [("direct", "Сергей Лавров", "Мы готовы к диалогу")])
    result = evaluate_quotes(tmp_path, [CannedQuotes({text: []})])
    assert [m.name for m in result.measures] == [
        "span", "speaker accuracy", "end-to-end", "direct span", "indirect span"]
    assert result.value("span.recall", "canned") == 0.0


def test_roles_match_profession_lemmas(models):
    vocab = models.morph_vocab
    assert role_contains("советник Белого дома", "советниками Белого дома", vocab)
    assert role_contains("президент США", "президента", vocab)
    assert not role_contains("министр иностранных дел", "президента", vocab)


runner = CliRunner()


def _smoke(tmp_path, *args):
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["eval", *args, "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_eval_quotes_smoke(tmp_path, models):
    data = _smoke(tmp_path, "quotes")
    assert data["documents"] == 3
    assert [m["name"] for m in data["measures"]][:3] == ["span", "speaker accuracy", "end-to-end"]


@needs_shared(SHARED / "data" / "factrueval-dev")
def test_eval_factrueval_smoke_with_natasha(tmp_path, models):
    data = _smoke(tmp_path, "factrueval", "--against", "natasha")
    assert data["systems"] == ["svodka", "natasha"]
    per = data["measures"][0]
    assert per["name"] == "PER" and per["scores"]["natasha"]["gold"] > 0


@needs_shared(SHARED / "data" / "nerel")
def test_eval_nerel_smoke(tmp_path, models):
    data = _smoke(tmp_path, "nerel")
    names = [m["name"] for m in data["measures"]]
    assert "MONEY exact" in names and "alias" in names and "roles recall" in names


@needs_shared(SHARED / "data" / "nerel")
def test_eval_amounts_smoke(tmp_path, models):
    data = _smoke(tmp_path, "amounts", "--against", "natasha")
    scores = {m["name"]: m["scores"] for m in data["measures"]}
    assert scores["PERCENT accuracy"]["natasha"] is None          # natasha has no percents
    assert scores["coverage"]["svodka"]["total"] > 0


@needs_shared()
def test_eval_all_writes_docs(tmp_path, models):
    docs = tmp_path / "quality.md"
    out = tmp_path / "all.json"
    result = runner.invoke(app, ["eval", "all", "--limit", "1", "--out", str(out),
                                 "--write-docs", "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    page = docs.read_text(encoding="utf-8")
    assert "svodka eval all --limit 1 --write-docs" in page
    assert "## How each number is computed" in page
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 5


def test_missing_dataset_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["eval", "factrueval", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no dataset at" in result.output


def test_unknown_baseline_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["eval", "quotes", "--against", "spacy", "--limit", "1"])
    assert result.exit_code != 0
    assert "unknown system spacy" in result.output


@pytest.mark.parametrize("kind, unit, type", [
    ("other", "year", "AGE"), ("other", "km", "NUMBER"), ("count", None, "NUMBER"),
    ("money", "RUB", "MONEY"), ("percent", None, "PERCENT"), ("share", None, "NUMBER"),
])
def test_amount_types_on_nerel(kind, unit, type):
    assert amount_type(kind, unit) == type


def test_qualifier_tolerant_spans():
    text = "Задержали более 500 человек, 20 из них отпустили через 3 часа"
    gold = [Span(10, 19, "NUMBER"), Span(29, 31, "NUMBER")]
    predicted = [Span(16, 19, "NUMBER"), Span(29, 37, "NUMBER"), Span(55, 56, "NUMBER")]
    widened = tolerate_qualifiers(gold, predicted, text)
    assert widened == [Span(10, 19, "NUMBER"), Span(29, 37, "NUMBER"), Span(55, 56, "NUMBER")]
    prf = exact_prf(gold, widened)
    assert (prf.right, prf.predicted, prf.gold) == (1, 3, 2)
