"""The language pass drives slovnet faster but gets slovnet's own answers, bit for bit."""
from __future__ import annotations

import numpy as np
from slovnet.exec.model import Conv1d, NavecEmbedding

from svodka.analysis import analyze
from svodka.analysis.layers import FlatNavecEmbedding, WindowConv1d, slovnet_layers

# eleven sentences of different lengths: two of slovnet's batches of eight, padded unevenly
ARTICLE = (
    "Министр иностранных дел России Сергей Лавров встретился в Анкаре с турецким коллегой. "
    "«Мы обсудили Сирию», — заявил он журналистам. "
    "Переговоры длились три часа. "
    "По словам источника в МИД, стороны договорились о новой встрече в январе 2027 года, "
    "но дату пока не назвали. "
    "Цены выросли. "
    "В Казахстане через порт Актау в 2025 году прошло около 6,5 млн тонн грузов. "
    "Он отказался от комментариев. "
    "Глава «Газпрома» Алексей Миллер, выступая в Санкт-Петербурге, напомнил, что компания "
    "поставила в Китай по газопроводу «Сила Сибири» больше газа, чем планировалось, и что "
    "строительство второй нитки начнётся не раньше следующего года. "
    "Да. "
    "Пресс-служба Кремля эту информацию не подтвердила. "
    "Дмитрий Песков назвал её «уткой».")


def test_layers_are_swapped(models):
    model = models.morph_tagger.infer.model
    assert type(model.emb.word) is FlatNavecEmbedding
    assert {type(layer.conv) for layer in model.encoder.layers} == {WindowConv1d}


def test_tags_and_heads_are_slovnets(models):
    analysis = analyze(ARTICLE, models=models)
    assert len(analysis.sentences) == 11
    words = [[t.text for t in analysis.tokens[s.first:s.stop]] for s in analysis.sentences]
    with slovnet_layers(models):
        morph = [token for markup in models.morph_tagger.map(words) for token in markup.tokens]
        syntax = [token for markup in models.syntax_parser.map(words) for token in markup.tokens]
        ner = models.ner_tagger(ARTICLE).spans
    assert [(t.pos, dict(t.feats)) for t in analysis.tokens] == [(t.pos, t.feats) for t in morph]
    heads = []
    for sentence in analysis.sentences:
        for token in analysis.tokens[sentence.first:sentence.stop]:
            heads.append((str(token.head - sentence.first + 1 if token.head >= 0 else 0),
                          token.rel))
    assert heads == [(t.head_id, t.rel) for t in syntax]
    assert [(s.start, s.end, s.type) for s in analysis.ner] == \
        [(s.start, s.stop, s.type) for s in ner]
    # and the tags are a parse: Лавров a proper noun, встретился the first sentence's root
    lavrov = analysis.token_at(ARTICLE.index("Лавров"))
    assert analysis.tokens[lavrov].pos == "PROPN"
    assert [analysis.tokens[i].text for i in analysis.sentence_tokens(0)
            if analysis.tokens[i].head == -1] == ["встретился"]
    assert ("Алексей Миллер", "PER") in {(s.text, s.type) for s in analysis.ner}


def test_layers_give_equal_arrays(models):
    model = models.syntax_parser.infer.model
    rng = np.random.default_rng(15)
    word_id = rng.integers(0, 250_000, size=(8, 37))
    shape_id = rng.integers(0, 5, size=(8, 37))
    assert np.array_equal(FlatNavecEmbedding.__call__(model.emb.word, word_id),
                          NavecEmbedding.__call__(model.emb.word, word_id))
    embedded = model.emb(word_id, shape_id).swapaxes(2, 1)
    conv = model.encoder.layers[0].conv
    assert np.array_equal(WindowConv1d.__call__(conv, embedded), Conv1d.__call__(conv, embedded))


def test_word_vectors_are_navecs(models):
    vectors = models.embedding
    moscow = vectors.get("москва")
    assert np.array_equal(moscow, vectors.navec.get("москва"))
    assert vectors.get("москва") is moscow                # decoded once
    assert not moscow.flags.writeable                     # shared, so nobody may change it
    assert vectors.get("зельбрункам") is None
    assert vectors.get("зельбрункам", "нет") == "нет"
