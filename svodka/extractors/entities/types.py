"""The records the linking modules pass between them: a mention on its way to an entity, and
the groups of mentions that name one thing. Every linking module reads these; none of them
imports another linking module to get them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Named:
    """A mention on its way to an entity."""
    start: int
    end: int
    text: str
    normal: str
    type: str
    kind: str = "name"
    canonical: str | None = None
    nested: bool = False
    rule: str = ""
    gender: str | None = None   # the tagger's Masc/Fem for a person's name, when it says


class Groups:
    """Union-find over mention indices: each root stands for one entity."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def family(type_: str) -> str:
    """Types that may share a name: an organization and a place ("Россия" the state and the
    country) link with each other; people and events only among themselves."""
    return "PER" if type_ == "PER" else "EVENT" if type_ == "EVENT" else "ORGLOC"
