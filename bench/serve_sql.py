"""What the statements behind a computed search list and entity page cost, statement by
statement, on the bench's own queries.

    PYTHONPATH=<tree> python bench/serve_sql.py --db /tmp/news.db searches
    PYTHONPATH=<tree> python bench/serve_sql.py --db /tmp/news.db entities

``searches``: the search list's statement (:mod:`svodka.store.listing`) built up part by
part — the match alone, with its rank, the hits joined to their facet rows, the page,
the facets, all of it — over ``bench/serve.py``'s popular queries (one word, thousands of
hits) and its one-off ones (a name and a topic), on a plain ``sqlite3`` connection, CPU ms
a query. The page is taken two ways: a row number over every hit (the eighth session's
statement) and ``ORDER BY … LIMIT`` (this tree's); the two answer the same rows (checked).

``entities``: every statement ``Store.get_entity`` runs for the bench's 40 entity pages,
CPU ms an entity page (SQLAlchemy's cursor events), the costliest first.
"""
from __future__ import annotations

import argparse
import collections
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import workload  # noqa: E402

HITS = ("WITH hits AS MATERIALIZED (SELECT f.id, f.kind, f.published, f.source, "
        "f.entity_types, f.quote_kind, search_fts.rank AS rank FROM search_fts "
        "JOIN search_facets f ON f.id = search_fts.rowid WHERE search_fts MATCH ?)\n")
PAGE_NUMBERED = ("SELECT 'page' AS facet, CAST(place AS VARCHAR(12)) AS value, id AS n FROM "
                 "(SELECT id, row_number() OVER (ORDER BY rank, id) AS place FROM hits) ranked "
                 "WHERE place > 0 AND place <= 20")
PAGE_LIMITED = ("SELECT 'page' AS facet, CAST(row_number() OVER (ORDER BY rank, id) "
                "AS VARCHAR(12)) AS value, id AS n FROM (SELECT id, rank, published FROM hits "
                "ORDER BY rank, id LIMIT 20 OFFSET 0) shown")


def searches(db: str) -> None:
    from svodka.store.lemmas import query_terms
    from svodka.store.listing import _FACETS
    from svodka.store.search import fts5_query

    requests = workload(f"sqlite:///{db}", 4000, 1, 1 / 3)
    queries: dict[str, list[str]] = {"popular": [], "one-off": []}
    for kind, path in requests:
        if kind in ("search page", "api search"):
            q = parse_qs(path.partition("?")[2])["q"][0]
            group = queries["one-off" if " " in q else "popular"]
            if q not in group:
                group.append(q)
    conn = sqlite3.connect(db)
    variants = {
        "the match": "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?",
        "the match with its rank": "SELECT count(*), min(rank) FROM search_fts "
                                   "WHERE search_fts MATCH ?",
        "hits joined to facet rows": HITS + "SELECT count(*) FROM hits",
        "hits + page (row number)": HITS + PAGE_NUMBERED,
        "hits + page (LIMIT)": HITS + PAGE_LIMITED,
        "hits + facets": HITS + _FACETS.strip().removeprefix("UNION ALL "),
        "all (row number)": HITS + PAGE_NUMBERED + "\nUNION ALL " + _FACETS,
        "all (LIMIT)": HITS + PAGE_LIMITED + "\nUNION ALL " + _FACETS,
    }
    for group, texts in queries.items():
        matches = [fts5_query(query_terms(q)) for q in texts[:100]]
        counts = [conn.execute(variants["the match"], (m,)).fetchone()[0] for m in matches]
        for match in matches:
            numbered = conn.execute(variants["all (row number)"], (match,)).fetchall()
            limited = conn.execute(variants["all (LIMIT)"], (match,)).fetchall()
            assert sorted(map(repr, numbered)) == sorted(map(repr, limited)), match
        print(f"\n{group}: {len(matches)} queries, hits median {statistics.median(counts):.0f}, "
              f"mean {statistics.mean(counts):.0f}, max {max(counts)}; both pages answer "
              "the same rows\n")
        print("| statement | CPU ms a query (two rounds) |\n|---|---:|")
        for name, statement in variants.items():
            rounds = []
            for _ in range(2):
                started = time.process_time()
                for match in matches:
                    conn.execute(statement, (match,)).fetchall()
                rounds.append((time.process_time() - started) * 1000 / len(matches))
            print(f"| {name} | {' / '.join(f'{r:.2f}' for r in rounds)} |")


def entities(db: str) -> None:
    from sqlalchemy import event

    from svodka.store import open_store

    url = f"sqlite:///{db}"
    ids = list(dict.fromkeys(unquote(path.removeprefix("/entities/"))
                             for kind, path in workload(url, 4000, 1, 1 / 3)
                             if kind == "entity page"))
    store = open_store(url, create=False)
    for entity_id in ids[:5]:
        store.get_entity(entity_id, limit=30)
    spent: dict[str, float] = collections.defaultdict(float)

    @event.listens_for(store.engine, "before_cursor_execute")
    def started(conn, cursor, statement, parameters, context, executemany):
        conn.info["started"] = time.process_time()

    @event.listens_for(store.engine, "after_cursor_execute")
    def ended(conn, cursor, statement, parameters, context, executemany):
        spent[" ".join(statement.split())[:100]] += time.process_time() - conn.info["started"]

    began = time.process_time()
    for entity_id in ids:
        store.get_entity(entity_id, limit=30)     # as the entity page asks
    total = (time.process_time() - began) * 1000 / len(ids)
    print(f"{len(ids)} entity pages, get_entity {total:.2f} CPU ms each, of which SQL "
          f"{sum(spent.values()) * 1000 / len(ids):.2f}\n")
    print("| statement (first 100 characters) | CPU ms an entity page |\n|---|---:|")
    for statement, seconds in sorted(spent.items(), key=lambda item: -item[1])[:8]:
        print(f"| `{statement}` | {seconds * 1000 / len(ids):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a SQLite store's file")
    parser.add_argument("what", choices=("searches", "entities"))
    args = parser.parse_args()
    (searches if args.what == "searches" else entities)(args.db)


if __name__ == "__main__":
    main()
