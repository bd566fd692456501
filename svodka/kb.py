"""A small knowledge base: name forms → Wikidata ids, built from NEREL's entity links.

``svodka kb build`` reads NEREL's ``train`` split (``../shared/data/nerel/train``), where
about 25,000 mentions of people, organizations and places carry a Wikidata id, and writes
``svodka/data/wikidata.tsv``: one row per name form (folded, and with every word in its
dictionary form, so "Путина" and "Путин" meet) with its type and id. A form that names
different things in NEREL (``министерство обороны``: the Russian, the American, …) keeps
no id: precision first. svodka's own alias table (``aliases.tsv``, ``abbreviations.tsv``)
then spreads an id to every alias of a linked name (``ЕС`` gets ``Европейский союз``'s).

Only ``train`` goes in, so the dev split stays clean for ``svodka eval entities-corpus``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from svodka.data import load_list, load_table
from svodka.names import fold, is_adjective, is_first_name, lemma_key

TABLE = "wikidata.tsv"

# NEREL's types that a svodka entity of this type may carry an id of.
LINKED_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
                "STATE_OR_PROVINCE": "LOC", "DISTRICT": "LOC", "LOCATION": "LOC",
                "EVENT": "EVENT"}

# A form keeps an id when at least this share of its linked mentions agree on it, and a
# one-word form when at least this many do ("Корея" once for the North is not enough), unless
# it is an acronym ("САР").
AGREEMENT = 0.9
ONE_WORD_SUPPORT = 2


@dataclass(frozen=True, slots=True)
class Link:
    key: str        # a folded name form
    type: str       # svodka's entity type
    qid: str
    count: int      # NEREL mentions behind it (0: spread through svodka's alias table)


def name_keys(name: str, type_: str = "ORG") -> list[str]:
    """The forms one name is looked up by: folded as written, and word by word in its
    dictionary form. A surname alone keeps only the first: its dictionary form is the
    masculine one, and "Захаровой" must not become "Захаров"."""
    if type_ == "PER" and len(name.split()) == 1 and is_first_name(name):
        return []     # "Филипп", "Виктор": a first name alone names nobody in particular
    if type_ != "PER" and len(name.split()) == 1 and is_adjective(name):
        return []     # "Японского" is the Sea of Japan as often as Japan
    if fold(name) in _generic() or lemma_key(name) in _generic():
        return []
    keys = [fold(name)]
    if type_ != "PER" or len(name.split()) > 1:
        lemma = lemma_key(name)
        if lemma and lemma not in keys:
            keys.append(lemma)
    return [k for k in keys if k]


def links_from_nerel(documents: Iterable) -> list[Link]:
    """Every unambiguous name form of NEREL's linked mentions (``svodka.eval.nerel``
    documents) as a :class:`Link`."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    acronyms: set[str] = set()
    for document in documents:
        for mention_id, qid in document.links.items():
            mention = document.mentions.get(mention_id)
            if mention is None or mention.type not in LINKED_TYPES:
                continue
            type_ = LINKED_TYPES[mention.type]
            if mention.text.isupper():
                acronyms.add(fold(mention.text))
            for key in name_keys(mention.text, type_):
                votes[(key, type_)][qid] += 1
    links = []
    for (key, type_), counter in votes.items():
        (qid, count), total = counter.most_common(1)[0], sum(counter.values())
        if " " not in key and total < ONE_WORD_SUPPORT and key not in acronyms:
            continue
        if count / total >= AGREEMENT:
            links.append(Link(key, type_, qid, total))
    return links


def spread_through_aliases(links: list[Link]) -> list[Link]:
    """Links for every form in svodka's alias tables whose canonical name is linked."""
    known = {(link.key, link.type): link.qid for link in links}
    groups = [(canonical, type_, [canonical, *aliases.split(",")])
              for canonical, type_, aliases in load_table("aliases.tsv")]
    groups += [(full, type_, [full, abbreviation])
               for abbreviation, type_, full in load_table("abbreviations.tsv")]
    spread = []
    for canonical, type_, forms in groups:
        qid = next((known[(k, type_)] for k in name_keys(canonical, type_)
                    if (k, type_) in known), None)
        if qid is None:
            continue
        for form in forms:
            for key in name_keys(form.strip(), type_):
                if (key, type_) not in known:
                    known[(key, type_)] = qid
                    spread.append(Link(key, type_, qid, 0))
    return spread


def build(nerel_dir: Path) -> list[Link]:
    from svodka.eval.nerel import load_nerel

    links = links_from_nerel(load_nerel(nerel_dir))
    links += spread_through_aliases(links)
    return sorted(links, key=lambda link: (link.type, link.key))


def write(links: list[Link], path: Path, source: str) -> None:
    lines = [
        "# Name forms -> Wikidata ids: folded form, svodka type, Wikidata id, linked mentions",
        f"# in {source} (0: spread through aliases.tsv / abbreviations.tsv).",
        "# Built by `svodka kb build`; derived from NEREL (nerel-ds/NEREL, Russian Wikinews",
        "# texts): see the licence note in README.md.",
    ]
    lines += [f"{link.key}\t{link.type}\t{link.qid}\t{link.count}" for link in links]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    names = load_list("kb_generic.txt")
    return frozenset(fold(n) for n in names) | frozenset(lemma_key(n) for n in names)


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    try:
        rows = load_table(TABLE)
    except FileNotFoundError:
        return {}
    return {(key, type_): qid for key, type_, qid, *_ in rows}


def wikidata_id(type_: str, names: Iterable[str]) -> str | None:
    """The one Wikidata id the names of an entity of ``type_`` agree on, or None when none
    is known or two of them point to different ids."""
    table = _table()
    found = {table[(key, type_)] for name in names for key in name_keys(name, type_)
             if (key, type_) in table}
    return found.pop() if len(found) == 1 else None
