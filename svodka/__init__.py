"""svodka: Russian news in, structured and verifiable facts out.

>>> import svodka
>>> article = svodka.extract("Посол подчеркнул, что диалог развивается.")
>>> article.to_dict()["quotes"]  # doctest: +SKIP
"""
import warnings

# pymorphy2 0.9.1 imports pkg_resources, which warns on every run; setuptools is pinned below 81
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

from svodka.errors import InputRejected, SvodkaError  # noqa: E402
from svodka.pipeline import article_id, extract, extract_document  # noqa: E402
from svodka.record import Amount, Article, DateRef, Dateline, Entity, Mention, Quote, Source, Span  # noqa: E402
from svodka.sentiment import MentionTone, tone  # noqa: E402

__version__ = "0.2.0"

__all__ = ["extract", "extract_document", "article_id", "Article", "Entity", "Mention",
           "Quote", "Amount", "DateRef", "Dateline", "Source", "Span", "InputRejected",
           "SvodkaError", "tone", "MentionTone", "__version__"]
