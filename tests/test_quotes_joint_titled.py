"""Speakers the text names jointly or behind a title (issue 15, ninth session): real sentences in,
speakers out. Each first row of a table failed before the rule it names."""
from __future__ import annotations

import pytest

import svodka


# A coordinated subject speaks jointly, written as the gold writes it ("A и B", "A, B и C";
# GUIDELINES: "Joint statements"); the others' ids are in `co_speakers`.
@pytest.mark.parametrize("text, speakers", [
    # fresh-2026-12g rt1-0352: titles with their names, the parse hangs the second on the first
    ("Начальник штаба ВВС США Дэвид Голдфин и министр ВВС Хезер Уилсон считают, что космос "
     "превращается в пространство для проведения военных операций. Голдфин и Уилсон сообщили, "
     "что в 2018-м финансовом году расходы на космическую деятельность могут быть увеличены.",
     ["Дэвид Голдфин и Хезер Уилсон", "Дэвид Голдфин и Хезер Уилсон"]),
    # fresh-2026-12f rt0-0769: names in apposition to a plural title
    ("Колумнисты газеты The New York Times Марк Пенн и Эндрю Стайн считают, что демократам "
     "нужна новая программа.", ["Марк Пенн и Эндрю Стайн"]),
    # "по словам" with both names in the genitive, three of them with commas
    ("По словам Ивана Петрова и Сергея Сидорова, завод закроют в мае.",
     ["Иван Петров и Сергей Сидоров"]),
    # not joint: "X с Y" is no coordination, a singular verb has one subject, an owner in the
    # genitive is whose lawyer it is (that one speaks, unnamed)
    ("Иван Петров с Сергеем Сидоровым заявили, что завод закроют в мае.", ["Иван Петров"]),
    ("Иван Петров заявил, что Сергей Сидоров и Анна Иванова уедут в мае.", ["Иван Петров"]),
    ("Адвокат Ивана Петрова и Сергея Сидорова заявил, что завод закроют в мае.", [None]),
])
def test_joint_statement(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


def test_joint_statement_record(models):
    article = svodka.extract("Голдфин и Уилсон сообщили, что расходы на космос будут увеличены.",
                             models=models)
    (quote,) = article.quotes
    names = {e.id: e.name for e in article.entities}
    assert names[quote.speaker] == "Голдфин"
    assert [names[i] for i in quote.co_speakers] == ["Уилсон"]
    assert quote.to_dict()["co_speakers"] == quote.co_speakers
    single = svodka.extract("Дэвид Голдфин сообщил, что расходы на космос будут увеличены.",
                            models=models).quotes[0]
    assert single.speaker_name == "Дэвид Голдфин" and "co_speakers" not in single.to_dict()


# A role word hyphenated to a common noun opening the line is a title, not part of the name
# (fresh-2026-12g rt1-0798, six quotes); a double name keeps its hyphen.
@pytest.mark.parametrize("text, speaker", [
    ("Юрист-международник Илларион Гирс (подвергся преследованиям в Латвии) заявил, что "
     "Латвия ставит перед собой несколько целей.", "Илларион Гирс"),
    ("Политолог-международник Илларион Гирс заявил, что Латвия ставит перед собой цели.",
     "Илларион Гирс"),
    ("Жан-Поль Бельмондо заявил, что снимется в новом фильме.", "Жан-Поль Бельмондо"),
])
def test_title_glued_to_a_name(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == [speaker]


# A title whose complement names an organization is the one person the text gave a role
# heading it: a ministry is headed by its minister ("Глава Минобороны" = "Министр обороны
# России"), and a short adjective cue ("убеждён") shows the holder's sex as a past verb does
# (fresh-2026-12g rt1-0992, rt1-0397, rt1-0352; 12d rt0-0572).
@pytest.mark.parametrize("text, speakers", [
    ("Министр обороны России Сергей Шойгу отметил, что в дома вернулись 1,12 млн человек. "
     "Глава Минобороны напомнил, что боевики контролировали 70% территории страны.",
     ["Сергей Шойгу", "Сергей Шойгу"]),
    ("Министр иностранных дел Украины Павел Климкин выступил в Брюсселе. Глава МИД Украины "
     "заявил, что Шрёдер является лоббистом.", ["Павел Климкин"]),
    ("Начальник штаба ВВС США Дэвид Голдфин подтвердил, что перед ВВС поставлена задача. "
     "Глава ВВС убеждён, что с этой целью необходимо совершить сдвиг.",
     ["Дэвид Голдфин", "Дэвид Голдфин"]),
    # the minister of another ministry holds no role heading this one: no one named
    ("Министр финансов Антон Силуанов выступил на форуме. Глава Минобороны напомнил, что "
     "боевики контролировали 70% территории страны.", [None]),
])
def test_title_of_an_organization(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


# The outlet told is never the speaker, also past what the cue's object says
# (fresh-2026-12g rt1-0142); a name right after the outlet still speaks (12d rt0-0396).
@pytest.mark.parametrize("text, speakers", [
    ("«Ещё неделю назад рынок закладывал продление соглашения ОПЕК», — прокомментировал RT "
     "ситуацию на биржах Манаенко.", ["Манаенко"]),
    ("«Нужно вести учет мигрантов, въезжающих в страну», — заявила RT Джозефа Реджетти, одна из "
     "членов специальной комиссии «Сильвестр».", ["Джозефа Реджетти"]),
    ("«Рынок отыграл решение ОПЕК», — прокомментировал RT ситуацию на биржах Москвы.", [None]),
    # past the object to the speaker's title and name (russia_today_0, news:81)
    ("«Перемен в политике ФРС не будет», — прокомментировала RT назначение Джерома Пауэлла "
     "заместитель директора аналитического департамента «Альпари» Наталья Мильчакова.",
     ["Наталья Мильчакова"]),
    ("«Это протест против политики Запада», — прокомментировал RT протесты мусульман директор "
     "Института стратегических исследований и прогнозов РУДН Дмитрий Егорченков.",
     ["Дмитрий Егорченков"]),
])
def test_addressee_before_the_object(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


# A title of an organization no one was given a role at, speaking right after a person spoke
# (the quote's own sentences between), is that person, if no role of theirs names another
# place (fresh-2026-12g rt3-0643, 12f rt2-0118); after a narrator's sentence, no one.
@pytest.mark.parametrize("text, speakers", [
    ("Автор второй шайбы Сергей Плотников уверен, что Кузнецов заиграет в составе любой "
     "тройки.\n«Что-то сегодня явно было не так. Мы выиграли и идём дальше», — сказал форвард "
     "СКА.", ["Сергей Плотников", "Сергей Плотников"]),
    ("«Я думаю, что счёт не по игре», — выразил мнение Головин в эфире «Матч ТВ».\nПо словам "
     "полузащитника ЦСКА, его команда могла сыграть лучше.", ["Головин", "Головин"]),
    ("Автор второй шайбы Сергей Плотников уверен, что Кузнецов заиграет в составе любой "
     "тройки. Сборная проведёт следующий матч в среду.\n«Что-то сегодня явно было не так. Мы "
     "выиграли и идём дальше», — сказал форвард СКА.", ["Сергей Плотников", None]),
])
def test_title_goes_on_with_who_spoke(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


# A media noun refers back to the outlet that reported last, also from an inverted attribution
# ("…, передаёт The Hill.") and past a teaser the page inserted between (fresh-2026-12g
# rt1-0893: "…, отмечает Reuters, … ⏎ Также по теме ⏎ … ⏎ Вместе с тем агентство отмечает:"; the
# first quote relays unnamed officials, so no one: GUIDELINES).
@pytest.mark.parametrize("text, speakers", [
    ("Россиянка получила разрешение на въезд в США, передаёт The Hill. Издание отмечает, что "
     "разрешение было выдано в 2015 году.", ["The Hill", "The Hill"]),
    # «По сведениям других источников» is a quote of unnamed sources (quotespan9): no speaker
    ("Пункт базирования находится в 100 километрах от границы, отмечает Reuters, ссылаясь на "
     "представителей американских властей.\n Также по теме \n Брат Каддафи — RT: Запад плетёт "
     "заговор против России \nПо сведениям других источников, группа спецназа насчитывает 22 "
     "человека.\nВместе с тем агентство отмечает, что нельзя утверждать однозначно, что в "
     "Египте находятся российские военные.", [None, None, "Reuters"]),
    # a sentence's own subject still comes first for "по его мнению" (12f rt2-0118)
    ("«Когда мы сами делаем такие подарки, то сложнее получается зацепиться», — добавил "
     "Бабаев.\nОдин из лидеров команды Александр Головин не стал сильно сокрушаться, поскольку "
     "счёт, по его мнению, не отразил происходившего на поле.",
     ["Бабаев", "Александр Головин"]),
])
def test_outlet_in_focus_reported_inverted(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers
