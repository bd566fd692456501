"""The hand-checked amount-value gold (tests/data/amounts/) is well formed and points into NEREL."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED, needs_shared

GOLD = Path(__file__).parent / "data" / "amounts"
NEREL = SHARED / "data" / "nerel"
SPLITS = ("dev", "train")

KINDS = {"money", "percent", "count", "share", "other"}
APPROX = {"exact", "about", "over", "under", "up_to", "range"}
CURRENCIES = {"RUB", "USD", "EUR", "GBP", "CNY", "HKD", "UAH", "KZT", "JPY", "CHF", "BYN"}
MEASURES = {"km", "m", "t", "kg", "year", "month", "day", "hour", "times"}
FIELDS = {"doc", "start", "end", "text", "type", "kind", "value", "unit", "of", "to", "approx", "split"}


def load(split: str) -> list[dict]:
    path = GOLD / f"nerel-{split}-values.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


ROWS = [row for split in SPLITS for row in load(split)]


def row_id(row: dict) -> str:
    return f"{row['doc']}:{row['start']}:{row['text']}"


def test_dev_sample_is_large_enough_and_mixed():
    dev = load("dev")
    assert len(dev) >= 100
    types = Counter(row["type"] for row in ROWS)
    assert types["MONEY"] >= 30
    assert types["PERCENT"] >= 25
    assert types["NUMBER"] >= 50


def test_no_span_is_annotated_twice():
    keys = Counter((row["split"], row["doc"], row["start"], row["end"]) for row in ROWS)
    assert [key for key, n in keys.items() if n > 1] == []


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_row_follows_the_guidelines(row):
    assert FIELDS <= row.keys()
    assert row["kind"] in KINDS
    assert row["approx"] in APPROX
    for key in ("value", "of", "to"):
        assert row[key] is None or isinstance(row[key], (int, float)) and not isinstance(row[key], bool)
    assert row["value"] is not None and row["value"] >= 0
    assert (row["of"] is not None) == (row["kind"] == "share")
    if row["of"] is not None:
        assert row["value"] <= row["of"]
    assert (row["to"] is not None) == (row["approx"] == "range")
    if row["to"] is not None:
        assert row["value"] < row["to"]
    if row["kind"] == "money":
        assert row["unit"] in CURRENCIES
    elif row["kind"] == "percent":
        assert row["unit"] in {"%", "pp"}
    elif row["kind"] == "other":
        assert row["unit"] is None or row["unit"] in MEASURES
    else:
        assert row["unit"] is None
    if row["type"] in {"MONEY", "PERCENT"}:
        assert row["kind"] == row["type"].lower()


@needs_shared(NEREL)
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_offsets_match_nerel(row):
    folder = NEREL / row["split"]
    text = (folder / f"{row['doc']}.txt").read_text(encoding="utf-8")
    assert text[row["start"]:row["end"]] == row["text"]
    ann = (folder / f"{row['doc']}.ann").read_text(encoding="utf-8")
    assert f"\t{row['type']} {row['start']} {row['end']}\t{row['text']}" in ann
