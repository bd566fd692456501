"""Where a computed answer's CPU goes, per route and per part, with no client in the count.

    PYTHONPATH=<tree> python bench/serve_cpu_parts.py --db sqlite:////tmp/news.db [--each 150]

Takes ``bench/serve.py``'s own requests (same seed), keeps the first ``--each`` distinct
paths of each sort — article pages, one-off search pages and JSON searches (a name and a
topic, never kept by a server), popular ones, entity pages — and calls the app directly
(ASGI, no HTTP client, no kept answers), one request at a time, ``--passes`` times. For
each request it takes the process's CPU (the event loop and the handler's thread) and,
inside the handler's thread, the CPU of: the store's reads (``Store`` methods; for a
search, the statement that finds the hits, totals and facets apart from the hits' rows and
snippets, ``_hits``), the article's highlighting (``article_view``), the article's
correction forms (``article_forms``), the template (``Template.render``). "The rest" is
routing, validation, the thread hop, the middleware and the answer's bytes.

CPU time (not wall) so that other processes' load matters less; on a shared machine it
still moves by 10-20 % between runs: run it once per tree, alternating, and compare.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import workload  # noqa: E402

PARTS = ("store", "hits", "highlight", "forms", "template")
spent = dict.fromkeys(PARTS, 0.0)
_depth = [0]


def _timed(function, part: str):
    def wrapper(*args, **kwargs):
        _depth[0] += 1
        started = time.thread_time()
        inner_before = dict(spent)
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            took = time.thread_time() - started
            nested = sum(spent[p] - inner_before[p] for p in PARTS)
            if _depth[0] == 0 or part != "store":   # a store method calling another: once
                spent[part] += took - nested
    return wrapper


def instrument() -> None:
    import jinja2

    from svodka.api import correction_pages, pages
    from svodka.store import Store, listing

    for name, member in list(vars(Store).items()):
        if callable(member) and not name.startswith("_") and name != "close":
            setattr(Store, name, _timed(member, "store"))
    listing._hits = _timed(listing._hits, "hits")
    pages.article_view = _timed(pages.article_view, "highlight")
    correction_pages.article_forms = _timed(correction_pages.article_forms, "forms")
    jinja2.Template.render = _timed(jinja2.Template.render, "template")


def requests_by_route(db: str, each: int) -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {}
    for kind, path in workload(db, 4000, 1, 1 / 3):
        if kind in ("search page", "api search"):
            kind += " (one-off)" if "%20" in path.partition("&")[0] else " (popular)"
        paths = chosen.setdefault(kind, [])
        if path not in paths and len(paths) < each:
            paths.append(path)
    return chosen


async def call(app, path: str) -> None:
    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": unquote(route),
             "raw_path": route.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 80)}
    status = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    assert status == [200], (path, status)


async def measure(app, chosen: dict[str, list[str]], passes: int) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {}
    for paths in chosen.values():            # warm: models, statements, templates
        for path in paths[:5]:
            await call(app, path)
    for _ in range(passes):
        for kind, paths in chosen.items():
            for path in paths:
                before = dict(spent)
                started = time.process_time()
                await call(app, path)
                total = time.process_time() - started
                rows.setdefault(kind, []).append(
                    (total, *(spent[p] - before[p] for p in PARTS)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--each", type=int, default=150, help="distinct paths per route")
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args()
    instrument()
    from svodka.api import ServerLimits, create_app

    chosen = requests_by_route(args.db, args.each)
    app = create_app(args.db, limits=ServerLimits(page_cache_bytes=0))
    rows = asyncio.run(measure(app, chosen, args.passes))
    print("| route | n | CPU ms a request (mean / p50) | store reads | hits and snippets "
          "| highlighting | correction forms | template | the rest |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, values in sorted(rows.items()):
        total = [v[0] * 1000 for v in values]
        mean = statistics.mean(total)
        parts = [statistics.mean(v[i] for v in values) * 1000 for i in range(1, len(PARTS) + 1)]
        cells = " | ".join(f"{part:.2f}" if part >= 0.005 else "—" for part in parts)
        print(f"| {kind} | {len(values)} | {mean:.2f} / {statistics.median(total):.2f} | "
              f"{cells} | {mean - sum(parts):.2f} |")


if __name__ == "__main__":
    main()
