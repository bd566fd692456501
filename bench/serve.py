"""Load test of ``svodka serve``: a bounded burst of searches and article pages on 127.0.0.1.

    python bench/serve.py --db sqlite:////tmp/news.db            # build (or reuse) and measure
    python bench/serve.py --db sqlite:////tmp/news.db --no-docs  # measure, print only

Builds the store with ``svodka ingest`` over the news corpus when it is empty, starts
``svodka serve`` in a subprocess, sends ``--requests`` requests with ``--concurrency`` at a
time (httpx, async) and writes p50/p95/p99 and error counts per kind of request into
docs/performance.md between the ``bench:serve`` markers.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"
DOCS = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(ROOT / "bench"))
from cpu import tree_cpu_seconds as server_cpu_seconds  # noqa: E402
from sections import replace_section  # noqa: E402
HOST = "127.0.0.1"   # the burst never leaves this machine
TOPICS = ["нефть", "санкции", "выборы", "инвестиции", "президент", "правительство", "рубль",
          "Украина", "Китай", "переговоры", "заявил", "миллиардов долларов", "министр",
          "пресс-служба", "суд", "инфляция", "газ", "Москва", "США", "экономика"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ensure_store(db: str, news: Path, workers: int, limit: int | None) -> dict:
    from svodka.store import open_store

    with open_store(db) as store:
        stats = store.stats()
    if stats["articles"] == 0:
        paths = sorted(str(p) for p in news.glob("*.jsonlines.zip"))[:limit]
        if not paths:
            sys.exit(f"bench: no news archives in {news}")
        print(f"bench: building the store with svodka ingest over {len(paths)} archives …",
              file=sys.stderr)
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "svodka", "ingest", *paths, "--db", db,
                        "--workers", str(workers), "--quiet"], check=True)
        print(f"bench: ingest took {time.monotonic() - started:.0f}s", file=sys.stderr)
        with open_store(db) as store:
            stats = store.stats()
    return stats


def workload(db: str, total: int, seed: int) -> list[tuple[str, str]]:
    """(kind, path) pairs: article pages, search pages, JSON searches, entity pages."""
    from svodka.store import open_store

    rng = random.Random(seed)
    with open_store(db) as store:
        count = store.count_articles()
        ids = [row["id"] for offset in rng.sample(range(count), min(count, 300))
               for row in store.list_articles(offset=offset, limit=1)]
        names = [e["name"] for e in store.top_entities(limit=40)]
        entities = [e["id"] for e in store.top_entities(limit=40)]
    queries = TOPICS + names
    mix = [("article page", 0.45), ("search page", 0.30), ("api search", 0.15),
           ("entity page", 0.10)]
    requests = []
    for _ in range(total):
        kind = rng.choices([k for k, _ in mix], [w for _, w in mix])[0]
        if kind == "article page":
            path = f"/articles/{rng.choice(ids)}"
        elif kind == "search page":
            path = f"/search?q={quote(rng.choice(queries))}"
        elif kind == "api search":
            path = f"/api/search?q={quote(rng.choice(queries))}&limit=20"
        else:
            path = f"/entities/{quote(rng.choice(entities))}"
        requests.append((kind, path))
    return requests


async def burst(base: str, requests: list[tuple[str, str]], concurrency: int) -> dict:
    timings: dict[str, list[float]] = {}
    kept: dict[str, int] = {}        # answers the server had kept (X-Svodka-Cache: hit)
    errors: dict[str, int] = {}
    reasons: dict[str, int] = {}
    queue = list(reversed(requests))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def worker():
            while queue:
                kind, path = queue.pop()
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    problem = None if response.status_code == 200 else str(response.status_code)
                    if response.headers.get("x-svodka-cache") == "hit":
                        kept[kind] = kept.get(kind, 0) + 1
                except httpx.HTTPError as error:
                    problem = type(error).__name__
                timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
                if problem:
                    errors[kind] = errors.get(kind, 0) + 1
                    reasons[problem] = reasons.get(problem, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return {"timings": timings, "kept": kept, "errors": errors, "reasons": reasons,
            "seconds": seconds}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def table(result: dict) -> list[str]:
    lines = ["| request | n | p50 ms | p95 ms | p99 ms | errors | kept answers |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    every = []
    for kind in sorted(result["timings"]):
        values = result["timings"][kind]
        every += values
        lines.append(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | "
                     f"{percentile(values, .95):.1f} | {percentile(values, .99):.1f} | "
                     f"{result['errors'].get(kind, 0)} | "
                     f"{_share(result['kept'].get(kind, 0), values)} |")
    lines.append(f"| **all** | {len(every)} | {statistics.median(every):.1f} | "
                 f"{percentile(every, .95):.1f} | {percentile(every, .99):.1f} | "
                 f"{sum(result['errors'].values())} | "
                 f"{_share(sum(result['kept'].values()), every)} |")
    if result["reasons"]:
        lines.append("\nErrors by cause: " + ", ".join(
            f"{cause} × {count}" for cause, count in sorted(result["reasons"].items())))
    return lines


def _share(count: int, values: list) -> str:
    return f"{100 * count / len(values):.0f} %"


def report(result: dict, sequential: dict | None, stats: dict, args, load: float) -> str:
    count = sum(len(values) for values in result["timings"].values())
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = (f"Measured {when} by `python bench/serve.py --db {args.db} --requests "
            f"{args.requests} --concurrency {args.concurrency} --server-workers "
            f"{args.server_workers}"
            f"{'' if args.page_cache_mb is None else f' --page-cache-mb {args.page_cache_mb}'}`: "
            f"{count} requests, "
            f"{args.concurrency} at a time, to "
            f"127.0.0.1 in {result['seconds']:.1f}s ({count / result['seconds']:.0f} req/s) after "
            f"{args.warmup} warm-up requests (CPU per request: the server "
            f"{result['server_cpu_ms']:.1f} ms, the client {result['client_cpu_ms']:.1f} ms); "
            f"store: {stats['articles']} articles, "
            f"{stats['entities']} entities, {stats['quotes']} quotes (SQLite); "
            f"{args.server_workers} server worker(s) on a {_cpus()}-core machine whose load "
            f"average was {load:.1f} when the burst started.")
    lines = table(result)
    if sequential:
        lines += ["", f"Then {args.sequential} requests one at a time (service time, no "
                      f"queueing; the server's CPU per request "
                      f"{sequential['server_cpu_ms']:.1f} ms):", ""] + table(sequential)
    return head + "\n\n" + "\n".join(lines)


def _cpus() -> int:
    return os.cpu_count() or 1


def write_section(text: str) -> None:
    replace_section(DOCS, "serve", f"## Serving (`bench/serve.py`)\n\n{text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:///bench-news.db", help="store URL (reused)")
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--archives", type=int, default=None, help="ingest only the first N")
    parser.add_argument("--ingest-workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--server-workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page-cache-mb", type=int, default=None,
                        help="svodka serve's --page-cache-mb (0: every answer is computed; "
                             "default: the server's own)")
    parser.add_argument("--sequential", type=int, default=300,
                        help="then this many requests one at a time (0: skip)")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 64 or not 1 <= args.requests <= 20_000:
        sys.exit("bench: keep the burst bounded (concurrency ≤ 64, requests ≤ 20000)")

    stats = ensure_store(args.db, args.news, args.ingest_workers, args.archives)
    requests = workload(args.db, args.warmup + args.requests + args.sequential, args.seed)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", args.db,
                              "--host", HOST, "--port", str(port),
                              "--workers", str(args.server_workers),
                              *(["--page-cache-mb", str(args.page_cache_mb)]
                                if args.page_cache_mb is not None else [])],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("bench: the server did not start")
            time.sleep(0.3)
        asyncio.run(burst(base, requests[:args.warmup], args.concurrency))
        load = os.getloadavg()[0]
        measured = requests[args.warmup:args.warmup + args.requests]
        client_cpu, server_cpu = time.process_time(), server_cpu_seconds(server.pid)
        result = asyncio.run(burst(base, measured, args.concurrency))
        result["client_cpu_ms"] = (time.process_time() - client_cpu) * 1000 / len(measured)
        result["server_cpu_ms"] = ((server_cpu_seconds(server.pid) - server_cpu) * 1000
                                   / len(measured))
        sequential = None
        if args.sequential:
            one_by_one = requests[args.warmup + args.requests:]
            server_cpu = server_cpu_seconds(server.pid)
            sequential = asyncio.run(burst(base, one_by_one, 1))
            sequential["server_cpu_ms"] = ((server_cpu_seconds(server.pid) - server_cpu) * 1000
                                           / len(one_by_one))
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = report(result, sequential, stats, args, load)
    print(text)
    if not args.no_docs:
        write_section(text)


if __name__ == "__main__":
    main()
