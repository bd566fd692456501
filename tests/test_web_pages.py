"""The analyst's pages, rendered by the app over a small real corpus and followed link by link."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from fastapi.testclient import TestClient

from conftest import SAMPLE
from test_api import ASTANA, build_corpus

HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')


@pytest.fixture(scope="module")
def site(tmp_path_factory, models):
    from svodka.api import create_app

    store, ids = build_corpus(tmp_path_factory.mktemp("pages"))
    with TestClient(create_app(store=store, today=lambda: date(2025, 11, 30)),
                    base_url="http://127.0.0.1") as client:
        yield client, ids, store
    store.close()


@pytest.fixture
def client(site):
    return site[0]


def sample_id(site) -> str:
    if str(SAMPLE) not in site[1]:
        pytest.skip("the shared sample article is not here")
    return site[1][str(SAMPLE)]


def links(html: str, prefix: str) -> list[str]:
    return [unescape(m.group(1)) + (m.group(2) or "") for m in HREF.finditer(html)
            if m.group(1).startswith(prefix)]


def get_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_shows_counts_and_this_months_leaders(site, client):
    html = get_page(client, "/")
    assert f"<b>{len(site[1])}</b>" in html
    assert "Чаще всех цитируют" in html and "Чаще всех упоминают" in html
    assert "ноябрь 2025 г." in html and "за всё время" not in html
    assert links(html, "/entities/")


def test_home_falls_back_to_all_time_when_the_month_is_empty(site):
    from svodka.api import create_app

    with TestClient(create_app(store=site[2], today=lambda: date(2031, 1, 15)),
                    base_url="http://127.0.0.1") as client:
        html = get_page(client, "/")
    assert html.count("показаны данные за всё время") == 2
    assert links(html, "/entities/")


def test_an_analyst_walks_from_a_search_to_another_article_without_a_dead_end(site, client):
    sample = sample_id(site)
    html = get_page(client, "/search?q=посла")
    article_url = next(url for url in links(html, f"/articles/{sample}"))
    assert "?hl=" in article_url and article_url.endswith("#hit")
    article = get_page(client, article_url.split("#")[0])
    assert '<mark class="hit" id="hit">' in article

    speaker = re.search(r'<a class="speaker-tag" href="([^"]+)"[^>]*>Роман Василенко<', article)
    assert speaker, "the quote is not attributed to Роман Василенко on the page"
    response = client.get(speaker.group(1))
    assert response.status_code == 200 and "/entities/" in str(response.url)
    entity = response.text
    assert "Роман Василенко" in entity and "<svg" in entity
    back = [url for url in links(entity, "/articles/") if "#q" in url]
    assert back, "the entity page lists no quote"
    anchor = back[0].split("#")[1]
    assert f'id="{anchor}"' in get_page(client, back[0].split("#")[0])
    quotes_pages = links(entity, "/quotes?")
    assert quotes_pages and "<h1>Цитаты: Роман Василенко</h1>" in get_page(client, quotes_pages[0])
    for url in quotes_pages + links(entity, "/articles?"):
        assert links(get_page(client, url), "/articles/")


def test_an_article_page_marks_people_quotes_amounts_and_dates(site, client):
    html = get_page(client, f"/articles/{sample_id(site)}")
    assert re.search(r'<a class="ent ent-PER[^"]*"[^>]*>Романа Василенко</a>', html)
    assert re.search(r'class="quote quote-direct"[^>]*title="прямая речь: Роман Василенко', html)
    assert re.search(r'<span class="amount amount-money"[^>]*title="около 50', html)
    assert 'title="27 ноября 2025 г."' in html
    for anchor in re.findall(r'<a class="jump" href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html
    entity_links = set(links(html, f"/articles/{sample_id(site)}/entities/"))
    assert len(entity_links) >= 5
    for url in entity_links:
        response = client.get(url)
        assert response.status_code == 200 and "/entities/" in str(response.url)


def test_pages_of_every_kind_answer(site, client):
    astana = site[1][str(ASTANA)]
    for url in ("/articles", "/articles?page=2", "/quotes", "/quotes?speaker=Сауранбаев",
                f"/articles/{astana}", "/search?q=порт&kind=quote", "/search?q=",
                "/paste"):
        get_page(client, url)


def test_paste_shows_the_article_view_without_storing_it(site, client):
    before = client.get("/api/stats").json()
    response = client.post("/paste", data={"text": ASTANA.read_text(encoding="utf-8"),
                                           "published": "2025-10-14"})
    assert response.status_code == 200
    assert "статья не сохранена" in response.text
    assert re.search(r'class="ent ent-PER[^"]*"[^>]*>Нурлан Сауранбаев<', response.text)
    assert "14 октября 2025 г." in response.text
    assert client.get("/api/stats").json() == before


def test_paste_explains_what_it_cannot_read(client):
    response = client.post("/paste", data={"text": "  ", "published": ""})
    assert response.status_code == 422
    assert "Не удалось разобрать" in response.text
    response = client.post("/paste", data={"text": "Текст", "published": "вчера"})
    assert response.status_code == 422


@pytest.mark.parametrize("url, status, words", [
    ("/articles/no-such-article", 404, "Такой статьи в корпусе нет"),
    ("/entities/no-such-entity", 404, "Такой сущности в корпусе нет"),
    ("/articles/no-such-article/entities/e1", 404, "Такой сущности в статье нет"),
    ("/no/such/page", 404, "Такой страницы нет"),
    ("/articles?page=0", 422, "Неверные параметры"),
    ("/search?q=порт&kind=tweet", 422, "Неверные параметры"),
])
def test_errors_are_pages_in_russian(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text and response.headers["content-type"].startswith("text/html")


def test_static_files_are_served_from_the_package(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and ".ent-PER" in css.text
    assert client.get("/static/app.js").status_code == 200
    html = get_page(client, "/")
    assert "https://" not in html and "http://" not in html


def test_templates_are_compiled_once_and_not_checked_for_changes_on_each_page(client,
                                                                              monkeypatch):
    """Jinja2's auto_reload stats every template of a page on every render; the server's
    templates change only with a new release, so a rendered page asks nothing of the disk."""
    import jinja2

    assert client.get("/articles").status_code == 200          # compiled here, once
    checked: list[str] = []
    monkeypatch.setattr(jinja2.Template, "is_up_to_date",
                        property(lambda template: checked.append(template.name) or True))
    page = client.get("/search", params={"q": "шаблоны компилируются однажды"})   # a new URL
    assert page.status_code == 200 and page.headers["x-svodka-cache"] == "miss"
    assert "<html" in page.text and checked == []
