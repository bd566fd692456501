"""Which person names are one person: "Василенко" = "Роман Василенко", "В. Путин" = "Владимир
Путин", "Грызлов Борис Вячеславович" = "Борис Грызлов", "Геннадий Андреевич" = "Геннадий
Зюганов", "Юля Липницкая" = "Юлия Липницкая".

Full names first (variants of one name join), then the short names that fit them. A short
name joins only when it fits exactly one person, so namesakes ("Анна и Мария Иванова")
stay apart.
"""
from __future__ import annotations

import re
from functools import lru_cache

from svodka.analysis.morphology import Morphology
from svodka.data import load_table
from svodka.extractors.entities.gazetteer import known_name
from svodka.extractors.entities.similarity import same_name_word
from svodka.extractors.entities.types import Named
from svodka.text import QUOTES_AND_APOSTROPHE, fold, fold_e

_KEY_LETTERS = 3
_NAME_MARKS = QUOTES_AND_APOSTROPHE + "()"
# "Лукашенко-младший", "Уильямс-старшая", "Буше-младшем": the same surname, told apart only
# by the text
_GENERATION = re.compile(r"-(младш|старш)\w*$")
# "Андреевич", "Вячеславовна": a patronymic is a first name with one of these endings
_PATRONYMIC_ENDINGS = ("ович", "евич", "ьич", "ич", "овна", "евна", "ична", "инична")
_AGE = re.compile(r"летн(?:ий|яя|его|ей|ему|им|ем|юю)$")


def words_of(normal: str) -> list[str]:
    """"А.Лукашенко" -> ["а", "лукашенко"]: initials count as words, joined or not; quotes
    around a nickname and a generation suffix do not count."""
    words = []
    for word in fold(normal.replace(".", ". ")).split():
        word = word.strip(_NAME_MARKS).rstrip(".")
        if any(ch.isdigit() for ch in word) or _AGE.search(word):
            continue      # "56-летний С. Джобс": an age the span took in is no name
        word = _GENERATION.sub("", word) or word
        if word:
            words.append(word.replace("э", "е"))
    return words


def _generation(normal: str) -> str | None:
    """"Буш-младший" -> "младший": "Джордж Буш-старший" is not "Джордж Буш-младший"."""
    found = _GENERATION.search(fold(normal))
    return found.group(1) if found else None


def _is_initial(word: str) -> bool:
    return len(word) <= 3 and word[:1].isalpha()


@lru_cache(maxsize=1)
def _diminutives() -> dict[str, str]:
    table = {}
    for full, short in load_table("name_diminutives.tsv"):
        for form in short.split(","):
            table[fold_e(form.strip())] = fold_e(full)
    return table


def _first_name(word: str) -> str:
    """"Юля" -> "юлия": the full first name a diminutive stands for."""
    return _diminutives().get(word, word)


@lru_cache(maxsize=1)
def _spelled_initials() -> dict[str, str]:
    return {fold_e(letter): fold_e(start) for letter, start in load_table("spelled_initials.tsv")}


def _word_fits(word: str, full_word: str, first: bool) -> bool:
    if same_name_word(word, full_word):
        return True
    if _is_initial(word) and full_word.startswith(word):
        return True
    start = _spelled_initials().get(word)
    if start and full_word.startswith(start) and len(full_word) > len(word) + 1:
        return True       # "Джей Джей Абрамс" is "Джеффри Джейкоб Абрамс"
    return first and same_name_word(_first_name(word), _first_name(full_word))


@lru_cache(maxsize=4096)
def is_patronymic(word: str, morph: Morphology) -> bool:
    """"андреевич", "петровны": pymorphy reads it as a patronymic and its stem is a first name
    ("Андре-евич" from "Андрей"), so a surname like "Янкович" is not taken for one."""
    normals = {p.normal_form for p in morph.parse(word) if "Patr" in p.tag}
    for normal in normals:
        for ending in _PATRONYMIC_ENDINGS:
            if normal.endswith(ending):
                stem = normal[:-len(ending)]
                for name in (stem, stem + "й", stem + "ь", stem + "а", stem + "я"):
                    if len(name) >= 3 and any("Name" in p.tag for p in morph.parse(name)):
                        return True
    return False


def _fits_in_order(short: list[str], full: list[str], morph: Morphology) -> bool:
    position = 0
    for k, word in enumerate(short):
        while position < len(full) and not _word_fits(word, full[position], k == 0 and position == 0):
            position += 1
        if position == len(full):
            return False
        position += 1
    last = position - 1
    if len(short) == 1 or last == len(full) - 1:
        return True
    if last < len(full) - 2:
        return False      # "Рафаэль Корреа" is not "Рафаэль Корреа Эдвард Сноуден"
    # "Фидель Кастро" in "Фидель Алехандро Кастро Рус", "Дмитрий Анатольевич" in "Дмитрий
    # Анатольевич Аленичев": the first names agree and the rest is found in order; but
    # "Иван Петров" is not "Иван Петрович Сидоров"
    return _word_fits(short[0], full[0], True) \
        and is_patronymic(short[-1], morph) == is_patronymic(full[last], morph)


def fits(short: list[str], full: list[str], morph: Morphology) -> bool:
    """Every word of a short person name fits a word of the full one, in order; the full
    name may be written surname first ("Грызлов Борис Вячеславович")."""
    return _fits(tuple(short), tuple(full), morph)


def _fits(short: tuple[str, ...], full: tuple[str, ...], morph: Morphology) -> bool:
    short, full = list(short), list(full)
    if _fits_in_order(short, full, morph):
        return True
    if len(full) > 1 and _fits_in_order(short, full[1:] + full[:1], morph):
        return True
    # "А. В. Дворкович" is "Аркадий Дворкович": a middle initial the full name does not give
    middle = [w for w in short[1:-1] if _is_initial(w)]
    if middle and len(short) > len(full):
        core = [short[0], *[w for w in short[1:-1] if not _is_initial(w)], short[-1]]
        return len(core) <= len(full) and _fits_in_order(core, full, morph)
    return False


def by_patronymic(short: list[str], full: list[str], morph: Morphology) -> bool:
    """"Геннадий Андреевич" is "Геннадий Зюганов" when the full name gives no patronymic."""
    return len(short) == 2 and len(full) >= 2 and _by_patronymic(tuple(short), tuple(full), morph)


@lru_cache(maxsize=20_000)
def _by_patronymic(short: tuple[str, ...], full: tuple[str, ...], morph: Morphology) -> bool:
    return len(short) == 2 and len(full) >= 2 and is_patronymic(short[1], morph) \
        and not any(is_patronymic(w, morph) for w in full) and _word_fits(short[0], full[0], True)


_LIST_GAP = 3     # ", " or " и " between two names: "Сергей Иванов и Сергей Лукашевич"


def _apart(mentions: list[Named], members: dict[int, list[int]], a: int, b: int) -> bool:
    """Is group ``a`` first named after group ``b``, and never listed next to it?"""
    first_a = min(mentions[i].start for i in members[a])
    first_b = min(mentions[i].start for i in members[b])
    if first_a < first_b:
        return False
    ends_a = {mentions[i].end for i in members[a]}
    ends_b = {mentions[j].end for j in members[b]}
    return not any(mentions[i].start - gap in ends
                   for group, ends in ((a, ends_b), (b, ends_a)) for i in members[group]
                   for gap in range(_LIST_GAP + 1))


def _members(groups, people: list[int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for i in people:
        members.setdefault(groups.find(i), []).append(i)
    return members


def _middle_initials(words: list[str]) -> int:
    return sum(1 for w in words[1:-1] if _is_initial(w))


def link_person_names(mentions: list[Named], groups, morph: Morphology,
                      families: frozenset[int] = frozenset()) -> None:
    """Full names first (variants of one name join), then the short names that fit them;
    ``families`` (``family_names``) join none."""
    people = [i for i, m in enumerate(mentions) if m.type == "PER" and m.kind == "name"
              and i not in families]
    several = [i for i in people if len(words_of(mentions[i].normal)) > 1]
    link_spelled_initials(mentions, groups, several)
    _link_fitting(mentions, groups, several, morph)
    _link_fitting(mentions, groups, people, morph)


def has_initial(normal: str) -> bool:
    """"Джон Ф. Кеннеди", "В. Путин": a first or middle name given by its initial only."""
    words = normal.replace(".", ". ").split()[:-1]
    return any(w.endswith(".") and _is_initial(w.rstrip(".")) for w in words)


def _spells_out(short: list[str], full: list[str]) -> bool:
    """Word for word the same name, ``short`` giving an initial where ``full`` spells the
    word out ("джон ф кеннеди" / "джон фитцджеральд кеннеди"), at least one such initial."""
    return len(short) == len(full) and any(_is_initial(w) and not _is_initial(f)
                                           for w, f in zip(short, full)) \
        and all(same_name_word(w, f) or _is_initial(w) and f.startswith(w)
                for w, f in zip(short, full))


def link_spelled_initials(mentions: list[Named], groups, several: list[int]) -> None:
    """"Джон Ф. Кеннеди" is "Джон Фитцджеральд Кеннеди" when the text spells out that one
    name only: joined before short names are fitted, a "Джон Кеннеди" then fits one person,
    not two. Two spelled-out names the initial fits ("Джон Фрэнк Кеннеди" too): none."""
    spelled = {i: words_of(mentions[i].normal) for i in several}
    for i, words in spelled.items():
        if not has_initial(mentions[i].normal):
            continue
        generation = _generation(mentions[i].normal)
        roots = {groups.find(j) for j, full in spelled.items()
                 if _spells_out(words, full) and _generation(mentions[j].normal) == generation}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


def _full_names(mentions: list[Named], groups, people: list[int]):
    fullest: dict[int, list[str]] = {}
    gender: dict[int, str] = {}
    for i in people:
        root = groups.find(i)
        words = words_of(mentions[i].normal)
        if len(words) > len(fullest.get(root, [])):
            fullest[root] = words
        if mentions[i].gender and len(words) > 1:
            gender.setdefault(root, mentions[i].gender)
    return {root: words for root, words in fullest.items() if len(words) > 1}, gender


def _index(full_names: dict[int, list[str]]) -> dict[str, set[int]]:
    # full names by the first letters of their words: a short name is only compared with the
    # full names it could fit, so a long article stays linear
    index: dict[str, set[int]] = {}
    for root, full in full_names.items():
        for word in {*full[:2], *full[-2:], _first_name(full[0])}:
            index.setdefault(word[:_KEY_LETTERS], set()).add(root)
    return index


def _candidates(words: list[str], index, morph: Morphology) -> set[int]:
    """The full names ``words`` could fit, by the first letters of its last word; by its
    first word too when that is all it has, or a patronymic follows it."""
    keys = {words[-1][:_KEY_LETTERS]}
    if len(words) == 1 or is_patronymic(words[-1], morph):
        keys |= {words[0][:_KEY_LETTERS], _first_name(words[0])[:_KEY_LETTERS]}
    found: set[int] = set()
    for key in keys:
        found |= index.get(key, set())
    return found


def _link_fitting(mentions: list[Named], groups, people: list[int], morph: Morphology) -> None:
    full_names, genders = _full_names(mentions, groups, people)
    index = _index(full_names)
    generations = {groups.find(i): g for i in people
                   if (g := _generation(mentions[i].normal)) and len(words_of(mentions[i].normal)) > 1}
    gender = {groups.find(r): g for r, g in genders.items()}
    fullest = dict(full_names)      # root -> the fullest name its group holds so far
    members = _members(groups, people)
    tried: dict[tuple, bool] = {}   # (short, full) -> fits: names repeat in a long text
    done: set[tuple] = set()        # (group, name, gender, unions so far) already tried
    unions = 0
    for i in people:
        words = words_of(mentions[i].normal)
        if not words:
            continue
        root = groups.find(i)
        seen = (root, tuple(words), mentions[i].gender, mentions[i].subject, unions)
        if seen in done:
            continue      # the same name of the same group, nothing joined since: same answer
        done.add(seen)
        generation = _generation(mentions[i].normal)
        if len(fullest.get(root, ())) > len(words):
            # another mention of this group ("Рено" = "Рено") already joined a fuller name:
            # a second one may not pull in a namesake ("Роберт Рено")
            continue
        fitting: dict[int, list[str]] = {}
        for other in _candidates(words, index, morph):
            full = full_names[other]
            current = groups.find(other)
            if current == root or len(full) < len(words) - _middle_initials(words) \
                    or generation not in (None, generations.get(current, generation)):
                continue
            pair = (tuple(words), tuple(full))
            if pair not in tried:
                tried[pair] = fits(words, full, morph)
            if tried[pair] or (by_patronymic(words, full, morph) and _apart(
                    mentions, members, root, current)):
                fitting.setdefault(current, full)
        if len(words) == 1:
            # a lone word may be a surname or a first name; it must fit one way only
            fitting = {r: full for r, full in fitting.items()
                       if same_name_word(words[0], full[-1])
                       or same_name_word(words[0], full[0])
                       or same_name_word(_first_name(words[0]), _first_name(full[0]))
                       or (len(full) > 2 and same_name_word(words[0], full[-2]))}
        # "Саша Белкин приехал … Белкина осталась": a man's group and a woman's never join
        fitting = {r: full for r, full in fitting.items() if groups.may_join(r, i)
                   and not _feminine_subject_of(mentions, members, groups, i, r, full)}
        if len(words) == 1 and len(fitting) > 1:
            # "Андрей Дмитриев … Дмитрий Шляхтин … Дмитриев заявил": a lone word that is one
            # person's surname and only close to another's first name names the one whose
            # surname it is; the same word as a first name ("Филиппе" of "Филиппе Коутиньо"
            # beside "Максимилиан Филипп", "Джеймс" of "Джеймс Мэттис" beside "Джош Джеймс")
            # may be either
            surnames = {r: full for r, full in fitting.items()
                        if same_name_word(words[0], full[-1])}
            first_names = {_first_name(full[0]) for r, full in fitting.items() if r not in surnames}
            written = words_of(mentions[i].text)
            if len(surnames) == 1 and not {_first_name(words[0]),
                                           *map(_first_name, written[:1])} & first_names:
                fitting = surnames
        if len(fitting) > 1 and mentions[i].gender:
            # "Малашенко женился": of Игорь and Елена Малашенко, the man
            fitting = {r: full for r, full in fitting.items()
                       if gender.get(groups.find(r)) == mentions[i].gender}
        if len(words) == 1 and len(fitting) > 1 and not generation:
            # ("Дукурс-старший" is the father: a generation no one of them is given stays apart)
            fitting = _family_member_in_focus(mentions, members, root, words[0], fitting)
        if len(fitting) == 1:
            target, full = next(iter(fitting.items()))
            groups.union(target, i)
            unions += 1
            joined = groups.find(i)
            fullest[joined] = max(full, fullest.get(root, []), key=len)
            # the smaller list joins the larger: a long article stays near-linear
            big, small = sorted((members.pop(root, []), members.pop(target, [])), key=len,
                                reverse=True)
            big.extend(small)
            members[joined] = big
            # the joined group keeps its full name's gender: "Хиллари" joining "Хиллари
            # Клинтон" first must not hide her from "написала Клинтон"
            known = gender.get(target) or gender.get(root)
            if known:
                gender[joined] = known
            inherited = generations.get(root) or generations.get(target) or generation
            if inherited:
                generations[joined] = inherited


def _family_member_in_focus(mentions: list[Named], members: dict[int, list[int]], group: int,
                            word: str, fitting: dict[int, list[str]]) -> dict[int, list[str]]:
    """"Джохар Царнаев … Тамерлан был убит …, Джохар был обнаружен … Царнаев не признал себя
    виновным": a lone surname that several people of one family share (gender already
    agreed) names the one of them named last before it, as a reader takes it; a headline's
    surname, before anyone is named, the one named first after it. Every mention of the lone
    surname's group must point to the same one. No one is chosen when the last two were named
    in one breath («Джохар и Тамерлан … Царнаев»), when two of them share a first name too
    (Степан Бандера and his grandson Степан Бандера-младший: a reader goes by the context), or
    when the word is not the surname of all of them."""
    if not all(same_name_word(word, full[-1]) for full in fitting.values()):
        return fitting
    first_names = [_first_name(full[0]) for full in fitting.values()]
    if len(set(first_names)) < len(first_names):
        return fitting
    starts = {r: sorted(mentions[j].start for j in members.get(r, [])) for r in fitting}
    chosen = {_named_last_before(starts, mentions[j].start, mentions[j].end)
              for j in members.get(group, [])}
    if len(chosen) != 1 or None in chosen:
        return fitting
    target = chosen.pop()
    return {target: fitting[target]}


def _named_last_before(starts: dict[int, list[int]], start: int, end: int) -> int | None:
    """Of the groups (their mentions' starts), the one named last before ``start`` — or, when
    none is, the one named first after ``end``; None when the two nearest are one breath
    apart."""
    before = sorted(((max(s for s in group if s < start), r) for r, group in starts.items()
                     if any(s < start for s in group)), reverse=True)
    if before:
        if len(before) > 1 and before[0][0] - before[1][0] < _BREATH:
            return None
        return before[0][1]
    after = sorted((min(s for s in group if s >= end), r) for r, group in starts.items()
                   if any(s >= end for s in group))
    if not after or len(after) > 1 and after[1][0] - after[0][0] < _BREATH:
        return None
    return after[0][1]


# characters between two people's names that a reader takes as one breath (a list, a pair)
_BREATH = 40


# a surname's plural endings that no singular case of it has: "Лофнеров", "Лофнеры" (of
# "Лофнер"), "Петровых", "Петровы" (of "Петров"; "Петровым" is also "with Петров": left out)
_PLURAL_AFTER_CONSONANT = ("ов", "ы", "ам", "ами", "ах")
_PLURAL_AFTER_OV = ("ых", "ы")


def _plural_surname(word: str, written: set[str]) -> bool:
    for ending in {*_PLURAL_AFTER_OV, *_PLURAL_AFTER_CONSONANT}:
        stem = word[:-len(ending)]
        if not word.endswith(ending) or len(stem) < 3 or stem[-1] in "аеёиоуыэюяйь":
            continue
        if stem.endswith(("ов", "ев", "ёв")) and ending in _PLURAL_AFTER_OV \
                or stem.endswith(("ин", "ын")) and ending == "ых":   # ("Марины" is Марина's)
            return True
        if ending in _PLURAL_AFTER_CONSONANT and stem in written:
            return True
    return False


def family_names(mentions: list[Named]) -> frozenset[int]:
    """The person mentions that are a surname written in the plural — a family, none of its
    members alone: "Лофнеров", "Лофнеры" beside "Рэнди Лофнер"; "Петровых", "Петровы". A
    consonant-final surname needs a full name ending in it ("Жармухамедов" is one man when no
    "… Жармухамед" is written; "Анны" is Анна's)."""
    # the surnames full names end with, as written: "Рэнди Лофнер"
    written = {words[-1].lower() for m in mentions
               if m.type == "PER" and len(words := words_of(m.text)) > 1}
    found = set()
    for i, m in enumerate(mentions):
        words = words_of(m.text)
        if m.type == "PER" and len(words) == 1 and _plural_surname(words[0].lower(), written):
            found.add(i)
    return frozenset(found)


def _feminine_subject_of(mentions: list[Named], members: dict[int, list[int]], groups, i: int,
                         target: int, full: list[str]) -> bool:
    """"Белкина говорит" beside "Саша Белкин": a nominative subject written as the other
    name's surname + а is no genitive of it but a woman's name, and joins only a group that
    is a woman's or that writes her surname so too ("Евгения Медведева", which the
    normalizer may have read as "Евгений Медведев")."""
    if not mentions[i].subject or groups.gender(target) == "Fem":
        return False
    written = words_of(mentions[i].text)
    if not written or written[-1] != full[-1] + "а":
        return False
    return not any(words_of(mentions[j].text)[-1:] == written[-1:]
                   for j in members.get(groups.find(target), []))


# case endings a surname takes ("Клинтона", "Клинтону", "Клинтоном"); "Арсенал" is no
# case of "Арсен"
_CASE_ENDINGS = ("", "а", "я", "у", "ю", "ом", "ем", "ым", "им", "е", "и", "ы", "ой", "ей", "ою")


# "В Ливингстоне прошла встреча с Кеном Ливингстоном": after these the word is where, a place
_LOCATIVE = re.compile(r"(?:^|\s)(?:в|во|из)\s+$", re.IGNORECASE)


def retype_surnames(mentions: list[Named], morph: Morphology, text: str = "") -> None:
    """"Билл Клинтон ... у Клинтона": a one-word place or organization that is the surname of
    exactly one person named in full (or the first name, when pymorphy knows it for one),
    and that pymorphy does not know as a place or an organization, is that person: the
    tagger often types a lone surname LOC."""
    owners_of: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "PER" and m.kind == "name":
            words = words_of(m.normal)
            if len(words) > 1:
                owners_of.setdefault(words[-1], set()).add(" ".join(words))
                owners_of.setdefault("name:" + words[0], set()).add(" ".join(words))
    if not owners_of:
        return
    for m in mentions:
        if m.type not in ("LOC", "ORG") or m.kind != "name" or m.nested or m.canonical:
            continue
        if " " in m.text or m.text.isupper() or not m.text[:1].isupper() \
                or known_name(m.normal) or len(m.text) < 4:
            continue
        word = fold_e(m.text)
        owners = set()
        for ending in _CASE_ENDINGS:
            if ending and not word.endswith(ending):
                continue
            stem = word[:len(word) - len(ending)]
            owners |= owners_of.get(stem, set())
            if _is_first_name(stem, morph):
                owners |= owners_of.get("name:" + stem, set())
        if len(owners) == 1 and not _names_a_place(m.text, morph) \
                and not _LOCATIVE.search(text[max(0, m.start - 4):m.start]):
            m.type = "PER"


@lru_cache(maxsize=4096)
def _is_first_name(word: str, morph: Morphology) -> bool:
    return any("Name" in p.tag for p in morph.parse(word))


@lru_cache(maxsize=4096)
def _names_a_place(text: str, morph: Morphology) -> bool:
    word = text.lower()
    # pymorphy's guesses for an unknown word include places; only its dictionary counts
    return morph.word_is_known(word) and any("Geox" in p.tag or "Orgn" in p.tag
                                             for p in morph.parse(word))
