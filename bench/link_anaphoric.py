"""coref/descriptions.link_anaphoric of this tree against another tree's, on one long article.

    python bench/link_anaphoric.py --base /tmp/perf13b-base [--mb 1]

Extracts the synthetic article (``bench/extract.py``'s ``build_big_article``) once; where the
resolver calls ``link_anaphoric`` both trees' versions run on the same arguments (this tree,
the base, twice each), their CPU seconds are summed and their links compared. The base's
module is loaded from its file, so everything else it imports is this tree's.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree")
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()

    import svodka
    import svodka.extractors.entities as entities_step
    from anchor_quoted import load_tree_module
    from extract import NEWS, build_big_article, select_articles
    from svodka.analysis import load_models

    base = load_tree_module(args.base, "svodka/extractors/coref/descriptions.py")
    models = load_models()
    ours = entities_step.link_anaphoric
    seconds = {"this tree": 0.0, "base": 0.0}
    same = []

    def both(*call_args, **kwargs):
        answers = []
        for name, run in (("this tree", ours), ("base", base.link_anaphoric)) * 2:
            cpu = time.process_time()
            answers.append(run(*call_args, **kwargs))
            seconds[name] += time.process_time() - cpu
        key = [[(id(k.entity), k.mention.start, k.mention.end, k.mention.rule) for k in links]
               for links in answers]
        same.append(all(k == key[0] for k in key))
        return answers[0]

    entities_step.link_anaphoric = both
    text = build_big_article(select_articles(NEWS, 60), int(args.mb * 1024 * 1024))
    svodka.extract(text, with_tone=False, models=models)
    print(f"{args.mb:g} MiB: link_anaphoric this tree {seconds['this tree'] / 2:.2f} CPU-s, "
          f"base {seconds['base'] / 2:.2f} CPU-s (mean of two runs each, {len(same)} calls); "
          f"same links: {'yes' if all(same) else 'NO'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
