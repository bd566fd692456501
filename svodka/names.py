"""Name forms shared by the knowledge base and the corpus resolver: a fold, a dictionary-form
key, and the parts of a person's name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from svodka.pickling import pickled_by_fields
from svodka.text import fold

__all__ = ["fold", "is_adjective", "is_first_name", "lemma_key", "PersonName", "person_name"]

# a Russian man's surname ends so; the same + "а" is a woman's ("Сидоркин", "Сидоркина")
MASCULINE_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# pymorphy's readings that say "this is a name": preferred over common nouns ("Путина" is a
# surname's genitive before it is "путина", the fishing season).
_NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    if not any("а" <= ch <= "я" for ch in word):
        return word
    from svodka.analysis.models import morph_vocab

    parses = morph_vocab().parse(word)
    named = [p for p in parses if any(tag in p.tag for tag in _NAME_TAGS)]
    best = (named or parses or [None])[0]
    return best.normal_form.replace("ё", "е") if best else word


@lru_cache(maxsize=20_000)
def is_first_name(word: str) -> bool:
    """pymorphy knows the word as a given name and never as a surname."""
    from svodka.analysis.models import morph_vocab

    tags = [p.tag for p in morph_vocab().parse(fold(word))]
    return any("Name" in tag for tag in tags) and not any("Surn" in tag for tag in tags)


@lru_cache(maxsize=20_000)
def is_adjective(word: str) -> bool:
    """pymorphy reads the word first as an adjective: "Японского", "Киевская"."""
    from svodka.analysis.models import morph_vocab

    parses = morph_vocab().parse(fold(word))
    return bool(parses) and parses[0].tag.POS in ("ADJF", "ADJS")


def lemma_key(name: str) -> str:
    """Every word of the name in its dictionary form: "Северный Рейн — Вестфалию" and
    "Северный Рейн — Вестфалия" meet, so do "Голос Америки" and "Голос Америка"."""
    return " ".join(_lemma(word) for word in _WORD.findall(fold(name.replace("-", " "))))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PersonName:
    first: str | None      # folded; None when the name is a surname alone
    initial: str | None    # the first letter of the first name, when only that is known
    surname: str

    @property
    def full(self) -> str | None:
        return f"{self.first} {self.surname}" if self.first else None


_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.?$")


def person_name(name: str) -> PersonName | None:
    """"Владимир Владимирович Путин" → first "владимир", surname "путин"; "В. Путин" →
    initial "в"; "Путин" → surname only. None for what is no name (no letters)."""
    words = [w for w in name.replace("\u00a0", " ").split() if any(ch.isalpha() for ch in w)]
    if not words:
        return None
    surname = fold(words[-1])
    if len(words) == 1:
        return PersonName(None, None, surname)
    first = words[0]
    if _INITIAL.match(first) or (len(first) <= 3 and first.endswith(".")):
        return PersonName(None, fold(first[0]), surname)
    return PersonName(fold(first), fold(first[0]), surname)
