"""Where extraction's CPU goes, step by step: cProfile (CPU clock) over the benchmark's articles.

    PYTHONPATH=TREE python bench/profile_steps.py [--n 80] [--stats out.pstats] [--top 25]
    py-spy record -f raw -o out.txt -- python bench/profile_steps.py --plain   # sampled
    python bench/profile_steps.py --collapsed out.txt       # steps of py-spy's samples

Extracts the articles ``bench/extract.py --n N`` selects, under cProfile counting CPU time
(other jobs on the machine do not blur it), after one warm-up article. Prints the cumulative
seconds of each pipeline step that the tree defines (a step missing from an older tree is
left out) and the functions with the most own time. cProfile slows pure-Python code more
than numpy, so the shares, not the seconds, are the result; compare two trees by running
this once with each on ``PYTHONPATH``. cProfile's per-call clock costs so much on a busy
machine that py-spy's sampling (``--plain`` runs the extraction alone for it) is the
lighter way; ``--collapsed`` reads its stacks into the same step table.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from extract import STAGES  # noqa: E402  (the pipeline's stages as bench/extract.py times them)

# (path fragment, function) whose cumulative time is one step: extract.py's stages, with the
# steps nested inside entities (the resolver, roles) and the two it does not list
_INSIDE_ENTITIES = {
    "  mentions": ("svodka/extractors/entities/mentions", "find_mentions"),
    "  linking": ("svodka/extractors/entities/linking", "link"),
    "  resolver (coref)": ("svodka/extractors/entities/__init__", "_resolve"),
}
_AFTER_QUOTES = {
    "speech pronouns": ("svodka/extractors/coref", "speech_pronouns"),
    "tone": ("svodka/sentiment", "tone_mentions"),
}
STEPS: dict[str, tuple[str, str]] = {}
for _stage, _where in STAGES.items():
    STEPS[_stage] = _where
    STEPS.update(_INSIDE_ENTITIES if _stage == "entities" else
                 _AFTER_QUOTES if _stage == "quotes" else {})


def step_seconds(stats: dict) -> dict[str, float]:
    seconds = {}
    for step, (fragment, function) in STEPS.items():
        found = [ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                 if name == function and fragment in path]
        if found:
            seconds[step] = sum(found)
    return seconds


def print_collapsed(path: Path, top: int) -> int:
    """Steps and functions from py-spy's raw output: one ``frame;frame;... count`` line per
    distinct stack, a frame being ``function (file:line)``."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    steps = dict.fromkeys(STEPS, 0)
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        frames = [frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].rsplit(
            "site-packages/", 1)[-1] + ")" for frame in stack.split(";")]
        if not any("extract (" in f for f in frames):
            continue            # model loading, imports
        total += samples
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + samples
        own[frames[-1]] = own.get(frames[-1], 0) + samples
        for step, (fragment, function) in STEPS.items():
            if any(f.startswith(function + " (") and fragment in f for f in frames):
                steps[step] += samples
    print(f"{total} samples inside svodka.extract")
    print("\n| step | share |\n|---|---:|")
    for step, samples in steps.items():
        print(f"| {step} | {samples / total:.1%} |")
    for title, table in (("inclusive", inclusive), ("own", own)):
        print(f"\n| function ({title}) | share |\n|---|---:|")
        for frame, samples in sorted(table.items(), key=lambda item: -item[1])[:top]:
            print(f"| `{frame}` | {samples / total:.1%} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=80)
    parser.add_argument("--stats", type=Path, help="also save the raw pstats here")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--plain", action="store_true", help="extract only, for a sampler")
    parser.add_argument("--collapsed", type=Path, help="read py-spy's raw stacks instead")
    args = parser.parse_args()
    if args.collapsed:
        return print_collapsed(args.collapsed, args.top)

    from extract import NEWS, select_articles, shorten

    import svodka
    from svodka.analysis import load_models

    texts = select_articles(NEWS, args.n)
    models = load_models()
    svodka.extract(texts[0], models=models)
    if args.plain:
        for text in texts:
            svodka.extract(text, models=models)
        return 0
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [svodka.extract(text, models=models) for text in texts])
    if args.stats:
        profiler.dump_stats(str(args.stats))
    stats = pstats.Stats(profiler).stats
    total = sum(tottime for (_, _, tottime, _, _) in stats.values())
    print(f"svodka at {Path(svodka.__file__).parent.parent}: {len(texts)} articles, "
          f"{total:.1f} CPU-s under the profiler")
    print("\n| step | s | share |\n|---|---:|---:|")
    for step, seconds in step_seconds(stats).items():
        print(f"| {step} | {seconds:.1f} | {seconds / total:.0%} |")
    print("\n| function | calls | tottime, s | cumtime, s |\n|---|---:|---:|---:|")
    top = sorted(stats.items(), key=lambda item: -item[1][2])[:args.top]
    for (path, line, name), (_, calls, tottime, cumtime, _) in top:
        print(f"| `{shorten(path)}:{line}({name})` | {calls} | {tottime:.2f} | {cumtime:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
