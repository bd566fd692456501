"""`svodka extract` from a person's point of view: files, stdin, formats, bad input."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from svodka.cli import app

from conftest import EXAMPLES

runner = CliRunner()
EXAMPLE = EXAMPLES / "astana-port.txt"


def test_every_command_has_help():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = [line.split()[1] for line in result.output.splitlines()
                if line.startswith("│ ") and not line.startswith("│  ")   # not a wrapped line
                and len(line.split()) > 2 and line.split()[1].isalpha()]
    assert "extract" in commands
    for command in commands:
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0, command
        assert len(sub.output.strip()) > 40, command


def test_extract_json_is_the_contract_record(models):
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--format", "json", "--published", "2025-10-14"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    for key in ("id", "text", "source", "headline", "dateline", "published", "credits",
                "paragraphs", "entities", "quotes", "amounts", "dates"):
        assert key in record
    assert record["source"] == {"path": str(EXAMPLE), "url": None, "format": "text",
                                "domain": None, "url_problem": None}
    assert record["published"] == "2025-10-14"
    assert record["headline"]["text"].startswith("Министр транспорта Казахстана")
    assert [c["text"] for c in record["credits"]] == ["Фото: пресс-служба Министерства транспорта РК"]


def test_extract_reads_stdin_and_prints_jsonl(models):
    text = EXAMPLE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["text"] == text


def test_extract_table_is_for_people(models):
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--format", "table"])
    assert result.exit_code == 0, result.output
    for title in ("Entities", "Quotes", "Amounts", "Dates"):
        assert title in result.output


def test_cp1251_file_is_decoded(models, tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").replace("—", "-").encode("cp1251"))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "Министр транспорта" in json.loads(result.output)["text"]


def test_jsonl_file_gives_one_record_per_line_and_reports_bad_lines(models, tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {"title": "Новость", "content": "Министр заявил, что проект начат.", "url": "https://x.ru/1"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n"
                    + json.dumps(good | {"url": "https://x.ru/2"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r["source"]["url"] for r in records] == ["https://x.ru/1", "https://x.ru/2"]
    assert "line 2" in result.stderr and "malformed_jsonl" in result.stderr


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (bytes(range(256)) * 10, "binary"),
])
def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert reason in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error():
    result = runner.invoke(app, ["extract", "/nonexistent/article.txt"])
    assert result.exit_code == 2


def test_the_cli_sets_blas_threads_before_numpy_loads():
    # The CLI asks for one BLAS thread per process; that only works if nothing imported on
    # the way to it (the `svodka` package itself) has loaded numpy already.
    import subprocess
    import sys

    probe = ("import os, sys; os.environ.pop('OPENBLAS_NUM_THREADS', None); import svodka.cli; "
             "print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "False"]
