"""Batch ingest: every input ends stored, duplicate or rejected with a reason, and a run
killed with SIGKILL then started again ends exactly like an uninterrupted one."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE, SHARED, needs_shared

from pg import postgres_server, postgres_url, store_url, table_contents  # noqa: F401
from svodka.ingest import ingest
from svodka.store import open_store

NEWS_ZIP = SHARED / "data" / "news" / "ng_0.jsonlines.zip"
SVODKA = [sys.executable, "-m", "svodka"]


def news_excerpts(count: int, skip: int = 0) -> list[dict]:
    """The first paragraphs of real news lines: fast to extract, realistic to read."""
    with zipfile.ZipFile(NEWS_ZIP) as archive:
        lines = archive.read(archive.namelist()[0]).splitlines()[skip:skip + count]
    excerpts = []
    for line in lines:
        record = json.loads(line)
        content = record["content"][:600]
        record["content"] = content[: content.rfind(".") + 1] or content
        excerpts.append({k: record[k] for k in ("title", "url", "content")})
    return excerpts


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def truncated_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=False)
    html = ("<html><head><title>Новости</title></head><body><article><h1>Курс рубля</h1>"
            + "<p>Банк России установил официальный курс доллара на уровне 92 рублей.</p>" * 20
            + "</article></body></html>").encode("utf-8")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    for number in range(2):
        writer.write_record(writer.create_warc_record(
            f"https://example.ru/{number}", "response", payload=io.BytesIO(html),
            http_headers=headers))
    data = stream.getvalue()
    return data[: len(data) - 300]


@pytest.fixture
def messy_folder(tmp_path, sample_text) -> Path:
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "sample.txt").write_text(sample_text, encoding="utf-8")
    (folder / "deep" / "sample-cp1251.txt").write_bytes(sample_text.encode("cp1251"))  # same text
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "menu.html").write_text("<html><body><nav><a href='/'>Главная</a></nav></body></html>",
                                      encoding="utf-8")
    (folder / "huge.txt").write_text("Очень длинный текст без конца. " * 350_000, encoding="utf-8")
    lines = ('{"title": "Снег в Москве", "content": "Синоптики обещают снег в Москве в четверг."}\n'
             '{"content": "оборванная строка\n'
             '[1, 2, 3]\n'
             '{"title": "Пусто", "content": ""}\n')
    (folder / "feed.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    (folder / "cut.warc").write_bytes(truncated_warc())
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_every_bad_input_is_stored_or_rejected_with_its_reason(messy_folder, tmp_path, models):
    with open_store(tmp_path / "corpus.db") as store:
        summary = ingest([str(messy_folder), str(tmp_path / "missing.txt")], store)
        assert summary.read == summary.stored + summary.duplicates + summary.rejected
        assert dict(summary.reasons) == {
            "not_found": 1, "empty": 2, "binary": 1, "no_article": 1, "too_large": 1,
            "malformed_jsonl": 2, "truncated_warc": 1}
        assert (summary.stored, summary.duplicates) == (3, 1)  # the cp1251 copy is a repeat
        assert store.stats()["rejected"] == 9
        again = ingest([str(messy_folder), str(tmp_path / "missing.txt")], store)
        assert (again.read, again.stored, again.duplicates) == (summary.read, 0, 4)
        assert store.stats()["rejected"] == 9


def test_an_extraction_crash_is_a_rejection(tmp_path, monkeypatch):
    import svodka.pipeline

    def broken(document, models=None):
        raise RuntimeError("model exploded")
    monkeypatch.setattr(svodka.pipeline, "extract_document", broken)
    (tmp_path / "a.txt").write_text("Министр заявил журналистам о росте цен.", encoding="utf-8")
    with open_store(tmp_path / "c.db") as store:
        summary = ingest([str(tmp_path / "a.txt")], store)
        assert dict(summary.reasons) == {"extract_error": 1}
        assert store.stats()["rejected"] == 1


@needs_shared(NEWS_ZIP)
def test_a_killed_ingest_resumes_to_exactly_the_uninterrupted_result(store_url, tmp_path,
                                                                      postgres_server):
    feed = write_jsonl(tmp_path / "feed.jsonl", news_excerpts(24) + news_excerpts(2))
    clean_url = (f"sqlite:///{tmp_path / 'clean.db'}" if store_url.startswith("sqlite")
                 else postgres_server.new_database())

    def command(url: str) -> list[str]:
        # one article per transaction, so the kill lands between commits on any machine speed
        return [*SVODKA, "ingest", str(feed), "--db", url, "--quiet", "--batch-size", "1"]

    victim = subprocess.Popen(command(store_url), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.1)
        with open_store(store_url) as store:
            stored = store.stats()["articles"]
        if stored:
            break
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert 0 < stored < 24, "the run should have been killed half-way"

    resumed = subprocess.run(command(store_url), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "read 26 = stored" in resumed.stdout and "+ rejected 0" in resumed.stdout
    # The reference run is a subprocess too, so both load the same code.
    clean = subprocess.run(command(clean_url), capture_output=True, text=True, timeout=300)
    assert "read 26 = stored 24 + duplicates 2 + rejected 0" in clean.stdout, clean.stderr
    assert table_contents(store_url) == table_contents(clean_url)


def test_a_second_ingest_on_a_busy_sqlite_file_waits_then_adds_its_own(tmp_path, models):
    if not SAMPLE.exists():
        pytest.skip("no sample")
    db = tmp_path / "busy.db"
    (tmp_path / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    open_store(db).close()
    blocker = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, time; c = sqlite3.connect(%r, isolation_level=None); "
        "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(3); "
        "c.execute('COMMIT')") % str(db)], stdout=subprocess.PIPE, text=True)
    assert blocker.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with open_store(db) as store:
        summary = ingest([str(tmp_path / "a.txt")], store)
    blocker.wait()
    assert summary.stored == 1 and time.monotonic() - started >= 1.5
