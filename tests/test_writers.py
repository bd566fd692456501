"""Several writers into PostgreSQL leave every table as one writer leaves it."""
from __future__ import annotations

import pytest

from conftest import needs_shared
from test_ingest import NEWS_ZIP, news_excerpts, write_jsonl
from test_store import TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER, news

from pg import postgres_server, postgres_url, table_contents  # noqa: F401  (fixtures)
from svodka.ingest import ingest_items, iter_items
from svodka.reading import Rejection
from svodka.record import Article
from svodka.store import StoreUnavailable, open_store, prepare
from svodka.store.staged import Repeat

REPOST = news(TOKAYEV_ASTANA.text + " Подписывайтесь на наш канал.", url="https://mirror.example/1")
WEATHER_ELSEWHERE = Article.from_dict(WEATHER.to_dict() | {
    "source": {"url": "https://other.example/", "format": "html"}})
REFUSED = news("Сбой в системе\n\nСообщение содержало нулевой символ \x00 посреди текста.")
RUBLE = news("Курс рубля\n\nБанк России установил официальный курс доллара на пятницу.")

# In input order: a near copy of the first, a second article naming the same president,
# the same weather text from another site, one PostgreSQL refuses, one plain.
CORPUS = [TOKAYEV_ASTANA, WEATHER, REPOST, TOKAYEV_BRUSSELS, WEATHER_ELSEWHERE, REFUSED, RUBLE]


def single_writer(url: str) -> list[str]:
    with open_store(url) as store:
        return store.add_prepared([prepare(a) for a in CORPUS[:4]]) + \
            store.add_prepared([prepare(a) for a in CORPUS[4:]])


@pytest.mark.postgres
def test_two_writers_in_any_order_then_the_ordered_pass_equal_one_writer(postgres_server):
    one, two = postgres_server.new_database(), postgres_server.new_database()
    assert single_writer(one) == ["stored", "stored", "duplicate", "stored", "duplicate",
                                  "rejected", "stored"]
    first, second, parent = open_store(two), open_store(two), open_store(two)
    # Writer two finishes first with the later positions; the repeat is the parent's.
    refused = [r for r in second.stage([(3, prepare(TOKAYEV_BRUSSELS)), (5, prepare(REFUSED)),
                                        (6, prepare(RUBLE))]) if isinstance(r, Rejection)]
    first.stage([(0, prepare(TOKAYEV_ASTANA)), (1, prepare(WEATHER)), (2, prepare(REPOST))])
    parent.stage_repeats([Repeat(4, WEATHER.id, None, "https://other.example/")])
    parent.add_rejections(refused)
    assert [r.reason for r in refused] == ["store_error"]
    outcomes = parent.finish_staged(batch_size=2)
    assert [(o.position, o.status) for o in outcomes] == [
        (0, "stored"), (1, "stored"), (2, "duplicate"), (3, "stored"), (4, "duplicate"),
        (6, "stored")]
    # What the ordered pass decides is there: the near copy, one corpus Токаев.
    assert [(g["id"], [c["kind"] for c in g["copies"]]) for g in parent.duplicate_groups()] \
        == sorted([(TOKAYEV_ASTANA.id, ["near"]), (WEATHER.id, ["exact"])])
    assert parent.corpus_entity_id(TOKAYEV_ASTANA.id, "e1") == \
        parent.corpus_entity_id(TOKAYEV_BRUSSELS.id, "e2")
    for store in (first, second, parent):
        store.close()
    assert table_contents(two) == table_contents(one)
    assert table_contents(two)["staged"] == []


@pytest.mark.postgres
def test_an_interrupted_ordered_pass_resumes_where_it_stopped(postgres_server, monkeypatch):
    one, two = postgres_server.new_database(), postgres_server.new_database()
    single_writer(one)
    from svodka.store import staged

    with open_store(two) as store:
        results = store.stage([(n, prepare(a)) for n, a in enumerate(CORPUS)
                               if a is not WEATHER_ELSEWHERE])
        store.stage_repeats([Repeat(4, WEATHER.id, None, "https://other.example/")])
        store.add_rejections([r for r in results if isinstance(r, Rejection)])
        calls = []
        real = staged._link

        def dies_in_the_second_batch(*args):
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt
            return real(*args)

        monkeypatch.setattr(staged, "_link", dies_in_the_second_batch)
        with pytest.raises(KeyboardInterrupt):
            store.finish_staged(batch_size=2)
        monkeypatch.setattr(staged, "_link", real)
        # The first batch (positions 0 and 1) is finished, the rest still waits.
        assert [row[0] for row in table_contents(two)["staged"]] == [2, 3, 4, 6]
        assert store.corpus_entity_id(TOKAYEV_ASTANA.id, "e1")
        outcomes = store.finish_staged(batch_size=2)
        assert [o.position for o in outcomes] == [2, 3, 4, 6]
    assert table_contents(two) == table_contents(one)


@pytest.mark.postgres
def test_the_single_writer_first_finishes_what_an_interrupted_load_left(postgres_server):
    one, two = postgres_server.new_database(), postgres_server.new_database()
    with open_store(one) as store:
        store.add_prepared([prepare(a) for a in (TOKAYEV_ASTANA, REPOST, TOKAYEV_BRUSSELS)])
    with open_store(two) as store:
        store.stage([(0, prepare(TOKAYEV_ASTANA)), (1, prepare(REPOST))])
        summary = ingest_items([], store)                 # a plain ingest of nothing new
        assert summary.read == 0 and table_contents(two)["staged"] == []
        assert store.add_article(TOKAYEV_BRUSSELS) == "stored"
    assert table_contents(two) == table_contents(one)


def test_sqlite_keeps_its_single_writer(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        with pytest.raises(StoreUnavailable, match="PostgreSQL"):
            store.stage([(0, prepare(WEATHER))])
        assert store.add_article(WEATHER) == "stored"


@pytest.mark.postgres
@needs_shared(NEWS_ZIP)
def test_an_ingest_killed_mid_run_and_resumed_loses_and_doubles_nothing(tmp_path,
                                                                          postgres_server):
    """Workers load their own articles; the run dies after four documents; the same
    command again ends with the tables one uninterrupted single-writer run leaves."""
    excerpts = news_excerpts(6, skip=300)
    moved = excerpts[1] | {"url": "https://mirror.example/moved"}   # the same text elsewhere
    feed = write_jsonl(tmp_path / "feed.jsonl", excerpts[:4] + [moved] + excerpts[4:])
    one, two = postgres_server.new_database(), postgres_server.new_database()
    with open_store(one) as store:
        reference = ingest_items(iter_items([str(feed)]), store)
    assert (reference.read, reference.stored, reference.duplicates) == (7, 6, 1)

    def dies_after(count):
        def executor(tasks, _workers):
            from svodka.ingest.work import run_task
            for done, task in enumerate(tasks):
                if done == count:
                    raise KeyboardInterrupt
                yield run_task(*task) if isinstance(task, tuple) else task
        return executor

    with open_store(two) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_items(iter_items([str(feed)]), store, executor=dies_after(4),
                         load_in_workers=True)
        assert store.stats()["articles"] == 4        # loaded, waiting for the ordered pass
        # Small batches: the ordered pass runs every two results, while the rest loads.
        resumed = ingest_items(iter_items([str(feed)]), store, load_in_workers=True,
                               batch_size=2)
    assert (resumed.read, resumed.stored, resumed.duplicates, resumed.rejected) == (7, 6, 1, 0)
    assert table_contents(two) == table_contents(one)
