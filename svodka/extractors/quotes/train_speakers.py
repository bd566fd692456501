"""Train the quote speaker re-ranker on the project's own quote gold and measure it
leave-one-batch-out.

    svodka train speakers            # or: python -m svodka.extractors.quotes.train_speakers

svodka runs on every gold article with the re-ranker off; each quote it finds that matches a
gold quote (the overlap ``svodka eval quotes`` uses) gives one group: its candidates
(``speaker_ranker.quote_candidates``) labelled 1 where the candidate is the gold speaker by
``svodka eval quotes``' own comparison (the entity's canonical name; nobody for a null
speaker). For each batch X (the dev gold and each fresh batch) a model is trained on the other
batches and scored on X beside the rules; the margin by which the model must beat the rules'
choice is chosen by leave-one-batch-out *within* the training batches, never on X. The
installed model is trained on all batches, with its margin chosen the same way, and is written
only when the re-ranker beats the rules on the held-out batches on average and on the last one.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from svodka.eval.quotes import DEV, load_quotes, same_speaker
from svodka.eval.scoring import match_one_to_one
from svodka.eval.spans import Span
from svodka.extractors.quotes.speaker_ranker import (FEATURES, MODEL_FILE, article_candidates,
                                                     choose, rules_choice)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO / "tests" / "data" / "quotes"
DEFAULT_MODEL = REPO / "svodka" / "data" / "models" / MODEL_FILE
MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
NEVER = 2.0     # a margin no probability difference reaches: the rules always stand


@dataclass(slots=True)
class QuoteGroup:
    """One matched quote: its candidates' rows, their labels, and the rules' choice."""
    document: str
    batch: str
    rows: list[list[float]]
    labels: list[int]
    rules: int


def matched_candidates(text: str, gold, models=None):
    """svodka's quotes of one gold article (rules only), their candidates, the article's
    entities, and the (gold, svodka) index pairs of the quotes ``svodka eval quotes`` matches."""
    from svodka.analysis import analyze
    from svodka.extractors import extract_entities, extract_quotes
    from svodka.layout import analyze_layout
    from svodka.pipeline import resolve_published

    layout = analyze_layout(text)
    _, _, dateline = resolve_published(None, None, layout)
    analysis = analyze(text, layout.regions(), models=models)
    entities = extract_entities(analysis)
    quotes = extract_quotes(analysis, entities, dateline and (dateline.start, dateline.end),
                            rerank=False)
    pairs = match_one_to_one([Span(q.start, q.end, "quote") for q in gold],
                             [Span(q.start, q.end, "quote") for q in quotes])
    return quotes, article_candidates(analysis, entities, quotes), entities, \
        sorted(pairs, key=lambda pair: pair[1])


def document_groups(text: str, gold, document: str, batch: str, models=None
                    ) -> list[QuoteGroup]:
    """The groups of one gold article: svodka's quotes (rules only) matched to the gold's."""
    _, candidates, _, pairs = matched_candidates(text, gold, models)
    groups = []
    for g, p in pairs:
        group = candidates[p]
        labels = [int(same_speaker(gold[g].speaker, c.entity.name if c.entity else None))
                  for c in group]
        groups.append(QuoteGroup(document, batch, [c.row for c in group], labels,
                                 rules_choice(group)))
    return groups


def collect(gold: Path, models=None) -> list[QuoteGroup]:
    from svodka.analysis import load_models

    models = models or load_models()
    groups = []
    for document in load_quotes(gold):
        groups += document_groups(document.text, document.quotes, document.id,
                                  document.batch or DEV, models)
    return groups


def fit(groups: list[QuoteGroup], seed: int = 0):
    """scikit-learn's gradient-boosted trees over every candidate row, as plain arrays."""
    import numpy
    from sklearn.ensemble import HistGradientBoostingClassifier

    from svodka.extractors.coref.train import export

    rows = [row for g in groups for row in g.rows]
    labels = [label for g in groups for label in g.labels]
    # a few thousand rows: small, shallow trees, or they learn the articles by heart
    model = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_depth=4,
                                           max_leaf_nodes=15, min_samples_leaf=20,
                                           l2_regularization=1.0, random_state=seed)
    model.fit(numpy.asarray(rows, dtype=float), numpy.asarray(labels))
    return export(model, FEATURES)


def scores_of(model, groups: list[QuoteGroup]) -> list[list[float]]:
    flat = model.predict_proba([row for g in groups for row in g.rows])
    result, at = [], 0
    for g in groups:
        result.append([float(s) for s in flat[at:at + len(g.rows)]])
        at += len(g.rows)
    return result


def correct(groups: list[QuoteGroup], scores: list[list[float]] | None, margin: float) -> int:
    """Quotes whose kept speaker is the gold one (``scores`` None: the rules alone)."""
    if scores is None:
        return sum(g.labels[g.rules] for g in groups)
    return sum(g.labels[choose(s, g.rules, margin)] for g, s in zip(groups, scores))


def folds(groups: list[QuoteGroup]) -> list[tuple[list[QuoteGroup], list[QuoteGroup]]]:
    """Leave-one-batch-out splits of ``groups``; by alternate documents within one batch."""
    batches = sorted({g.batch for g in groups})
    if len(batches) >= 2:
        return [([g for g in groups if g.batch != b], [g for g in groups if g.batch == b])
                for b in batches]
    documents = sorted({g.document for g in groups})
    halves = [set(documents[0::2]), set(documents[1::2])]
    return [([g for g in groups if g.document not in half],
             [g for g in groups if g.document in half]) for half in halves if half]


def choose_margin(groups: list[QuoteGroup]) -> tuple[float, dict[str, int]]:
    """The margin that keeps most gold speakers over out-of-fold scores of ``groups``
    (ties go to the larger margin: fewer overrides); NEVER when no margin beats the rules."""
    held, held_scores = [], []
    for train, test in folds(groups):
        if not train or not test or not any(label for g in train for label in g.labels):
            continue
        held += test
        held_scores += scores_of(fit(train), test)
    counts = {str(m): correct(held, held_scores, m) for m in MARGINS}
    rules = correct(held, None, NEVER)
    best = max(MARGINS, key=lambda m: (counts[str(m)], m))
    counts["rules"] = rules
    return (best if counts[str(best)] > rules else NEVER), counts


def leave_one_batch_out(groups: list[QuoteGroup]) -> list[dict]:
    rows = []
    for batch in sorted({g.batch for g in groups}):
        train = [g for g in groups if g.batch != batch]
        test = [g for g in groups if g.batch == batch]
        margin, _ = choose_margin(train)
        scores = scores_of(fit(train), test)
        ranked = correct(test, scores, margin)
        changed = sum(choose(s, g.rules, margin) != g.rules for g, s in zip(test, scores))
        rows.append({"held out": batch, "quotes": len(test),
                     "rules": correct(test, None, NEVER), "rules+ranker": ranked,
                     "margin": margin, "overridden": changed,
                     "reachable": sum(any(g.labels) for g in test)})
    return rows


def rule_errors(groups: list[QuoteGroup]) -> dict[str, int]:
    """The rules' wrong speakers by what they chose and what the gold has: what a re-ranker
    could fix (the gold speaker among the candidates) and what it cannot."""
    counts: dict[str, int] = {}
    for g in groups:
        if g.labels[g.rules]:
            continue
        gold = next((i for i, label in enumerate(g.labels) if label), None)
        chose = "rules nobody" if g.rows[g.rules][0] == 1.0 else "rules an entity"
        has = ("gold not among the candidates" if gold is None else
               "gold nobody" if g.rows[gold][0] == 1.0 else "gold another candidate")
        counts[f"{chose}, {has}"] = counts.get(f"{chose}, {has}", 0) + 1
    return dict(sorted(counts.items()))


def table(rows: list[dict]) -> str:
    lines = ["| held out | matched quotes | rules | rules + ranker | margin | overridden | "
             "gold speaker among candidates |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        n = r["quotes"] or 1
        margin = "never" if r["margin"] >= NEVER else f"{r['margin']:.2f}"
        lines.append(f"| {r['held out']} | {r['quotes']} | {r['rules'] / n:.3f} | "
                     f"{r['rules+ranker'] / n:.3f} | {margin} | {r['overridden']} | "
                     f"{r['reachable'] / n:.3f} |")
    lines.append(f"| mean of batches | | {mean_of_batches(rows, 'rules'):.3f} | "
                 f"{mean_of_batches(rows, 'rules+ranker'):.3f} | | | |")
    return "\n".join(lines)


def mean_of_batches(rows: list[dict], key: str) -> float:
    """The mean of the batches' accuracies (each batch weighs the same)."""
    return sum(r[key] / (r["quotes"] or 1) for r in rows) / (len(rows) or 1)


def beats_rules(rows: list[dict], last: str | None = None) -> bool:
    """Better than the rules on the mean of the held-out batches and on ``last`` (the latest
    batch; default the last in name order)."""
    if not rows:
        return False
    final = next((r for r in rows if r["held out"] == last), rows[-1])
    return (mean_of_batches(rows, "rules+ranker") > mean_of_batches(rows, "rules")
            and final["rules+ranker"] > final["rules"])


def save(model, margin: float, path: Path) -> None:
    import numpy

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        numpy.savez_compressed(stream, **model.arrays(), margin=numpy.array([margin]))


def train(gold: Path = DEFAULT_GOLD, out: Path | None = DEFAULT_MODEL,
          cache: Path | None = None, always_save: bool = False) -> dict:
    """Collect (or read ``cache``), report leave-one-batch-out, and write the all-batch model
    to ``out`` when it beats the rules (or ``always_save``)."""
    began = time.perf_counter()
    if cache is not None and cache.is_file():
        groups = [QuoteGroup(**g) for g in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        groups = collect(gold)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps([asdict(g) for g in groups]), encoding="utf-8")
    log.info("%d matched quotes, %d candidate rows (%.0f s)", len(groups),
             sum(len(g.rows) for g in groups), time.perf_counter() - began)
    rows = leave_one_batch_out(groups)
    report = {"leave one batch out": rows, "table": table(rows),
              "rules' errors": rule_errors(groups)}
    shipped = beats_rules(rows)
    report["beats the rules"] = shipped
    if out is not None and (shipped or always_save):
        margin, counts = choose_margin(groups)
        save(fit(groups), margin, out)
        report.update({"model": str(out), "margin": margin, "margin counts": counts})
    elif out is not None:
        report["model"] = f"not written: the re-ranker does not beat the rules ({out})"
    return report


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--always-save", action="store_true")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    report = train(arguments.gold, arguments.out, arguments.cache, arguments.always_save)
    print(report.pop("table"))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
