"""Benchmark results: one :class:`Result` per dataset, as JSON and as table rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from svodka.eval.scoring import PRF, Mean, Share


@dataclass(slots=True)
class Measure:
    """One line of a table: a score per system, ``None`` where the system has no such output."""
    name: str
    scores: dict[str, PRF | Share | Mean | None]
    note: str = ""


@dataclass(slots=True)
class Result:
    task: str
    title: str
    path: str
    documents: int
    systems: list[str]
    measures: list[Measure] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)   # per-item mistakes, for reading them

    def value(self, key: str, system: str = "svodka") -> float | None:
        """``"PER.f1"``, ``"alias.precision"``, ``"speaker accuracy"`` → that number."""
        name, _, part = key.rpartition(".")
        if not name or part not in ("precision", "recall", "f1", "value"):
            name, part = key, "value"
        for measure in self.measures:
            if measure.name == name:
                score = measure.scores.get(system)
                if score is None:
                    return None
                return getattr(score, part)
        raise KeyError(f"{self.task} has no measure {name!r}")

    def to_dict(self) -> dict:
        return {
            "task": self.task, "title": self.title, "path": self.path,
            "documents": self.documents, "systems": self.systems,
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "measures": [{"name": m.name, "note": m.note,
                          "scores": {s: (v.to_dict() if v is not None else None)
                                     for s, v in m.scores.items()}}
                         for m in self.measures],
            "notes": self.notes,
            **({"errors": self.errors} if self.errors else {}),
        }


def cell(score: PRF | Share | Mean | None) -> str:
    """``0.951 (P 0.962 R 0.940)`` for F1 scores, ``0.930 (93/100)`` for shares."""
    if score is None:
        return "n/a"
    if isinstance(score, Mean):
        return f"{score.value:.3f}"
    if isinstance(score, Share):
        return f"{score.value:.3f} ({score.correct}/{score.total})" if score.total else "—"
    if not score.gold and not score.predicted:
        return "—"
    return f"{score.f1:.3f} (P {score.precision:.3f} R {score.recall:.3f})"


def rows(result: Result) -> list[list[str]]:
    """Table rows: the measure, then one cell per system."""
    table = []
    for measure in result.measures:
        name = f"{measure.name} ({measure.note})" if measure.note else measure.name
        table.append([name, *(cell(measure.scores.get(s)) for s in result.systems)])
    return table


def markdown(result: Result) -> str:
    header = ["measure", *result.systems]
    lines = [f"### {result.title}", "",
             f"{result.documents} documents from `{result.path}`; seconds: "
             + ", ".join(f"{s} {result.seconds.get(s, 0):.1f}" for s in result.systems), "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(result)]
    lines += [""] + [f"- {note}" for note in result.notes]
    return "\n".join(lines).rstrip() + "\n"
