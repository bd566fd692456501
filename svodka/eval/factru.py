"""factRuEval-2016: documents and their gold PER / ORG / LOC spans, as naeval reads them.

Files per document ``book_N``: ``.txt`` (the text), ``.spans`` (typed character spans:
``id type start length ...``) and ``.objects`` (``id Type span_id span_id ... # text``).
Gold spans, following naeval's ``adapt_factru``:

- a ``Person`` object gives one span from its first to its last part (name + surname);
- an ``Org`` object gives its ``org_name`` spans (``миде`` of ``миде Грузии``);
- a ``Location`` or ``LocOrg`` object gives its ``loc_name`` spans, typed LOC;
- then overlapping spans keep the first, longest one, and spans that are not on razdel
  token boundaries are dropped.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from svodka.eval.spans import Span, drop_misaligned, drop_overlapping, token_bounds

TYPES = ("PER", "ORG", "LOC")
_OBJECT_PARTS = {"Org": ("ORG", "org_name"), "Location": ("LOC", "loc_name"),
                 "LocOrg": ("LOC", "loc_name")}


@dataclass(slots=True)
class FactruDocument:
    id: str
    text: str
    gold: list[Span]


def _read_spans(path: Path) -> dict[str, tuple[str, int, int]]:
    spans = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 4)
        if len(parts) < 4:
            continue
        span_id, kind, start, size = parts[:4]
        spans[span_id] = (kind, int(start), int(start) + int(size))
    return spans


def _read_objects(path: Path, spans: dict) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) < 3:
            continue
        kind, ids = words[1], words[2:]
        yield kind, [spans[i] for i in ids if i in spans]


def gold_spans(objects: list[tuple[str, list[tuple[str, int, int]]]]) -> list[Span]:
    gold: list[Span] = []
    for kind, parts in objects:
        if kind == "Person" and parts:
            gold.append(Span(min(p[1] for p in parts), max(p[2] for p in parts), "PER"))
        elif kind in _OBJECT_PARTS:
            type, part_kind = _OBJECT_PARTS[kind]
            gold += drop_overlapping(Span(s, e, type) for k, s, e in parts if k == part_kind)
    return drop_overlapping(gold)


def load_document(directory: Path, stem: str) -> FactruDocument:
    text = (directory / f"{stem}.txt").read_text(encoding="utf-8")
    spans = _read_spans(directory / f"{stem}.spans")
    objects = list(_read_objects(directory / f"{stem}.objects", spans))
    gold = drop_misaligned(gold_spans(objects), token_bounds(text))
    return FactruDocument(stem, text, gold)


def _number(path: Path) -> tuple[int, str]:
    digits = path.stem.rsplit("_", 1)[-1]
    return (int(digits) if digits.isdigit() else 0), path.stem


def load_factru(directory: Path, limit: int | None = None) -> list[FactruDocument]:
    """Documents in ``directory`` that have a ``.txt``, ``.spans`` and ``.objects`` file."""
    stems = [p for p in sorted(directory.glob("*.txt"), key=_number)
             if p.with_suffix(".spans").exists() and p.with_suffix(".objects").exists()]
    if limit is not None:
        stems = stems[:limit]
    return [load_document(directory, p.stem) for p in stems]
