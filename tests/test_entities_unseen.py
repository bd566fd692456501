"""Names on unseen news (issue 15, the ninth session): one span over two people, case
endings left on foreign names, sports reports, one thing under two names.

Sentences from the analysts' reads of unseen articles (docs/analyst-read-2026-12g.md and
-12h.md: rt2-0255, ng0-0745, ng0-0233, rt2-0611) and RuCoCo dev (docs/coref.md). Each table
says what must be found and what must not."""
from __future__ import annotations

import pytest


def _people(article) -> list[str]:
    return [e.name for e in article.entities if e.type == "PER"]


# sentence, the people it names (each an entity of its own), names that must not be people
TWO_PEOPLE = [
    # RuCoCo dev: the congresswoman, and the genitive of the man who shot her
    ("Стрельба в Тусоне 8 января 2011 года, в которой была ранена конгрессвумен Габриэль "
     "Гиффордс Джареда Лофнера признали виновным.",
     ["Габриэль Гиффордс", "Джаред Лофнер"], ["Габриэль Гиффордс Джареда Лофнера"]),
    # a dative and the nominative subject after it, no conjunction between them
    ("В интервью журналистке Мегин Келли Навальный заявил, что не боится.",
     ["Мегин Келли", "Навальный"], ["Мегин Келли Навальный"]),
    # ng0-0233: a sentence ends between two drivers ("Хуа" is no initial)
    ("Себастьен Лёб (1), Иван Мюллер (2), Хосе Мария Лопес (3), Ма Цинь Хуа. Том Чилтон "
     "(Roal Motorsport) удержал свою пятую стартовую позицию.",
     ["Ма Цинь Хуа", "Том Чилтон", "Хосе Мария Лопес"], ["Хуа. Том Чилтон"]),
]


@pytest.mark.parametrize("text, people, not_people", TWO_PEOPLE)
def test_one_span_over_two_people(extract, text, people, not_people):
    found = _people(extract(text))
    for name in people:
        assert name in found, (name, found)
    for name in not_people:
        assert name not in found, (name, found)


def test_span_across_a_sentence_end_is_cut(models):
    # RT (census of 300 articles): slovnet's span "ВМФ.\nКозюлин" over an abbreviation that
    # ends a sentence and the surname opening the next line
    from svodka.analysis import analyze
    from svodka.extractors.entities.found import Found
    from svodka.extractors.entities.two_people import split_two_people

    text = ("Ключевыми достижениями стало поступление новых ракет в РВСН, ВКС и ВМФ.\n"
            "Козюлин подчеркнул, что Россия находится на пороге создания оружия.")
    analysis = analyze(text, models=models)
    first = analysis.token_at(text.index("ВМФ"))
    stop = analysis.token_at(text.index("Козюлин")) + 1
    pieces = split_two_people(analysis, [Found(first, stop, "PER", "slovnet")])
    words = [text[analysis.tokens[p.first].start:analysis.tokens[p.stop - 1].end]
             for p in pieces]
    assert words == ["ВМФ", "Козюлин"]


# one person's name of several words stays whole: the words agree in case, or the parser
# reads them as one phrase
ONE_PERSON = [
    ("Габриэль Гарсиа Маркес и Жан Клод Ван Дамм встретились с Ким Чен Ыном.",
     ["Габриэль Гарсиа Маркес", "Жан Клод Ван Дамм", "Ким Чен Ын"]),
    ("Президент встретился с Владимиром Владимировичем Путиным и Хосе Марией Лопесом.",
     ["Владимир Владимирович Путин"]),
    ("Однако третий участник дискуссии, Рэнда Слим, не согласна со своими коллегами.",
     ["Рэнда Слим"]),
    # NEREL dev: a woman's surname pymorphy does not know may be in any case
    ("Мейв Кеннеди родилась в семье вице-губернатора штата Кэтлин Кеннеди Таунсенд, окончила "
     "Джорджтаунский университет.", ["Кэтлин Кеннеди Таунсенд"]),
]


@pytest.mark.parametrize("text, people", ONE_PERSON)
def test_one_person_stays_whole(extract, text, people):
    found = _people(extract(text))
    for name in people:
        assert name in found, (name, found)


# sentence, the person's nominative name, the case form that must not be his name
NOMINATIVES = [
    # rt2-0255: "дочь" before the genitive is no apposition that makes him a woman
    ("Создатели фильма рассказывают, что связывает дочь Барака Обамы Малию и героиню фильма.",
     "Барак Обама", "Барака Обама"),
    # rt2-0255: beside a first name that does not decline, a surname pymorphy knows only as
    # a thing ("кубрик", a cabin) is a foreign name in the genitive
    ("Это напоминает «Заводной апельсин» Стэнли Кубрика.", "Стэнли Кубрик", "Стэнли Кубрика"),
    # a man's first-declension surname in the genitive, known only as an indeclinable neuter
    ("Команда Массимо Карреры проиграла «Рубину».", "Массимо Каррера", "Массимо Карреры"),
    # ng0-0745: "Фелипе" is no locative of "Фелип": a foreign first name in -е does not
    # decline, whatever case the surname beside it is in
    ("У Фелипе Массы на Williams квалификация не задалась еще больше.",
     "Фелипе Масса", "Фелип Масса"),
    ("Это стоило Себу подиума, который достался Фелипе Массе (Williams).",
     "Фелипе Масса", "Фелипа Масса"),
    # an Italian name in -и does not decline: no first-declension genitive of "Джанлуиджа"
    ("А ошибки случаются у любого вратаря, даже у Джанлуиджи Буффона.",
     "Джанлуиджи Буффон", "Джанлуиджа Буффон"),
]


@pytest.mark.parametrize("text, name, wrong", NOMINATIVES)
def test_foreign_name_nominative(extract, text, name, wrong):
    found = _people(extract(text))
    assert name in found, found
    assert wrong not in found, found


def test_woman_after_a_feminine_noun_still_hers(extract):
    # the apposition that agrees in case still makes her a woman (the rule "дочь Барака
    # Обамы" now passes by)
    article = extract("Об этом рассказала кёрлингистка Анастасия Брызгалова.")
    assert "Анастасия Брызгалова" in _people(article)


def test_circuit_named_after_a_person_is_a_place(extract):
    # ng0-0233: «Поль Рикар» is the circuit, also where the text names it alone
    article = extract("Во Франции, в Провансе на автодроме «Поль Рикар» прошли гонки седьмого "
                      "этапа чемпионата мира. «Поль Рикар» устроил гонщикам настоящую сауну.")
    assert "Поль Рикар" not in _people(article)
    places = [e for e in article.entities if e.name == "Поль Рикар"]
    assert [e.type for e in places] == ["LOC"]
    assert len([m for m in places[0].mentions if m.kind == "name"]) == 2


def test_places_in_brackets_are_no_counts(extract):
    # ng0-0233: finishing positions after drivers; organizations' numbers still count
    article = extract("Финишировали так же, как и стартовали: Себастьен Лёб (1), Иван Мюллер "
                      "(2), Хосе Мария Лопес (3). Больше всего запросов направили ФСБ (207), "
                      "МВД (98).")
    assert sorted(a.value for a in article.amounts) == [98, 207]
    assert {"Себастьен Лёб", "Иван Мюллер", "Хосе Мария Лопес"} <= set(_people(article))


def test_goals_in_brackets_still_count(extract):
    # RT (the census' place_count): numbers after players that do not run up one by one are
    # what they scored
    article = extract("Лучшими снайперами стали Александр Овечкин (47 голов), Владимир "
                      "Тарасенко (34) и Евгений Малкин (33).")
    assert sorted(a.value for a in article.amounts) == [33, 34, 47]


# sentences, the one entity's type and name, the aliases it must hold
ONE_THING = [
    # rt2-0611: CERN's acronym comes from its French name, not the Russian words
    ("Россия отозвала заявку на членство в Европейской организации ядерных исследований. "
     "В совет ЦЕРН входят 22 страны. ЦЕРН основан в 1954 году.",
     "ORG", "Европейская организация ядерных исследований", ["ЦЕРН"]),
    # analyst read 2026-12g: the Syrian Arab Republic
    ("Правительственная армия САР продвигается. Власти Сирии заявили о победе.",
     "LOC", "Сирия", ["САР"]),
    # analyst read 2026-12g: the ministry's name of 2004-2008 and its short name
    ("Министерство по делам культуры и массовых коммуникаций объявило конкурс. Позже "
     "Министерство культуры подвело итоги.",
     "ORG", "Министерство культуры", ["Министерство по делам культуры и массовых коммуникаций"]),
]


@pytest.mark.parametrize("text, type_, name, aliases", ONE_THING)
def test_one_thing_under_two_names(extract, text, type_, name, aliases):
    article = extract(text)
    found = [e for e in article.entities if e.name == name]
    assert [e.type for e in found] == [type_], [(e.name, e.type) for e in article.entities]
    for alias in aliases:
        assert alias in found[0].aliases, found[0].aliases
    assert not [e for e in article.entities if e.name in aliases], \
        [(e.name, e.type) for e in article.entities]
