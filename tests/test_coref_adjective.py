"""A country named by its adjective (svodka/extractors/coref/adjective.py) and a media noun
for the outlet just named (coref/media.py): real sentences in, the description mentions out.
Every row names the descriptions that must join an entity by the rule, the ones the rule must
not link, and the entities that must be found, so a resolver that links nothing fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref import descriptions

RULE, MEDIA_RULE = "description:adjective", "description:media"


def _titles(article) -> dict[str, tuple[str, str]]:
    """Title mention text → (its entity's name, the rule that linked it)."""
    return {m.text: (e.name, m.rule) for e in article.entities for m in e.mentions
            if m.kind == "title"}


# text, {description: country}, {descriptions this rule must not link}, {entities found}
ROWS = [
    # «сторона» is in no description list: only the adjective tells which country
    ("Россия и Украина провели переговоры в Минске. Российская сторона предложила продлить "
     "перемирие, сообщил источник.",
     {"Российская сторона": "Россия"}, set(), {"Россия", "Украина", "Минск"}),
    ("Как сообщили в МИД Грузии, грузинская сторона готова к диалогу с Россией.",
     {"грузинская сторона": "Грузия"}, set(), {"Грузия", "Россия"}),
    # a country noun inside a title with no name: «российского государства» is Россия
    ("Президент России Дмитрий Медведев прибыл в Рим. Это третий в нынешнем году визит главы "
     "российского государства в Италию.",
     {"российского государства": "Россия"}, set(), {"Дмитрий Медведев", "Италия"}),
    # the country named after the noun (a reader needs no earlier mention)
    ("Американская сторона пока не ответила на предложение. В Вашингтоне заявили, что США "
     "изучат документ.",
     {"Американская сторона": "США"}, set(), {"США", "Вашингтон"}),
    # no such country in the article: nothing to link to, no entity made
    ("В Минске прошли переговоры. Российская сторона предложила продлить перемирие.",
     {}, {"Российская сторона"}, {"Минск"}),
    # no country adjective: «с одной стороны», «в стране» are this rule's to leave
    ("Россия и Китай подписали договор. С одной стороны, в стране довольны.",
     {}, {"одной стороны", "стране"}, {"Россия", "Китай"}),
    # plural: both sides, no one country
    ("Россия и Украина провели переговоры. Обе стороны остались довольны.",
     {}, {"Обе стороны", "стороны"}, {"Россия", "Украина"}),
]


@pytest.mark.parametrize("text, linked, unlinked, found", ROWS)
def test_a_country_noun_joins_the_country_its_adjective_names(text, linked, unlinked, found,
                                                              models):
    _check(text, linked, unlinked, found, RULE, models)


def test_the_rule_can_be_switched_off(models, monkeypatch):
    monkeypatch.setattr(descriptions, "ADJECTIVE", False)
    text, _, _, found = ROWS[0]
    article = svodka.extract(text, models=models)
    assert _titles(article).get("Российская сторона", ("", ""))[1] != RULE
    assert {e.name for e in article.entities} >= found


# text, {description: outlet}, {descriptions this rule must not link}, {entities found}
MEDIA_ROWS = [
    # the outlet named without a descriptor: no earlier mention holds «агентство»
    ("Нигерийские военные освободили двоих россиян, передает Reuters. По информации "
     "агентства, речь идет о сотрудниках нефтяной компании.",
     {"агентства": "Reuters"}, set(), {"Reuters"}),
    # two outlets named: either of them, so neither
    ("Об этом сообщает Reuters, ссылаясь на Bloomberg. По информации агентства, сделка "
     "сорвалась.",
     {}, {"агентства"}, {"Reuters", "Bloomberg"}),
    # a ministry that says so is no outlet
    ("Министр финансов заявил об отставке, сообщили в МВД. По данным издания, сделка "
     "сорвалась.",
     {}, {"издания"}, {"МВД"}),
    # a media noun that speaks is linked too: «агентство» says whose words they are
    ("Пожар произошел на складе, передает ИТАР-ТАСС. Как сообщает агентство, погибших нет.",
     {"агентство": "ИТАР-ТАСС"}, set(), {"ИТАР-ТАСС"}),
]


@pytest.mark.parametrize("text, linked, unlinked, found", MEDIA_ROWS)
def test_a_media_noun_joins_the_one_outlet_just_named(text, linked, unlinked, found, models,
                                                      monkeypatch):
    monkeypatch.setattr(descriptions, "MEDIA", True)      # installed off (docs/coref.md)
    _check(text, linked, unlinked, found, MEDIA_RULE, models)


def test_the_media_rule_is_off_by_default(models):
    text, _, _, found = MEDIA_ROWS[0]
    article = svodka.extract(text, models=models)
    assert _titles(article).get("агентства", ("", ""))[1] != MEDIA_RULE
    assert {e.name for e in article.entities} >= found


def _check(text, linked, unlinked, found, rule, models) -> None:
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    titles = _titles(article)
    for words, name in linked.items():
        assert titles.get(words) == (name, rule), titles
    for words in unlinked:
        assert titles.get(words, ("", ""))[1] != rule, titles
    assert {e.name for e in article.entities} >= found
