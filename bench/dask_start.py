"""Benchmark: the fixed CPU of starting the engines' workers, before the first document.

    python bench/dask_start.py [--rounds 2]

Starts two workers the way ``svodka ingest --workers 2`` does (a spawned process pool whose
initializer loads the models) and the way ``svodka ingest --engine dask --workers 2`` does
(a LocalCluster with svodka's settings and worker plugin), and reports each worker's CPU
seconds once it is ready for a task (``getrusage`` inside it) and the CPU the parent spent
starting them (psutil). What an ingest pays once, whatever its length (issue 13).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def cpu_used() -> float:
    """This process's user + system CPU seconds so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 3)


def cpu_used_then_wait() -> tuple[int, float]:
    """:func:`cpu_used`, then a moment's sleep, so that the pool's other worker, once
    ready, takes the next call."""
    used = cpu_used()
    time.sleep(0.5)
    return os.getpid(), used


def _own_cpu() -> float:
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def pool_start() -> dict:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from svodka.ingest.run import pool_environment
    from svodka.ingest.work import start_worker

    pool_environment()
    before = _own_cpu()
    with ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=start_worker,
                             initargs=(os.getpid(),)) as pool:
        answers: dict[int, float] = {}
        while len(answers) < 2:   # until the slower worker, still loading, answers too
            for future in [pool.submit(cpu_used_then_wait) for _ in range(2)]:
                pid, used = future.result()
                answers.setdefault(pid, used)   # its first answer: when it became ready
        workers = sorted(answers.values())
        parent = _own_cpu() - before
    return {"engine": "local", "workers_ready_cpu": workers, "parent_cpu": round(parent, 3)}


def dask_start() -> dict:
    from svodka.scale.engine import dask_executor

    before = _own_cpu()
    with dask_executor(workers=2) as execute:
        workers = sorted(execute.client.run(cpu_used).values())
        parent = _own_cpu() - before
    return {"engine": "dask", "workers_ready_cpu": workers, "parent_cpu": round(parent, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=("local", "dask"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:   # each engine in a fresh process: Dask's import stays out of the pool's
        print(json.dumps(pool_start() if args.only == "local" else dask_start()))
        return
    import subprocess
    for round_ in range(1, args.rounds + 1):
        for engine in ("local", "dask"):
            done = subprocess.run([sys.executable, __file__, "--only", engine],
                                  capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps({"round": round_, **result,
                              "load_average": round(os.getloadavg()[0], 1)}), flush=True)


if __name__ == "__main__":
    main()
