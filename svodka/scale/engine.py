"""The Dask executor: partitions of documents out to the cluster, prepared records back.

Where the time went before (issue 13): partitions of a fixed 64 documents left one of two
workers idle on small inputs and at the tail of large ones; each worker loaded the models
inside its first task; and the parent read every partition back from Parquet and parsed the
record JSON again, work the worker had already done. Now partitions are sized from what is
left of the input and the number of workers, a worker plugin loads the models when the
worker starts, the results come back as one bytes object per partition (:class:`Packed`;
the Parquet copy is written only when asked for), and they are fetched as soon as each task
finishes.
"""
from __future__ import annotations

import ctypes
import itertools
import logging
import math
import os
import pickle
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from svodka.ingest import clock
from svodka.ingest.work import SINGLE_THREADED

log = logging.getLogger(__name__)

# The cluster's own upkeep, slowed down: an idle LocalCluster of two workers burned ~0.07
# CPU-s per second of wall time with Dask's defaults (event loops ticking every 20 ms, the
# worker thread sampled every 10 ms for a profile nobody reads, memory polled every 100 ms)
# and 0.016 with the first four of these (bench/dask_upkeep.py); on a busy machine those
# seconds came out of the cores extraction needed. The tenth session slowed the event loops'
# health tick further, the system monitor (whose samples only ride on heartbeats) and the
# client's poll of the scheduler's worker list (svodka asks for it once, for an external
# scheduler): with HEARTBEAT_SECONDS, 0.004 CPU-s a second against 0.012.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.client.scheduler-info-interval": "30s",
}

# How often a worker of svodka's own LocalCluster reports to the scheduler: Dask asks every
# 0.5 s up to 10 workers. A heartbeat carries metrics no ingest decision reads (tasks finish
# through their own messages, and a worker pauses on memory by itself), and each costs the
# worker's event loop and the scheduler, which a LocalCluster runs in the writer's process.
HEARTBEAT_SECONDS = 2.0

# What a worker process is started with: the local engine's pool workers' settings, and NOT
# Dask's MALLOC_TRIM_THRESHOLD_=65536. Setting that variable at all pins glibc's mmap
# threshold at 128 kB, so every larger numpy buffer of the models is mmap-ed, zeroed by the
# kernel and unmapped again: 53,000 page faults and ~0.1 s of system CPU per document in a
# Dask worker against 300 faults in a pool worker, extraction a third dearer (issue 13,
# bench/dask_cpu.py). None unsets a variable of Dask's default ``pre-spawn-environ``.
WORKER_ENVIRONMENT: dict[str, str | None] = {**SINGLE_THREADED, "MALLOC_TRIM_THRESHOLD_": None}

CLUSTER_SETTINGS = QUIET_CLUSTER | {"distributed.nanny.pre-spawn-environ": WORKER_ENVIRONMENT}


def cluster_environment() -> dict[str, str]:
    """:data:`CLUSTER_SETTINGS` as the environment variables a ``dask scheduler`` or ``dask
    worker`` process reads its configuration from (a dict value as a Python literal: Dask
    lower-cases the names of variables, not the keys inside a value)."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value)
            for key, value in CLUSTER_SETTINGS.items()}


PARTITION = 32              # at most this many documents per task
FIRST_PARTITION = 2         # each worker's first task; every later round of tasks doubles it
PARTITIONS_PER_WORKER = 4   # so that no worker idles while another finishes a long one
IN_FLIGHT_PER_WORKER = 3    # partitions submitted ahead of the ones being written
WORKER_START_TIMEOUT = 600  # seconds the parent waits for a first worker (loaded machines)


def partition_size(remaining: int, workers: int, submitted: int | None = None) -> int:
    """Documents for the next task, ``remaining`` being the documents known to be waiting:
    big enough to amortize scheduling, small enough that every worker gets several tasks and
    the last ones are short (a guided self-scheduling rule).

    Given ``submitted``, the tasks sent so far, the first ones are small too and grow:
    :data:`FIRST_PARTITION` documents for each worker's first task, twice that for its
    second, and so on up to :data:`PARTITION`. The parent's first result then comes after
    two documents, not a whole partition of 32 (7.6 s into an idle 1,000-article run), and
    the writer starts alongside the workers instead of waiting for them."""
    workers = max(1, workers)
    share = math.ceil(remaining / (workers * PARTITIONS_PER_WORKER))
    size = min(PARTITION, share)
    if submitted is not None:
        size = min(size, FIRST_PARTITION << min(submitted // workers, 8))
    return max(1, size)


@dataclass(frozen=True, slots=True)
class Packed:
    """A partition's results as they travel from a worker to the parent: every result
    pickled on the worker as soon as it is extracted, the pickles joined into one bytes
    object. Dask moves one buffer instead of pickling a tree of objects (a prepared record
    is ~114 kB pickled) in the worker's event loop, and the worker frees each record's
    objects at once instead of holding a partition of them until the parent fetches it:
    what a local pool worker does with each result."""

    blob: bytes
    ends: tuple[int, ...]     # where each result's pickle ends in ``blob``

    @classmethod
    def of(cls, pickles: list[bytes]) -> Packed:
        return cls(b"".join(pickles), tuple(itertools.accumulate(map(len, pickles))))

    def results(self) -> list:
        view = memoryview(self.blob)
        return [pickle.loads(view[start:end])
                for start, end in zip((0, *self.ends), self.ends)]


def _pickled(result) -> bytes:
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def extract_partition(tasks: list[tuple], path: str | None = None) -> tuple[Packed | list, dict]:
    """Runs on a Dask worker: extract every document; write a Parquet copy when given a path;
    with tasks of (document, locator, position, store URL), load the records into the store
    from here (one of several writers) and return only where they went.

    Returns the results (:class:`Packed`, or the list of where each went when loaded here)
    and this task's seconds by stage.
    """
    from svodka.ingest.work import process, stage_results

    staged = bool(tasks) and len(tasks[0]) == 4   # (document, locator, position, store)
    started, cpu = time.perf_counter(), time.thread_time()
    if staged or path is not None:
        results = [process(*task[:2]) for task in tasks]
    else:
        results = [_pickled(process(*task[:2])) for task in tasks]
    # CPU as well as wall time: on a loaded machine only the CPU compares with a local run.
    seconds = {"extract": time.perf_counter() - started, "extract_cpu": time.thread_time() - cpu}
    if path is not None:
        from svodka.scale.parquet import write_partition
        started = time.perf_counter()
        write_partition(results, path)
        seconds["parquet_write"] = time.perf_counter() - started
    if staged:
        started = time.perf_counter()
        results = stage_results(tasks[0][3], [task[2] for task in tasks], results)
        seconds["store_stage"] = time.perf_counter() - started
        return results, seconds | _finished()
    if path is not None:
        results = [_pickled(result) for result in results]
    return Packed.of(results), seconds | _finished()


def _finished() -> dict:
    """When and where a task ended, for the run's marks (which worker finished last)."""
    try:
        from distributed import get_worker
        where = get_worker().address
    except (ImportError, ValueError):
        where = ""
    return {FINISHED: (where, time.time())}


FINISHED = "_finished"


class LoadModels:
    """Worker plugin: load the models when a worker joins, not inside its first task."""

    name = "svodka-models"
    idempotent = True

    def setup(self, worker) -> None:
        from svodka.ingest.work import end_without_teardown_at_exit, load_worker_models

        end_without_teardown_at_exit()
        worker.svodka_malloc_undone = undo_malloc_trimming()
        worker.svodka_models_from = time.time()
        load_worker_models()
        worker.svodka_models_at = time.time()


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 * 2**20       # glibc's ceiling on 64-bit systems


def undo_malloc_trimming() -> bool:
    """In a worker whose nanny set MALLOC_TRIM_THRESHOLD_ (a cluster not started with
    :data:`CLUSTER_SETTINGS`), give glibc's allocator back what its dynamic thresholds reach
    in a plain process: buffers under 32 MB come from the heap, and the heap is not trimmed
    under 64 MB. Returns whether it changed anything."""
    if not os.environ.get("MALLOC_TRIM_THRESHOLD_") or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        changed = (libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
                   and libc.mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD_MAX))
    except (OSError, AttributeError):   # not glibc
        return False
    log.info("MALLOC_TRIM_THRESHOLD_ was set for this worker: malloc thresholds raised")
    return bool(changed)


def worker_settings(dask_worker) -> dict:
    """What a worker computes with (:func:`svodka.scale.probe.process_settings`), its
    threads and whether its profiler runs: a Dask worker must match a local pool worker."""
    import dask

    from svodka.scale.probe import process_settings

    return {"nthreads": dask_worker.state.nthreads,
            "profiler": dask.config.get("distributed.worker.profile.enabled"),
            "malloc_trimming_undone": getattr(dask_worker, "svodka_malloc_undone", None),
            **process_settings()}


def _model_times(dask_worker) -> tuple[float, float]:
    return (getattr(dask_worker, "svodka_models_from", 0.0),
            getattr(dask_worker, "svodka_models_at", 0.0))


@contextmanager
def dask_executor(workers: int = 1, scheduler: str | None = None,
                  parquet_dir: str | Path | None = None):
    """An executor for :func:`svodka.ingest.ingest_items`; a LocalCluster unless ``scheduler``.

    With ``parquet_dir`` each partition is also kept there as ``part-NNNNNN.parquet`` (a
    columnar copy of every record). The executor's ``stages`` hold seconds by stage.
    """
    import dask

    with dask.config.set(CLUSTER_SETTINGS):
        with _dask_executor(workers, scheduler, parquet_dir) as execute:
            yield execute


@contextmanager
def _dask_executor(workers: int, scheduler: str | None, parquet_dir: str | Path | None):
    from distributed import Client

    stages: Counter = Counter()
    started = time.perf_counter()
    with ExitStack() as stack:   # what was started is stopped, however the run ends
        if scheduler is None:
            client, slots = _start_local_cluster(workers, stack)
        else:
            client = stack.enter_context(Client(scheduler))
            client.register_plugin(_worker_plugin())   # waits for the workers' model loads
            slots = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        stages["cluster_start"] = time.perf_counter() - started
        clock.mark("cluster_up")
        folder = Path(parquet_dir) if parquet_dir else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

        def execute(tasks: Iterable, _workers: int) -> Iterator:
            yield from _run(client, tasks, folder, slots, stages)
            _model_load_times(client, stages)

        execute.stages = stages
        execute.client = client
        yield execute
        clock.mark("engine_stop_begin")
    clock.mark("engine_stopped")


def _start_local_cluster(workers: int, stack: ExitStack):
    """A LocalCluster whose scheduler is up and whose workers are still starting: the parent
    reads the input and submits the first partitions while the worker processes start and
    load their models (the plugin runs when a worker joins, before its first task), and each
    worker takes tasks as soon as its own models are loaded. Waiting for the whole cluster
    first left the parent idle through the slowest worker's start (issue 13)."""
    from distributed import Client, LocalCluster

    stack.enter_context(slower_heartbeats())
    cluster = LocalCluster(n_workers=0, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    stack.callback(_stop_local_cluster, cluster)
    client = Client(cluster)
    stack.callback(client.close)     # first: the client goes before its cluster
    client.register_plugin(_worker_plugin())
    cluster.scale(workers)
    return client, workers


@contextmanager
def slower_heartbeats(seconds: float = HEARTBEAT_SECONDS):
    """Schedulers started in this process meanwhile ask their workers for a heartbeat every
    ``seconds`` (or Dask's own interval, when a large cluster makes that longer). Dask has no
    setting for it: the scheduler tells each worker the interval from a function of the
    number of workers, which this replaces for the while."""
    import distributed.scheduler as scheduler

    dask_interval = scheduler.heartbeat_interval

    def interval(workers: int) -> float:
        return max(seconds, dask_interval(workers))

    scheduler.heartbeat_interval = interval
    try:
        yield
    finally:
        if scheduler.heartbeat_interval is interval:
            scheduler.heartbeat_interval = dask_interval


# How long a worker of svodka's own LocalCluster may take to stop by itself once every result
# is in the parent: it holds nothing the store needs (records, Parquet files and the
# workers' own transactions are finished with their tasks), and a graceful stop took ~1 s
# under load against ~0.4 with this (bench/ingest_stages.py).
STOP_GRACE = 0.5


def _stop_local_cluster(cluster) -> None:
    """Stop every worker at once, each given :data:`STOP_GRACE` before it is killed, then
    the scheduler; Dask's own close is the fallback."""
    import asyncio

    async def stop_workers() -> None:
        await asyncio.gather(*(nanny.close(timeout=STOP_GRACE, reason="svodka-done")
                               for nanny in list(cluster.workers.values())),
                             return_exceptions=True)

    nanny_log = logging.getLogger("distributed.nanny")
    level = nanny_log.level
    nanny_log.setLevel(logging.ERROR)   # "still alive after 0.4 seconds, killing" is the plan
    try:
        cluster.sync(stop_workers)
    except Exception:   # a worker that would not stop: Dask's close below deals with it
        log.debug("stopping the workers at once failed", exc_info=True)
    finally:
        nanny_log.setLevel(level)
        cluster.close()
        clock.mark("engine_stopped")


def _model_load_times(client, stages: Counter) -> None:
    """Each worker's model load, from the plugin's marks (timing only: never fails a run)."""
    try:
        loads = client.run(_model_times)
        stages["model_load_per_worker"] = max((end - start for start, end in loads.values()),
                                              default=0.0)
        clock.mark("models_loading_first", min(start for start, _ in loads.values()))
        clock.mark("models_loaded_last", max(end for _, end in loads.values()))
    except Exception:
        log.debug("no model load times from the workers", exc_info=True)


def _worker_plugin():
    from distributed import WorkerPlugin

    return type("SvodkaLoadModels", (LoadModels, WorkerPlugin), {})()


def _run(client, tasks: Iterable, folder: Path | None, slots: int,
         stages: Counter) -> Iterator:
    """Extracted results in input order (the order near-duplicates are judged in); values
    decided without extraction (duplicates, reading rejections) pass straight through.

    A look-ahead of the input tells :func:`partition_size` how much is left; finished tasks
    are fetched as they complete, not in submission order, and yielded in order.
    """
    from distributed import as_completed

    lookahead = slots * PARTITIONS_PER_WORKER * PARTITION
    waiting: deque = deque()
    source = iter(tasks)
    exhausted = False
    pending: deque = deque()        # futures in submission order
    done: dict = {}                 # future key -> results, fetched as tasks finish
    finished = as_completed()
    number = 0
    last_task: dict[str, float] = {}   # worker -> when its last task ended
    joined = False                     # a worker is known to have joined

    def fill() -> Iterator:
        nonlocal exhausted
        while not exhausted and len(waiting) < lookahead:
            task = next(source, None)
            if task is None:
                exhausted = True
            elif isinstance(task, tuple):
                waiting.append(task)
            else:
                yield task

    def submit() -> None:
        nonlocal number
        size = partition_size(len(waiting), slots, submitted=number)
        if not exhausted and len(waiting) < size:
            return
        partition = [waiting.popleft() for _ in range(min(size, len(waiting)))]
        path = str(folder / f"part-{number:06d}.parquet") if folder is not None else None
        started = time.perf_counter()
        future = client.submit(extract_partition, partition, path, pure=False)
        clock.mark("first_submit")
        stages["submit"] += time.perf_counter() - started
        pending.append(future)
        finished.add(future)
        number += 1

    def collect(block: bool) -> None:
        nonlocal joined
        started = time.perf_counter()
        if block and not joined:   # a cluster whose workers never come must not hang the run
            client.wait_for_workers(1, timeout=WORKER_START_TIMEOUT)
            joined = True
        batch = finished.next_batch(block=block)
        stages["wait_for_workers"] += time.perf_counter() - started
        started = time.perf_counter()
        for future in batch:
            results, seconds = future.result()
            done[future.key] = results.results() if isinstance(results, Packed) else results
            if FINISHED in seconds:
                where, at = seconds.pop(FINISHED)
                last_task[where] = max(at, last_task.get(where, 0.0))
            stages.update(seconds)
        stages["fetch"] += time.perf_counter() - started

    while True:
        yield from fill()
        while waiting and len(pending) < slots * IN_FLIGHT_PER_WORKER:
            before = len(pending)
            submit()
            if len(pending) == before:
                break
            yield from fill()
        if not pending:
            if exhausted and not waiting:
                if last_task:
                    clock.mark("first_worker_done", min(last_task.values()))
                    clock.mark("last_worker_done", max(last_task.values()))
                clock.mark("all_results")
                return
            continue
        if pending[0].key not in done:
            collect(block=True)
        else:
            collect(block=False)
        while pending and pending[0].key in done:
            future = pending.popleft()
            yield from done.pop(future.key)
            future.release()
