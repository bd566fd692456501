"""Which mentions name the same thing: one entity per real person, organization or place.

Mentions join when the alias table gives them one canonical name (ЕС = Евросоюз =
Европейский союз, РК = Казахстан), when an abbreviation spells the initials of a full name
(МИД РК = Министерство иностранных дел РК), and when a short person name fits exactly one
fuller name in the text (Василенко = Роман Василенко, В. Путин = Владимир Путин).
"""
from __future__ import annotations

import os

from dataclasses import dataclass

from svodka.extractors.entities.gazetteer import fold, gazetteer, known_name

_FUNCTION_WORDS = {"в", "и", "по", "о", "об", "при", "на", "за", "для", "с", "со", "к", "от", "из"}


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


class _Groups:
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


def _family(type_: str) -> str:
    return "PER" if type_ == "PER" else "EVENT" if type_ == "EVENT" else "ORGLOC"


_QUOTES = "«»\"„“”'"


def own_name(normal: str) -> str:
    """"ООО «Ромашка»" -> "Ромашка": an organization's name without its legal form and quotes."""
    words = normal.split()
    while len(words) > 1 and words[0] in gazetteer().org_forms:
        words.pop(0)
    return " ".join(words).strip(_QUOTES).strip()


def link_key(m: Named) -> tuple[str, str]:
    canonical = m.canonical
    if canonical is None:
        name = own_name(m.normal) if m.type == "ORG" else m.normal
        known = known_name(name)
        canonical = known.canonical if known else name
    return _family(m.type), fold(canonical)


def acronym(normal: str) -> str | None:
    """"Министерство иностранных дел РК" -> "МИД РК"; None when nothing to abbreviate."""
    words = normal.replace("-", " ").split()
    head = []
    while words and not words[0].isupper():
        word = words.pop(0)
        if word.lower() not in _FUNCTION_WORDS and word[:1].isalpha():
            head.append(word[0].upper())
    if len(head) < 2:
        return None
    return " ".join(["".join(head), *words])


def _words(normal: str) -> list[str]:
    """"А.Лукашенко" -> ["а", "лукашенко"]: initials count as words, joined or not."""
    return [w.rstrip(".") for w in fold(normal.replace(".", ". ")).split()]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 2


def _is_initial(word: str) -> bool:
    return len(word) <= 3 and word[:1].isalpha()


def _fits(short: list[str], full: list[str]) -> bool:
    """Every word of a short person name fits a word of the full one, in order."""
    position = 0
    for word in short:
        while position < len(full) and not (
                _same_word(word, full[position])
                or (_is_initial(word) and full[position].startswith(word[:len(word)].rstrip(".")))):
            position += 1
        if position == len(full):
            return False
        position += 1
    return _same_word(short[-1], full[-1]) or len(short) == 1


def link(mentions: list[Named], text: str = "") -> list[list[int]]:
    """Groups of mention indices, each group one entity, in order of first mention."""
    groups = _Groups(len(mentions))
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        key = link_key(m)
        if key in first_by_key:
            groups.union(first_by_key[key], i)
        else:
            first_by_key[key] = i
    _link_acronyms(mentions, groups)
    _link_brackets(mentions, groups, text)
    _link_compounds(mentions, groups)
    _link_person_names(mentions, groups)
    clusters: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        clusters.setdefault(groups.find(i), []).append(i)
    return sorted(clusters.values(), key=lambda members: mentions[members[0]].start)


_KEY_LETTERS = 3
_MIN_PIECE = 2
_MAX_COMPOUND_WORDS = 5


def compound_of(short: str, words: list[str]) -> bool:
    """"Совбез" is "Совет безопасности", "Минобороны" is "Министерство обороны", "Нацбанк" is
    "Национальный банк": the word is made of the beginnings of the name's words, in order;
    the last may be whole, in any case ending."""
    short = fold(short)
    words = [fold(w) for w in words if fold(w) not in _FUNCTION_WORDS]
    if not 2 <= len(words) <= _MAX_COMPOUND_WORDS:
        return False

    def fits(position: int, k: int) -> bool:
        word = words[k]
        if k == len(words) - 1:
            rest = short[position:]
            return _same_word(rest, word) or (len(rest) >= 3 and word.startswith(rest))
        for size in range(_MIN_PIECE, len(word) + 1):
            if short[position:position + size] != word[:size]:
                break
            if fits(position + size, k + 1):
                return True
        return False

    return fits(0, 0)


def _compound_with_tail(word: str, tail: list[str], full: list[str]) -> bool:
    if tail:
        if len(full) <= len(tail) or [fold(w) for w in full[-len(tail):]] != [fold(w) for w in tail]:
            return False
        full = full[:-len(tail)]
    return compound_of(word, full)


def _link_compounds(mentions: list[Named], groups: _Groups) -> None:
    by_start: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        if m.type in ("ORG", "LOC") and m.kind == "name" and 1 < len(m.normal.split()) <= 7:
            by_start.setdefault(fold(m.normal)[:_MIN_PIECE], set()).add(i)
    for i, m in enumerate(mentions):
        # "Нацбанк Казахстана" = "Национальный банк Казахстана": the place after both is shared
        word, *tail = m.normal.split()
        if m.type not in ("ORG", "LOC") or word.isupper() or len(word) < 5:
            continue
        roots = {groups.find(j) for j in by_start.get(fold(word)[:_MIN_PIECE], ())
                 if _compound_with_tail(word, tail, mentions[j].normal.split())}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


def _link_acronyms(mentions: list[Named], groups: _Groups) -> None:
    by_acronym: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type in ("ORG", "LOC"):
            short = acronym(m.normal)
            if short:
                by_acronym.setdefault(fold(short), i)
    for i, m in enumerate(mentions):
        if m.type in ("ORG", "LOC") and m.normal.split()[0].isupper():
            full = by_acronym.get(fold(m.normal))
            if full is not None:
                groups.union(full, i)


def _link_brackets(mentions: list[Named], groups: _Groups, text: str) -> None:
    """"Брендт Кристенсен (Brendt Christensen)", "Всемирная организация здравоохранения (ВОЗ)":
    a name followed by another in brackets gives that name's other form."""
    by_start = {m.start: i for i, m in enumerate(mentions) if m.kind == "name"}
    for i, m in enumerate(mentions):
        if m.kind != "name" or m.nested:
            continue    # "при прокуратуре РФ (СКП)": the brackets explain the whole name
        gap = text[m.end:m.end + 3]
        opening = gap.find("(")
        if opening < 0 or gap[:opening].strip():
            continue
        j = by_start.get(m.end + opening + 1)
        if j is None or text[mentions[j].end:mentions[j].end + 1] != ")":
            continue
        if m.type == "ORG" and mentions[j].type == "LOC":
            continue    # "федеральный суд Сан-Франциско (США)": where it is, not its name
        if _family(mentions[j].type) == _family(m.type):
            groups.union(i, j)


def _link_person_names(mentions: list[Named], groups: _Groups) -> None:
    """Full names first (variants of one name join), then the short names that fit them."""
    people = [i for i, m in enumerate(mentions) if m.type == "PER" and m.kind == "name"]
    several = [i for i in people if len(_words(mentions[i].normal)) > 1]
    _link_fitting(mentions, groups, several)
    _link_fitting(mentions, groups, people)


def _full_names(mentions: list[Named], groups: _Groups, people: list[int]):
    fullest: dict[int, list[str]] = {}
    gender: dict[int, str] = {}
    for i in people:
        root = groups.find(i)
        words = _words(mentions[i].normal)
        if len(words) > len(fullest.get(root, [])):
            fullest[root] = words
        if mentions[i].gender and len(words) > 1:
            gender.setdefault(root, mentions[i].gender)
    return {root: words for root, words in fullest.items() if len(words) > 1}, gender


def _link_fitting(mentions: list[Named], groups: _Groups, people: list[int]) -> None:
    full_names, genders = _full_names(mentions, groups, people)
    # full names by the first letters of their first and last words: a short name is only
    # compared with the full names it could fit, so a long article stays linear
    index: dict[str, set[int]] = {}
    for root, full in full_names.items():
        for word in (full[0], full[-1]):
            index.setdefault(word[:_KEY_LETTERS], set()).add(root)
    gender = {groups.find(r): g for r, g in genders.items()}
    for i in people:
        words = _words(mentions[i].normal)
        root = groups.find(i)
        fitting: dict[int, list[str]] = {}
        for other in index.get(words[-1][:_KEY_LETTERS], ()):
            full = full_names[other]
            current = groups.find(other)
            if current != root and len(full) >= len(words) and _fits(words, full):
                fitting.setdefault(current, full)
        if len(words) == 1:
            # a lone word may be a surname or a first name; it must fit one way only
            fitting = {r: full for r, full in fitting.items()
                       if _same_word(words[0], full[-1]) or _same_word(words[0], full[0])}
        if len(fitting) > 1 and mentions[i].gender:
            # "Малашенко женился": of Игорь and Елена Малашенко, the man
            fitting = {r: full for r, full in fitting.items()
                       if gender.get(groups.find(r)) == mentions[i].gender}
        if len(fitting) == 1:
            groups.union(next(iter(fitting)), i)
