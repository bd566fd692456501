"""Ad hoc extraction for ``POST /extract`` and the paste page: nothing is stored.

Extraction is the one costly thing a client can ask for, so it is bounded three ways: the
text's length (``ServerLimits.max_chars``), one extraction at a time with a bounded wait
for the slot (then 503), and a client that has left is not served at all.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from datetime import date

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from svodka.api.guard import ServerLimits
from svodka.errors import InputRejected
from svodka.limits import check_length
from svodka.pipeline import extract_document
from svodka.reading import Document, read_document
from svodka.record import Article

log = logging.getLogger(__name__)

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATE = re.compile(ISO_DATE)
_POLL_SECONDS = 0.05

# natasha's taggers are not documented as thread-safe, and one extraction already keeps a
# core busy: ad hoc extractions run one at a time while reads go on in parallel.
EXTRACTION_SLOT = threading.Lock()


def check_published(published: str | None) -> None:
    if published is None:
        return
    try:
        valid = bool(_ISO_DATE.match(published)) and bool(date.fromisoformat(published))
    except ValueError:
        valid = False
    if not valid:
        raise InputRejected("bad_date", f"published must be a date YYYY-MM-DD, got "
                                        f"{published[:40]!r}")


def read_text(data: str | bytes, published: str | None, input: str, max_chars: int) -> Document:
    """The document to extract, or :class:`InputRejected` for what cannot be one."""
    check_published(published)
    if isinstance(data, str):
        check_length(data, max_chars)   # before decoding work on a hostile body
    document = read_document(data, input=input, published=published)
    check_length(document.text, max_chars)
    return document


async def extract_for(request: Request, data: str | bytes, published: str | None = None,
                      input: str = "auto") -> Article:
    """Extract for a client that is still there, within the app's limits.

    Raises :class:`InputRejected` (422), ``HTTPException(503)`` when the slot stays busy,
    and ``ClientDisconnect`` when the client has gone.
    """
    limits: ServerLimits = request.app.state.limits
    document = await run_in_threadpool(read_text, data, published, input, limits.max_chars)
    deadline = time.monotonic() + limits.extract_wait_seconds
    while not EXTRACTION_SLOT.acquire(blocking=False):
        if await request.is_disconnected():
            raise ClientDisconnect()
        if time.monotonic() > deadline:
            raise HTTPException(503, "Сервер занят другим извлечением; повторите позже "
                                     "(another extraction is running)",
                                headers={"Retry-After": "10"})
        await asyncio.sleep(_POLL_SECONDS)
    try:
        if await request.is_disconnected():
            raise ClientDisconnect()
        article = await run_in_threadpool(extract_document, document)
    finally:
        EXTRACTION_SLOT.release()
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
        except RecursionError:
            raise InputRejected("bad_json", "the body is JSON nested too deeply") from None
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
