"""Peak memory and CPU of one long article: does the analysis stay small as articles grow?

    python bench/memory.py [--mb 2 10] [--keep DIR]

Builds synthetic articles of real news paragraphs repeated (``bench/extract.py``'s
``build_big_article``), then runs ``svodka.extract`` on each in a fresh process under
``/usr/bin/time -v`` (models loaded first, BLAS single-threaded, ``nice -n 10``) and prints
the peak RSS and CPU seconds. A child alone: ``python bench/memory.py --child FILE``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(path: str) -> dict:
    import svodka
    from svodka.analysis import load_models

    load_models()
    text = Path(path).read_text(encoding="utf-8")
    cpu = time.process_time()
    article = svodka.extract(text)
    cpu = time.process_time() - cpu
    # the peak up to here is the extraction's: hashing then builds the whole record's JSON
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from record_hashes import record_hash
    return {"mb": len(text.encode("utf-8")) / 1e6, "extract_cpu_s": cpu,
            "extract_peak_rss_mb": peak,
            "entities": len(article.entities), "quotes": len(article.quotes),
            "amounts": len(article.amounts), "dates": len(article.dates),
            "record_sha1": record_hash(article)}


def measure(path: Path) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(["/usr/bin/time", "-v", "nice", "-n", "10", sys.executable, __file__,
                           "--child", str(path)], env=env, capture_output=True, text=True,
                          check=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    # the process's peak, hashing the record included; the extraction's own is the child's
    row["process_peak_rss_mb"] = int(re.search(
        r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
    row["peak_rss_mb"] = row["extract_peak_rss_mb"]
    row["user_cpu_s"] = float(re.search(r"User time \(seconds\): ([\d.]+)", done.stderr).group(1))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[2.0, 10.0])
    parser.add_argument("--keep", type=Path, help="write the articles here and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0

    from extract import NEWS, build_big_article, select_articles

    texts = select_articles(NEWS, 60)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.mb:
            path = folder / f"article-{size:g}mb.txt"
            path.write_text(build_big_article(texts, int(size * 1024 * 1024)), encoding="utf-8")
            row = measure(path)
            print(f"{row['mb']:.2f} MB: peak RSS {row['peak_rss_mb']:.0f} MB, "
                  f"(the process with hashing: {row['process_peak_rss_mb']:.0f} MB), "
                  f"{row['user_cpu_s']:.1f} user CPU-s ({row['extract_cpu_s']:.1f} in extract), "
                  f"{row['entities']} entities, {row['quotes']} quotes, "
                  f"record sha1 {row['record_sha1']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
