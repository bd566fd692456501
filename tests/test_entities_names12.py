"""Names a reader sees as wrong (issue 15, twelfth session): a case ending kept in the normal
name, an organization swallowing the next person's first name, and a range of thousands of
years read as two counts.

Sentences from the analyst reads docs/analyst-read-2026-12n.md (ng0-0710, rt3-0566, ng0-0571,
rt3-0274) and -12m.md (rt1-0152, rt1-0776, ng1-0782). Each row says what must be
found and what must not."""
from __future__ import annotations

import pytest

import svodka
from conftest import entity_names


def _named(article, type_: str) -> dict[str, list[str]]:
    """Each entity of ``type_`` by name, with the texts of its name mentions."""
    return {e.name: [m.text for m in e.mentions if m.kind == "name"]
            for e in article.entities if e.type == type_}


# sentence, type, the names that must be found, the names that must not
NOMINATIVES = [
    # ng0-0710: "Джину" tagged a nominative; the text writes her nominative "Джина" too
    ("Преемницей Помпео стала Джина Хаспел. С точки зрения юстиции эти методы нельзя "
     "считать преступлениями, а Джину Хаспел – преступницей.",
     "PER", ["Джина Хаспел"], ["Джину Хаспел"]),
    # rt3-0566: the surname tagged a nominative beside the instrumental first names
    ("В ходе потасовки с Анаром Алияром оглы Аллахверановым, занимающимся смешанными "
     "единоборствами, спортсмен получил несколько ударов в голову.",
     "PER", ["Анар Алияр оглы Аллахверанов"], ["Анар Алияр оглы Аллахверановым"]),
    # rt0-0396 (quote gold 12d): an undeclined surname tagged a genitive is no evidence of case
    ("«Нужно вести учет мигрантов», — заявила RT Джозефа Реджетти, одна из членов "
     "специальной комиссии «Сильвестр».", "PER", ["Джозефа Реджетти"], ["Джозеф Реджетти"]),
    # ng0-0571: a woman's foreign surname does not decline
    ("Считаю своим долгом поддержать нашу позицию в случае с отравлением Сергея и Юлии "
     "Скрипаль.", "PER", ["Юлия Скрипаль"], ["Юлия Скрипаля"]),
    # rt1-0152: pymorphy's guess "гэвино" is a neuter, no person's name
    ("Позиция главы МИД Бориса Джонсона и министра обороны Гэвина Уильямсона не "
     "выдерживает критики.", "PER", ["Гэвин Уильямсон", "Борис Джонсон"], ["Гэвино Уильямсон"]),
    # rt3-0274: a singular nominative never ends in -ии
    ("Каннибализм до сих пор сохранился в Новой Гвинее и на других островах Меланезии.",
     "LOC", ["Меланезия", "Новая Гвинея"], ["Меланезии"]),
    # rt1-0776: the participle tagged a proper noun agrees with "Штатов"
    ("В последнее время глава Соединённых Штатов всё чаще использует агрессивную риторику.",
     "LOC", ["Соединённые Штаты"], ["Соединённых Штаты"]),
    # rt1-0152: both words hung on "позиции"; the participle agrees with "Штатов" all the same
    ("Говоря о позиции Соединённых Штатов, эксперт подчеркнул, что отношения важны.",
     "LOC", ["Соединённые Штаты"], ["Соединённых Штаты"]),
    # ng1-0782: "рады" tagged an adjective with no case
    ("Депутаты Верховной рады пиарятся, соревнуясь в русофобии.",
     "ORG", ["Верховная рада"], ["Верховная рады"]),
]


@pytest.mark.parametrize("text, type_, found, wrong", NOMINATIVES)
def test_nominative_names(extract, text, type_, found, wrong):
    names = entity_names(extract(text), type_)
    for name in found:
        assert name in names, (name, names)
    for name in wrong:
        assert name not in names, (name, names)


# a foreign name that does not decline keeps its form when the text writes no nominative of
# the name it could be the accusative of: "Паулу" is also the accusative of "Паула"
def test_undeclined_name_kept(extract):
    names = entity_names(extract("Сборная Португалии под руководством Паулу Бенту "
                                 "проиграла."), "PER")
    assert names == ["Паулу Бенту"]


def test_one_surname_two_first_names_stay_apart(extract):
    # ng0-0571: the father and the daughter; her surname no longer declines as his
    article = extract("Полиция расследует отравление Сергея Скрипаля и Юлии Скрипаль. "
                      "Юлия Скрипаль пришла в себя, Сергей Скрипаль остаётся в больнице.")
    people = _named(article, "PER")
    assert "Юлия Скрипаль" in people and "Сергей Скрипаль" in people, people
    assert "Сергея Скрипаля" not in people["Юлия Скрипаль"]
    assert "Юлии Скрипаль" not in people["Сергей Скрипаль"]


def test_team_stops_before_the_players_name(extract):
    # rt3-0566: "по хоккею" is the team's; "Виктора" opens the goalkeeper's name
    article = extract("В Москве было найдено тело бывшего вратаря сборной СССР по хоккею "
                      "Виктора Толмачёва.")
    assert "сборная СССР по хоккею" in entity_names(article, "ORG")
    assert "Виктор Толмачёв" in entity_names(article, "PER")
    assert not any("Виктора" in name for name in entity_names(article, "ORG"))


# sentence, (value, to, unit) of the one amount, the text of a date that must not be found
YEARS_AGO = [
    # rt3-0274: one range of years, not two counts and a dangling "лет назад"
    ("Неандертальцы (жили 600 тыс. — 40 тыс. лет назад) были крупнее.", (40000, 600000)),
    ("Останки принадлежат людям, жившим 9–10 тыс. лет назад.", (9000, 10000)),
    ("Эти люди жили 40 тыс. лет назад.", (40000, None)),
]


@pytest.mark.parametrize("text, bounds", YEARS_AGO)
def test_thousands_of_years_ago(extract, text, bounds):
    article = extract(text)
    assert [(a.value, a.to, a.unit) for a in article.amounts] == [(*bounds, "year")]
    assert not [d.text for d in article.dates if d.text.startswith("лет")]


def test_years_ago_still_a_date(extract):
    article = extract("Город основан 800 лет назад.")
    assert [d.text for d in article.dates] == ["800 лет назад"]
    assert not article.amounts


def test_a_name_pymorphy_reads_only_as_a_plural_keeps_its_nominative(models):
    # rt1-0105: "Алжан" and "Жармухамедов" read only as genitive plurals of "Алжана" and
    # "Жармухамед"; one person is named in the singular
    article = svodka.extract("Алжан Жармухамедов (№7) также несколько раз выходил на лёд. "
                             "«Это уже творческий процесс», — подчёркивает Жармухамедов.",
                             models=models)
    names = entity_names(article, "PER")
    assert "Алжан Жармухамедов" in names and "Алжана Жармухамедов" not in names, names
