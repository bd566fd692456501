"""Quote benchmark on the hand-made gold in ``tests/data/quotes/`` (one JSON per article).

Matching: a predicted quote matches a gold quote when their overlap is at least half of the
longer of the two spans; matching is one-to-one, largest overlap first. Speakers are names
compared after lowercasing, ё→е and whitespace collapse, strictly: a surname alone does not
match a full name, and a null speaker matches only a null speaker.

Gold files may carry a top-level ``batch`` ("fresh-2026-12": annotated before svodka saw the
articles). The unqualified measures score the files without a batch (the dev gold the rules were
written against, which the quality gate pins); each batch and all files together get measures of
their own, named ``"<batch> span"`` and ``"all span"``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Share, match_one_to_one
from svodka.eval.spans import Span
from svodka.eval.systems import FoundQuote, predict_all
from svodka.text import fold

KINDS = ("direct", "indirect")


@dataclass(slots=True)
class QuoteDocument:
    id: str
    text: str
    quotes: list[FoundQuote]
    batch: str | None = None


DEV = "dev"        # label of the files without a batch
ALL = "all"


def load_quotes(directory: Path, limit: int | None = None) -> list[QuoteDocument]:
    """Every ``*.json`` gold file with ``text`` and ``quotes``, in name order."""
    documents = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "text" not in data or "quotes" not in data:
            continue
        quotes = [FoundQuote(q["start"], q["end"], q["kind"], q.get("speaker"))
                  for q in data["quotes"]]
        documents.append(QuoteDocument(data.get("id", path.stem), data["text"], quotes,
                                       data.get("batch")))
        if limit is not None and len(documents) >= limit:
            break
    return documents


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    return (fold(gold) if gold else None) == (fold(predicted) if predicted else None)


@dataclass(slots=True)
class QuoteScores:
    spans: PRF
    speakers: Share
    end_to_end: PRF


def score_quotes(gold: list[FoundQuote], predicted: list[FoundQuote]) -> QuoteScores:
    gold_spans = [Span(q.start, q.end, "quote") for q in gold]
    predicted_spans = [Span(q.start, q.end, "quote") for q in predicted]
    pairs = match_one_to_one(gold_spans, predicted_spans)
    speakers = Share(sum(same_speaker(gold[g].speaker, predicted[p].speaker) for g, p in pairs),
                     len(pairs))
    return QuoteScores(PRF(len(pairs), len(predicted), len(pairs), len(gold)), speakers,
                       PRF(speakers.correct, len(predicted), speakers.correct, len(gold)))


def quote_errors(document: QuoteDocument, predicted: list[FoundQuote]) -> list[dict]:
    """What went wrong in one article: gold quotes missed, quotes found where the gold has none,
    matched quotes with another speaker or other boundaries (the scores' own matching)."""
    gold = document.quotes
    pairs = match_one_to_one([Span(q.start, q.end, "quote") for q in gold],
                             [Span(q.start, q.end, "quote") for q in predicted])
    text = document.text

    def item(kind: str, quote: FoundQuote, **extra) -> dict:
        return {"document": document.id, "batch": document.batch or DEV, "error": kind,
                "start": quote.start, "end": quote.end, "kind": quote.kind,
                "text": text[quote.start:quote.end], **extra}

    errors = []
    for g, p in pairs:
        if not same_speaker(gold[g].speaker, predicted[p].speaker):
            errors.append(item("speaker", gold[g], gold_speaker=gold[g].speaker,
                               speaker=predicted[p].speaker))
        if (gold[g].start, gold[g].end) != (predicted[p].start, predicted[p].end):
            errors.append(item("boundary", gold[g], found=text[predicted[p].start:predicted[p].end]))
    matched_gold, matched_found = {g for g, _ in pairs}, {p for _, p in pairs}
    errors += [item("missed", q, gold_speaker=q.speaker) for i, q in enumerate(gold)
               if i not in matched_gold]
    errors += [item("spurious", q, speaker=q.speaker) for i, q in enumerate(predicted)
               if i not in matched_found]
    return sorted(errors, key=lambda e: (e["document"], e["start"]))


def batch_labels(documents: list[QuoteDocument]) -> list[str]:
    """``dev`` first (when present), then each batch in name order, then ``all`` when mixed."""
    batches = sorted({d.batch for d in documents if d.batch})
    labels = ([DEV] if any(d.batch is None for d in documents) else []) + batches
    return labels + [ALL] if len(labels) > 1 else labels


def in_batch(document: QuoteDocument, label: str) -> bool:
    return label == ALL or (document.batch or DEV) == label


def measure_name(label: str, measure: str) -> str:
    """The dev gold keeps the bare names the quality gate pins ("span", "speaker accuracy")."""
    return measure if label == DEV else f"{label} {measure}"


def evaluate_quotes(path: Path, systems, limit: int | None = None) -> Result:
    documents = load_quotes(path, limit)
    result = Result("quotes", "Quotes: hand-made gold (tests/data/quotes)", str(path),
                    len(documents), [s.name for s in systems])
    quoting = [s for s in systems if "quotes" in s.provides]
    outputs = predict_all(quoting, [d.text for d in documents], result)
    labels = batch_labels(documents)
    totals = {(s.name, label): QuoteScores(PRF(), Share(), PRF())
              for s in quoting for label in labels}
    by_kind = {(s.name, kind): PRF() for s in quoting for kind in KINDS}
    first = labels[0] if labels else DEV
    for index, document in enumerate(documents):
        for system in quoting:
            predicted = outputs[system.name][index].quotes
            scores = score_quotes(document.quotes, predicted)
            result.errors += [{"system": system.name, **error}
                              for error in quote_errors(document, predicted)]
            for label in labels:
                if not in_batch(document, label):
                    continue
                total = totals[system.name, label]
                total.spans.add(scores.spans)
                total.speakers.add(scores.speakers)
                total.end_to_end.add(scores.end_to_end)
            if not in_batch(document, first):
                continue
            for kind in KINDS:
                by_kind[system.name, kind].add(score_quotes(
                    [q for q in document.quotes if q.kind == kind],
                    [q for q in predicted if q.kind == kind]).spans)

    def per_system(pick) -> dict:
        return {s.name: (pick(s.name) if s in quoting else None) for s in systems}

    for label in labels:
        result.measures += [
            Measure(measure_name(label, "span"),
                    per_system(lambda n, label=label: totals[n, label].spans),
                    note="overlap ≥ half the longer"),
            Measure(measure_name(label, "speaker accuracy"),
                    per_system(lambda n, label=label: totals[n, label].speakers),
                    note="on matched quotes"),
            Measure(measure_name(label, "end-to-end"),
                    per_system(lambda n, label=label: totals[n, label].end_to_end),
                    note="span and speaker right"),
        ]
    for kind in KINDS:
        result.measures.append(Measure(measure_name(first, f"{kind} span"),
                                       per_system(lambda n, kind=kind: by_kind[n, kind]),
                                       note="kinds must agree"))
    for label in labels:
        chosen = [d for d in documents if in_batch(d, label)]
        result.notes.append(f"{label}: {len(chosen)} articles, "
                            f"{sum(len(d.quotes) for d in chosen)} gold quotes")
    return result


def batch_rows(result: Result, system: str = "svodka") -> list[tuple[str, float, float, float]]:
    """One row per part of the gold (dev, each batch, all): span F1, speaker accuracy, end-to-end F1."""
    names = {m.name for m in result.measures}
    rows = []
    for measure in result.measures:
        if not measure.name.endswith("end-to-end"):
            continue
        prefix = measure.name[: -len("end-to-end")]
        if f"{prefix}span" not in names or result.value(f"{prefix}span.f1", system) is None:
            continue
        rows.append((prefix.strip() or DEV, result.value(f"{prefix}span.f1", system),
                     result.value(f"{prefix}speaker accuracy", system),
                     result.value(f"{prefix}end-to-end.f1", system)))
    return rows
