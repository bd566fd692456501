"""Dates: real-style news sentences in, ISO 8601 date records out."""
from __future__ import annotations

import pytest

from svodka.analysis import analyze
from svodka.extractors.dates import extract_dates


def dates_of(text: str, models, published: str | None = None):
    return extract_dates(analyze(text, models=models), published)


def find(dates, span: str):
    matching = [d for d in dates if d.text == span]
    assert matching, f"no date {span!r} in {[d.text for d in dates]}"
    return matching[0]


# sentence, published, span, kind, value
CASES = [
    ("Брюссель. 27 ноября. KAZAKHSTAN TODAY - В Брюсселе прошла встреча.", None,
     "27 ноября", "day", "--11-27"),
    ("Переговоры начнутся 27 ноября.", "2025-11-20", "27 ноября", "day", "2025-11-27"),
    ("Соглашение подписано 5 июля 2017 года в Астане.", None, "5 июля 2017 года", "day",
     "2017-07-05"),
    ("Приказ № 432 от 19.07.2016 вступил в силу.", None, "19.07.2016", "day", "2016-07-19"),
    ("Двусторонний товарооборот в 2024 году вырос.", None, "в 2024 году", "year", "2024"),
    ("В 2024-2025 годах состоялись встречи президентов.", None, "В 2024-2025 годах", "range",
     "2024/2025"),
    ("С 2019 по 2021 год он возглавлял министерство.", None, "С 2019 по 2021 год", "range",
     "2019/2021"),
    ("В марте 2023 года цены на газ упали.", None, "В марте 2023 года", "month", "2023-03"),
    ("В январе компания сократила выпуск.", "2025-11-27", "В январе", "month", "2025-01"),
    ("В июне прошлого года завод остановили.", "2025-11-27", "В июне прошлого года", "month",
     "2024-06"),
    ("С 25 по 29 июля 2013 года в регионе шли дожди.", None, "С 25 по 29 июля 2013 года",
     "range", "2013-07-25/2013-07-29"),
    ("В начале 90-х годов завод закрылся.", None, "В начале 90-х годов", "range", "1990/1999"),
    ("Вчера парламент принял закон.", "2025-11-27", "Вчера", "relative", "2025-11-26"),
    ("Вчера парламент принял закон.", None, "Вчера", "relative", None),
    ("В прошлом году экспорт вырос.", "2025-11-27", "В прошлом году", "relative", "2024"),
    ("На прошлой неделе прошли выборы.", "2025-11-27", "На прошлой неделе", "relative",
     "2025-W47"),
    ("Во вторник министр встретился с послом.", "2025-11-27", "Во вторник", "weekday",
     "2025-11-25"),
    ("В четверг, 22 ноября 2017 года, он прилетел в Москву.", None,
     "В четверг, 22 ноября 2017 года", "day", "2017-11-22"),
    ("Стороны договорились в течение трех месяцев подготовить документ.", None,
     "в течение трех месяцев", "duration", "P3M"),
    ("Строительство продлится два года.", None, "два года", "duration", "P2Y"),
    ("За прошедшие полгода цены выросли.", None, "За прошедшие полгода", "duration", "P6M"),
    ("Он покинул страну около 14 лет назад.", "2025-11-27", "около 14 лет назад", "relative",
     "2011"),
    ("Ленинская премия (1970), орден Ленина (1976).", None, "1970", "year", "1970"),
]


@pytest.mark.parametrize("sentence, published, span, kind, value", CASES)
def test_date(models, sentence, published, span, kind, value):
    date = find(dates_of(sentence, models, published), span)
    assert (date.kind, date.value) == (kind, value)
    assert sentence[date.start:date.end] == span


# sentence, a piece of text that must not be (part of) a date
NOT_DATES = [
    ("Ему 27 лет, и он уже возглавил компанию.", "27 лет"),
    ("Он скончался в возрасте 93 лет.", "93"),
    ("Проголосовали 2000 человек.", "2000"),
    ("Тарифы выросли в 2000 раз.", "2000"),
    ("Он видится с детьми раз в год.", "в год"),
    ("Проблемы окружающей среды обсудили эксперты.", "среды"),
    ("Задержан 66-летний житель Алматы.", "66-летний"),
    ("Мы получили 200 миллиардов долларов.", "200"),
    ("В 1927 году в 19 лет он вступил в партию.", "19 лет"),
    ("Он родился в бедности и работал с 14 лет.", "14 лет"),
    ("Когда они познакомились, ему было всего пять лет.", "пять лет"),
    ("29 июля ему исполнилось бы 125 лет.", "125 лет"),
    ("Врачи обследуют 55-летнего премьера.", "55-летнего"),
]


@pytest.mark.parametrize("sentence, piece", NOT_DATES)
def test_not_a_date(models, sentence, piece):
    start = sentence.index(piece)
    for date in dates_of(sentence, models, "2025-11-27"):
        assert not (date.start <= start < date.end), date


@pytest.mark.parametrize("sentence, span, value", [
    ("Указ вступил в силу на срок в пять лет.", "пять лет", "P5Y"),
    ("Срок заключения уменьшен с четырех лет до одного года.", "четырех лет", "P4Y"),
    ("Права нужно подтверждать раз в три года.", "три года", "P3Y"),
    ("Это не повлияет на результаты десятилетних научных исследований.", "десятилетних", "P10Y"),
])
def test_years_after_a_preposition_can_still_be_a_span(models, sentence, span, value):
    date = find(dates_of(sentence, models), span)
    assert (date.kind, date.value) == ("duration", value)


def test_span_adjective_is_a_duration_unless_a_person(models):
    date = find(dates_of("Кандидат должен иметь 15-летний опыт работы.", models), "15-летний")
    assert (date.kind, date.value) == ("duration", "P15Y")


def test_sample_article(sample_article):
    values = [(d.text, d.value) for d in sample_article.dates]
    assert ("27 ноября", "--11-27") in values
    assert ("в 2024-2025 годах", "2024/2025") in values
    assert ("в 2024 году", "2024") in values


def test_long_text_is_linear(models):
    text = "В 2024 году товарооборот вырос на 5%. " * 400
    analysis = analyze(text, models=models, syntax=False)
    assert len(extract_dates(analysis, None)) == 400
