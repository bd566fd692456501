"""bench/tone_variants.py's contextual vectors: slovnet's own encoder output, a row per token."""
import importlib.util
from pathlib import Path

import numpy as np

from svodka.analysis import analyze

BENCH = Path(__file__).resolve().parent.parent / "bench" / "tone_variants.py"


def _bench():
    spec = importlib.util.spec_from_file_location("tone_variants", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_encoder_vectors_are_slovnets_encoder_output():
    bench = _bench()
    text = "Суд признал Иванова виновным в мошенничестве. Президент поблагодарил Иванова."
    analysis = analyze(text, ner=False)
    vectors = bench.encoder_vectors(analysis, "syntax_parser")
    assert vectors.shape == (len(analysis.tokens), 64)

    infer = analysis.models.syntax_parser.infer
    words = [[t.text for t in analysis.tokens[s.first:s.stop]] for s in analysis.sentences]
    batch = next(iter(infer.encoder(words)))
    expected = infer.model.encoder(infer.model.emb(batch.word_id, batch.shape_id),
                                   batch.pad_mask)
    first = analysis.sentences[0]
    np.testing.assert_allclose(vectors[first.first:first.stop],
                               expected[0][:first.stop - first.first], rtol=1e-5, atol=1e-5)

    # contextual: «Иванова» gets different vectors in its two sentences
    ivanov = [i for i, t in enumerate(analysis.tokens) if t.text == "Иванова"]
    assert len(ivanov) == 2
    assert not np.allclose(vectors[ivanov[0]], vectors[ivanov[1]])


def test_encoder_pools_read_span_head_window_and_sentence():
    bench = _bench()
    text = "Суд признал Иванова виновным в мошенничестве."
    analysis = analyze(text, ner=False)
    vectors = bench.encoder_vectors(analysis, "syntax_parser")
    start = text.index("Иванова")
    places = bench.mention_places(analysis, start, start + len("Иванова"))
    mention, head, near, sentence = places
    assert [analysis.tokens[i].text for i in mention] == ["Иванова"]
    assert analysis.tokens[head].text == "признал"
    pooled = bench.encoder_pools(vectors, places)
    assert pooled.shape == (5 * 64,)
    np.testing.assert_allclose(pooled[:64], vectors[mention.start])
    np.testing.assert_allclose(pooled[64:128], vectors[head])
    difference = vectors[mention.start] - vectors[sentence].mean(axis=0)
    np.testing.assert_allclose(pooled[256:], difference, rtol=1e-5, atol=1e-6)
