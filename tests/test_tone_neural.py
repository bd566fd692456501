"""The recurrent tone model's inputs (a row per token of the mention's sentence) and its numpy
forward pass, which must give what PyTorch gives for the same weights."""
from __future__ import annotations

import numpy as np
import pytest

from svodka.analysis import analyze
from svodka.sentiment.neural import (KINDS, TOKEN_FLAGS, load_weights, mention_sequence,
                                     probabilities, save_weights)

TEXT = "Суд признал Иванова виновным в мошенничестве, сообщил прокурор Петров."


def _flags_of(sequence, row: int) -> set[str]:
    return {TOKEN_FLAGS[k] for k in np.flatnonzero(sequence.flags[row])}


def test_sequence_marks_the_mention_its_head_and_tone_words():
    analysis = analyze(TEXT, ner=False)
    start = TEXT.index("Иванова")
    sequence = mention_sequence(analysis, start, start + len("Иванова"), "PER")
    words = [t.text for t in analysis.tokens]
    assert len(sequence.vectors) == len(words)
    ivanov, court, guilty = words.index("Иванова"), words.index("признал"), \
        words.index("виновным")
    assert sequence.mention.tolist() == [1.0 if i == ivanov else 0.0 for i in range(len(words))]
    assert {"mention", "mention_root", "pos:PROPN", "capital"} <= _flags_of(sequence, ivanov)
    assert {"head", "left:1"} <= _flags_of(sequence, court)
    assert {"tone_neg", "right:1"} <= _flags_of(sequence, guilty)
    assert sequence.kind.tolist() == [1.0 if k == "PER" else 0.0 for k in KINDS]
    # every word of this sentence is in navec; punctuation is not, and its rows are zeros
    for row, word in enumerate(words):
        known = word.isalpha()
        assert bool(np.abs(sequence.vectors[row]).sum() > 0) == known, word
        assert ("unknown" in _flags_of(sequence, row)) == (not known), word


def test_tone_word_under_negation_turns_around():
    text = "Министр не осудил компанию «Газпром»."
    analysis = analyze(text, ner=False)
    start = text.index("Газпром")
    sequence = mention_sequence(analysis, start, start + len("Газпром"), "ORG")
    condemned = [t.text for t in analysis.tokens].index("осудил")
    assert "tone_pos" in _flags_of(sequence, condemned)
    assert "tone_neg" not in _flags_of(sequence, condemned)
    assert "in_quotes" in _flags_of(sequence, len(analysis.tokens) - 3)   # Газпром
    assert "in_quotes" not in _flags_of(sequence, condemned)


def test_numpy_forward_matches_torch():
    torch = pytest.importorskip("torch", reason="PyTorch is the optional training extra "
                                "(pip install svodka[train]); inference does not need it")
    from svodka.sentiment.neural_train import Settings, ToneGRU, collate, weights_of

    torch.manual_seed(3)
    model = ToneGRU(Settings()).eval()
    analysis = analyze(TEXT, ner=False)
    sequences = [mention_sequence(analysis, TEXT.index(name), TEXT.index(name) + len(name), kind)
                 for name, kind in (("Иванова", "PER"), ("Петров", "PER"), ("прокурор", "title"))]
    with torch.no_grad():
        expected = torch.softmax(model(*collate(sequences)), dim=-1).numpy()
    weights = weights_of(model)
    got = np.array([probabilities(weights, s) for s in sequences])
    np.testing.assert_allclose(got, expected, atol=1e-5)
    # the three mentions of one sentence get different answers: the mention is marked
    assert not np.allclose(got[0], got[1], atol=1e-4)


def test_weights_round_trip_through_plain_arrays(tmp_path):
    rng = np.random.default_rng(0)
    weights = {"input.weight": rng.normal(size=(4, 3)).astype(np.float32),
               "out.bias": np.array([0.5, -0.25, 0.0], dtype=np.float32)}
    path = tmp_path / "tone-gru.npz"
    save_weights(weights, path)
    loaded = load_weights(path)
    assert sorted(loaded) == ["input.weight", "out.bias"]
    np.testing.assert_array_equal(loaded["input.weight"], weights["input.weight"])

    stale = tmp_path / "stale.npz"
    np.savez(stale, **{"param:out.bias": weights["out.bias"]},
             token_flags=np.array(TOKEN_FLAGS[:-1]), kinds=np.array(KINDS))
    with pytest.raises(ValueError, match="other token flags"):
        load_weights(stale)
