"""The corpus commands: ingest, search, quotes, duplicates, stats, export — and their help."""
from __future__ import annotations

import json

import pytest
from test_store import TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER
from typer.testing import CliRunner

from svodka.cli import app
from svodka.store import open_store

COMMANDS = ["ingest", "duplicates", "search", "quotes", "export", "stats"]
runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        for article in (TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER):
            store.add_article(article)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_corpus_command_explains_itself(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and len(result.output.splitlines()) > 5


def test_search_prints_hits_as_json_lines(db):
    result = runner.invoke(app, ["search", "товарооборота", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert {(h["kind"], h["article_id"]) for h in hits} == {
        (kind, TOKAYEV_ASTANA.id) for kind in ("article", "quote", "amount")}


def test_quotes_of_a_speaker_newest_first(db):
    result = runner.invoke(app, ["quotes", "--speaker", "Токаев", "--db", db, "--json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["published"] for r in rows] == ["2025-01-15", "2024-11-27"]


def test_stats_and_duplicates_read_the_env_store(db, monkeypatch):
    monkeypatch.setenv("SVODKA_DB", db)
    result = runner.invoke(app, ["stats", "--json"])
    assert json.loads(result.output)["articles"] == 3
    assert runner.invoke(app, ["duplicates"]).output.strip().endswith("0 groups")


def test_export_writes_one_file_per_table(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out",
                                 str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "amounts.csv", "articles.csv", "corrections.csv", "dates.csv", "entities.csv",
        "entity_merges.csv",
        "mentions.csv", "quotes.csv"]


def test_bad_arguments_fail_clearly(db, tmp_path):
    assert runner.invoke(app, ["search", "снег", "--db", db, "--kind", "tweet"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db, "--format", "xls", "--out",
                               str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--workers", "0"]).exit_code == 2
    unopenable = runner.invoke(app, ["stats", "--db", str(tmp_path / "no" / "such" / "dir.db")])
    assert unopenable.exit_code == 2 and "cannot open the store" in unopenable.output


def test_ingest_reports_the_reconciled_summary(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "nope"),
                                 "--db", str(tmp_path / "c.db"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "read 2 = stored 0 + duplicates 0 + rejected 2 (empty 1, not_found 1)" in \
        " ".join(result.output.split())
