"""The analyst's search list: every filter in the URL, sorting, totals, facets, numbered pages."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from fastapi.testclient import TestClient

FILLER = ("Заседание правительства продолжалось несколько часов, министры обсуждали планы "
          "ведомств на следующий год и поручения президента. ") * 30

ARTICLES = [
    ("http://www.ng.ru/economics/2017-04-18/1_budget.html",
     "Силуанов пообещал сократить дефицит\n\n"
     "Министр финансов Антон Силуанов выступил в Государственной думе. "
     "«Дефицит бюджета в следующем году сократится вдвое», — заявил Силуанов."),
    ("http://www.ng.ru/politics/2018-03-05/2_duma.html",
     "Депутаты обсудили налоги\n\n"
     "Председатель комитета Андрей Макаров раскритиковал проект. "
     "«Бюджет составлен без учёта регионов», — сказал Макаров журналистам."),
    ("https://russian.rt.comhttps://russian.rt.com/russia/article/1-budzhet",
     "Эксперты о планах правительства\n\n" + FILLER +
     "Экономист Сергей Гуриев отметил, что бюджет страны зависит от цен на нефть."),
]


@pytest.fixture(scope="module")
def bench(tmp_path_factory, models):
    import svodka
    from svodka.api import create_app
    from svodka.reading import Document
    from svodka.store import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('workbench') / 'w.db'}")
    for url, text in ARTICLES:
        article = svodka.extract_document(Document(text, "jsonl", url=url), models=models)
        assert store.add_article(article) == "stored"
    with TestClient(create_app(store=store, today=lambda: date(2025, 11, 30)),
                    base_url="http://127.0.0.1") as client:
        yield client
    store.close()


def search(client, **params) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_totals_and_facets_by_kind_source_and_month(bench):
    found = search(bench, q="бюджет")
    assert found["total"] == len(found["items"]) == 6   # 3 articles, 3 quotes
    facets = {name: {row["value"]: row["count"] for row in rows}
              for name, rows in found["facets"].items()}
    assert facets["kind"] == {"article": 3, "quote": 3}
    assert facets["source"] == {"ng.ru": 4, "russian.rt.com": 2}
    assert facets["month"] == {"2018-03": 2, "2017-04": 2, "": 2}


@pytest.mark.parametrize("params, expected", [
    ({"source": "russian.rt.com", "kind": "article"}, [("article", "Эксперты о планах правительства")]),
    ({"speaker": "Антон Силуанов"}, [("quote", "Силуанов пообещал сократить дефицит")]),
    ({"kind": "quote", "date_from": "2018"}, [("quote", "Депутаты обсудили налоги")]),
    ({"entity": "Андрей Макаров", "kind": "article"}, [("article", "Депутаты обсудили налоги")]),
    ({"date_to": "2017-12", "kind": "article"}, [("article", "Силуанов пообещал сократить дефицит")]),
])
def test_each_filter_narrows_the_list(bench, params, expected):
    found = search(bench, q="бюджет", **params)
    assert [(hit["kind"], hit["headline"]) for hit in found["items"]] == expected
    assert found["total"] == len(expected)


def test_sort_by_date_puts_the_newest_first_and_the_undated_last(bench):
    found = search(bench, q="бюджет", kind="article", sort="date")
    assert [hit["published"] for hit in found["items"]] == ["2018-03-05", "2017-04-18", None]


def test_snippets_are_centred_on_the_hit(bench):
    hit = search(bench, q="нефть", source="russian.rt.com", kind="article")["items"][0]
    assert "нефть" in hit["snippet"] and hit["snippet"].startswith("…")
    assert len(hit["snippet"]) < 250 and "Эксперты о планах" not in hit["snippet"]


def test_the_search_page_keeps_every_filter_in_its_links(bench, monkeypatch):
    from svodka.api import pages
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    response = bench.get("/search", params={"q": "бюджет", "source": "ng.ru", "sort": "date",
                                            "page": 1})
    html = response.text
    assert response.status_code == 200
    assert "Найдено: <strong>4</strong>" in html
    for name, value in [("speaker", ""), ("entity", ""), ("source", "ng.ru"), ("date_from", ""),
                        ("date_to", "")]:
        assert re.search(rf'name="{name}" value="{re.escape(value)}"', html), name
    assert '<option value="date" selected>' in html
    page_links = [unescape(href) for href in re.findall(r'<nav class="pager pages".*?</nav>', html,
                                                        re.S)[0].split('href="')[1:]]
    assert page_links[0].startswith("?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82&source=ng.ru"
                                    "&sort=date&page=2")
    assert '<strong aria-current="page">1</strong>' in html
    second = bench.get("/search" + page_links[0].split('"')[0]).text
    assert '<strong aria-current="page">2</strong>' in second
    month = re.search(r'href="(\?[^"]*date_from=2017-04[^"]*)"', html)
    assert month and "date_to=2017-04" in unescape(month.group(1))


def test_the_search_page_refuses_a_malformed_date(bench):
    assert bench.get("/search", params={"q": "бюджет", "date_from": "вчера"}).status_code == 422
