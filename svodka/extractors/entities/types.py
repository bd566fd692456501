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
    """Union-find over mention indices: each root stands for one entity.

    ``owners`` (one per mention, see ``owners.py``): two groups whose owners differ never
    join ("МИД России" and "МИД Японии"), whichever linking rule asks; a group without an
    owner takes the owner of the group it joins."""

    def __init__(self, size: int, owners: list[str | None] | None = None) -> None:
        self.parent = list(range(size))
        self.owner = list(owners) if owners is not None else [None] * size

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join the groups of ``a`` and ``b``; False when their owners differ."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        owner_a, owner_b = self.owner[a], self.owner[b]
        if owner_a is not None and owner_b is not None and owner_a != owner_b:
            return False
        self.parent[max(a, b)] = min(a, b)
        self.owner[min(a, b)] = owner_a or owner_b
        return True

    def owner_of(self, i: int) -> str | None:
        return self.owner[self.find(i)]


def family(type_: str) -> str:
    """Types that may share a name: an organization and a place ("Россия" the state and the
    country) link with each other; people and events only among themselves."""
    return "PER" if type_ == "PER" else "EVENT" if type_ == "EVENT" else "ORGLOC"
