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
ordered-pass seconds, the CPU seconds of the writers and of the PostgreSQL server (psutil:
the postmaster and its backends), and checks that every table equals the single writer's.
On a loaded machine compare the CPU seconds: the ordered pass is the serial part, staging
the part that more writers share. Runs follow one another ``--rounds`` times, so each sees the same load.
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


class ServerCpu:
    """CPU seconds of the PostgreSQL server: the postmaster, its live backends, and those
    that ended (reaped, so counted in its children's times)."""

    def __init__(self, server):
        self.pid = int((server.data / "postmaster.pid").read_text().split()[0])

    def __call__(self) -> float:
        from cpu import tree_cpu_seconds
        return tree_cpu_seconds(self.pid, reaped=True)


def single(url: str, records: list, server_cpu) -> dict:
    from svodka.store import open_store

    with open_store(url) as store:
        store.stats()                           # connected before the clock
        started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
        for start in range(0, len(records), 64):
            store.add_prepared(records[start:start + 64])
        return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                "server_cpu": server_cpu() - server}


def staged(url: str, records: list, writers: int, server_cpu) -> dict:
    from svodka.store import open_store

    entries = list(enumerate(records))
    partitions = [entries[i:i + PARTITION] for i in range(0, len(entries), PARTITION)]
    open_store(url).close()                     # the schema, before the writers race for it
    with get_context("spawn").Pool(writers, initializer=_open, initargs=(url,)) as pool:
        while len(set(pool.map(_ready, range(writers * 2), chunksize=1))) < writers:
            pass                                # every writer up and connected before the clock
        started, server = time.perf_counter(), server_cpu()
        cpu = sum(pool.map(_stage, partitions, chunksize=1))
        stage_seconds = time.perf_counter() - started
        stage_server = server_cpu() - server
    with open_store(url) as store:
        from svodka.dedup import NearDuplicateIndex
        NearDuplicateIndex()                    # its import, as the single writer had it
        started, finish_cpu, server = time.perf_counter(), time.process_time(), server_cpu()
        outcomes = store.finish_staged()
        finish_seconds = time.perf_counter() - started
        finish_cpu = time.process_time() - finish_cpu
        finish_server = server_cpu() - server
    assert len(outcomes) == len(records)
    return {"seconds": stage_seconds + finish_seconds, "stage_seconds": stage_seconds,
            "finish_seconds": finish_seconds, "cpu": cpu + finish_cpu, "stage_cpu": cpu,
            "finish_cpu": finish_cpu, "server_cpu": stage_server + finish_server,
            "stage_server_cpu": stage_server, "finish_server_cpu": finish_server}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=96)
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/svodka-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
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
    server_cpu = ServerCpu(server)
    rows = []
    try:
        for round_ in range(1, args.rounds + 1):
            reference = server.new_database()
            runs = {"single": single(reference, records, server_cpu)}
            expected = table_contents(reference)
            for writers in args.writers:
                url = server.new_database()
                runs[f"staged:{writers}"] = staged(url, records, writers, server_cpu)
                assert table_contents(url) == expected, f"staged:{writers} differs"
            for name, result in runs.items():
                rows.append(row := {
                    "round": round_, "run": name, "articles": n,
                    "articles_per_s": round(n / result["seconds"], 1),
                    "vs_single": round(runs["single"]["seconds"] / result["seconds"], 2),
                    "ms_cpu_per_article": round(1000 * result["cpu"] / n, 2),
                    "ms_server_cpu_per_article": round(1000 * result["server_cpu"] / n, 2),
                    **{k: round(v, 2) for k, v in result.items()},
                    "load_average": round(os.getloadavg()[0], 1)})
                print(json.dumps(row), flush=True)
    finally:
        server.stop()
    write_section(args.out, rows, " ".join(sys.argv[1:]))


def write_section(out: Path, rows: list[dict], arguments: str) -> None:
    from sections import replace_section

    def ms(row, key):
        return f"{1000 * row[key] / row['articles']:.1f}" if key in row else "–"

    lines = [
        "## Writers into PostgreSQL (`bench/writers.py`)", "",
        f"`python bench/writers.py {arguments}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
        f"the same {rows[0]['articles']} prepared news articles loaded into fresh databases of "
        "a throwaway PostgreSQL 15 (fsync off), one writer (`single`) against W staging "
        "writer processes and the ordered pass (`staged:W`); every table checked equal to "
        "the single writer's. CPU in ms per article, of the writers (client) and of the "
        "server; wall-clock rates on this shared 2-core machine follow its load (last "
        "column), the CPU columns much less.", "",
        "| round | run | articles/s (wall) | vs single | client CPU ms | server CPU ms | "
        "staging: client + server ms | ordered pass: client + server ms | load |",
        "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        staged_ms = (f"{ms(row, 'stage_cpu')} + {ms(row, 'stage_server_cpu')}"
                     if "stage_cpu" in row else "–")
        finish_ms = (f"{ms(row, 'finish_cpu')} + {ms(row, 'finish_server_cpu')}"
                     if "finish_cpu" in row else "–")
        lines.append(f"| {row['round']} | {row['run']} | {row['articles_per_s']} | "
                     f"{row['vs_single']}× | {row['ms_cpu_per_article']} | "
                     f"{row['ms_server_cpu_per_article']} | {staged_ms} | {finish_ms} | "
                     f"{row['load_average']} |")
    replace_section(out, "writers", "\n".join(lines))


if __name__ == "__main__":
    main()
