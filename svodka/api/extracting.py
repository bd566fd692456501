"""Ad hoc extraction for ``POST /extract`` and the paste page: nothing is stored."""
from __future__ import annotations

import json
import logging
import re
import threading

from svodka.errors import InputRejected
from svodka.pipeline import extract_document
from svodka.reading import read_document
from svodka.record import Article

log = logging.getLogger(__name__)

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATE = re.compile(ISO_DATE)

# natasha's taggers are not documented as thread-safe, and one extraction already keeps a
# core busy: ad hoc extractions run one at a time while reads go on in parallel.
_extracting = threading.Lock()


def extract_text(data: str | bytes, published: str | None = None, input: str = "auto") -> Article:
    """Text, HTML or raw bytes to a record; :class:`InputRejected` for what cannot be read."""
    if published is not None and not _ISO_DATE.match(published):
        raise InputRejected("bad_date", f"published must be YYYY-MM-DD, got {published[:40]!r}")
    document = read_document(data, input=input, published=published)
    with _extracting:
        article = extract_document(document)
    log.info("extracted %s (%d chars)", article.id, len(article.text))
    return article


def parse_body(body: bytes, content_type: str) -> tuple[str | bytes, str | None, str]:
    """``(data, published, input format)`` from a request body of any accepted type."""
    content_type = content_type.split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise InputRejected("bad_json", f"the body is not valid JSON: {error}") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise InputRejected("bad_json", 'expected {"text": "...", "published": "YYYY-MM-DD"}')
        published = payload.get("published")
        if published is not None and not isinstance(published, str):
            raise InputRejected("bad_date", "published must be a string YYYY-MM-DD")
        input = payload.get("format", "auto")
        if input not in ("auto", "text", "html"):
            raise InputRejected("bad_format", "format must be auto, text or html")
        return payload["text"], published, input
    return body, None, "html" if content_type == "text/html" else "auto"


def public_record(article: Article, explain: bool = False) -> dict:
    """The contract's record; rule names only when asked, as ``svodka extract --explain``."""
    record = article.to_dict()
    if not explain:
        for group in ("quotes", "amounts", "dates"):
            for entry in record[group]:
                entry.pop("rule", None)
    return record
