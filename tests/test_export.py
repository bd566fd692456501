"""Export: the store's tables as Parquet, JSON Lines or CSV, one file per table."""
from __future__ import annotations

import csv
import json

import pytest
from test_store import TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER, news

from svodka.export import TABLES, export_tables
from svodka.store import open_store


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "corpus.db") as opened:
        for article in (TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER):
            opened.add_article(article)
        yield opened


def test_parquet_tables_hold_every_row(store, tmp_path):
    import pyarrow.parquet as pq

    written = export_tables(store, tmp_path / "out", "parquet")
    assert set(written) == set(TABLES) == {"articles", "entities", "entity_merges", "mentions",
                                           "quotes", "amounts", "dates", "corrections"}
    counts = {name: pq.read_table(path).num_rows for name, (path, _) in written.items()}
    assert counts == {"articles": 3, "entities": 4, "entity_merges": 0, "mentions": 7, "quotes": 2,
                      "amounts": 2, "dates": 1, "corrections": 0}
    quotes = pq.read_table(written["quotes"][0]).to_pylist()
    assert quotes[0]["speaker_name"] == "Касым-Жомарт Токаев"
    articles = {row["id"]: row for row in pq.read_table(written["articles"][0]).to_pylist()}
    assert articles[WEATHER.id]["text"] == WEATHER.text
    assert "minhash" not in articles[WEATHER.id]


def test_jsonl_and_csv_carry_the_same_rows(store, tmp_path):
    jsonl = export_tables(store, tmp_path / "j", "jsonl")
    table = export_tables(store, tmp_path / "c", "csv")
    entities = [json.loads(line) for line in open(jsonl["entities"][0], encoding="utf-8")]
    tokayev = next(e for e in entities if e["name"] == "Касым-Жомарт Токаев")
    assert json.loads(tokayev["aliases"]) == ["Касым-Жомарт Токаев", "Токаев"]
    with open(table["amounts"][0], encoding="utf-8", newline="") as stream:
        amounts = list(csv.DictReader(stream))
    assert {a["text"] for a in amounts} == {"50 миллиардов долларов", "до 5 см"}


def test_an_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError):
        export_tables(store, tmp_path, "xlsx")


# A joint statement (GUIDELINES: "Joint statements"): the first speaker is `speaker_id`, the
# others' corpus ids are `co_speakers`, a JSON list as the entities' aliases and roles are.
JOINT = news(
    "ВВС США ждут новые бомбардировщики\n\n"
    "Начальник штаба ВВС Дэвид Голдфин и министр ВВС Хезер Уилсон выступили в Конгрессе. "
    "Как сообщили Голдфин и Уилсон, первые самолеты поступят в войска в 2025 году.",
    published="2025-02-01",
    entities=[("e1", "PER", "Дэвид Голдфин", ["Голдфин"], ["начальник штаба ВВС"],
               ["Дэвид Голдфин", "Голдфин и"]),
              ("e2", "PER", "Хезер Уилсон", ["Уилсон"], ["министр ВВС"],
               ["Хезер Уилсон", "Уилсон,"])],
    quotes=[("первые самолеты поступят в войска в 2025 году", "e1", "сообщили")])
JOINT.quotes[0].co_speakers = ["e2"]


@pytest.mark.parametrize("format", ["parquet", "csv", "jsonl"])
def test_a_joint_statement_keeps_its_other_speakers(store, tmp_path, format):
    store.add_article(JOINT)
    rows = _read(export_tables(store, tmp_path / format, format)["quotes"][0], format)
    entities = _read(export_tables(store, tmp_path / f"{format}-e", format)["entities"][0], format)
    names = {e["id"]: e["name"] for e in entities}
    joint = next(q for q in rows if q["article_id"] == JOINT.id)
    assert names[joint["speaker_id"]] == "Дэвид Голдфин"
    assert [names[i] for i in json.loads(joint["co_speakers"])] == ["Хезер Уилсон"]
    single = next(q for q in rows if q["speaker_name"] == "Касым-Жомарт Токаев")
    assert json.loads(single["co_speakers"]) == []


def _read(path: str, format: str) -> list[dict]:
    if format == "parquet":
        import pyarrow.parquet as pq
        return pq.read_table(path).to_pylist()
    with open(path, encoding="utf-8", newline="") as stream:
        if format == "csv":
            return list(csv.DictReader(stream))
        return [json.loads(line) for line in stream]
