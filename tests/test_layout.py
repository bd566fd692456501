"""Layout: headline, credits, dateline and paragraphs of articles as scrapers hand them over."""
from __future__ import annotations

import pytest

from svodka.layout import analyze_layout, is_credit


def _text(span, text):
    return text[span.start:span.end]


@pytest.mark.parametrize("line, place, date, agency", [
    ("Брюссель. 27 ноября. KAZAKHSTAN TODAY - В Брюсселе состоялось выступление.",
     "Брюссель", "--11-27", "KAZAKHSTAN TODAY"),
    ("МОСКВА, 27 ноя — РИА Новости. Президент подписал указ.", "Москва", "--11-27", "РИА Новости"),
    ("27 ноября. ТАСС. Правительство утвердило программу.", None, "--11-27", "ТАСС"),
    ("САНКТ-ПЕТЕРБУРГ, 3 марта. /ТАСС/. Губернатор провел совещание.", "Санкт-Петербург",
     "--03-03", "ТАСС"),
    ("Астана, 14 октября 2025 года - Министр провел совещание.", "Астана", "2025-10-14", None),
])
def test_datelines_in_their_common_russian_forms(line, place, date, agency):
    text = f"Заголовок новости\n\n{line}"
    layout = analyze_layout(text)
    assert layout.dateline is not None
    assert (layout.dateline.place, layout.dateline.date, layout.dateline.agency) == (place, date, agency)
    first = layout.paragraphs[0]
    assert text[first.start].isupper()  # the article proper starts after the dateline separator


@pytest.mark.parametrize("line", [
    "В понедельник 28 июня у здания мэрии Москвы состоялась акция.",
    "Москва. Это город, где 5 марта прошла встреча.",
    "27 человек пострадали в ДТП.",
])
def test_ordinary_first_sentences_are_not_datelines(line):
    assert analyze_layout(f"Заголовок\n\n{line}").dateline is None


@pytest.mark.parametrize("line, credit", [
    ("Фото: МИД РК", True),
    ("Фото пресс-службы Акимата Астаны", True),
    ("Источник: пресс-служба правительства", True),
    ("Читайте также: Токаев провел переговоры", True),
    ("Фото РИА Новости / Сергей Иванов", True),
    ("Фотограф рассказал, как снимал протесты.", False),
    ("Источники в правительстве сообщили о переговорах.", False),
])
def test_credit_lines(line, credit):
    assert is_credit(line) is credit


def test_sample_article_layout(sample_text):
    layout = analyze_layout(sample_text)
    assert _text(layout.headline, sample_text) == sample_text.splitlines()[0]
    assert [c.text for c in layout.credits] == ["Фото: МИД РК"]
    assert (layout.dateline.place, layout.dateline.date, layout.dateline.agency) == (
        "Брюссель", "--11-27", "KAZAKHSTAN TODAY")
    assert len(layout.paragraphs) == 8
    assert sample_text[layout.paragraphs[0].start:].startswith("В Брюсселе состоялось")
    for paragraph in layout.paragraphs:
        assert "\n" not in sample_text[paragraph.start:paragraph.end]


def test_a_first_line_ending_with_a_period_is_body_not_headline():
    text = "Министр провел совещание.\nВторой абзац."
    layout = analyze_layout(text)
    assert layout.headline is None
    assert len(layout.paragraphs) == 2


def test_single_line_text_has_no_headline():
    layout = analyze_layout("Коротко о главном")
    assert layout.headline is None and len(layout.paragraphs) == 1


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "Фото: ТАСС"])
def test_degenerate_inputs(text):
    layout = analyze_layout(text)
    assert all(p.end > p.start for p in layout.paragraphs)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(credit.kind, credit.text) for credit in analyze_layout(text).credits]


def test_a_photo_agency_line_is_a_credit_and_the_line_before_it_its_caption():
    text = ("Канцлер прибыла на саммит G20 в Гамбурге.\n"
            "Ангела Меркель\n"
            "Reuters\n"
            "«Делегации сами решают, кто будет сидеть за столом», — сказал представитель.")
    assert _kinds(text) == [("caption", "Ангела Меркель"), ("credit", "Reuters")]


def test_a_teaser_keeps_its_linked_headline_and_lead():
    text = ("Министр подчеркнул, что меры носят ответный характер.\n"
            "Также по теме\n"
            "Медийное зазеркалье: в США усомнились в справедливости закона о СМИ-иноагентах\n"
            "Меры, принятые Москвой, не являются зеркальными, заявили в Госдепартаменте...\n"
            "В пятницу закон подписал президент.")
    assert [kind for kind, _ in _kinds(text)] == ["teaser"] * 3
    assert text[analyze_layout(text).paragraphs[-1].start:].startswith("В пятницу")


def test_an_embedded_tweet_is_its_text_signature_and_date():
    text = ("«Я решил бойкотировать финал Кубка мира в России», — написал биатлонист.\n"
            "Har bestämt mig för att bojkotta VC-avslutningen i Ryssland.\n"
            "— Sebastian Samuelsson (@SebbeSamuelsson) \n"
            "6 марта 2018 г.\n"
            "Ранее от этапа отказались спортсмены из США.")
    assert [kind for kind, _ in _kinds(text)] == ["embed"] * 3


def test_a_tweets_lines_before_its_link_line_are_part_of_it():
    # analyst read 2026-12m: the link line is seen first, the dialogue above it stayed prose
    text = ("А накануне американский лидер обронил загадочную фразу.\n"
            "TRUMP: \"Maybe it's the calm before the storm.\"\n"
            "REPORTER: \"What storm Mr. President?\"\n"
            "TRUMP: \"You'll find out.\"      (via Satellite News) \n"
            "pic.twitter.com/bWMzGrDPNa\n"
            "— Kyle Griffin (@kylegriffin1) \n"
            "October 5, 2017\n"
            "«Вы узнаете», — ответил он журналистам.")
    assert [kind for kind, _ in _kinds(text)] == ["embed"] * 6
    paragraphs = analyze_layout(text).paragraphs
    assert [text[p.start:p.end][:6] for p in paragraphs] == ["А нака", "«Вы уз"]


def test_page_script_left_in_the_text_is_code():
    text = ("Бой пройдёт в Москве 3 февраля.\n"
            ' jwplayer.key="kESrsgULvYO7r2MfUelqj3vs+2i8JdQBqjGNmA==";\n'
            ' jwplayer("js-mediaplayer-5a73").setup({ advertising: (function() {\n'
            "Билеты уже поступили в продажу.")
    assert [kind for kind, _ in _kinds(text)] == ["code", "code"]


@pytest.mark.parametrize("text", [
    # a link the scraper split out of a sentence: "(Меркель. — RT)" inside a quote
    "«Ангела М. (Меркель. —\nRT\n) с этим согласна», — написал он.",
    # a short line of prose between prose lines
    "Переговоры прошли в столице Украины.\nКиев\nнастаивает на продлении мандата миссии.",
    # braces in prose are not code
    "В множество {1, 2, 3} входят три числа.\nЭто известно всем.",
])
def test_prose_is_not_taken_for_boilerplate(text):
    assert _kinds(text) == []
