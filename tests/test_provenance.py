"""Publication dates and sources at ingest: each date with its origin, never guessed; the
outlet as a domain; glued feed URLs repaired or set aside with a reason."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import svodka
from svodka.layout import analyze_layout
from svodka.reading import iter_documents, read_document
from svodka.reading.provenance import check_url, date_in_html, date_in_url, settle_date

RT_URL = "https://russian.rt.com/world/article/376514-ssha-udar-aviabaza-siriya-situaciya"
NG_URL = "http://www.ng.ru/ng_politics/2017-04-18/11_6976_apple.html"


@pytest.mark.parametrize("given, url, domain, problem", [
    (NG_URL, NG_URL, "ng.ru", None),
    (RT_URL, RT_URL, "russian.rt.com", None),
    # the RT feed glues its site onto every link
    ("https://russian.rt.comhttps://russian.rt.com/world/article/376514-ssha-udar-aviabaza-siriya-situaciya",
     RT_URL, "russian.rt.com", "repaired: the same site's URL was repeated"),
    # NG's AMP proxy carries the article's own address in a parameter: not glued, one outlet
    ("https://amp.ng.ru/?p=http://nvo.ng.ru/nvo/2018-03-16/1_988_damask.html",
     "https://amp.ng.ru/?p=http://nvo.ng.ru/nvo/2018-03-16/1_988_damask.html", "nvo.ng.ru", None),
    ("https://M.Lenta.ru/news/2019/05/06/x/", "https://M.Lenta.ru/news/2019/05/06/x/", "lenta.ru", None),
])
def test_urls_name_their_outlet(given, url, domain, problem):
    checked = check_url(given)
    assert (checked.url, checked.domain, checked.problem) == (url, domain, problem)


@pytest.mark.parametrize("given, reason", [
    ("https://russian.rt.comhttps://www.ng.ru/politics/2017-04-18/a.html", "several URLs run together"),
    ("javascript:alert(1)", "not a web address"),
    ("ng.ru/politics", "not a web address"),
])
def test_unrepairable_urls_are_set_aside_with_a_reason(given, reason):
    checked = check_url(given)
    assert checked.url is None and checked.domain is None
    assert checked.problem.startswith(reason)


@pytest.mark.parametrize("url, day", [
    (NG_URL, "2017-04-18"),
    ("https://amp.ng.ru/?p=http://www.ng.ru/cinematograph/2018-03-05/100_7185_oskar.html", "2018-03-05"),
    ("https://lenta.ru/news/2019/05/06/kreml/", "2019-05-06"),
    ("https://example.ru/2019-02-30/impossible.html", None),     # no such day
    (RT_URL, None),                                               # an id, not a date
    ("https://russian.rt.com/article/20171302-x", None),
])
def test_dates_in_urls(url, day):
    assert date_in_url(url) == day


def test_html_meta_before_json_ld_and_nothing_guessed():
    meta = '<meta property="article:published_time" content="2025-11-27T10:00:00+05:00">'
    json_ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
               '"datePublished": "2024-03-01T08:00:00Z"}]}</script>')
    assert date_in_html(f"<html><head>{meta}{json_ld}</head></html>") == ("2025-11-27", "html_meta")
    assert date_in_html(f"<html><head>{json_ld}</head></html>") == ("2024-03-01", "json_ld")
    # a year in a copyright line is no publication date
    assert date_in_html("<html><body><p>© 2005–2025 Новая газета</p></body></html>") is None


def test_order_metadata_then_url_then_page():
    assert settle_date("2017-04-20", "metadata", NG_URL) == ("2017-04-20", "metadata")
    assert settle_date("2017-05-01", "html_meta", NG_URL) == ("2017-04-18", "url")
    assert settle_date("2017-05-01", "json_ld", RT_URL) == ("2017-05-01", "json_ld")
    assert settle_date(None, None, RT_URL) == (None, None)


def test_feed_lines_become_dated_records_with_their_origin(models):
    feed = "\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"url": "https://amp.ng.ru/?p=" + NG_URL, "title": "Молодежное «Яблоко»",
         "content": "Многие интересуются, зачем нужна «Яблоку» молодежная фракция."},
        {"url": "https://russian.rt.comhttps://" + RT_URL[8:], "title": "Удар по авиабазе",
         "content": "США нанесли ракетный удар по сирийской авиабазе Шайрат."},
    ]).encode("utf-8")
    ng, rt = (svodka.extract_document(d, models=models) for d in iter_documents(feed, "feed.jsonl"))
    assert (ng.published, ng.published_from, ng.source.domain) == ("2017-04-18", "url", "ng.ru")
    assert (rt.published, rt.published_from) == (None, None)
    assert (rt.source.url, rt.source.domain) == (RT_URL, "russian.rt.com")
    assert rt.source.url_problem.startswith("repaired")
    assert svodka.Article.from_dict(rt.to_dict()) == rt


def test_dateline_dates_an_article_when_nothing_else_does(models):
    text = "МОСКВА, 27 ноября 2025 — РИА Новости. Правительство утвердило план."
    article = svodka.extract(text, models=models)
    assert (article.published, article.published_from) == ("2025-11-27", "dateline")
    given = svodka.extract_document(read_document(text, published="2025-11-28"), models=models)
    assert (given.published, given.published_from) == ("2025-11-28", "metadata")


def test_the_outlets_sign_off_in_a_quote_is_not_a_mention_of_it(models):
    # RT's pages split an editor's note "(… — RT)" onto lines of its own
    text = ("Переговоры по безопасности\n"
            "Глава МИД Великобритании Борис Джонсон заявил журналистам:\n"
            "«Это (обсуждение киберугрозы со стороны России. —\n"
            "RT\n"
            ") было частью дискуссии на этой встрече».\n"
            "Телеканал RT обратился за комментарием в посольство.")
    kinds = {c.text: c.kind for c in analyze_layout(text).credits}
    assert kinds == {"RT": "signoff"}
    article = svodka.extract(text, models=models)
    rt = [e for e in article.entities if e.name == "RT"]
    assert rt, [e.name for e in article.entities]           # the real mention is still found
    # the kind noun before the name is a title mention of it ("Телеканал RT"), the sign-off none
    assert [article.text[m.start:m.end + 12] for m in rt[0].mentions if m.kind == "name"] \
        == ["RT обратился з"]
    assert [article.text[m.start:m.end] for m in rt[0].mentions if m.kind == "title"] \
        == ["Телеканал"]


def test_ingest_summary_counts_undated_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"url": NG_URL, "title": "Молодежное «Яблоко»",
         "content": "Многие интересуются, зачем нужна «Яблоку» молодежная фракция."},
        {"url": RT_URL, "title": "Удар по авиабазе",
         "content": "США нанесли ракетный удар по сирийской авиабазе Шайрат."},
    ]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "svodka", "ingest", str(feed), "--db",
                           str(tmp_path / "s.db"), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "stored 2" in done.stdout and "1 of the stored undated" in done.stdout


def test_an_editors_note_signed_inline_is_not_a_mention_of_the_outlet(models):
    text = ("«Процесс уже начался, и его (объединение с Румынией. – «НГ») не остановить», – "
            "заявил депутат. Об этом «НГ» рассказал источник в парламенте Молдавии.")
    article = svodka.extract(text, models=models)
    outlet = [e for e in article.entities if e.name == "НГ"]
    assert outlet, [e.name for e in article.entities]     # the real mention is still found
    assert [text[m.start - 6:m.end] for m in outlet[0].mentions] == ["этом «НГ"]


def test_an_editors_note_without_a_full_stop_is_not_a_mention_of_the_outlet(models):
    # from ng_1: notes NG signs inside quotes with no full stop before the dash
    text = ("Премьер Тереза Мэй заявила: «Тогда я вернусь в эту палату (Палату общин – «НГ»), "
            "чтобы доложить». Патриарх Неофит (глава Болгарской православной церкви – «НГ») "
            "поехал в Софию. Об этом «НГ» рассказал источник в правительстве.")
    article = svodka.extract(text, models=models)
    outlet = [e for e in article.entities if e.name == "НГ"]
    assert outlet, [e.name for e in article.entities]     # the real mention is still found
    assert [text[m.start - 6:m.end] for m in outlet[0].mentions] == ["этом «НГ"]


def test_a_dash_between_two_names_in_brackets_stays_a_mention():
    from svodka.layout.boilerplate import is_editorial_signoff

    text = "Вечером сыграли (матч ЦСКА – «Зенит») и (Тель-Авив – «НГ») без перерыва."
    zenit = text.index("Зенит")
    assert not is_editorial_signoff(text, zenit, zenit + len("Зенит"))
    signed = text.index("НГ")
    assert is_editorial_signoff(text, signed, signed + 2)
