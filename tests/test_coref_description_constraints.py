"""What a description may never describe (svodka/extractors/coref/descriptions.py): a
country noun no city, a city noun no country, a man's noun no woman, and no word of a fixed
phrase or of a name's prepositional tail. Each wrong link below was read in a record of
russia_today_0; each row also asserts the right link the same sentence shape makes, so a
resolver that links nothing fails."""
from __future__ import annotations

import pytest

from svodka.analysis.morphology import morphology
from svodka.extractors.coref.descriptions import person_noun_gender


@pytest.mark.parametrize("lemma, gender", [
    ("спортсмен", "Masc"),      # a woman is "спортсменка"
    ("певец", "Masc"),          # "певица"
    ("актёр", "Masc"),          # "актриса"
    ("экс-чемпион", "Masc"),    # a compound's last part: "чемпионка"
    ("мужчина", "Masc"),        # coref_noun_genders.tsv: no feminine form, a man only
    ("спортсменка", "Fem"),
    ("девушка", "Fem"),
    ("министр", None),          # no feminine form: anyone
    ("посол", None),
    ("врач", None),
    ("президент", None),
    ("глава", None),            # common gender
    ("судья", None),
    ("депутат", None),          # "депутатка" exists, but a woman is called "депутат"
    ("журналист", None),
])
def test_who_a_person_noun_may_describe(lemma, gender):
    assert person_noun_gender(morphology(), lemma) == gender


def _linked(text: str, models) -> dict[str, str]:
    """Description text → entity name, as ``link_anaphoric`` links them when the ranker
    scores every candidate 0.99: only the rules and the hard constraints decide."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import descriptions
    from svodka.extractors.entities import resolve_entities

    analysis = analyze(text, models=models)
    entities, _ = resolve_entities(analysis)
    for entity in entities:       # what the installed model and the rules linked: asked again
        entity.mentions = [m for m in entity.mentions
                           if m.kind == "name" or m.rule == "title:apposition"]
    links = descriptions.link_anaphoric(
        analysis, entities, [], set(), scorer=lambda _a, _anaphor, cands: [0.99] * len(cands),
        noun_threshold=2.0)
    return {link_.mention.text: link_.entity.name for link_ in links}


@pytest.mark.parametrize("text, linked, unlinked", [
    # a man's noun never joins a woman the verbs agreeing with her name show to be one ...
    ("Алина Загитова выиграла чемпионат Европы в Москве. Золотую медаль вручили спортсмену "
     "в Кремле.", {}, {"спортсмену"}),
    # ... and joins the man in the same sentences
    ("Евгений Плющенко выиграл чемпионат Европы в Москве. Золотую медаль вручили спортсмену "
     "в Кремле.", {"спортсмену": "Евгений Плющенко"}, set()),
    # a noun anyone may be called joins her
    ("Вероника Скворцова выступила в Госдуме. Позже министр приехала в Казань.",
     {"министр": "Вероника Скворцова"}, set()),
    # a country noun never joins a city, and joins a country
    ("Боевики отступили из Пальмиры. Положение внутри страны ухудшилось.", {}, {"страны"}),
    ("Боевики отступили из Сирии. Положение внутри страны ухудшилось.",
     {"страны": "Сирия"}, set()),
    # a state named by capitals is a country, of today or of history
    ("Распад СССР изменил карту мира. Экономика страны рухнула.", {"страны": "СССР"}, set()),
    # a city noun never joins a country
    ("Делегация прибыла во Францию. В столице прошли переговоры.", {}, {"столице"}),
])
def test_a_description_keeps_to_its_kind_and_gender(text, linked, unlinked, models):
    found = _linked(text, models)
    for words, name in linked.items():
        assert found.get(words) == name, found
    for words in unlinked:
        assert words not in found, found


def test_fixed_phrases_and_a_names_tail_are_no_descriptions(models):
    """«на самом деле» is no mention of «Комитет … по международным делам», nor «во главе с»
    of the head of anything; «Комитет» repeating the name's head is."""
    text = ("Комитет Госдумы по международным делам одобрил законопроект. На самом деле "
            "документ готов давно. Глава МИД Сергей Лавров прибыл в Женеву. Делегацию во главе "
            "с министром встретили в аэропорту. Комитет рассмотрит поправки в среду.")
    found = _linked(text, models)
    assert not any("деле" in words for words in found), found
    assert "главе" not in found, found
    assert "Комитет" in found and "Комитет" in found["Комитет"], found


def test_a_description_inside_a_persons_title_is_one_of_its_own(models):
    """«страны» in «Бывший президент страны Леонид Кучма» is Украина's mention, «президента»
    in «помощник президента Сергей Приходько» Медведев's (RuCoCo marks both), inside
    another person's title; the title's own head is still that person's."""
    found = _linked("Украина готовится к выборам. Бывший президент страны Леонид Кучма "
                    "поддержал реформу.", models)
    assert found.get("страны") == "Украина", found
    found = _linked("Дмитрий Медведев прилетел в Рим. Об этом сообщил помощник президента "
                    "Сергей Приходько.", models)
    assert found.get("президента") == "Дмитрий Медведев", found
    assert "помощник" not in found and "помощник президента" not in found, found
