"""Benchmark: ingest the shared news corpus into fresh SQLite stores, local and Dask engines.

    python bench/ingest.py [--news DIR] [--limit N] [--runs local:1 local:2 dask:2] [--rounds R]
                           [--keep DIR] [--out docs/performance.md] [--results FILE] [--no-docs]

A run may name another svodka tree, ``dask:2@/tmp/before`` (``git archive`` of a commit), so
before and after alternate on the same load; ``--results`` keeps a trial's numbers out of
``bench/corpus-results.json``, ``--no-docs`` writes neither (the table is printed).

Each run is the real command (``svodka ingest --quiet``) in a subprocess. Every process of
the run is sampled (psutil, every 0.2 s) for its resident memory, so the writer (the parent,
which with one worker also extracts) and the extraction workers get a peak of their own.
The runs of ``--runs`` (engine:workers) follow one another, ``--rounds`` times over, so on a
shared machine every engine sees the same load; speed-ups are against the first run of the
same round. Each run prints its seconds by stage (``svodka ingest --timings``) and its CPU
per document by process and thread (:meth:`MemorySampler.by_process`).
Reports docs/s, the speed-up, store size per 1,000 articles and the near-duplicate groups found; writes them between the ``bench:corpus`` markers of
``--out`` (the search benchmark adds its lines there too).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from sections import replace_section  # noqa: E402

RESULTS = ROOT / "bench" / "corpus-results.json"   # both corpus benchmarks' last numbers


def write_section(out: Path, lines: list[str]) -> None:
    """Replace only the corpus section of the shared performance page."""
    replace_section(out, "corpus", "\n".join(lines))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _minor_faults(pid: int) -> int:
    """A process's minor page faults so far (Linux; 0 elsewhere): an allocator that hands
    memory back to the kernel and takes it again shows here first."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[7])   # minflt, the 10th field of stat(5)


class MemorySampler(threading.Thread):
    """Peak RSS of a process and, separately, of the largest of its descendants; and the CPU
    seconds of the process itself and of each descendant (their last sample: a process that
    has ended keeps what it had used 0.2 s before), so a run's CPU splits into the parent's
    (reading, skipping known ids, writing; with Dask also the scheduler and the nannies,
    which a LocalCluster runs in the parent) and the workers'.

    Each process's CPU splits further by thread: the parent's main thread (reading, the
    writer, the executor's loop) against its other threads (with Dask: the event loop that
    runs the scheduler, the nannies and the client's comms), and each worker's busiest
    thread (the one that extracts: a pool worker's main thread, a Dask worker's task
    thread) against the rest of it (a Dask worker's event loop: sending results,
    heartbeats; its start and model load, which run before the first task, are in the
    busiest thread of a pool worker and in the rest of a Dask worker)."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.parent_mb = self.worker_mb = 0.0
        self.parent_cpu = self.parent_main_cpu = 0.0
        self.children_cpu: dict[int, float] = {}
        self.threads_cpu: dict[tuple[int, int], float] = {}
        self.children_faults: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            parent = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.done.is_set():
            try:
                self.parent_mb = max(self.parent_mb, parent.memory_info().rss / 2**20)
                times = parent.cpu_times()
                self.parent_cpu = times.user + times.system
                self.parent_main_cpu = next((t.user_time + t.system_time
                                             for t in parent.threads() if t.id == self.pid),
                                            self.parent_main_cpu)
                for child in parent.children(recursive=True):
                    self.worker_mb = max(self.worker_mb, child.memory_info().rss / 2**20)
                    times = child.cpu_times()
                    self.children_cpu[child.pid] = times.user + times.system
                    # a thread that has ended keeps its last sample (Dask's task threads
                    # end before their worker does)
                    for thread in child.threads():
                        self.threads_cpu[child.pid, thread.id] = (thread.user_time
                                                                  + thread.system_time)
                    self.children_faults[child.pid] = _minor_faults(child.pid)
            except psutil.Error:
                pass
            self.done.wait(self.every)

    def by_process(self, documents: int) -> dict:
        """CPU seconds per document: the parent's main thread and its other threads, the
        workers' busiest threads and the rest of the workers (every descendant summed)."""
        busiest = sum(max(cpu for (pid, _), cpu in self.threads_cpu.items() if pid == child)
                      for child in {pid for pid, _ in self.threads_cpu})
        return {"parent_main": round(self.parent_main_cpu / documents, 4),
                "parent_threads": round((self.parent_cpu - self.parent_main_cpu) / documents, 4),
                "workers_busiest_thread": round(busiest / documents, 4),
                "workers_rest": round((sum(self.children_cpu.values()) - busiest) / documents, 4),
                "workers_minor_faults": round(sum(self.children_faults.values()) / documents),
                "processes": 1 + len(self.children_cpu)}


def sample_feed(news: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` lines taken round-robin from every news file, as one JSONL."""
    import zipfile
    per_file = []
    for path in sorted(news.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            per_file.append(archive.read(archive.namelist()[0]).splitlines())
    lines = [line for group in zip(*per_file) for line in group][:limit]
    feed = folder / f"news-{limit}.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    return feed


def run(news: Path, workers: int, db: Path, engine: str = "local",
        tree: Path | None = None) -> dict:
    """One ``svodka ingest``; with ``tree``, svodka as found there (another checkout, e.g.
    ``git archive`` of a commit to compare with: before and after in one run)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "svodka", "ingest", str(news), "--db", str(db),
               "--workers", str(workers), "--engine", engine, "--quiet", "--timings"]
    started, cpu_before, launch = time.perf_counter(), _children_cpu(), time.time()
    environment = os.environ | ({"PYTHONPATH": str(tree)} if tree else {})
    # `python -m` puts the working directory first on sys.path, ahead of PYTHONPATH: run from
    # a checkout's root, a "tree" run imported that checkout's svodka, not the tree's.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment, cwd=str(tree) if tree else None)
    sampler = MemorySampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    seconds, cpu, ended = time.perf_counter() - started, _children_cpu() - cpu_before, time.time()
    stages = json.loads(re.search(r"^stages (.*)$", stdout, re.M).group(1))
    from ingest_stages import steps_of   # when each step of the run ended (svodka/ingest/clock.py)
    marks = re.search(r"^marks (.*)$", stdout, re.M)
    steps = steps_of(json.loads(marks.group(1)) if marks else {}, launch, ended)
    line = " ".join(stdout.split("\nstages ")[0].split())
    numbers = dict(re.findall(r"(read|stored|duplicates|rejected) (\d+)", line))
    inner = float(re.search(r"in ([\d.]+)s", line).group(1))
    sys.path.insert(0, str(ROOT))
    from svodka.store import open_store
    with open_store(db) as store, store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        stats = store.stats()
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    stored = int(numbers["stored"])
    return {"engine": engine, "workers": workers, "tree": str(tree) if tree else None,
            "stages": stages, "steps": steps, "read": int(numbers["read"]), "stored": stored,
            "duplicates": int(numbers["duplicates"]), "rejected": int(numbers["rejected"]),
            "seconds": round(inner, 1), "wall_seconds": round(seconds, 1),
            "docs_per_s": round(int(numbers["read"]) / inner, 2),
            # From the command's start to its end: the Dask cluster's start and the workers'
            # model loads are outside the ingest loop's own seconds, so engines compare on this.
            "wall_docs_per_s": round(int(numbers["read"]) / seconds, 3),
            "writer_rss_mb": round(sampler.parent_mb),
            "worker_rss_mb": round(sampler.worker_mb) if workers > 1 or engine == "dask" else None,
            "cpu_s_per_doc": round(cpu / int(numbers["read"]), 3),
            # The parent alone, and every process it started (the extraction workers); with
            # one worker the parent extracts too.
            "parent_cpu_s_per_doc": round(sampler.parent_cpu / int(numbers["read"]), 4),
            "children_cpu_s_per_doc": round(sum(sampler.children_cpu.values())
                                            / int(numbers["read"]), 4),
            "cpu_s_per_doc_by_process": sampler.by_process(int(numbers["read"])),
            "mb_per_1000": round(size / 2**20 / stored * 1000, 1) if stored else None,
            "duplicate_groups": stats["duplicate_groups"], "near_or_exact_copies": stats["duplicates"],
            "load_average": round(os.getloadavg()[0], 1), "db": str(db), "summary": line}


def _by_thread(run: dict) -> str:
    split = run.get("cpu_s_per_doc_by_process")
    if not split:
        return "—"
    return " + ".join(str(split[k]) for k in ("parent_main", "parent_threads",
                                               "workers_busiest_thread", "workers_rest"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    parser.add_argument("--limit", type=int, default=None,
                        help="ingest only this many articles, taken evenly from every file")
    parser.add_argument("--runs", nargs="+", default=["local:1", "local:2"],
                        help="engine:workers[@tree], e.g. local:1 local:2 dask:2 "
                             "dask:2@/tmp/before (svodka from that directory)")
    parser.add_argument("--workers", type=int, nargs="+", default=None,
                        help="shorthand for --runs local:N for each N")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the runs, interleaved")
    parser.add_argument("--keep", type=Path, default=Path("/tmp/svodka-bench"),
                        help="where the stores stay (bench/search.py reads the last one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="where the runs' numbers go (a trial run: not the repository's)")
    parser.add_argument("--no-docs", action="store_true",
                        help="a trial: print the table, write neither --out nor --results")
    args = parser.parse_args()
    args.keep = args.keep.resolve()
    args.keep.mkdir(parents=True, exist_ok=True)
    source = sample_feed(args.news, args.limit, args.keep) if args.limit else args.news
    if args.workers:
        args.runs = [f"local:{n}" for n in args.workers]
    runs = []
    for round_ in range(args.rounds):
        base = None
        for spec in args.runs:
            spec, _, tree = spec.partition("@")
            engine, workers = spec.split(":")
            # news-w2.db is the store bench/search.py and bench/serve.py read
            name = f"news-w{workers}.db" if engine == "local" else f"news-{engine}{workers}.db"
            if tree:
                name = f"{Path(tree).name}-{name}"
            result = run(source, int(workers), args.keep / name, engine,
                         Path(tree).resolve() if tree else None)
            base = base or result["wall_docs_per_s"]
            result |= {"round": round_ + 1, "speed_up": round(result["wall_docs_per_s"] / base, 2)}
            print(json.dumps(result, ensure_ascii=False), flush=True)
            runs.append(result)
    what = f"the first {args.limit} lines of" if args.limit else "all of"
    lines = [f"Ingest of {what} `{args.news.name}/` ({runs[0]['read']} documents) into a fresh SQLite "
             f"store, `python bench/ingest.py` on {os.cpu_count()} cores, "
             f"{time.strftime('%Y-%m-%d')}, load average at the end of each run "
             f"{', '.join(str(r['load_average']) for r in runs)}:", "",
             "| round | engine | workers | docs/s (ingest loop) | docs/s (wall) | speed-up (wall) | wall s | CPU s / doc | of which parent + workers "
             "| by thread: parent main + parent other + workers' busiest + workers' other "
             "| peak RSS per worker MB "
             "| peak RSS of the writer MB | store MB / 1,000 articles | stored | duplicates | rejected "
             "| duplicate groups |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        engine = r["engine"] + (f" ({Path(r['tree']).name})" if r.get("tree") else "")
        lines.append(f"| {r['round']} | {engine} | {r['workers']} | {r['docs_per_s']} | "
                     f"{r['wall_docs_per_s']} | "
                     f"{r['speed_up']:.2f}× | "
                     f"{r['wall_seconds']} | {r.get('cpu_s_per_doc', '—')} | "
                     f"{r.get('parent_cpu_s_per_doc', '—')} + {r.get('children_cpu_s_per_doc', '—')} | "
                     f"{_by_thread(r)} | "
                     f"{r['worker_rss_mb'] or '(in the writer)'} | {r['writer_rss_mb']} | "
                     f"{r['mb_per_1000']} | "
                     f"{r['stored']} | {r['duplicates']} | {r['rejected']} | "
                     f"{r['duplicate_groups']} |")
    lines += ["", "Seconds by stage (`svodka ingest --timings`; extraction summed over the workers):",
              ""] + [f"- round {r['round']}, {r['engine']} {r['workers']}: "
                     + ", ".join(f"{k} {v:.1f}" for k, v in sorted(r["stages"].items()))
                     for r in runs]
    lines += ["", "With one worker the writer process extracts too, so its peak holds the models and "
              "the writer's state together; with more, each worker is a process of its own."]
    if args.no_docs:
        print("\n".join(lines))
        return
    results = (json.loads(args.results.read_text(encoding="utf-8"))
               if args.results.exists() else {})
    results.update(ingest=runs, ingest_lines=lines)
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    write_section(args.out, lines + results.get("search_lines", []))


if __name__ == "__main__":
    main()
