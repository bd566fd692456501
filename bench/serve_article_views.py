"""What a computed article page costs a server over HTTP, on its first view and after.

    python bench/serve_article_views.py --db sqlite:////tmp/news.db TREE [TREE …]

For each source tree in turn (a checkout of main, a branch), starts ``svodka serve`` from it
with no kept answers (``--page-cache-mb 0``, one worker) and asks for the same ``--articles``
articles, picked at random from the store (``--seed``), one at a time, ``--passes`` times;
prints the server's CPU (user and system) and the wall time per page for each pass. The
first pass reads articles no server has read lately (unless an earlier run picked them).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import HOST, RawConnection, free_port, wait_for_server  # noqa: E402


def article_ids(db: str, count: int, seed: int) -> list[str]:
    from svodka.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]
    return random.Random(seed).sample(ids, min(count, len(ids)))


def measure(db: str, tree: Path, paths: list[str], passes: int) -> list[tuple[float, ...]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", db, "--host", HOST,
                               "--port", str(port), "--page-cache-mb", "0"],
                              env=dict(os.environ, PYTHONPATH=str(tree)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server(server, f"http://{HOST}:{port}", tree)

        async def views():
            connection = RawConnection(HOST, port)
            for path in paths:
                status, _ = await connection.get(path)
                assert status == 200, (path, status)
            connection.close()

        process, rows = psutil.Process(server.pid), []
        for _ in range(passes):
            before, started = process.cpu_times(), time.perf_counter()
            asyncio.run(views())
            after, wall = process.cpu_times(), time.perf_counter() - started
            rows.append(tuple(1000 * value / len(paths) for value in (
                after.user - before.user, after.system - before.system, wall)))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path, nargs="+")
    parser.add_argument("--db", required=True)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = [f"/articles/{quote(i, safe='')}" for i in article_ids(args.db, args.articles,
                                                                    args.seed)]
    for tree in args.trees:
        for number, (user, system, wall) in enumerate(measure(args.db, tree, paths,
                                                              args.passes), 1):
            print(f"{tree}: pass {number}: server CPU {user + system:.2f} ms a page "
                  f"(user {user:.2f}, system {system:.2f}), wall {wall:.2f} ms")


if __name__ == "__main__":
    main()
