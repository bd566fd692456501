"""CPU per request by route, in-process, with no kept answers: the bench's own requests.

    PYTHONPATH=<tree> python bench/serve_routes.py --db sqlite:////tmp/news.db [--requests 300]
    PYTHONPATH=<tree> python bench/serve_routes.py --db … --one-off-searches 120

Runs ``bench/serve.py``'s request mix (same seed) through ``TestClient`` against the tree on
``PYTHONPATH`` — run it once per tree, alternating, to compare — and prints the process CPU
(client included) per route; ``--one-off-searches N`` instead times ``Store.search_list``
on the mix's one-off searches (each run twice: wall time of the first pass, CPU of the
second).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import workload  # noqa: E402


def routes(db: str, count: int) -> None:
    from fastapi.testclient import TestClient

    from svodka.api import ServerLimits, create_app

    requests = workload(db, 100 + count, 1, 1 / 3)[100:]
    cpu: dict[str, list[float]] = {}
    app = create_app(db, limits=ServerLimits(page_cache_bytes=0))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for _, path in requests[:30]:                  # warm: models, statements, templates
            client.get(path)
        for kind, path in requests:
            started = time.process_time()
            response = client.get(path)
            cpu.setdefault(kind, []).append((time.process_time() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    for kind, values in sorted(cpu.items()):
        print(f"{kind}: n {len(values)}, median {statistics.median(values):.2f} ms, "
              f"mean {statistics.mean(values):.2f} ms")
    print(f"all: mean {statistics.mean(v for vs in cpu.values() for v in vs):.2f} ms")


def one_off(db: str, count: int) -> None:
    from svodka.store import open_store
    from svodka.store.listing import SearchFilters

    searches = [parse_qs(path.split("?", 1)[1]) for kind, path in workload(db, 2400, 1, 1 / 3)
                if "search" in kind and "%20" in path][:count + 20]

    def run(store, batch):
        for params in batch:
            store.search_list(params["q"][0], SearchFilters(kind=params.get("kind", [None])[0]),
                              params.get("sort", ["relevance"])[0], 0, 20)

    with open_store(db) as store:
        run(store, searches[:20])
        batch = searches[20:]
        started = time.perf_counter()
        run(store, batch)
        wall = time.perf_counter() - started
        started = time.process_time()
        run(store, batch)
        cpu = time.process_time() - started
    print(f"{len(batch)} one-off searches: {1000 * wall / len(batch):.2f} ms wall each "
          f"(first pass), {1000 * cpu / len(batch):.2f} ms CPU each (second pass)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--one-off-searches", type=int, default=0)
    args = parser.parse_args()
    if args.one_off_searches:
        one_off(args.db, args.one_off_searches)
    else:
        routes(args.db, args.requests)


if __name__ == "__main__":
    main()
