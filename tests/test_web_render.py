"""The pieces of the web pages that need no server: Russian formatting, highlighting, charts."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from svodka.record import Amount, Article, DateRef, Entity, Mention, Quote, Span
from svodka.web import article_view, mentions_chart, russian_date
from svodka.web.chart import fill_months
from svodka.web.format import amount_value, number, plural
from svodka.web.highlight import Mark, highlight, split_blocks


@pytest.mark.parametrize("value, expected", [
    ("2025-11-27", "27 ноября 2025 г."),
    ("2024-03-01", "1 марта 2024 г."),
    ("2025-11-27T10:00:00", "27 ноября 2025 г."),
    ("2024-05", "май 2024 г."),
    ("2024", "2024 г."),
    ("2024/2025", "2024–2025 гг."),
    ("--11-27", "27 ноября"),
    ("2025-01-10/2025-01-12", "10 января 2025 г. – 12 января 2025 г."),
    (None, "—"),
    ("когда-нибудь", "когда-нибудь"),
])
def test_dates_read_as_written_in_russia(value, expected):
    assert russian_date(value) == expected


@pytest.mark.parametrize("amount, expected", [
    ({"kind": "money", "value": 50_000_000_000, "unit": "USD", "approx": "about"},
     "около 50\u202f000\u202f000\u202f000 USD"),
    ({"kind": "percent", "value": 18, "unit": None, "approx": "exact"}, "18 %"),
    ({"kind": "share", "value": 21, "of": 34, "approx": "exact"}, "21 из 34"),
    ({"kind": "count", "value": 5, "to": 7, "approx": "range"}, "от 5 до 7"),
    ({"kind": "count", "value": 6.5e6, "unit": "т", "approx": "over"},
     "более 6\u202f500\u202f000 т"),
    ({"kind": "other", "value": 2.25, "approx": "exact"}, "2,25"),
])
def test_amounts_show_their_normalized_value(amount, expected):
    assert amount_value(amount) == expected


@pytest.mark.parametrize("count, expected", [
    (1, "1 цитата"), (2, "2 цитаты"), (5, "5 цитат"), (11, "11 цитат"), (21, "21 цитата"),
    (104, "104 цитаты"), (1000, "1\u202f000 цитат"),
])
def test_nouns_agree_with_numbers(count, expected):
    assert plural(count, "цитата", "цитаты", "цитат") == expected


def test_number_groups_digits():
    assert number(1234567) == "1\u202f234\u202f567"
    assert number(0.5) == "0,5"


class _Balance(HTMLParser):
    """Checks that every opened inline element is closed in order."""
    VOID = {"br"}

    def __init__(self):
        super().__init__()
        self.stack, self.ids = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        self.ids += [value for name, value in attrs if name == "id"]

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()


def _balanced(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    assert parser.stack == []
    return parser


def _visible_text(html: str) -> str:
    import html as html_lib
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html.replace("<br>\n", "\n")))


TEXT = ('Министр заявил: "Порт Актау примет 6,5 млн тонн грузов".\n\n'
        'Как сообщил Нурлан Сауранбаев, работы начнутся в 2026 году.')


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


QUOTE, PORT, AMOUNT = at("Порт Актау примет 6,5 млн тонн грузов"), at("Актау"), at("6,5 млн тонн")
ACROSS = (AMOUNT[0], QUOTE[1] + 3)             # from inside the quote to past its end
BLOCKS = (at("заявил")[0], at("Нурлан")[1])    # from the first paragraph into the second


@pytest.mark.parametrize("marks", [
    [Mark(*QUOTE, "quote", anchor="q"), Mark(*PORT, "ent", tag="a", href="/e/1")],
    [Mark(*QUOTE, "quote"), Mark(*ACROSS, "amount")],
    [Mark(*BLOCKS, "quote"), Mark(0, 12, "x"), Mark(BLOCKS[1] - 3, BLOCKS[1] + 5, "y")],
    [Mark(0, len(TEXT), "all"), Mark(0, len(TEXT), "same")],
])
def test_overlapping_marks_nest_or_split_and_keep_the_text(marks):
    html = highlight(TEXT, marks)
    parser = _balanced(html)
    assert len(parser.ids) == len(set(parser.ids))
    blocks = [TEXT[b.start:b.end] for b in split_blocks(TEXT)]
    assert _visible_text(html) == "\n".join(blocks)


def test_a_split_mark_keeps_its_anchor_on_the_first_piece_only():
    html = highlight(TEXT, [Mark(*QUOTE, "quote"), Mark(*ACROSS, "amount", anchor="a")])
    assert html.count('id="a"') == 1
    assert html.count('class="amount"') == 2
    html = highlight(TEXT, [Mark(*BLOCKS, "quote", anchor="q")])
    assert html.count('id="q"') == 1 and html.count('class="quote"') == 2


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;b&gt; & </p>"])
def test_article_text_is_always_escaped(hostile):
    text = f"Заголовок {hostile}\n\nАбзац {hostile} и ещё {hostile}."
    html = highlight(text, [Mark(0, len(text), "quote", title=hostile)])
    assert "<script" not in html and "<img" not in html
    assert _visible_text(html).replace("\n", "") == text.replace("\n\n", "")


def test_blank_lines_separate_blocks_and_the_headline_is_recognized():
    text = "Заголовок\n\nФото: ТАСС\n  \n\nПервая строка\nвторая строка\n\n\n"
    blocks = split_blocks(text, headline=(0, 9), credits=((11, 21),))
    assert [(text[b.start:b.end], b.kind) for b in blocks] == [
        ("Заголовок", "headline"), ("Фото: ТАСС", "credit"),
        ("Первая строка\nвторая строка", "paragraph")]


def test_a_paragraph_the_layout_found_on_its_own_line_is_its_own_block():
    text = "Первый абзац.\nВторой абзац,\nперенесённый на строку.\n\nТретий."
    starts = frozenset({0, text.index("Второй"), text.index("Третий")})
    assert [text[b.start:b.end] for b in split_blocks(text, paragraph_starts=starts)] == [
        "Первый абзац.", "Второй абзац,\nперенесённый на строку.", "Третий."]


def _article() -> Article:
    text = ('Сауранбаев пообещал удвоить грузооборот\n\n'
            '"Мы удвоим этот показатель к 2027 году", - заявил Нурлан Сауранбаев. '
            'Объем инвестиций превысит 120 млрд тенге.')
    def span(fragment):
        start = text.index(fragment)
        return start, start + len(fragment)
    name, quote = span("Нурлан Сауранбаев"), span("Мы удвоим этот показатель к 2027 году")
    amount, year = span("120 млрд тенге"), span("2027 году")
    return Article(
        id="a1", text=text, headline=Span(0, 39, text[:39]),
        entities=[Entity("e1", "PER", "Нурлан Сауранбаев", ["Сауранбаев"], ["министр транспорта"],
                         [Mention(*name, text[slice(*name)], "Нурлан Сауранбаев")])],
        quotes=[Quote(*quote, text[slice(*quote)], "direct", "e1", "Нурлан Сауранбаев", "заявил")],
        amounts=[Amount(*amount, text[slice(*amount)], "money", 120e9, "KZT", "over")],
        dates=[DateRef(*year, text[slice(*year)], "year", "2027")])


def test_article_view_marks_every_fact_and_links_the_panel_to_it():
    view = article_view(_article(), lambda entity: f"/entities/x-{entity.id}")
    _balanced(view.html)
    assert '<a class="ent ent-PER mention-name" id="m' in view.html
    assert 'title="персона: Нурлан Сауранбаев"' in view.html
    assert 'class="speaker-tag" href="/entities/x-e1"' in view.html
    assert 'title="более 120\u202f000\u202f000\u202f000 KZT"' in view.html
    assert 'title="2027 г."' in view.html
    ids = set(_balanced(view.html).ids)
    for item in view.entities + view.quotes + view.amounts + view.dates:
        assert item.anchor in ids
    assert view.quotes[0].detail == "Нурлан Сауранбаев"
    assert view.quotes[0].href == "/entities/x-e1"


def test_a_pasted_article_links_names_to_a_corpus_search():
    view = article_view(_article())
    assert 'href="/search?q=%D0%9D%D1%83%D1%80%D0%BB%D0%B0%D0%BD' in view.html


def test_a_search_hit_is_marked_with_an_anchor():
    article = _article()
    view = article_view(article, hit=(41, 60))
    assert '<mark class="hit" id="hit">' in view.html
    assert 'id="hit"' not in article_view(article, hit=(5, 10_000)).html


def test_the_mentions_chart_fills_empty_months():
    series = fill_months([("2024-01", 3), ("2025-02", 1), ("bad", 9)])
    assert len(series) == 14 and series[0] == ("2024-01", 3) and series[-1] == ("2025-02", 1)
    assert series[11:13] == [("2024-12", 0), ("2025-01", 0)]
    short = fill_months([("2025-02", 2)])   # a short history gets a year of context
    assert len(short) == 12 and short[0] == ("2024-03", 0) and short[-1] == ("2025-02", 2)
    svg = mentions_chart([("2024-11", 3), ("2025-02", 1)])
    assert svg.startswith("<svg") and svg.count("<rect") == 12
    assert "ноябрь 2024 г.: 3 упоминания" in svg
    assert svg.endswith(">фев 2025</text></svg>")   # the latest month is labelled
    assert mentions_chart([]) == ""


def test_the_sample_article_renders_with_valid_markup(sample_article):
    view = article_view(sample_article)
    parser = _balanced(view.html)
    assert len(parser.ids) == len(set(parser.ids))
    assert "Брюссель" in view.html
