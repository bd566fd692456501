"""Quote speakers by a rule of Russian news syntax (issue 15, thirteenth session): each row is
a few sentences in the style of the news read, with the speaker a reader names. Every row has a
second person or an outlet that could be taken for the speaker, so a rule that takes the
nearest name, the last speaker or the outlet fails.
"""
from __future__ import annotations

import pytest
from test_quote_speaker_causes import test_speaker_by_cause as check_speakers

# text, {quote text: its speaker's name (None: no one the article names)}
SPEAKERS = [
    # a nominative pronoun after the cue is the subject; the outlet after it was told
    ("Так, журналист Михаэль Опперскальски считает, что тему миграции в Польше пытаются "
     "эксплуатировать ультраправые. «Враждебность вызвана тремя причинами», — рассказал он RT.",
     {"Враждебность вызвана тремя причинами": "Михаэль Опперскальски"}),
    ("Баронесса Каролина Кокс уверена, что Запад заблуждался.\n«С самого начала Запад не "
     "понимал, что мы получим кровавую баню по всему региону», — сказала она RT.",
     {"Запад заблуждался": "Каролина Кокс",
      "С самого начала Запад не понимал, что мы получим кровавую баню по всему региону":
      "Каролина Кокс"}),
    # a caption line "Name, description" introduces the speaker of the paragraph under it:
    # "он" there is him, not the one quoted before
    ("Ларри Вилкерсон, полковник армии США, глава аппарата Колина Пауэлла\n«В международных "
     "отношениях есть одна старинная теория. Так вот, война в Сирии уже увенчалась победой», — "
     "рассказал американский военный в интервью RT.\nГерольф Аннеманс, бельгийский депутат и член "
     "Европарламента\n«Мы надеемся, что ситуация в Сирии стабилизируется», — подчеркнул он, "
     "добавив, что следующим шагом должна стать гуманитарная помощь.",
     {"Мы надеемся, что ситуация в Сирии стабилизируется": "Герольф Аннеманс",
      "следующим шагом должна стать гуманитарная помощь": "Герольф Аннеманс"}),
    # a bare name on a line (a photo caption) introduces no one
    ("Ларри Вилкерсон, полковник армии США, глава аппарата Колина Пауэлла\n«В международных "
     "отношениях есть одна старинная теория. Так вот, война в Сирии уже увенчалась победой», — "
     "рассказал американский военный в интервью RT.\nГерольф Аннеманс\n«Мы надеемся, что "
     "ситуация в Сирии стабилизируется», — подчеркнул он.",
     {"Мы надеемся, что ситуация в Сирии стабилизируется": None}),
    # an outlet's staff speak for it; the people who spoke to it do not
    ("В 2017—2018 годах мировые запасы сахара превысят спрос на 1—3 млн тонн, прогнозируют "
     "специалисты Bloomberg.",
     {"В 2017—2018 годах мировые запасы сахара превысят спрос на 1—3 млн тонн": "Bloomberg"}),
    ("В 2017—2018 годах мировые запасы сахара превысят спрос на 1—3 млн тонн, рассказали "
     "собеседники RT.",
     {"В 2017—2018 годах мировые запасы сахара превысят спрос на 1—3 млн тонн": None}),
    # a channel that reads data speaks itself; the outlet named in apposition is the paper,
    # not the place it is from
    ("Англоязычная газета Гонконга South China Morning Post со ссылкой на данные Bank of China "
     "отмечает, что рост доходов китайских банков увеличится на 7,7%.",
     {"рост доходов китайских банков увеличится на 7,7%": "South China Morning Post"}),
]


@pytest.mark.parametrize("text,speakers", SPEAKERS)
def test_speaker_by_rule(text, speakers, models):
    check_speakers(text, speakers, models)  # the quotes found, each with its speaker
