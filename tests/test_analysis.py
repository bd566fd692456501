"""The shared language pass: labelled regions, the offset index, the morphology service."""
from __future__ import annotations

import pytest

from svodka.analysis import Analysis, Morphology, Region, analyze
from svodka.layout import analyze_layout

ARTICLE = ("Лавров провел переговоры в Анкаре\n\n"
           "МОСКВА, 27 ноября — РИА Новости. Министр иностранных дел России Сергей Лавров "
           "встретился с коллегой.\n\n"
           "Фото: МИД РФ\n\n"
           "«Мы обсудили Сирию», — заявил он журналистам.")


def _analysis(models) -> Analysis:
    return analyze(ARTICLE, analyze_layout(ARTICLE).regions(), models=models)


def test_regions_say_what_they_are(models):
    analysis = _analysis(models)
    assert [(ARTICLE[r.start:r.end], r.kind) for r in analysis.regions] == [
        ("Лавров провел переговоры в Анкаре", "headline"),
        ("МОСКВА, 27 ноября — РИА Новости", "dateline"),
        ("Министр иностранных дел России Сергей Лавров встретился с коллегой.", "paragraph"),
        ("«Мы обсудили Сирию», — заявил он журналистам.", "paragraph"),
    ]


def test_offset_index(models):
    analysis = _analysis(models)
    lavrov = ARTICLE.index("Сергей Лавров")
    token = analysis.token_at(lavrov + 2)
    assert analysis.tokens[token].text == "Сергей"
    assert analysis.token_at(lavrov - 1) is None                 # the space before it
    assert [analysis.tokens[i].text for i in analysis.tokens_between(lavrov, lavrov + 13)] == \
        ["Сергей", "Лавров"]
    assert analysis.first_token_from(lavrov - 1) == token
    sentence = analysis.sentences[analysis.sentence_of(lavrov)]
    assert ARTICLE[sentence.start:sentence.end].startswith("Министр иностранных дел")
    assert analysis.regions[analysis.region_of(lavrov)].kind == "paragraph"
    assert analysis.region_of(ARTICLE.index("Фото")) is None     # a credit line is read by no one
    assert analysis.region_of(0) == 0 and analysis.regions[0].kind == "headline"


def test_one_morphology_service(models):
    analysis = _analysis(models)
    assert isinstance(analysis.morph, Morphology) and analysis.morph is models.morph
    said = ARTICLE.index("заявил")
    assert analysis.lemma(analysis.token_at(said)) == "заявить"
    assert analysis.morph.inflect("россия", {"Gen"}) == "россии"
    assert analysis.morph.word_is_known("министр") and not analysis.morph.word_is_known("зельбрункам")
    assert any("Surn" in p.tag for p in analysis.morph.parse("лавров"))
    assert analysis.morph.parse("министра")[0].normal == "министр"


def test_bare_offsets_are_paragraphs(models):
    analysis = analyze("Путин заявил. Иванов сказал.", [(0, 13), (14, 28)], models=models)
    assert analysis.regions == [Region(0, 13), Region(14, 28)]
    assert {r.kind for r in analysis.regions} == {"paragraph"}
    assert analysis.sentences[-1].region == 1


def test_features_are_shared_and_read_only(models):
    # a long article keeps one features object per distinct tag, not one per token
    analysis = analyze("Министр заявил. Министр добавил. Министр уехал.", models=models)
    ministers = [t for t in analysis.tokens if t.text == "Министр"]
    assert len(ministers) == 3 and ministers[0].feats["Case"] == "Nom"
    assert ministers[0].feats is ministers[1].feats is ministers[2].feats
    with pytest.raises(TypeError):
        ministers[0].feats["Case"] = "Gen"


def test_the_coreference_ranker_reads_region_offsets(models):
    from svodka.extractors.coref.ranker import _quote_start
    text = "Глава МИД выступил.\n\n«Мы готовы к диалогу», — сказал он."
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    inside, outside = text.index("готовы"), text.index("сказал")
    region = analysis.region_of(inside)
    assert analysis.regions[region].kind == "paragraph"
    assert _quote_start(analysis, inside, region) == text.index("«")
    assert _quote_start(analysis, outside, region) == -1
