"""The one morphology service every extractor reads: pymorphy2 through natasha's MorphVocab.

Extractors never build a ``MorphVocab`` or a ``MorphAnalyzer`` of their own; they ask
``analysis.morph``. There is one :class:`Morphology` per process (:func:`morphology`), so the
caches that key on it (lemmas, number words, readings) serve every article.
"""
from __future__ import annotations

import os
from functools import lru_cache

from svodka.text import fold_word


class Morphology:
    """Parses, lemmas and inflections of Russian words."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab      # natasha.MorphVocab, for the few natasha APIs that want it

    def parse(self, word: str) -> list:
        """pymorphy2's readings of a word, likeliest first: ``Parse`` objects that also carry
        natasha's ``.normal``, ``.pos`` and ``.feats`` (Universal Dependencies names);
        none for a word pymorphy cannot read: it asks ``unicodedata.name`` of every letter,
        which raises on unassigned code points ("0𗀀" after a number)."""
        try:
            return self.vocab.parse(word)
        except ValueError:
            return []

    def word_is_known(self, word: str) -> bool:
        """In pymorphy's dictionary, not only guessed from its ending."""
        try:
            return self.vocab.word_is_known(word)
        except ValueError:      # unassigned code points, as in :meth:`parse`
            return False

    def lemmatize(self, word: str, pos: str, feats: dict[str, str]) -> str:
        """The lemma natasha picks for a tagged word, as pymorphy writes it."""
        return self.vocab.lemmatize(word, pos, feats)

    def lemma(self, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
        """Lowercase lemma with ё as е, cached across articles (``feats`` sorted pairs)."""
        return _lemma(self.vocab, word, pos, feats)

    def noun_cases(self, word: str, person: bool = False) -> set[str]:
        """The cases (pymorphy's names: nomn, gent …) the dictionary allows ``word`` as a
        noun — as one naming a person, if ``person`` ("советник": nomn only, though a thing's
        accusative reads alike); empty when no such reading exists. The tagger picks one case
        in context and can be wrong where the forms cannot ("Экс-советник Дональда Трампа
        пояснил": both tagged genitive)."""
        parses = [p for p in self.parse(word) if p.tag.POS == "NOUN"
                  and (not person or p.tag.animacy == "anim")]
        return {p.tag.case for p in parses if p.tag.case}

    def inflect(self, word: str, feats: set[str]) -> str | None:
        """The likeliest reading of ``word`` put into ``feats``, Universal Dependencies names
        ({"Gen"}, {"Nom", "Plur"}), or None."""
        for parse in self.parse(word):
            inflected = inflect_form(parse, feats)
            if inflected:
                return inflected.word
        return None


def inflect_form(parse, feats: set[str]):
    """``parse.inflect(feats)`` that keeps the word's own stem: a quality adjective's lexeme
    holds several superlatives with one tag, and pymorphy may pick another's ("лучшей" ->
    "наихорошая", "высшей" -> "высочайшая"); the form sharing most of the word's beginning is
    the one the text would write ("лучшая", "высшая")."""
    inflected = parse.inflect(feats)
    if inflected is None or "Supr" not in parse.tag:
        return inflected
    alike = [form for form in parse.lexeme if form.tag == inflected.tag]
    return max(alike, key=lambda form: (len(os.path.commonprefix([form.word, parse.word])),
                                        form.word == inflected.word))


@lru_cache(maxsize=20_000)
def _lemma(vocab, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    # Lemmas repeat across a corpus; pymorphy's dictionary walk is the costliest step of an
    # extraction, so one cache serves every article of the process. An entry costs about 1 KB:
    # at 200,000 a worker grew past 700 MB over the news corpus, and 20,000 was as fast.
    return fold_word(vocab.lemmatize(word, pos, dict(feats)))


@lru_cache(maxsize=1)
def morphology() -> Morphology:
    """The process's one :class:`Morphology` (loads pymorphy's dictionaries, about 20 MB)."""
    from svodka.analysis.models import morph_vocab
    return Morphology(morph_vocab())
