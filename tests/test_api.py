"""The JSON API over a small real corpus: the sample article, the repo example, dev texts."""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, SAMPLE, SHARED, assert_spans_valid
from svodka.record import Article

DEV_TEXTS = ("book_100.txt", "book_115.txt", "book_124.txt")
ASTANA = EXAMPLES / "astana-port.txt"
# A second article from the repository itself, dated in the month the pages call "this
# month": paging and the month's leaders are tested without ../shared.
GEORGIA = Path(__file__).parent / "data" / "quotes" / "ng0-0198.json"


def corpus_documents() -> list[tuple[str, str, str | None]]:
    """(path, text, published) of every document the test corpus holds, where present."""
    docs = [(str(ASTANA), ASTANA.read_text(encoding="utf-8"), "2025-10-14"),
            (str(GEORGIA), json.loads(GEORGIA.read_text(encoding="utf-8"))["text"], "2025-11-20")]
    if SAMPLE.exists():
        docs.append((str(SAMPLE), SAMPLE.read_text(encoding="utf-8"), "2025-11-27"))
    for name in DEV_TEXTS:
        path = SHARED / "data" / "factrueval-dev" / name
        if path.exists():
            docs.append((str(path), path.read_text(encoding="utf-8"), None))
    return docs


@lru_cache(maxsize=None)
def extracted(path: str, text: str, published: str | None) -> Article:
    """Each document is extracted once per session, however many test stores hold it."""
    import svodka
    return svodka.extract(text, published, source=svodka.Source(path=path))


def build_corpus(directory: Path, extra: list[tuple[str, str, str | None]] = ()):
    """A SQLite store in ``directory`` with the corpus documents; returns (store, ids by path)."""
    from svodka.store import open_store

    store = open_store(f"sqlite:///{directory / 'corpus.db'}")
    ids = {}
    for path, text, published in [*corpus_documents(), *extra]:
        article = extracted(path, text, published)
        assert store.add_article(article) == "stored"
        ids[path] = article.id
    return store, ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, models):
    from svodka.api import create_app

    store, ids = build_corpus(tmp_path_factory.mktemp("api"))
    app = create_app(store=store, today=lambda: date(2025, 11, 30))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client, ids
    store.close()


@pytest.fixture
def client(corpus):
    return corpus[0]


def sample_id(corpus) -> str:
    if str(SAMPLE) not in corpus[1]:
        pytest.skip("the shared sample article is not here")
    return corpus[1][str(SAMPLE)]


ASTANA_TEXT = ASTANA.read_text(encoding="utf-8")


@pytest.mark.parametrize("content_type, body", [
    ("text/plain; charset=utf-8", ASTANA_TEXT.encode("utf-8")),
    ("text/plain", ASTANA_TEXT.encode("cp1251")),
    ("text/html", f"<html><body><h1>Порт Актау</h1><p>{ASTANA_TEXT}</p></body></html>".encode()),
])
def test_extract_returns_the_contract_record(client, content_type, body):
    response = client.post("/extract", content=body, headers={"content-type": content_type})
    assert response.status_code == 200, response.text
    record = response.json()
    assert {"id", "text", "entities", "quotes", "amounts", "dates"} <= set(record)
    assert "Нурлан Сауранбаев" in record["text"]
    assert_spans_valid(Article.from_dict(record))


def test_extract_takes_json_with_a_publication_date(client):
    response = client.post("/extract", json={"text": ASTANA_TEXT, "published": "2025-10-14"})
    assert response.status_code == 200
    record = response.json()
    assert record["published"] == "2025-10-14"
    assert record["dateline"]["date"] == "2025-10-14"


@pytest.mark.parametrize("kwargs, reason", [
    ({"content": b"   \n ", "headers": {"content-type": "text/plain"}}, "empty"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "bad_json"),
    ({"json": {"texts": "Министр заявил"}}, "bad_json"),
    ({"json": {"text": "Министр заявил", "published": "вчера"}}, "bad_date"),
])
def test_extract_rejects_what_is_not_an_article_with_a_reason(client, kwargs, reason):
    response = client.post("/extract", **kwargs)
    assert response.status_code == 422
    assert response.json()["detail"]["reason"] == reason


def test_extract_refuses_a_body_over_the_limit(client):
    from svodka.api import MAX_BODY_BYTES

    body = ("Министр заявил, что порт примет грузы. " * 60_000).encode()
    assert len(body) > MAX_BODY_BYTES
    response = client.post("/extract", content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "2048 КБ" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit holds while streaming too
        for _ in range(60):
            yield b"x" * 50_000

    response = client.post("/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert response.status_code == 413


def test_extract_stores_nothing(client):
    before = client.get("/api/stats").json()
    client.post("/extract", content="Министр заявил, что порт расширят.".encode(),
                headers={"content-type": "text/plain"})
    assert client.get("/api/stats").json() == before


def test_articles_are_paged_with_a_page_size_limit(corpus, client):
    listing = client.get("/api/articles", params={"limit": 1}).json()
    assert listing["total"] == len(corpus[1])
    assert len(listing["items"]) == 1
    assert {"id", "headline", "published", "n_entities", "n_quotes", "n_amounts"} <= set(
        listing["items"][0])
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()["items"]
    assert second[0]["id"] != listing["items"][0]["id"]
    assert client.get("/api/articles", params={"limit": 100}).status_code == 200
    for params in ({"limit": 101}, {"limit": 0}, {"offset": -1}, {"date_from": "27.11.2025"}):
        assert client.get("/api/articles", params=params).status_code == 422


def test_an_article_comes_back_whole_with_links_to_corpus_entities(corpus, client):
    article_id = corpus[1][str(ASTANA)]
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["text"] == ASTANA_TEXT
    assert_spans_valid(Article.from_dict(record))
    assert set(record["corpus_entity_ids"]) == {e["id"] for e in record["entities"]}
    for corpus_id in record["corpus_entity_ids"].values():
        entity = client.get(f"/api/entities/{corpus_id}").json()
        assert article_id in [a["id"] for a in entity["articles"]]


def test_unknown_ids_are_404(client):
    assert client.get("/api/articles/no-such-article").status_code == 404
    assert client.get("/api/entities/no-such-entity").status_code == 404
    assert client.get("/api/articles/" + "x" * 300).status_code == 422


@pytest.mark.parametrize("query, path", [
    ("порта", ASTANA), ("порт Актау", ASTANA), ("посла", SAMPLE), ("Василенко", SAMPLE)])
def test_search_finds_other_word_forms(corpus, client, query, path):
    if str(path) not in corpus[1]:
        pytest.skip(f"{path} is not here")
    hits = client.get("/api/search", params={"q": query}).json()["items"]
    assert corpus[1][str(path)] in {hit["article_id"] for hit in hits}
    for hit in hits:
        assert {"kind", "article_id", "start", "end", "snippet"} <= set(hit)


def test_search_needs_a_query_and_limits_its_page(client):
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "порт", "limit": 500}).status_code == 422
    assert client.get("/api/search", params={"q": "порт", "kind": "tweet"}).status_code == 422


def test_a_speaker_has_an_entity_page_with_their_quotes(corpus, client):
    sample = sample_id(corpus)
    found = client.get("/api/entities", params={"name": "Василенко", "type": "PER"}).json()
    assert found["items"], "Роман Василенко is not a PER entity in the corpus"
    entity = client.get(f"/api/entities/{found['items'][0]['id']}").json()
    assert entity["name"] == "Роман Василенко"
    assert sample in [a["id"] for a in entity["articles"]]
    assert any(q["article_id"] == sample and q["speaker_name"] == "Роман Василенко"
               for q in entity["quotes"])


def test_quotes_by_speaker_name(corpus, client):
    sample_id(corpus)
    quotes = client.get("/api/quotes", params={"speaker": "Василенко"}).json()["items"]
    assert quotes and all(q["speaker_name"] == "Роман Василенко" for q in quotes)
    assert client.get("/api/quotes", params={"limit": 101}).status_code == 422


def test_stats_count_the_corpus(corpus, client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(corpus[1])
    assert stats["entities"] > 0


def test_the_api_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "https://" not in page.text and "cdn" not in page.text.lower()
    schema = client.get("/openapi.json").json()
    assert {"/extract", "/api/articles", "/api/articles/{article_id}", "/api/search",
            "/api/entities/{entity_id}", "/api/quotes", "/api/stats"} <= set(schema["paths"])
    assert "text/plain" in schema["paths"]["/extract"]["post"]["requestBody"]["content"]
