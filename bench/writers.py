"""Benchmark: writer throughput into PostgreSQL, one writer against several, same records.

    python bench/writers.py [--limit 96] [--writers 1 2] [--rounds 2] [--keep DIR]

The records are extracted once (kept as Parquet in ``--keep``, so a second run skips it);
every run then loads exactly those prepared records into a fresh database of a throwaway
PostgreSQL server (tests/pg.py: needs Debian's postgresql, i.e. initdb):

- ``single``: the parent's writer (``Store.add_prepared``, transactions of 64), as
  ``svodka ingest`` without ``--load-in-workers``;
- ``staged:W``: W writer processes stage partitions of 16 articles each, in parallel
  (``Store.stage``), then the ordered pass (``Store.finish_staged``) in the parent.

Reports articles/s of each (extraction excluded: this is the writer alone), the staging and
ordered-pass seconds and CPU seconds per article, and checks that every table equals the
single writer's. Runs follow one another ``--rounds`` times, so each sees the same load.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

PARTITION = 16


def prepared_records(limit: int, keep: Path) -> list:
    from ingest import sample_feed
    from svodka.scale import read_partition, write_partition

    cached = keep / f"prepared-{limit}.parquet"
    if cached.exists():
        return read_partition(cached)
    from svodka.ingest import iter_items
    from svodka.ingest.work import process
    from svodka.store import Prepared

    feed = sample_feed(ROOT.parent / "shared" / "data" / "news", limit, keep)
    results = [process(item.value, item.locator) for item in iter_items([str(feed)])]
    results = [r for r in results if isinstance(r, Prepared)]
    write_partition(results, cached)
    return results


_store = None


def _open(url: str) -> None:
    global _store
    from svodka.store import open_store
    _store = open_store(url)


def _ready(_) -> int:
    time.sleep(0.2)
    return os.getpid()


def _stage(entries: list) -> float:
    started = time.process_time()
    _store.stage(entries)
    return time.process_time() - started


def single(url: str, records: list) -> dict:
    from svodka.store import open_store

    with open_store(url) as store:
        started, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(records), 64):
            store.add_prepared(records[start:start + 64])
        return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def staged(url: str, records: list, writers: int) -> dict:
    from svodka.store import open_store

    entries = list(enumerate(records))
    partitions = [entries[i:i + PARTITION] for i in range(0, len(entries), PARTITION)]
    open_store(url).close()                     # the schema, before the writers race for it
    with get_context("spawn").Pool(writers, initializer=_open, initargs=(url,)) as pool:
        while len(set(pool.map(_ready, range(writers * 2), chunksize=1))) < writers:
            pass                                # every writer up and connected before the clock
        started = time.perf_counter()
        cpu = sum(pool.map(_stage, partitions, chunksize=1))
        stage_seconds = time.perf_counter() - started
    with open_store(url) as store:
        started, finish_cpu = time.perf_counter(), time.process_time()
        outcomes = store.finish_staged()
        finish_seconds = time.perf_counter() - started
        finish_cpu = time.process_time() - finish_cpu
    assert len(outcomes) == len(records)
    return {"seconds": stage_seconds + finish_seconds, "stage_seconds": stage_seconds,
            "finish_seconds": finish_seconds, "cpu": cpu + finish_cpu, "stage_cpu": cpu,
            "finish_cpu": finish_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=96)
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/svodka-bench"))
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from pg import Server, _bin_dir, table_contents

    records = prepared_records(args.limit, args.keep)
    n = len(records)
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (no initdb)")
    server = Server(bin_dir)
    server.start()
    try:
        for round_ in range(1, args.rounds + 1):
            reference = server.new_database()
            runs = {"single": single(reference, records)}
            expected = table_contents(reference)
            for writers in args.writers:
                url = server.new_database()
                runs[f"staged:{writers}"] = staged(url, records, writers)
                assert table_contents(url) == expected, f"staged:{writers} differs"
            for name, result in runs.items():
                print(json.dumps({
                    "round": round_, "run": name, "articles": n,
                    "articles_per_s": round(n / result["seconds"], 1),
                    "vs_single": round(runs["single"]["seconds"] / result["seconds"], 2),
                    "ms_cpu_per_article": round(1000 * result["cpu"] / n, 2),
                    **{k: round(v, 2) for k, v in result.items()},
                    "load_average": round(os.getloadavg()[0], 1)}), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
