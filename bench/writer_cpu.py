"""Benchmark: the ingest parent's CPU per document, by stage, on the same prepared records.

    python bench/writer_cpu.py [--limit 300] [--trees . /tmp/main] [--rounds 2] [--plain]

The parent of ``svodka ingest`` (either engine, SQLite) receives every prepared record as a
pickle and writes it as the only writer; with two workers on two cores its CPU per document
is what caps the speed-up (docs/scale.md). This measures that CPU apart from extraction:

1. the first ``--limit`` news articles are extracted once (two processes) and kept as
   pickled records in ``--keep`` (a second run reuses them);
2. for each tree of ``--trees`` (svodka as found there, e.g. ``git archive`` of main), a fresh
   process prepares every record as a worker does (``prepare``: the worker's share, timed
   too) and then runs the parent's part under thread CPU: ``ingest_items`` over the same
   feed, its executor replaying the records as a pool hands them over (each pickled by the
   worker, unpickled here), into a fresh SQLite store, batches of 64.

The parent's part is split by stage with exclusive thread CPU (a stage's time excludes the
stages it calls): ``sql …`` (SQLAlchemy and sqlite3 executing statements, by statement kind
and table; ``sql as text`` is every statement sent to the driver as a string, which since
the eighth session holds the inserts, and search units' ids are read from the driver inside
``rows``), ``resolve`` (corpus entity resolution's own Python),
``rows`` (building the rows the writer inserts), ``lookups`` (is this id stored or a copy),
``near_duplicates`` (MinHash LSH query and insert), ``corrections``, ``unpickle``,
``other`` (the rest of ``Store.add_prepared``) and ``ingest loop`` (the rest of
``ingest_items``: reading the input, ids, known-id checks' Python, batching). Each tree's
tables are hashed (search unit ids included), so trees that write the same store print the
same hash. CPU time, so a loaded machine inflates it little (but it does: compare trees
within a round).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 64


def extracted_articles(limit: int, keep: Path) -> Path:
    """The pickled articles of the first ``limit`` news lines (extracted once, kept)."""
    cached = keep / f"articles-{limit}.pickle"
    if cached.exists():
        return cached
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from ingest import sample_feed
    from svodka.ingest import iter_items
    from svodka.ingest.run import pool_environment
    from svodka.ingest.work import process, start_worker
    from svodka.store import Prepared

    feed = sample_feed(ROOT.parent / "shared" / "data" / "news", limit, keep)
    documents = [(item.value, item.locator) for item in iter_items([str(feed)])
                 if not hasattr(item.value, "reason")]
    pool_environment()
    with ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=start_worker,
                             initargs=(os.getpid(),)) as pool:
        results = list(pool.map(process, *zip(*documents), chunksize=4))
    articles = [r.article for r in results if isinstance(r, Prepared)]
    cached.write_bytes(pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))
    return cached


class Stopwatch:
    """Exclusive thread CPU by stage: a stage's seconds exclude the stages it calls."""

    def __init__(self):
        self.seconds: Counter = Counter()
        self.stack: list[list] = []   # [name, started, seconds of stages called]

    def wrap(self, owner, attribute: str, name) -> None:
        original = getattr(owner, attribute, None)
        if original is None:
            return
        watch = self

        def timed(*args, **kwargs):
            label = name(args) if callable(name) else name
            watch.stack.append([label, time.thread_time(), 0.0])
            try:
                return original(*args, **kwargs)
            finally:
                label, started, inner = watch.stack.pop()
                spent = time.thread_time() - started
                watch.seconds[label] += spent - inner
                if watch.stack:
                    watch.stack[-1][2] += spent

        setattr(owner, attribute, timed)


def _statement_label(args) -> str:
    statement = args[1] if len(args) > 1 else None
    table = getattr(statement, "table", None)
    kind = type(statement).__name__.lower()
    if table is not None:
        return f"sql {kind} {table.name}"
    if kind == "textclause":
        return "sql " + " ".join(str(statement).split()[:3]).lower()
    return f"sql {kind}"


def instrument() -> Stopwatch:
    """Wrap what the writer calls, by module attribute (a tree without one is skipped)."""
    from sqlalchemy.engine import Connection

    from svodka.dedup import NearDuplicateIndex
    from svodka.store import corrections, resolve, write

    watch = Stopwatch()
    watch.wrap(Connection, "execute", _statement_label)
    watch.wrap(Connection, "exec_driver_sql", "sql as text")
    watch.wrap(Connection, "begin_nested", "sql transaction")
    watch.wrap(Connection, "commit", "sql transaction")
    watch.wrap(NearDuplicateIndex, "best_match", "near_duplicates")
    watch.wrap(NearDuplicateIndex, "add", "near_duplicates")
    watch.wrap(write, "resolve_article", "resolve")
    watch.wrap(resolve, "resolve_article", "resolve")
    watch.wrap(corrections, "apply", "corrections")
    for name in ("_add_article_rows", "_index", "_link", "_entities", "_count_by_month",
                 "add_article"):
        watch.wrap(write, name, "rows")
    for name in ("stored_source", "is_known_copy"):
        watch.wrap(write, name, "lookups")
    return watch


def table_hash(store) -> str:
    """One hash over every table's rows (sorted; ``search_units.id``'s numbering included)."""
    from sqlalchemy import select

    from svodka.store import schema

    digest = hashlib.sha256()
    with store.engine.connect() as conn:
        for table in sorted(schema.metadata.sorted_tables, key=lambda t: t.name):
            rows = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            digest.update(f"{table.name} {len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()[:16]


def measure(articles_path: Path, feed: Path, plain: bool = False) -> dict:
    """In this process, with svodka from PYTHONPATH: the worker's and the parent's share."""
    import gc

    from svodka.ingest import iter_items
    from svodka.ingest.run import ingest_items
    from svodka.store import Store, open_store, prepare

    articles = pickle.loads(articles_path.read_bytes())
    started = time.thread_time()
    pickles = {article.id: pickle.dumps(prepare(article), protocol=pickle.HIGHEST_PROTOCOL)
               for article in articles}
    worker = time.thread_time() - started
    del articles
    gc.collect()
    watch = Stopwatch() if plain else instrument()
    if not plain:
        watch.wrap(Store, "add_prepared", "other")

    def replay(tasks, _workers):
        """The results as a pool hands them to the parent: pickled by the worker."""
        from svodka.pipeline import article_id

        for task in tasks:
            if isinstance(task, tuple):
                document = task[0]
                pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)   # sent to a worker
                unpickled = time.thread_time()
                result = pickle.loads(pickles[document.id or article_id(document.text)])
                watch.seconds["unpickle"] += time.thread_time() - unpickled
                yield result
            else:
                yield task

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "writer.db"))
        watch.stack.append(["ingest loop", time.thread_time(), 0.0])
        summary = ingest_items(iter_items([str(feed)]), store, workers=2, executor=replay)
        label, began, inner = watch.stack.pop()
        parent = time.thread_time() - began
        watch.seconds[label] += parent - inner - watch.seconds["unpickle"]
        digest = table_hash(store)
        store.close()
    n = summary.read
    return {"documents": n, "stored": summary.stored,
            "worker_prepare_ms": round(worker / n * 1000, 2),
            "parent_ms": round(parent / n * 1000, 2),
            "by_stage_ms": {k: round(v / n * 1000, 3) for k, v in watch.seconds.most_common()},
            "pickle_kb": round(sum(map(len, pickles.values())) / n / 1024, 1),
            "tables": digest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--trees", nargs="+", default=[str(ROOT)],
                        help="svodka trees to measure (e.g. a `git archive` of main)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat, trees interleaved")
    parser.add_argument("--keep", type=Path, default=Path("/tmp/svodka-bench"))
    parser.add_argument("--plain", action="store_true",
                        help="no stages: the parent's CPU without the stopwatch's own cost")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--feed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.feed, args.plain)))
        return
    args.keep.mkdir(parents=True, exist_ok=True)
    articles = extracted_articles(args.limit, args.keep)
    feed = args.keep / f"news-{args.limit}.jsonl"
    for round_ in range(args.rounds):
        for tree in args.trees:
            environment = os.environ | {"PYTHONPATH": str(Path(tree).resolve())}
            done = subprocess.run([sys.executable, __file__, "--measure", str(articles),
                                   "--feed", str(feed)] + ["--plain"] * args.plain,
                                  env=environment, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.splitlines()[-1])
            print(json.dumps({"round": round_ + 1, "tree": tree, **result},
                             ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
