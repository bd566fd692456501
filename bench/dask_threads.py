"""Where a Dask ingest's CPU goes by process and thread, before and during the loop (issue 13).

    python bench/dask_threads.py [--limit 120] [--workers 2] [--news DIR]

Runs the real ingest (:func:`svodka.ingest.ingest_items` with the Dask executor) into a
throwaway SQLite store. Every thread's CPU (``/proc/<pid>/task/*/stat``, utime + stime) is
read in each worker and in the parent twice: once the workers have loaded their models (their
start: imports and the model load) and once every result is in. The difference is the loop's
CPU by thread, per document: the task thread that extracts, the worker's event loop
(receiving tasks, sending results, heartbeats) and the parent's threads (the ingest loop and
the writer in the main thread; the scheduler, the nannies and the client's comms in the
others). Linux only.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def thread_cpu() -> dict[str, float]:
    """This process's CPU seconds by thread name (threads of one name summed)."""
    import threading

    ticks = os.sysconf("SC_CLK_TCK")
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    by_name: Counter = Counter()
    for task in Path("/proc/self/task").iterdir():
        try:
            name = names.get(int(task.name), "(not a Python thread)")
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:   # the thread ended meanwhile
            continue
        by_name[_kind(name)] += (int(fields[11]) + int(fields[12])) / ticks
    return dict(by_name)


def _kind(name: str) -> str:
    """Dask names its task threads "0-Dask-Default-Threads-PID-N"."""
    if "Dask-Default-Threads" in name:
        return "task thread"
    return name


def _models_loaded(dask_worker) -> bool:
    return bool(getattr(dask_worker, "svodka_models_at", 0.0))


def _difference(after: dict, before: dict) -> dict:
    return {name: round(after.get(name, 0.0) - before.get(name, 0.0), 3)
            for name in sorted(set(after) | set(before))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from ingest import sample_feed

    from svodka.ingest import ingest_items
    from svodka.ingest.sources import expand, iter_items
    from svodka.scale.engine import dask_executor
    from svodka.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        feed = sample_feed(args.news, args.limit, Path(folder))
        files, _ = expand([str(feed)])
        items = [item for path in files for item in iter_items([path])]
        with open_store(Path(folder) / "threads.db") as store, \
                dask_executor(args.workers) as execute:
            client = execute.client
            client.wait_for_workers(args.workers, timeout=600)
            while not all(client.run(_models_loaded).values()):
                time.sleep(0.2)
            started = {"workers": client.run(thread_cpu), "parent": thread_cpu()}
            wall = time.perf_counter()
            summary = ingest_items(items, store, workers=args.workers, executor=execute)
            wall = time.perf_counter() - wall
            ended = {"workers": client.run(thread_cpu), "parent": thread_cpu()}
    documents = summary.read
    loop = {"parent": _difference(ended["parent"], started["parent"])}
    for address, after in ended["workers"].items():
        loop[address] = _difference(after, started["workers"].get(address, {}))
    per_document = {where: {name: round(cpu / documents * 1000, 2) for name, cpu in threads.items()
                            if cpu}
                    for where, threads in loop.items()}
    print(json.dumps({"documents": documents, "loop_wall_s": round(wall, 1),
                      "start_cpu_s": {address: {k: round(v, 2) for k, v in threads.items() if v}
                                      for address, threads in started["workers"].items()},
                      "loop_cpu_ms_per_document": per_document,
                      "stages": {k: round(v, 2) for k, v in summary.stages.items()},
                      "load_average": round(os.getloadavg()[0], 1)}, indent=1))


if __name__ == "__main__":
    main()
