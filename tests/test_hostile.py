"""Hostile files, hostile clients and killed processes (issue 12): each defect the probe
found, as the user met it. Good records around a bad one are always kept."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pg import postgres_server, postgres_url, store_url  # noqa: F401
from svodka.cli import app
from svodka.ingest import ingest, iter_items
from svodka.reading import Rejection
from svodka.store import open_store

runner = CliRunner()

GOOD = [
    {"id": "n1", "title": "Бюджет исполнен",
     "content": "Министр финансов Антон Силуанов заявил, что бюджет исполнен с профицитом."},
    {"id": "n2", "title": "Снег в Москве",
     "content": "Синоптики обещают снег в Москве в четверг, сообщил Гидрометцентр."},
]
DEEP_LINE = '{"content": ' + "[" * 100_000 + "]" * 100_000 + "}"


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def output_of(result) -> str:
    """What a user saw, with the traceback if the command died of one."""
    import traceback
    shown = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown += "".join(traceback.format_exception(*result.exc_info))
    return shown


# -- 1. a line nested 100,000 deep ---------------------------------------------------------

def test_a_deeply_nested_line_is_rejected_and_the_lines_after_it_are_stored(tmp_path, models):
    feed = tmp_path / "deep.jsonl"
    feed.write_text(jsonl(GOOD[:1]) + DEEP_LINE + "\n" + jsonl(GOOD[1:]), encoding="utf-8")
    with open_store(tmp_path / "c.db") as store:
        summary = ingest([str(feed)], store)
        assert (summary.read, summary.stored, summary.rejected) == (3, 2, 1)
        assert dict(summary.reasons) == {"malformed_jsonl": 1}
        assert store.get_article("n2") is not None
        again = ingest([str(feed)], store)       # a re-run neither crashes nor redoes work
        assert (again.read, again.stored, again.duplicates) == (3, 0, 2)


def test_extract_rejects_a_deeply_nested_line_and_extracts_the_others(tmp_path, models):
    feed = tmp_path / "deep.jsonl"
    feed.write_text(DEEP_LINE + "\n" + jsonl(GOOD[:1]), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(feed), "--format", "jsonl"])
    assert result.exit_code == 0, output_of(result)
    assert "Traceback" not in output_of(result)
    assert "line 1" in result.output and "nested" in result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["n1"]


# -- 2. gzip and zip bombs ------------------------------------------------------------------

def peak_bytes_while(run) -> tuple[object, int]:
    tracemalloc.start()
    try:
        value = run()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


BOMB_BYTES = 64 * 1024 * 1024   # expands 1000-fold; the real bombs are in bench/hostile.py


def test_a_gzip_bomb_is_rejected_without_being_unpacked_into_memory(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(jsonl(GOOD[:1]).encode() + b" " * BOMB_BYTES, 6))
    items, peak = peak_bytes_while(lambda: list(iter_items([bomb])))
    reasons = [getattr(item.value, "reason", "document") for item in items]
    assert reasons == ["document", "too_large"], reasons
    assert "expands" in items[1].value.message
    assert peak < 16 * 1024 * 1024, f"{peak / 2**20:.0f} MB held while reading a bomb"


def test_a_zip_bomb_member_is_rejected_and_the_other_members_are_read(tmp_path):
    bomb = tmp_path / "feed.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"\n" * BOMB_BYTES)
        archive.writestr("good.jsonl", jsonl(GOOD))
    items, peak = peak_bytes_while(lambda: list(iter_items([bomb])))
    labels = [item.value.reason if isinstance(item.value, Rejection) else item.value.id
              for item in items]
    assert labels == ["too_large", "n1", "n2"], labels
    assert peak < 16 * 1024 * 1024, f"{peak / 2**20:.0f} MB held while reading a bomb"


def test_the_progress_estimate_does_not_unpack_a_bomb(tmp_path):
    from svodka.ingest import estimate_total

    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"\n" * BOMB_BYTES, 6))
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(gzip.compress(jsonl(GOOD).encode()))
    total, peak = peak_bytes_while(lambda: estimate_total([bomb, good]))
    assert total == 3           # the bomb counts as the one rejection it becomes
    assert peak < 16 * 1024 * 1024


# -- 3. one size limit, one message, both commands ------------------------------------------

def test_extract_and_ingest_refuse_an_oversize_text_with_the_same_message(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Очень длинный текст без конца. " * 100, encoding="utf-8")  # 3,100 chars
    extracted = runner.invoke(app, ["extract", str(big), "--max-chars", "1000"])
    assert extracted.exit_code == 1, output_of(extracted)
    message = "too_large: 3,100 characters, over the limit of 1,000 (--max-chars raises it)"
    assert message in extracted.output
    ingested = runner.invoke(app, ["ingest", str(big), "--db", str(tmp_path / "c.db"), "-q",
                                   "--max-chars", "1000"])
    assert ingested.exit_code == 0 and "rejected 1 (too_large 1)" in ingested.output
    with open_store(tmp_path / "c.db") as store, store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT reason, message FROM rejections").all()
    assert [tuple(row) for row in stored] == [tuple(message.split(": ", 1))]


def test_the_default_limit_refuses_a_31_mb_text_before_any_analysis(tmp_path, monkeypatch):
    import svodka.pipeline

    def analysis_started(*args, **kwargs):
        raise AssertionError("an oversize text reached the analysis")
    monkeypatch.setattr(svodka.pipeline, "extract_document", analysis_started)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (31 * 1024 * 1024 // 5))
    result = runner.invoke(app, ["extract", str(big)])
    assert result.exit_code == 1 and "over the limit of 1,000,000" in result.output


# -- 7. --id-field -----------------------------------------------------------------------------

def test_the_configured_id_field_names_the_articles(tmp_path, models):
    feed = tmp_path / "guid.jsonl"
    feed.write_text(jsonl([{"guid": "rt-17", "content": GOOD[0]["content"]}]), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(feed), "--id-field", "guid", "-q",
                                 "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, output_of(result)
    with open_store(tmp_path / "c.db") as store:
        assert store.get_article("rt-17").text.startswith("Министр финансов")


# -- 9. NUL characters: the same result on both stores --------------------------------------

def test_a_text_with_nul_is_stored_alike_by_both_stores(store_url, tmp_path, models, capfd):
    feed = tmp_path / "nul.jsonl"
    feed.write_text(jsonl([{"id": "z1", "content": "Министр\u0000 заявил, что цены\u0000 растут."}]),
                    encoding="utf-8")
    with open_store(store_url) as store:
        summary = ingest([str(feed)], store)
        assert (summary.stored, summary.rejected) == (1, 0)
        assert store.get_article("z1").text == "Министр заявил, что цены растут."
    assert "INSERT" not in capfd.readouterr().err


def test_a_refused_article_is_logged_in_one_line_without_sql(tmp_path, caplog):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from svodka.store.engine import describe_error

    with open_store(tmp_path / "c.db") as store, store.engine.connect() as conn:
        with pytest.raises(DBAPIError) as raised:
            conn.execute(text("INSERT INTO articles (id) VALUES (:secret)"), {"secret": "S3cret"})
    described = describe_error(raised.value)
    assert described.startswith("IntegrityError: NOT NULL constraint failed")
    assert "INSERT" not in described and "S3cret" not in described and "\n" not in described


def test_a_nul_after_the_first_4_kb_is_removed_from_the_text():
    from svodka.reading import decode_bytes

    data = ("Министр заявил о росте цен. " * 200).encode() + b"\x00" + "Конец.".encode()
    text, _ = decode_bytes(data)
    assert "\x00" not in text and text.endswith("цен. Конец.")


# -- 11. an unreadable subfolder --------------------------------------------------------------

def test_an_unreadable_subfolder_is_a_rejection(tmp_path, monkeypatch):
    from svodka.ingest import expand

    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(GOOD[0]["content"], encoding="utf-8")
    locked = str(tmp_path / "in" / "locked")
    real_scandir = os.scandir

    def scandir(path="."):
        # root reads any folder, so the refusal the OS gives a user is simulated here
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    files, rejections = expand([str(tmp_path / "in")])
    assert [f.name for f in files] == ["a.txt"]
    assert [(r.reason, r.path) for r in rejections] == [("unreadable", locked)]
    assert "Permission denied" in rejections[0].message


# -- 14. the minor ones on the command line ---------------------------------------------------

def test_an_empty_jsonl_file_is_counted_as_a_rejection(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    reasons = [item.value.reason for item in iter_items([tmp_path / "empty.jsonl"])]
    assert reasons == ["empty"]


def test_reading_commands_do_not_create_a_store(tmp_path):
    missing = tmp_path / "nope.db"
    for command in (["search", "снег"], ["quotes"], ["stats"], ["duplicates"],
                    ["export", "--out", str(tmp_path / "out")]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, (command, output_of(result))
        assert "no store at" in result.output and "svodka ingest" in result.output
    assert not missing.exists()


def test_an_unsupported_database_is_named_without_a_traceback(tmp_path):
    result = runner.invoke(app, ["stats", "--db", "mysql://root:pw@127.0.0.1/x"])
    assert result.exit_code == 2, output_of(result)
    assert "sqlite or postgresql" in result.output and "pw@" not in result.output


def test_the_database_password_is_never_printed():
    result = runner.invoke(app, ["stats", "--db", "postgresql://svodka:S3cretPW@127.0.0.1:1/x"])
    assert result.exit_code == 2, output_of(result)
    assert "cannot open the store postgresql://svodka:***@127.0.0.1:1/x" in result.output
    assert "S3cretPW" not in output_of(result)


def test_serve_masks_the_password_and_stops_cleanly_on_a_dead_database():
    result = runner.invoke(app, ["serve", "--db", "postgresql://svodka:S3cretPW@127.0.0.1:1/x"])
    assert result.exit_code == 2, output_of(result)
    assert "postgresql://svodka:***@127.0.0.1:1/x" in result.output
    assert "S3cretPW" not in output_of(result)


def test_export_over_an_existing_file_says_so(tmp_path, models):
    db = tmp_path / "c.db"
    with open_store(db):
        pass
    existing = tmp_path / "ls"
    existing.write_bytes(b"\x7fELF")
    result = runner.invoke(app, ["export", "--out", str(existing), "--db", str(db)])
    assert result.exit_code == 2, output_of(result)
    assert "is a file, not a folder" in result.output
    assert existing.read_bytes() == b"\x7fELF"


def test_a_negative_limit_or_an_impossible_date_is_refused(tmp_path):
    db = tmp_path / "c.db"
    with open_store(db):
        pass
    result = runner.invoke(app, ["search", "снег", "--limit", "-1", "--db", str(db)])
    assert result.exit_code == 2 and "--limit" in result.output
    impossible = runner.invoke(app, ["extract", "-", "--published", "2024-13-45"],
                               input="Министр заявил о росте цен.")
    assert impossible.exit_code == 2 and "2024-13-45" in impossible.output
