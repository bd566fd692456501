"""What the change counter's triggers (migration 11) cost ingest: the store's write path for
articles taken from a full store, into fresh stores with and without the triggers.

    python bench/serve_store_writes.py --db sqlite:////tmp/news.db [--articles 300] [--rounds 2]

Reads ``--articles`` stored records (extraction is not measured: only ``Store.add_prepared``),
then alternates: a fresh store as migrations leave it, and one whose ``*_counted`` triggers
were dropped; prints the CPU and wall time of adding the same batches to each, and checks
that both stores end with the same rows.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path


def records(db: str, count: int) -> list:
    from svodka.record import Article
    from svodka.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT text, record FROM articles ORDER BY rowid LIMIT ?", (count,)).all()
    return [Article.from_dict(json.loads(row.record) | {"text": row.text}) for row in rows]


def fill(folder: Path, name: str, prepared: list, triggers: bool) -> tuple[float, float, tuple]:
    from svodka.store import open_store

    with open_store(f"sqlite:///{folder / name}") as store:
        if not triggers:
            with store.engine.begin() as conn:
                for (trigger,) in conn.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                        "AND name LIKE '%_counted'").all():
                    conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        cpu, wall = time.process_time(), time.perf_counter()
        for start in range(0, len(prepared), 20):
            store.add_prepared(prepared[start:start + 20])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        with store.engine.connect() as conn:
            counts = tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                           for table in ("articles", "mentions", "quotes", "entities",
                                         "search_units"))
            changes = conn.exec_driver_sql("SELECT n FROM store_changes").scalar()
    return cpu, wall, counts + (changes,)


def main() -> None:
    from svodka.store import prepare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store to take the records from")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    prepared = [prepare(article) for article in records(args.db, args.articles)]
    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(args.rounds):
            for triggers in (False, True):
                cpu, wall, rows = fill(Path(folder), f"{round_}-{triggers}.db", prepared,
                                       triggers)
                times[triggers].append((cpu, wall))
                print(f"round {round_ + 1}, triggers {'on ' if triggers else 'off'}: "
                      f"CPU {cpu:.2f} s, wall {wall:.2f} s; rows (articles, mentions, quotes, "
                      f"entities, search units; changes counted) {rows}")
    for label, index in (("CPU", 0), ("wall", 1)):
        on = statistics.mean(t[index] for t in times[True])
        off = statistics.mean(t[index] for t in times[False])
        print(f"{label}: {len(prepared)} articles, triggers on {on:.2f} s / off {off:.2f} s "
              f"= {on / off:.2f}x")


if __name__ == "__main__":
    main()
