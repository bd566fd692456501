"""Where a computed answer's time goes, per route: SQLite, the store's Python, highlighting,
the template, the rest.

    PYTHONPATH=<tree> python bench/serve_breakdown.py --db sqlite:////tmp/news.db [--requests 300]

Runs ``bench/serve.py``'s request mix (same seed, same routes in the same shares) in-process
through ``TestClient`` with no kept answers, one request at a time, and splits each
request's wall time inside the app into: time in SQLite (every ``execute`` and ``fetch*``
of the driver's cursors — the statements and the stepping through their rows); the rest of
the time in the store's public methods (SQLAlchemy building statements and reading rows,
JSON records made into objects, corrections applied); the article view's highlighting
(``article_view``); Jinja2's ``Template.render``; and the rest (the framework: routing,
validation, the hop to the thread pool and back, middleware, JSON answers; the handlers'
own few lines). Wall times: run it on a quiet machine, or read the shares.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import workload  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "probe"))
from timed_sqlite import timed_connection  # noqa: E402

spent = {"sql": 0.0, "template": 0.0, "store": 0.0, "highlight": 0.0}
PARTS = ("sql", "store", "highlight", "template")


def _add_sql(seconds: float) -> None:
    spent["sql"] += seconds


TimedConnection = timed_connection(_add_sql)


def instrument() -> None:
    """Every SQLite connection opened from here on times its cursors; every template its
    rendering."""
    import jinja2

    connect = sqlite3.connect

    def timed_connect(*args, **kwargs):
        kwargs.setdefault("factory", TimedConnection)
        return connect(*args, **kwargs)

    # SQLAlchemy's pysqlite dialect connects through sqlite3.dbapi2
    sqlite3.connect = sqlite3.dbapi2.connect = timed_connect
    render = jinja2.Template.render

    def timed_render(self, *args, **kwargs):
        started = time.perf_counter()
        sql_before = spent["sql"]
        try:
            return render(self, *args, **kwargs)
        finally:
            # a template that asks the store counts that time as SQL, not as template
            spent["template"] += (time.perf_counter() - started) - (spent["sql"] - sql_before)

    jinja2.Template.render = timed_render
    from svodka.api import pages
    from svodka.store import Store

    depth = [0]

    def timed(function, part: str, minus_sql: bool):
        def wrapper(*args, **kwargs):
            depth[0] += 1
            started, sql_before = time.perf_counter(), spent["sql"]
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:        # a store method calling another counts once
                    took = time.perf_counter() - started
                    spent[part] += took - (spent["sql"] - sql_before if minus_sql else 0)
        return wrapper

    for name, member in vars(Store).items():
        if callable(member) and not name.startswith("_") and name != "close":
            setattr(Store, name, timed(member, "store", minus_sql=True))
    pages.article_view = timed(pages.article_view, "highlight", minus_sql=False)


def timed_app(app, totals: list[float]):
    async def wrapper(scope, receive, send):
        started = time.perf_counter()
        await app(scope, receive, send)
        totals.append(time.perf_counter() - started)
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args()
    instrument()
    from fastapi.testclient import TestClient

    from svodka.api import ServerLimits, create_app

    requests = workload(args.db, 100 + args.requests, 1, 1 / 3)[100:]
    totals: list[float] = []
    app = create_app(args.db, limits=ServerLimits(page_cache_bytes=0))
    rows: dict[str, list[tuple[float, ...]]] = {}
    with TestClient(timed_app(app, totals), base_url="http://127.0.0.1") as client:
        for _, path in requests[:args.warmup]:    # models, statements, templates
            client.get(path)
        for kind, path in requests:
            before = dict(spent)
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            rows.setdefault(kind, []).append(
                (totals[-1], *(spent[part] - before[part] for part in PARTS)))
    print("| route | n | total ms (mean / p50 / p95) | SQLite | store's Python | highlighting "
          "| template | the rest | shares |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    everything = [row for values in rows.values() for row in values]
    for kind, values in sorted(rows.items()) + [("**all**", everything)]:
        total = [v[0] * 1000 for v in values]
        mean = statistics.mean(total)
        parts = [statistics.mean(v[i] for v in values) * 1000 for i in range(1, len(PARTS) + 1)]
        rest = mean - sum(parts)
        ordered = sorted(total)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        shares = " / ".join(f"{100 * part / mean:.0f}" for part in parts + [rest])
        print(f"| {kind} | {len(values)} | {mean:.1f} / {statistics.median(total):.1f} / "
              f"{p95:.1f} | " + " | ".join(f"{part:.1f}" for part in parts)
              + f" | {rest:.1f} | {shares} % |")


if __name__ == "__main__":
    main()
