"""The keys corpus resolution finds an entity by: a pure function of one article entity's
name, aliases and type, computed in the worker with the rest of :mod:`svodka.store.prepare`.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from svodka import kb
from svodka.names import PersonName, fold, lemma_key, person_name
from svodka.pickling import pickled_by_fields
from svodka.record import Entity

# Kinds of key: name (the canonical name), full (a person's first name and surname), sur (a
# person's surname: shared by namesakes, so it never joins by itself), lem (dictionary
# forms: joins only when it points to one entity), wd (a Wikidata id).
_ACRONYM_SKIP = frozenset({"и", "по", "на", "в", "о", "об", "для", "при", "за"})


def corpus_entity_id(type_: str, key: str) -> str:
    digest = hashlib.sha1(f"{type_}\x00{key}".encode("utf-8")).hexdigest()
    return f"{type_.lower()[:8]}-{digest[:10]}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """What one article says about one entity, as keys."""
    type: str
    name: str                       # the display name it brings
    primary: str                    # the key a new corpus entity is named after
    strong: tuple[str, ...]         # keys of one thing: they join, and merge what they join
    weak: tuple[str, ...] = ()      # keys that join only when one entity owns them
    person: PersonName | None = None
    wikidata: str | None = None
    surname_lemma: str | None = None   # a surname alone, in its dictionary form ("Путина")

    @property
    def surname_only(self) -> bool:
        return self.person is not None and self.person.first is None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Evidence":
        person = PersonName(**data["person"]) if data.get("person") else None
        return cls(data["type"], data["name"], data["primary"], tuple(data["strong"]),
                   tuple(data.get("weak", ())), person, data.get("wikidata"),
                   data.get("surname_lemma"))

    def all_keys(self) -> list[str]:
        keys = [*self.strong, *self.weak]
        if self.person is not None:
            keys.append(f"sur:{self.person.surname}")
        if self.wikidata:
            keys.append(f"wd:{self.wikidata}")
        return list(dict.fromkeys(keys))


def _canonical(name: str, type_: str) -> str:
    from svodka.extractors.entities.canonical import known_loosely

    known = known_loosely(name)
    return known.canonical if known and known.type == type_ else name


def is_acronym(short: str, name: str) -> bool:
    """"МОК" of "Международный олимпийский комитет"; not "ЕС" of "Украина"."""
    letters = [w[0] for w in fold(name.replace("-", " ")).split()
               if w not in _ACRONYM_SKIP and w[0].isalpha()]
    return len(short) >= 2 and short.isupper() and fold(short) == "".join(letters)


def evidence(entity: Entity) -> Evidence:
    """The keys of one article entity: a pure function of its name, aliases and type."""
    from svodka.extractors.entities.canonical import key_text

    if entity.type == "PER":
        person = person_name(entity.name)
        if person is not None:
            strong = [f"name:{fold(entity.name)}"]
            if person.full:
                strong.insert(0, f"full:{person.full}")
                names = [entity.name]
            else:
                names = [person.surname]
            lemma = None if person.full else lemma_key(person.surname)
            return Evidence("PER", entity.name, strong[0], tuple(dict.fromkeys(strong)),
                            person=person, wikidata=kb.wikidata_id("PER", names),
                            surname_lemma=lemma if lemma != person.surname else None)
    canonical = _canonical(entity.name, entity.type)
    strong = [f"name:{key_text(canonical)}", f"name:{key_text(entity.name)}"]
    names = [canonical, entity.name]
    for alias in entity.aliases:
        if _canonical(alias, entity.type) == canonical and alias != entity.name:
            strong.append(f"name:{key_text(alias)}")
            names.append(alias)
        elif (is_acronym(alias, canonical) or is_acronym(alias, entity.name)) \
                and _canonical(alias, entity.type) == alias:
            # an acronym the alias table gives to another name is not this one's: "ЕС" of
            # "Евразийский союз" is the EU's
            strong.append(f"name:{key_text(alias)}")
    weak = [f"lem:{lemma_key(name)}" for name in (canonical, entity.name) if lemma_key(name)]
    return Evidence(entity.type, canonical, strong[0], tuple(dict.fromkeys(strong)),
                    tuple(dict.fromkeys(weak)), wikidata=kb.wikidata_id(entity.type, names))


def order(entity: Entity) -> tuple[int, int]:
    """Organizations and places first, then people with a first name, then surnames alone:
    a surname looks for its person among those already placed."""
    if entity.type != "PER":
        return 0, 0
    person = person_name(entity.name)
    return 1, 0 if person is None or person.first else 1
