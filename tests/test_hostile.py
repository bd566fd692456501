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


# -- the server: hostile clients --------------------------------------------------------------

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def served(tmp_path_factory, models):
    """The app over a small real corpus, plus one article whose id holds slashes."""
    import svodka
    from fastapi.testclient import TestClient

    from svodka.api import create_app
    from test_api import build_corpus

    store, ids = build_corpus(tmp_path_factory.mktemp("hostile"))
    traversal = svodka.extract(GOOD[0]["content"], "2025-11-03", id="../../../../etc/passwd")
    assert store.add_article(traversal) == "stored"
    with TestClient(create_app(store=store), base_url=LOCAL) as client:
        yield client, store
    store.close()


@pytest.fixture
def client(served):
    return served[0]


def test_a_body_nested_100000_deep_is_a_422_and_the_connection_lives_on(client):
    body = ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}").encode()
    response = client.post("/api/extract", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"]["reason"] == "bad_json"
    assert client.get("/api/stats").status_code == 200


def test_an_impossible_publication_date_is_a_422(client):
    response = client.post("/api/extract?published=2024-13-45", content="Министр заявил.",
                           headers={"content-type": "text/plain"})
    assert response.status_code == 422 and "2024-13-45" in response.text
    body = client.post("/api/extract", json={"text": "Министр заявил.", "published": "2024-02-30"})
    assert body.status_code == 422


def test_only_this_machines_host_names_are_answered(served):
    from fastapi.testclient import TestClient

    from svodka.api import create_app

    client = served[0]
    refused = client.get("/api/stats", headers={"host": "attacker.example"})
    assert refused.status_code == 400 and "articles" not in refused.text
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert client.get("/api/stats", headers={"host": host}).status_code == 200, host
    named = TestClient(create_app(store=served[1], allowed_hosts=["news.example"]),
                       base_url="http://news.example")
    assert named.get("/api/stats").status_code == 200
    assert named.get("/api/stats", headers={"host": "127.0.0.1"}).status_code == 400


def test_an_id_with_slashes_makes_links_that_lead_to_its_article(client):
    html = client.get("/articles").text
    assert "/articles/../" not in html
    assert 'href="/articles/..%2F..%2F..%2F..%2Fetc%2Fpasswd"' in html
    page = client.get("/articles/..%2F..%2F..%2F..%2Fetc%2Fpasswd")
    assert page.status_code == 200 and "Силуанов" in page.text


class SlowStore:
    """A store whose search takes two seconds, as a costly query on a big corpus does."""

    def search(self, *args, **kwargs):
        time.sleep(2.0)
        return []

    def search_list(self, *args, **kwargs):   # the search page's and /api/search's list
        time.sleep(2.0)
        return {"total": 0, "items": [], "facets": {}}

    def stats(self):
        return {"articles": 0}


def test_a_slow_search_does_not_hold_up_other_requests():
    import asyncio

    import httpx

    from svodka.api import create_app

    app = create_app(store=SlowStore())

    async def timed(client, path: str, **params) -> tuple[int, float]:
        response = await client.get(path, params=params)
        return response.status_code, time.perf_counter()

    async def race():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            searches = [asyncio.create_task(timed(client, "/api/search", q="и в"))
                        for _ in range(5)]
            await asyncio.sleep(0.05)
            stats = await timed(client, "/api/stats")
            return stats, await asyncio.gather(*searches)

    (status, stats_done), searches = asyncio.run(race())
    codes = sorted(code for code, _ in searches)
    # two searches run at once; one that waits longer than the query budget is told to retry
    assert status == 200 and codes[:2] == [200, 200] and set(codes) <= {200, 503}, codes
    first_search_done = min(done for _, done in searches)
    assert stats_done < first_search_done, "/api/stats waited for the slow searches"


@pytest.fixture(scope="module")
def wordy_store(tmp_path_factory):
    """300 articles of common words: enough rows for a search to take measurable time."""
    from svodka.record import Article

    sentence = "В Москве и в области по данным синоптиков на выходных пойдёт снег. "
    store = open_store(tmp_path_factory.mktemp("wordy") / "c.db")
    for number in range(300):
        store.add_article(Article(id=f"w{number}", text=f"Сводка {number}. " + sentence * 20))
    yield store
    store.close()


def test_a_search_over_its_time_budget_or_its_words_is_refused(served, wordy_store):
    from fastapi.testclient import TestClient

    from svodka.api import create_app
    from svodka.api.guard import ServerLimits
    from svodka.errors import QueryTooCostly

    with pytest.raises(QueryTooCostly):
        wordy_store.search("и в на по", seconds=0.0)
    assert wordy_store.search("и в на по", seconds=5.0)       # the same query, in time
    no_time = TestClient(create_app(store=wordy_store, limits=ServerLimits(query_seconds=0.0)),
                         base_url=LOCAL)
    refused = no_time.get("/api/search", params={"q": "и в на по"})
    assert refused.status_code == 422 and "query_too_costly" in refused.text
    assert no_time.get("/search", params={"q": "и в на по"}).status_code == 422
    many = " ".join(f"слово{n}" for n in range(40))
    assert served[0].get("/api/search", params={"q": many}).status_code == 422
    assert served[0].get("/api/search", params={"q": "и в " * 100}).status_code == 200
    assert wordy_store.search("снег", kind="article", seconds=5.0)   # the filtered path too
    with pytest.raises(QueryTooCostly):
        wordy_store.search("снег", kind="article", seconds=0.0)


def test_a_time_budget_interrupts_a_long_query_and_leaves_the_connection_usable(wordy_store):
    """The budget is a timer that interrupts SQLite, not a Python check every few steps
    (which waited for the GIL under load): a query that would run for minutes stops soon
    after its budget, and the next query on the same connection runs."""
    import time

    from svodka.errors import QueryTooCostly
    from svodka.store.search import time_budget

    endless = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
               "SELECT count(*) FROM (SELECT x FROM c LIMIT 10000000000)")
    with wordy_store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
        assert stored > 100
        started = time.monotonic()
        with pytest.raises(QueryTooCostly):
            with time_budget(conn, 0.2):
                conn.exec_driver_sql(endless).scalar()
        assert 0.15 < time.monotonic() - started < 2.0
        with time_budget(conn, 5.0):
            assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == stored
        time.sleep(0.1)          # a budget that ended in time interrupts nothing later
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == stored


def test_a_short_budget_fires_in_time_while_a_longer_one_is_pending(wordy_store):
    """One watchdog thread serves every budget: a 0.2 s budget started while another
    connection's 30 s budget is pending still stops its query after ~0.2 s, and the 30 s
    one, ended in time, interrupts nothing."""
    import time

    from svodka.errors import QueryTooCostly
    from svodka.store.search import time_budget

    endless = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
               "SELECT count(*) FROM (SELECT x FROM c LIMIT 10000000000)")
    with wordy_store.engine.connect() as patient, wordy_store.engine.connect() as hasty:
        with time_budget(patient, 30.0):
            for _ in range(50):                  # budgets that end in time, one after another
                with time_budget(hasty, 5.0):
                    assert hasty.exec_driver_sql("SELECT 1").scalar() == 1
            started = time.monotonic()
            with pytest.raises(QueryTooCostly):
                with time_budget(hasty, 0.2):
                    hasty.exec_driver_sql(endless).scalar()
            assert 0.15 < time.monotonic() - started < 2.0
            assert patient.exec_driver_sql("SELECT count(*) FROM articles").scalar() > 100


async def call(app, path: str, chunks: list[bytes | None], headers: dict | None = None,
               method: str = "POST") -> tuple[int | None, list[dict]]:
    """One request straight through ASGI; ``None`` in ``chunks`` is the client leaving,
    a float is the client going silent for that many seconds."""
    import asyncio

    pending = list(chunks)
    sent: list[dict] = []

    async def receive():
        if not pending:
            await asyncio.sleep(3600)
        chunk = pending.pop(0)
        if chunk is None:
            return {"type": "http.disconnect"}
        if isinstance(chunk, float):
            await asyncio.sleep(chunk)
            chunk = pending.pop(0) if pending else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"text/plain"),
                         *((k.encode(), v.encode()) for k, v in (headers or {}).items())]}
    await app(scope, receive, send)
    status = next((m["status"] for m in sent if m["type"] == "http.response.start"), None)
    return status, sent


def test_an_abandoned_extract_never_runs(served, monkeypatch):
    import asyncio
    import threading

    import svodka.api.extracting as extracting
    from svodka.api import create_app

    runs = []
    monkeypatch.setattr(extracting, "extract_document", lambda document: runs.append(document))
    app = create_app(store=served[1])
    extracting.EXTRACTION_SLOT.acquire()           # another extraction is running
    threading.Timer(0.3, extracting.EXTRACTION_SLOT.release).start()
    status, _ = asyncio.run(call(app, "/api/extract", ["Министр заявил.".encode(), None]))
    time.sleep(0.1)
    assert runs == [] and status in (None, 499)
    with extracting.EXTRACTION_SLOT:                 # and the slot was given back
        pass


def test_an_extract_waits_a_bounded_time_and_texts_are_bounded(served):
    from fastapi.testclient import TestClient

    import svodka.api.extracting as extracting
    from svodka.api import create_app
    from svodka.api.guard import ServerLimits

    client = TestClient(create_app(store=served[1], limits=ServerLimits(
        max_chars=1000, extract_wait_seconds=0.2)), base_url=LOCAL)
    long = client.post("/api/extract", content=("Министр заявил. " * 100).encode(),
                       headers={"content-type": "text/plain"})
    assert long.status_code == 422 and long.json()["detail"]["reason"] == "too_large"
    with extracting.EXTRACTION_SLOT:
        started = time.perf_counter()
        busy = client.post("/api/extract", content="Министр заявил.".encode(),
                           headers={"content-type": "text/plain"})
        assert busy.status_code == 503 and time.perf_counter() - started < 2


def test_a_client_leaving_mid_body_is_not_an_error(served, caplog):
    import asyncio

    from svodka.api import create_app

    app = create_app(store=served[1])
    status, _ = asyncio.run(call(app, "/api/extract", [b"part of a body", None]))
    assert status in (None, 499)
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_a_body_that_stops_arriving_is_cut_off(served):
    import asyncio

    from svodka.api import create_app
    from svodka.api.guard import ServerLimits

    app = create_app(store=served[1], limits=ServerLimits(body_seconds=0.2))
    started = time.perf_counter()
    status, _ = asyncio.run(call(app, "/api/extract", [b"ten bytes.", 30.0, b"never"],
                                 {"content-length": "100"}))
    assert status == 408 and time.perf_counter() - started < 2


# -- 6. workers die with their parent ------------------------------------------------------

POOL_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    from svodka.ingest.work import exit_with_parent

    if __name__ == "__main__":
        with ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=exit_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            print(*{pool.submit(os.getpid).result() for _ in range(4)}, flush=True)
            time.sleep(600)
""")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_ingest_workers_exit_when_their_parent_is_killed(tmp_path, signal_name):
    import signal

    script = tmp_path / "pool.py"
    script.write_text(POOL_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(alive(pid) for pid in workers)
    parent.send_signal(getattr(signal, signal_name))
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "workers outlived their parent"


# -- 14. slow clients on a real server ------------------------------------------------------

@pytest.fixture
def live_server(served):
    """uvicorn on 127.0.0.1 with svodka's limits shortened to half a second."""
    import socket
    import threading

    import uvicorn

    from svodka.api import create_app
    from svodka.api.guard import ServerLimits
    from svodka.api.protocol import with_header_timeout

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    limits = ServerLimits(body_seconds=0.5, header_seconds=0.5)
    server = uvicorn.Server(uvicorn.Config(
        create_app(store=served[1], limits=limits), host="127.0.0.1", port=port,
        http=with_header_timeout(limits.header_seconds), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


def seconds_until_closed(port: int, opening: bytes, trickle: bytes = b"") -> float:
    """Send ``opening``, then a byte of ``trickle`` every 0.2 s; time until the server hangs up."""
    import socket

    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(opening)
        sock.settimeout(0.2)
        for byte in [trickle[i:i + 1] for i in range(len(trickle))] or [b""] * 50:
            try:
                if not sock.recv(65536):
                    return time.monotonic() - started
            except socket.timeout:
                pass
            except ConnectionError:
                return time.monotonic() - started
            try:
                if byte:
                    sock.sendall(byte)
            except ConnectionError:
                return time.monotonic() - started
    return time.monotonic() - started


def test_slow_headers_and_slow_bodies_lose_their_connection(live_server):
    slow_headers = seconds_until_closed(live_server, b"GET /api/stats HTTP/1.1\r\n",
                                        b"X-Slow: " + b"a" * 40)
    assert slow_headers < 3, f"a client trickling headers kept its connection {slow_headers:.1f} s"
    slow_body = seconds_until_closed(
        live_server, b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: text/plain\r\nContent-Length: 100\r\n\r\nten bytes.")
    assert slow_body < 3, f"a stalled body kept its connection {slow_body:.1f} s"


def test_an_oversize_html_page_is_refused_before_it_is_parsed(monkeypatch):
    import trafilatura

    from svodka.errors import InputRejected
    from svodka.reading import read_document

    def parse(*args, **kwargs):
        raise AssertionError("an oversize page reached the HTML parser")
    monkeypatch.setattr(trafilatura, "bare_extraction", parse)
    page = "<html><body><p>" + "Министр заявил о росте цен. " * 400_000 + "</p></body></html>"
    with pytest.raises(InputRejected) as refused:
        read_document(page.encode())
    assert refused.value.reason == "too_large" and "HTML" in refused.value.message
