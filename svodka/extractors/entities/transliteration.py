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
from svodka.text import fold, is_cyrillic, is_latin

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
