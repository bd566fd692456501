"""Amount values on hand-checked NEREL spans (``tests/data/amounts/*.jsonl``).

A gold amount is *covered* when the system gives an amount overlapping its span (the one
with the largest overlap is judged). It is *right* when the value equals the gold value
(relative tolerance 1e-6), the unit too for money and percent, and ``of`` too for shares.
Coverage is covered / gold; accuracy is right / covered.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from svodka.eval.report import Measure, Result
from svodka.eval.scoring import Share
from svodka.eval.spans import Span
from svodka.eval.systems import FoundAmount, predict_all

TYPES = ("MONEY", "PERCENT", "NUMBER")


@dataclass(slots=True)
class GoldAmount:
    doc: str
    split: str
    start: int
    end: int
    type: str            # NEREL's MONEY | PERCENT | NUMBER
    kind: str
    value: float | int
    unit: str | None
    of: float | int | None


def load_amounts(path: Path) -> list[GoldAmount]:
    """Rows of every ``*.jsonl`` under ``path`` (or of ``path`` itself when it is a file)."""
    files = [path] if path.is_file() else sorted(path.glob("*.jsonl"))
    rows = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            data = json.loads(line)
            rows.append(GoldAmount(data["doc"], data.get("split", "dev"), data["start"],
                                   data["end"], data["type"], data.get("kind", ""),
                                   data["value"], data.get("unit"), data.get("of")))
    return rows


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def value_right(gold: GoldAmount, found: FoundAmount) -> bool:
    if not _same_number(gold.value, found.value):
        return False
    if gold.type in ("MONEY", "PERCENT") and (gold.unit or None) != (found.unit or None):
        return False
    if gold.of is not None and not _same_number(gold.of, found.of):
        return False
    return True


def judge(gold: GoldAmount, found: list[FoundAmount]) -> FoundAmount | None:
    span = Span(gold.start, gold.end, "")
    overlapping = [(span.overlap(Span(f.start, f.end, "")), f) for f in found]
    overlapping = [(size, f) for size, f in overlapping if size > 0]
    return max(overlapping, key=lambda pair: pair[0])[1] if overlapping else None


def evaluate_amounts(path: Path, nerel_root: Path, systems, limit: int | None = None) -> Result:
    rows = load_amounts(path)
    documents = list(dict.fromkeys((row.split, row.doc) for row in rows))
    if limit is not None:
        documents = documents[:limit]
        rows = [row for row in rows if (row.split, row.doc) in set(documents)]
    texts = [(nerel_root / split / f"{doc}.txt").read_text(encoding="utf-8")
             for split, doc in documents]
    result = Result("amounts", "Amount values on NEREL spans (tests/data/amounts)", str(path),
                    len(documents), [s.name for s in systems])
    valued = [s for s in systems if "values" in s.provides]
    outputs = predict_all(valued, texts, result)
    index = {key: i for i, key in enumerate(documents)}
    coverage = {(s.name, t): Share() for s in valued for t in TYPES}
    accuracy = {(s.name, t): Share() for s in valued for t in TYPES}
    for row in rows:
        for system in valued:
            found = judge(row, outputs[system.name][index[row.split, row.doc]].amounts)
            coverage[system.name, row.type].add(Share(found is not None, 1))
            if found is not None:
                accuracy[system.name, row.type].add(Share(value_right(row, found), 1))

    def total(table, system) -> Share:
        share = Share()
        for type in TYPES:
            share.add(table[system.name, type])
        return share

    def able(system, type=None) -> bool:
        kinds = [type] if type else TYPES
        return system in valued and all(k in system.types for k in kinds)

    result.measures.append(Measure("value accuracy", {
        s.name: total(accuracy, s) if able(s) else None for s in systems},
        note="right among covered"))
    result.measures.append(Measure("coverage", {
        s.name: total(coverage, s) if able(s) else None for s in systems}))
    for type in TYPES:
        result.measures.append(Measure(f"{type} accuracy", {
            s.name: accuracy[s.name, type] if able(s, type) else None for s in systems}))
        result.measures.append(Measure(f"{type} coverage", {
            s.name: coverage[s.name, type] if able(s, type) else None for s in systems}))
    result.notes.append(f"{len(rows)} gold amounts; texts from {nerel_root}")
    return result
