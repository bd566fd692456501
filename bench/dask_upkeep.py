"""Benchmark: the CPU an idle Dask LocalCluster of two workers burns, per second of wall time.

    python bench/dask_upkeep.py [--seconds 30] [--rounds 2]

With Dask's defaults, without the worker profiler, with svodka's ``QUIET_CLUSTER``
(svodka/scale/engine.py) as the ninth session left it and as it is, and with the slower
worker heartbeats svodka's own LocalCluster adds (``slower_heartbeats``). CPU is summed
with psutil over this process and every process it started (scheduler thread, nannies, workers), from 3 s after the workers joined for
``--seconds``. On a shared machine the load does not change much what an idle process
burns, so the three compare in one run.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu import tree_cpu_seconds  # noqa: E402


def cpu_seconds() -> float:
    return tree_cpu_seconds(os.getpid())


HEARTBEAT = "svodka.heartbeat"   # not a Dask setting: svodka's slower worker heartbeats


def idle_cpu(config: dict, seconds: float) -> float:
    import dask
    from distributed import Client, LocalCluster

    from svodka.scale.engine import slower_heartbeats

    config = dict(config)
    heartbeats = slower_heartbeats() if config.pop(HEARTBEAT, False) else contextlib.nullcontext()
    with heartbeats, dask.config.set(config):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.wait_for_workers(2)
            time.sleep(3)
            before, started = cpu_seconds(), time.perf_counter()
            time.sleep(seconds)
            return (cpu_seconds() - before) / (time.perf_counter() - started)


def main() -> None:
    from svodka.scale.engine import QUIET_CLUSTER

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--configs", nargs="+",
                        default=["quiet_ninth", "quiet", "quiet_heartbeat_2s"])
    args = parser.parse_args()
    # the ninth session's settings (tick 200 ms, system monitor 2 s, the client's poll 2 s)
    ninth = {"distributed.worker.profile.enabled": False,
             "distributed.admin.tick.interval": "200ms",
             "distributed.admin.system-monitor.interval": "2s",
             "distributed.worker.memory.monitor-interval": "1s"}
    configs = {"default": {}, "no_profiler": {"distributed.worker.profile.enabled": False},
               "quiet_ninth": ninth,
               "quiet_ninth_heartbeat_2s": ninth | {HEARTBEAT: True},
               "quiet": QUIET_CLUSTER,
               # svodka's own LocalCluster: QUIET_CLUSTER and the slower heartbeats
               "quiet_heartbeat_2s": QUIET_CLUSTER | {HEARTBEAT: True},
               # what an ingest's scheduler does not need either: the active memory manager
               # (replicas, spilling) and work stealing (the parent keeps 3 tasks a worker)
               "quiet_no_amm_no_stealing": QUIET_CLUSTER | {
                   "distributed.scheduler.active-memory-manager.start": False,
                   "distributed.scheduler.work-stealing": False}}
    configs = {name: configs[name] for name in args.configs}
    for round_ in range(1, args.rounds + 1):
        for name, config in configs.items():
            print(json.dumps({"round": round_, "config": name,
                              "idle_cpu_s_per_s": round(idle_cpu(config, args.seconds), 3)}),
                  flush=True)


if __name__ == "__main__":
    main()
