"""Article pages kept in the store (svodka/store/pages.py): a page rendered once is served by
every worker from one read, equal to a freshly rendered one, and never after the article, its
corrections or the page code changed."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

MINISTER = ("Министр финансов Антон Силуанов выступил в Государственной думе. "
            "«Дефицит бюджета в следующем году сократится вдвое», — заявил Силуанов.")
DEPUTY = ("Председатель комитета Андрей Макаров раскритиковал проект. "
          "«Бюджет составлен без учёта регионов», — сказал Макаров журналистам.")


@pytest.fixture(scope="module")
def records(models):
    import svodka
    from svodka.reading import Document

    return [svodka.extract_document(Document(text, "jsonl", url=url), models=models)
            for url, text in [("http://www.ng.ru/economics/2017-04-18/1_budget.html", MINISTER),
                              ("http://www.ng.ru/politics/2018-03-05/2_duma.html", DEPUTY)]]


@pytest.fixture
def store(tmp_path, records):
    from svodka.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        assert store.add_article(records[0]) == "stored"
        yield store


def client_of(store, page_cache_bytes: int = 0) -> TestClient:
    from svodka.api import ServerLimits, create_app

    app = create_app(store=store, today=lambda: date(2025, 11, 30),
                     limits=ServerLimits(page_cache_bytes=page_cache_bytes))
    return TestClient(app, base_url="http://127.0.0.1")


def kept_pages(store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT article_id, version FROM article_pages").all())


def fresh_page(store, article_id: str, monkeypatch) -> str:
    """The page as rendered from the record now, with no kept page to serve."""
    monkeypatch.setattr(type(store), "stored_article_page", lambda self, *a: (None, None))
    try:
        with client_of(store) as client:
            return client.get(f"/articles/{quote(article_id, safe='')}").text
    finally:
        monkeypatch.undo()


def test_a_page_is_kept_on_first_view_and_then_served_without_reading_the_record(
        store, records, monkeypatch):
    from svodka.api.pages import PAGE_VERSION

    path = f"/articles/{quote(records[0].id, safe='')}"
    with client_of(store) as client:
        first = client.get(path)
        assert first.status_code == 200 and "Силуанов" in first.text
        assert kept_pages(store) == {records[0].id: PAGE_VERSION}

        def no_record(*_):
            raise AssertionError("a kept page was rendered again")
        monkeypatch.setattr(type(store), "article_for_page", no_record)
        again = client.get(path)
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"] \
        == "text/html; charset=utf-8"
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]


def test_the_kept_page_equals_the_freshly_rendered_one(store, records, monkeypatch):
    from svodka.store import open_store

    with open_store(store.url) as other:
        assert other.add_article(records[1]) == "stored"
    for record in records:
        path = f"/articles/{quote(record.id, safe='')}"
        with client_of(store) as client:
            client.get(path)                            # renders and keeps
            kept = client.get(path).text
        assert record.id in kept_pages(store)
        assert kept == fresh_page(store, record.id, monkeypatch)
    assert "Силуанов" in fresh_page(store, records[0].id, monkeypatch)
    assert "Макаров" in fresh_page(store, records[1].id, monkeypatch)


def test_a_correction_is_shown_at_once_and_the_page_kept_again(store, records, monkeypatch):
    path = f"/articles/{quote(records[0].id, safe='')}"
    with client_of(store) as client:
        assert "Антон Германович Силуанов" not in client.get(path).text
        assert records[0].id in kept_pages(store)
        siluanov = next(e for e in client.get("/api/entities", params={"name": "Силуанов"})
                        .json()["items"] if e["type"] == "PER")["id"]
        renamed = client.post(f"/api/entities/{siluanov}/rename",
                              json={"name": "Антон Германович Силуанов", "who": "аналитик"})
        assert renamed.status_code == 201, renamed.text
        shown = client.get(path).text
        assert "Антон Германович Силуанов" in shown
        assert client.get(path).text == shown           # kept again, for the new log
        assert client.post(f"/api/corrections/{renamed.json()['id']}/undo",
                           json={"who": "аналитик"}).status_code == 200
        undone = client.get(path).text
    assert "Антон Германович Силуанов" not in undone and "Антон Силуанов" in undone
    assert undone == fresh_page(store, records[0].id, monkeypatch)


def test_a_merge_by_the_resolver_forgets_the_pages_naming_the_merged_entity(store, records,
                                                                            monkeypatch):
    from svodka.store import resolve
    from svodka.store.engine import write_transaction

    path = f"/articles/{quote(records[0].id, safe='')}"
    corpus = store.corpus_entity_ids(records[0].id)
    speaker = corpus[records[0].quotes[0].speaker]
    with client_of(store) as client:
        before = client.get(path).text
    assert f'value="{speaker}"' in before               # the speaker form offers its id
    with write_transaction(store.engine) as conn:      # as ingest does when names meet
        conn.exec_driver_sql("INSERT INTO entities (id, type, key, name) "
                             "VALUES ('per-silu', 'PER', 'test:силуанов', 'Антон Силуанов')")
        resolve.merge(conn, speaker, "per-silu", None, "test")
    assert records[0].id not in kept_pages(store)
    with client_of(store) as client:
        after = client.get(path).text
    assert f'value="{speaker}"' not in after and 'value="per-silu"' in after
    assert after == fresh_page(store, records[0].id, monkeypatch)


def test_a_page_computed_before_a_change_is_not_kept(store, records):
    from svodka.api.pages import PAGE_VERSION
    from svodka.store import open_store

    page, token = store.stored_article_page(records[0].id, PAGE_VERSION)
    assert page is None and token is not None
    with open_store(store.url) as other:               # an ingest lands meanwhile
        assert other.add_article(records[1]) == "stored"
    assert not store.keep_article_page(records[0].id, PAGE_VERSION, token, b"<p>old</p>")
    assert kept_pages(store) == {}
    _, token = store.stored_article_page(records[0].id, PAGE_VERSION)
    assert store.keep_article_page(records[0].id, PAGE_VERSION, token, b"<p>now</p>")
    assert store.stored_article_page(records[0].id, PAGE_VERSION)[0] == b"<p>now</p>"
    # another page code never sees it
    assert store.stored_article_page(records[0].id, "other-code")[0] is None


def test_a_page_with_a_search_hit_is_made_for_the_hit(store, records):
    start = MINISTER.index("Дефицит")
    path = f"/articles/{quote(records[0].id, safe='')}"
    with client_of(store) as client:
        plain = client.get(path).text
        marked = client.get(path, params={"hl": f"{start}-{start + 7}"}).text
        assert client.get(path).text == plain
    assert 'id="hit"' in marked and 'id="hit"' not in plain


def test_keeping_a_page_drops_no_kept_answer_but_an_ingest_does(store, records):
    from svodka.store import open_store

    path = f"/articles/{quote(records[0].id, safe='')}"
    with client_of(store, page_cache_bytes=1 << 20) as client:
        assert client.get("/search", params={"q": "бюджет"}).headers["x-svodka-cache"] == "miss"
        assert client.get(path).headers["x-svodka-cache"] == "miss"    # written to the store
        assert records[0].id in kept_pages(store)
        assert client.get("/search", params={"q": "бюджет"}).headers["x-svodka-cache"] == "hit"
        with open_store(store.url) as other:
            assert other.add_article(records[1]) == "stored"
        after = client.get("/search", params={"q": "бюджет"})
        assert after.headers["x-svodka-cache"] == "miss" and "Макаров" in after.text
        # the other article's page was not kept before; this one's still is, unchanged
        assert client.get(path).headers["x-svodka-cache"] == "miss"
        assert set(kept_pages(store)) == {records[0].id}
