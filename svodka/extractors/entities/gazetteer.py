"""The word lists behind the entity rules, read once from ``svodka/data/``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_list, load_set, load_table
from svodka.text import fold

FIRST_LETTERS = 4


@dataclass(frozen=True, slots=True)
class Known:
    canonical: str        # the name every alias of this thing links to
    type: str


_PREFIX = 3


@dataclass(frozen=True, slots=True)
class WordList:
    """Lemmas, and the first letters of each: a token whose text starts otherwise is not
    lemmatized at all, which keeps pymorphy off most of the text."""
    lemmas: frozenset[str]
    starts: frozenset[str]

    @classmethod
    def of(cls, words) -> "WordList":
        lemmas = frozenset(fold(w) for w in words)
        return cls(lemmas, frozenset(w[:_PREFIX] for w in lemmas))

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.lemmas

    def may_hold(self, text: str) -> bool:
        return fold(text)[:_PREFIX] in self.starts

    def holds(self, analysis: Analysis, index: int) -> bool:
        """Is the token at ``index`` one of these words?"""
        return self.may_hold(analysis.tokens[index].text) and analysis.lemma(index) in self.lemmas


@dataclass(frozen=True, slots=True)
class Gazetteer:
    abbreviations: dict[str, Known]     # "МИД" -> Known("Министерство иностранных дел", ORG)
    names: dict[str, Known]             # fold(any nominative alias) -> Known
    first_words: frozenset[str]         # the first letters of every multiword alias
    single_names: WordList              # one-word aliases ("Евросоюз"), to match by lemma
    org_heads: WordList
    role_words: WordList
    event_words: WordList
    org_forms: frozenset[str]
    org_descriptors: WordList
    product_words: WordList
    common_abbreviations: frozenset[str]
    org_complement_nouns: WordList
    event_names: WordList
    event_body_words: WordList
    event_sport_words: WordList
    event_election_words: WordList
    place_directions: WordList
    institution_buildings: WordList
    place_descriptors: WordList


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, Known] = {}
    for canonical, type_, aliases in load_table("aliases.tsv"):
        for alias in [canonical, *aliases.split(",")]:
            if alias.strip():
                names[fold(alias)] = Known(canonical, type_)
    abbreviations: dict[str, Known] = {}
    for abbreviation, type_, full in load_table("abbreviations.tsv"):
        linked = names.get(fold(abbreviation)) or names.get(fold(full))
        abbreviations[abbreviation] = Known(linked.canonical if linked else full, type_)
        names.setdefault(fold(full), abbreviations[abbreviation])
        names.setdefault(fold(abbreviation), abbreviations[abbreviation])
    for place in load_list("places.txt"):
        names.setdefault(fold(place), Known(place, "LOC"))
    first_words = frozenset(key[:FIRST_LETTERS] for key in names if " " in key)
    return Gazetteer(abbreviations, names, first_words,
                     WordList.of(key for key in names if " " not in key),
                     WordList.of(load_list("org_heads.txt")),
                     WordList.of(load_list("role_words.txt")),
                     WordList.of(load_list("event_words.txt")),
                     load_set("org_forms.txt"),
                     WordList.of(load_list("org_descriptors.txt")),
                     WordList.of(load_list("product_words.txt")),
                     load_set("common_abbreviations.txt"),
                     WordList.of(load_list("org_complement_nouns.txt")),
                     WordList.of(load_list("event_names.txt")),
                     WordList.of(load_list("event_body_words.txt")),
                     WordList.of(load_list("event_sport_words.txt")),
                     WordList.of(load_list("event_election_words.txt")),
                     WordList.of(load_list("place_directions.txt")),
                     WordList.of(load_list("institution_buildings.txt")),
                     WordList.of(load_list("place_descriptors.txt")))


def known_name(normal: str) -> Known | None:
    return gazetteer().names.get(fold(normal))


def abbreviation_of(word: str) -> str | None:
    """The listed abbreviation a token spells, with or without a case ending ("МИДа")."""
    table = gazetteer().abbreviations
    if word in table:
        return word
    stem = word.rstrip("аеуомы")
    if stem != word and len(word) - len(stem) <= 2 and stem in table and stem.isupper():
        return stem
    return None


_MAX_ENDING = 3


def common_abbreviation(word: str) -> bool:
    """"СМИ", "ДТП", "ВУЗов": an abbreviation of a common noun (``common_abbreviations.txt``)."""
    table = gazetteer().common_abbreviations
    stem = word.rstrip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    return word in table or (len(word) - len(stem) <= _MAX_ENDING and stem in table)
