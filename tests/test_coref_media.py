"""A media noun for the outlet just named (svodka/extractors/coref/media.py): real sentences
in, the description mentions out. Every row names the descriptions that must join an outlet,
the ones this rule must not link, and the entities that must be found, so a resolver that
links nothing fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref import descriptions

RULE = "description:media"


def _titles(article) -> dict[str, tuple[str, str]]:
    """Title mention text → (its entity's name, the rule that linked it)."""
    return {m.text: (e.name, m.rule) for e in article.entities for m in e.mentions
            if m.kind == "title"}


# text, {description: outlet}, {descriptions this rule must not link}, {entities found}
ROWS = [
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


@pytest.mark.parametrize("text, linked, unlinked, found", ROWS)
def test_a_media_noun_joins_the_one_outlet_just_named(text, linked, unlinked, found, models,
                                                      monkeypatch):
    monkeypatch.setattr(descriptions, "MEDIA", True)      # installed off (docs/coref.md)
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    titles = _titles(article)
    for words, name in linked.items():
        assert titles.get(words) == (name, RULE), titles
    for words in unlinked:
        assert titles.get(words, ("", ""))[1] != RULE, titles
    assert {e.name for e in article.entities} >= found


def test_the_rule_is_off_by_default(models):
    text, _, _, found = ROWS[0]
    article = svodka.extract(text, models=models)
    assert _titles(article).get("агентства", ("", ""))[1] != RULE
    assert {e.name for e in article.entities} >= found
