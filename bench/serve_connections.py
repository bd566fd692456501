"""How ``svodka serve --workers N`` spreads a burst's kept-alive connections over its workers.

    PYTHONPATH=<tree> python bench/serve_connections.py --db sqlite:////tmp/news.db [--tries 3]

Starts the server from the tree on ``PYTHONPATH``, then, ``--tries`` times: sends
``--warmup`` requests of ``bench/serve.py``'s mix 20 at a time (as its warm-up does, new
ones each try), opens ``--connections`` connections at once right after (as its burst
does), sends one request on each, and counts with ``ss`` which worker holds each.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import (HOST, RawConnection, free_port, raw_burst, wait_for_server,  # noqa: E402
                   workload)


async def spread(port: int, count: int) -> list[int]:
    connections = [RawConnection(HOST, port) for _ in range(count)]
    try:
        await asyncio.gather(*(c.get("/api/stats") for c in connections))
        listing = subprocess.run(["ss", "-tnpH", "state", "established",
                                  f"( sport = :{port} )"], capture_output=True, text=True,
                                 check=True).stdout
        return sorted(collections.Counter(re.findall(r"pid=(\d+)", listing)).values(),
                      reverse=True)
    finally:
        for connection in connections:
            connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--tries", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()
    mix = workload(args.db, args.warmup * args.tries, 7, 1 / 3)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", args.db,
                               "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server(server, f"http://{HOST}:{port}", "PYTHONPATH")
        for attempt in range(args.tries):
            warmup = mix[attempt * args.warmup:(attempt + 1) * args.warmup]
            asyncio.run(raw_burst(f"http://{HOST}:{port}", warmup, 20))
            counts = asyncio.run(spread(port, args.connections))
            print("connections per worker:", "/".join(map(str, counts + [0] * (
                args.workers - len(counts)))))
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
