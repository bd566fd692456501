"""The hand-annotated quote gold set (tests/data/quotes) is well-formed and matches its sources."""
from __future__ import annotations

import copy
import importlib.util
import json
import re
import zipfile

import pytest

from conftest import ROOT, SHARED, needs_shared

GOLD = ROOT / "tests" / "data" / "quotes"
NEWS = SHARED / "data" / "news"

_spec = importlib.util.spec_from_file_location("quote_gold_validate", GOLD / "validate.py")
validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validate)


def test_gold_files_are_valid():
    assert validate.validate(GOLD) == []


def test_gold_set_mixes_sources_kinds_and_negatives():
    stats = validate.summary(GOLD)
    names = [path.stem for path in validate.gold_files(GOLD)]
    assert stats["files"] >= 40
    assert sum(name.startswith("ng") for name in names) >= 15
    assert sum(name.startswith("rt") for name in names) >= 15
    assert stats["direct"] >= 50 and stats["indirect"] >= 50
    assert stats["files_without_quotes"] >= 2


FRESH = "fresh-2026-12"


def _batch_of(path):
    return json.loads(path.read_text(encoding="utf-8")).get("batch")


def test_fresh_batch_is_thirty_ng_and_thirty_rt_articles_apart_from_the_dev_gold():
    fresh = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == FRESH]
    assert sum(name.startswith("ng1-") for name in fresh) >= 30
    assert sum(name.startswith(("rt2-", "rt3-")) for name in fresh) >= 30
    assert all(name.startswith(("ng1-", "rt2-", "rt3-")) for name in fresh)
    assert validate.summary(GOLD, None)["files"] >= 40          # the dev gold is still whole
    stats = validate.summary(GOLD, FRESH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["files_without_quotes"] >= 2


@needs_shared(NEWS)
def test_fresh_batch_is_the_first_thirty_of_the_rebuilt_order():
    import sys
    sys.path.insert(0, str(GOLD))
    from pool import fresh_candidates
    dev = {path.stem for path in validate.gold_files(GOLD) if _batch_of(path) is None}
    order = [article["id"] for article in fresh_candidates(NEWS, dev)]
    fresh = {path.stem for path in validate.gold_files(GOLD)
             if _batch_of(path) == FRESH and path.stem.startswith("ng1-")}
    assert set(order[:30]) == fresh


SECOND = "fresh-2026-12b"


def test_second_fresh_batch_is_fifteen_ng0_and_fifteen_rt1_articles_apart_from_the_rest():
    second = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == SECOND]
    assert sorted(name[:3] for name in second) == ["ng0"] * 15 + ["rt1"] * 15
    others = {path.stem for path in validate.gold_files(GOLD) if _batch_of(path) != SECOND}
    assert not others & set(second)
    # ng_0 lines an analyst read svodka's output on are kept out of the held-out batch
    assert not {"ng0-0383", "ng0-0851", "ng0-0879", "ng0-0928", "ng0-0947"} & set(second)
    stats = validate.summary(GOLD, SECOND)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30
    assert 1 <= stats["files_without_quotes"] <= 10


@needs_shared(NEWS)
def test_second_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, SECOND)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == SECOND}
    # the first batch's Russia Today order is what it was before --batch existed
    first = {article["id"] for article in fresh_pool.selection(NEWS)}
    assert first == {path.stem for path in validate.gold_files(GOLD)
                     if _batch_of(path) == FRESH and path.stem.startswith(("rt2-", "rt3-"))}


THIRD = "fresh-2026-12c"


def test_third_fresh_batch_is_fifteen_ng1_and_fifteen_rt2_articles_apart_from_the_rest():
    third = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == THIRD]
    assert sorted(name[:3] for name in third) == ["ng1"] * 15 + ["rt2"] * 15
    others = {path.stem for path in validate.gold_files(GOLD) if _batch_of(path) != THIRD}
    assert not others & set(third)
    # ng_1 lines an analyst read are kept out of the held-out batch
    assert not {"ng1-0018", "ng1-0026", "ng1-0411", "ng1-0661", "ng1-0767"} & set(third)
    stats = validate.summary(GOLD, THIRD)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


@needs_shared(NEWS)
def test_third_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, THIRD)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == THIRD}
    # adding the third batch's files leaves the second batch's selection as it was
    assert {article["id"] for article in fresh_pool.selection(NEWS, SECOND)} == {
        path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == SECOND}


FOURTH = "fresh-2026-12d"


def test_fourth_fresh_batch_is_fifteen_ng0_and_fifteen_rt0_articles_apart_from_the_rest():
    fourth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == FOURTH]
    assert sorted(name[:3] for name in fourth) == ["ng0"] * 15 + ["rt0"] * 15
    others = {path.stem for path in validate.gold_files(GOLD) if _batch_of(path) != FOURTH}
    assert not others & set(fourth)
    # an analyst read russia_today_0 lines 1-199 and these ng_0 lines
    assert all(int(name[4:]) >= 200 for name in fourth if name.startswith("rt0-"))
    assert not {"ng0-0117", "ng0-0451", "ng0-0464", "ng0-0496", "ng0-0968"} & set(fourth)
    stats = validate.summary(GOLD, FOURTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


@needs_shared(NEWS)
def test_fourth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, FOURTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == FOURTH}
    # adding the fourth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


FIFTH = "fresh-2026-12e"


def test_fifth_fresh_batch_is_ten_each_of_ng1_rt1_and_rt3_apart_from_the_rest():
    fifth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == FIFTH]
    assert sorted(name[:3] for name in fifth) == ["ng1"] * 10 + ["rt1"] * 10 + ["rt3"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != FIFTH]
    fifth_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                     for name in fifth]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in fifth_sources}
    # lines docs/analyst-read-2026-12d.md read by hand are kept out of the held-out batch
    assert not {"rt1-0347", "rt1-0920", "rt1-0839", "rt1-0446", "rt1-0509", "ng1-0835",
                "ng1-0390", "ng1-0958", "ng1-0952", "ng1-0934"} & set(fifth)
    stats = validate.summary(GOLD, FIFTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


@needs_shared(NEWS)
def test_fifth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, FIFTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == FIFTH}
    # adding the fifth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


SIXTH = "fresh-2026-12f"


def test_sixth_fresh_batch_is_ten_each_of_ng0_rt0_and_rt2_apart_from_the_rest():
    sixth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == SIXTH]
    assert sorted(name[:3] for name in sixth) == ["ng0"] * 10 + ["rt0"] * 10 + ["rt2"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != SIXTH]
    sixth_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                     for name in sixth]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in sixth_sources}
    # lines an analyst read by hand (docs/analyst-read-2026-12d.md, -12e.md and the reads
    # before them) are kept out of the held-out batch; russia_today_0 only from line 200
    assert not {"rt2-0653", "rt2-0173", "rt2-0126", "rt2-0375", "rt2-0940", "ng0-0618",
                "ng0-0961", "ng0-0631", "ng0-0181", "ng0-0980", "ng0-0117", "ng0-0451",
                "ng0-0464", "ng0-0496", "ng0-0968"} & set(sixth)
    assert all(int(name[4:]) >= 200 for name in sixth if name.startswith("rt0"))
    stats = validate.summary(GOLD, SIXTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


@needs_shared(NEWS)
def test_sixth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, SIXTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == SIXTH}
    # adding the sixth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH, FIFTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


SEVENTH = "fresh-2026-12g"
# lines analysts read by hand in ng_1, russia_today_1 and russia_today_3 (docs/analyst-read-2026-12d.md,
# -12f.md, the 12c read and the eighth session's read): kept out of the held-out batch
READ_BY_ANALYSTS_BEFORE_12G = {
    "rt1-0347", "rt1-0920", "rt1-0839", "rt1-0446", "rt1-0509", "ng1-0835", "ng1-0390", "ng1-0958",
    "ng1-0952", "ng1-0934", "rt1-0355", "rt1-0420", "rt1-0356", "rt1-0645", "rt1-0585", "ng1-0922",
    "ng1-0704", "ng1-0173", "ng1-0040", "ng1-0529", "ng1-0018", "ng1-0767", "ng1-0411", "ng1-0661",
    "ng1-0026", "rt3-0503", "rt3-0197", "rt3-0708", "rt3-0408", "rt3-0738", "ng1-0825", "ng1-0502",
    "ng1-0849", "ng1-0193", "ng1-0327"}


def test_seventh_fresh_batch_is_ten_each_of_ng1_rt1_and_rt3_apart_from_the_rest():
    seventh = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == SEVENTH]
    assert sorted(name[:3] for name in seventh) == ["ng1"] * 10 + ["rt1"] * 10 + ["rt3"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != SEVENTH]
    seventh_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                       for name in seventh]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in seventh_sources}
    assert not READ_BY_ANALYSTS_BEFORE_12G & set(seventh)
    stats = validate.summary(GOLD, SEVENTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def test_seventh_fresh_batch_reads_a_named_and_a_null_speaker_as_written():
    # ng1-0391: «…, - сказала председатель комиссии Татьяна Гладких. - …» is two direct quotes of
    # one speaker; rt3-0771: a refugee's unnamed voice is direct with no speaker
    gold = json.loads((GOLD / "ng1-0391.json").read_text(encoding="utf-8"))
    assert [(q["kind"], q["speaker"]) for q in gold["quotes"][:2]] == [
        ("direct", "Татьяна Гладких"), ("direct", "Татьяна Гладких")]
    assert gold["quotes"][0]["text"].startswith("Мы дали оценку этим материалам")
    refugees = json.loads((GOLD / "rt3-0771.json").read_text(encoding="utf-8"))
    assert refugees["quotes"][0] == {**refugees["quotes"][0], "kind": "direct", "speaker": None,
                                     "text": "Мы бежим от голода. Мы пытались спастись от всех этих ужасов"}


@needs_shared(NEWS)
def test_seventh_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, SEVENTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == SEVENTH}
    assert not READ_BY_ANALYSTS_BEFORE_12G & set(chosen)
    # adding the seventh batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH, FIFTH, SIXTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


EIGHTH = "fresh-2026-12h"
# lines analysts read by hand in ng_0 and russia_today_2 (docs/analyst-read-2026-12e.md, -12h.md
# and the earlier ng_0 reads); russia_today_0 was read up to line 199
READ_BY_ANALYSTS_BEFORE_12H = {
    "rt2-0653", "rt2-0173", "rt2-0126", "rt2-0375", "rt2-0940", "ng0-0618", "ng0-0961", "ng0-0631",
    "ng0-0181", "ng0-0980", "rt2-0081", "rt2-0255", "rt2-0611", "rt2-0727", "rt2-0749", "ng0-0233",
    "ng0-0745", "ng0-0769", "ng0-0947", "ng0-0972", "ng0-0117", "ng0-0451", "ng0-0464", "ng0-0496",
    "ng0-0968", "ng0-0383", "ng0-0851", "ng0-0879", "ng0-0928"}


def test_eighth_fresh_batch_is_ten_each_of_ng0_rt0_and_rt2_apart_from_the_rest():
    eighth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == EIGHTH]
    assert sorted(name[:3] for name in eighth) == ["ng0"] * 10 + ["rt0"] * 10 + ["rt2"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != EIGHTH]
    eighth_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                      for name in eighth]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in eighth_sources}
    assert not READ_BY_ANALYSTS_BEFORE_12H & set(eighth)
    assert all(int(name[4:]) >= 200 for name in eighth if name.startswith("rt0"))
    stats = validate.summary(GOLD, EIGHTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def test_eighth_fresh_batch_reads_a_split_quote_and_a_line_piece_as_written():
    # ng0-0133: «…, – сказал эксперт. – …» is two direct quotes of Юрий Рубинский, and the
    # inverted «Это должно предотвратить …, объяснил Рубинский» is indirect, his
    gold = json.loads((GOLD / "ng0-0133.json").read_text(encoding="utf-8"))
    rubinsky = [q for q in gold["quotes"] if q["speaker"] == "Юрий Рубинский"]
    assert [q["kind"] for q in rubinsky[:3]] == ["indirect", "direct", "direct"]
    assert rubinsky[1]["text"].startswith("Саркози – не первый и не последний президент")
    assert rubinsky[2]["text"].startswith("Хотя на Саркози постоянно висят")
    assert any(q["kind"] == "indirect" and q["text"].startswith("Это должно предотвратить")
               for q in rubinsky)
    # rt0-0635: a statement broken by the editor's «(это дело. — ⏎RT⏎)» is one quote per line
    # piece; the last piece «был отравлен» is two words and stays out
    police = [q for q in json.loads((GOLD / "rt0-0635.json").read_text(encoding="utf-8"))["quotes"]
              if q["speaker"] == "британская полиция"]
    assert [q["text"] for q in police] == [
        "На данном этапе нет никаких оснований связывать",
        "с покушениями на убийство в Солсбери, также нет никаких свидетельств того, что он"]


@needs_shared(NEWS)
def test_eighth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, EIGHTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == EIGHTH}
    assert not READ_BY_ANALYSTS_BEFORE_12H & set(chosen)
    # adding the eighth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


NINTH = "fresh-2026-12i"
# lines analysts read by hand in ng_1, russia_today_1 and russia_today_3: the reads kept out of
# the seventh batch and docs/analyst-read-2026-12i.md (rt1, rt3) and -12j.md (ng1)
READ_BY_ANALYSTS_BEFORE_12I = READ_BY_ANALYSTS_BEFORE_12G | {
    "rt1-0010", "rt1-0335", "rt1-0359", "rt1-0501", "rt1-0729", "rt3-0069", "rt3-0430", "rt3-0676",
    "rt3-0697", "rt3-0929", "ng1-0232", "ng1-0254", "ng1-0287", "ng1-0505", "ng1-0880"}


def test_ninth_fresh_batch_is_ten_each_of_ng1_rt1_and_rt3_apart_from_the_rest():
    ninth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == NINTH]
    assert sorted(name[:3] for name in ninth) == ["ng1"] * 10 + ["rt1"] * 10 + ["rt3"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != NINTH]
    ninth_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                     for name in ninth]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in ninth_sources}
    assert not READ_BY_ANALYSTS_BEFORE_12I & set(ninth)
    stats = validate.summary(GOLD, NINTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def test_ninth_fresh_batch_reads_an_addressee_and_a_line_piece_as_written():
    # rt3-0510: «…», — цитирует Соколова ТАСС is the minister's, not the agency's; the inverted
    # «Начисление … штрафов …, считает эксперт … Дмитрий Романенко» is indirect, his
    gold = json.loads((GOLD / "rt3-0510.json").read_text(encoding="utf-8"))
    assert (gold["quotes"][0]["kind"], gold["quotes"][0]["speaker"]) == ("indirect", "Дмитрий Романенко")
    assert gold["quotes"][0]["text"].startswith("Начисление украинской Госавиаслужбой штрафов")
    sokolov = [q for q in gold["quotes"] if q["speaker"] == "Максим Соколов"]
    assert [q["kind"] for q in sokolov] == ["indirect", "direct"]
    assert sokolov[1]["text"] == "По крайней мере я на данный момент ничего официально не получал"
    # rt1-0932: Захарова's statement broken twice by the editor's «(… — ⏎RT⏎)» is three quotes
    zakharova = [q["text"] for q in json.loads((GOLD / "rt1-0932.json").read_text(encoding="utf-8"))
                 ["quotes"][:3]]
    assert zakharova[1:] == ["по предварительным данным, в результате произошедшего боевого столкновения",
                             "причины которого сейчас выясняются"]


@needs_shared(NEWS)
def test_ninth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, NINTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == NINTH}
    assert not READ_BY_ANALYSTS_BEFORE_12I & set(chosen)
    # adding the ninth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}


TENTH = "fresh-2026-12j"
# lines analysts read by hand in ng_0, russia_today_0 and russia_today_2: the reads kept out of
# the eighth batch, docs/analyst-read-2026-12j.md (rt0) and -12k.md (rt2, ng0)
READ_BY_ANALYSTS_BEFORE_12J = READ_BY_ANALYSTS_BEFORE_12H | {
    "rt0-0889", "rt0-0544", "rt0-0922", "rt0-0802", "rt0-0776", "rt2-0842", "rt2-0108", "rt2-0752",
    "rt2-0125", "rt2-0405", "ng0-0609", "ng0-0876", "ng0-0461", "ng0-0360", "ng0-0887"}


def test_tenth_fresh_batch_is_ten_each_of_ng0_rt0_and_rt2_apart_from_the_rest():
    tenth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == TENTH]
    assert sorted(name[:3] for name in tenth) == ["ng0"] * 10 + ["rt0"] * 10 + ["rt2"] * 10
    others = [json.loads(path.read_text(encoding="utf-8"))["source"]
              for path in validate.gold_files(GOLD) if _batch_of(path) != TENTH]
    tenth_sources = [json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["source"]
                     for name in tenth]
    # apart from every earlier file by its source line, not only by its name
    assert not {(s["file"], s["line"]) for s in others} & {(s["file"], s["line"])
                                                            for s in tenth_sources}
    assert not READ_BY_ANALYSTS_BEFORE_12J & set(tenth)
    assert all(int(name[4:]) >= 200 for name in tenth if name.startswith("rt0"))
    stats = validate.summary(GOLD, TENTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def test_tenth_fresh_batch_reads_a_transcript_and_a_negated_agreement_as_written():
    # rt0-0575: in the black-box transcript «- Бася! — вызывает он главу персонала. — Выглядит …»
    # is two direct quotes of the unnamed captain (null), and «- Да? — удивляется женщина» is
    # the stewardess the text names, Бася
    transcript = json.loads((GOLD / "rt0-0575.json").read_text(encoding="utf-8"))["quotes"]
    at = [q["text"] for q in transcript].index("Бася!")
    assert [(q["kind"], q["speaker"], q["text"]) for q in transcript[at:at + 3]] == [
        ("direct", None, "Бася!"),
        ("direct", None, "Выглядит не очень, появился туман. Неизвестно, приземлимся ли мы!"),
        ("direct", "Бася", "Да?")]
    # ng0-0504: «Эксперт не вполне согласилась с тем, что Ципрас предал референдум: «5 июля …»»
    # keeps the content of the negated agreement (indirect) and the marked sentence (direct)
    babynina = [q for q in json.loads((GOLD / "ng0-0504.json").read_text(encoding="utf-8"))["quotes"]
                if q["speaker"] == "Людмила Бабынина"]
    assert [(q["kind"], q["text"][:24]) for q in babynina[1:3]] == [
        ("indirect", "Ципрас предал референдум"), ("direct", "5 июля греки поддержали ")]


@needs_shared(NEWS)
def test_tenth_fresh_batch_is_the_seeded_selection_in_order():
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, TENTH)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == TENTH}
    assert not READ_BY_ANALYSTS_BEFORE_12J & set(chosen)
    # adding the tenth batch's files leaves the earlier batches' selections as they were
    for earlier in (SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH):
        assert {article["id"] for article in fresh_pool.selection(NEWS, earlier)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == earlier}



ELEVENTH = "fresh-2026-12k"
# the analysts' reads written before the eleventh batch was drawn (12b to 12n); -12b.md reads gold
ANALYST_READS_BEFORE_12K = [ROOT / "docs" / f"analyst-read-2026-12{letter}.md"
                            for letter in "bdefghijklmn"]


def _ids_read_by_analysts(prefixes: tuple[str, ...], reads=ANALYST_READS_BEFORE_12K) -> set[str]:
    """Every article of these dumps an analyst's read names, by its id (``rt1-0776``)."""
    pattern = re.compile(r"\b(?:%s)-\d{4}\b" % "|".join(prefixes))
    return {found for doc in reads
            for found in pattern.findall(doc.read_text(encoding="utf-8"))}


def _source_lines(keep) -> set[tuple[str, int]]:
    """(dump, line) of every gold file whose batch ``keep`` accepts."""
    sources = (json.loads(path.read_text(encoding="utf-8"))["source"]
               for path in validate.gold_files(GOLD) if keep(_batch_of(path)))
    return {(source["file"], source["line"]) for source in sources}


def test_eleventh_fresh_batch_is_ten_each_of_ng1_rt1_and_rt3_none_an_analyst_read():
    eleventh = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == ELEVENTH]
    assert sorted(name[:3] for name in eleventh) == ["ng1"] * 10 + ["rt1"] * 10 + ["rt3"] * 10
    # apart from every other file by its source line, not only by its name
    assert not (_source_lines(lambda batch: batch != ELEVENTH)
                & _source_lines(lambda batch: batch == ELEVENTH))
    read = _ids_read_by_analysts(("ng1", "rt1", "rt3"))
    # the -12m read (rt1-0776 …) and the -12n read (rt3-0680 …) are among those kept out
    assert {"rt1-0776", "ng1-0607", "rt3-0680", "rt3-0094"} <= read
    assert not read & set(eleventh)
    stats = validate.summary(GOLD, ELEVENTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def _quotes(article_id: str) -> list[dict]:
    return json.loads((GOLD / f"{article_id}.json").read_text(encoding="utf-8"))["quotes"]


def test_eleventh_fresh_batch_reads_a_parenthetical_a_channel_and_line_pieces_as_written():
    # ng1-0445: «Россия всегда отличалась поисками социальной правды, отметил Валерий Коваленко, и
    # потенциал этих поисков …» has a whole clause before the cue: two indirect quotes (L1)
    kovalenko = [q["text"] for q in _quotes("ng1-0445") if q["speaker"] == "Валерий Коваленко"]
    assert kovalenko[2:4] == ["Россия всегда отличалась поисками социальной правды",
                              "потенциал этих поисков также формирует историческую память россиян"]
    # rt1-0760: «…», — ⏎цитирует главу МВФ⏎ Кристин Лагард пресс-служба фонда is Lagarde's own
    assert [q["speaker"] for q in _quotes("rt1-0760")][:2] == ["Кристин Лагард", "Денис Денисов"]
    # rt3-0424: «Поэтому, если министр (Владимир Омелян. — ⏎RT⏎) призывает …» keeps the
    # three-word piece before the editor's bracket; the one-word «Они (…» piece is left out
    pieces = [q["text"] for q in _quotes("rt3-0424") if q["speaker"] in ("Юрий Барзыкин",
                                                                          "Мария Захарова")]
    assert "Поэтому, если министр" in pieces and "Они" not in pieces
    assert any(text.startswith("направлены в первую очередь") for text in pieces)


def _assert_seeded_selection(batch: str, kept_out_grows_from: str, earlier: tuple[str, ...]):
    """The batch's files are its seeded selection; its kept-out lines are a superset of an
    earlier batch's (one named constant); adding its files leaves ``earlier`` selections alone."""
    import sys
    sys.path.insert(0, str(GOLD))
    import fresh_pool
    chosen = [article["id"] for article in fresh_pool.selection(NEWS, batch)]
    assert len(chosen) == 30
    assert set(chosen) == {path.stem for path in validate.gold_files(GOLD)
                           if _batch_of(path) == batch}
    assert fresh_pool.BATCHES[kept_out_grows_from].excluded < fresh_pool.BATCHES[batch].excluded
    for before in earlier:
        assert {article["id"] for article in fresh_pool.selection(NEWS, before)} == {
            path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == before}


@needs_shared(NEWS)
def test_eleventh_fresh_batch_is_the_seeded_selection_in_order():
    _assert_seeded_selection(ELEVENTH, NINTH, (SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH,
                                               EIGHTH, NINTH, TENTH))


TWELFTH = "fresh-2026-12l"
# the analysts' reads written before the twelfth batch was drawn (12b to 12o)
ANALYST_READS_BEFORE_12L = ANALYST_READS_BEFORE_12K + [ROOT / "docs" / "analyst-read-2026-12o.md"]


def test_twelfth_fresh_batch_is_ten_each_of_ng0_rt0_and_rt2_none_an_analyst_read():
    twelfth = [path.stem for path in validate.gold_files(GOLD) if _batch_of(path) == TWELFTH]
    assert sorted(name[:3] for name in twelfth) == ["ng0"] * 10 + ["rt0"] * 10 + ["rt2"] * 10
    assert not (_source_lines(lambda batch: batch != TWELFTH)
                & _source_lines(lambda batch: batch == TWELFTH))
    read = _ids_read_by_analysts(("ng0", "rt0", "rt2"), ANALYST_READS_BEFORE_12L)
    # the -12n read (ng0-0250 …), the -12o read (rt2-0618 …) and the repeats of read texts the
    # two reads name (ng0-0366, ng0-0077, ng0-0327, ng0-0272) are among those kept out
    assert {"ng0-0250", "rt2-0618", "ng0-0915", "ng0-0366", "ng0-0077", "ng0-0327",
            "ng0-0272"} <= read
    assert not read & set(twelfth)
    assert all(int(name[4:]) >= 200 for name in twelfth if name.startswith("rt0"))
    stats = validate.summary(GOLD, TWELFTH)
    assert stats["direct"] >= 30 and stats["indirect"] >= 30 and stats["speaker_null"] >= 10


def test_twelfth_fresh_batch_reads_split_parts_shared_marks_and_line_pieces_as_written():
    # ng0-0758: «Сам виноват, - сказал Том, - бывает, я не особо расстроен» keeps the two-word
    # first part of a split quote (I3), with the fullest name the article gives
    assert [(q["speaker"], q["text"]) for q in _quotes("ng0-0758")[1:]] == [
        ("Том Коронель", "Сам виноват"), ("Том Коронель", "бывает, я не особо расстроен")]
    # rt0-0356: «„Доходная статья“ создана …, — говорится в пояснительной записке к проекту
    # резолюции» opens with a nested name (F3); the note speaks for the three senators (I4)
    note = [q for q in _quotes("rt0-0356") if q["kind"] == "direct"][0]
    assert note["text"].startswith("Доходная статья» создана")
    assert note["speaker"] == "Бен Кардин, Гарри Рейд и Дик Дурбин"
    # rt0-0326: «Риди отметил, что российская сторона ⏎проделала большую работу⏎ в данном
    # направлении»: the three-word pieces are quotes (E7), the two-word one is not (G6)
    ridi = [q["text"] for q in _quotes("rt0-0326") if q["speaker"] == "Крэйг Риди"]
    assert ridi[:2] == ["проделала большую работу", "в данном направлении"]
    assert "российская сторона" not in ridi
    # rt2-0612: «Барак и Владимир», — сказал Путин: a whole three-word answer (decision 6)
    assert ("direct", "Владимир Путин", "Барак и Владимир") in [
        (q["kind"], q["speaker"], q["text"]) for q in _quotes("rt2-0612")]


@needs_shared(NEWS)
def test_twelfth_fresh_batch_is_the_seeded_selection_in_order():
    # 12h and 12j draw from the same three dumps; 12k was the last batch added
    _assert_seeded_selection(TWELFTH, TENTH, (EIGHTH, TENTH, ELEVENTH))


@needs_shared(NEWS)
def test_gold_texts_are_the_articles_as_svodka_reads_them():
    from svodka.reading.jsonl import JsonFields, record_to_document
    for path in validate.gold_files(GOLD):
        gold = json.loads(path.read_text(encoding="utf-8"))
        with zipfile.ZipFile(NEWS / gold["source"]["file"]) as archive:
            lines = archive.read(archive.namelist()[0]).split(b"\n")
        record = json.loads(lines[gold["source"]["line"] - 1])
        assert record_to_document(record, JsonFields(), None).text == gold["text"], path.name


SAMPLE = {"id": "rt0-0001", "source": {"file": "russia_today_0.jsonlines.zip", "line": 1, "url": None},
          "text": "Заголовок\n\n«Мы готовы к диалогу», — заявил министр. Он добавил, что переговоры продолжатся.",
          "quotes": [{"start": 12, "end": 30, "text": "Мы готовы к диалогу", "kind": "direct",
                      "speaker": "Сергей Лавров"},
                     {"start": 62, "end": 86, "text": "переговоры продолжатся", "kind": "indirect",
                      "speaker": "Сергей Лавров"}]}


def _fix_offsets(gold):
    for quote in gold["quotes"]:
        quote["start"] = gold["text"].index(quote["text"])
        quote["end"] = quote["start"] + len(quote["text"])
    return gold


def _broken(change):
    gold = _fix_offsets(copy.deepcopy(SAMPLE))
    change(gold)
    return gold


BROKEN = [
    ("shifted offsets", lambda g: g["quotes"][0].update(start=g["quotes"][0]["start"] + 1)),
    ("unknown kind", lambda g: g["quotes"][0].update(kind="reported")),
    ("empty speaker", lambda g: g["quotes"][0].update(speaker="")),
    ("final period kept", lambda g: g["quotes"][1].update(end=g["quotes"][1]["end"] + 1,
                                                          text=g["quotes"][1]["text"] + ".")),
    ("marks kept in a direct span", lambda g: g["quotes"][0].update(
        start=g["quotes"][0]["start"] - 1, end=g["quotes"][0]["end"] + 1,
        text="«" + g["quotes"][0]["text"] + "»")),
    ("overlap", lambda g: g["quotes"].append(dict(g["quotes"][1]))),
    ("newline inside", lambda g: g["quotes"].insert(0, {"start": 0, "end": 13, "text": g["text"][:13],
                                                         "kind": "direct", "speaker": None})),
    ("id is not the file name", lambda g: g.update(id="rt0-0002")),
    ("batch that is not fresh-YYYY-MM", lambda g: g.update(batch="new")),
    ("batch with a suffix of more than one letter", lambda g: g.update(batch="fresh-2026-12bb")),
]


def test_the_sample_gold_file_passes(tmp_path):
    path = tmp_path / "rt0-0001.json"
    path.write_text(json.dumps(_fix_offsets(copy.deepcopy(SAMPLE)), ensure_ascii=False), encoding="utf-8")
    assert validate.check_file(path) == []


@pytest.mark.parametrize("label,change", BROKEN, ids=[label for label, _ in BROKEN])
def test_validator_rejects(tmp_path, label, change):
    path = tmp_path / "rt0-0001.json"
    path.write_text(json.dumps(_broken(change), ensure_ascii=False), encoding="utf-8")
    assert validate.check_file(path), label


def test_a_fresh_batch_file_passes_and_is_counted_apart(tmp_path):
    fresh = _fix_offsets(copy.deepcopy(SAMPLE)) | {"batch": "fresh-2026-12"}
    (tmp_path / "rt0-0001.json").write_text(json.dumps(fresh, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "rt0-0002.json").write_text(json.dumps(_fix_offsets(copy.deepcopy(SAMPLE)) | {
        "id": "rt0-0002"}, ensure_ascii=False), encoding="utf-8")
    assert validate.check_file(tmp_path / "rt0-0001.json") == []
    assert validate.summary(tmp_path, "fresh-2026-12")["quotes"] == 2
    assert validate.summary(tmp_path, None)["files"] == 1
    assert validate.summary(tmp_path)["files"] == 2


def test_validator_wants_forty_files(tmp_path):
    (tmp_path / "rt0-0001.json").write_text(json.dumps(_fix_offsets(copy.deepcopy(SAMPLE)),
                                                       ensure_ascii=False), encoding="utf-8")
    assert any("need 40" in problem for problem in validate.validate(tmp_path))
