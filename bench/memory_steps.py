"""Which step of one long article's extraction holds the memory: tracemalloc per step.

    python bench/memory_steps.py [--mb 2] [--article FILE] [--top 12] [--entities] [--rss]
                                  [--held-by STEP]

Builds the synthetic article of ``bench/memory.py`` (or reads ``--article``), loads the models,
then extracts it with tracemalloc on, wrapping each pipeline step (the language pass, dates,
entities, quotes, speech pronouns, tone, amounts): for each step the Python memory it still
holds when it returns and the peak while it ran, both above what was held before the
extraction started, and the source lines that hold the most at the end. tracemalloc sees
Python's allocations only (numpy's buffers included, BLAS scratch not) and slows the run
about twofold, so a 2 MiB article is the usual size; RSS is ``bench/memory.py``'s.
``--entities`` also wraps the steps inside the entities step (mentions, linking, the
resolver...), one row each, summed over their calls, and the resolver's own steps.
``--rss`` reads the process's resident memory instead of tracemalloc (no slowdown, so a
10 MiB article is fine): for each step the RSS held when it returns and the process's peak
RSS so far, both above the RSS before the extraction started; a step that raises the peak
holds the peak. RSS counts what the allocator keeps as well as what Python holds.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# with_tones judges each mention's tone as it copies it (mention_tones is its generator)
STEPS = ("analyze", "extract_dates", "extract_entities", "extract_quotes", "speech_pronouns",
         "with_tones", "extract_amounts")
# what resolve_entities calls (svodka/extractors/entities/__init__.py), in its order
ENTITY_STEPS = ("find_mentions", "find_events", "outside_mentions", "propagate",
                "written_nominatives", "subject_nominatives", "owners", "link", "shared_names",
                "_entity", "_resolve", "feminine_names",
                # what _resolve calls (the resolver's steps), in its order
                "quoted_spans", "person_genders", "apposition_roles", "link_pronouns",
                "person_slots", "referred_roles", "link_titles", "link_descriptions",
                "apposition_links", "descriptor_links", "link_anaphoric", "link_by_ranker")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--article", type=Path, help="a text file instead of the synthetic one")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--entities", action="store_true", help="rows for the entities' steps")
    parser.add_argument("--rss", action="store_true", help="resident memory, not tracemalloc")
    parser.add_argument("--held-by", metavar="STEP", action="append", default=[],
                        help="(tracemalloc) the source lines whose memory STEP still holds when "
                             "it returns: a snapshot before and after it, compared; repeatable")
    parser.add_argument("--trim", action="store_true",
                        help="with --rss: glibc's malloc_trim after each step (what the "
                             "allocator keeps that Python freed)")
    args = parser.parse_args()

    import svodka
    from svodka import pipeline
    from svodka.analysis import load_models

    if args.article:
        text = args.article.read_text(encoding="utf-8")
    else:
        from extract import NEWS, build_big_article, select_articles
        text = build_big_article(select_articles(NEWS, 60), int(args.mb * 1024 * 1024))
    models = load_models()
    svodka.extract("Прогрев: одна короткая статья.", models=models)
    rows = []
    held_by: list = []    # (step, tracemalloc's StatisticDiff list) for --held-by
    peaks: list[int] = []     # each step's peak: a step's own includes the steps inside it

    def wrapped(name, function):
        def step(*arguments, **keywords):
            if args.rss:
                peak_before = _peak_rss()
                cpu = time.process_time()
                result = function(*arguments, **keywords)
                if args.trim:
                    _malloc_trim()
                held, peak = _rss(), _peak_rss()
                rows.append((name, time.process_time() - cpu, held - base, peak - base,
                             peak - peak_before))
                return result
            snapshot = tracemalloc.take_snapshot() if name.strip() in args.held_by else None
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            inside = len(peaks)
            cpu = time.process_time()
            result = function(*arguments, **keywords)
            current, peak = tracemalloc.get_traced_memory()
            peak = max([peak] + peaks[inside:])
            peaks.append(peak)
            rows.append((name, time.process_time() - cpu, current - base, peak - base,
                         peak - before))
            if snapshot is not None:
                held_by.append((name.strip(), tracemalloc.take_snapshot().compare_to(
                    snapshot, "lineno")))
            return result
        return step

    for name in STEPS:
        if hasattr(pipeline, name):
            setattr(pipeline, name, wrapped(name, getattr(pipeline, name)))
    if args.entities:
        from svodka.extractors import entities
        for name in ENTITY_STEPS:
            if hasattr(entities, name):
                setattr(entities, name, wrapped(f"  {name}", getattr(entities, name)))
    if args.rss:
        base = _rss()
        article = svodka.extract(text, models=models)
        print(f"{len(text.encode('utf-8')) / 1e6:.2f} MB article: {len(article.entities)} "
              f"entities, {len(article.quotes)} quotes; RSS {base / 1e6:.0f} MB at the start, "
              f"peak {_peak_rss() / 1e6:.0f} MB; MB above the start:")
        print("\n| step | calls | CPU-s | RSS after | peak RSS so far | peak raised by |")
        print("|---|---:|---:|---:|---:|---:|")
        merged_rss: dict[str, list] = {}
        for name, cpu, held, peak, rise in rows:
            row = merged_rss.setdefault(name, [0, 0.0, held, peak, 0])
            row[0] += 1
            row[1] += cpu
            row[2], row[3], row[4] = held, max(row[3], peak), row[4] + rise
        for name, (calls, cpu, held, peak, rise) in merged_rss.items():
            print(f"| {name} | {calls} | {cpu:.1f} | {held / 1e6:.0f} | {peak / 1e6:.0f} | "
                  f"{rise / 1e6:.0f} |")
        return 0
    tracemalloc.start(1)
    base = tracemalloc.get_traced_memory()[0]
    article = svodka.extract(text, models=models)
    snapshot = tracemalloc.take_snapshot()
    # each step resets tracemalloc's peak, so the extraction's is the highest step's
    overall_peak = max([tracemalloc.get_traced_memory()[1] - base] + [row[3] for row in rows])
    tracemalloc.stop()
    print(f"{len(text.encode('utf-8')) / 1e6:.2f} MB article: {len(article.entities)} entities, "
          f"{len(article.quotes)} quotes; Python memory above the start, MB:")
    print("\n| step | calls | CPU-s (traced) | held after | peak while running "
          "| rise during the step |")
    print("|---|---:|---:|---:|---:|---:|")
    merged: dict[str, list] = {}      # a step called many times: one row, its highest marks
    for name, cpu, held, peak, rise in rows:
        row = merged.setdefault(name, [0, 0.0, held, peak, rise])
        row[0] += 1
        row[1] += cpu
        row[2], row[3], row[4] = held, max(row[3], peak), max(row[4], rise)
    for name, (calls, cpu, held, peak, rise) in merged.items():    # in the order they ended
        print(f"| {name} | {calls} | {cpu:.1f} | {held / 1e6:.0f} | {peak / 1e6:.0f} | "
              f"{rise / 1e6:.0f} |")
    print(f"\nPeak over the whole extraction: {overall_peak / 1e6:.0f} MB.")
    print("\n| held at the end by | MB | blocks |\n|---|---:|---:|")
    for stat in snapshot.statistics("lineno")[:args.top]:
        frame = stat.traceback[0]
        where = frame.filename.split("site-packages/")[-1].split("/svodka/", 1)[-1]
        print(f"| `{where}:{frame.lineno}` | {stat.size / 1e6:.1f} | {stat.count} |")
    for step, diffs in held_by:
        print(f"\n| held by `{step}` when it returns, allocated at | MB | blocks |")
        print("|---|---:|---:|")
        for diff in sorted(diffs, key=lambda d: -d.size_diff)[:args.top]:
            frame = diff.traceback[0]
            where = frame.filename.split("site-packages/")[-1].split("/svodka/", 1)[-1]
            print(f"| `{where}:{frame.lineno}` | {diff.size_diff / 1e6:.1f} | "
                  f"{diff.count_diff} |")
    return 0


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _malloc_trim() -> None:
    import ctypes
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    raise SystemExit(main())
