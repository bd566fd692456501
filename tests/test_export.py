"""Export: the store's tables as Parquet, JSON Lines or CSV, one file per table."""
from __future__ import annotations

import csv
import json

import pytest
from test_store import TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER

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
