"""The analyst's search list: every filter in the URL, sorting, totals, facets, numbered pages."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from fastapi.testclient import TestClient

from pg import postgres_server, postgres_url, store_url  # noqa: F401

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
    ("http://www.ng.ru/economics/2018-03-12/3_otvet.html",
     "Министр ответил депутатам\n\n"
     "Антон Силуанов ответил на критику в Государственной думе. "
     "«Андрей Макаров не прав: налоги в этом году снижаются», — сказал Силуанов."),
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
    assert facets["quote_kind"] == {"direct": 2, "indirect": 1}
    # every hit's article names a person; one (the Duma's) also an organization
    assert facets["entity_type"] == {"PER": 6, "ORG": 2}


def test_a_store_from_before_the_facet_table_gets_it_when_opened_and_lists_the_same(bench,
                                                                                    tmp_path):
    """Migration 9 fills search_facets (the narrow table the list filters and counts by)
    from the units, articles and quotes: an older store lists exactly what a new one does."""
    import sqlite3

    from svodka.store import open_store
    from svodka.store.listing import SearchFilters

    store = bench.app.state.store
    copy = tmp_path / "before.db"
    with store.engine.connect() as conn:
        target = sqlite3.connect(copy)
        conn.connection.driver_connection.backup(target)
        target.close()
    views = [(SearchFilters(), "relevance"),
             (SearchFilters(kind="quote", quote_kind="direct"), "date"),
             (SearchFilters(source="ng.ru", entity_type="ORG"), "relevance"),
             (SearchFilters(date_from="2018"), "date")]
    expected = [store.search_list("бюджет", filters, sort) for filters, sort in views]
    assert [found["total"] for found in expected] == [6, 2, 2, 2]
    with open_store(f"sqlite:///{copy}") as old, old.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE search_facets")
        conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 9")
    with open_store(f"sqlite:///{copy}") as upgraded:
        assert upgraded.schema_version >= 9
        assert [upgraded.search_list("бюджет", filters, sort) for filters, sort in views] \
            == expected


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


def test_every_facet_is_a_link_that_applies_its_filter(bench):
    """Each facet value (kind, source, month, quote kind, entity type) links to the list it
    counts: following it shows exactly that many hits, with the other filters kept."""
    facets = search(bench, q="бюджет", source="ng.ru")["facets"]
    html = bench.get("/search", params={"q": "бюджет", "source": "ng.ru"}).text
    followed = 0
    for name, rows in facets.items():
        block = re.search(rf'<div class="facet facet-{name}">(.*?)</div>', html, re.S).group(1)
        links = [unescape(href) for href in re.findall(r'href="([^"]*)"', block)]
        for row in rows:
            if not row["value"]:        # undated / no source: counted, nothing to filter by
                continue
            link = next(href for href in links if f"={row['value']}" in href)
            assert "source=ng.ru" in link, (name, link)
            page = bench.get("/search" + link)
            assert page.status_code == 200
            assert f"Найдено: <strong>{row['count']}</strong>" in page.text, (name, row)
            followed += 1
    assert {"quote_kind", "entity_type"} <= {name for name, rows in facets.items() if rows}
    assert followed >= 6


@pytest.mark.parametrize("params, expected", [
    ({"quote_kind": "indirect"}, [("quote", "Эксперты о планах правительства")]),
    ({"quote_kind": "direct", "source": "ng.ru"}, [("quote", "Силуанов пообещал сократить дефицит"),
                                                   ("quote", "Депутаты обсудили налоги")]),
    # «Государственной думе»: the one article with a "бюджет" hit that names an organization
    ({"entity_type": "ORG", "kind": "article"}, [("article", "Силуанов пообещал сократить дефицит")]),
])
def test_quote_kind_and_entity_type_narrow_the_list(bench, params, expected):
    found = search(bench, q="бюджет", **params)
    assert sorted((hit["kind"], hit["headline"]) for hit in found["items"]) == sorted(expected)
    assert found["total"] == len(expected)


def test_what_x_said_about_y_is_a_page_asked_by_names_in_any_case(bench):
    page = bench.get("/said", params={"who": "Силуанова", "about": "Макарове"})
    assert page.status_code == 200
    said = re.search(r'<section class="card" id="said">(.*?)</section>', page.text, re.S).group(1)
    heard = re.search(r'<section class="card" id="heard">(.*?)</section>', page.text, re.S).group(1)
    assert "Андрей Макаров не прав: налоги в этом году снижаются" in said
    assert "Таких цитат нет." in heard          # Макаров's quote names no Силуанов
    both = re.search(r'<section class="card" id="articles">(.*?)</section>', page.text, re.S)
    assert "Министр ответил депутатам" in both.group(1)
    # the search list for his quotes links to the page
    listed = bench.get("/search", params={"q": "Макаров", "speaker": "Силуанов"}).text
    assert 'href="/said?who=%D0%A1%D0%B8%D0%BB%D1%83%D0%B0%D0%BD%D0%BE%D0%B2&amp;about=' in listed


def test_the_said_page_asks_for_names_and_says_which_it_cannot_find(bench):
    form = bench.get("/said")
    assert form.status_code == 200 and 'name="who"' in form.text and 'name="about"' in form.text
    unknown = bench.get("/said", params={"who": "Силуанов", "about": "Навуходоносор"})
    assert unknown.status_code == 404 and "«Навуходоносор» в корпусе не найдено." in unknown.text


def test_the_search_page_refuses_a_malformed_date(bench):
    assert bench.get("/search", params={"q": "бюджет", "date_from": "вчера"}).status_code == 422


def exported_tables(store, tmp_path) -> dict[str, list[dict]]:
    """What ``svodka export --format csv`` writes, read back table by table."""
    import csv

    from svodka.export import export_tables
    written = export_tables(store, tmp_path / "export", "csv")
    return {name: list(csv.DictReader(open(path, encoding="utf-8")))
            for name, (path, _) in written.items()}


def test_an_entitys_quotes_download_as_the_exports_rows(bench, tmp_path):
    import csv
    import io

    found = search(bench, q="бюджет", speaker="Антон Силуанов")["items"]
    speaker_id = found[0]["speaker_id"]
    response = bench.get(f"/export/entities/{speaker_id}/quotes.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(row["text"] for row in rows) == [
        "Андрей Макаров не прав: налоги в этом году снижаются",
        "Дефицит бюджета в следующем году сократится вдвое"]
    store = bench.app.state.store
    expected = [row for row in exported_tables(store, tmp_path)["quotes"]
                if row["speaker_id"] == speaker_id]
    assert rows == expected
    as_json = bench.get(f"/export/entities/{speaker_id}/quotes.json").json()
    assert [row["speaker_name"] for row in as_json] == ["Антон Силуанов"] * 2
    assert bench.get("/export/entities/nobody/quotes.csv").status_code == 404


def test_an_articles_facts_download_as_the_exports_rows(bench, tmp_path):
    article_id = search(bench, q="бюджет", speaker="Андрей Макаров")["items"][0]["article_id"]
    facts = bench.get(f"/export/articles/{article_id}/facts.json").json()
    tables = exported_tables(bench.app.state.store, tmp_path)
    for name in ("mentions", "quotes", "amounts", "dates"):
        mine = [{k: v for k, v in row.items() if k in tables[name][0]} for row in facts
                if row["table"] == name]
        theirs = [row for row in tables[name] if row["article_id"] == article_id]
        assert [{k: str(v) if v is not None else "" for k, v in row.items()} for row in mine] \
            == theirs, name
    assert {"mentions", "quotes"} <= {row["table"] for row in facts}
    page = bench.get(f"/articles/{article_id}").text
    assert f'href="/export/articles/{article_id}/facts.csv"' in page


def test_search_results_download_with_the_pages_filters(bench):
    import csv
    import io

    page = bench.get("/search", params={"q": "бюджет", "source": "ng.ru", "sort": "date"}).text
    link = unescape(re.search(r'href="(/export/search\.csv\?[^"]+)"', page).group(1))
    rows = list(csv.DictReader(io.StringIO(bench.get(link).text)))
    listed = search(bench, q="бюджет", source="ng.ru", sort="date")["items"]
    assert [(row["kind"], row["article_id"], int(row["start"])) for row in rows] \
        == [(hit["kind"], hit["article_id"], hit["start"]) for hit in listed]
    assert len(rows) == 4


def entity_id(client, name: str) -> str:
    found = client.get("/api/entities", params={"name": name}).json()["items"]
    return next(item["id"] for item in found if item["name"] == name)


def test_timeline_counts_mentions_and_quotes_per_period_and_the_undated_apart(bench):
    makarov = entity_id(bench, "Андрей Макаров")
    by_month = bench.get(f"/api/entities/{makarov}/timeline").json()
    tones = [m.get("tone") for article in bench.get(f"/api/entities/{makarov}").json()["articles"]
             for record in [bench.get(f"/api/articles/{article['id']}").json()]
             for e in record["entities"]
             if record["corpus_entity_ids"].get(e["id"]) == makarov for m in e["mentions"]]
    # the tone of each mention, as the article records hold it: three names and the title
    # «Председатель комитета» written next to the first
    assert len(tones) == 4
    assert by_month["points"] == [{"period": "2018-03", "mentions": 4,
                                   "positive": sum(t == 1 for t in tones),
                                   "negative": sum(t == -1 for t in tones), "quotes": 1}]
    assert by_month["undated"] == {"mentions": 0, "positive": 0, "negative": 0, "quotes": 0}
    by_week = bench.get(f"/api/entities/{makarov}/timeline", params={"period": "week"}).json()
    assert [(p["period"], p["mentions"], p["quotes"]) for p in by_week["points"]] \
        == [("2018-W10", 3, 1), ("2018-W11", 1, 0)]
    guriev = entity_id(bench, "Сергей Гуриев")
    undated = bench.get(f"/api/entities/{guriev}/timeline").json()
    assert undated["points"] == [] and undated["undated"]["quotes"] == 1
    page = bench.get(f"/entities/{makarov}/company", params={"period": "day"}).text
    assert "<td>2018-03-05</td>" in page and "<td>2018-03-12</td>" in page


def test_who_appears_with_whom_and_what_one_said_about_the_other(bench):
    siluanov = entity_id(bench, "Антон Силуанов")
    company = bench.get(f"/api/entities/{siluanov}/company").json()["items"]
    duma = next(item for item in company if item["name"] == "Государственная дума")
    assert duma["articles"] == 2
    makarov = next(item for item in company if item["name"] == "Андрей Макаров")
    assert makarov["articles"] == 1
    page = bench.get(f"/entities/{siluanov}/company").text
    assert f'href="/entities/{siluanov}/with/{duma["id"]}"' in page
    met = bench.get(f"/api/entities/{siluanov}/with/{duma['id']}").json()
    assert [a["headline"] for a in met["articles"]] == ["Министр ответил депутатам",
                                                        "Силуанов пообещал сократить дефицит"]
    assert met["said"] == [] and met["heard"] == []       # he spoke in the Duma, not of it
    said = bench.get(f"/api/entities/{siluanov}/with/{makarov['id']}").json()
    assert [q["text"] for q in said["said"]] == ["Андрей Макаров не прав: налоги в этом году снижаются"]
    assert said["heard"] == []    # Макаров's quote on the budget names no Силуанов
    page = bench.get(f"/entities/{siluanov}/with/{makarov['id']}").text
    assert "Андрей Макаров не прав" in page
    about_self = bench.get(f"/entities/{siluanov}/with/{duma['id']}")
    assert about_self.status_code == 200 and "Таких цитат нет." in about_self.text
    assert bench.get(f"/entities/{siluanov}/with/nobody").status_code == 404


def test_an_older_store_gains_the_source_and_entity_type_columns_filled(tmp_path, models):
    """Migration 8 on a store made before it: the columns the facets read are filled from
    the records and the article's entities, the same values an ingest writes."""
    import sqlite3

    import svodka
    from svodka.reading import Document
    from svodka.store import open_store
    from svodka.store.listing import SearchFilters

    path = tmp_path / "old.db"
    with open_store(f"sqlite:///{path}") as store:
        for url, text in ARTICLES[:2]:
            store.add_article(svodka.extract_document(Document(text, "jsonl", url=url),
                                                      models=models))
    with sqlite3.connect(path) as db:
        written = db.execute("SELECT id, source, entity_types FROM articles ORDER BY id").fetchall()
        assert {row[1] for row in written} == {"ng.ru"}
        assert all(" PER " in row[2] for row in written)
        db.execute("DROP INDEX ix_articles_source")
        db.execute("ALTER TABLE articles DROP COLUMN source")
        db.execute("ALTER TABLE articles DROP COLUMN entity_types")
        db.execute("DELETE FROM schema_version WHERE version >= 8")
    with open_store(f"sqlite:///{path}") as upgraded:
        assert upgraded.schema_version >= 8
        found = upgraded.search_list("бюджет", SearchFilters(entity_type="PER"))
        assert found["total"] == 4 and {f["value"] for f in found["facets"]["source"]} == {"ng.ru"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id, source, entity_types FROM articles ORDER BY id"
                          ).fetchall() == written


def test_the_list_its_facets_and_filters_agree_on_sqlite_and_postgresql(store_url, models):
    import svodka
    from svodka.reading import Document
    from svodka.store import open_store
    from svodka.store.listing import SearchFilters

    with open_store(store_url) as store:
        for url, text in ARTICLES:
            store.add_article(svodka.extract_document(Document(text, "jsonl", url=url),
                                                      models=models))
        found = store.search_list("бюджет")
        facets = {name: {row["value"]: row["count"] for row in rows}
                  for name, rows in found["facets"].items()}
        assert found["total"] == 6 and facets["kind"] == {"article": 3, "quote": 3}
        assert facets["source"] == {"ng.ru": 4, "russian.rt.com": 2}
        assert facets["month"] == {"2018-03": 2, "2017-04": 2, "": 2}
        assert facets["quote_kind"] == {"direct": 2, "indirect": 1}
        assert facets["entity_type"] == {"PER": 6, "ORG": 2}
        narrowed = store.search_list("бюджет", SearchFilters(entity_type="ORG",
                                                             quote_kind="direct"))
        assert [hit["text"] for hit in narrowed["items"]] == [
            "Дефицит бюджета в следующем году сократится вдвое"]


@pytest.mark.parametrize("q, filters, expected_total", [
    ("бюджет", {}, 6),
    ("бюджет", {"kind": "quote"}, 3),
    ("бюджет", {"date_from": "2018"}, 2),
    ("бюджет", {"entity": "Андрей Макаров"}, 2),
    ("бюджет", {"speaker": "Антон Силуанов"}, 1),
])
def test_the_lists_pages_in_turn_are_the_plain_searchs_hits_in_its_order(bench, q, filters,
                                                                        expected_total):
    """The list finds its page, total and facets in one written-out statement; the plain
    search ranks with FTS5 alone (or its own query when filtered): page after page of two
    hits, the list gives exactly the plain search's hits, in its order."""
    from svodka.store.listing import SearchFilters

    store = bench.app.state.store
    plain = store.search(q, limit=100, **filters)
    assert len(plain) == expected_total
    pages = [store.search_list(q, SearchFilters(**filters), offset=offset, limit=2)
             for offset in range(0, expected_total + 2, 2)]
    assert [hit for page in pages for hit in page["items"]] == plain
    assert {page["total"] for page in pages} == {expected_total}


def test_the_lists_pages_sorted_by_date_in_turn_are_its_one_long_page(bench):
    """A page is cut from the hits in the list's order (ORDER BY … LIMIT/OFFSET): pages of
    two, newest first and the undated last, join into the one long page, and the page past
    the end is empty."""
    from svodka.store.listing import SearchFilters

    store = bench.app.state.store
    whole = store.search_list("бюджет", SearchFilters(), sort="date", offset=0, limit=100)
    assert whole["total"] == 6 and len(whole["items"]) == 6
    dated = [hit["published"] for hit in whole["items"] if hit["published"]]
    assert dated == sorted(dated, reverse=True) and len(dated) == 4
    assert [hit["published"] for hit in whole["items"][4:]] == [None, None]
    pages = [store.search_list("бюджет", SearchFilters(), sort="date", offset=offset, limit=2)
             for offset in (0, 2, 4, 6)]
    assert [hit for page in pages for hit in page["items"]] == whole["items"]
    assert pages[-1]["items"] == [] and pages[-1]["total"] == 6


def test_an_entitys_articles_come_from_covering_indexes_also_in_an_older_store(bench,
                                                                               tmp_path):
    """Migration 10: an entity's articles are read from (entity, article) index pairs, not a
    row lookup per mention; a store from before gets the indexes when opened, and its entity
    page lists the same."""
    import sqlite3

    from svodka.store import open_store
    from svodka.store.read import entity_articles

    store = bench.app.state.store
    makarov = store.find_entities("Андрей Макаров")[0]["id"]
    expected = store.get_entity(makarov)
    assert expected["n_articles"] == 2 and len(expected["articles"]) == 2
    copy = tmp_path / "before10.db"
    with store.engine.connect() as conn:
        target = sqlite3.connect(copy)
        conn.connection.driver_connection.backup(target)
        target.close()
    with sqlite3.connect(copy) as db:
        db.execute("DROP INDEX ix_mentions_entity_article")
        db.execute("DROP INDEX ix_quotes_speaker_article")
        db.execute("DELETE FROM schema_version WHERE version >= 10")
    with open_store(f"sqlite:///{copy}") as upgraded:
        assert upgraded.schema_version >= 10
        assert upgraded.get_entity(makarov) == expected
        with upgraded.engine.connect() as conn:
            linked = entity_articles([makarov]).compile(compile_kwargs={"literal_binds": True})
            plan = " ".join(row[-1] for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {linked}"))
    assert "COVERING INDEX ix_mentions_entity_article" in plan
    assert "COVERING INDEX ix_quotes_speaker_article" in plan
