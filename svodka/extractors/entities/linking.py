"""Which mentions name the same thing: one entity per real person, organization or place.

Mentions join when the alias table gives them one canonical name (ЕС = Евросоюз =
Европейский союз, РК = Казахстан), when an abbreviation spells the initials of a full name
(МИД РК = Министерство иностранных дел РК), and when a short person name fits exactly one
fuller name in the text (Василенко = Роман Василенко, В. Путин = Владимир Путин).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from svodka.analysis.morphology import Morphology
from svodka.extractors.entities.canonical import (key_text, known_loosely, own_name_of,
                                                  with_canonical_place)
from svodka.extractors.entities.gazetteer import gazetteer, known_name
from svodka.extractors.entities.owners import NO_OWNER, Owned, join_by_owner
from svodka.extractors.entities.people import family_names, link_person_names, retype_surnames
from svodka.extractors.entities.second_names import SECOND_NAME, is_second_name
from svodka.extractors.entities.short_names import link_short_names
from svodka.extractors.entities.similarity import same_word
from svodka.extractors.entities.transliteration import link_transliterations, may_be_spelling
from svodka.extractors.entities.types import Groups, Named, family
from svodka.text import DASHES, OPENING_QUOTES, QUOTES_AND_APOSTROPHE, fold, has_cyrillic, is_latin

_FUNCTION_WORDS = {"в", "и", "по", "о", "об", "при", "на", "за", "для", "с", "со", "к", "от", "из"}


def own_name(normal: str) -> str:
    """"ООО «Ромашка»" -> "Ромашка": an organization's name without its legal form and quotes."""
    words = normal.split()
    while len(words) > 1 and words[0] in gazetteer().org_forms:
        words.pop(0)
    return " ".join(words).strip(QUOTES_AND_APOSTROPHE).strip()


def link_key(m: Named, morph: Morphology, base: str | None = None) -> tuple[str, str]:
    """The key mentions of one thing share; ``base``: an owned organization's name without
    its owner ("Министерство обороны" of "Министерство обороны России"), whose owner
    ``owners.join_by_owner`` compares apart."""
    own = own_name_of(m.canonical or m.normal) if m.type in ("ORG", "LOC") else None
    if own is not None:
        return family(m.type), key_text(own.generic)   # "Банк России": Russia's "ЦБ"
    canonical = m.canonical
    if canonical is None:
        name = own_name(base or m.normal) if m.type == "ORG" else m.normal
        known = known_loosely(name)
        canonical = known.canonical if known else name
        if m.type == "ORG" and not known:
            canonical = with_canonical_place(canonical, morph)
    return family(m.type), key_text(canonical)


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


def link(mentions: list[Named], morph: Morphology, text: str = "",
         owned: list[Owned] | None = None) -> list[list[int]]:
    """Groups of mention indices, each group one entity, in order of first mention.
    ``owned``: each mention's owner (``owners.owners``); names of different owners never join."""
    owned = owned if owned is not None else [NO_OWNER] * len(mentions)
    groups = Groups(len(mentions), [o.owner for o in owned], [m.agrees for m in mentions])
    by_key: dict[tuple[str, str], list[int]] = {}
    families = family_names(mentions)
    for i, m in enumerate(mentions):
        family_type, key = link_key(m, morph, owned[i].base)
        # "дом Лофнеров": the family, no key of "Лофнер"'s
        by_key.setdefault((family_type, key + " *" if i in families else key), []).append(i)
    for members in by_key.values():
        join_by_owner(members, owned, groups)
    _link_editions(mentions, groups)
    _link_acronyms(mentions, groups, morph)
    _link_brackets(mentions, groups, text, morph)
    _link_compounds(mentions, groups)
    _link_compound_tails(mentions, groups, morph)
    _link_abbreviation_forms(mentions, groups)
    link_short_names(mentions, groups)
    link_transliterations(mentions, groups, family)
    retype_surnames(mentions, morph, text)
    link_person_names(mentions, groups, morph, families)
    clusters: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        clusters.setdefault(groups.find(i), []).append(i)
    return sorted(clusters.values(), key=lambda members: mentions[members[0]].start)


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
            return same_word(rest, word) or (len(rest) >= 3 and word.startswith(rest))
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


@lru_cache(maxsize=1 << 16)
def _is_compound_of(normal: str, other: str) -> bool:
    """A long text names the same things many times: each pair of names is read once."""
    word, *tail = normal.split()
    return _compound_with_tail(word, tail, other.split())


def _link_compounds(mentions: list[Named], groups: Groups) -> None:
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
                 if _is_compound_of(m.normal, mentions[j].normal)}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


# an edition's number before an event's name: "XIX Всемирный фестиваль", "12-я конференция"
_EDITION = re.compile(r"^(?:[IVXLC]+|\d{1,3}-?[а-яё]{0,2})\s+(?=\w)")


def _link_editions(mentions: list[Named], groups: Groups) -> None:
    """"XIX Всемирный фестиваль молодёжи и студентов" and "Всемирный фестиваль молодёжи и
    студентов": an event named once with its edition's number and once without is one
    event, when the article numbers one edition of it only."""
    bare: dict[str, set[int]] = {}
    numbered: dict[str, set[str]] = {}
    for i, m in enumerate(mentions):
        if m.type != "EVENT" or m.kind != "name":
            continue
        found = _EDITION.match(m.normal)
        name = fold(m.normal[found.end():]) if found else fold(m.normal)
        bare.setdefault(name, set()).add(i)
        if found:
            numbered.setdefault(name, set()).add(fold(found.group(0)))
    for name, editions in numbered.items():
        members = sorted(bare[name])
        if len(editions) == 1:
            for j in members[1:]:
                groups.union(members[0], j)


_MAX_COMPOUND_PREFIX = 4


def _link_compound_tails(mentions: list[Named], groups: Groups, morph: Morphology) -> None:
    """"Дума" beside "Госдума": a one-word organization named by a common noun pymorphy knows
    that is the whole last piece of one organization's compound word, after a prefix of at
    most four letters ("гос", "сбер"), is that organization; "Трайпл" and "АкваТрайпл", two
    companies of a list, are two."""
    words = {i: fold(m.normal) for i, m in enumerate(mentions)
             if m.type == "ORG" and m.kind == "name" and " " not in m.normal.strip()
             and m.normal.isalpha() and not m.normal.isupper()}
    for i, short in words.items():
        if len(short) < 4 or not morph.word_is_known(short) \
                or not any(p.tag.POS == "NOUN" and "Name" not in p.tag.grammemes
                           for p in morph.parse(short)):
            continue
        roots = {groups.find(j) for j, long in words.items()
                 if long.endswith(short) and 2 <= len(long) - len(short) <= _MAX_COMPOUND_PREFIX}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


# "ЦИКа", "УИКах", "МИДе": an abbreviation with a lowercase case ending
_ABBREVIATION_FORM = re.compile(r"^([A-ZА-ЯЁ]{2,6})[а-яё]{0,3}$")     # ("USNews" is a name)


def caps_stem(text: str) -> str | None:
    found = _ABBREVIATION_FORM.match(text.strip(QUOTES_AND_APOSTROPHE))
    return found.group(1) if found else None


def spells(acronym: str, word: str) -> bool:
    """"Центризбирком" is spelled by "ЦИК": the word splits into as many pieces as the
    abbreviation has letters, each piece starting with its letter (центр-избир-ком), every
    piece at least two letters long."""
    letters, word = fold(acronym), fold(word)
    if not 2 <= len(letters) <= 6 or len(word) < 2 * len(letters) or "-" in word:
        return False

    def fits(position: int, k: int) -> bool:
        if k == len(letters) - 1:
            return word[position:position + 1] == letters[k] and len(word) - position >= 2
        if word[position:position + 1] != letters[k]:
            return False
        return any(fits(position + size, k + 1)
                   for size in range(_MIN_PIECE, len(word) - position - _MIN_PIECE + 1))

    return fits(0, 0)


def _link_abbreviation_forms(mentions: list[Named], groups: Groups) -> None:
    """One organization under its abbreviation in any case ("УИК", "УИКах", "УИКов") and
    under a compound word its letters spell ("ЦИК" = "Центризбирком"); the full name joins
    both by the acronym and compound rules. A compound joins only when one abbreviation
    group fits it."""
    stems: dict[str, int] = {}
    for i, m in enumerate(mentions):
        stem = caps_stem(m.text) if m.type == "ORG" and m.kind == "name" else None
        if stem is None:
            continue
        m.normal = stem       # "УИКов" is "УИК" (the normalizer made "уиковы" of it)
        if stem in stems:
            groups.union(stems[stem], i)
        else:
            stems[stem] = i
    if not stems:
        return
    for i, m in enumerate(mentions):
        words = m.normal.split()
        if m.type != "ORG" or m.kind != "name" or len(words) != 1 or words[0].isupper() \
                or caps_stem(m.text) is not None:
            continue
        roots = {groups.find(j) for stem, j in stems.items()
                 if len(stem) >= 3 and spells(stem, words[0])}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


_MIN_HEAD_ACRONYM = 3


def head_acronym(normal: str) -> str | None:
    """"Главное управление разведки Минобороны Украины" -> "ГУР": the initials of the words
    before the owner's name (the first capitalized word after lowercase ones), which the text
    may abbreviate alone ("На службе в ГУР состоит с 2008 года"); at least three letters.
    None when the name has no such owner."""
    words = normal.replace("-", " ").split()
    for cut in range(2, len(words)):
        if words[cut][:1].isupper():
            head = [w for w in words[:cut] if w.lower() not in _FUNCTION_WORDS]
            if any(not w.islower() for w in words[1:cut]) or len(head) < _MIN_HEAD_ACRONYM:
                return None
            return "".join(w[0].upper() for w in head)
    return None


def _link_acronyms(mentions: list[Named], groups: Groups, morph: Morphology) -> None:
    by_acronym: dict[str, int] = {}
    by_head: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        if m.type in ("ORG", "LOC"):
            short = acronym(m.normal)
            if short:
                by_acronym.setdefault(fold(with_canonical_place(short, morph)), i)
        if m.type == "ORG" and m.kind == "name":
            head = head_acronym(m.normal)
            if head:
                by_head.setdefault(fold(head), set()).add(i)
    for i, m in enumerate(mentions):
        if m.type in ("ORG", "LOC") and m.normal.split()[0].isupper():
            full = by_acronym.get(fold(with_canonical_place(m.normal, morph)))
            if full is not None and not _listed_for_another(m, mentions[full]):
                groups.union(full, i)
                continue
            # the abbreviation alone of a name written with its owner, when one organization
            # of the article has it
            heads = {groups.find(j) for j in by_head.get(fold(m.normal), ())}
            if m.type == "ORG" and len(heads) == 1 and known_name(m.normal) is None:
                groups.union(heads.pop(), i)


def _listed_for_another(short: Named, full: Named) -> bool:
    """"ЕС" spells "Европейский совет", but the alias table gives it to Евросоюз: an
    abbreviation the table lists names what the table says, not every name it spells."""
    known = known_name(short.normal)
    if known is None or fold(known.canonical) == fold(short.normal):
        return False
    full_known = known_name(full.normal)
    # the table joins the abbreviation to its own full forms by key; this rule is for the
    # names it does not list
    return fold(full_known.canonical if full_known else full.normal) != fold(known.canonical)


# what may stand between a name and its other form: "Шон Картер, известный как Джей Зи",
# "Фрэнк Кали по прозвищу «Фрэнки Бой»", "Арсен Павлов (он же Моторола)", "Министерство
# юстиции (далее — Минюст)"; a pseudonym's or a monk's other name in brackets: "Мила Одегова
# (псевдоним Людмилы Есипенко)", "(настоящее имя — …)", "(урождённая …)", "(в миру …)"
_OTHER_FORM = re.compile(
    r"\s*(?:,\s*)?(?:(?:более|также|широко|больше)\s+)?(?:известн\w*|знаменит\w*)\s+"
    r"(?:как|под\s+(?:именем|псевдонимом|прозвищем))"
    r"|\s*(?:,\s*)?(?:по\s+прозвищу|под\s+псевдонимом|(?:он|она)\s+же)"
    r"|\s*\(\s*(?:далее\s*[—–-]|(?:он|она)\s+же|известн\w*\s+как|псевдоним"
    r"|настоящ\w+\s+(?:имя|фамилия)|урожд[её]нн\w+|в\s+миру)")
_MAX_OTHER_FORM_GAP = 40


def _link_brackets(mentions: list[Named], groups: Groups, text: str, morph: Morphology) -> None:
    """"Брендт Кристенсен (Brendt Christensen)", "Всемирная организация здравоохранения (ВОЗ)":
    a name followed by another in brackets gives that name's other form; so does a monk's
    surname after the name he took ("Никодимом (Русняком)", ``second_names``), and a
    pseudonym or a nickname the text introduces ("Шон Картер, известный как Джей Зи")."""
    by_start = {m.start: i for i, m in enumerate(mentions) if m.kind == "name"}
    starts = sorted(by_start)
    for i, m in enumerate(mentions):
        if m.kind != "name" or m.nested:
            continue    # "при прокуратуре РФ (СКП)": the brackets explain the whole name
        gap = text[m.end:m.end + 3]
        opening = gap.find("(")
        if opening >= 0 and not gap[:opening].strip():
            j = by_start.get(m.end + opening + 1)
            # "федеральный суд Сан-Франциско (США)": where it is, not its name
            where = j is not None and m.type == "ORG" and mentions[j].type == "LOC"
            closed = j is not None and text[mentions[j].end:mentions[j].end + 1] == ")"
            if closed and family(mentions[j].type) == family(m.type) and not where \
                    and not _someone_else(m, mentions[j]):
                groups.union(i, j)
                continue
            if closed and is_second_name(m, mentions[j], mentions, morph) \
                    and groups.union(i, j):
                mentions[j].rule = SECOND_NAME     # he is named by the name he took
                continue
        j = _other_form(m, text, by_start, starts)
        if j is not None and family(mentions[j].type) == family(m.type):
            groups.union(i, j)


def _someone_else(m: Named, bracketed: Named) -> bool:
    """"солдат в юбке Саша (Настасья Самбурская)", "Джо (Феникс)": a person's name in
    brackets after another Cyrillic name with no word of it is who plays the part, not the
    part's other name; a Latin spelling is ("Брендт Кристенсен (Brendt Christensen)"), and so
    is one word after a full name, a nickname ("Александр Залдостанов (Хирург)")."""
    if m.type != "PER" or bracketed.type != "PER" or not has_cyrillic(m.text):
        return False
    if not has_cyrillic(bracketed.text):
        # "Макс Ферстаппен (Toro Roso)", "Норберт Мичелис (Zengo Motorsport)": the team, not
        # his Latin spelling, which opens his first name and surname with letters that can
        # spell them; one word is a nickname ("Шон Комбс (Diddy)")
        return is_latin(bracketed.normal) and not may_be_spelling(bracketed.normal, m.normal)
    words = fold(m.normal).replace(".", " ").split()
    others = fold(bracketed.normal).replace(".", " ").split()
    if len(others) == 1 and len(words) > 1:
        return False      # "Александр Залдостанов (Хирург)": a nickname after a full name
    return not any(same_word(a, b) or a[:1] == b[:1] and (len(a) == 1 or len(b) == 1)
                   for a in words for b in others)


def _other_form(m: Named, text: str, by_start: dict[int, int], starts: list[int]) -> int | None:
    after = bisect_left(starts, m.end)
    if after == len(starts) or starts[after] - m.end > _MAX_OTHER_FORM_GAP:
        return None
    gap = text[m.end:starts[after]]
    found = _OTHER_FORM.match(gap)
    if found is None or gap[found.end():].strip(" (" + OPENING_QUOTES + DASHES):
        return None
    return by_start[starts[after]]
