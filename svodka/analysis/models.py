"""natasha's models, loaded once per process and shared by every extraction.

The weights ship inside the navec/slovnet PyPI packages, so nothing is downloaded.
"""
from __future__ import annotations

import threading
from array import array
from dataclasses import dataclass
from functools import lru_cache

from svodka.analysis.layers import speed_up
from svodka.analysis.morphology import Morphology, morphology


@dataclass(slots=True)
class Models:
    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object
    morph: Morphology       # the service extractors read as ``analysis.morph``
    embedding: WordVectors  # navec's news vectors the taggers read; tone reads them too


class WordVectors:
    """navec's vectors by word (``get``, as navec's own), each decoded from its product
    quantization once while it is among the last few thousand words asked: tone asks for
    every word of a sentence again for each mention in it. The vectors are read-only, since
    one array serves every caller."""

    # 4,096 vectors of 300 floats: about 5 MB
    SIZE = 4096

    def __init__(self, navec) -> None:
        self.navec = navec
        self._vectors: dict[str, object] = {}

    def get(self, word: str, default=None):
        vector = self._vectors.get(word, _UNKNOWN)
        if vector is _UNKNOWN:
            vector = self.navec.get(word)
            if vector is not None:
                vector.flags.writeable = False
            if len(self._vectors) >= self.SIZE:
                self._vectors.clear()
            self._vectors[word] = vector
        return default if vector is None else vector


_UNKNOWN = object()


def share_words(words_vocab, navec_vocab) -> bool:
    """Let a slovnet model's word vocabulary read navec's list and index when they hold the
    same words in the same order. Each of slovnet's three packs ships its own copy of navec's
    250,002 words, and each copy is a list of fresh strings and a dict (about 32 MB): three of
    them were a third of the loaded models' memory. The ids are the same either way."""
    if words_vocab.items is navec_vocab.words:
        return True
    if (words_vocab.items != navec_vocab.words or words_vocab.unk_id != navec_vocab.unk_id
            or words_vocab.pad_id != navec_vocab.pad_id):
        return False
    words_vocab.items, words_vocab.item_ids = navec_vocab.words, navec_vocab.word_ids
    return True


def compact_counts(navec_vocab) -> None:
    """navec's word counts (nothing here reads them) as one array of ints, not 250,002 int
    objects in a list: about 6 MB. ``count`` and indexing read them as before."""
    if isinstance(navec_vocab.counts, list):
        navec_vocab.counts = array("q", navec_vocab.counts)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def morph_vocab():
    """pymorphy2's dictionaries through natasha (about 20 MB): one per process, shared by the
    extractors and the store's search lemmas."""
    from natasha import MorphVocab
    return MorphVocab()


@lru_cache(maxsize=1)
def _load() -> Models:
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    compact_counts(embedding.vocab)
    taggers = []
    for load in (NewsMorphTagger, NewsSyntaxParser, NewsNERTagger):
        # each tagger's copy of the words is dropped before the next loads, so the loading
        # process never holds all of them at once
        tagger = load(embedding)
        speed_up(tagger.infer.model)
        share_words(tagger.infer.encoder.words_vocab, embedding.vocab)
        taggers.append(tagger)
    return Models(
        segmenter=Segmenter(),
        morph_vocab=morph_vocab(),
        morph_tagger=taggers[0],
        syntax_parser=taggers[1],
        ner_tagger=taggers[2],
        morph=morphology(),
        embedding=WordVectors(embedding),
    )


def load_models() -> Models:
    with _lock:
        return _load()
