"""svodka: Russian news in, structured and verifiable facts out.

>>> import svodka
>>> article = svodka.extract("Посол подчеркнул, что диалог развивается.")
>>> article.to_dict()["quotes"]  # doctest: +SKIP
"""
import warnings

# pymorphy2 0.9.1 imports pkg_resources, which warns on every run; setuptools is pinned below 81
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

from svodka.errors import InputRejected, SvodkaError  # noqa: E402
from svodka.record import Amount, Article, DateRef, Dateline, Entity, Mention, Quote, Source, Span  # noqa: E402

# The pipeline and tone load numpy (through the analysis); importing them on first use lets
# `svodka.cli` choose one BLAS thread per process before numpy starts its pool.
_LAZY = {"extract": "svodka.pipeline", "extract_document": "svodka.pipeline",
         "article_id": "svodka.pipeline", "tone": "svodka.sentiment",
         "MentionTone": "svodka.sentiment"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'svodka' has no attribute {name!r}")

__version__ = "0.2.0"

__all__ = ["extract", "extract_document", "article_id", "Article", "Entity", "Mention",
           "Quote", "Amount", "DateRef", "Dateline", "Source", "Span", "InputRejected",
           "SvodkaError", "tone", "MentionTone", "__version__"]
