"""A long quote that holds other speech, and editors' notes inside a quote (issue 15, twelfth
session; analyst read 12o, pattern 2).

Sentences of the kind the analyst's articles hold, written for these tests (none is a gold
article's): the text in, every quote found out as (text, kind, a part of the speaker's name or
None). Each negative case also asserts the quote that must still be found.
"""
from __future__ import annotations

import pytest

from conftest import assert_quotes
from svodka.extractors.quotes.marks import find_segments
from svodka.layout import Region

# The outer quote is the speaker's; "Они утверждают, что …" inside it is no quote of its own
# (GUIDELINES: speech reported inside a quote is not annotated).
OUTER_QUOTE_KEPT = [
    # a statement in marks right after the sentence in which its speaker speaks
    ("Перемирие сорвано\n\nМинистр иностранных дел Олег Петров напомнил об инциденте на "
     "границе. «Мы договорились о перемирии. Но уже через два дня соседи обстреляли наш пост. "
     "Они утверждают, что это была случайность. Но я не думаю, что такую случайность можно "
     "готовить целых два дня». Позже Петров заявил, что переговоры продолжатся.",
     [("Мы договорились о перемирии. Но уже через два дня соседи обстреляли наш пост. Они "
       "утверждают, что это была случайность. Но я не думаю, что такую случайность можно "
       "готовить целых два дня", "direct", "Петров"),
      ("переговоры продолжатся", "indirect", "Петров")]),
    # ... after a "По словам Х" sentence; the narrator's sentence after it is Х's again
    ("Санкции\n\nПо словам министра Олега Петрова, отношения ухудшились задолго до кризиса. "
     "«У меня была возможность обратиться к этому вопросу. Президент даже отменил визит, потому "
     "что мы не выдали беглеца. Они почему-то считают, что мы причастны к его приезду. Это "
     "смешно». Обиды в политике часто приводят к ошибкам, заключил Петров.",
     [("отношения ухудшились задолго до кризиса", "indirect", "Петров"),
      ("У меня была возможность обратиться к этому вопросу. Президент даже отменил визит, "
       "потому что мы не выдали беглеца. Они почему-то считают, что мы причастны к его приезду. "
       "Это смешно", "direct", "Петров"),
      ("Обиды в политике часто приводят к ошибкам", "indirect", "Петров")]),
    # one mark closes the nested name and the partly quoted clause; the next quote is Х's,
    # left open at the paragraph's end, and "обещали, что …" inside it is no quote
    ("Перемирие сорвано\n\nМинистр Олег Петров также добавил, что главная проблема заключается "
     "в «неспособности коалиции отделить умеренных от группировки «Исламский фронт». «Это "
     "приоритетная задача. Наши партнёры ещё весной обещали, что им потребуется всего две "
     "недели. Они так этого и не сделали.",
     [("главная проблема заключается в «неспособности коалиции отделить умеренных от "
       "группировки «Исламский фронт»", "indirect", "Петров"),
      ("Это приоритетная задача. Наши партнёры ещё весной обещали, что им потребуется всего две "
       "недели. Они так этого и не сделали", "direct", "Петров")]),
    # attributed after the marks: the nested "считают, что" stays inside
    ("Санкции\n\n«Это было ошибкой. Президент даже отменил визит, потому что мы не выдали "
     "беглеца. Они почему-то считают, что мы причастны к его приезду. Это смешно», — сказал "
     "министр Олег Петров.",
     [("Это было ошибкой. Президент даже отменил визит, потому что мы не выдали беглеца. Они "
       "почему-то считают, что мы причастны к его приезду. Это смешно", "direct", "Петров")]),
]


@pytest.mark.parametrize("text, expected", OUTER_QUOTE_KEPT)
def test_a_long_quote_is_kept_whole_with_the_speech_inside_it(text, expected, models):
    assert_quotes(text, expected)


def test_a_title_in_marks_is_no_statement(models):
    # two "sentences" in marks that go on in the narrator's sentence: an exhibition's title
    text = ("Выставка\n\nМузей открыл новую выставку. «Русский авангард. Живопись и графика» "
            "продлится до весны. Директор музея Анна Белова заявила, что выставку покажут и в "
            "регионах.")
    assert_quotes(text, [("выставку покажут и в регионах", "indirect", "Белова")])


# An editor's note inside a quote belongs to it and cuts nothing; where the dump broke the line
# inside the note (decision D8), a piece of fewer than three words before it stays out (G6, L6)
# rather than becoming the fragment "Если он (народ".
EDITORS_NOTES = [
    ("Референдум\n\n«Если он (народ. \n— RT\n) хочет провести ещё один референдум — "
     "пожалуйста! Но нельзя допустить, чтобы это превратилось в замкнутый круг», — заключил "
     "депутат Джон Смит.",
     [("хочет провести ещё один референдум — пожалуйста! Но нельзя допустить, чтобы это "
       "превратилось в замкнутый круг", "direct", "Смит")]),
    ("Тарифы\n\n«Мы его (предписание. — ред.) внимательно изучили и пришли к выводу, что "
     "тарифы обоснованы», — заявил глава компании Олег Петров.",
     [("Мы его (предписание. — ред.) внимательно изучили и пришли к выводу, что тарифы "
       "обоснованы", "direct", "Петров")]),
    ("Терроризм\n\n«Я не хочу их (США. — RT) подозревать в поддержке терроризма. Но их действия "
     "выглядят подозрительно», — заключил министр Олег Петров.",
     [("Я не хочу их (США. — RT) подозревать в поддержке терроризма. Но их действия выглядят "
       "подозрительно", "direct", "Петров")]),
]


@pytest.mark.parametrize("text, expected", EDITORS_NOTES)
def test_an_editors_note_inside_a_quote_cuts_no_fragment(text, expected, models):
    assert_quotes(text, expected)


def _segments(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(text, [Region(0, len(text))])]


def test_one_mark_closes_a_nested_name_and_its_quote_before_a_new_quote():
    text = ("Он добавил, что дело в «неспособности отделить их от «Фронта». «Это задача. Они "
            "этого не сделали.")
    assert _segments(text) == ["«неспособности отделить их от «Фронта»",
                               "«Это задача. Они этого не сделали."]


def test_a_quote_closed_later_keeps_its_nested_quotes():
    text = "«Мы прочли «Войну и мир». «Анну Каренину» тоже прочтём», — сказал он."
    assert _segments(text) == [text[:text.index(",")]]
