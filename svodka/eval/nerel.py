"""NEREL (brat standoff): documents, typed mentions, relations and Wikidata links.

``.ann`` lines: ``T1<TAB>TYPE start end[;start end]<TAB>text`` (a mention; discontinuous
ones take the envelope of their fragments), ``R1<TAB>REL Arg1:T1 Arg2:T2``, and
``N1<TAB>Reference T1 Wikidata:Q30<TAB>name``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from svodka.eval.spans import Span

# NEREL's types that svodka's types stand for; the rest are not scored.
TYPE_MAP = {
    "PERSON": "PER", "ORGANIZATION": "ORG",
    "COUNTRY": "LOC", "CITY": "LOC", "STATE_OR_PROVINCE": "LOC", "DISTRICT": "LOC",
    "LOCATION": "LOC",
    "EVENT": "EVENT", "MONEY": "MONEY", "PERCENT": "PERCENT", "NUMBER": "NUMBER",
    "AGE": "AGE", "DATE": "DATE",
}
TYPES = ("PER", "ORG", "LOC", "EVENT", "MONEY", "PERCENT", "NUMBER", "AGE", "DATE")
ENTITY_TYPES = ("PER", "ORG", "LOC", "EVENT")


@dataclass(frozen=True, slots=True)
class NerelMention:
    id: str
    type: str            # NEREL's own type
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, TYPE_MAP.get(self.type, self.type))


@dataclass(slots=True)
class NerelDocument:
    id: str
    text: str
    mentions: dict[str, NerelMention] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (type, arg1, arg2)
    links: dict[str, str] = field(default_factory=dict)                   # mention id -> QID

    def gold(self) -> list[Span]:
        """Scored spans, NEREL types mapped to svodka's (duplicates kept once)."""
        return sorted({m.span for m in self.mentions.values() if m.type in TYPE_MAP},
                      key=lambda s: (s.start, s.end, s.type))

    def pairs(self, relation: str) -> list[tuple[NerelMention, NerelMention]]:
        return [(self.mentions[a], self.mentions[b]) for kind, a, b in self.relations
                if kind == relation and a in self.mentions and b in self.mentions]


def _parse_mention(line_id: str, body: str, text: str) -> NerelMention | None:
    kind, _, locations = body.partition(" ")
    bounds = []
    for fragment in locations.split(";"):
        start, _, end = fragment.strip().partition(" ")
        if not (start.isdigit() and end.isdigit()):
            return None
        bounds.append((int(start), int(end)))
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    if not 0 <= start < end <= len(text):
        return None
    return NerelMention(line_id, kind, start, end, text[start:end])


def parse_ann(doc_id: str, text: str, ann: str) -> NerelDocument:
    document = NerelDocument(doc_id, text)
    for line in ann.splitlines():
        columns = line.split("\t")
        if len(columns) < 2:
            continue
        line_id, body = columns[0], columns[1]
        if line_id.startswith("T"):
            mention = _parse_mention(line_id, body, text)
            if mention:
                document.mentions[line_id] = mention
        elif line_id.startswith("R"):
            words = body.split()
            if len(words) == 3:
                document.relations.append((words[0], words[1].split(":", 1)[-1],
                                           words[2].split(":", 1)[-1]))
        elif line_id.startswith("N"):
            words = body.split()
            if len(words) >= 3 and words[2].startswith("Wikidata:"):
                qid = words[2].split(":", 1)[1]
                if qid and qid.upper() != "NULL":
                    document.links[words[1]] = qid
    return document


def load_nerel(directory: Path, limit: int | None = None) -> list[NerelDocument]:
    """Documents with both a ``.txt`` and an ``.ann`` file, in name order."""
    texts = [p for p in sorted(directory.glob("*.txt")) if p.with_suffix(".ann").exists()]
    if limit is not None:
        texts = texts[:limit]
    return [parse_ann(p.stem, p.read_text(encoding="utf-8"),
                      p.with_suffix(".ann").read_text(encoding="utf-8")) for p in texts]


def load_nerel_document(directory: Path, stem: str) -> NerelDocument:
    path = directory / f"{stem}.txt"
    return parse_ann(stem, path.read_text(encoding="utf-8"),
                     path.with_suffix(".ann").read_text(encoding="utf-8"))
