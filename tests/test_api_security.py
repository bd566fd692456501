"""What the server refuses: markup in articles, SQL in searches, oversize bodies and pages."""
from __future__ import annotations

import inspect
from datetime import date

import pytest
from fastapi.testclient import TestClient

from test_api import build_corpus

HOSTILE = ('Хакеры атаковали <script>alert("xss")</script> сайт министерства\n\n'
           'Москва. 3 марта. Министр связи Иван Петров заявил: "Атака <img src=x onerror=alert(1)> '
           'отражена". Ущерб составил 5 млн рублей.</p><iframe src="//evil"></iframe>')


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, models):
    from svodka.api import create_app

    store, ids = build_corpus(tmp_path_factory.mktemp("security"),
                              extra=[("hostile.html.txt", HOSTILE, "2025-03-03")])
    with TestClient(create_app(store=store, today=lambda: date(2025, 3, 31)),
                    base_url="http://127.0.0.1") as client:
        yield client, ids
    store.close()


@pytest.fixture
def client(corpus):
    return corpus[0]


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert" in html


def test_markup_inside_a_stored_article_is_shown_as_text(corpus, client):
    article_id = corpus[1]["hostile.html.txt"]
    html = client.get(f"/articles/{article_id}").text
    assert_inert(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for page in ("/", "/search?q=хакеры", "/articles", "/quotes"):
        body = client.get(page).text
        assert "<script>alert" not in body and "<img src=x" not in body


def test_markup_in_a_pasted_article_is_shown_as_text(client):
    assert_inert(client.post("/paste", data={"text": HOSTILE}).text)


@pytest.mark.parametrize("query", [
    "'", '"', "%", "_", "--", ";", "' OR 1=1 --", "'); DROP TABLE articles; --",
    "порт%' UNION SELECT sql FROM sqlite_master --", "\\", "*", "(", ")", '"порт', "NEAR(",
    "порт AND", "OR", "%%%___", "ё" * 500, "\t\n", "<script>alert(1)</script>",
])
def test_search_input_never_reaches_sql_as_code(corpus, client, query):
    before = client.get("/api/stats").json()
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert isinstance(response.json()["items"], list)
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text
    assert client.get("/api/quotes", params={"speaker": query[:200]}).status_code == 200
    assert client.get("/api/articles", params={"entity": query[:200]}).status_code == 200
    assert client.get("/api/entities", params={"name": query[:200]}).status_code == 200
    assert client.get("/api/stats").json() == before


def test_page_sizes_are_bounded(client):
    for path in ("/api/articles", "/api/quotes", "/api/top"):
        assert client.get(path, params={"limit": 10_000}).status_code == 422
    assert client.get("/api/search", params={"q": "порт", "limit": 10_000}).status_code == 422
    assert client.get("/articles", params={"page": 10**9}).status_code == 422


def test_oversize_requests_get_413_even_as_a_form(client):
    big = "а" * (3 * 1024 * 1024)
    response = client.post("/paste", data={"text": big}, headers={"accept": "text/html"})
    assert response.status_code == 413
    assert "text/html" in response.headers["content-type"]


CORRECTIONS_API = ["/api/entities/{entity_id}/merge", "/api/entities/{entity_id}/split",
                   "/api/entities/{entity_id}/rename",
                   "/api/articles/{article_id}/quotes/{n}/speaker",
                   "/api/corrections/{correction_id}/undo"]
CORRECTION_FORMS = ["/entities/{entity_id}/merge", "/entities/{entity_id}/rename",
                    "/articles/{article_id}/split", "/articles/{article_id}/speaker",
                    "/corrections/{correction_id}/undo"]


def test_only_extraction_and_corrections_accept_a_body_and_only_corrections_write(client):
    from svodka.api import correction_pages, correction_routes, json_routes, pages

    def writers(*routers):
        return {(route.path, method) for router in routers for route in router.routes
                for method in getattr(route, "methods", ()) or ()
                if method in {"POST", "PUT", "PATCH", "DELETE"}}

    assert writers(json_routes.router, pages.router) == {
        ("/extract", "POST"), ("/api/extract", "POST"), ("/paste", "POST")}
    def plain(path):   # article ids may hold "/": those routes take the id as a path
        return path.replace("{article_id:path}", "{article_id}")

    assert {(plain(p), m) for p, m in writers(correction_routes.router)} == {
        (path, "POST") for path in CORRECTIONS_API}
    assert {(plain(p), m) for p, m in writers(correction_pages.router)} == {
        (path, "POST") for path in CORRECTION_FORMS}
    # every writer refuses another site (tests/test_corrections_web.py tries each kind)
    for router in (correction_routes.router, correction_pages.router):
        for route in router.routes:
            if "POST" in route.methods:
                assert route.dependencies, route.path
    schema = client.get("/openapi.json").json()
    assert [path for path, ops in schema["paths"].items() if set(ops) - {"get"}] == [
        "/extract", *CORRECTIONS_API]
    assert client.delete("/api/articles/x").status_code == 405
    assert client.put("/api/articles/x", json={}).status_code == 405


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_the_server_listens_on_this_machine_only_by_default():
    from svodka.cli.serve import serve
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
