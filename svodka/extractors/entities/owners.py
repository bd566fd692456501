"""Whose organization a name is: the owner is part of an organization's identity.

"Министерство обороны России", "Минобороны Великобритании" and "бельгийское Минобороны" are
three ministries, not one: the place in the genitive after the name, or the place adjective
before it, is its owner. Names of one organization join only when their owners agree; a name
without an owner ("Минобороны", "МИД") joins an owned one only when the text gives that
name exactly one owner (``join_by_owner``). Linking reads the owners through ``Groups``,
which refuses to join two different owners whichever rule asks.

A place after a preposition ("ГУ МВД по Москве", "посольство в Вашингтоне") says where, not
whose, and is no owner.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis import Analysis, Morphology
from svodka.data import load_table
from svodka.extractors.entities.canonical import genitive, key_text, known_loosely, own_name_of
from svodka.extractors.entities.organizations import org_head
from svodka.extractors.entities.types import Groups, Named
from svodka.text import fold

_ADJECTIVE_ENDINGS = ("ский", "цкий")
_NOT_PLACE_ENDINGS = ("ческий",)       # "политический", "исторический" say no place
_MIN_STEM = 4


@dataclass(frozen=True, slots=True)
class Owned:
    """An organization mention's owner (the folded canonical name of a place) and its name
    without the owner ("Министерство обороны" of "Министерство обороны России"), both None
    for a name with no owner."""
    owner: str | None = None
    base: str | None = None
    written: bool = False       # the owner is a word of the name itself, not an adjective before it
    # the owner comes from ``owned_names.tsv`` ("Банк России" is Russia's "Центральный
    # банк"), not from the words of the text
    implied: bool = False
    # the country a listed country adjective stands for, as a name ("Великобритания" of
    # "британское Минобороны"): the organization is named with it (``owned_name``)
    country: str | None = None


NO_OWNER = Owned()
# the owner of a name without one that the text gives several owners: it joins no owned group
CONTESTED = "*"


@lru_cache(maxsize=1)
def _country_of_adjective() -> dict[str, str]:
    """"британский" -> "Великобритания": the adjective's country by its canonical name."""
    countries = {}
    for adjective, country, *_ in load_table("quote_country_adjectives.tsv"):
        known = known_loosely(country)
        countries[fold(adjective)] = known.canonical if known else country
    return countries


def owned_name(m: Named, owned: Owned, morph: Morphology) -> str:
    """The name an organization's mention gives it: "британское Минобороны" and "британском
    Министерстве обороны" are "Минобороны Великобритании" and "Министерство обороны
    Великобритании", as the text would write them with the owner after the name (as it
    writes "Минобороны Бельгии"); other mentions keep their normal form."""
    if owned.country is None:
        return m.normal
    return f"{owned.base or m.normal} {genitive(morph, owned.country)}"


def place_key(m: Named, analysis: Analysis | None = None) -> str:
    """The folded canonical name of a place mention: "РФ", "Российской Федерации" -> "россия";
    by its lemmas where the normal form is no listed name ("Поднебесной" -> "китай")."""
    if m.canonical is not None:
        return key_text(m.canonical)
    known = known_loosely(m.normal)
    if known is None and analysis is not None:
        lemmas = " ".join(analysis.lemma(i) for i in analysis.tokens_between(m.start, m.end))
        known = known_loosely(lemmas)
    return key_text(known.canonical if known else m.normal)


def owners(analysis: Analysis, named: list[Named]) -> list[Owned]:
    """Each mention's owner, in the order of ``named``; only organizations have one."""
    places = sorted((m.start, m.end, i) for i, m in enumerate(named)
                    if m.type == "LOC" and m.nested)
    starts = [start for start, _, _ in places]
    place_keys = {place_key(m, analysis) for m in named if m.type == "LOC"}
    place_at = {m.start: m for m in named if m.type == "LOC"}
    found = []
    for m in named:
        own = own_name_of(m.canonical or m.normal) \
            if m.type in ("ORG", "LOC") and m.kind == "name" else None
        if (m.type != "ORG" or m.kind != "name") and own is None:
            found.append(NO_OWNER)
            continue
        inside = []
        for start, end, j in places[bisect_left(starts, m.start + 1):]:
            if start >= m.end:
                break
            if end <= m.end:
                inside.append(named[j])
        owner = _owner_in_name(analysis, m, inside) \
            or _owner_after_name(analysis, m, place_at) \
            or _owner_by_adjective(analysis, m, place_keys) or NO_OWNER
        if own is not None:
            # "Банк России", "ЦБ РФ": the text writes the owner; a bare own name would
            # have it from the table alone
            owner = Owned(own.owner, own.generic, True, implied=owner.owner != own.owner)
        found.append(owner)
    return found


def _owner_in_name(analysis: Analysis, m: Named, inside: list[Named]) -> Owned | None:
    """"Минобороны Великобритании": the first place of the name that no preposition governs."""
    tokens = analysis.tokens
    for place in inside:
        first = analysis.token_at(place.start)
        if first is None or (first > 0 and tokens[first - 1].pos == "ADP"):
            continue
        return Owned(place_key(place, analysis), _without(m, place.start, place.end), True)
    return None


def _owner_after_name(analysis: Analysis, m: Named, place_at: dict[int, Named]) -> Owned | None:
    """"Генштаба ВС РФ" where the name found is "ВС" alone: a place in the genitive (or an
    abbreviation, which does not decline) right after the name is still its owner."""
    text = analysis.text
    gap = 0
    while m.end + gap < len(text) and gap < 2 and text[m.end + gap] == " ":
        gap += 1
    place = place_at.get(m.end + gap) if gap == 1 else None
    if place is None:
        return None
    first = analysis.token_at(place.start)
    if first is None or not (place.text.isupper()
                             or analysis.tokens[first].feats.get("Case") == "Gen"):
        return None
    return Owned(place_key(place, analysis))


def _without(m: Named, start: int, end: int) -> str | None:
    """The normal form without the words written at ``[start, end)``; None when the normal
    form's words do not line up with the written ones."""
    words, written = m.normal.split(), m.text.split()
    if len(words) != len(written):
        return None
    before = len(m.text[:start - m.start].split())
    count = len(m.text[start - m.start:end - m.start].split())
    kept = words[:before] + words[before + count:]
    return " ".join(kept) if kept else None


def _owner_by_adjective(analysis: Analysis, m: Named, place_keys: set[str]) -> Owned | None:
    """"британское Минобороны", "Японский МИД": a place adjective opening the name, or
    agreeing with it right before it."""
    span = analysis.tokens_between(m.start, m.end)
    if not span:
        return None
    tokens = analysis.tokens
    first = span.start
    if len(span) > 1 and tokens[first].text[:1].islower():
        owner = _adjective_owner(analysis, first, place_keys)
        if owner is not None:
            words = m.normal.split()
            return Owned(owner, " ".join(words[1:]) if len(words) > 1 else None, True,
                         country=_country(analysis, first, span[1:]))
    before = first - 1
    if before >= 0 and tokens[before].sent == tokens[first].sent \
            and tokens[before].feats.get("Case") == tokens[first].feats.get("Case"):
        owner = _adjective_owner(analysis, before, place_keys)
        if owner is not None:
            return Owned(owner, None, country=_country(analysis, before, span))
    return None


def _country(analysis: Analysis, index: int, name: range) -> str | None:
    """The listed country of the adjective at ``index``, as a name ("Великобритания"), when
    the ``name`` it owns is an institution every country has ("Министерство обороны", "МИД",
    "дипломатическое ведомство": ``org_heads.txt``), so the country says which; not a proper
    name ("испанская Ла Лига", "английская Премьер-лига")."""
    if not any(org_head(analysis, i) for i in name):
        return None
    return _country_of_adjective().get(fold(analysis.lemma(index)))


def _adjective_owner(analysis: Analysis, index: int, place_keys: set[str]) -> str | None:
    token = analysis.tokens[index]
    if token.pos != "ADJ" or token.feats.get("Variant") == "Short":
        return None
    lemma = fold(analysis.lemma(index))
    if not lemma.endswith(_ADJECTIVE_ENDINGS) or lemma.endswith(_NOT_PLACE_ENDINGS):
        return None
    country = _country_of_adjective().get(lemma)
    if country is not None:
        return key_text(country)
    # "бельгийский" is Бельгия's when the text names Бельгия; else the adjective stands for
    # its place by itself
    stem = lemma[:-len("ский")]
    stem = stem[:max(_MIN_STEM, len(stem) - 1)]
    matching = sorted(key for key in place_keys if key.startswith(stem))
    return matching[0] if len(matching) == 1 else "~" + lemma


def join_by_owner(members: list[int], owned: list[Owned], groups: Groups) -> None:
    """Mentions sharing one name key: all join when at most one owner is among them; else
    each owner's mentions join, and those without an owner join only each other, for good:
    their group is ``CONTESTED`` and no later rule joins it to an owned one.

    An own name whose owner only ``owned_names.tsv`` gives (``implied``) joins the mentions
    the text itself gives that owner ("ЦБ РФ", and with them "ЦБ"), never the generic name
    alone: the table is no evidence of whose a bare "ЦБ" is."""
    implied = [i for i in members if owned[i].implied]
    members = [i for i in members if not owned[i].implied]
    _join_written_owners(members, owned, groups)
    by_owner: dict[str | None, list[int]] = {}
    for i in implied:
        by_owner.setdefault(owned[i].owner, []).append(i)
    for owner, same in by_owner.items():
        for i in same[1:]:
            groups.union(same[0], i)
        written = [i for i in members if owned[i].owner == owner]
        if written:
            groups.union(written[0], same[0])


def _join_written_owners(members: list[int], owned: list[Owned], groups: Groups) -> None:
    by_owner: dict[str | None, list[int]] = {}
    for i in members:
        by_owner.setdefault(owned[i].owner, []).append(i)
    if len([owner for owner in by_owner if owner is not None]) <= 1:
        by_owner = {None: members}
    elif None in by_owner:
        groups.owner[groups.find(by_owner[None][0])] = CONTESTED
    for same in by_owner.values():
        for i in same[1:]:
            groups.union(same[0], i, same_name=True)
