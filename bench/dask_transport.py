"""Benchmark: the CPU that moving prepared records from Dask workers to the parent costs,
by transport, without the extraction around it (issue 13).

    python bench/dask_transport.py [--limit 8] [--tasks 60] [--rounds 2]
                                   [--transports objects objects-direct packed packed-direct]

The parent extracts ``--limit`` news articles once and hands their pickles to a LocalCluster
of two workers started as ``svodka ingest --engine dask`` starts one (svodka's cluster
settings, no models). Each of ``--tasks`` tasks rebuilds a partition of 32 prepared records
from them (the stand-in for extracting them) and returns it:

- ``objects``: a list of the records, which Dask pickles in the worker's event loop (the
  transport before the sixth session), gathered through the scheduler (Dask's default);
- ``packed``: :class:`svodka.scale.engine.Packed`, each record pickled in the task as it is
  made, one bytes object per partition (svodka's transport now);
- ``-direct``: gathered from the workers themselves (``direct_to_workers``), not through the
  scheduler that a LocalCluster runs in the parent.

The parent fetches every result as it finishes and unpacks it into records, as the ingest
does. Reported per record: CPU seconds of the parent's main thread, of its other threads (the
event loop: scheduler, nannies, the client's comms) and of the workers, from psutil, each
transport in a fresh cluster; the rebuild's own CPU (the same in every transport) is measured
in the tasks and reported apart.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PARTITION = 32
TRANSPORTS = ("objects", "objects-direct", "packed", "packed-direct")


def records(limit: int) -> list[bytes]:
    """``limit`` news articles extracted and prepared here, pickled."""
    from dask_cpu import documents
    from svodka.ingest.work import load_worker_models, process

    load_worker_models()
    news = ROOT.parent / "shared" / "data" / "news"
    return [pickle.dumps(process(*task), protocol=pickle.HIGHEST_PROTOCOL)
            for task in documents(news, limit)[:limit]]


def rebuild(pickles: list[bytes], packed: bool) -> tuple:
    """On a worker: a partition of records made afresh (new objects, as extraction makes
    them), returned as ``objects`` or as ``packed``."""
    from svodka.scale.engine import Packed

    cpu = time.thread_time()
    made = [pickle.loads(pickles[n % len(pickles)]) for n in range(PARTITION)]
    if packed:
        made = Packed.of([pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
                          for record in made])
    return made, time.thread_time() - cpu


def _cpu_by_process() -> tuple[float, float, float]:
    import psutil

    parent = psutil.Process(os.getpid())
    times = parent.cpu_times()
    main = next(t.user_time + t.system_time for t in parent.threads() if t.id == os.getpid())
    workers = sum(c.cpu_times().user + c.cpu_times().system
                  for c in parent.children(recursive=True))
    return main, times.user + times.system - main, workers


def run_transport(transport: str, pickles: list[bytes], tasks: int) -> dict:
    import dask
    from distributed import Client, LocalCluster, as_completed

    from svodka.scale.engine import CLUSTER_SETTINGS, Packed

    packed, direct = transport.startswith("packed"), transport.endswith("-direct")
    with dask.config.set(CLUSTER_SETTINGS), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            dashboard_address=None) as cluster, Client(cluster,
                                                       direct_to_workers=direct) as client:
        client.wait_for_workers(2)
        sent = client.scatter(pickles, broadcast=True)
        time.sleep(1)
        before = _cpu_by_process()
        futures = [client.submit(rebuild, sent, packed, pure=False) for _ in range(tasks)]
        made = rebuild_cpu = 0
        for future in as_completed(futures):
            result, cpu = future.result()
            rebuild_cpu += cpu
            made += len(result.results() if isinstance(result, Packed) else result)
            future.release()
        after = _cpu_by_process()
    main, threads, workers = (b - a for a, b in zip(before, after))
    return {"transport": transport, "records": made,
            "parent_main": round(main / made, 5), "parent_threads": round(threads / made, 5),
            "workers": round(workers / made, 5),
            "workers_without_rebuild": round((workers - rebuild_cpu) / made, 5),
            "total_without_rebuild": round((main + threads + workers - rebuild_cpu) / made, 5),
            "load_average": round(os.getloadavg()[0], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=8)
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--transports", nargs="+", default=list(TRANSPORTS), choices=TRANSPORTS)
    args = parser.parse_args()
    pickles = records(args.limit)
    print(json.dumps({"records": len(pickles),
                      "mean_pickle_kb": round(sum(map(len, pickles)) / len(pickles) / 1024, 1)}),
          flush=True)
    for round_ in range(1, args.rounds + 1):
        for transport in args.transports:
            print(json.dumps({"round": round_, **run_transport(transport, pickles, args.tasks)}),
                  flush=True)


if __name__ == "__main__":
    main()
