"""Sentences the Russia Today dumps cut into lines at links are read whole (issue 15).

The lines below are taken from ``../shared/data/news`` (``bench/line_breaks.py`` finds them);
the texts are inlined, so these tests need nothing outside the repository.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svodka
from svodka.layout import analyze_layout, body_lines
from svodka.layout.lines import join_rule, sentence_lines

from conftest import assert_spans_valid


@pytest.mark.parametrize("before, gap, after, rule", [
    # russia_today_2 news:0
    ("Эксперты отмечают, что Порошенко, участвуя в процессе", " \n", "в режиме видеоконференции,",
     "lowercase_next"),
    ("Порошенко боится", "\n", ", суд подыгрывает», — рассказал RT политолог, экономист "
     "Александр Дудчак.", "punctuation_next"),
    ("Решение досрочно прекратить допрос принял судья Владислав Девятко после того, как "
     "адвокат Януковича спросил об", " \n", "отпуске Порошенко на Мальдивах", "lowercase_next"),
    ("отпуске Порошенко на Мальдивах", "\n", ". По словам защиты, в течение этого времени о "
     "местонахождении президента не было известно.", "punctuation_next"),
    # russia_today_2 news:1
    ("Главный редактор RT", " \n", "Маргарита Симоньян отреагировала", "link_edge"),
    # russia_today_2 news:37, news:172
    ("В результате «контртеррористической» военной операции", " \n", "Израиля", "link_edge"),
    ("Как уточняет", " \n", "РИА Новости", "link_edge"),
    # russia_today_0 news:204, news:145
    ("Это больше наших солдат, нежели в Германии и во всех других европейских странах, вместе "
     "взятых»", "\n", "— отметил Андреев.", "dash_cue_next"),
    ("— Последнее ваше фото в", "\n", "Instagram — бэкстейдж со съёмки для глянцевого журнала.",
     "open_end"),
])
def test_lines_of_one_sentence_join(before, gap, after, rule):
    assert join_rule(before, gap, after) == rule


@pytest.mark.parametrize("before, gap, after", [
    # subheadings, with and without a trailing space (russia_today_2 news:0, russia_today_0
    # news:15, news:2, news:124, russia_today_2 news:215)
    ("Выгораживали президента", "\n", "Между тем Виталий Сердюк утверждает, что суд в целом "
     "пытался не дать допросить Петра Порошенко как свидетеля."),
    ("Закрались сомнения", " \n", "По итогам встречи Дональда Трампа и Владимира Путина 7 июля "
     "на саммите G20 в Гамбурге стороны договорились о прекращении огня."),
    ("Группа С", "\n", "Главным матчем этой группы и всего игрового дня стала встреча чехов и "
     "швейцарцев."),
    ("Президент против", "\n", "Ранее президент Молдавии Игорь Додон выступил против "
     "административно-территориальной реформы."),
    ("Boeing YAL-1", " \n", "Самолёт Boeing YAL-1 с лазерной установкой"),
    # a list (ng_1 news:216), a sentence that ends, a colon that opens a quote
    ("– предрасположенность к конформизму;", "\n",
     "– неверие в представительные органы власти, тяготение к исполнительным"),
    ("Однако вскоре после заключения соглашения Рада отстранила Януковича от власти.", " \n",
     "в Погранслужбе Украины заверили"),
    ("Глава МИД России Сергей Лавров заявил:", "\n", "«Мы готовы к диалогу»."),
    # a blank line between is a paragraph break
    ("Эксперты отмечают, что Порошенко, участвуя в процессе", "\n\n", "в режиме видеоконференции,"),
])
def test_headings_lists_and_ended_sentences_do_not_join(before, gap, after):
    assert join_rule(before, gap, after) is None
    # and what should join around them does
    assert join_rule("Главный редактор RT", " \n", "Маргарита Симоньян отреагировала")


def test_verse_lines_stay_lines():
    # ng_0 news:36: a poem whose sentences run over its lines
    poem = ("Во сне сегодня видел кошку,\nИ вот решил, что написать\nСтихотворение про кошку\n"
            "Необходимо. Если взять\nИ рассмотреть не просто\n кошку,\nА шредингерcкого кота,\n"
            "То понимаешь понемножку,\nЧто жизнь, она не так\xa0\nпроста.")
    text = f"Стихи о кошке\n\n{poem}\n\nВ понедельник Порошенко\n заявил\n, что суд подыгрывает."
    lines = body_lines(text)
    joined = [text[s:e] for s, e in sentence_lines(text, lines)]
    assert joined[:10] == [text[s:e] for s, e in lines[:10]]
    assert joined[10:] == ["В понедельник Порошенко\n заявил\n, что суд подыгрывает."]


# russia_today_2 news:1, as the dump gives it (shortened)
_RT_ARTICLE = (
    "Журналисту RT France отказали в аккредитации в Елисейском дворце\n\n"
    "Главный редактор RT \nМаргарита Симоньян отреагировала\n на отказ Елисейского дворца в "
    "аккредитации журналистов RT France.\n"
    "Председатель комиссии Совета Федерации по защите государственного суверенитета Андрей "
    "Климов \nзаявил\n, что к французским средствам массовой информации может быть применён "
    "принцип взаимности.\n"
    "Макрон против\n"
    "«Очевидно, откуда идёт сигнал. Сигнал идёт непосредственно от государства в лице президента "
    "Франции», — \nприводит\n слова Марии Захаровой издание Politico.\n")


def test_a_paragraph_holds_the_lines_of_one_sentence():
    layout = analyze_layout(_RT_ARTICLE)
    paragraphs = [_RT_ARTICLE[p.start:p.end] for p in layout.paragraphs]
    assert paragraphs[0] == ("Главный редактор RT \nМаргарита Симоньян отреагировала\n на отказ "
                             "Елисейского дворца в аккредитации журналистов RT France.")
    assert paragraphs[2] == "Макрон против"                       # a subheading stays apart
    assert paragraphs[3].startswith("«Очевидно") and paragraphs[3].endswith("Politico.")
    assert len(paragraphs) == 4


def test_a_cue_on_the_next_line_gives_its_quote_a_speaker(models):
    article = svodka.extract(_RT_ARTICLE, models=models)
    assert_spans_valid(article)
    found = [(q.text, q.kind, q.speaker_name) for q in article.quotes]
    assert ("Очевидно, откуда идёт сигнал. Сигнал идёт непосредственно от государства в лице "
            "президента Франции", "direct", "Мария Захарова") in found
    # the indirect quote's cue sits alone on its line, its "что" opens the next one
    assert ("к французским средствам массовой информации может быть применён принцип "
            "взаимности", "indirect", "Андрей Климов") in found
    names = {e.name for e in article.entities}
    assert "Маргарита Симоньян" in names


def test_a_quote_is_cut_at_the_newlines_of_its_paragraph(models):
    text = ("Политик высказался\n\n"
            "Глава МИД России Сергей Лавров \nзаявил\n, что Москва готова к диалогу с "
            "\nВашингтоном\n по всем вопросам двусторонней повестки.")
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    assert [(q.text, q.speaker_name) for q in article.quotes] == [
        ("Москва готова к диалогу с", "Сергей Лавров"),           # «Вашингтоном»: one word
        ("по всем вопросам двусторонней повестки", "Сергей Лавров")]


_LINE_WORDS = st.sampled_from([
    "Главный редактор RT", "Маргарита Симоньян отреагировала", "на отказ", ", что", "заявил",
    "«Очевидно, откуда идёт сигнал»", "— приводит", "слова Захаровой издание Politico.",
    "Макрон против", "Израиля", "в режиме видеоконференции,", "Фото: Reuters", "(", ")",
    "Порошенко боится", ". По словам защиты, суд подыгрывает.", "— Спасибо", "большое."])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_LINE_WORDS, st.sampled_from(["\n", " \n", "\n ", "\n\n", "\xa0\n"])),
                min_size=1, max_size=12))
def test_joined_paragraphs_keep_every_span_exact(models, lines):
    text = "Заголовок статьи\n\n" + "".join(line + gap for line, gap in lines)
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    for paragraph in article.paragraphs:
        piece = text[paragraph.start:paragraph.end]
        assert piece == piece.strip() and "\n\n" not in piece
    for quote in article.quotes:
        assert "\n" not in quote.text


def test_a_joined_paragraph_stays_bounded():
    # thousands of unpunctuated lowercase lines (a table, tags) do not make one region
    text = "Заголовок\n\n" + "слово и ещё слово в строке\n" * 2000
    paragraphs = analyze_layout(text).paragraphs
    assert len(paragraphs) > 1
    assert max(p.end - p.start for p in paragraphs) <= 5000
    assert sum(text[p.start:p.end].count("\n") + 1 for p in paragraphs) == 2000
