"""A mention while the rules shape it: token indices, a type, and the rule that made it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Found:
    first: int            # token indices [first, stop)
    stop: int
    type: str
    rule: str
    nested: bool = False  # a place inside an organization's name ("РК" in "МИД РК")
    canonical: str | None = None   # the gazetteer's name for it, when listed

    def covers(self, other: "Found") -> bool:
        return self.first <= other.first and other.stop <= self.stop


class Coverage:
    """Which mentions hold which token: overlap queries in the time of the span's length,
    not of the number of mentions, so a long article stays linear."""

    def __init__(self, mentions=()) -> None:
        self.by_token: dict[int, list[Found]] = {}
        for m in mentions:
            self.add(m)

    def add(self, m: Found) -> Found:
        for index in range(m.first, m.stop):
            self.by_token.setdefault(index, []).append(m)
        return m

    def remove(self, m: Found) -> None:
        for index in range(m.first, m.stop):
            held = self.by_token.get(index, [])
            if m in held:
                held.remove(m)

    def overlapping(self, first: int, stop: int) -> list[Found]:
        found: list[Found] = []
        for index in range(first, stop):
            for m in self.by_token.get(index, ()):
                if m not in found and m.first < stop and first < m.stop:
                    found.append(m)
        return found


def is_punct(token) -> bool:
    return not any(ch.isalnum() for ch in token.text)
