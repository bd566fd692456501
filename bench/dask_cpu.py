"""Benchmark: the CPU the same extraction costs in a plain process, a local-engine worker and a
Dask worker (issue 13: Dask's workers spent ~0.26 CPU-s per document against ~0.19 locally).

    python bench/dask_cpu.py [--limit 40] [--rounds 1] [--where plain local dask ...]

Each place runs one task that extracts the same ``--limit`` news articles (after two
warm-up documents, so first-call costs stay out) and measures, per document, the calling
thread's CPU (``time.thread_time``), the whole process's user and system CPU and its minor
page faults (``getrusage``), and reports what the process was given: its malloc, BLAS and
Dask environment, the GC's settings and the threads running beside the task.

Places: ``plain`` (this process, as ``svodka ingest --workers 1`` extracts: one BLAS
thread; ``plain-before``: OpenBLAS's own thread count, as before issue 13's session), ``local`` (a worker of the local engine's pool, started
as ``svodka ingest --workers N`` starts it), ``dask`` (a worker of a LocalCluster started as
``svodka ingest --engine dask`` starts it), and variants of the Dask worker that change one
setting: ``dask-before`` (svodka's cluster before the fix: Dask's MALLOC_TRIM_THRESHOLD_ of
64 kB in the worker's environment), ``dask-plugin`` (the same cluster, with svodka's worker
plugin undoing the trimming from inside the worker, as on a cluster started by hand). Each
place runs in a fresh process of its own.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_UP = 2


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
    """Runs where it is sent: :func:`svodka.scale.probe.extraction_cost`."""
    from svodka.scale.probe import extraction_cost

    return extraction_cost(tasks, warm_up=WARM_UP)


def in_plain(tasks: list) -> dict:
    """In this process, as ``svodka ingest --workers 1`` extracts (in the parent)."""
    from svodka.ingest.work import one_blas_thread

    with one_blas_thread():
        return measure(tasks)


def in_plain_blas_threads(tasks: list) -> dict:
    """In this process with OpenBLAS's own thread count (``--workers 1`` before the fix)."""
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
        "plain-before": in_plain_blas_threads,
        "local": in_local_worker,
        "dask": in_dask_worker,
        # svodka's LocalCluster before issue 13 was found: Dask's MALLOC_TRIM_THRESHOLD_
        "dask-before": lambda tasks: in_other_dask_worker(tasks, QUIET_CLUSTER, plugin=False),
        # a cluster started without svodka's settings, with the worker plugin's fallback
        "dask-plugin": lambda tasks: in_other_dask_worker(tasks, QUIET_CLUSTER, plugin=True),
        # svodka's cluster with one malloc arena: the task thread allocates from the main
        # arena, as a pool worker's main thread does, not from an arena of its own
        "dask-one-arena": lambda tasks: in_other_dask_worker(tasks, one_arena(), plugin=True),
    }


def one_arena() -> dict:
    from svodka.scale.engine import CLUSTER_SETTINGS, WORKER_ENVIRONMENT

    return CLUSTER_SETTINGS | {"distributed.nanny.pre-spawn-environ":
                               WORKER_ENVIRONMENT | {"MALLOC_ARENA_MAX": "1"}}


PLACES = ("plain", "plain-before", "local", "dask", "dask-before", "dask-plugin",
          "dask-one-arena")


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
