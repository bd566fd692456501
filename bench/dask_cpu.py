"""Benchmark: the CPU the same extraction costs in a plain process, a local-engine worker and a
Dask worker (issue 13: Dask's workers spent ~0.26 CPU-s per document against ~0.19 locally).

    python bench/dask_cpu.py [--limit 40] [--rounds 1] [--where plain local dask ...]

Each place runs one task that extracts the same ``--limit`` news articles (after two
warm-up documents, so first-call costs stay out) and measures, per document, the calling
thread's CPU (``time.thread_time``), the whole process's user and system CPU and its minor
page faults (``getrusage``), and reports what the process was given: its malloc, BLAS and
Dask environment, the GC's settings and the threads running beside the task.

Places: ``plain`` (this process), ``local`` (a worker of the local engine's pool, started
as ``svodka ingest --workers N`` starts it), ``dask`` (a worker of a LocalCluster started as
``svodka ingest --engine dask`` starts it), and variants of the Dask worker that change one
setting: ``dask-before`` (svodka's cluster before the fix: Dask's MALLOC_TRIM_THRESHOLD_ of
64 kB in the worker's environment), ``dask-plugin`` (the same cluster, with svodka's worker
plugin undoing the trimming from inside the worker, as on a cluster started by hand). Each
place runs in a fresh process of its own.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_UP = 2
ENVIRONMENT = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX", "OMP_NUM_THREADS",
               "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def documents(news: Path, limit: int) -> list:
    """The first ``limit`` + warm-up news documents, round-robin over the corpus files."""
    from svodka.ingest.sources import expand, iter_items

    files, _ = expand([str(news)])
    streams = [iter_items([path]) for path in files]
    chosen: list = []
    while len(chosen) < limit + WARM_UP and streams:
        for stream in list(streams):
            item = next(stream, None)
            if item is None:
                streams.remove(stream)
            elif not hasattr(item.value, "reason"):
                chosen.append((item.value, item.locator))
    return chosen[: limit + WARM_UP]


def measure(tasks: list) -> dict:
    """Runs where it is sent: extract every document, CPU per document by kind."""
    from svodka.ingest.work import load_worker_models, process

    load_worker_models()
    for task in tasks[:WARM_UP]:
        process(*task)
    measured = tasks[WARM_UP:]
    before = resource.getrusage(resource.RUSAGE_SELF)
    thread_before, wall_before = time.thread_time(), time.perf_counter()
    for task in measured:
        process(*task)
    thread, wall = time.thread_time() - thread_before, time.perf_counter() - wall_before
    after = resource.getrusage(resource.RUSAGE_SELF)
    count = len(measured)
    try:
        from threadpoolctl import threadpool_info
        blas = sorted({(pool["internal_api"], pool["num_threads"]) for pool in threadpool_info()})
    except Exception:  # information only
        blas = []
    return {
        "docs": count,
        "thread_cpu_per_doc": round(thread / count, 4),
        "user_cpu_per_doc": round((after.ru_utime - before.ru_utime) / count, 4),
        "system_cpu_per_doc": round((after.ru_stime - before.ru_stime) / count, 4),
        "wall_per_doc": round(wall / count, 4),
        "minor_faults_per_doc": round((after.ru_minflt - before.ru_minflt) / count),
        "peak_rss_mb": round(after.ru_maxrss / 1024),
        "main_thread": threading.current_thread() is threading.main_thread(),
        "threads": sorted(t.name for t in threading.enumerate()),
        "gc": {"enabled": gc.isenabled(), "thresholds": gc.get_threshold(),
               "frozen": gc.get_freeze_count()},
        "switch_interval": sys.getswitchinterval(),
        "environment": {k: os.environ.get(k) for k in ENVIRONMENT},
        "blas_threads": blas,
    }


def in_plain(tasks: list) -> dict:
    return measure(tasks)


def in_local_worker(tasks: list) -> dict:
    """In a worker of the local engine's pool, started the way svodka/ingest/run.py starts it."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from svodka.ingest.run import pool_environment
    from svodka.ingest.work import start_worker

    pool_environment()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=start_worker,
                             initargs=(os.getpid(),)) as pool:
        return pool.submit(measure, tasks).result()


def in_dask_worker(tasks: list) -> dict:
    """In a worker of the LocalCluster ``svodka ingest --engine dask`` starts."""
    from svodka.scale.engine import dask_executor

    with dask_executor(workers=1) as execute:
        return execute.client.submit(measure, tasks, pure=False).result()


def in_other_dask_worker(tasks: list, config: dict, plugin: bool) -> dict:
    """In a worker of a LocalCluster started with Dask's defaults and ``config`` (and
    svodka's worker plugin when ``plugin``)."""
    import dask
    from distributed import Client, LocalCluster

    from svodka.scale.engine import _worker_plugin

    with dask.config.set(config), LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True,
            dashboard_address=None) as cluster, Client(cluster) as client:
        if plugin:
            client.register_plugin(_worker_plugin())
        return client.submit(measure, tasks, pure=False).result()


def _places() -> dict:
    from svodka.scale.engine import QUIET_CLUSTER

    return {
        "plain": in_plain,
        "local": in_local_worker,
        "dask": in_dask_worker,
        # svodka's LocalCluster before issue 13 was found: Dask's MALLOC_TRIM_THRESHOLD_
        "dask-before": lambda tasks: in_other_dask_worker(tasks, QUIET_CLUSTER, plugin=False),
        # a cluster started without svodka's settings, with the worker plugin's fallback
        "dask-plugin": lambda tasks: in_other_dask_worker(tasks, QUIET_CLUSTER, plugin=True),
    }


PLACES = ("plain", "local", "dask", "dask-before", "dask-plugin")


def run_place(where: str, news: Path, limit: int) -> dict:
    """One place in a fresh process, so no place inherits what another left (a nanny writes
    Dask's worker variables into its parent's environment)."""
    command = [sys.executable, __file__, "--news", str(news), "--limit", str(limit),
               "--only", where]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{where} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--where", nargs="+", default=["local", "dask", "dask-before"],
                        choices=PLACES)
    parser.add_argument("--only", choices=PLACES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(_places()[args.only](documents(args.news, args.limit))))
        return
    for round_ in range(1, args.rounds + 1):
        for where in args.where:
            result = run_place(where, args.news, args.limit)
            print(json.dumps({"round": round_, "where": where, **result,
                              "load_average": round(os.getloadavg()[0], 1)},
                             ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
