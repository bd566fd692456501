"""The analyst's web pages: Jinja2 templates and static files shipped inside the package.

Nothing is fetched from elsewhere: the pages work offline. Templates autoescape; the only
HTML built in Python is the highlighted article text (:mod:`svodka.web.highlight`), which
escapes every piece of article text itself.
"""
from __future__ import annotations

from pathlib import Path

from svodka.web.article_view import ArticleView, article_view, search_href
from svodka.web.chart import mentions_chart
from svodka.web.format import (amount_value, number, path_segment, plural, plural_word,
                               russian_date, type_label)

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

__all__ = ["TEMPLATES", "STATIC", "ArticleView", "article_view", "search_href",
           "mentions_chart", "amount_value", "number", "plural", "plural_word", "russian_date",
           "type_label", "path_segment"]
