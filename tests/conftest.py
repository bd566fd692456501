"""Shared fixtures: models load once per test session; ../shared is optional."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "kazakhstan-eu.txt"
EXAMPLES = ROOT / "examples"


def needs_shared(path: Path = SHARED):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not here")


@pytest.fixture(scope="session")
def models():
    from svodka.analysis import load_models
    return load_models()


@pytest.fixture(scope="session")
def extract(models):
    """``svodka.extract`` with the session's models: text in, article out."""
    import svodka

    def run(text: str):
        return svodka.extract(text, models=models)
    return run


def entity_names(article, type_: str) -> list[str]:
    return [e.name for e in article.entities if e.type == type_]


@pytest.fixture(scope="session")
def sample_text() -> str:
    if not SAMPLE.exists():
        pytest.skip("the shared sample article is not here")
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_article(sample_text, models):
    import svodka
    return svodka.extract(sample_text)


def assert_spans_valid(article) -> None:
    """Every span of a record indexes its text exactly (the contract's first rule)."""
    text = article.text
    spans = []
    if article.headline:
        spans.append((article.headline.start, article.headline.end, article.headline.text))
    spans += [(c.start, c.end, c.text) for c in article.credits]
    spans += [(m.start, m.end, m.text) for e in article.entities for m in e.mentions]
    spans += [(q.start, q.end, q.text) for q in article.quotes]
    spans += [(a.start, a.end, a.text) for a in article.amounts]
    spans += [(d.start, d.end, d.text) for d in article.dates]
    for start, end, span_text in spans:
        assert 0 <= start <= end <= len(text), (start, end, span_text)
        assert text[start:end] == span_text, (start, end, span_text, text[start:end])
    for p in article.paragraphs:
        assert 0 <= p.start <= p.end <= len(text)
    if article.dateline:
        assert 0 <= article.dateline.start <= article.dateline.end <= len(text)


def extracted_quotes(text: str):
    """The record of ``text`` (its spans checked) and its quotes as (text, kind, speaker_name)."""
    import svodka

    article = svodka.extract(text)
    assert_spans_valid(article)
    return article, [(q.text, q.kind, q.speaker_name) for q in article.quotes]


def assert_quotes(text: str, expected) -> None:
    """The quotes of ``text`` are ``expected``'s (text, kind) in order; each speaker_name holds
    the expected part of a name (None: no speaker) and is its entity's canonical name."""
    article, found = extracted_quotes(text)
    assert [(t, k) for t, k, _ in found] == [(t, k) for t, k, _ in expected], found
    for (_, _, name), (_, _, part) in zip(found, expected):
        if part is None:
            assert name is None, found
        else:
            assert name is not None and part in name, found
    for quote in article.quotes:
        if quote.speaker is not None:
            assert article.entity(quote.speaker).name == quote.speaker_name


def referring_links(article) -> dict[str, list[str]]:
    """Referring words (titles, descriptions, pronouns) → names of the entities holding them."""
    found: dict[str, list[str]] = {}
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.kind != "name":
                found.setdefault(mention.text, []).append(entity.name)
    return found


def assert_links(text: str, linked: dict[str, str], unlinked: set[str], models):
    """The resolver's table tests: each of ``linked``'s words joins exactly that entity, none
    of ``unlinked``'s joins any — and the names a link would join were found (so a resolver
    that finds nothing fails the negative cases too)."""
    import svodka

    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    found = referring_links(article)
    for words, name in linked.items():
        # every occurrence of the words joins that entity ("Президент США" twice: both Буш)
        assert found.get(words) and set(found[words]) == {name}, found
    for words in unlinked:
        assert words not in found, found
    assert any(entity.mentions for entity in article.entities), "no names were found"
    return article


# two ng.ru articles whose URLs carry their dates: the kept-answer tests' store
# (test_page_cache.py, test_shared_pages.py, the live server of test_serve_balance.py)
BUDGET_ARTICLES = [
    ("http://www.ng.ru/economics/2017-04-18/1_budget.html",
     "Министр финансов Антон Силуанов выступил в Государственной думе. "
     "«Дефицит бюджета в следующем году сократится вдвое», — заявил Силуанов."),
    ("http://www.ng.ru/politics/2018-03-05/2_duma.html",
     "Председатель комитета Андрей Макаров раскритиковал проект. "
     "«Бюджет составлен без учёта регионов», — сказал Макаров журналистам."),
]


@pytest.fixture(scope="session")
def budget_records(models):
    import svodka
    from svodka.reading import Document

    return [svodka.extract_document(Document(text, "jsonl", url=url), models=models)
            for url, text in BUDGET_ARTICLES]


class LiveServer:
    """A ``svodka serve --workers 2`` process (started by the ``two_workers`` fixture) on a free
    port over a store holding the first budget record. ``scratch`` is its TMPDIR, where the
    workers keep what they share (pages, connection counts) and must remove it on stopping."""

    def __init__(self, process, port: int, scratch: Path):
        self.process, self.port, self.scratch = process, port, scratch
        self.base = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


@pytest.fixture
def two_workers(tmp_path, budget_records):
    """The live two-worker server (:class:`LiveServer`), its stderr piped for the test to read;
    stopped at the end if the test did not stop it."""
    import os
    import socket
    import subprocess
    import sys

    from svodka.store import open_store

    url = f"sqlite:///{tmp_path / 'w.db'}"
    with open_store(url) as store:
        store.add_article(budget_records[0])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", url,
                                "--port", str(port), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=dict(os.environ, TMPDIR=str(scratch)))
    server = LiveServer(process, port, scratch)
    try:
        yield server
    finally:
        if process.poll() is None:
            server.stop()
