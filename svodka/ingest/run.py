"""Batch ingest: read every input, extract in worker processes, write in the parent.

The parent is the only writer. Results are written in input order, in batches of one
transaction each, so a run killed at any point and started again ends exactly where an
uninterrupted run would: stored ids are skipped, everything else is redone.
"""
from __future__ import annotations

import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from svodka.errors import InputRejected
from svodka.ingest import clock
from svodka.ingest.sources import Item
from svodka.ingest.work import (SINGLE_THREADED, extraction_gc, one_blas_thread, run_task,
                                start_worker, writer_gc)
from svodka.limits import MAX_CHARS, check_length
from svodka.pipeline import article_id
from svodka.reading import Rejection
from svodka.reading.provenance import check_url
from svodka.store import Prepared, Store
from svodka.store.staged import Repeat, Staged

log = logging.getLogger(__name__)

BATCH = 64
FLUSH_SECONDS = 2.0


@dataclass(slots=True)
class Summary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    undated: int = 0        # stored articles with no publication date
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    stages: Counter = field(default_factory=Counter)   # seconds by stage, see ingest_items

    def check(self) -> None:
        """Every document read is accounted for exactly once."""
        if self.read != self.stored + self.duplicates + self.rejected:
            raise AssertionError(f"ingest lost documents: read {self.read} != stored "
                                 f"{self.stored} + duplicates {self.duplicates} + rejected "
                                 f"{self.rejected}")

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "rejected": self.rejected, "undated": self.undated, "reasons": dict(self.reasons),
                "seconds": round(self.seconds, 3),
                "stages": {k: round(v, 3) for k, v in self.stages.items()}}


# str: "duplicate", decided before extraction; Staged, Repeat: loaded by several writers
Result = Prepared | Rejection | str | Staged | Repeat
_END = object()


def _in_process(tasks: Iterable[tuple | Result], _workers: int = 1) -> Iterator[Result]:
    with one_blas_thread(), extraction_gc() as settle:
        for task in tasks:
            if isinstance(task, tuple):
                settle()
                yield run_task(*task)
            else:
                yield task


def _in_pool(tasks: Iterable[tuple | Result], workers: int) -> Iterator[Result]:
    """Results in input order, with a bounded number of documents in flight."""
    window = workers * 8
    pool_environment()
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                               initializer=start_worker, initargs=(os.getpid(),))
    try:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.submit(run_task, *task) if isinstance(task, tuple) else task)
            while len(pending) > window:
                yield _resolve(pending.popleft())
        while pending:
            yield _resolve(pending.popleft())
        clock.mark("all_results")
        clock.mark("engine_stop_begin")
    finally:
        # the workers end without tearing their models down (work.py, start_worker)
        pool.shutdown(wait=True)
    clock.mark("engine_stopped")


def pool_environment() -> None:
    """What the pool's workers inherit (spawned, they read it before importing numpy)."""
    for variable, value in SINGLE_THREADED.items():
        os.environ.setdefault(variable, value)


def _oversize(text: str, max_chars: int) -> InputRejected | None:
    try:
        check_length(text, max_chars)
    except InputRejected as error:
        return error
    return None


def _resolve(value: Future | Result) -> Result:
    return value.result() if isinstance(value, Future) else value


@writer_gc()
def ingest_items(items: Iterable[Item], store: Store, workers: int = 1,
                 on_progress: Callable[[Summary], None] | None = None,
                 executor: Callable[[Iterable, int], Iterator[Result]] | None = None,
                 batch_size: int = BATCH, max_chars: int = MAX_CHARS,
                 load_in_workers: bool = False) -> Summary:
    """Store every item. ``executor`` maps tasks to results in order (default: local).

    ``batch_size`` articles go into one transaction: smaller batches lose less work
    when a run dies, larger ones write faster. A text over ``max_chars`` is rejected
    before it reaches a worker.

    ``load_in_workers`` (PostgreSQL): every worker loads its own records, and one ordered
    pass at the end resolves entities and near-duplicates (svodka/store/staged.py); the
    store ends as the single writer leaves it.
    """
    if load_in_workers:
        store._several_writers()
    else:
        # What an interrupted run of several writers left is older than this input: the
        # single writer finishes it first, or its articles would stay half-stored.
        store.finish_staged(batch_size)
    summary = Summary()
    sent: set[str] = set()          # ids handed out in this run: a later one is a repeat
    awaited: set[int] = set()       # positions whose fate the ordered pass decides
    repeats: list[Repeat] = []
    since_pass = 0                  # staged results since the ordered pass last ran
    started = time.perf_counter()
    batch: list[Prepared] = []
    rejections: list[Rejection] = []
    last_flush = time.perf_counter()

    def tasks() -> Iterator[tuple | Result]:
        for item in items:
            if not summary.read:
                clock.mark("first_read")
            summary.read += 1
            value = item.value
            if isinstance(value, Rejection):
                yield value
            elif oversize := _oversize(value.text, max_chars):
                yield Rejection(oversize.reason, oversize.message, value.path, item.locator,
                                value.text[:1000].encode("utf-8", errors="replace"))
            elif load_in_workers:
                yield _staged_task(value, item.locator, summary.read - 1)
            elif store.known(value.id or article_id(value.text), value.path,
                             check_url(value.url).url):
                yield "duplicate"
            else:
                yield (value, item.locator)
        clock.mark("input_read")

    def _staged_task(value, locator: str, position: int) -> tuple | Result:
        aid, url = value.id or article_id(value.text), check_url(value.url).url
        if aid in sent:
            return Repeat(position, aid, value.path, url)
        sent.add(aid)
        if (at := store.staged_at(aid)) is not None:   # loaded by an interrupted run
            if at == (position, value.path, url):
                return Staged(position, aid)
            return Repeat(position, aid, value.path, url)
        if store.known(aid, value.path, url):
            return "duplicate"
        return (value, locator, position, store.url)

    def flush() -> None:
        nonlocal batch, rejections, last_flush, repeats
        if load_in_workers and (repeats or rejections):
            flush_started = time.perf_counter()
            store.stage_repeats(repeats)
            store.add_rejections(rejections)
            summary.stages["store_write"] += time.perf_counter() - flush_started
            repeats = []
        elif batch or rejections:
            flush_started, flush_cpu = time.perf_counter(), time.process_time()
            statuses = store.add_prepared(batch, rejections)
            summary.stages["store_write"] += time.perf_counter() - flush_started
            # CPU seconds are what a loaded machine does not inflate: the writer's real cost.
            summary.stages["store_write_cpu"] += time.process_time() - flush_cpu
            summary.undated += sum(status == "stored" and prepared.article.published is None
                                   for prepared, status in zip(batch, statuses))
            summary.stored += statuses.count("stored")
            summary.duplicates += statuses.count("duplicate")
            if "rejected" in statuses:
                summary.rejected += statuses.count("rejected")
                summary.reasons["store_error"] += statuses.count("rejected")
        batch, rejections, last_flush = [], [], time.perf_counter()

    executor = executor or (_in_pool if workers > 1 else _in_process)
    results = iter(executor(tasks(), workers))
    while True:
        # The parent's wait for the next result: extraction when it extracts itself,
        # the workers' backlog otherwise (reading the input and skipping known ids are in it).
        waited = time.perf_counter()
        result = next(results, _END)
        summary.stages["wait_for_results"] += time.perf_counter() - waited
        if result is _END:
            clock.mark("last_result")
            break
        clock.mark("first_result")
        if isinstance(result, Rejection):
            rejections.append(result)
            summary.rejected += 1
            summary.reasons[result.reason] += 1
        elif isinstance(result, Prepared):
            batch.append(result)
        elif isinstance(result, Staged | Repeat):
            awaited.add(result.position)
            if isinstance(result, Repeat):
                repeats.append(result)
            since_pass += 1
            if since_pass >= batch_size:
                # Results come in input order: everything before this one is staged, so
                # the ordered pass can take it while the workers load what follows.
                flush()
                _finish(store, summary, awaited, batch_size, before=result.position + 1)
                since_pass = 0
        else:
            summary.duplicates += 1
        if len(batch) >= batch_size or time.perf_counter() - last_flush > FLUSH_SECONDS:
            flush()
        if on_progress:
            summary.seconds = time.perf_counter() - started
            on_progress(summary)
    flush()
    if load_in_workers:
        _finish(store, summary, awaited, batch_size)
    clock.mark("loop_end")
    summary.seconds = time.perf_counter() - started
    summary.stages.update(getattr(executor, "stages", {}))
    summary.check()
    return summary


def _finish(store: Store, summary: Summary, awaited: set[int], batch_size: int,
            before: int | None = None) -> None:
    """The ordered pass after several writers, up to ``before`` or to the end; counts the
    fate of this run's documents (an interrupted run's are finished too, uncounted)."""
    started, cpu = time.perf_counter(), time.process_time()
    for outcome in store.finish_staged(batch_size, before):
        if outcome.position not in awaited:
            continue
        awaited.discard(outcome.position)
        if outcome.status == "stored":
            summary.stored += 1
            summary.undated += outcome.undated
        elif outcome.status == "duplicate":
            summary.duplicates += 1
        else:
            summary.rejected += 1
            summary.reasons["store_error"] += 1
    summary.stages["finish"] += time.perf_counter() - started
    summary.stages["finish_cpu"] += time.process_time() - cpu
    if before is None and awaited:
        raise AssertionError(f"the ordered pass did not see {len(awaited)} loaded documents")
