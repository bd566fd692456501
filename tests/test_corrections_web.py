"""Corrections through the JSON API and the analyst's pages (TestClient): made, seen on the
next read, undone; refused from other sites, and escaped wherever they are shown."""
from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from test_corrections import ARTICLES, ATTAL_BRIEFING, MACRON_SPEECH, TRUMP_PARIS

from svodka.api import create_app
from svodka.store import open_store

HOST = "http://127.0.0.1"
SAME_SITE = {"origin": HOST}


@pytest.fixture
def site(tmp_path):
    store = open_store(str(tmp_path / "corpus.db"))
    for article in ARTICLES:
        store.add_article(article)
    with TestClient(create_app(store=store), base_url=HOST, follow_redirects=False) as client:
        yield client, store
    store.close()


def entity_ids(store) -> dict[str, str]:
    return {"putin": store.corpus_entity_id(MACRON_SPEECH.id, "e1"),
            "short": store.corpus_entity_id(ATTAL_BRIEFING.id, "e1"),
            "peskov": store.corpus_entity_id(ATTAL_BRIEFING.id, "e2"),
            "trump": store.corpus_entity_id(TRUMP_PARIS.id, "e1")}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_api_merges_reassigns_lists_and_undoes(site):
    client, store = site
    e = entity_ids(store)
    made = client.post(f"/api/entities/{e['short']}/merge",
                       json={"into": e["putin"], "who": "olga", "why": "тот же человек"})
    assert made.status_code == 201, made.text
    assert made.json()["kind"] == "merge" and made.json()["who"] == "olga"
    merged = client.get(f"/api/entities/{e['short']}").json()
    assert (merged["id"], merged["n_articles"]) == (e["putin"], 2)

    said = client.post(f"/api/articles/{ATTAL_BRIEFING.id}/quotes/0/speaker",
                       json={"speaker": e["peskov"], "why": "сообщил Атталь"})
    assert said.status_code == 201 and said.json()["who"] == "api"
    record = client.get(f"/api/articles/{ATTAL_BRIEFING.id}").json()
    assert record["quotes"][0]["speaker_name"] == "Габриэль Атталь"
    assert record["corpus_entity_ids"]["e1"] == e["putin"]
    assert [q["speaker_name"] for q in client.get("/api/quotes?speaker=Атталь").json()["items"]] == [
        "Габриэль Атталь"]

    start = TRUMP_PARIS.text.index("Мелания")
    split = client.post(f"/api/entities/{e['trump']}/split", json={
        "mentions": [f"{TRUMP_PARIS.id}:{start}-{start + 13}"], "name": "Мелания Трамп"})
    assert split.status_code == 201, split.text
    renamed = client.post(f"/api/entities/{e['putin']}/rename",
                          json={"name": "Эммануэль Жан-Мишель Фредерик Макрон"})
    assert renamed.status_code == 201
    log = client.get("/api/corrections").json()["items"]
    assert [c["kind"] for c in log] == ["rename", "split", "reassign", "merge"]
    assert [c["kind"] for c in client.get(f"/api/corrections?entity={e['peskov']}")
            .json()["items"]] == ["reassign"]

    undone = client.post(f"/api/corrections/{made.json()['id']}/undo", json={"who": "ivan"})
    assert undone.status_code == 200 and undone.json()["undone_by"] == "ivan"
    assert client.get(f"/api/entities/{e['short']}").json()["id"] == e["short"]
    again = client.post(f"/api/corrections/{made.json()['id']}/undo", json={})
    assert again.status_code == 422 and "already undone" in again.json()["detail"]


def test_the_api_refuses_what_makes_no_sense_and_other_sites(site):
    client, store = site
    e = entity_ids(store)
    url = f"/api/entities/{e['short']}/merge"
    assert client.post(url, json={"into": e["short"]}).status_code == 422
    assert client.post(url, json={"into": "per-0000000000"}).status_code == 422
    assert client.post(url, json={"into": e["putin"]},
                       headers={"origin": "https://evil.example"}).status_code == 403
    as_form = client.post(url, data={"into": e["putin"]})            # a cross-site form's shape
    assert as_form.status_code == 415
    assert client.get("/api/corrections").json()["items"] == []
    assert client.get(url).status_code == 405


def test_an_entity_page_merges_and_renames_and_shows_the_log(site):
    client, store = site
    e = entity_ids(store)
    page = client.get(f"/entities/{e['short']}").text
    assert f'action="/entities/{e["short"]}/merge"' in page and 'method="post"' in page
    moved = client.post(f"/entities/{e['short']}/merge", headers=SAME_SITE,
                        data={"into": "Эммануэль Макрон", "who": "olga", "why": "тот же"})
    assert moved.status_code == 303 and moved.headers["location"] == f"/entities/{e['putin']}"
    page = text_of(client.get(moved.headers["location"]).text)
    assert "2 статьи" in page and "объединение" in page and "olga" in page

    evil = '<script>alert(1)</script> Эмманюэль Макрон'
    renamed = client.post(f"/entities/{e['putin']}/rename", headers={"referer": HOST + "/"},
                          data={"name": evil})
    assert renamed.status_code == 303
    html = client.get(f"/entities/{e['putin']}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Эмманюэль Макрон" in html
    audit = client.get("/corrections").text
    assert "<script>alert" not in audit and audit.count('action="/corrections/') == 2

    undo = client.post("/corrections/2/undo", headers=SAME_SITE, data={"who": "ivan"})
    assert undo.status_code == 303 and undo.headers["location"] == "/corrections"
    assert store.get_entity(e["putin"])["name"] == "Эммануэль Макрон"


def test_an_article_page_reassigns_a_speaker_and_splits_mentions(site):
    client, store = site
    e = entity_ids(store)
    page = client.get(f"/articles/{ATTAL_BRIEFING.id}").text
    assert f'<option value="{e["peskov"]}">Габриэль Атталь</option>' in page
    done = client.post(f"/articles/{ATTAL_BRIEFING.id}/speaker", headers=SAME_SITE,
                       data={"quote": "0", "speaker": e["peskov"], "why": "сообщил Атталь"})
    assert done.status_code == 303
    assert "— Габриэль Атталь" in text_of(client.get(done.headers["location"]).text)
    nobody = client.post(f"/articles/{ATTAL_BRIEFING.id}/speaker", headers=SAME_SITE,
                         data={"quote": "0", "speaker": ""})
    assert nobody.status_code == 303
    assert store.get_article(ATTAL_BRIEFING.id).quotes[0].speaker is None

    page = client.get(f"/articles/{TRUMP_PARIS.id}").text
    assert 'name="mention" value="1"> Мелания Трамп' in page
    split = client.post(f"/articles/{TRUMP_PARIS.id}/split", headers=SAME_SITE,
                        data={"mention": ["1"], "name": "Мелания Трамп"})
    assert split.status_code == 303
    assert store.find_entities("Мелания")[0]["n_mentions"] == 1
    mixed = client.post(f"/articles/{TRUMP_PARIS.id}/split", headers=SAME_SITE,
                        data={"mention": ["0", "2"], "name": "Кто-то"})
    assert mixed.status_code == 422 and "разным сущностям" in mixed.text


def test_forms_are_refused_from_other_sites_and_without_origin(site):
    client, store = site
    e = entity_ids(store)
    url = f"/entities/{e['short']}/merge"
    for headers in ({}, {"origin": "https://evil.example"},
                    {"referer": "https://evil.example/page"}):
        refused = client.post(url, headers=headers, data={"into": e["putin"]})
        assert refused.status_code == 403 and "этого сервера" in refused.text
    assert store.corrections() == []


def test_an_article_whose_id_holds_slashes_is_corrected_on_its_page(site):
    from test_store import news

    client, store = site
    slashed = news(
        "Лавров прокомментировал переговоры\n\n"
        "Министр иностранных дел Сергей Лавров ответил на вопросы журналистов в Москве. "
        "«Мы готовы к диалогу без предварительных условий», — передаёт агентство.",
        entities=[("e1", "PER", "Сергей Лавров", [], [], ["Сергей Лавров"]),
                  ("e2", "LOC", "Москва", [], [], ["Москве"])],
        quotes=[("Мы готовы к диалогу без предварительных условий", "e2", "передаёт")])
    slashed.id = "rt/2024/11/peskov"
    assert store.add_article(slashed) == "stored"
    lavrov = store.corpus_entity_id(slashed.id, "e1")
    page = client.get("/articles/rt%2F2024%2F11%2Fpeskov").text
    assert 'action="/articles/rt%2F2024%2F11%2Fpeskov/speaker"' in page
    done = client.post("/articles/rt%2F2024%2F11%2Fpeskov/speaker", headers=SAME_SITE,
                       data={"quote": "0", "speaker": lavrov, "why": "Москва не говорит"})
    assert done.status_code == 303
    assert done.headers["location"] == "/articles/rt%2F2024%2F11%2Fpeskov"
    assert store.get_article(slashed.id).quotes[0].speaker_name == "Сергей Лавров"


def test_the_article_page_reads_in_one_go_what_three_calls_read(site):
    """Store.article_for_page (one connection) gives the record, the corpus ids and the
    mentions exactly as get_article, corpus_entity_ids and mentions do, before and after a
    split moves a mention to a new entity ("x1")."""
    client, store = site
    e = entity_ids(store)

    def apart():
        return (store.get_article(TRUMP_PARIS.id), store.corpus_entity_ids(TRUMP_PARIS.id),
                store.mentions(TRUMP_PARIS.id))

    before = store.article_for_page(TRUMP_PARIS.id)
    assert before == apart() and before[1]["e1"] == e["trump"] and before[2]
    start = TRUMP_PARIS.text.index("Мелания")
    assert client.post(f"/api/entities/{e['trump']}/split", json={
        "mentions": [f"{TRUMP_PARIS.id}:{start}-{start + 13}"],
        "name": "Мелания Трамп"}).status_code == 201
    after = store.article_for_page(TRUMP_PARIS.id)
    assert after == apart() and after != before
    assert "Мелания Трамп" in {entity.name for entity in after[0].entities}
    assert store.article_for_page("no-such-article") == (None, {}, [])
