"""Tables for bench/extract.py: a rich table for the terminal, Markdown for docs/performance.md."""
from __future__ import annotations

from pathlib import Path

from sections import replace_section
TARGETS = {"ratio": 0.8, "load_s": 2.0, "peak_rss_mb": 500.0}
COLUMNS = ("tool", "import, s", "model load, s", "docs", "docs/s", "docs per CPU-s", "MB/s",
           "peak RSS, MB", "failures", "load avg")


def rows(results: dict) -> list[list[str]]:
    table = []
    for mode in ("svodka", "natasha"):
        r = results.get(mode)
        if r is None:
            continue
        if "error" in r:
            table.append([mode, r["error"], *[""] * (len(COLUMNS) - 2)])
            continue
        table.append([mode, f"{r['import_s']:.2f}", f"{r['load_s']:.2f}", str(r["docs"]),
                      f"{r['docs_per_s']:.2f}", f"{r['docs_per_cpu_s']:.2f}",
                      f"{r['mb_per_s']:.3f}", f"{r['peak_rss_mb']:.0f}", str(r["failures"]),
                      "{:.1f} → {:.1f}".format(*r["load"])])
    return table


def ratio(results: dict, key: str = "docs_per_s") -> float | None:
    svodka, natasha = results.get("svodka", {}), results.get("natasha", {})
    if key in svodka and key in natasha:
        return svodka[key] / natasha[key]
    return None


def verdicts(results: dict) -> list[str]:
    svodka, checks = results.get("svodka", {}), []
    for label, key in (("wall clock", "docs_per_s"), ("CPU time", "docs_per_cpu_s")):
        value = ratio(results, key)
        if value is not None:
            checks.append((f"throughput svodka / natasha, {label}", f"{value:.2f}×",
                           f"≥ {TARGETS['ratio']}×", value >= TARGETS["ratio"]))
    if "load_s" in svodka:
        checks.append(("svodka model load", f"{svodka['load_s']:.2f} s (import + load: "
                       f"{svodka['setup_cpu_s']:.2f} CPU-s)",
                       f"≤ {TARGETS['load_s']:.0f} s", svodka["load_s"] <= TARGETS["load_s"]))
        checks.append(("svodka peak RSS", f"{svodka['peak_rss_mb']:.0f} MB",
                       f"≤ {TARGETS['peak_rss_mb']:.0f} MB",
                       svodka["peak_rss_mb"] <= TARGETS["peak_rss_mb"]))
    return [f"| {name} | {got} | {target} | {'met' if ok else '**missed**'} |"
            for name, got, target, ok in checks]


def big_line(results: dict) -> str:
    big = results.get("big")
    if big is None:
        return "10 MB article: not run (`--no-big`)."
    if "error" in big:
        return f"10 MB article: **{big['error']}**."
    corpus = results.get("svodka", {}).get("mb_per_s")
    versus = f" ({big['mb_per_s'] / corpus:.2f}× the news-article rate)" if corpus else ""
    return (f"10 MB article ({big['mb']:.1f} MB of UTF-8, real paragraphs repeated), one "
            f"`svodka.extract` call: {big['seconds']:.1f} s ({big['cpu_seconds']:.1f} CPU-s), "
            f"{big['mb_per_s']:.3f} MB/s{versus}, "
            f"peak RSS {big['peak_rss_mb']:.0f} MB, failures {big['failures']}.")


def profile_lines(results: dict, stages: dict) -> list[str]:
    profile = results.get("profile")
    if profile is None:
        return ["Profile: not run (`--no-profile`)."]
    if "error" in profile:
        return [f"Profile: **{profile['error']}**."]
    total = profile["total_s"]
    lines = [f"cProfile over the first {profile['docs']} articles ({total:.1f} s under the "
             "profiler; its overhead weighs on pure-Python code more than on numpy), "
             "cumulative time per stage:", "", "| stage | s | share |", "|---|---:|---:|"]
    for stage in stages:
        seconds = profile["stages"].get(stage, 0.0)
        lines.append(f"| {stage} | {seconds:.1f} | {seconds / total:.0%} |")
    lines += ["", "Functions with the most own time (tottime):", "",
              "| function | calls | tottime, s | cumtime, s |", "|---|---:|---:|---:|"]
    lines += [f"| `{f['function']}` | {f['calls']} | {f['tottime']:.1f} | {f['cumtime']:.1f} |"
              for f in profile["top"]]
    return lines


def render_markdown(results: dict, machine: dict, command: str, stages: dict) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in machine["versions"].items())
    lines = ["## Extraction", "",
             f"Run {machine['date']} on {machine['cpu']}, {machine['nproc']} CPUs, Python "
             f"{machine['python']}; {versions}. BLAS threads per process: {machine['blas_threads']}; "
             f"children run at once: {machine['jobs']}.",
             "", f"Command: `{command}`", "",
             "Each tool in a fresh process. svodka: `svodka.extract(text)` (layout, razdel, "
             "slovnet morphology + syntax + NER, then dates, entities, quotes, amounts). "
             "natasha: `Doc` → segment, morph, syntax, NER, span normalization, then "
             "NamesExtractor, DatesExtractor, MoneyExtractor over the text. Articles: the first "
             "N/6 of each `data/news/*.jsonlines.zip`, `title + \"\\n\\n\" + content`. The machine is "
             "shared with other jobs (load average before → after each run in the last column), "
             "so wall-clock rates are noisy; rates per CPU-second are steadier.", "",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    lines += ["", "| check | measured | target | |", "|---|---|---|---|", *verdicts(results), "",
              big_line(results), "", *profile_lines(results, stages)]
    return "\n".join(lines)


def render_table(results: dict):
    from rich.table import Table
    table = Table(title="extraction benchmark")
    for column in COLUMNS:
        table.add_column(column, justify="left" if column == "tool" else "right")
    for row in rows(results):
        table.add_row(*row)
    wall, cpu = ratio(results), ratio(results, "docs_per_cpu_s")
    if wall is not None:
        table.caption = (f"svodka / natasha throughput: {wall:.2f}× wall clock, {cpu:.2f}× CPU "
                         "time. " + big_line(results))
    return table


def write_section(path: Path, body: str) -> None:
    replace_section(path, "extract", body)
