"""The key two names of one organization or place share, beyond the alias table's exact forms.

- a name the normalizer left half-inflected still finds its alias row: "Соединённых Штаты"
  is "Соединенные Штаты" (every word the same but for its case ending);
- the place that ends an organization's name is written by its canonical name: "Совет
  Безопасности Российской Федерации" and "Совет Безопасности РФ" are "Совет Безопасности
  России", "МИД РК" is "МИД Казахстана";
- hyphens and spaces do not matter: "Jay Z" = "JAY-Z";
- an organization a country has under a name of its own is that country's organization of
  the generic name (``owned_names.tsv``): "Банк России" is Russia's "Центральный банк".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis.morphology import Morphology, inflect_form
from svodka.data import load_table
from svodka.extractors.entities.gazetteer import Known, gazetteer, known_name
from svodka.extractors.entities.similarity import same_word
from svodka.text import fold, has_cyrillic

_MAX_TAIL_WORDS = 3
_PREFIX = 4


def key_text(name: str) -> str:
    return fold(name.replace("-", " "))


@lru_cache(maxsize=1)
def _by_shape() -> dict[tuple[int, str], list[str]]:
    """Multiword alias keys by their number of words and first letters."""
    shapes: dict[tuple[int, str], list[str]] = {}
    for key in gazetteer().names:
        words = key.split()
        if len(words) > 1:
            shapes.setdefault((len(words), words[0][:_PREFIX]), []).append(key)
    return shapes


def _close(a: str, b: str) -> bool:
    return a == b or (same_word(a, b) and abs(len(a) - len(b)) <= 1)


@lru_cache(maxsize=20_000)
def known_loosely(name: str) -> Known | None:
    """The alias row of ``name``, also when one of its words kept a case ending."""
    known = known_name(name)
    if known or " " not in name.strip():
        return known
    words = fold(name).split()
    found = {gazetteer().names[key] for key in _by_shape().get((len(words), words[0][:_PREFIX]), ())
             if all(_close(w, k) for w, k in zip(words, key.split()))}
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class OwnName:
    """"Банк России": the organization's own name, the generic name it has as its owner's
    ("Центральный банк") and the owner's folded canonical name ("россия")."""
    name: str
    generic: str
    owner: str


@lru_cache(maxsize=1)
def _own_names() -> dict[str, OwnName]:
    names = {}
    for name, generic, owner in load_table("owned_names.tsv"):
        place = known_loosely(owner)
        names[key_text(name)] = OwnName(name, generic, key_text(place.canonical if place else owner))
    return names


def own_name_of(name: str) -> OwnName | None:
    """The ``owned_names.tsv`` row of a name or of its alias row's canonical name."""
    known = known_loosely(name)
    return _own_names().get(key_text(known.canonical if known else name))


@lru_cache(maxsize=1)
def _place_genitives(morph: Morphology) -> dict[str, str]:
    """fold(genitive of a place's alias) -> genitive of its canonical name:
    "российской федерации" -> "России", "рк" -> "Казахстана", "евросоюза" -> "Европейского
    союза"."""
    rows = [(canonical, [canonical, *aliases.split(",")])
            for canonical, type_, aliases in load_table("aliases.tsv")]
    rows += [(known.canonical, [abbreviation]) for abbreviation, known in
             gazetteer().abbreviations.items()]
    genitives: dict[str, str] = {}
    for canonical, forms in rows:
        target = genitive(morph, canonical)
        for form in forms:
            form = form.strip()
            if form:
                genitives.setdefault(fold(genitive(morph, form)), target)
    return genitives


def genitive(morph: Morphology, name: str) -> str:
    """"Российская Федерация" -> "Российской Федерации": the adjectives and the head noun
    are inflected, the words after the head ("Министерство обороны") are already genitive."""
    words, head_seen = [], False
    for word in name.split():
        if head_seen or word.isupper() or not has_cyrillic(word, count_yo=False):
            words.append(word)
            continue
        parses = [p for p in morph.parse(word.lower())
                  if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF")]
        parses.sort(key=lambda p: "sing" not in p.tag)
        inflected = next((f for f in (inflect_form(p, {"Gen"}) for p in parses) if f), None)
        form = inflected.word if inflected else word.lower()
        words.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
        head_seen = bool(parses) and parses[0].tag.POS == "NOUN"
    return " ".join(words)


def with_canonical_place(normal: str, morph: Morphology) -> str:
    """"Совет Безопасности РФ" -> "Совет Безопасности России": the place that ends an
    organization's name, by its canonical name."""
    words = normal.split()
    genitives = _place_genitives(morph)
    for size in range(min(_MAX_TAIL_WORDS, len(words) - 1), 0, -1):
        tail = fold(" ".join(words[-size:]))
        if tail in genitives:
            return " ".join([*words[:-size], genitives[tail]])
    return normal
