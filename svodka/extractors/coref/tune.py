"""Choose the ranker's threshold for descriptions on RuCoCo articles that neither trained
the ranker nor are the dev set: the training articles after the first
``train.DEFAULT_ARTICLES`` (1,200) in name order.

    python -m svodka.extractors.coref.tune [RUCOCO.zip] [--articles 200]

svodka runs once per article with every ranker link kept (threshold 0); each threshold is then
scored by dropping the ranker's mentions below it, and the table (link P/R/F1, description
link recall, the ranker's mentions kept) is printed. RuCoCo is CC BY-NC 4.0 and read from
``../shared``; nothing of it is written.
"""
from __future__ import annotations

import argparse
from itertools import islice
from pathlib import Path

from svodka.eval.coref import CorefScores, load_rucoco, score_coref
from svodka.extractors.coref import descriptions
from svodka.extractors.coref.train import DEFAULT_ARTICLES

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def tuning_articles(path: Path, count: int):
    """The ``count`` training articles after those the ranker was trained on."""
    return islice(load_rucoco(path, "train"), DEFAULT_ARTICLES, DEFAULT_ARTICLES + count)


def ranker_score(rule: str | None) -> float | None:
    return float(rule.split(":", 1)[1]) if rule and rule.startswith("ranker:") else None


def main(argv: list[str] | None = None) -> None:
    from svodka.analysis.models import load_models
    from svodka.pipeline import extract

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/rucoco/rucoco-train.zip")
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    models = load_models()
    chosen = descriptions.RANKER_THRESHOLD
    descriptions.RANKER_THRESHOLD = 0.0
    try:
        runs = [(doc, extract(doc.text, models=models))
                for doc in tuning_articles(Path(args.path), args.articles)]
    finally:
        descriptions.RANKER_THRESHOLD = chosen
    print(f"{len(runs)} articles (training articles {DEFAULT_ARTICLES + 1}–"
          f"{DEFAULT_ARTICLES + len(runs)} in name order); installed threshold {chosen}")
    print("threshold  link P  link R  link F1  description R  ranker mentions")
    for threshold in THRESHOLDS:
        total, kept = CorefScores.empty(), 0
        for doc, article in runs:
            chains = []
            for entity in article.entities:
                spans = []
                for mention in entity.mentions:
                    score = ranker_score(mention.rule)
                    if score is not None:
                        if score < threshold:
                            continue
                        kept += 1
                    spans.append((mention.start, mention.end))
                chains.append(spans)
            total.add(score_coref(doc.text, doc.chains, chains))
        links = total.links
        print(f"{threshold:9.2f}  {links.precision:6.3f}  {links.recall:6.3f}  {links.f1:7.3f}  "
              f"{total.description_links.value:13.3f}  {kept:15d}")


if __name__ == "__main__":
    main()
