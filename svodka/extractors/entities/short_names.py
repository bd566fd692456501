"""Shorter names of an organization or place the text names in full.

- "Административный суд Кёльна" ... "Суд Кёльна", "Следственный комитет России" ...
  "Следственный комитет": the short name keeps the full one's head word and some of its
  other words, in order;
- "Комиссия по ценным бумагам США" ... "Комиссия": a lone head noun stands for the one
  organization of the text it heads;
- "Республика Куба" = "Куба", "Королевство Свазиленд" = "Свазиленд": a state's form of
  government before its name;
- "Удмуртская Республика" = "Удмуртия": the adjective's stem is the place's.

Each short name joins only when exactly one fuller name fits it.
"""
from __future__ import annotations

from functools import lru_cache

from svodka.data import load_list, load_table
from svodka.extractors.entities.similarity import same_word
from svodka.extractors.entities.types import Named
from svodka.text import QUOTES_AND_APOSTROPHE, fold

_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
_ARTICLES = {"the"}
_AND = {"и", "&"}
_STATE_FORMS = {"республика", "королевство", "княжество", "султанат", "эмират",
                "государство", "федерация"}
_STEM_LETTERS = 4
_MAX_WORDS = 10


@lru_cache(maxsize=1)
def _generic_heads() -> frozenset[str]:
    """Nouns that alone stand for an organization named in full before ("Комиссия")."""
    return frozenset(fold(w) for name in ("org_heads.txt", "org_descriptors.txt")
                     for w in load_list(name) if " " not in w) | {"лига", "церковь", "театр"}


@lru_cache(maxsize=1)
def _expansions() -> dict[str, str]:
    return {abbreviation: full for abbreviation, _, full in load_table("abbreviations.tsv")
            if abbreviation != full}


def _words(normal: str) -> list[str]:
    return [w for w in (w.strip(QUOTES_AND_APOSTROPHE) for w in fold(normal).split()) if w]


def _written_words(normal: str) -> list[str]:
    """:func:`_words` as the text capitalizes them, word for word."""
    return [w for w in (w.strip(QUOTES_AND_APOSTROPHE) for w in normal.split()) if w]


def _is_adjective(word: str) -> bool:
    return len(word) > 3 and word.endswith(_ADJECTIVE_ENDINGS)


def _head(words: list[str]) -> int | None:
    """The first word that is no adjective and no article: "суд" of "административный суд
    кёльна"."""
    for i, word in enumerate(words):
        if word not in _ARTICLES and not _is_adjective(word):
            return i
    return None


def _close(word: str, other: str) -> bool:
    """The same word, or one the normalizer left with another ending ("Сатиры" / "Сатира")."""
    return word == other or (same_word(word, other) and len(word) == len(other))


def _fits(short: list[str], full: list[str], written: list[str] | None = None) -> bool:
    """Every word of ``short`` is a word of ``full``, in order, the first being the full
    name's first word or its head; a lowercase word of ``full`` left out between two of them
    narrows it to another organization ("Федерация бокса России" is no "Федерация бокса
    студентов России"), a name left out is whose it is ("Комитет Госдумы по обороне").
    ``written``: ``full``'s words as the text capitalizes them (``full`` is folded)."""
    if len(short) >= len(full):
        return False
    head = _head(full)
    starts = {0} | ({head} if head is not None else set())
    for start in starts:
        # both names are nominative in their head and keep the rest as written, so the
        # words compare as they are: "Московская область" is no "Московская областная дума"
        if short[0] != full[start]:
            continue
        position = start + 1
        for word in short[1:]:
            skipped = position
            while position < len(full) and not _close(word, full[position]):
                position += 1
            if position == len(full) or (written is not None and any(
                    w[:1].islower() for w in written[skipped:position])):
                break
            position += 1
        else:
            if not _coordinated_after(full, position):
                return True
    return False


def _coordinated_after(full: list[str], position: int) -> bool:
    """"Министерство культуры" is no "Министерство культуры и спорта": the full name goes on
    with "и" right after the short one's last word, whose complement it extends to another
    organization's."""
    return position < len(full) and full[position] in _AND


def link_short_names(mentions: list[Named], groups) -> None:
    names = [i for i, m in enumerate(mentions)
             if m.type in ("ORG", "LOC") and m.kind == "name" and not m.normal.isupper()]
    full_words = {i: _words(mentions[i].normal) for i in names}
    written = {i: _written_words(mentions[i].normal) for i in names}
    for i, m in enumerate(mentions):
        # "МАГАТЭ ... Агентство": an abbreviation stands for its full name
        if m.type == "ORG" and m.kind == "name" and m.normal in _expansions():
            full_words[i] = _words(_expansions()[m.normal])
            written[i] = _written_words(_expansions()[m.normal])
    by_first: dict[str, set[int]] = {}
    for i, words in full_words.items():
        if 1 < len(words) <= _MAX_WORDS:
            for word in set(words):
                by_first.setdefault(word[:_STEM_LETTERS], set()).add(i)
    fitting: dict[tuple[str, tuple[str, ...]], list[int]] = {}   # one look-up per distinct name
    for i in names:
        m = mentions[i]
        short = _words(m.normal)
        if not short:
            continue
        if len(short) == 1 and short[0] not in _generic_heads():
            continue      # "Газпром" is not "Газпром нефть"
        key = (m.type, tuple(short))
        if key not in fitting:
            fitting[key] = [j for j in by_first.get(short[0][:_STEM_LETTERS], ())
                            if mentions[j].type == m.type
                            and _fits(short, full_words[j], written[j])]
        roots = {groups.find(j) for j in fitting[key]}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)
    _link_state_forms(mentions, groups, names)


def _link_state_forms(mentions: list[Named], groups, names: list[int]) -> None:
    """"Республика Куба" = "Куба"; "Удмуртская Республика" = "Удмуртия"."""
    places: dict[str, set[int]] = {}
    for i in names:
        words = _words(mentions[i].normal)
        if mentions[i].type == "LOC" and len(words) == 1:
            places.setdefault(words[0][:_STEM_LETTERS], set()).add(i)
    for i in names:
        m = mentions[i]
        words = _words(m.normal)
        if m.type != "LOC" or len(words) != 2:
            continue
        if words[0] in _STATE_FORMS:
            found = {groups.find(j) for j in places.get(words[1][:_STEM_LETTERS], ())
                     if same_word(_words(mentions[j].normal)[0], words[1])}
        elif words[1] in _STATE_FORMS and _is_adjective(words[0]):
            found = {groups.find(j) for j in places.get(words[0][:_STEM_LETTERS], ())}
        else:
            continue
        found.discard(groups.find(i))
        if len(found) == 1:
            groups.union(found.pop(), i)
