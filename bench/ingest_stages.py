"""Where the wall clock of one ``svodka ingest`` goes, step by step (issue 13).

    python bench/ingest_stages.py [--limit 300] [--runs local:1 local:2 dask:2] [--rounds 3]
                                  [--news DIR] [--keep DIR]

Each run is the real command (``svodka ingest --quiet --timings``) in a fresh process and a
fresh SQLite store; the command prints when each step of the run ended (``marks``,
:mod:`svodka.ingest.clock`), and this script takes them from the moment it started the
process and the moment the process ended. Runs follow one another, ``--rounds`` times over,
so every engine sees the same load. A run may name another tree (``dask:2@/tmp/main``);
marks that tree does not print are left empty.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ingest import sample_feed  # noqa: E402

# (label, from mark, to mark): the steps in the order a run goes through them
STEPS = [
    ("process start + CLI imports", "launch", "cli_imported"),
    ("ingest imports", "cli_imported", "ingest_imported"),
    ("opening the store", "ingest_imported", "store_open"),
    ("engine ready (Dask: cluster up; before: with every worker's models)", "store_open",
     "engine_ready"),
    ("first document read", "launch", "first_read"),
    ("workers' model load, first started", "launch", "models_loading_first"),
    ("workers' model load, last ended", "launch", "models_loaded_last"),
    ("first task submitted", "launch", "first_submit"),
    ("first result in the parent", "launch", "first_result"),
    ("input read to the end", "launch", "input_read"),
    ("the loop: first result to the last", "first_result", "all_results"),
    ("tail: one worker done, the other still busy", "first_worker_done", "last_worker_done"),
    ("last result to the loop's end (last flush)", "all_results", "loop_end"),
    ("stopping the engine (pool / cluster)", "engine_stop_begin", "engine_stopped"),
    ("closing the store", "engine_stopped", "store_closed"),
    ("store closed to process exit", "store_closed", "exit"),
    ("wall", "launch", "exit"),
]


def steps_of(marks: dict[str, float], launch: float, ended: float) -> dict[str, float]:
    """Seconds of each step of :data:`STEPS` that the run's marks (Unix times) cover."""
    marks = marks | {"launch": launch, "exit": ended}
    return {label: round(marks[end] - marks[start], 2)
            for label, start, end in STEPS if start in marks and end in marks}


def run(feed: Path, engine: str, workers: int, db: Path, tree: Path | None) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "svodka", "ingest", str(feed), "--db", str(db),
               "--workers", str(workers), "--engine", engine, "--quiet", "--timings"]
    environment = os.environ | ({"PYTHONPATH": str(tree)} if tree else {"PYTHONPATH": str(ROOT)})
    launch = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=environment,
                          cwd=str(tree or ROOT))
    ended = time.time()
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    found = re.search(r"^marks (.*)$", done.stdout, re.M)
    marks = json.loads(found.group(1)) if found else {}
    stages = json.loads(re.search(r"^stages (.*)$", done.stdout, re.M).group(1))
    steps = steps_of(marks, launch, ended)
    read = int(re.search(r"read (\d+)", done.stdout).group(1))
    return {"engine": engine, "workers": workers, "tree": str(tree) if tree else None,
            "read": read, "steps": steps, "stages": stages,
            "load_average": round(os.getloadavg()[0], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--runs", nargs="+", default=["local:1", "local:2", "dask:2"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/svodka-stages"))
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    feed = sample_feed(args.news, args.limit, args.keep)
    runs = []
    for round_ in range(args.rounds):
        for spec in args.runs:
            spec, _, tree = spec.partition("@")
            engine, workers = spec.split(":")
            name = f"{Path(tree).name}-" if tree else ""
            result = run(feed, engine, int(workers), args.keep / f"{name}{engine}{workers}.db",
                         Path(tree).resolve() if tree else None)
            result["round"] = round_ + 1
            print(json.dumps(result, ensure_ascii=False), flush=True)
            runs.append(result)
    heads = [f"{r['engine']} {r['workers']}" + (f" ({Path(r['tree']).name})" if r["tree"] else "")
             + f", r{r['round']}" for r in runs]
    print(f"\nSeconds, {runs[0]['read']} documents; load average at each run's end "
          f"{', '.join(str(r['load_average']) for r in runs)}\n")
    print("| step | " + " | ".join(heads) + " |")
    print("|---|" + "---|" * len(runs))
    for label, _, _ in STEPS:
        cells = [str(r["steps"].get(label, "—")) for r in runs]
        if any(cell != "—" for cell in cells):
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
