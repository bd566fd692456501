"""Tone in the corpus: stored per mention, counted per month, filtered in the API, and shown
on the entity page and the article page of a real browser."""
from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from test_api import build_corpus
from test_web_browser import CHROMIUM, browser, page, serving, shoot  # noqa: F401  (fixtures)

CONVICTED = ("Суд признал Ивана Иванова виновным в мошенничестве.", "2025-11-20")
PRAISED = ("Президент поблагодарил Петра Петрова за успешную работу.", "2025-10-02")


@pytest.fixture(scope="module")
def toned_store(tmp_path_factory, models):
    store, ids = build_corpus(tmp_path_factory.mktemp("tone"), extra=[
        ("convicted.txt", *CONVICTED), ("praised.txt", *PRAISED)])
    yield store, ids
    store.close()


def entity_id(client, name: str) -> str:
    items = client.get("/api/entities", params={"name": name}).json()["items"]
    assert items, name
    return items[0]["id"]


@pytest.fixture(scope="module")
def client(toned_store):
    from svodka.api import create_app

    store, ids = toned_store
    with TestClient(create_app(store=store, today=lambda: date(2025, 11, 30)),
                    base_url="http://127.0.0.1") as client:
        yield client


def test_entity_tone_by_month_in_the_api(client):
    person = client.get(f"/api/entities/{entity_id(client, 'Иван Иванов')}").json()
    assert person["tone_by_month"] == [["2025-11", 1, 0, 1]]
    assert person["mentions_by_month"] == [["2025-11", 1]]
    praised = client.get(f"/api/entities/{entity_id(client, 'Петр Петров')}").json()
    assert praised["tone_by_month"] == [["2025-10", 1, 1, 0]]


def test_articles_filtered_by_an_entitys_tone(client, toned_store):
    _, ids = toned_store
    person = entity_id(client, "Иван Иванов")
    negative = client.get("/api/articles", params={"entity": person, "tone": -1}).json()
    assert [a["id"] for a in negative["items"]] == [ids["convicted.txt"]]
    assert client.get("/api/articles", params={"entity": person, "tone": 1}).json()["total"] == 0
    assert client.get("/api/articles", params={"tone": 2}).status_code == 422


def test_stored_record_keeps_mention_tone(client, toned_store):
    _, ids = toned_store
    record = client.get(f"/api/articles/{ids['convicted.txt']}").json()
    person = next(e for e in record["entities"] if e["name"] == "Иван Иванов")
    mention = person["mentions"][0]
    assert mention["tone"] == -1 and mention["tone_source"] == "author"
    assert mention["tone_evidence"]["text"] == "виновным"
    assert person["tone"] == {"positive": 0, "negative": 1, "neutral": 0, "summary": -1}


@pytest.fixture(scope="module")
def server(toned_store):
    from svodka.api import create_app

    store, ids = toned_store
    app = create_app(store=store, today=lambda: date(2025, 11, 30))
    with serving(app) as url:
        yield url, ids


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")
def test_entity_page_shows_tone_per_month_and_leads_to_the_mention(server, client, page,
                                                                   tmp_path):
    base, ids = server
    page.goto(f"{base}/entities/{entity_id(client, 'Иван Иванов')}")
    rows = page.locator("table#tone tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").all_inner_texts() == ["2025-11", "1", "0", "1"]
    shoot(page, tmp_path, "entity-tone")
    rows.first.locator("td.tone-neg a").click()
    page.wait_for_url("**/articles?entity=*tone=-1*")
    page.locator(f"a[href^='/articles/{ids['convicted.txt']}']").first.click()
    mention = page.locator("#text a.ent.tone-neg", has_text="Ивана Иванова").first
    assert mention.is_visible()
    assert mention.get_attribute("title") == \
        "персона: Иван Иванов · тон: отрицательный («виновным», автор)"
    assert page.problems == []


def test_a_store_from_before_tone_gains_its_columns(tmp_path, models):
    import svodka
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with open_store(url) as old:
        with old.engine.begin() as conn:   # back to the schema before tone (migration 5)
            conn.exec_driver_sql("ALTER TABLE mentions DROP COLUMN tone")
            conn.exec_driver_sql("ALTER TABLE entity_months DROP COLUMN positive")
            conn.exec_driver_sql("ALTER TABLE entity_months DROP COLUMN negative")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 5")
    with open_store(url) as upgraded:
        assert upgraded.schema_version >= 5
        article = svodka.extract(CONVICTED[0], CONVICTED[1])
        assert upgraded.add_article(article) == "stored"
        person = upgraded.find_entities("Иван Иванов")[0]
        assert upgraded.get_entity(person["id"])["tone_by_month"] == [["2025-11", 1, 0, 1]]
