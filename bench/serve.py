"""Load test of ``svodka serve``: a bounded burst of searches and article pages on 127.0.0.1.

    python bench/serve.py --db sqlite:////tmp/news.db            # build (or reuse) and measure
    python bench/serve.py --db sqlite:////tmp/news.db --no-docs  # measure, print only
    python bench/serve.py --db … --baseline-tree /path/to/main   # main's server, then this one
    python bench/serve.py --db … --client httpx                  # the load from httpx, as before

Builds the store with ``svodka ingest`` over the news corpus when it is empty, starts
``svodka serve`` in a subprocess, sends ``--requests`` requests with ``--concurrency`` at a
time (asyncio sockets, or httpx) and writes p50/p95/p99 and error counts per kind of request — for all
answers and for those the server computed (not kept) — into docs/performance.md between
the ``bench:serve`` markers.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
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


def wait_for_server(server: subprocess.Popen, base: str, tree) -> None:
    """Wait (at most 5 minutes) until the server answers ``/api/stats``; exit if it died."""
    deadline = time.monotonic() + 300
    while True:
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            sys.exit(f"bench: the server from {tree} did not start")
        time.sleep(0.3)


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


def workload(db: str, total: int, seed: int, unique_share: float) -> list[tuple[str, str]]:
    """(kind, path) pairs: article pages, search pages, JSON searches, entity pages.

    Searches are of two sorts, as on a team's workbench: popular ones (60 queries — 20
    topics and the 40 most mentioned names — asked with Zipf weights, the first most), which
    a server that keeps answers mostly has kept; and ``unique_share`` of one-off ones (a name
    and a topic, alone or sorted by date or as quotes, each asked once), which it never has.
    """
    from svodka.store import open_store

    rng = random.Random(seed)
    with open_store(db) as store:
        count = store.count_articles()
        ids = [row["id"] for offset in rng.sample(range(count), min(count, 300))
               for row in store.list_articles(offset=offset, limit=1)]
        leaders = store.top_entities(limit=40)
    names = [e["name"] for e in leaders]
    entities = [e["id"] for e in leaders]
    popular = TOPICS + names
    weights = [1 / rank for rank in range(1, len(popular) + 1)]
    rng.shuffle(popular)            # topics and names mixed over the ranks
    one_off = [f"q={quote(name + ' ' + topic)}{extra}" for name in names for topic in TOPICS
               for extra in ("", "&sort=date", "&kind=quote")]
    rng.shuffle(one_off)
    mix = [("article page", 0.45), ("search page", 0.30), ("api search", 0.15),
           ("entity page", 0.10)]
    requests = []
    for _ in range(total):
        kind = rng.choices([k for k, _ in mix], [w for _, w in mix])[0]
        if kind in ("search page", "api search"):
            if one_off and rng.random() < unique_share:
                params = one_off.pop()
            else:
                params = f"q={quote(rng.choices(popular, weights)[0])}"
            path = f"/search?{params}" if kind == "search page" else \
                f"/api/search?{params}&limit=20"
        elif kind == "article page":
            path = f"/articles/{rng.choice(ids)}"
        else:
            path = f"/entities/{quote(rng.choice(entities))}"
        requests.append((kind, path))
    return requests


class RawConnection:
    """HTTP/1.1 GETs over one kept-alive socket, parsed by hand: 0.1 ms of the client's CPU
    a request where httpx took 1.8-2.6 ms — on two cores, as much as the server itself, taken
    from the machine the server is measured on (the report prints both per request)."""

    def __init__(self, host: str, port: int, answered: collections.Counter | None = None):
        self.host, self.port = host, port
        self.reader = self.writer = None
        # answers by the client end's port, to charge each server worker its connections
        self.answered = answered if answered is not None else collections.Counter()
        self.local_port = 0

    async def get(self, path: str) -> tuple[int, dict[bytes, bytes]]:
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                self.local_port = self.writer.get_extra_info("sockname")[1]
            try:
                answer = await self._exchange(path)
                self.answered[self.local_port] += 1
                return answer
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()            # an idle connection the server closed: once more
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, path: str) -> tuple[int, dict[bytes, bytes]]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          f"Accept-Encoding: identity\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head[:-4].split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, headers

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def burst(base: str, requests: list[tuple[str, str]], concurrency: int,
                client: str = "httpx") -> dict:
    if client == "raw":
        return await raw_burst(base, requests, concurrency)
    timings: dict[str, list[float]] = {}
    missed: dict[str, list[float]] = {}   # the answers the server had not kept, computed
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
                    hit = response.headers.get("x-svodka-cache") == "hit"
                except httpx.HTTPError as error:
                    problem, hit = type(error).__name__, False
                took = (time.perf_counter() - started) * 1000
                timings.setdefault(kind, []).append(took)
                if hit:
                    kept[kind] = kept.get(kind, 0) + 1
                else:
                    missed.setdefault(kind, []).append(took)
                if problem:
                    errors[kind] = errors.get(kind, 0) + 1
                    reasons[problem] = reasons.get(problem, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return {"timings": timings, "missed": missed, "kept": kept, "errors": errors,
            "reasons": reasons, "seconds": seconds}


async def raw_burst(base: str, requests: list[tuple[str, str]], concurrency: int) -> dict:
    """:func:`burst` with :class:`RawConnection` clients, one connection each."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    result = {"timings": {}, "missed": {}, "kept": {}, "errors": {}, "reasons": {},
              "answered": collections.Counter()}
    queue = list(reversed(requests))

    async def worker():
        connection = RawConnection(host, int(port), result["answered"])
        try:
            while queue:
                kind, path = queue.pop()
                started = time.perf_counter()
                try:
                    status, headers = await asyncio.wait_for(connection.get(path), 30)
                    problem = None if status == 200 else str(status)
                    hit = headers.get(b"x-svodka-cache") == b"hit"
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError,
                        ValueError) as error:
                    problem, hit = type(error).__name__, False
                    connection.close()
                _count(result, kind, (time.perf_counter() - started) * 1000, hit, problem)
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result["seconds"] = time.perf_counter() - started
    return result


def _count(result: dict, kind: str, took: float, hit: bool, problem: str | None) -> None:
    result["timings"].setdefault(kind, []).append(took)
    if hit:
        result["kept"][kind] = result["kept"].get(kind, 0) + 1
    else:
        result["missed"].setdefault(kind, []).append(took)
    if problem:
        result["errors"][kind] = result["errors"].get(kind, 0) + 1
        result["reasons"][problem] = result["reasons"].get(problem, 0) + 1


class WorkerSplit:
    """Which server worker holds each of the burst's connections, and what it spent.

    A thread lists the server's established sockets with ``ss`` every ``every`` seconds
    (the client end's port and the worker's pid); with the answers the raw client counted
    per port that gives connections and requests per worker. Each worker's CPU seconds and
    the machine's idle CPU seconds are read at the start and the end (``psutil``)."""

    def __init__(self, server_pid: int, port: int, every: float = 0.1):
        import psutil

        self.port, self.every = port, every
        # uvicorn's workers, not multiprocessing's resource tracker
        self.workers = [child.pid for child in psutil.Process(server_pid).children()
                        if "spawn_main" in " ".join(child.cmdline())] or [server_pid]
        self.holder: dict[int, int] = {}     # the client end's port -> the worker's pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _listing(self) -> None:
        listing = subprocess.run(["ss", "-tnpH", "state", "established",
                                  f"( sport = :{self.port} )"], capture_output=True,
                                 text=True).stdout
        for peer, pid in re.findall(r":(\d+)\s+users:\(\([^)]*?pid=(\d+)", listing):
            self.holder[int(peer)] = int(pid)

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            self._listing()

    def _cpu(self) -> dict[int, float]:
        import psutil

        seconds = {}
        for pid in self.workers:
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.Error:
                continue
            seconds[pid] = times.user + times.system
        return seconds

    def __enter__(self) -> "WorkerSplit":
        import psutil

        self._cpu_before, self._idle_before = self._cpu(), psutil.cpu_times().idle
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        import psutil

        self._stop.set()
        self._thread.join()
        self.seconds = time.monotonic() - self._started
        after, self.idle = self._cpu(), psutil.cpu_times().idle - self._idle_before
        self.cpu = {pid: after[pid] - self._cpu_before.get(pid, 0.0) for pid in after}

    def summary(self, answered: collections.Counter) -> dict:
        """Per worker (most requests first): connections, requests, CPU seconds; and the
        requests whose connection no listing saw."""
        rows = {pid: [0, 0, self.cpu.get(pid, 0.0)] for pid in self.workers}
        unseen = 0
        for port, count in answered.items():
            pid = self.holder.get(port)
            if pid in rows:
                rows[pid][0] += 1
                rows[pid][1] += count
            else:
                unseen += count
        ordered = sorted(rows.values(), key=lambda row: -row[1])
        return {"connections": [r[0] for r in ordered], "requests": [r[1] for r in ordered],
                "cpu": [r[2] for r in ordered], "unseen": unseen,
                "idle_cores": self.idle / self.seconds}


def split_line(split: dict) -> str:
    unseen = split["unseen"]
    return (f"Per worker: connections {'/'.join(map(str, split['connections']))}, requests "
            f"{'/'.join(map(str, split['requests']))}, CPU s "
            f"{'/'.join(f'{c:.2f}' for c in split['cpu'])}"
            f"{f', requests on connections no listing saw {unseen}' if unseen else ''}"
            f"; the machine idle {split['idle_cores']:.2f} of {_cpus()} cores.")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def table(result: dict) -> list[str]:
    lines = ["| request | n | p50 ms | p95 ms | p99 ms | errors | kept answers | "
             "p50 / p95 ms of the rest (computed) | over 100 ms: kept / computed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    every, computed = [], []
    for kind in sorted(result["timings"]):
        values, missed = result["timings"][kind], result["missed"].get(kind, [])
        every += values
        computed += missed
        lines.append(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | "
                     f"{percentile(values, .95):.1f} | {percentile(values, .99):.1f} | "
                     f"{result['errors'].get(kind, 0)} | "
                     f"{_share(result['kept'].get(kind, 0), values)} | {_p50_p95(missed)} | "
                     f"{_slow(values, missed)} |")
    lines.append(f"| **all** | {len(every)} | {statistics.median(every):.1f} | "
                 f"**{percentile(every, .95):.1f}** | {percentile(every, .99):.1f} | "
                 f"{sum(result['errors'].values())} | "
                 f"{_share(sum(result['kept'].values()), every)} | **{_p50_p95(computed)}** | "
                 f"{_slow(every, computed)} |")
    if result["reasons"]:
        lines.append("\nErrors by cause: " + ", ".join(
            f"{cause} × {count}" for cause, count in sorted(result["reasons"].items())))
    return lines


def _slow(values: list[float], computed: list[float], limit: float = 100.0) -> str:
    """How many answers took over ``limit`` ms, kept ones and computed ones."""
    slow_computed = sum(1 for value in computed if value > limit)
    return f"{sum(1 for value in values if value > limit) - slow_computed} / {slow_computed}"


def _p50_p95(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{statistics.median(values):.1f} / {percentile(values, .95):.1f}"


def _share(count: int, values: list) -> str:
    return f"{100 * count / len(values):.0f} %"


def report(runs: list[tuple[str, dict, dict | None]], stats: dict, args, load: float) -> str:
    """``runs``: (name, burst, one-at-a-time) per server, this tree's last."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    count = args.requests
    head = (f"Measured {when} by `python bench/serve.py --db {args.db} --requests "
            f"{args.requests} --concurrency {args.concurrency} --server-workers "
            f"{args.server_workers} --unique-searches {args.unique_searches:g}"
            f"{'' if args.page_cache_mb is None else f' --page-cache-mb {args.page_cache_mb}'}"
            f"{' --baseline-tree ' + str(args.baseline_tree) if args.baseline_tree else ''}"
            f"{' --client httpx' if args.client == 'httpx' else ''}`: "
            f"{count} requests, {args.concurrency} at a time, to 127.0.0.1 after "
            f"{args.warmup} warm-up requests; {args.unique_searches:.0%} of the searches are "
            f"one-off queries no server has kept, the rest popular ones (Zipf); store: "
            f"{stats['articles']} articles, {stats['entities']} entities, {stats['quotes']} "
            f"quotes (SQLite); {args.server_workers} server worker(s) on a {_cpus()}-core "
            f"machine whose load average was {load:.1f} when the first burst started.")
    parts = [head]
    for name, result, sequential in runs:
        lines = [f"### {name}", "",
                 f"{result['seconds']:.1f}s ({count / result['seconds']:.0f} req/s); CPU per "
                 f"request: the server {result['server_cpu_ms']:.1f} ms, the client "
                 f"{result['client_cpu_ms']:.1f} ms."
                 + (f" {split_line(result['split'])}" if "split" in result else ""), ""
                 ] + table(result)
        if sequential:
            lines += ["", f"Then {args.sequential} requests one at a time (service time, no "
                          f"queueing; the server's CPU per request "
                          f"{sequential['server_cpu_ms']:.1f} ms):", ""] + table(sequential)
        parts.append("\n".join(lines))
    if len(runs) == 2:
        (_, before, _), (_, after, _) = runs
        parts.append("This tree against the baseline, in the same run: " + ", ".join(
            f"{label} {_ratio(after, before, measure):.2f}×" for label, measure in (
                ("p95", lambda r: percentile(_every(r, "timings"), .95)),
                ("p95 of computed answers", lambda r: percentile(_every(r, "missed"), .95)),
                ("throughput", lambda r: count / r["seconds"]),
                ("server CPU per request", lambda r: r["server_cpu_ms"]))) + ".")
    return "\n\n".join(parts)


def _every(result: dict, key: str) -> list[float]:
    return [value for values in result[key].values() for value in values] or [float("nan")]


def _ratio(after: dict, before: dict, measure) -> float:
    return measure(after) / measure(before)


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
    parser.add_argument("--unique-searches", type=float, default=1 / 3,
                        help="share of searches asked once (never kept by the server)")
    parser.add_argument("--baseline-tree", type=Path, default=None,
                        help="first measure a server from this source tree (e.g. a checkout "
                             "of main) on the same store and requests, then compare")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="the load's HTTP client: raw sockets parsed by hand (0.1 ms of "
                             "CPU a request), or httpx (until the sixth session; 1.8-2.6 ms "
                             "a request, on the two cores the server is measured on)")
    parser.add_argument("--worker-split", action="store_true",
                        help="count the burst's connections, requests and CPU per server "
                             "worker (ss every 0.1 s; raw client only)")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 64 or not 1 <= args.requests <= 20_000:
        sys.exit("bench: keep the burst bounded (concurrency ≤ 64, requests ≤ 20000)")

    stats = ensure_store(args.db, args.news, args.ingest_workers, args.archives)
    requests = workload(args.db, args.warmup + args.requests + args.sequential, args.seed,
                        args.unique_searches)
    runs = []
    load = os.getloadavg()[0]
    trees = ([("baseline: " + str(args.baseline_tree), args.baseline_tree)]
             if args.baseline_tree else []) + [("this tree", ROOT)]
    for name, tree in trees:
        runs.append((name, *measure(args, requests, tree)))
    text = report(runs, stats, args, load)
    print(text)
    if not args.no_docs:
        write_section(text)


def measure(args, requests: list[tuple[str, str]], tree: Path) -> tuple[dict, dict | None]:
    """A server from ``tree``'s code over the store: warm-up, the burst, one at a time."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(tree))
    server = subprocess.Popen([sys.executable, "-m", "svodka", "serve", "--db", args.db,
                              "--host", HOST, "--port", str(port),
                              "--workers", str(args.server_workers),
                              *(["--page-cache-mb", str(args.page_cache_mb)]
                                if args.page_cache_mb is not None else [])],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://{HOST}:{port}"
    try:
        wait_for_server(server, base, tree)
        asyncio.run(burst(base, requests[:args.warmup], args.concurrency, args.client))
        measured = requests[args.warmup:args.warmup + args.requests]
        client_cpu, server_cpu = time.process_time(), server_cpu_seconds(server.pid)
        if args.worker_split and args.client == "raw":
            with WorkerSplit(server.pid, port) as split:
                result = asyncio.run(burst(base, measured, args.concurrency, args.client))
            result["split"] = split.summary(result["answered"])
        else:
            result = asyncio.run(burst(base, measured, args.concurrency, args.client))
        result["client_cpu_ms"] = (time.process_time() - client_cpu) * 1000 / len(measured)
        result["server_cpu_ms"] = ((server_cpu_seconds(server.pid) - server_cpu) * 1000
                                   / len(measured))
        sequential = None
        if args.sequential:
            one_by_one = requests[args.warmup + args.requests:]
            server_cpu = server_cpu_seconds(server.pid)
            sequential = asyncio.run(burst(base, one_by_one, 1, args.client))
            sequential["server_cpu_ms"] = ((server_cpu_seconds(server.pid) - server_cpu) * 1000
                                           / len(one_by_one))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return result, sequential


if __name__ == "__main__":
    main()
