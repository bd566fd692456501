"""Descriptions as mentions: the noun phrases a text uses for a person, an organization or a
place besides its name.

- ``title:apposition`` — a role written right next to a name ("адвокат Марк Фейгин",
  "Марк Фейгин, адвокат Савченко,", "глава ЦБ Эльвира Набиуллина"): the role's words are a
  title mention of that person, so the name and its title together cover the phrase a reader
  takes as one mention.
"""
from __future__ import annotations

from svodka.extractors.coref import Link
from svodka.record import Mention

__all__ = ["apposition_links"]


def apposition_links(analysis, beside) -> list[Link]:
    """A title mention for each role written next to a person's name (``beside``: the
    (person, role) pairs the roles found). A plural role shared by a list of names
    ("актеры Андрей Мерзликин и Алиса Гребенщикова") is no one person's mention."""
    tokens = analysis.tokens
    links, seen = [], set()
    for entity, role in beside:
        if tokens[role.head].feats.get("Number") == "Plur":
            continue
        start, end = tokens[role.first].start, tokens[role.stop - 1].end
        if (start, end) in seen:
            continue
        seen.add((start, end))
        links.append(Link(entity, Mention(start, end, analysis.text[start:end], role.text,
                                          "title", rule="title:apposition"), role.head, role))
    return links
