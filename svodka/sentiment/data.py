"""Mentions to judge, and RuSentNE-2023's training file read as such mentions."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from svodka.analysis import Analysis, analyze
from svodka.analysis.models import Models

# RuSentNE tags the kind of entity; svodka's records speak PER / ORG / LOC and mention kinds.
RUSENTNE_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC",
                  "PROFESSION": "title", "NATIONALITY": "nationality"}
# Between two texts judged in one language pass: razdel never joins sentences across it.
_SEPARATOR = "\n\n"


@dataclass(slots=True)
class ToneItem:
    """One entity mention in a sentence or paragraph: ``text[start:end]`` is the entity."""
    id: str
    text: str
    start: int
    end: int
    kind: str = ""              # PER | ORG | LOC | title | ...
    label: int | None = None    # gold tone when known: -1 | 0 | 1


def read_rusentne(path: Path) -> list[ToneItem]:
    """RuSentNE-2023's tab-separated file: sentence, entity, tag, offsets, label."""
    items = []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=1):
            start, end = int(row["entity_pos_start_rel"]), int(row["entity_pos_end_rel"])
            items.append(ToneItem(str(number), row["sentence"], start, end,
                                  RUSENTNE_TYPES.get(row["entity_tag"], row["entity_tag"]),
                                  int(row["label"])))
    return items


@dataclass(slots=True)
class Batch:
    """Many short texts in one language pass; ``offsets[i]`` is where item i's text begins."""
    analysis: Analysis
    offsets: list[int]


def analyze_items(items: Sequence[ToneItem], models: Models | None = None) -> Batch:
    """One slovnet pass over the distinct texts of ``items`` (batched: far faster than one
    pass per sentence), without NER, which the items' spans make unnecessary."""
    where: dict[str, int] = {}
    parts: list[str] = []
    regions: list[tuple[int, int]] = []
    length = 0
    for item in items:
        if item.text in where:
            continue
        if parts:
            parts.append(_SEPARATOR)
            length += len(_SEPARATOR)
        where[item.text] = length
        parts.append(item.text)
        regions.append((length, length + len(item.text)))
        length += len(item.text)
    analysis = analyze("".join(parts), regions, models=models, ner=False)
    return Batch(analysis, [where[item.text] for item in items])


def chunks(items: Iterable[ToneItem], size: int) -> Iterable[list[ToneItem]]:
    chunk: list[ToneItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
