"""The Dask engine stores exactly what the local engine stores."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest
from distributed import Client

from conftest import needs_shared
from test_ingest import NEWS_ZIP, news_excerpts, write_jsonl
from test_store import TOKAYEV_ASTANA, WEATHER

from pg import postgres_server, table_contents  # noqa: F401
from svodka.ingest.run import pool_environment
from svodka.ingest.work import EXTRACTION_GC, process, start_worker
from svodka.reading import Document, Rejection
from svodka.scale import PARTITION, partition_size, read_partition, write_partition
from svodka.scale.cluster import loopback_cluster
from svodka.scale.engine import (HEARTBEAT_SECONDS, Packed, dask_executor, extract_partition,
                                 slower_heartbeats, undo_malloc_trimming, worker_settings)
from svodka.scale.probe import extraction_cost, process_settings
from svodka.store import prepare


def test_a_parquet_partition_round_trips_records_and_rejections(tmp_path):
    results = [prepare(TOKAYEV_ASTANA), Rejection("empty", "line 3: no text", "feed.jsonl",
                                                  "line 3", b"{}"), prepare(WEATHER)]
    back = read_partition(write_partition(results, tmp_path / "part-000000.parquet"))
    assert back == results


@needs_shared(NEWS_ZIP)
def test_the_dask_engine_gives_the_local_engines_tables(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", news_excerpts(6, skip=100) + news_excerpts(1, 100))
    (tmp_path / "broken.jsonl").write_text('{"content": "оборвано\n', encoding="utf-8")
    urls = {engine: f"sqlite:///{tmp_path / engine}.db" for engine in ("local", "dask")}
    for engine, url in urls.items():
        run = subprocess.run([sys.executable, "-m", "svodka", "ingest", str(feed),
                              str(tmp_path / "broken.jsonl"), "--db", url, "--engine", engine,
                              "--quiet"], capture_output=True, text=True, timeout=300)
        assert "read 8 = stored 6 + duplicates 1 + rejected 1" in run.stdout, run.stderr
    assert table_contents(urls["dask"]) == table_contents(urls["local"])


def _started_here(before: set[int]) -> list[str]:
    """Processes this test process started since ``before`` that are still alive
    (multiprocessing's resource tracker lives as long as the interpreter, by design)."""
    import psutil

    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.pid not in before and child.is_running() \
                    and child.status() != psutil.STATUS_ZOMBIE \
                    and "resource_tracker" not in " ".join(child.cmdline()):
                alive.append(" ".join(child.cmdline()))
        except psutil.Error:
            continue
    return alive


@needs_shared(NEWS_ZIP)
def test_an_ingest_that_fails_while_the_cluster_starts_leaves_no_worker_and_resumes(tmp_path):
    """The cluster's workers start while the parent reads the input; when reading fails
    before any of them has joined, every process started is stopped, nothing half-written
    stays, and the next run stores what a local run stores."""
    import psutil

    from svodka.ingest import ingest, iter_items
    from svodka.ingest.run import ingest_items
    from svodka.store import open_store

    feed = write_jsonl(tmp_path / "feed.jsonl", news_excerpts(4, skip=300))
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    workers_when_it_failed = []

    def a_feed_that_breaks(execute):
        items = iter_items([str(feed)])
        yield next(items)
        yield next(items)
        workers_when_it_failed.append(len(execute.client.scheduler_info()["workers"]))
        raise OSError("the disk with the feed went away")

    with open_store(tmp_path / "dask.db") as store:
        with pytest.raises(OSError, match="went away"):
            with dask_executor(workers=2) as execute:
                ingest_items(a_feed_that_breaks(execute), store, 2, executor=execute)
        assert workers_when_it_failed == [0]          # it failed while the workers started
        assert _started_here(before) == []
        assert store.stats()["articles"] == 0
        resumed = ingest([str(feed)], store, workers=2, engine="dask")
    assert (resumed.read, resumed.stored) == (4, 4)
    with open_store(tmp_path / "local.db") as store:
        ingest([str(feed)], store)
    assert table_contents(f"sqlite:///{tmp_path / 'dask.db'}") \
        == table_contents(f"sqlite:///{tmp_path / 'local.db'}")
    assert _started_here(before) == []


def test_partitions_give_every_worker_several_tasks_and_shrink_at_the_end():
    assert partition_size(80, 2) == 10          # 8 tasks for 80 documents, 4 per worker
    assert partition_size(10_000, 2) == PARTITION
    assert partition_size(3, 2) == 1            # the tail: one document per task
    sizes, left = [], 80
    while left:
        sizes.append(partition_size(left, 2))
        left -= sizes[-1]
    assert sum(sizes) == 80 and len(sizes) >= 8 and sizes[-1] == 1


def test_the_first_tasks_are_small_and_grow_so_results_come_back_from_the_start():
    def sizes_of(documents: int, workers: int) -> list[int]:
        sizes, left = [], documents
        while left:
            sizes.append(partition_size(left, workers, submitted=len(sizes)))
            left -= sizes[-1]
        return sizes

    sizes = sizes_of(1000, 2)
    # each worker's first task is two documents, then four, eight, sixteen, 32
    assert sizes[:10] == [2, 2, 4, 4, 8, 8, 16, 16, PARTITION, PARTITION]
    assert sum(sizes) == 1000 and max(sizes) == PARTITION and sizes[-1] == 1
    # without the count of tasks sent, the rule is the plain one: a full partition first
    assert partition_size(1000, 2) == PARTITION
    assert sizes_of(80, 2)[:6] == [2, 2, 4, 4, 8, 8] and sum(sizes_of(80, 2)) == 80
    assert sizes_of(5, 4) == [1, 1, 1, 1, 1]


@needs_shared(NEWS_ZIP)
def test_a_cluster_of_separate_processes_loads_postgresql_like_the_local_engine(
        tmp_path, postgres_server):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, as docs/scale.md runs
    them on a real cluster; the store equals the local engine's, whether the parent writes
    it or the workers do (``--load-in-workers``), and the Parquet copy holds every extracted
    document (the repeat too: it is known as one only when it is stored)."""
    feed = write_jsonl(tmp_path / "feed.jsonl", news_excerpts(5, skip=200) + news_excerpts(1, 200))
    runs = {"local": [], "dask": ["--parquet-dir", str(tmp_path / "parts")],
            "dask-writers": ["--load-in-workers"]}
    urls = {name: postgres_server.new_database() for name in runs}
    with loopback_cluster(2, log_dir=tmp_path) as address:
        assert address.startswith("tcp://127.0.0.1:")
        with Client(address) as client:   # the commands of docs/scale.md set the workers up
            for settings in client.run(worker_settings).values():
                assert settings["nthreads"] == 1 and settings["profiler"] is False
                assert settings["environment"]["MALLOC_TRIM_THRESHOLD_"] is None
                assert settings["environment"]["OPENBLAS_NUM_THREADS"] == "1"
        for name, url in urls.items():
            extra = runs[name] + (["--engine", "dask", "--scheduler", address]
                                  if name != "local" else [])
            run = subprocess.run([sys.executable, "-m", "svodka", "ingest", str(feed), "--db", url,
                                  "--quiet", "--timings", *extra], capture_output=True,
                                 text=True, timeout=600)
            assert "read 6 = stored 5 + duplicates 1 + rejected 0" in run.stdout, run.stderr
            if name == "dask-writers":   # the workers wrote; the parent ran the ordered pass
                assert '"store_stage"' in run.stdout and '"finish"' in run.stdout
    assert table_contents(urls["dask"]) == table_contents(urls["local"])
    assert table_contents(urls["dask-writers"]) == table_contents(urls["local"])
    copied = [r for part in sorted((tmp_path / "parts").glob("part-*.parquet"))
              for r in read_partition(part)]
    assert len(copied) == 6 and len({r.article.id for r in copied}) == 5


# A news article of ~2,400 characters: long enough that the models' buffers pass glibc's
# 128 kB mmap threshold, which is where Dask's MALLOC_TRIM_THRESHOLD_ made workers dear.
ARTICLE = Document((TOKAYEV_ASTANA.text + "\n\n" + WEATHER.text.split("\n\n", 1)[1]
                    + "\n\n") * 3)
ARTICLES = [(ARTICLE, "line 1")] * 3


def _trimmed_then_untrimmed(tasks: list) -> tuple[dict, bool, dict]:
    """In a worker started with Dask's MALLOC_TRIM_THRESHOLD_: the cost, then the cost after
    svodka's worker plugin has undone the trimming."""
    before = extraction_cost(tasks)
    undone = undo_malloc_trimming()
    return before, undone, extraction_cost(tasks, warm_up=0)


@pytest.fixture(scope="module")
def pool_worker():
    """A worker of the local engine's pool, started as ``svodka ingest --workers N`` does."""
    pool_environment()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=start_worker,
                             initargs=(os.getpid(),)) as pool:
        pool.submit(os.getpid).result()   # started now, before a nanny edits our environment
        yield pool


@pytest.fixture(scope="module")
def dask_client():
    """A worker of the LocalCluster that ``svodka ingest --engine dask`` starts."""
    with dask_executor(workers=1) as execute:
        execute.client.wait_for_workers(1)   # the executor returns while its worker starts
        yield execute.client


def test_a_dask_worker_computes_with_the_settings_of_a_local_pool_worker(pool_worker,
                                                                           dask_client):
    local = pool_worker.submit(process_settings).result()
    (dask,) = dask_client.run(worker_settings).values()
    assert dask["nthreads"] == 1            # one extraction at a time holds the GIL
    assert dask["profiler"] is False        # no sampling of the worker thread every 10 ms
    assert local["environment"]["OMP_NUM_THREADS"] == "1"
    assert local["environment"]["MALLOC_TRIM_THRESHOLD_"] is None
    # the models loaded for good are out of the GC's reach, young objects collected rarely
    assert local["gc"] == {"enabled": True, "thresholds": EXTRACTION_GC, "frozen": True}
    for setting in ("environment", "blas_threads", "gc", "switch_interval"):
        assert dask[setting] == local[setting], setting


def _heartbeat_ms(dask_worker) -> float:
    return dask_worker.periodic_callbacks["heartbeat"].callback_time


def test_svodkas_cluster_asks_its_workers_for_a_heartbeat_every_two_seconds(dask_client):
    """Dask asks up to ten workers for one every 0.5 s; the worker learns the interval from
    the scheduler's answer to its first heartbeat."""
    import distributed.scheduler

    deadline = time.monotonic() + 60
    while set(dask_client.run(_heartbeat_ms).values()) != {HEARTBEAT_SECONDS * 1000}:
        assert time.monotonic() < deadline, dask_client.run(_heartbeat_ms)
        time.sleep(0.5)
    assert distributed.scheduler.heartbeat_interval(2) == HEARTBEAT_SECONDS == 2.0
    assert distributed.scheduler.heartbeat_interval(1000) == 6.0   # Dask's, when longer


def test_slower_heartbeats_give_dask_its_own_interval_back():
    import distributed.scheduler

    dask_interval = distributed.scheduler.heartbeat_interval
    with slower_heartbeats(3.0):
        assert distributed.scheduler.heartbeat_interval(2) == 3.0
    assert distributed.scheduler.heartbeat_interval is dask_interval


def test_the_parent_extracting_itself_uses_one_blas_thread_like_a_pool_worker(
        pool_worker, monkeypatch):
    """``--workers 1`` extracts in the parent, where numpy is loaded before any variable
    could pin OpenBLAS to one thread; its threads spun beside the extraction."""
    from svodka.ingest import run

    seen = []
    monkeypatch.setattr(run, "run_task", lambda *task: seen.append(process_settings()) or task)
    assert list(run._in_process([("document", "line 1"), "duplicate"])) == [
        ("document", "line 1"), "duplicate"]
    local = pool_worker.submit(process_settings).result()
    # (only the BLAS pools: a library the suite loaded earlier, torch, adds an OpenMP pool
    # that extraction never uses)
    blas = {"openblas", "mkl", "blis"}
    assert [p for p in seen[0]["blas_threads"] if p[0] in blas] == [
        p for p in local["blas_threads"] if p[0] in blas] == [("openblas", 1)]
    assert {threads for _, threads in local["blas_threads"]} == {1}
    assert seen[0]["gc"] == local["gc"]   # the GC of a pool worker while it extracts ...
    assert process_settings()["gc"]["thresholds"] != EXTRACTION_GC   # ... and not after


def test_the_parent_loads_no_models_for_a_run_of_known_articles(monkeypatch):
    """A re-run where every id is stored yields no task to extract: the parent must not load
    the models (1-2 s) nor touch its GC just to skip them."""
    import svodka.analysis
    from svodka.ingest import run

    loads = []
    monkeypatch.setattr(svodka.analysis, "load_models", lambda: loads.append(1))
    assert list(run._in_process(["duplicate", "duplicate"])) == ["duplicate", "duplicate"]
    assert loads == []
    monkeypatch.setattr(run, "run_task", lambda *task: task)
    assert list(run._in_process([("document", "line 1")])) == [("document", "line 1")]
    assert loads == [1]


def test_extraction_in_a_dask_worker_faults_no_more_pages_than_in_a_pool_worker(
        pool_worker, dask_client, monkeypatch):
    local = pool_worker.submit(extraction_cost, ARTICLES).result()
    dask = dask_client.submit(extraction_cost, ARTICLES, pure=False).result()
    # A worker with Dask's own default: the cost that was found, and the plugin's remedy.
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        trimmed, undone, untrimmed = pool.submit(_trimmed_then_untrimmed, ARTICLES).result()
    faults = {name: cost["minor_faults_per_doc"] for name, cost in
              [("local", local), ("dask", dask), ("trimmed", trimmed), ("untrimmed", untrimmed)]}
    assert trimmed["environment"]["MALLOC_TRIM_THRESHOLD_"] == "65536" and undone
    assert faults["trimmed"] > 10 * faults["local"], faults
    assert faults["dask"] < 2 * faults["local"], faults
    assert faults["untrimmed"] < 2 * faults["local"], faults


def test_the_writer_collects_rarely_while_it_ingests_and_as_before_afterwards(tmp_path):
    """The parent unpickles and writes every record: the default GC's collections were a
    third of that work. Its own GC is tuned for the ingest only."""
    import gc

    from svodka.ingest.run import ingest_items
    from svodka.ingest.sources import Item
    from svodka.store import open_store

    before = gc.get_threshold()
    during = []
    items = [Item(Rejection("not_text", "a binary file", "a.bin", "1"), "1"),
             Item(Rejection("empty", "no text", "b.txt", "1"), "1")]
    with open_store(tmp_path / "s.db") as store:
        summary = ingest_items(items, store, workers=2,
                               on_progress=lambda _: during.append(process_settings()["gc"]))
    assert summary.rejected == 2 and summary.reasons == {"not_text": 1, "empty": 1}
    assert during and all(g["thresholds"] == EXTRACTION_GC and g["frozen"] for g in during)
    assert gc.get_threshold() == before != EXTRACTION_GC and gc.get_freeze_count() == 0


def test_the_tuned_gc_nests_and_the_last_to_leave_puts_the_old_one_back():
    """The writer's GC holds an extracting parent's (``--workers 1``) inside it."""
    import gc

    from svodka.ingest.work import tuned_gc

    before = gc.get_threshold()
    with tuned_gc():
        with tuned_gc():
            assert gc.get_threshold() == EXTRACTION_GC
        assert gc.get_threshold() == EXTRACTION_GC and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before != EXTRACTION_GC and gc.get_freeze_count() == 0


def test_a_partition_travels_as_one_buffer_of_the_records_a_local_worker_returns():
    """The Dask transport: every result pickled on the worker as it is extracted, one bytes
    object per partition; the parent unpacks what :func:`process` gives in a local worker."""
    tasks = [(Document(TOKAYEV_ASTANA.text, path="feed.jsonl"), "line 1"),
             (Document("Без новостей.", path="feed.jsonl"), "line 2"),
             (Document(WEATHER.text, path="feed.jsonl"), "line 3")]
    packed, seconds = extract_partition(tasks)
    assert isinstance(packed, Packed) and isinstance(packed.blob, bytes)
    assert len(packed.ends) == 3 and seconds["extract_cpu"] > 0
    unpacked = packed.results()
    assert unpacked == [process(*task) for task in tasks]
    tokayev, empty, weather = unpacked
    assert "Касым-Жомарт Токаев" in {e.name for e in tokayev.article.entities}
    assert empty.article.text == "Без новостей." and empty.article.entities == []
    assert "5 см" in [a.text for a in weather.article.amounts]
    assert Packed.of([]).results() == []
