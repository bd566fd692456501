"""Extraction benchmark: svodka against natasha's own pipeline on the same news articles.

    python bench/extract.py [--n 500] [--out docs/performance.md] [--news DIR]
    python bench/extract.py --n 80 --compare ../base [--rounds 3]   # this tree against another

Each measurement runs in a fresh subprocess (``python bench/extract.py --child MODE FILE``),
so load time and peak RSS belong to one tool. Also times one ~10 MB synthetic article through
svodka (a linear-time check, under a timeout) and profiles svodka's extraction with cProfile.
Results are printed and written into ``--out`` between the ``bench:extract`` markers; the rest
of that file is left alone. Only the standard library is imported before a child's timer starts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"
BIG_ARTICLE_BYTES = 10 * 1024 * 1024
# OpenBLAS threads spin while they wait: on a busy 2-CPU machine they multiplied slovnet's CPU
# time several-fold, so both tools run single-threaded unless --blas-threads 0 says otherwise.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
PACKAGES = ("svodka", "natasha", "slovnet", "navec", "razdel", "yargy", "pymorphy2")
# cProfile slows pure-Python code more than numpy; the profile is for shares, not speed.
# It counts CPU time, so other jobs on the machine do not blur it.
PROFILE_ARTICLES = 150
# cumulative time of these functions = the pipeline's stages
STAGES = {
    "layout": ("svodka/layout", "analyze_layout"),
    "segment (razdel)": ("svodka/analysis", "_segment"),
    "morph + syntax (slovnet)": ("svodka/analysis", "_tag"),
    "NER (slovnet)": ("svodka/analysis", "_recognize"),
    "dates": ("svodka/extractors", "extract_dates"),
    "entities": ("svodka/extractors", "extract_entities"),
    "quotes": ("svodka/extractors", "extract_quotes"),
    "amounts": ("svodka/extractors", "extract_amounts"),
}


# ---- children: each runs alone in its own process and prints one JSON line ----

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def load_svodka():
    started = time.perf_counter()
    import svodka
    from svodka.analysis import load_models
    imported = time.perf_counter()
    load_models()
    return svodka.extract, imported - started, time.perf_counter() - imported


def load_natasha():
    started = time.perf_counter()
    from natasha import (DatesExtractor, Doc, MoneyExtractor, MorphVocab, NamesExtractor,
                         NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser,
                         Segmenter)
    imported = time.perf_counter()
    embedding, morph_vocab = NewsEmbedding(), MorphVocab()
    segmenter = Segmenter()
    morph_tagger, syntax_parser = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    ner_tagger = NewsNERTagger(embedding)
    extractors = [NamesExtractor(morph_vocab), DatesExtractor(morph_vocab),
                  MoneyExtractor(morph_vocab)]

    def run(text: str):
        """natasha's README pipeline: Doc → segment, morph, syntax, NER, normalize; extractors."""
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        for span in doc.spans:
            span.normalize(morph_vocab)
        return doc, [list(extractor(text)) for extractor in extractors]

    return run, imported - started, time.perf_counter() - imported


def time_all(run, texts: list[str]) -> dict:
    """Wall and CPU time: other jobs on a shared machine slow the first more than the second."""
    failures, load_before = 0, os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        try:
            run(text)
        except Exception:  # a crash is counted, and the run goes on
            failures += 1
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    size = sum(len(t.encode("utf-8")) for t in texts)
    return {"docs": len(texts), "seconds": seconds, "cpu_seconds": cpu, "mb": size / 1e6,
            "docs_per_s": len(texts) / seconds, "docs_per_cpu_s": len(texts) / cpu,
            "mb_per_s": size / 1e6 / seconds, "failures": failures,
            "load": [load_before, os.getloadavg()[0]]}


def profile_svodka(run, texts: list[str]) -> dict:
    import cProfile
    import pstats
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [run(t) for t in texts])
    stats = pstats.Stats(profiler).stats
    total = max(ct for (_, _, name), (_, _, _, ct, _) in stats.items() if name == "<lambda>")
    stages = {stage: sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                         if name == func and folder in path)
              for stage, (folder, func) in STAGES.items()}
    top = sorted(stats.items(), key=lambda item: -item[1][2])[:15]
    return {"docs": len(texts), "total_s": total, "stages": stages,
            "top": [{"function": f"{shorten(path)}:{line}({name})", "tottime": tt,
                     "cumtime": ct, "calls": nc} for (path, line, name), (_, nc, tt, ct, _) in top]}


def shorten(path: str) -> str:
    for marker in ("site-packages/", "/svodka/"):
        if marker in path:
            return ("svodka/" if marker == "/svodka/" else "") + path.split(marker, 1)[1]
    return path


def child(mode: str, path: str) -> dict:
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    cpu_started = time.process_time()
    run, import_s, load_s = load_natasha() if mode == "natasha" else load_svodka()
    setup_cpu_s = time.process_time() - cpu_started
    if mode == "profile":
        result = profile_svodka(run, texts[:PROFILE_ARTICLES])
    else:
        result = time_all(run, texts)
    return {"mode": mode, "import_s": import_s, "load_s": load_s, "setup_cpu_s": setup_cpu_s,
            **result,
            "peak_rss_mb": peak_rss_mb()}


# ---- parent ----

def compose(record: dict) -> str | None:
    """title + blank line + content, as svodka.reading.jsonl composes a JSONL article."""
    body, title = record.get("content"), (record.get("title") or "").strip()
    if not isinstance(body, str) or not body.strip():
        return None
    return body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"


def select_articles(folder: Path, n: int) -> list[str]:
    """The first ``n / files`` articles of every news file: a fixed, repeatable selection."""
    files = sorted(folder.glob("*.jsonlines.zip"))
    if not files:
        raise SystemExit(f"no *.jsonlines.zip in {folder}")
    per_file, texts = -(-n // len(files)), []
    for path in files:
        taken = 0
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as lines:
            for line in lines:
                if taken == per_file:
                    break
                text = compose(json.loads(line))
                if text:
                    texts.append(text)
                    taken += 1
    return texts[:n]


def build_big_article(texts: list[str], size: int = BIG_ARTICLE_BYTES) -> str:
    """Real paragraphs repeated until the article holds ``size`` bytes of UTF-8."""
    paragraphs = [p for text in texts for p in text.split("\n") if len(p) > 40]
    parts, total = ["Синтетическая статья из повторённых абзацев"], 0
    while total < size:
        for paragraph in paragraphs:
            parts.append(paragraph)
            total += len(paragraph.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def run_child(mode: str, path: Path, timeout: float, blas_threads: int,
              tree: Path = ROOT) -> dict:
    """One child; ``tree`` is the checkout whose svodka it imports (first on its path)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), env.get("PYTHONPATH", "")])
    if blas_threads:
        env.update({name: str(blas_threads) for name in BLAS_THREAD_VARIABLES})
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=tree, env=env)
    except subprocess.TimeoutExpired:
        return {"mode": mode, "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"mode": mode, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in
             (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
             if line.startswith("model name")]
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu": names[0] if names else platform.processor() or platform.machine(),
            "nproc": os.cpu_count(), "python": platform.python_version(), "versions": versions}


def compare_trees(texts: list[str], other: Path, rounds: int, blas_threads: int) -> list[dict]:
    """svodka of this tree and of ``other`` on the same articles, one child at a time.

    The order alternates round by round (this, other; other, this; ...), so a change of load
    during the sitting falls on both alike; CPU seconds, not wall clock, are compared.
    """
    trees = {"this": ROOT, "other": other.resolve()}
    measured = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.json"
        path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        for number in range(1, rounds + 1):
            order = ("this", "other") if number % 2 else ("other", "this")
            row = {"round": number, "order": order}
            for name in order:
                row[name] = run_child("svodka", path, 24 * 3600, blas_threads, trees[name])
                if "error" in row[name]:
                    raise SystemExit(f"{name} ({trees[name]}): {row[name]['error']}")
            measured.append(row)
    return measured


def compare_lines(measured: list[dict], other: Path, command: str) -> list[str]:
    """Markdown: CPU per document of both trees per round, and this tree's over the other's."""
    lines = [f"Command: `{command}` (this tree: `{ROOT.name}`, other: `{other}`), "
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.", "",
             "| round | order | this: CPU ms / doc | other: CPU ms / doc | this / other | load |",
             "|---:|---|---:|---:|---:|---|"]
    for row in measured:
        this, that = (1000 * row[n]["cpu_seconds"] / row[n]["docs"] for n in ("this", "other"))
        load = "{:.1f} → {:.1f}".format(row[row["order"][0]]["load"][0],
                                        row[row["order"][1]]["load"][1])
        lines.append(f"| {row['round']} | {' then '.join(row['order'])} | {this:.1f} | "
                     f"{that:.1f} | {this / that:.3f}× | {load} |")
    total = {n: sum(r[n]["cpu_seconds"] for r in measured) for n in ("this", "other")}
    lines += ["", f"All rounds: this tree takes **{total['this'] / total['other']:.3f}×** the "
              "other's CPU per document."]
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles to extract (default 500)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of *.jsonlines.zip")
    parser.add_argument("--big-timeout", type=float, default=900,
                        help="seconds allowed for the 10 MB article (default 900)")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="numpy/OpenBLAS threads per child; 0 keeps the environment's")
    parser.add_argument("--jobs", type=int, default=1,
                        help="children run at once (default 1: one after another)")
    parser.add_argument("--no-big", action="store_true", help="skip the 10 MB article")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--compare", type=Path, metavar="TREE",
                        help="only time svodka here against the svodka of another checkout")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --compare (default 3)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    if args.compare:
        texts = select_articles(args.news, args.n)
        measured = compare_trees(texts, args.compare, args.rounds, args.blas_threads)
        print("\n".join(compare_lines(measured, args.compare,
                                      " ".join(["python bench/extract.py", *argv]))))
        return 0

    from rich.console import Console
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extract_report import render_markdown, render_table, write_section

    console = Console(width=150)
    texts = select_articles(args.news, args.n)
    console.print(f"{len(texts)} articles, {sum(len(t.encode()) for t in texts) / 1e6:.1f} MB")
    plan = [("svodka", "articles"), ("natasha", "articles")]
    plan += [] if args.no_big else [("big", "big")]
    plan += [] if args.no_profile else [("profile", "articles")]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {"articles": Path(tmp) / "articles.json", "big": Path(tmp) / "big.json"}
        files["articles"].write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        if not args.no_big:
            files["big"].write_text(json.dumps([build_big_article(texts)], ensure_ascii=False),
                                    encoding="utf-8")
        with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
            futures = {}
            for mode, corpus in plan:
                timeout = args.big_timeout if mode == "big" else 24 * 3600
                futures[mode] = pool.submit(run_child, mode, files[corpus], timeout,
                                            args.blas_threads)
            for mode, future in futures.items():
                results[mode] = future.result()
                console.print(f"{mode} done")

    command = " ".join(["python bench/extract.py", *argv])
    console.print(render_table(results))
    setup = {**machine(), "blas_threads": args.blas_threads or "environment default",
             "jobs": args.jobs}
    write_section(args.out, render_markdown(results, setup, command, STAGES))
    console.print(f"wrote {args.out}")
    return 0 if all("error" not in r for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
