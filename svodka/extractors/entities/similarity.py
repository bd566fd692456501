"""Are two name words one word? Case endings and one-letter spelling variants, compared on
folded words (``svodka.text.fold``)."""
from __future__ import annotations

import os

# a spelling variant ("Буфье" / "Буффье") needs a long enough word
_MIN_FUZZY = 5


def same_word(a: str, b: str) -> bool:
    """One word in two cases ("Василенко" / "Василенкой" aside, "Шольц" / "Шольца")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 2


def one_edit(a: str, b: str) -> bool:
    """One letter added, dropped or changed after the first two ("Буфье" / "Буффье")."""
    if abs(len(a) - len(b)) > 1 or a[:2] != b[:2]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    long, short = (a, b) if len(a) > len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short:
            return True
    return False


def same_name_word(a: str, b: str) -> bool:
    """:func:`same_word`, or in a long word one letter apart."""
    if same_word(a, b):
        return True
    return min(len(a), len(b)) >= _MIN_FUZZY and one_edit(a, b)


def close_names(a: str, b: str) -> bool:
    """The same name word but for a case ending or, in a long word, one letter; э and е
    alike."""
    return same_name_word(a.replace("э", "е"), b.replace("э", "е"))
