"""Kept answers (svodka/api/cache.py): a repeated page is served from memory, and an ingest or
a correction — from any process — is seen on the very next request."""
from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def records(budget_records):
    return budget_records


@pytest.fixture
def served(tmp_path, records):
    from svodka.api import create_app
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    assert store.add_article(records[0]) == "stored"
    with TestClient(create_app(store=store, today=lambda: date(2025, 11, 30)),
                    base_url="http://127.0.0.1") as client:
        yield client, url
    store.close()


def test_a_repeated_page_is_served_from_memory_with_the_same_body_and_headers(served):
    client, _ = served
    first = client.get("/search", params={"q": "бюджет"})
    again = client.get("/search", params={"q": "бюджет"})
    assert first.status_code == again.status_code == 200
    assert (first.headers["x-svodka-cache"], again.headers["x-svodka-cache"]) == ("miss", "hit")
    assert again.text == first.text and "Силуанов" in again.text
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    # another URL is another page
    assert client.get("/search", params={"q": "дефицит"}).headers["x-svodka-cache"] == "miss"


def test_the_host_check_still_guards_a_kept_page(served):
    client, _ = served
    assert client.get("/").headers["x-svodka-cache"] == "miss"
    assert client.get("/").headers["x-svodka-cache"] == "hit"
    refused = client.get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and "x-svodka-cache" not in refused.headers


def test_an_ingest_by_another_process_is_seen_on_the_next_request(served, records):
    from svodka.store import open_store

    client, url = served
    before = client.get("/api/search", params={"q": "бюджет"}).json()
    assert {item["article_id"] for item in before["items"]} == {records[0].id}
    with open_store(url) as other:            # like `svodka ingest` running beside the server
        assert other.add_article(records[1]) == "stored"
    after = client.get("/api/search", params={"q": "бюджет"})
    assert after.headers["x-svodka-cache"] == "miss"
    assert {item["article_id"] for item in after.json()["items"]} == {r.id for r in records}


def heading(page: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()


def test_a_correction_and_its_undo_are_seen_on_the_next_request(served):
    client, _ = served
    siluanov = next(e for e in client.get("/api/entities", params={"name": "Силуанов"}).json()
                    ["items"] if e["type"] == "PER")["id"]
    page = f"/entities/{siluanov}"
    assert heading(client.get(page).text) == "Антон Силуанов"
    assert client.get(page).headers["x-svodka-cache"] == "hit"
    renamed = client.post(f"/api/entities/{siluanov}/rename",
                          json={"name": "Антон Германович Силуанов", "who": "аналитик"})
    assert renamed.status_code == 201, renamed.text
    shown = client.get(page)
    assert shown.headers["x-svodka-cache"] == "miss"
    assert heading(shown.text) == "Антон Германович Силуанов"
    assert client.post(f"/api/corrections/{renamed.json()['id']}/undo",
                       json={"who": "аналитик"}).status_code == 200
    undone = client.get(page)
    assert undone.headers["x-svodka-cache"] == "miss" and "отменено" in undone.text
    assert heading(undone.text) == "Антон Силуанов"


def test_errors_and_exports_are_never_kept(served):
    client, _ = served
    for _ in range(2):
        missing = client.get("/articles/nothing-here")
        assert missing.status_code == 404 and missing.headers["x-svodka-cache"] == "miss"
        export = client.get("/export/search.csv", params={"q": "бюджет"})
        assert export.status_code == 200 and "x-svodka-cache" not in export.headers


def test_no_cache_when_its_size_is_zero(tmp_path, records):
    from svodka.api import ServerLimits, create_app
    from svodka.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:
        store.add_article(records[0])
        app = create_app(store=store, limits=ServerLimits(page_cache_bytes=0))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            for _ in range(2):
                page = client.get("/search", params={"q": "бюджет"})
                assert page.status_code == 200 and "Силуанов" in page.text
                assert "x-svodka-cache" not in page.headers


def test_svodka_serve_starts_two_workers_that_share_their_kept_answers(two_workers):
    """uvicorn hands its settings to worker processes by pickling them; the header-timeout
    protocol made per call could not be pickled, so `--workers 2` never answered. Each
    worker kept its own answers, so a page was computed once per worker: now the first
    request computes it and every later one, on whichever worker, is a kept answer; the
    directory they share lives as long as the server."""
    import time

    import httpx

    server, base = two_workers.process, two_workers.base
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "svodka serve --workers 2 did not answer"
            time.sleep(0.5)
        # a new connection each time, to either worker
        seen = [httpx.get(base + "/search", params={"q": "бюджет"}, timeout=30)
                for _ in range(8)]
        assert all(r.status_code == 200 and "Силуанов" in r.text for r in seen)
        assert [r.headers["x-svodka-cache"] for r in seen] == ["miss"] + ["hit"] * 7
        assert len({r.content for r in seen}) == 1
        [shared] = two_workers.scratch.glob("svodka-pages-*")
        assert any(shared.iterdir())
    finally:
        two_workers.stop()
    assert not shared.exists()


def test_a_worker_process_hands_the_gil_over_as_often_as_a_single_server(tmp_path, records,
                                                                          monkeypatch):
    """`--workers 2` starts fresh interpreters: the parent's switch interval does not reach
    them, and searches held short requests up by 5 ms at a step."""
    import sys

    from svodka.api.factory import STORE_URL_VARIABLE, SWITCH_INTERVAL, app_from_env
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'i.db'}"
    with open_store(url) as store:
        store.add_article(records[0])
    monkeypatch.setenv(STORE_URL_VARIABLE, url)
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        app = app_from_env()
        assert sys.getswitchinterval() == SWITCH_INTERVAL == 0.001
        app.state.store.close()
    finally:
        sys.setswitchinterval(before)
