"""Reading: any bytes a scraper hands us become text with its metadata, or a clear rejection."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from svodka.errors import InputRejected
from svodka.reading import Document, Rejection, decode_bytes, detect_format, iter_documents, read_document

NEWS = "Министр заявил, что товарооборот вырос на 13%. «Это важный шаг», — сказал он журналистам."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_russian_text_decodes_from_every_common_encoding(encoding):
    news = NEWS.replace("«", '"').replace("»", '"').replace("—", "-")  # koi8-r has no «»—
    text, detected = decode_bytes(news.encode(encoding))
    assert text == news
    assert detected.startswith(encoding.split("-sig")[0])


def test_a_few_broken_utf8_bytes_are_repaired_not_misread_as_cp1251():
    data = NEWS.encode("utf-8")
    broken = data[:15] + b"\xff" + data[15:]
    text, detected = decode_bytes(broken)
    assert "repaired" in detected
    assert text.replace("\ufffd", "") == NEWS


def test_a_short_text_with_two_broken_bytes_is_still_text():
    data = "Москва ".encode() + b"\xff\xfe" + " сегодня заявил".encode()
    text, detected = decode_bytes(data)
    assert "repaired" in detected
    assert text == "Москва \ufffd\ufffd сегодня заявил"


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 20,
    b"\x00\x01\x02binary\x00payload" * 100,
    b"\x89PNG\r\n\x1a\n" + bytes(2000),
])
def test_binary_junk_is_rejected_with_a_reason(data):
    with pytest.raises(InputRejected) as error:
        read_document(data)
    assert error.value.reason == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n", "   ".encode("utf-16")])
def test_empty_input_is_rejected(data):
    with pytest.raises(InputRejected) as error:
        read_document(data)
    assert error.value.reason in {"empty", "binary"}


def test_html_goes_through_trafilatura_and_keeps_title_and_date():
    html = f"""<html><head><title>Посол приветствовал переговоры</title>
    <meta property="article:published_time" content="2025-11-27T10:00:00+05:00"></head>
    <body><nav>Главная | Новости</nav><article><h1>Посол приветствовал переговоры</h1>
    <p>{NEWS}</p><p>Второй абзац статьи о визовом режиме между Казахстаном и ЕС.</p></article>
    <footer>Все права защищены</footer></body></html>"""
    document = read_document(html.encode("utf-8"))
    assert document.format == "html"
    assert document.title == "Посол приветствовал переговоры"
    assert document.published == "2025-11-27"
    assert document.text.startswith("Посол приветствовал переговоры\n")
    assert "13%" in document.text and "Все права защищены" not in document.text


def test_html_without_an_article_is_a_clear_rejection():
    with pytest.raises(InputRejected) as error:
        read_document(b"<html><body><nav><a href='/'>Menu</a></nav></body></html>")
    assert error.value.reason == "no_article"


def test_jsonl_reads_the_news_fields_and_rejects_malformed_lines_without_losing_the_rest():
    lines = [
        json.dumps({"url": "https://example.ru/1", "title": "Заголовок", "content": NEWS}, ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://example.ru/2", "title": "Пусто", "content": ""}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Другой формат поля с текстом.", "date": "2024-03-01T12:00"}, ensure_ascii=False),
    ]
    items = list(iter_documents("\n".join(lines).encode("utf-8"), "feed.jsonl"))
    documents = [i for i in items if isinstance(i, Document)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [d.url for d in documents] == ["https://example.ru/1", None]
    assert documents[0].text == "Заголовок\n\n" + NEWS
    assert documents[1].published == "2024-03-01"
    assert [r.reason for r in rejections] == ["malformed_jsonl", "empty", "malformed_jsonl"]
    assert [r.locator for r in rejections] == ["line 2", "line 3", "line 4"]
    assert len(items) == len(lines)


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers))
    return buffer.getvalue()


def _page(title: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{NEWS}</p><p>Подробности сообщили в пресс-службе министерства.</p>"
            f"</article></body></html>")


def test_warc_response_records_become_documents():
    data = _warc([("https://example.ru/a", _page("Первая новость")),
                  ("https://example.ru/b", _page("Вторая новость"))])
    assert detect_format(data, "crawl.warc.gz") == "warc"
    items = list(iter_documents(data, "crawl.warc.gz"))
    assert [i.url for i in items] == ["https://example.ru/a", "https://example.ru/b"]
    assert all(isinstance(i, Document) and i.format == "warc" for i in items)


def test_truncated_warc_keeps_what_it_can_and_records_the_damage():
    whole = _warc([("https://example.ru/a", _page("Первая новость")),
                   ("https://example.ru/b", _page("Вторая новость"))])
    first_only = _warc([("https://example.ru/a", _page("Первая новость"))])
    cut = whole[: len(first_only) + (len(whole) - len(first_only)) // 2]
    items = list(iter_documents(cut, "cut.warc.gz"))
    assert isinstance(items[0], Document) and items[0].url == "https://example.ru/a"
    assert any(isinstance(i, Rejection) for i in items[1:])


def test_gzipped_plain_text_is_not_mistaken_for_warc():
    assert detect_format(gzip.compress(NEWS.encode()), "note.txt.gz") == "text"
