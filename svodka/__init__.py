"""svodka: Russian news in, structured and verifiable facts out.

>>> import svodka
>>> article = svodka.extract("Посол подчеркнул, что диалог развивается.")
>>> article.to_dict()["quotes"]  # doctest: +SKIP
"""
from svodka.errors import InputRejected, SvodkaError
from svodka.pipeline import article_id, extract, extract_document
from svodka.record import Amount, Article, DateRef, Dateline, Entity, Mention, Quote, Source, Span
from svodka.sentiment import MentionTone, tone

__version__ = "0.2.0"

__all__ = ["extract", "extract_document", "article_id", "Article", "Entity", "Mention",
           "Quote", "Amount", "DateRef", "Dateline", "Source", "Span", "InputRejected",
           "SvodkaError", "tone", "MentionTone", "__version__"]
