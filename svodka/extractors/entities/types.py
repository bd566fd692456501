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
    # the gender the words agreeing with this mention say ("Белкина осталась": Fem), see
    # ``women.agreeing_gender``; unlike the tagger's guess, it keeps a woman from a man
    agrees: str | None = None
    # the written name is the nominative subject of its clause: it is no oblique form of
    # another name ("Белкина осталась" is not the genitive of "Белкин")
    subject: bool = False


class Groups:
    """Union-find over mention indices: each root stands for one entity.

    ``owners`` (one per mention, see ``owners.py``): two groups whose owners differ never
    join ("МИД России" and "МИД Японии"), whichever linking rule asks; a group without an
    owner takes the owner of the group it joins. ``genders`` (one per mention, the gender
    its own predicate gives): a group most of whose mentions' predicates are a man's and one
    whose are a woman's never join either ("Саша Белкин приехал" and "Белкина осталась"),
    the costliest error a linker can make — unless they are one name written alike
    (``same_name``: a parse that gives one "Ольга Вилухина" of four a masculine verb does
    not make her two people)."""

    def __init__(self, size: int, owners: list[str | None] | None = None,
                 genders: list[str | None] | None = None) -> None:
        self.parent = list(range(size))
        self.owner = list(owners) if owners is not None else [None] * size
        genders = genders if genders is not None else [None] * size
        # per root: how many of its mentions' predicates are a man's and a woman's
        self.votes = [(int(g == "Masc"), int(g == "Fem")) for g in genders]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, same_name: bool = False) -> bool:
        """Join the groups of ``a`` and ``b``; False when their owners differ, or (unless
        ``same_name``) their genders."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        if not self.may_join(a, b, same_name):
            return False
        self.parent[max(a, b)] = min(a, b)
        self.owner[min(a, b)] = self.owner[a] or self.owner[b]
        self.votes[min(a, b)] = (self.votes[a][0] + self.votes[b][0],
                                 self.votes[a][1] + self.votes[b][1])
        return True

    def gender(self, i: int) -> str | None:
        """The gender most predicates of ``i``'s group agree in, None on a tie."""
        men, women = self.votes[self.find(i)]
        return "Masc" if men > women else "Fem" if women > men else None

    def may_join(self, a: int, b: int, same_name: bool = False) -> bool:
        """Whether the groups of ``a`` and ``b`` may be one: no two owners, no two genders."""
        a, b = self.find(a), self.find(b)
        pairs = [(self.owner[a], self.owner[b])]
        if not same_name:
            pairs.append((self.gender(a), self.gender(b)))
        return all(x is None or y is None or x == y for x, y in pairs)

    def owner_of(self, i: int) -> str | None:
        return self.owner[self.find(i)]


def family(type_: str) -> str:
    """Types that may share a name: an organization and a place ("Россия" the state and the
    country) link with each other; people and events only among themselves."""
    return "PER" if type_ == "PER" else "EVENT" if type_ == "EVENT" else "ORGLOC"
