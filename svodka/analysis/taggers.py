"""slovnet's morphology tagger and syntax parser, driven over a whole article at once.

slovnet's own ``map`` encodes every word again for each model (its shape and vocabulary id, in
Python), builds a record per token and parses the ``"NOUN|Case=Nom|..."`` tag string of every
token. Here the article's distinct word forms are encoded once for both models and a tag's
parts are worked out once per tag id; the models see the same arrays in the same batches, so
their outputs are the same bit for bit (``tests/test_taggers.py`` compares both ways).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
from razdel import tokenize
from slovnet.bio import bio_spans
from slovnet.chop import chop
from slovnet.conll import parse_conll_tag
from slovnet.shape import word_shape

# slovnet's batch: eight sentences in text order, padded to the longest. The scores are
# computed in float32 by BLAS, whose rounding depends on a matrix's shape; another batching
# (sentences sorted by length, to pad less) flips near-tied syntax heads in about one article
# in eight, so the batches stay slovnet's.
BATCH_SENTENCES = 8


def encode_forms(encoder, forms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary and shape ids of each distinct word form, as slovnet's encoder gives them."""
    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    word_ids = np.fromiter((words.encode(form.lower()) for form in forms), dtype=np.int64,
                           count=len(forms))
    shape_ids = np.fromiter((shapes.encode(word_shape(form)) for form in forms), dtype=np.int64,
                            count=len(forms))
    return word_ids, shape_ids


def _padded(ids: np.ndarray, spans: Sequence[tuple[int, int]], fill: int) -> np.ndarray:
    width = max(stop - start for start, stop in spans)
    array = np.full((len(spans), width), fill, dtype=np.int64)
    for row, (start, stop) in enumerate(spans):
        array[row, :stop - start] = ids[start:stop]
    return array


class TagParts:
    """(pos, feats) of each tag id of a morphology tagger, parsed once."""

    def __init__(self, tags_vocab, shared_feats: Callable[[dict], object], intern) -> None:
        self.parts = []
        for tag in tags_vocab.items:
            pos, feats = parse_conll_tag(tag)
            self.parts.append((intern(pos), shared_feats(feats)))


def tag_sentences(morph_tagger, syntax_parser, form_ids: np.ndarray, forms: Sequence[str],
                  spans: Sequence[tuple[int, int]], tag_parts: TagParts, syntax: bool
                  ) -> Iterator[tuple[int, list, list[int] | None, list[str] | None]]:
    """Tag (and parse, if ``syntax``) the sentences ``spans`` — (first, stop) ranges of a token
    sequence whose form indices into ``forms`` are ``form_ids``. Yields, sentence by sentence
    in text order, ``(sentence, [(pos, feats)], head_ids, rels)``: head ids as slovnet counts
    them (0 the root, else 1 + the head's place in the sentence); None without syntax."""
    encoder = morph_tagger.infer.encoder
    word_ids, shape_ids = encode_forms(encoder, forms)
    token_words, token_shapes = word_ids[form_ids], shape_ids[form_ids]
    word_pad, shape_pad = encoder.words_vocab.pad_id, encoder.shapes_vocab.pad_id
    morph_model, syntax_model = morph_tagger.infer.model, syntax_parser.infer.model
    rels = syntax_parser.infer.decoder.rels_vocab.items
    parts = tag_parts.parts
    lengths = [stop - start for start, stop in spans]
    for batch_start in range(0, len(spans), BATCH_SENTENCES):
        batch = range(batch_start, min(batch_start + BATCH_SENTENCES, len(spans)))
        batch_spans = spans[batch_start:batch.stop]
        word_id = _padded(token_words, batch_spans, word_pad)
        shape_id = _padded(token_shapes, batch_spans, shape_pad)
        pad_mask = word_id == word_pad
        tags = morph_model.head.decode(morph_model(word_id, shape_id, pad_mask)).tolist()
        head_ids = rel_ids = None
        if syntax:
            pred = syntax_model(word_id, shape_id, pad_mask)
            mask = ~pad_mask
            head_ids = syntax_model.head.decode(pred.head_id, mask).tolist()
            rel_ids = syntax_model.rel.decode(pred.rel_id, mask).tolist()
        for row, index in enumerate(batch):
            size = lengths[index]
            yield (index, [parts[tag] for tag in tags[row][:size]],
                   head_ids[row][:size] if syntax else None,
                   [rels[r] for r in rel_ids[row][:size]] if syntax else None)


def recognize(ner_tagger, texts: Iterable[str]) -> Iterator[list]:
    """slovnet's NER over ``texts``, in its own batches: for each text, its spans (``start``,
    ``stop``, ``type``). As slovnet's ``map`` does it, without a record per token, and each
    distinct word encoded once."""
    infer = ner_tagger.infer
    encoder, model, tags = infer.encoder, infer.model, infer.decoder.tags_vocab.items
    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    encoded: dict[str, tuple[int, int]] = {}

    def encode(word: str) -> tuple[int, int]:
        ids = encoded.get(word)
        if ids is None:
            ids = encoded[word] = (words.encode(word.lower()), shapes.encode(word_shape(word)))
        return ids

    for batch in chop(texts, ner_tagger.batch_size):
        # razdel's tokens, as slovnet's NER splits a text (its offsets are where slovnet's
        # find_tokens looks them up again)
        tokens = [list(tokenize(text)) for text in batch]
        items = []
        for text_tokens in tokens:
            pairs = [encode(token.text) for token in text_tokens]
            items.append(([w for w, _ in pairs], [s for _, s in pairs]))
        input = encoder.input(items)
        pred = model(input.word_id, input.shape_id, input.pad_mask)
        for text_tokens, tag_ids in zip(tokens, model.head.crf.decode(pred, ~input.pad_mask)):
            yield list(bio_spans(text_tokens, [tags[i] for i in tag_ids]))
