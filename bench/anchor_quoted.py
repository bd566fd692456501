"""dates/frames.anchor_quoted of this tree against another tree's, on one long article.

    python bench/anchor_quoted.py --base /work/base13 [--mb 2 4]

Builds the synthetic article (``bench/extract.py``'s ``build_big_article``) at each size,
analyzes it once, finds its dates once, then runs both trees' ``anchor_quoted`` on the same
dates in one process (this tree, the base, twice each) and checks that they return the same
dates. The re-reading of quoted dates was quadratic (every quote × every date); the CPU
seconds at two sizes show how each grows.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def load_tree_module(tree: Path, relative: str):
    """One module of another tree, loaded from its file (as ``base_<name>``): whatever it
    imports is this tree's."""
    path = tree / relative
    spec = importlib.util.spec_from_file_location(f"base_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # a dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree")
    parser.add_argument("--mb", type=float, nargs="+", default=[2.0, 4.0])
    args = parser.parse_args()

    from extract import NEWS, build_big_article, select_articles
    from svodka.analysis import load_models
    from svodka.extractors.dates import _rescan, _scan, frames, settle_years, values
    from svodka.pipeline import analyze, analyze_layout, resolve_published

    base = load_tree_module(args.base, "svodka/extractors/dates/frames.py")
    models, texts = load_models(), select_articles(NEWS, 60)
    for size in args.mb:
        text = build_big_article(texts, int(size * 1024 * 1024))
        layout = analyze_layout(text)
        anchor = values.parse_published(resolve_published(None, None, layout)[0])
        analysis = analyze(text, layout.regions(), models=models)
        found: list = []
        guessed: set[int] = set()
        for index in range(len(analysis.sentences)):
            _scan(analysis, index, anchor, found, guessed)
        settled = settle_years(analysis, found, guessed, anchor)
        seconds: dict[str, list[float]] = {"this tree": [], "base": []}
        answers = []
        for name in ("this tree", "base", "this tree", "base"):
            run = frames.anchor_quoted if name == "this tree" else base.anchor_quoted
            cpu = time.process_time()
            answers.append(run(analysis, settled, anchor,
                               lambda index, day: _rescan(analysis, index, day)))
            seconds[name].append(time.process_time() - cpu)
        same = all(answer == answers[0] for answer in answers)
        reread = sum(1 for ref in answers[0]
                     if "+speech_day" in ref.rule or "+past_frame" in ref.rule)
        print(f"{size:g} MiB: {len(settled)} dates ({reread} re-read in quotes); anchor_quoted "
              f"this tree {' / '.join(f'{s:.2f}' for s in seconds['this tree'])} CPU-s, "
              f"base {' / '.join(f'{s:.2f}' for s in seconds['base'])} CPU-s; "
              f"same dates: {'yes' if same else 'NO'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
