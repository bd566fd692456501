"""Is extraction linear in article size? Time one synthetic article at several sizes.

    python bench/linearity.py [--mb 0.25 0.5 1 2] [--out docs/performance.md]

Each size runs in a fresh process (models loaded before the clock starts) on an article of
real news paragraphs repeated (``bench/extract.py``'s ``build_big_article``). Linear time shows
as a flat MB/s column; a quadratic step would halve it at each doubling. The 10 MB run of
``bench/extract.py`` is the same measurement at one size.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def child(path: str) -> dict:
    import svodka
    from svodka.analysis import load_models

    load_models()
    text = Path(path).read_text(encoding="utf-8")
    started, cpu = time.perf_counter(), time.process_time()
    article = svodka.extract(text)
    return {"mb": len(text.encode("utf-8")) / 1e6, "seconds": time.perf_counter() - started,
            "cpu_seconds": time.process_time() - cpu, "entities": len(article.entities),
            "quotes": len(article.quotes), "amounts": len(article.amounts)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0

    from extract import NEWS, build_big_article, select_articles
    from sections import replace_section

    texts = select_articles(NEWS, 60)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.mb:
            path = Path(tmp) / f"{size}.txt"
            path.write_text(build_big_article(texts, int(size * 1e6)), encoding="utf-8")
            done = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env,
                                  capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"{row['mb']:.2f} MB: {row['seconds']:.1f} s, {row['mb'] / row['cpu_seconds']:.3f} MB per CPU-s")
    base = rows[0]["mb"] / rows[0]["cpu_seconds"]
    lines = [
        "## Linearity: one article at growing sizes",
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average "
        f"{os.getloadavg()[0]:.1f}, command `python bench/linearity.py --mb "
        f"{' '.join(str(s) for s in args.mb)}`.",
        "",
        "| MB | wall s | CPU s | MB per CPU-s | relative to the smallest |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        rate = row["mb"] / row["cpu_seconds"]
        lines.append(f"| {row['mb']:.2f} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | "
                     f"{rate:.3f} | {rate / base:.2f}× |")
    lines += ["", "A flat last column means time grows linearly with size; 10 MB then takes "
              f"about {10 / (rows[-1]['mb'] / rows[-1]['cpu_seconds']):.0f} CPU-s."]
    replace_section(args.out, "linearity", "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
