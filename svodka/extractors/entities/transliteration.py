"""A Latin name and its Cyrillic spelling are one thing: "Twitter" = "Твиттер", "Clarin" =
"Кларин", "Burger King" = "Бургер Кинг".

The Latin name is read the way Russian news usually writes English names (``sh`` → ш,
``w`` → в, ``j`` → дж); a word then matches when it is the same but for a case ending or one
letter ("Guardian" → "гуардиан" ~ "Гардиан"). A Latin name joins only when exactly one
Cyrillic name of its family fits it.
"""
from __future__ import annotations

from svodka.extractors.entities.similarity import close_names
from svodka.extractors.entities.types import Named
from svodka.text import CYRILLIC_VOWELS, LATIN_VOWELS, fold, is_cyrillic, is_latin

# longest first: "sch" before "sh", "sh" before "s"
_DIGRAPHS = [("sch", "ш"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("th", "т"),
             ("ph", "ф"), ("ck", "к"), ("oo", "у"), ("ee", "и"), ("ou", "у"), ("ts", "ц"),
             ("yu", "ю"), ("ya", "я"), ("qu", "кв"), ("x", "кс"), ("j", "дж")]
_LETTERS = dict(zip("abcdefghiklmnopqrstuvwyz", "абкдефгхиклмнопкрстуввиз"))
_MAX_WORDS = 3
_PREFIX = 2


def cyrillic(word: str) -> str:
    """"twitter" -> "твиттер"."""
    out, i = [], 0
    while i < len(word):
        for latin, letters in _DIGRAPHS:
            if word.startswith(latin, i):
                out.append(letters)
                i += len(latin)
                break
        else:
            out.append(_LETTERS.get(word[i], word[i]))
            i += 1
    return "".join(out)


def _words(normal: str) -> list[str]:
    return [w for w in fold(normal).replace("-", " ").split() if w.isalpha()]


def link_transliterations(mentions: list[Named], groups, family) -> None:
    cyrillic_names: dict[tuple[str, int, str], set[int]] = {}
    for i, m in enumerate(mentions):
        words = _words(m.normal)
        if m.kind == "name" and is_cyrillic(m.normal) and 0 < len(words) <= _MAX_WORDS:
            key = (family(m.type), len(words), words[0][:_PREFIX])
            cyrillic_names.setdefault(key, set()).add(i)
    for i, m in enumerate(mentions):
        if m.kind != "name" or not is_latin(m.normal) or m.normal.isupper():
            continue
        words = [cyrillic(w) for w in _words(m.normal)]
        if not words or len(words) > _MAX_WORDS or min(len(w) for w in words) < 4:
            continue
        key = (family(m.type), len(words), words[0][:_PREFIX])
        roots = {groups.find(j) for j in cyrillic_names.get(key, ())
                 if all(close_names(a, b) for a, b in zip(words, _words(mentions[j].normal)))}
        roots.discard(groups.find(i))
        if len(roots) == 1:
            groups.union(roots.pop(), i)


# the Cyrillic letters a Latin name's first letters are written with in Russian news
_FIRST_LETTERS = (("ch", "чкхш"), ("th", "тсф"), ("sh", "ш"), ("zh", "ж"), ("kh", "х"),
                  ("ph", "ф"), ("c", "кцсч"), ("g", "гджх"), ("h", "хг"), ("j", "джхйяю"),
                  ("y", "йиюяе"), ("w", "ву"), ("x", "ксзх"), ("q", "к"), ("z", "зц"),
                  ("s", "сзш"), ("k", "кх"), ("b", "б"), ("d", "д"), ("f", "ф"), ("l", "л"),
                  ("m", "м"), ("n", "н"), ("p", "п"), ("r", "р"), ("t", "тц"), ("v", "вф"))
# a Latin vowel opens a Cyrillic vowel, or й ("Ioannis" → "Йоаннис")
_VOWELS = CYRILLIC_VOWELS + "й"


def may_spell(latin: str, cyrillic: str) -> bool:
    """Whether a Latin word may be the Cyrillic one's spelling, by its first letters
    ("christensen" / "кристенсен" yes; "roso" / "ферстаппен" no)."""
    if not latin or not cyrillic:
        return False
    for start, letters in _FIRST_LETTERS:
        if latin.startswith(start):
            return cyrillic[0] in letters
    return cyrillic[0] in _VOWELS if latin[0] in LATIN_VOWELS else True


def may_be_spelling(latin: str, cyrillic_name: str) -> bool:
    """Whether a Latin name of several words may be the spelling of a Cyrillic one, by the
    first letters of its first and last words ("Brendt Christensen" / "Брендт Кристенсен",
    "Kim Jong-un" / "Ким Чен Ын"; not "Zengo Motorsport" / "Норберт Мичелис"). One word is a
    nickname as well as a spelling ("Шон Комбс (Diddy)"): it may."""
    latin_words = fold(latin).replace("-", " ").split()
    words = fold(cyrillic_name).replace("-", " ").split()
    if len(latin_words) < 2 or not words:
        return True
    # a one-word name is spelled by the last Latin word, after an article ("Раскассэ (La
    # Rascasse)"); the first Latin word spells some word before the surname, since the span
    # may have taken in a word before the first name ("Аль-Джазиры Сами аль-Хадж (Sami
    # al-Haj)")
    firsts = any(may_spell(latin_words[0], w) for w in words[:-1]) if len(words) > 1 else True
    return firsts and may_spell(latin_words[-1], words[-1])
