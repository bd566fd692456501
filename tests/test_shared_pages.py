"""Answers shared by a server's worker processes (svodka/api/cache.py, SharedPages): a page
one worker computed is a kept answer for the other, and an ingest or a correction — through
either worker or another program — is seen by both on their next request."""
from __future__ import annotations

import os
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

TODAY = date(2025, 11, 30)


@pytest.fixture(scope="module")
def records(budget_records):
    return budget_records


@pytest.fixture
def workers(tmp_path, records):
    """Two apps on their own store handles and one shared directory, as `svodka serve
    --workers 2` runs them."""
    from svodka.api import create_app
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    shared = tmp_path / "pages"
    shared.mkdir()
    stores = [open_store(url) for _ in range(2)]
    assert stores[0].add_article(records[0]) == "stored"
    clients = [TestClient(create_app(store=store, today=lambda: TODAY, shared_pages=shared),
                          base_url="http://127.0.0.1") for store in stores]
    for client in clients:
        client.__enter__()
    yield clients, url, shared
    for client in clients:
        client.__exit__(None, None, None)
    for store in stores:
        store.close()


def kept(response) -> str:
    return response.headers["x-svodka-cache"]


def heading(page: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()


def test_a_page_one_worker_computed_is_kept_for_the_other(workers):
    (first, second), _, shared = workers
    computed = first.get("/search", params={"q": "бюджет"})
    assert computed.status_code == 200 and kept(computed) == "miss"
    assert "Силуанов" in computed.text
    served = second.get("/search", params={"q": "бюджет"})
    assert served.status_code == 200 and kept(served) == "hit"
    assert served.content == computed.content
    assert served.headers["content-type"] == computed.headers["content-type"]
    assert served.headers["content-security-policy"] == computed.headers["content-security-policy"]
    # another URL is another answer, computed by whoever is asked first
    assert kept(second.get("/search", params={"q": "дефицит"})) == "miss"
    assert kept(first.get("/search", params={"q": "дефицит"})) == "hit"
    assert len(os.listdir(shared)) == 2


def test_an_ingest_by_another_program_is_seen_by_both_workers(workers, records):
    from svodka.store import open_store

    (first, second), url, shared = workers
    for client in (first, second):
        before = client.get("/api/search", params={"q": "бюджет"}).json()
        assert {item["article_id"] for item in before["items"]} == {records[0].id}
    old_files = set(os.listdir(shared))
    with open_store(url) as ingest:             # `svodka ingest` beside the server
        assert ingest.add_article(records[1]) == "stored"
    after = second.get("/api/search", params={"q": "бюджет"})
    assert kept(after) == "miss"
    assert {item["article_id"] for item in after.json()["items"]} == {r.id for r in records}
    # the first worker finds the second's fresh answer, not its own older one
    again = first.get("/api/search", params={"q": "бюджет"})
    assert kept(again) == "hit" and again.content == after.content
    # the older generation's answers are gone from the directory
    assert old_files and not old_files & set(os.listdir(shared))
    page = first.get("/search", params={"q": "Макаров"})
    assert kept(page) == "miss" and "Макаров" in page.text


def test_a_correction_and_its_undo_through_one_worker_are_seen_by_the_other(workers):
    (first, second), _, _ = workers
    siluanov = next(e for e in first.get("/api/entities", params={"name": "Силуанов"}).json()
                    ["items"] if e["type"] == "PER")["id"]
    path = f"/entities/{siluanov}"
    assert kept(first.get(path)) == "miss"
    shown = second.get(path)
    assert kept(shown) == "hit" and heading(shown.text) == "Антон Силуанов"
    renamed = first.post(f"/api/entities/{siluanov}/rename",
                         json={"name": "Антон Германович Силуанов", "who": "аналитик"})
    assert renamed.status_code == 201, renamed.text
    seen = second.get(path)
    assert kept(seen) == "miss" and heading(seen.text) == "Антон Германович Силуанов"
    assert kept(first.get(path)) == "hit"
    assert second.post(f"/api/corrections/{renamed.json()['id']}/undo",
                       json={"who": "аналитик"}).status_code == 200
    undone = first.get(path)
    assert kept(undone) == "miss" and heading(undone.text) == "Антон Силуанов"


def test_answers_computed_while_the_store_changed_are_not_shared(tmp_path, records):
    """A request that began before an ingest must not leave its answer under the new
    state's name."""
    from svodka.api.cache import PageCache
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'r.db'}"
    shared = tmp_path / "pages"
    shared.mkdir()
    with open_store(url) as store:
        store.add_article(records[0])

        async def app(scope, receive, send):     # stands in for a page computed slowly
            with open_store(url) as ingest:      # ... during which an ingest commits
                ingest.add_article(records[1])
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"before the ingest"})

        cache = PageCache(app, store, lambda: TODAY, 1 << 20, shared_directory=shared)
        import asyncio

        async def ask():
            sent = []

            async def send(message):
                sent.append(message)
            await cache({"type": "http", "method": "GET", "path": "/", "query_string": b""},
                         None, send)
            return sent

        asyncio.run(ask())
        assert os.listdir(shared) == [] and cache.entries == {}
        assert store.count_articles() == 2


def test_the_shared_directory_is_bounded(tmp_path):
    from svodka.api.cache import SharedPages

    pages = SharedPages(tmp_path, max_bytes=1000)
    pages.renew(("day", (1, 0, 0, 0, 0)))
    for n in range(10):
        pages.put(("/a", str(n).encode()), [(b"content-type", b"text/html")], b"x" * 300)
        assert sum(os.path.getsize(tmp_path / name) for name in os.listdir(tmp_path)) < 1500
    assert pages.get(("/a", b"9")) == ([(b"content-type", b"text/html")], b"x" * 300)
    assert pages.get(("/a", b"0")) is None



def test_an_answer_is_written_for_the_other_workers_after_its_client_has_it(tmp_path):
    import asyncio

    from svodka.api.cache import PageCache
    from svodka.store import open_store

    sent: list[str] = []
    written_after: list[list[str]] = []

    async def page(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]})
        await send({"type": "http.response.body", "body": "<h1>Силуанов</h1>".encode()})

    async def client_side(message):
        sent.append(message["type"])

    async def ask(cache):
        await cache({"type": "http", "method": "GET", "path": "/search",
                     "query_string": b"q=budget", "headers": []}, None, client_side)

    pages = tmp_path / "pages"
    pages.mkdir()
    with open_store(tmp_path / "c.db") as store:
        cache = PageCache(page, store=store, today=lambda: TODAY, max_bytes=1 << 20,
                          shared_directory=pages)
        put = cache.shared.put
        cache.shared.put = lambda *args: (written_after.append(list(sent)), put(*args))
        asyncio.run(ask(cache))
        cache._state.close()
    # the body went to the client first (writing the file took the event loop 0.4-2.6 ms)
    assert written_after == [["http.response.start", "http.response.body"]]
    [written] = pages.iterdir()
    assert written.read_bytes().endswith("<h1>Силуанов</h1>".encode())


def test_the_workers_share_their_answers_in_memory_unless_tmpdir_names_a_place(
        monkeypatch, tmp_path):
    from svodka.cli.serve import SHARED_MEMORY, shared_pages_root

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert shared_pages_root() is None               # the user's choice: tempfile's default
    monkeypatch.delenv("TMPDIR")
    if not os.path.isdir(SHARED_MEMORY):
        pytest.skip("no /dev/shm on this system")
    assert shared_pages_root() == SHARED_MEMORY
