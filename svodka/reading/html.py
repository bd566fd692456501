"""HTML to text through trafilatura, keeping the title and date it finds."""
from __future__ import annotations

import re

from svodka.errors import InputRejected
from svodka.limits import MAX_HTML_CHARS
from svodka.reading.document import Document
from svodka.reading.provenance import date_in_html

# Menus and cookie banners survive extraction as a few words; an article has sentences.
_MIN_ARTICLE_LETTERS = 40
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:1000]))


def html_to_document(html: str, path: str | None = None, url: str | None = None,
                     fmt: str = "html") -> Document:
    import trafilatura  # heavy import, only when HTML actually arrives

    if len(html) > MAX_HTML_CHARS:
        raise InputRejected("too_large", f"an HTML page of {len(html):,} characters, over "
                                         f"{MAX_HTML_CHARS:,}")
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if sum(ch.isalpha() for ch in body) < _MIN_ARTICLE_LETTERS:
        raise InputRejected("no_article", "trafilatura found no article text in this HTML")
    title = (getattr(extracted, "title", None) or "").strip() or None
    # trafilatura's own date may be guessed from the text or a copyright line; only a date
    # the page states for the article is kept.
    stated = date_in_html(html)
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Document(text=text, format=fmt, path=path, url=url or getattr(extracted, "url", None),
                    title=title, published=stated[0] if stated else None,
                    published_from=stated[1] if stated else None)
