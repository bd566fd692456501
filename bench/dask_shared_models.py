"""Benchmark: do two extraction processes cost each other less when they share the models'
pages? (issue 13: two workers on two cores cost ~13 % more CPU per article than one.)

    python bench/dask_shared_models.py [--limit 30] [--modes spawn fork]

Two processes extract the same ``--limit`` news articles at the same time (a barrier after a
warm-up article). ``spawn``: each loads its own models, as pool and Dask workers do. ``fork``:
the models are loaded once in the parent, the GC settled (frozen), and both processes are
forked from it, so the weights' pages are physically shared (copy-on-write) and the shared
L3 cache holds one copy of them. Reported: each process's thread CPU and minor page faults
per article.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def extract(tasks: list, barrier, out, load: bool) -> None:
    from threadpoolctl import threadpool_limits

    from svodka.ingest.work import load_worker_models, process

    if load:
        load_worker_models()
    with threadpool_limits(1, "blas"):
        process(*tasks[0])
        barrier.wait()
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.thread_time()
        for task in tasks[1:]:
            process(*task)
        cpu, after = time.thread_time() - started, resource.getrusage(resource.RUSAGE_SELF)
    count = len(tasks) - 1
    out.put({"cpu": cpu / count, "faults": (after.ru_minflt - before.ru_minflt) / count})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--modes", nargs="+", default=["spawn", "fork"])
    args = parser.parse_args()
    from svodka.ingest.work import SINGLE_THREADED
    os.environ.update(SINGLE_THREADED)
    from dask_cpu import documents
    tasks = documents(ROOT.parent / "shared" / "data" / "news", args.limit)
    for mode in args.modes:
        context = multiprocessing.get_context(mode)
        if mode == "fork":
            from svodka.ingest.work import load_worker_models
            load_worker_models()
        barrier, out = context.Barrier(2), context.Queue()
        workers = [context.Process(target=extract, args=(tasks, barrier, out, mode != "fork"))
                   for _ in range(2)]
        for worker in workers:
            worker.start()
        results = [out.get() for _ in workers]
        for worker in workers:
            worker.join()
        print(json.dumps({"mode": mode, "cpu_per_doc": [round(r["cpu"], 4) for r in results],
                          "faults_per_doc": [round(r["faults"]) for r in results],
                          "load_average": round(os.getloadavg()[0], 1)}), flush=True)


if __name__ == "__main__":
    main()
