"""Where a computed answer's wall time goes *during the burst*, and where the server's CPU goes.

    python bench/serve_probe.py --db sqlite:////tmp/news.db [--server-workers 2] [--tree DIR]

Runs ``bench/serve.py``'s load (same requests, same seed, same raw-socket client: warm-up,
the burst of 20 at a time, then one at a time) against a real ``svodka serve`` from
``--tree`` whose workers are instrumented by ``bench/probe/sitecustomize.py``. For each
answer the server *computed* (not kept) it splits the wall time inside the app into: the
event loop before the handler (middleware, routing, validation), the wait for a thread of
the pool, the handler's thread on a core (CPU), that thread waiting for a core (the
kernel's run queue), that thread waiting otherwise — for the GIL, mostly — and the event
loop after (taking the result back, the response, the middleware). SQLite's share of the
thread's time is shown apart. It prints, per phase, the server's CPU per request split
into the handler threads' and the event loops', SQLite connections opened and context
switches — the numbers that say why a request costs more CPU under load.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from cpu import tree_cpu_seconds  # noqa: E402
from serve import HOST, burst, free_port, percentile, wait_for_server, workload  # noqa: E402

PROBE = ROOT / "bench" / "probe"


def snapshot(pid: int) -> dict:
    """CPU seconds (user, system) of the supervisor, the workers' event loops (each worker's
    main thread) and their other threads (the pool); context switches of all."""
    parts = {"supervisor": [0.0, 0.0], "event loops": [0.0, 0.0], "pool threads": [0.0, 0.0],
             "switches": 0}
    parent = psutil.Process(pid)
    for process in [parent, *parent.children(recursive=True)]:
        try:
            threads = process.threads()
            counts = process.num_ctx_switches()
        except psutil.Error:
            continue
        parts["switches"] += counts.voluntary + counts.involuntary
        for thread in threads:
            part = ("supervisor" if process.pid == pid else
                    "event loops" if thread.id == process.pid else "pool threads")
            parts[part][0] += thread.user_time
            parts[part][1] += thread.system_time
    return parts


def difference(after: dict, before: dict) -> dict:
    return {name: (after[name] - before[name] if name == "switches" else
                   [a - b for a, b in zip(after[name], before[name])]) for name in after}


def run(args, requests, probe_dir: str) -> dict:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=f"{PROBE}:{args.tree}", SVODKA_PROBE_DIR=probe_dir)
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", args.db,
                               "--host", HOST, "--port", str(port),
                               "--workers", str(args.server_workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://{HOST}:{port}"
    phases = {}
    try:
        wait_for_server(server, base, args.tree)
        asyncio.run(burst(base, requests[:args.warmup], args.concurrency, "raw"))
        for name, chunk, concurrency in (
                ("burst", requests[args.warmup:args.warmup + args.requests], args.concurrency),
                ("one at a time", requests[args.warmup + args.requests:], 1)):
            cpu, before = tree_cpu_seconds(server.pid), snapshot(server.pid)
            started = time.perf_counter()
            result = asyncio.run(burst(base, chunk, concurrency, "raw"))
            phases[name] = {"from": started, "to": time.perf_counter(), "n": len(chunk),
                            "server_cpu": tree_cpu_seconds(server.pid) - cpu,
                            "cpu": difference(snapshot(server.pid), before), "client": result}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return phases


def read_records(probe_dir: str) -> list[dict]:
    records = []
    for path in Path(probe_dir).glob("*.jsonl"):
        pid = path.stem
        for line in path.read_text().splitlines():
            records.append(json.loads(line) | {"pid": pid})
    return records


def split(record: dict) -> dict:
    """The parts of one answer's wall time inside the app, in ms."""
    hops = record.get("hops", [])
    wall = record["left"] - record["entered"]
    parts = {"wall": wall, "pool wait": 0.0, "thread CPU": 0.0, "thread run queue": 0.0,
             "thread other wait": 0.0, "SQLite": 0.0, "back to loop": 0.0}
    in_hops = 0.0
    for hop in hops:
        parts["pool wait"] += hop["start"] - hop["submitted"]
        span = hop["stop"] - hop["start"]
        parts["thread CPU"] += hop["cpu"]
        parts["thread run queue"] += hop["runq"]
        parts["thread other wait"] += max(0.0, span - hop["cpu"] - hop["runq"])
        parts["SQLite"] += hop["sql"]
        parts["back to loop"] += hop["resumed"] - hop["stop"]
        in_hops += hop["resumed"] - hop["submitted"]
    parts["event loop"] = wall - in_hops
    parts["threads busy"] = max((hop["threads"] for hop in hops), default=0)
    return {name: value * 1000 if name != "threads busy" else value
            for name, value in parts.items()}


COLUMNS = ("event loop", "pool wait", "thread CPU", "thread run queue", "thread other wait",
           "back to loop", "SQLite")


def report(phases: dict, records: list[dict]) -> None:
    print("Computed answers (status 200, not kept), wall time inside the app, mean ms "
          "(SQLite: part of the thread's time):\n")
    print("| phase | route | n | wall mean / p50 / p95 | " + " | ".join(COLUMNS)
          + " | handlers in flight (mean) |")
    print("|---|---|---:|---:|" + "---:|" * (len(COLUMNS) + 1))
    for name, phase in phases.items():
        inside = [r for r in records if phase["from"] <= r["entered"] <= phase["to"]]
        computed = [r for r in inside if r.get("status") == 200 and not r.get("kept")
                    and r.get("hops")]
        by_route: dict[str, list[dict]] = {}
        for record in computed:
            by_route.setdefault(route_of(record["path"]), []).append(split(record))
        everything = [row for rows in by_route.values() for row in rows]
        for route, rows in sorted(by_route.items()) + [("**all**", everything)]:
            walls = sorted(row["wall"] for row in rows)
            print(f"| {name} | {route} | {len(rows)} | {statistics.mean(walls):.1f} / "
                  f"{statistics.median(walls):.1f} / {percentile(walls, .95):.1f} | "
                  + " | ".join(f"{statistics.mean(row[c] for row in rows):.2f}"
                               for c in COLUMNS)
                  + f" | {statistics.mean(row['threads busy'] for row in rows):.1f} |")
    print("\nThe server's CPU per request (all answers, kept ones too), ms, user + system:\n")
    print("| phase | requests | kept | server CPU / request | handlers' own CPU / computed "
          "answer | pool threads / request | event loops / request | supervisor / request "
          "| SQLite connections opened | context switches / request | in-app wall p50 / p95 "
          "| client p50 / p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, phase in phases.items():
        inside = [r for r in records if phase["from"] <= r["entered"] <= phase["to"]]
        computed = [r for r in inside if r.get("hops")]
        handler_cpu = sum(hop["cpu"] for r in computed for hop in r["hops"])
        n = phase["n"]
        cpu = phase["cpu"]
        opened = 0
        for pid in {r["pid"] for r in inside}:
            mine = [r for r in inside if r["pid"] == pid]
            opened += (max(r["connects_after"] for r in mine)
                       - min(r["connects_before"] for r in mine))

        def per_request(part):
            user, system = cpu[part]
            return f"{1000 * user / n:.2f} + {1000 * system / n:.2f}"
        walls = sorted((r["left"] - r["entered"]) * 1000 for r in inside)
        client = [v for values in phase["client"]["timings"].values() for v in values]
        kept = sum(1 for r in inside if r.get("kept"))
        print(f"| {name} | {n} ({len(inside)} seen) | {100 * kept / max(1, len(inside)):.0f} % | "
              f"{1000 * phase['server_cpu'] / n:.2f} | "
              f"{1000 * handler_cpu / max(1, len(computed)):.2f} | "
              f"{per_request('pool threads')} | {per_request('event loops')} | "
              f"{per_request('supervisor')} | {opened} | "
              f"{cpu['switches'] / n:.1f} | "
              f"{statistics.median(walls):.1f} / {percentile(walls, .95):.1f} | "
              f"{statistics.median(client):.1f} / {percentile(client, .95):.1f} |")


def route_of(path: str) -> str:
    if path.startswith("/api/search"):
        return "api search"
    if path.startswith("/search"):
        return "search page"
    if path.startswith("/articles/"):
        return "article page"
    if path.startswith("/entities/"):
        return "entity page"
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the server's source tree")
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--sequential", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    requests = workload(args.db, args.warmup + args.requests + args.sequential, args.seed,
                        1 / 3)
    print(f"load average {os.getloadavg()[0]:.1f} at the start", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="svodka-probe-") as probe_dir:
        phases = run(args, requests, probe_dir)
        report(phases, read_records(probe_dir))


if __name__ == "__main__":
    main()
