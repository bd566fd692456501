"""In a real browser (Debian's chromium through Playwright): an analyst merges two entities
on an entity page, sees one person with both articles, and undoes it on the audit page."""
from __future__ import annotations


import pytest
from test_corrections import ARTICLES, ATTAL_BRIEFING, MACRON_SPEECH
from test_web_browser import CHROMIUM, browser, page, serving, shoot  # noqa: F401

from svodka.store import open_store

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")]


@pytest.fixture
def server(tmp_path):
    from svodka.api import create_app

    store = open_store(str(tmp_path / "corpus.db"))
    for article in ARTICLES:
        store.add_article(article)
    with serving(create_app(store=store)) as url:
        yield url, store
    store.close()


def test_an_analyst_merges_two_entities_on_a_page_and_undoes_it(server, page, tmp_path):
    base, store = server
    short = store.corpus_entity_id(ATTAL_BRIEFING.id, "e1")
    putin = store.corpus_entity_id(MACRON_SPEECH.id, "e1")
    page.goto(f"{base}/entities/{short}")
    assert page.locator("h1").inner_text().strip() == "Эмманюэль Макрон"
    page.locator("#fix summary", has_text="та же сущность").click()
    page.fill("#fix input[name=into]", "Эммануэль Макрон")
    page.fill("#fix form[action$='/merge'] input[name=why]", "другое написание")
    page.fill("#fix form[action$='/merge'] input[name=who]", "Ольга")
    page.click("#fix form[action$='/merge'] button")
    page.wait_for_url(f"**/entities/{putin}")
    shoot(page, tmp_path, "merged")
    assert page.locator("h1").inner_text().strip() == "Эммануэль Макрон"
    articles = page.locator("#articles ul.articles li a")
    assert sorted(articles.all_inner_texts()) == ["Атталь рассказал о планах президента",
                                                  "Макрон выступил в Сорбонне"]
    assert "Ольга" in page.locator("#fix ul.corrections").inner_text()

    page.goto(f"{base}/entities/{short}")          # the old address leads to the same person
    assert page.locator("h1").inner_text().strip() == "Эммануэль Макрон"

    page.goto(f"{base}/corrections")
    page.click("li#c1 button")
    page.wait_for_url("**/corrections")
    assert "отменено" in page.locator("li#c1").inner_text()
    page.goto(f"{base}/entities/{short}")
    assert page.locator("h1").inner_text().strip() == "Эмманюэль Макрон"
    assert page.problems == []
