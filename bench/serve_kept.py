"""The server's CPU for an answer it has kept: the cost of the HTTP layer, the middleware and
the event loop, with no handler, SQL or template in it.

    python bench/serve_kept.py --db sqlite:////tmp/news.db TREE [TREE …] [--rounds 3]

For each tree in turn (alternating, ``--rounds`` times): starts ``svodka serve`` (one
worker) from that tree, asks ``--pages`` of ``bench/serve.py``'s requests once so they are
kept, then asks them again ``--requests`` times in all over ``--concurrency`` connections
(the raw-socket client) and prints the server's CPU per request — user and system — and
the throughput. Two-thirds of the burst's answers are kept ones.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from serve import HOST, burst, free_port, wait_for_server, workload  # noqa: E402


def cpu_times(pid: int) -> tuple[float, float]:
    user = system = 0.0
    for process in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        user, system = user + times.user, system + times.system
    return user, system


def measure(args, tree: Path, pages: list[tuple[str, str]]) -> tuple[float, float, float, float]:
    """(user ms, system ms) of server CPU per request, requests per second, share kept."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", args.db,
                               "--host", HOST, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, PYTHONPATH=str(tree)))
    base = f"http://{HOST}:{port}"
    try:
        wait_for_server(server, base, tree)
        asyncio.run(burst(base, pages, args.concurrency, "raw"))
        again = [pages[i % len(pages)] for i in range(args.requests)]
        user, system = cpu_times(server.pid)
        started = time.perf_counter()
        result = asyncio.run(burst(base, again, args.concurrency, "raw"))
        seconds = time.perf_counter() - started
        user2, system2 = cpu_times(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if result["errors"]:
        sys.exit(f"bench: errors from {tree}: {result['reasons']}")
    kept = sum(result["kept"].values()) / args.requests
    return ((user2 - user) * 1000 / args.requests, (system2 - system) * 1000 / args.requests,
            args.requests / seconds, kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = workload(args.db, args.pages, 1, 1 / 3)
    rows: dict[Path, list[tuple[float, float, float, float]]] = {t: [] for t in args.trees}
    for round_ in range(args.rounds):
        for tree in args.trees:
            rows[tree].append(measure(args, tree, pages))
            user, system, rate, kept = rows[tree][-1]
            print(f"round {round_ + 1} {tree}: {user:.3f} + {system:.3f} ms CPU a request, "
                  f"{rate:.0f} req/s, {kept:.0%} kept (load {os.getloadavg()[0]:.1f})",
                  flush=True)
    for tree, values in rows.items():
        total = [user + system for user, system, _, _ in values]
        print(f"{tree}: server CPU a kept answer, median of {len(total)}: "
              f"{statistics.median(total):.3f} ms ({', '.join(f'{v:.3f}' for v in total)})")


if __name__ == "__main__":
    main()
