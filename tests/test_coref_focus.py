"""The one thing in focus and a headline's description (svodka/extractors/coref/focus.py):
real sentences in, the description mentions out. Every row names the descriptions that must
join an entity and those that must join none, and the entities that must be found, so a
resolver that links nothing fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref import descriptions, focus


def _titles(article) -> dict[str, tuple[str, str]]:
    """Title mention text → (its entity's name, the rule that linked it), the first such
    mention of each text."""
    titles: dict[str, tuple[str, str]] = {}
    for e, m in sorted(((e, m) for e in article.entities for m in e.mentions
                        if m.kind == "title"), key=lambda pair: pair[1].start):
        titles.setdefault(m.text, (e.name, m.rule))
    return titles


# text, {description: (entity, rule)}, {descriptions focus.py must not link}, {entities found}
ROWS = [
    # one country in the sentence before: "государства" inside the president's title is it
    ("Президент Ливана Мишель Сулейман заявил, что решение суда не будет оспорено. Как "
     "подчеркивается в заявлении главы государства, решение окончательное.",
     {"государства": ("Ливан", "description:focus")}, set(),
     {"Мишель Сулейман", "Ливан"}),
    # a country noun is no city: Москва in focus leaves "стране" to Япония
    ("Премьер-министр Японии Синдзо Абе прибыл в Москву. В стране готовятся к выборам.",
     {"стране": ("Япония", "description:focus")}, set(), {"Япония", "Москва"}),
    # two countries in focus: either of them, so focus says nothing (the ranker may)
    ("Премьер-министр Японии Синдзо Абе прибыл в Китай. В стране готовятся к выборам.",
     {}, {"стране"}, {"Япония", "Китай"}),
    # a headline's description is the one entity the article then names by the same noun
    ("Американская журналистка, осужденная в Иране, прекратила голодовку\n\n"
     "Американская журналистка Роксана Сабери, осужденная в Иране на восемь лет за шпионаж, "
     "прекратила голодовку, сообщил ее отец.",
     {"Американская журналистка": ("Роксана Сабери", "description:headline")}, set(),
     {"Роксана Сабери", "Иран"}),
    ("Жителям австралийского города, уничтоженного пожаром, разрешили вернуться\n\n"
     "Жителям австралийского города Мэрисвилл разрешили вернуться в свои дома.",
     {"австралийского города": ("Мэрисвилл", "description:headline")}, set(), {"Мэрисвилл"}),
    # two ministers named after the headline: either of them, so neither
    ("Министр подал в отставку\n\nМинистр финансов Франции Пьер Московиси и министр юстиции "
     "Франции Рашида Дати выступили в парламенте.",
     {"Министр финансов Франции": ("Пьер Московиси", "title:apposition")}, {"Министр"},
     {"Пьер Московиси", "Франция"}),
]


# with organizations in focus (``focus.FOCUS_TYPES``, an option): one organization in the
# sentence before; the agency reporting is no "компания"
ORGANIZATIONS = [
    ("Представители «Газпрома» от комментариев отказались. Как заявил источник, компания "
     "готова к любому развитию событий.",
     {"компания": ("Газпром", "description:focus")}, set(), {"Газпром"}),
    ("Завод остановлен, сообщает «Интерфакс». Как заявил источник, компания готова к любому "
     "развитию событий.", {}, {"компания"}, {"Интерфакс"}),
]

FOCUS_RULES = ("description:focus", "description:headline")


@pytest.fixture(autouse=True)
def focus_on(monkeypatch):
    """The rules are installed off (``descriptions.FOCUS``); these rows show them on."""
    monkeypatch.setattr(descriptions, "FOCUS", True)


def test_the_focus_rules_are_off_by_default(models, monkeypatch):
    monkeypatch.setattr(descriptions, "FOCUS", False)
    text, linked, _, found = ROWS[0]
    article = svodka.extract(text, models=models)
    assert not any(rule in FOCUS_RULES for _, rule in _titles(article).values())
    assert {e.name for e in article.entities} >= found


@pytest.mark.parametrize("text, linked, unlinked, found", ROWS)
def test_a_description_joins_the_one_entity_of_its_kind_in_focus(text, linked, unlinked, found,
                                                                 models):
    _check(text, linked, unlinked, found, models)


@pytest.mark.parametrize("text, linked, unlinked, found", ORGANIZATIONS)
def test_an_organization_in_focus_when_the_option_is_on(text, linked, unlinked, found, models,
                                                        monkeypatch):
    monkeypatch.setattr(focus, "FOCUS_TYPES", frozenset({"LOC", "ORG"}))
    _check(text, linked, unlinked, found, models)


def test_organizations_are_not_in_focus_by_default(models):
    text, _, _, found = ORGANIZATIONS[0]
    article = svodka.extract(text, models=models)
    assert "компания" not in _titles(article)
    assert {e.name for e in article.entities} >= found


def _check(text, linked, unlinked, found, models) -> None:
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    titles = _titles(article)
    for words, (name, rule) in linked.items():
        assert titles.get(words) == (name, rule), titles
    for words in unlinked:
        assert titles.get(words, ("", ""))[1] not in FOCUS_RULES, titles
    assert {e.name for e in article.entities} >= found
