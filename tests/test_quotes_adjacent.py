"""A speaker named away from the quote (issue 15, twelfth session): speech in marks whose own
sentence names no one takes the adjacent sentence's quote's speaker (GUIDELINES: direct speech
"attributed in the same or an adjacent sentence").

Sentences written for these tests in the manner of the read batches (none is a gold article's):
the text in, every quote out as (text, kind, a part of the speaker's name). Each negative case
sits next to a quote that must still be found.
"""
from __future__ import annotations

from conftest import assert_quotes


def test_speech_after_a_sentence_that_names_the_speaker(models):
    assert_quotes(
        "Выборы в Подмосковье\n"
        "По словам главы областного отделения партии Александра Гунько, выдвижение Николая "
        "Дижура обсуждается. Впрочем, «есть и другие фамилии – окончательное решение мы примем "
        "в июне на совете».",
        [("выдвижение Николая Дижура обсуждается", "indirect", "Гунько"),
         ("есть и другие фамилии – окончательное решение мы примем в июне на совете", "direct",
          "Гунько")])


def test_a_paragraph_of_speech_after_the_paragraph_that_names_the_speaker(models):
    assert_quotes(
        "Итоги съёмок\n"
        "Режиссёр Иван Петров рассказал, что съёмки шли два года.\n"
        "«Мы снимали зимой и летом, и актёры очень устали от долгой работы».",
        [("съёмки шли два года", "indirect", "Петров"),
         ("Мы снимали зимой и летом, и актёры очень устали от долгой работы", "direct",
          "Петров")])


def test_a_title_or_a_scare_quote_next_to_a_quote_stays_out(models):
    # a title after a word ("назывался «…»") and a verbless phrase are no statements
    assert_quotes(
        "Итоги съёмок\n"
        "Режиссёр Иван Петров рассказал, что съёмки шли два года. Фильм назывался «Как "
        "закалялась сталь в наши дни». Критики назвали его «большой удачей года».",
        [("съёмки шли два года", "indirect", "Петров")])
    # a statement with no quote in the sentence before stays out too
    assert_quotes(
        "Итоги съёмок\n"
        "Режиссёр Иван Петров снял фильм за два года.\n"
        "«Мы снимали зимой и летом, и актёры очень устали от долгой работы».",
        [])


def test_a_subheading_and_a_fragment_in_marks_stay_out(models):
    # «…» alone on a line with no final punctuation is a subheading; a participle phrase hung on
    # a noun is a fragment, not a clause
    assert_quotes(
        "Фильм о баскетболе\n"
        "Сын Сергея Белова Александр отмечает, что «те, кто ищут документальности, могут "
        "посмотреть саму игру в интернете».\n"
        "«Имеют право на фантазию»\n"
        "Депутат Андрей Свинцов назвал происходящее политическим заказом, «жирно оплаченным "
        "спонсорами тех политических сил, которые настроены против Трампа».",
        [("те, кто ищут документальности, могут посмотреть саму игру в интернете", "direct",
          "Александр")])


def test_speech_reported_inside_the_quote_gives_way_to_it(models):
    # the paragraph before names the speaker; the cue inside the marks is nested speech
    assert_quotes(
        "Дело о кредитах\n"
        "Экономист Олег Смирнов напомнил, что банк долго скрывал убытки. Проверка началась "
        "только весной.\n"
        "«Хотя аудиторы заявили, что отчётность была в порядке, вкладчики начали забирать "
        "деньги. Теперь банку придётся продать часть активов».",
        [("банк долго скрывал убытки", "indirect", "Смирнов"),
         ("Хотя аудиторы заявили, что отчётность была в порядке, вкладчики начали забирать "
          "деньги. Теперь банку придётся продать часть активов", "direct", "Смирнов")])
