"""Quotes svodka missed or invented on unseen news (issue 15, tenth session): paragraphs, editors'
notes, interviews, documents, reported questions. One table per mechanism.

Sentences of the kind the read batches hold (12e, 12h), written for these tests (none is a gold
article's): the text in, every quote found out as (text, kind). Speakers are another module's
concern and are not asserted here. Each negative case sits next to a quote that must still be
found.
"""
from __future__ import annotations

import pytest

from conftest import extracted_quotes


def _found(text: str) -> list[tuple[str, str]]:
    return [(quote, kind) for quote, kind, _ in extracted_quotes(text)[1]]


# A quote the dump breaks over paragraphs: the opening mark is not repeated in the next paragraph,
# whose only mark closes the quote («A ¶ B», — сказал Х); a paragraph left open splits at its own
# attribution («A, — заявил он. — B ¶ …).
PARAGRAPHS = [
    ("Глава ассоциации Ирина Петрова рассказала, что число заявок выросло вдвое.\n"
     "«Родители стали больше доверять школам, потому что условия действительно изменились.\n"
     "Сейчас в каждом районе есть кружки, и семьи этим пользуются», — сказала Петрова.",
     [("число заявок выросло вдвое", "indirect"),
      ("Родители стали больше доверять школам, потому что условия действительно изменились",
       "direct"),
      ("Сейчас в каждом районе есть кружки, и семьи этим пользуются", "direct")]),
    # a name in marks inside the continued paragraph is nested in the quote
    ("Экономист Олег Смирнов связал рост цен с курсом рубля.\n"
     "«Это прямое следствие ослабления национальной валюты.\n"
     "Поэтому правительству стоит принять закон «О защите потребителей» как можно скорее, "
     "иначе цены продолжат расти», — заявил он.",
     [("Это прямое следствие ослабления национальной валюты", "direct"),
      ("Поэтому правительству стоит принять закон «О защите потребителей» как можно скорее, "
       "иначе цены продолжат расти", "direct")]),
    ("Депутат Павел Орлов считает, что программа работает.\n"
     "«Это результат продуманной политики, — заявил он. — Люди видят, что государство "
     "выполняет свои обещания.\n"
     "Сельские школы впервые за много лет получили новых учителей.",
     [("программа работает", "indirect"),
      ("Это результат продуманной политики", "direct"),
      ("Люди видят, что государство выполняет свои обещания", "direct")]),
]


@pytest.mark.parametrize("text, expected", PARAGRAPHS)
def test_a_quote_continued_over_paragraphs(text, expected, models):
    assert _found(text) == expected


# An editor's bracket inside a quote whose signature's dash opens the next line ("(в Польше.
# ⏎— RT⏎)"): the piece before ends before the bracket (decision D8).
EDITORS_NOTES = [
    ("Министр подписал обращение к коллегам.\n"
     "«Мы просим Вас (главу ведомства. \n— RT\n) начать проверку всех расходов фонда», — "
     "говорится в письме депутатов.",
     [("Мы просим Вас", "direct"),
      ("начать проверку всех расходов фонда", "direct")]),
]


@pytest.mark.parametrize("text, expected", EDITORS_NOTES)
def test_an_editors_note_signed_on_the_next_line(text, expected, models):
    assert _found(text) == expected


def test_a_page_s_invisible_characters_do_not_hide_the_attribution(models):
    text = ("В области задержан подозреваемый, сообщает ведомство.\n"
            "«Задержан местный житель, причастный к деятельности группировки «Северный "
            "путь»\u00ad\u00ad, — сообщила официальный представитель СК Анна Петренко.")
    assert _found(text) == [
        ("В области задержан подозреваемый", "indirect"),
        ("Задержан местный житель, причастный к деятельности группировки «Северный путь",
         "direct")]


# Marks opened in the content and closed after the sentence end: the content runs on to them;
# content wholly in marks is direct speech, the marks left out (GUIDELINES: `По его словам, «…»`).
THROUGH_MARKS = [
    ("Главными причинами кризиса, по оценке аналитиков, стали «высокие ставки и слабый спрос. "
     "Они усиливали друг друга весь год». Рынок восстановился только весной.",
     [("стали «высокие ставки и слабый спрос. Они усиливали друг друга весь год»",
       "indirect")]),
    ("Генерал говорил о новых угрозах. И поэтому, считает генерал, «армия должна быть готова "
     "к любому развитию событий в регионе».",
     [("армия должна быть готова к любому развитию событий в регионе", "direct")]),
    # the marks close inside the content: it stays indirect, marks and all
    ("Министр заявил, что «ситуация остаётся сложной», но улучшения уже заметны.",
     [("«ситуация остаётся сложной», но улучшения уже заметны", "indirect")]),
]


@pytest.mark.parametrize("text, expected", THROUGH_MARKS)
def test_content_runs_through_its_marks(text, expected, models):
    assert _found(text) == expected


# Documents speak for whoever tabled or issued them (decision I4); a reported question after an
# asking cue, its question word behind a preposition (GUIDELINES 3); the speaker's gloss after
# the content is not part of it.
CUES = [
    ("Председатель комитета внёс в парламент новый законопроект. Согласно документу, штрафы "
     "для перевозчиков вырастут вдвое.",
     [("штрафы для перевозчиков вырастут вдвое", "indirect")]),
    ("Министерство, согласно законопроекту, станет главным органом в сфере обороны.",
     [("станет главным органом в сфере обороны", "indirect")]),
    ("Сенатор поинтересовался, по какой причине комиссия до сих пор не опубликовала отчёт.",
     [("по какой причине комиссия до сих пор не опубликовала отчёт", "indirect")]),
    ("Журналистка спрашивает у коллег, можно ли считать такую ситуацию нарушением правил.",
     [("можно ли считать такую ситуацию нарушением правил", "indirect")]),
    ("Организаторы отметили, что это обычное явление, сославшись на опыт других городов.",
     [("это обычное явление", "indirect")]),
]


@pytest.mark.parametrize("text, expected", CUES)
def test_documents_questions_and_glosses(text, expected, models):
    assert _found(text) == expected


def test_law_stays_law_and_a_told_statement_is_no_new_quote(models):
    text = ("Согласно документу, штрафы для перевозчиков вырастут вдвое. "
            "Согласно закону, выборы проводятся раз в пять лет. "
            "Кандидат выдвинул свою кандидатуру на пост мэра. Об этом, как сообщил телеканал "
            "«Звезда», заявил его представитель Иван Петров.")
    assert _found(text) == [("штрафы для перевозчиков вырастут вдвое", "indirect")]


# An interview laid out as turns (questions opening with a dash and ending with "?"): a line
# `Имя: «…»` of its own is a rubric heading the answers, not a quote (decision I7).
INTERVIEW = ("Главные тренеры об итогах дерби\n\n"
             "Тренеры обеих команд ответили на вопросы журналистов после матча.\n"
             "— Результат закономерен?\n"
             "— Нет. Игра вышла тяжёлой, но счёт не соответствует тому, что было на поле.\n"
             "— В чём причины провала в начале встречи?\n"
             "— Видимо, в потере концентрации. Мы не должны были столько пропускать.\n"
             "— Это была домашняя заготовка?\n"
             "— Да, конечно. Нам практически удалось её воплотить в гол.\n"
             "Массимо Каррера: «Роша? Да, он существует!»\n"
             "— Вы довольны игрой нападающего?\n"
             "— Да, он хорошо поработал.")


def test_an_interviews_heading_is_no_quote(models):
    assert _found(INTERVIEW) == []


def test_a_name_and_its_words_outside_an_interview_are_a_quote(models):
    text = ("Лавров прокомментировал итоги переговоров\n\n"
            "Министр выступил на пресс-конференции в Москве после встречи с коллегой.\n"
            "Глава МИД России Сергей Лавров: «Мы не допустим повторения подобных провокаций»\n"
            "— Как вы оцените итоги встречи?\n"
            "— Нормально.")
    assert _found(text) == [("Мы не допустим повторения подобных провокаций", "direct")]


# An inverted quote's sentence opens with the narrator's link to the one before: the content
# starts after it (GUIDELINES, span boundaries: "without a leading connective (`Кроме того,`)").
CONNECTIVES = [
    ("Рынок может вырасти. Однако случится это ещё нескоро, отмечают аналитики.",
     [("случится это ещё нескоро", "indirect")]),
    ("Депутат поддержал идею. В то же время государство не должно владеть заводом, отметил "
     "омбудсмен.",
     [("государство не должно владеть заводом", "indirect")]),
    ("Но для полного урегулирования важно, чтобы в дела страны никто не вмешивался, уверен "
     "президент.",
     [("для полного урегулирования важно, чтобы в дела страны никто не вмешивался",
       "indirect")]),
    # no connective: the sentence is the content, an interview turn's dash left out
    ("Наш ответ будет жёстким, заявил министр.",
     [("Наш ответ будет жёстким", "indirect")]),
    ("Журналист спросил о докладе.\n— Происходящее напоминает охоту на ведьм, уверен адвокат.",
     [("Происходящее напоминает охоту на ведьм", "indirect")]),
]


@pytest.mark.parametrize("text, expected", CONNECTIVES)
def test_an_inverted_quote_leaves_the_narrators_connective_out(text, expected, models):
    assert _found(text) == expected


# Cues with a clause (decisions I5, I6): a speech act that makes a text, news that spreads,
# the perfective of "считать", the impersonal "напоминается" of a statement.
CLAUSE_CUES = [
    ("Двое свидетелей уже дали показания о том, что деньги передали в аэропорту.",
     [("деньги передали в аэропорту", "indirect")]),
    ("Газета в прошлом году опубликовала материал о том, что певица работала моделью.",
     [("певица работала моделью", "indirect")]),
    ("С утра по Сети распространялась новость о том, что министр уехал за границу.",
     [("министр уехал за границу", "indirect")]),
    ("Его политические противники сочли, что в проекте предусмотрены слишком широкие "
     "полномочия.",
     [("в проекте предусмотрены слишком широкие полномочия", "indirect")]),
    ("В заявлении говорится о целях движения. Помимо этого напоминается, что кандидат набрал "
     "около 66 млн голосов.",
     [("кандидат набрал около 66 млн голосов", "indirect")]),
    # between the cue and "что": a channel's name that opens with a digit, whose attention
    ("Начальник городской полиции рассказал в эфире телеканала «112 Украина», что "
     "задержанный прибыл из Одессы.",
     [("задержанный прибыл из Одессы", "indirect")]),
    ("Ведущие канала обратили внимание представителя министерства на то, что в докладе нет "
     "ни слова о выборах.",
     [("в докладе нет ни слова о выборах", "indirect")]),
    # an infinitive cue under "стать" (no cue of its own) is its subject's words
    ("Подождав некоторое время, полицейские стали объяснять в громкоговорители, что акция "
     "незаконна.",
     [("акция незаконна", "indirect")]),
]


@pytest.mark.parametrize("text, expected", CLAUSE_CUES)
def test_cues_with_a_clause(text, expected, models):
    assert _found(text) == expected


@pytest.mark.parametrize("sentence", [
    "Также есть информация о том, что завод закроют.",      # no holder, no speech act (H1)
    "Ночью появилась информация о том, что все тела найдены.",  # appeared, held by no one
    "Он отреагировал на известие о том, что завод закроют.",  # the news, not his words
])
def test_information_without_a_speech_act_is_no_quote(sentence, models):
    text = "Двое свидетелей уже дали показания о том, что деньги передали в аэропорту. " + sentence
    assert _found(text) == [("деньги передали в аэропорту", "indirect")]


def test_a_phrase_later_in_an_about_this_sentence_still_reports(models):
    text = ("Об этом в своём блоге сообщил сам депутат, причём, по его словам, ни полиция, ни "
            "прокуратура никак не комментировали исчезновение этих людей.")
    assert _found(text) == [
        ("ни полиция, ни прокуратура никак не комментировали исчезновение этих людей",
         "indirect")]
