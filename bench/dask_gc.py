"""Benchmark: what Python's cyclic GC costs the processes of an ingest (issue 13).

    python bench/dask_gc.py [--limit 60] [--modes default tuned default tuned]
                            [--where extract writer transfer pickling] [--rounds 3]

``extract``: one process loads the models and extracts ``--limit`` news articles (after two
warm-up ones), with the GC as Python starts it (``default``: thresholds 700, 10, 10) or as
svodka's extraction processes now run (``tuned``: the models frozen out of the GC's reach,
thresholds ``EXTRACTION_GC``). Each mode runs in a fresh process; reported per article: the
thread's CPU, the CPU spent inside collections by generation (``gc.callbacks``) and the
number of collections, and the process's peak RSS.

``writer``: the parent's work for the same articles, as under ``--workers 2`` or Dask
(unpickle each prepared record, write them in batches of 32 into a fresh SQLite store),
three times over (a fresh store each time), under each mode; reported per article: CPU and the CPU inside collections.

``transfer``: what sending a prepared record from a worker to the parent costs: its pickled
size and the CPU of a pickle round trip, whole and by field.

``pickling``: the thread CPU of pickling (the worker's part) and unpickling (the writer's
part) a prepared record, with its classes pickled by their fields' values
(:mod:`svodka.pickling`, ``by_fields``) and as Python pickles them without it (``default``:
a dict of slots, or ``dataclasses``' ``__getstate__`` for a frozen class), alternating
``--rounds`` times in one process.
"""
from __future__ import annotations

import argparse
import gc
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WARM_UP = 2
DEFAULT_GC = (700, 10, 10)


class CollectionClock:
    """CPU seconds spent inside collections, by generation."""

    def __init__(self):
        self.seconds, self.count, self._start = {0: 0.0, 1: 0.0, 2: 0.0}, {0: 0, 1: 0, 2: 0}, 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.thread_time()
        else:
            self.seconds[info["generation"]] += time.thread_time() - self._start
            self.count[info["generation"]] += 1

    def reset(self) -> None:
        for generation in self.seconds:
            self.seconds[generation], self.count[generation] = 0.0, 0


def set_mode(mode: str) -> None:
    from svodka.ingest.work import settle_gc

    if mode == "tuned":
        settle_gc()
    else:
        gc.unfreeze()
        gc.set_threshold(*DEFAULT_GC)


def extract(mode: str, limit: int) -> dict:
    from threadpoolctl import threadpool_limits

    from dask_cpu import documents
    from svodka.analysis import load_models
    from svodka.ingest.work import process

    tasks = documents(ROOT.parent / "shared" / "data" / "news", limit)
    clock = CollectionClock()
    with threadpool_limits(1, "blas"):
        load_models()
        set_mode(mode)
        for task in tasks[:WARM_UP]:
            process(*task)
        clock.reset()
        started = time.thread_time()
        for task in tasks[WARM_UP:]:
            process(*task)
        cpu = time.thread_time() - started
    count = len(tasks) - WARM_UP
    return {"where": "extract", "mode": mode, "docs": count,
            "cpu_per_doc": round(cpu / count, 4),
            "gc_per_doc": {g: round(s / count, 5) for g, s in clock.seconds.items()},
            "collections": clock.count,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def writer(modes: list[str], limit: int) -> list[dict]:
    from threadpoolctl import threadpool_limits

    from dask_cpu import documents
    from svodka.ingest.work import process
    from svodka.store import open_store

    tasks = documents(ROOT.parent / "shared" / "data" / "news", limit)
    with threadpool_limits(1, "blas"):
        blobs = [pickle.dumps(process(*task), protocol=5) for task in tasks]
    clock, rows = CollectionClock(), []
    for mode in modes:
        set_mode(mode)
        clock.reset()
        seconds = 0.0
        for _ in range(3):   # a fresh store each time, so that every article is written
            with tempfile.TemporaryDirectory() as folder, \
                    open_store(Path(folder) / "s.db") as store:
                started = time.thread_time()
                results = [pickle.loads(blob) for blob in blobs]
                for at in range(0, len(results), 32):
                    store.add_prepared(results[at:at + 32])
                seconds += time.thread_time() - started
        count = 3 * len(blobs)
        rows.append({"where": "writer", "mode": mode, "docs": count,
                     "cpu_per_doc": round(seconds / count, 5),
                     "gc_per_doc": round(sum(clock.seconds.values()) / count, 5)})
    set_mode("default")
    return rows


def transfer(limit: int) -> dict:
    from threadpoolctl import threadpool_limits

    from dask_cpu import documents
    from svodka.ingest.work import process

    tasks = documents(ROOT.parent / "shared" / "data" / "news", limit)
    with threadpool_limits(1, "blas"):
        results = [process(*task) for task in tasks]
    row = {"where": "transfer", "docs": len(results),
           "text_chars": sum(len(r.article.text) for r in results) // len(results)}
    for name in ("whole", "article", "record", "units", "evidence", "entity_words", "minhash"):
        values = [r if name == "whole" else getattr(r, name) for r in results]
        size = sum(len(pickle.dumps(v, protocol=5)) for v in values) // len(values)
        started = time.process_time()
        for _ in range(10):
            for value in values:
                pickle.loads(pickle.dumps(value, protocol=5))
        row[name] = {"bytes": size,
                     "round_trip_ms": round((time.process_time() - started) / 10 / len(values)
                                            * 1000, 3)}
    return row


def _pickled_by_fields() -> list[type]:
    """The classes :func:`svodka.pickling.pickled_by_fields` decorated, from the modules whose
    objects make a prepared record, a document and a rejection."""
    import svodka.names
    import svodka.reading.document
    import svodka.record
    import svodka.store.keys
    prepare_module = sys.modules["svodka.store.prepare"]
    return [cls for module in (svodka.names, svodka.reading.document, svodka.record,
                               svodka.store.keys, prepare_module)
            for cls in vars(module).values() if isinstance(cls, type)
            and "pickled_by_fields" in getattr(cls.__dict__.get("__reduce__"), "__qualname__", "")]


def pickling(limit: int, rounds: int) -> list[dict]:
    from threadpoolctl import threadpool_limits

    from dask_cpu import documents
    from svodka.ingest.work import process

    tasks = documents(ROOT.parent / "shared" / "data" / "news", limit)
    with threadpool_limits(1, "blas"):
        results = [process(*task) for task in tasks]
    decorated = {cls: cls.__dict__["__reduce__"] for cls in _pickled_by_fields()}

    def per_record_ms(work, repeats: int = 10) -> float:
        started = time.thread_time()
        for _ in range(repeats):
            work()
        return round((time.thread_time() - started) / repeats / len(results) * 1000, 3)

    rows = []
    for round_ in range(1, rounds + 1):
        for form in ("by_fields", "default"):
            for cls, reduce in decorated.items():
                if form == "by_fields":
                    cls.__reduce__ = reduce
                elif "__reduce__" in cls.__dict__:
                    del cls.__reduce__
            blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
            assert [pickle.loads(blob) for blob in blobs] == results
            rows.append({"where": "pickling", "round": round_, "form": form,
                         "classes": len(decorated), "docs": len(results),
                         "bytes": sum(map(len, blobs)) // len(blobs),
                         "dumps_ms": per_record_ms(lambda: [
                             pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]),
                         "loads_ms": per_record_ms(lambda: [pickle.loads(b) for b in blobs])})
    for cls, reduce in decorated.items():
        cls.__reduce__ = reduce
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--modes", nargs="+", default=["default", "tuned", "default", "tuned"])
    parser.add_argument("--where", nargs="+", default=["extract", "writer", "transfer"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(extract(args.child, args.limit)))
        return
    if "extract" in args.where:
        for mode in args.modes:   # each in a fresh process, as a worker starts
            out = subprocess.run([sys.executable, __file__, "--child", mode, "--limit",
                                  str(args.limit)], capture_output=True, text=True, check=True)
            print(out.stdout.strip().splitlines()[-1], flush=True)
    if "transfer" in args.where:
        print(json.dumps(transfer(args.limit)), flush=True)
    if "pickling" in args.where:
        for row in pickling(args.limit, args.rounds):
            print(json.dumps(row), flush=True)
    if "writer" in args.where:
        for row in writer(args.modes, args.limit):
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
