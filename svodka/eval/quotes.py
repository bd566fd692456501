"""Quote benchmark on the hand-made gold in ``tests/data/quotes/`` (one JSON per article).

Matching: a predicted quote matches a gold quote when their overlap is at least half of the
longer of the two spans; matching is one-to-one, largest overlap first. Speakers are names
compared after lowercasing, ё→е and whitespace collapse, strictly: a surname alone does not
match a full name, and a null speaker matches only a null speaker.
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


def load_quotes(directory: Path, limit: int | None = None) -> list[QuoteDocument]:
    """Every ``*.json`` gold file with ``text`` and ``quotes``, in name order."""
    documents = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "text" not in data or "quotes" not in data:
            continue
        quotes = [FoundQuote(q["start"], q["end"], q["kind"], q.get("speaker"))
                  for q in data["quotes"]]
        documents.append(QuoteDocument(data.get("id", path.stem), data["text"], quotes))
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


def evaluate_quotes(path: Path, systems, limit: int | None = None) -> Result:
    documents = load_quotes(path, limit)
    result = Result("quotes", "Quotes: hand-made gold (tests/data/quotes)", str(path),
                    len(documents), [s.name for s in systems])
    quoting = [s for s in systems if "quotes" in s.provides]
    outputs = predict_all(quoting, [d.text for d in documents], result)
    totals = {s.name: QuoteScores(PRF(), Share(), PRF()) for s in quoting}
    by_kind = {(s.name, kind): PRF() for s in quoting for kind in KINDS}
    for index, document in enumerate(documents):
        for system in quoting:
            predicted = outputs[system.name][index].quotes
            scores = score_quotes(document.quotes, predicted)
            total = totals[system.name]
            total.spans.add(scores.spans)
            total.speakers.add(scores.speakers)
            total.end_to_end.add(scores.end_to_end)
            for kind in KINDS:
                by_kind[system.name, kind].add(score_quotes(
                    [q for q in document.quotes if q.kind == kind],
                    [q for q in predicted if q.kind == kind]).spans)

    def per_system(pick) -> dict:
        return {s.name: (pick(s.name) if s in quoting else None) for s in systems}

    result.measures += [
        Measure("span", per_system(lambda n: totals[n].spans), note="overlap ≥ half the longer"),
        Measure("speaker accuracy", per_system(lambda n: totals[n].speakers),
                note="on matched quotes"),
        Measure("end-to-end", per_system(lambda n: totals[n].end_to_end),
                note="span and speaker right"),
    ]
    for kind in KINDS:
        result.measures.append(Measure(f"{kind} span", per_system(lambda n: by_kind[n, kind]),
                                       note="kinds must agree"))
    gold_count = sum(len(d.quotes) for d in documents)
    result.notes.append(f"{gold_count} gold quotes")
    return result
