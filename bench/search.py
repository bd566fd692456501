"""Benchmark: latency of 100 fixed queries against the store built by bench/ingest.py.

    python bench/search.py [--db /tmp/svodka-bench/news-w2.db] [--out docs/performance.md]

Each query runs once to warm caches, then is timed (median of 3 runs); p50 and p95 over the
100 queries are written between the ``bench:corpus`` markers of ``--out``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import RESULTS, write_section  # noqa: E402  (bench/ingest.py)

from svodka.store import open_store  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "search_queries.txt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/svodka-bench/news-w2.db")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    queries = [line.strip() for line in QUERIES.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    timings, hits = [], []
    with open_store(args.db) as store:
        articles = store.stats()["articles"]
        for query in queries:
            found = store.search(query, limit=args.limit)
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                store.search(query, limit=args.limit)
                runs.append((time.perf_counter() - started) * 1000)
            timings.append(statistics.median(runs))
            hits.append(len(found))
    p50, p95, worst = percentile(timings, 0.5), percentile(timings, 0.95), max(timings)
    load = os.getloadavg()[0]   # latency on a shared machine means little without it
    result = {"queries": len(queries), "articles": articles, "limit": args.limit,
              "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "max_ms": round(worst, 1),
              "queries_with_hits": sum(1 for h in hits if h)}
    print(json.dumps(result))
    lines = ["", f"Search: {len(queries)} queries (`bench/search_queries.txt`, inflected forms "
             f"included) over {articles} stored articles, top {args.limit} hits each, "
             f"`python bench/search.py` (SQLite FTS5 over lemmas), load average {load:.1f} on "
             f"{os.cpu_count()} cores:", "",
             "| p50 ms | p95 ms | max ms | queries with hits |", "|---|---|---|---|",
             f"| {result['p50_ms']} | {result['p95_ms']} | {result['max_ms']} | "
             f"{result['queries_with_hits']} / {len(queries)} |"]
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results.update(search=result, search_lines=lines)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    write_section(args.out, results.get("ingest_lines", []) + lines)


if __name__ == "__main__":
    main()
