"""``svodka entities merge|split|rename``, ``svodka quotes reassign`` and
``svodka corrections list|undo|export|import`` on a small store."""
from __future__ import annotations

import json

import pytest
from test_corrections import ARTICLES, ATTAL_BRIEFING, MACRON_SPEECH, TRUMP_PARIS
from typer.testing import CliRunner

from svodka.cli import app
from svodka.store import open_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        for article in ARTICLES:
            store.add_article(article)
    return path


def svodka(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def quotes_of(db: str, speaker: str) -> list[dict]:
    return [json.loads(line) for line in
            svodka("quotes", "--speaker", speaker, "--db", db, "--json").splitlines()]


@pytest.mark.parametrize("command", [["entities", "merge"], ["entities", "split"],
                                     ["entities", "rename"], ["quotes", "reassign"],
                                     ["corrections", "list"], ["corrections", "undo"],
                                     ["corrections", "export"], ["corrections", "import"]])
def test_every_correction_command_explains_itself(command):
    output = svodka(*command, "--help")
    assert "--db" in output and len(output.splitlines()) > 5


def test_merge_by_name_then_undo(db):
    ambiguous = runner.invoke(app, ["entities", "merge", "Макрона", "Эммануэль Макрон", "--db", db])
    assert ambiguous.exit_code == 1 and "names several entities" in ambiguous.output
    short = open_store(db).corpus_entity_id(ATTAL_BRIEFING.id, "e1")
    output = svodka("entities", "merge", short, "Эммануэль Макрон", "--db", db, "--who", "olga",
                    "--why", "«президента Макрона» в брифинге Атталя")
    assert output.startswith("correction 1 (merge): Эмманюэль Макрон")
    assert [q["article_id"] for q in quotes_of(db, short)] == [ATTAL_BRIEFING.id,
                                                               MACRON_SPEECH.id]
    listed = json.loads(svodka("corrections", "list", "--db", db, "--json"))
    assert (listed["who"], listed["why"], listed["undone"]) == (
        "olga", "«президента Макрона» в брифинге Атталя", None)
    assert "undone" in svodka("corrections", "undo", "1", "--db", db, "--who", "ivan")
    assert [q["article_id"] for q in quotes_of(db, short)] == [ATTAL_BRIEFING.id]
    again = runner.invoke(app, ["corrections", "undo", "1", "--db", db])
    assert again.exit_code == 1 and "already undone" in again.output


def test_reassign_rename_split_and_carry_the_log_to_a_rebuilt_store(db, tmp_path):
    svodka("quotes", "reassign", f"{ATTAL_BRIEFING.id}:0", "--speaker", "Атталь", "--db", db)
    assert [q["speaker_name"] for q in quotes_of(db, "Атталя")] == ["Габриэль Атталь"]
    svodka("entities", "rename", "Габриэль Атталь", "Габриэль Ноэль Атталь", "--db", db)
    assert [q["speaker_name"] for q in quotes_of(db, "Атталь")] == ["Габриэль Ноэль Атталь"]
    start = TRUMP_PARIS.text.index("Мелания")
    svodka("entities", "split", "Дональд Трамп", f"{TRUMP_PARIS.id}:{start}-{start + 13}",
           "--name", "Мелания Трамп", "--db", db)
    stats = json.loads(svodka("stats", "--db", db, "--json"))
    assert stats["entities"] == 6       # Эмманюэль Макрон ×2, Атталь, Трамп, Макрон, and now Мелания

    log = tmp_path / "log.jsonl"
    svodka("corrections", "export", str(log), "--db", db)
    rebuilt = str(tmp_path / "rebuilt.db")
    with open_store(rebuilt) as store:
        for article in ARTICLES:
            store.add_article(article)
    assert svodka("corrections", "import", str(log), "--db", rebuilt).startswith("3 corrections added")
    assert [q["speaker_name"] for q in quotes_of(rebuilt, "Атталь")] == ["Габриэль Ноэль Атталь"]
    assert json.loads(svodka("stats", "--db", rebuilt, "--json"))["entities"] == 6


def test_a_refused_correction_says_why(db):
    result = runner.invoke(app, ["quotes", "reassign", f"{MACRON_SPEECH.id}:5", "--nobody",
                                 "--db", db])
    assert result.exit_code == 1 and "no quote 5" in result.output
    assert runner.invoke(app, ["quotes", "reassign", "x:0", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["entities", "split", "Дональд Трамп", "nocolon",
                               "--name", "X", "--db", db]).exit_code == 1
    assert svodka("corrections", "list", "--db", db, "--json") == ""


def test_a_broken_corrections_log_is_refused_with_its_reason(db, tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text('{"kind": "merge", "payload": {}}\n{"kind": "rename", "payl\n', encoding="utf-8")
    result = runner.invoke(app, ["corrections", "import", str(log), "--db", db])
    assert result.exit_code == 1 and "is not a corrections log" in result.output
    assert not isinstance(result.exception, ValueError)
    assert svodka("corrections", "list", "--db", db, "--json") == ""   # nothing half-imported
