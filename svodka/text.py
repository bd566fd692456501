"""Characters and name keys every part of svodka agrees on.

One home for folding a name into the key two spellings share, for the sets of quote marks,
dashes and brackets Russian news writes, and for telling Cyrillic from Latin. The sets are
strings of single characters: test one character with ``in``, or pass them to ``str.strip``.

>>> fold("  Пётр   ПОРОШЕНКО ")
'петр порошенко'
>>> fold_word("Ёлка Ёлкина")
'елка елкина'
>>> fold_name("Кот-д’Ивуар")
"кот-д'ивуар"
>>> has_cyrillic("Газпром"), is_cyrillic("Газпром"), is_latin("Gazprom")
(True, True, True)
"""
from __future__ import annotations

# Quote marks. Russian news uses «ёлочки» for the outer level and „лапки“ for the inner one;
# English-style “…” and straight "…" come from copy-paste and older sites.
QUOTE_MARKS = "«»\"„“”"
OPENING_QUOTES = "«\"„“"
CLOSING_QUOTES = "»\"”"
APOSTROPHES = "'’ʼ‘`´"
# A name may carry quote marks and a straight apostrophe at its edges: «Газпром», 'Спартак'.
QUOTES_AND_APOSTROPHE = QUOTE_MARKS + "'"

# Hyphen, en dash, em dash: the three dashes a word range or a compound name is written with.
DASHES = "-–—"
# ...and the horizontal bar, which opens a line of direct speech on some sites.
SPEECH_DASHES = DASHES + "―"

BRACKETS = "()[]"
# Characters a page carries that a reader never sees: soft hyphen, zero-width space and joiners,
# the byte-order mark ("«Правый сектор»\u00ad\u00ad, — сообщила …").
INVISIBLE = "\u00ad\u200b\u200c\u200d\ufeff"

# Vowel letters, lowercase: a name's last letter, an initial or a first sound is tested
# against them. Latin "y" counts ("Yvonne", "Kennedy").
CYRILLIC_VOWELS = "аеёиоуыэюя"
LATIN_VOWELS = "aeiouy"

_YO = str.maketrans("ёЁ", "еЕ")
_NAME_CHARACTERS = str.maketrans({**{mark: "'" for mark in APOSTROPHES},
                                  **{dash: "-" for dash in SPEECH_DASHES + "‐‑‒"}})


def fold(text: str) -> str:
    """The key two spellings of one name share: case, ё and spacing do not matter."""
    return " ".join(text.lower().replace("ё", "е").split())


def fold_word(text: str) -> str:
    """Case and ё folded, spacing kept: for one word, or where offsets must stay put."""
    return text.lower().replace("ё", "е")


def fold_name(text: str) -> str:
    """:func:`fold`, and every apostrophe and dash variant written as ' and -:
    "Кот-д’Ивуар" and "Кот–д'Ивуар" share a key."""
    return fold(text.translate(_NAME_CHARACTERS))


def fold_e(text: str) -> str:
    """:func:`fold`, and э read as е: foreign names are spelled both ways ("Рэй", "Рей")."""
    return fold(text).replace("э", "е")


def without_yo(text: str) -> str:
    """ё written as е, case kept ("Пётр" -> "Петр")."""
    return text.translate(_YO)


def is_cyrillic_letter(ch: str) -> bool:
    """A Russian letter, either case (ё included)."""
    low = ch.lower()
    return "а" <= low <= "я" or low == "ё"


def is_latin_letter(ch: str) -> bool:
    return "a" <= ch.lower() <= "z"


def has_cyrillic(text: str, *, count_yo: bool = True) -> bool:
    """Any Russian letter. ``count_yo=False`` is the older test that looked at а..я only;
    it differs on a text whose only Russian letter is ё."""
    if count_yo:
        return any(is_cyrillic_letter(ch) for ch in text)
    return any("а" <= ch <= "я" for ch in text.lower())


def is_cyrillic(text: str) -> bool:
    """Every letter Russian, and at least one letter."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(is_cyrillic_letter(ch) for ch in letters)


def is_latin(text: str) -> bool:
    """Every letter a..z in either case, and at least one letter."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(is_latin_letter(ch) for ch in letters)
