"""What the pronoun step (svodka/extractors/coref/pronouns.py) costs: ``svodka.extract`` CPU
time with and without it, alternated in one process over the same news articles.

    python bench/coref_pronouns.py [--n 60] [--rounds 2] [--big-mb 1]

"Without" is the resolver's rules alone: the ranker's model reads as not installed (as when
``coref_ranker.npz`` is absent) and the first-person quote step is skipped. The articles are
``bench/extract.py``'s selection; the result is the ratio, since absolute times are noise on
a shared machine. ``--big-mb`` also times one synthetic article of that many MB
(``bench/extract.py``'s real paragraphs repeated), once each way.

``--descriptions`` times the description step instead: the ranker asked about every
description the rules leave open (``descriptions.RANKER_EVERYWHERE``, "with") against only
about subjects and descriptions after a demonstrative ("without").
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--big-mb", type=float, default=0)
    parser.add_argument("--descriptions", action="store_true",
                        help="time the ranker asked about every description, not the pronouns")
    arguments = parser.parse_args()

    from extract import NEWS, build_big_article, select_articles

    import svodka
    import svodka.pipeline as pipeline
    from svodka.analysis import load_models
    from svodka.extractors.coref import descriptions, pronouns, ranker

    models = load_models()
    texts = select_articles(NEWS, arguments.n)
    with_step = (ranker.load_model, pipeline.speech_pronouns)
    without = (lambda: None, lambda analysis, entities, quotes: entities)
    if arguments.descriptions:
        def switch(on: bool) -> None:
            descriptions.RANKER_EVERYWHERE = on
    else:
        def switch(on: bool) -> None:
            pronouns.load_model, pipeline.speech_pronouns = with_step if on else without
    for text in texts[:5]:
        svodka.extract(text, models=models)
    seconds = {"with": 0.0, "without": 0.0}
    for _ in range(arguments.rounds):
        for mode in ("without", "with", "with", "without"):
            switch(mode == "with")
            started = time.process_time()
            for text in texts:
                svodka.extract(text, models=models)
            seconds[mode] += time.process_time() - started
    if arguments.big_mb:
        big = build_big_article(texts, int(arguments.big_mb * 1024 * 1024))
        for mode in ("without", "with"):
            switch(mode == "with")
            started = time.process_time()
            svodka.extract(big, models=models)
            seconds["big " + mode] = time.process_time() - started
        print(f"{arguments.big_mb} MB article: {seconds['big without']:.1f} CPU-s without, "
              f"{seconds['big with']:.1f} with; ratio "
              f"{seconds['big with'] / seconds['big without']:.3f}")
    switch(True)
    step = "the ranker asked everywhere" if arguments.descriptions else "the pronoun step"
    runs = 2 * arguments.rounds * len(texts)
    print(f"{len(texts)} articles, {2 * arguments.rounds} passes each way: "
          f"{1000 * seconds['without'] / runs:.1f} CPU-ms an article without {step}, "
          f"{1000 * seconds['with'] / runs:.1f} with it; ratio {seconds['with'] / seconds['without']:.3f}")


if __name__ == "__main__":
    main()
