"""A real browser (Debian's chromium through Playwright) reads the corpus the way an analyst does.

Screenshots of every page land in the test's tmp directory, and also in
``$SVODKA_SCREENSHOTS`` when that is set, to look at by eye.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from test_api import ASTANA, build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app):
    """The app under uvicorn on a free loopback port, in a thread, for as long as the block runs."""
    import uvicorn

    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory, models):
    from svodka.api import create_app

    if not SAMPLE.exists():
        pytest.skip("the shared sample article is not here")
    store, ids = build_corpus(tmp_path_factory.mktemp("browser"))
    app = create_app(store=store, today=lambda: date(2025, 11, 30))
    with serving(app) as url:
        yield url, ids
    store.close()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.problems = problems
    yield page
    context.close()


def shoot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if copy_to := os.environ.get("SVODKA_SCREENSHOTS"):
        Path(copy_to).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(copy_to) / path.name)


def test_from_a_search_to_the_speaker_and_back(server, page, tmp_path):
    base, ids = server
    page.goto(base + "/")
    shoot(page, tmp_path, "home")
    page.fill(".site-header input[name=q]", "посла")
    page.press(".site-header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    shoot(page, tmp_path, "search")
    page.click(f"a.hit-title[href^='/articles/{ids[str(SAMPLE)]}']")
    page.wait_for_url(f"**/articles/{ids[str(SAMPLE)]}*")
    assert page.locator("mark#hit").is_visible()

    person = page.locator("#text a.ent.ent-PER", has_text="Романа Василенко").first
    assert person.is_visible()
    # the title goes on with the mention's tone when it has one (docs/tone.md)
    assert person.get_attribute("title").startswith("персона: Роман Василенко")
    quote = page.locator("#text span.quote", has_text="Казахстан стал первой страной").first
    assert "Роман Василенко" in quote.get_attribute("title")
    amount = page.locator("#text span.amount", has_text="50 миллиардам").first
    assert amount.get_attribute("title").startswith("около 50")
    shoot(page, tmp_path, "article")

    page.locator("#text a.speaker-tag", has_text="Роман Василенко").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().strip() == "Роман Василенко"
    assert page.locator("svg.chart rect.bar").count() >= 1
    shoot(page, tmp_path, "entity")

    page.locator("#quotes blockquote a").first.click()
    page.wait_for_url(f"**/articles/{ids[str(SAMPLE)]}#q*")
    anchor = page.url.split("#")[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    page.go_back()
    page.wait_for_url("**/entities/*")
    assert "Роман Василенко" in page.title()
    assert page.problems == []


def test_the_side_panel_jumps_to_each_fact(server, page, tmp_path):
    base, ids = server
    page.goto(f"{base}/articles/{ids[str(SAMPLE)]}")
    jumps = page.locator("aside.facts a.jump")
    assert jumps.count() >= 5
    jumps.first.click()
    target = page.url.split("#")[1]
    assert page.locator(f"[id='{target}']").is_visible()
    assert page.problems == []


def test_pasting_an_article_shows_its_facts(server, page, tmp_path):
    base, _ = server
    page.goto(base + "/paste")
    page.fill("textarea[name=text]", ASTANA.read_text(encoding="utf-8"))
    page.fill("input[name=published]", "2025-10-14")
    page.click("form.paste button")
    page.wait_for_selector("#text")
    assert "не сохранена" in page.locator(".notice").inner_text()
    assert page.locator("#text a.ent.ent-PER", has_text="Нурлан Сауранбаев").count() >= 1
    shoot(page, tmp_path, "paste")
    assert page.problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_scrolls_sideways_and_every_filter_is_reachable(server, browser, tmp_path, width):
    base, ids = server
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="ru-RU")
    page = context.new_page()
    article = f"/articles/{ids[str(SAMPLE)]}"
    search = "/search?q=посла&kind=quote&sort=date&date_from=2025"
    pages = {"home": "/", "search": search, "article": article, "articles": "/articles",
             "quotes": "/quotes", "paste": "/paste",
             "said": "/said?who=Сауранбаев&about=Казахстан"}
    page.goto(base + article)
    pages["entity"] = page.locator("#text a.speaker-tag").first.get_attribute("href")
    for name, path in pages.items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        shoot(page, tmp_path, f"{name}-{width}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width} px is {wide} px wide"
        if name == "search":
            for control in ("q", "kind", "speaker", "entity", "source", "date_from", "date_to",
                            "quote_kind", "entity_type", "sort"):
                box = page.locator(f"main form [name={control}]").bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, control
    # a speaker's name with no place to break it must not widen the page either
    page.goto(base + article)
    page.evaluate("""() => { const tag = document.querySelector('#text a.speaker-tag');
                            tag.textContent = 'Аааааааааааааааааааааааааааааааааааааааааааааааааааа'
                              + 'ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа'; }""")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"an article with a long speaker tag at {width} px is {wide} px wide"
    context.close()
