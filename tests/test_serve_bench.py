"""bench/serve.py's raw-socket client counts what httpx counts: answers, errors, kept ones."""
from __future__ import annotations

import asyncio
import socket
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

MINISTER = ("Министр финансов Антон Силуанов выступил в Государственной думе. "
            "«Дефицит бюджета в следующем году сократится вдвое», — заявил Силуанов.")


@pytest.fixture
def live(tmp_path, models):
    import uvicorn

    import svodka
    from svodka.api import create_app
    from svodka.reading import Document
    from svodka.store import open_store

    record = svodka.extract_document(
        Document(MINISTER, "jsonl", url="http://www.ng.ru/economics/2017-04-18/1_budget.html"),
        models=models)
    store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    store.add_article(record)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(
        create_app(store=store, today=lambda: date(2025, 11, 30)), host="127.0.0.1", port=port,
        log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", record
    server.should_exit = True
    thread.join(10)
    store.close()


def test_the_raw_client_counts_answers_errors_and_kept_ones_as_httpx_does(live):
    from urllib.parse import quote

    from serve import burst

    base, record = live
    requests = [("article page", f"/articles/{quote(record.id, safe='')}"),
                ("search page", "/search?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82"),
                ("missing", "/articles/no-such-article"),
                ("api search", "/api/search?q=%D0%B4%D0%B5%D1%84%D0%B8%D1%86%D0%B8%D1%82")] * 3
    # one at a time: the raw client's first pass computes each page once, httpx finds them kept
    results = {client: asyncio.run(burst(base, requests, 1, client))
               for client in ("raw", "httpx")}
    results["raw, 4 connections"] = asyncio.run(burst(base, requests, 4, "raw"))
    for result in results.values():
        assert {kind: len(times) for kind, times in result["timings"].items()} == \
            {"article page": 3, "search page": 3, "missing": 3, "api search": 3}
        assert result["errors"] == {"missing": 3} and result["reasons"] == {"404": 3}
    assert results["raw"]["kept"] == {"article page": 2, "search page": 2, "api search": 2}
    assert results["httpx"]["kept"] == results["raw, 4 connections"]["kept"] == \
        {"article page": 3, "search page": 3, "api search": 3}
