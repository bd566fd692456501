"""Reading: bytes from a file, stdin or a feed become :class:`Document` objects.

One entry point per shape of input; :func:`read_document` handles the single-article
case of ``svodka extract`` and :func:`iter_documents` the many-article formats.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from svodka.errors import InputRejected
from svodka.reading.decode import decode_bytes, without_nul
from svodka.reading.document import Document, Rejection
from svodka.reading.html import html_to_document, looks_like_html
from svodka.reading.jsonl import JsonFields, iter_jsonl
from svodka.reading.stream import (capped, is_jsonl_name, is_warc_name, iter_jsonl_stream,
                                   read_whole)
from svodka.reading.warc import iter_warc

__all__ = ["Document", "Rejection", "JsonFields", "read_document", "iter_documents",
           "iter_stream", "capped", "detect_format", "decode_bytes"]

WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"


def detect_format(data: bytes, name: str | None = None) -> str:
    """Guess ``text``, ``html``, ``jsonl`` or ``warc`` from a name and the first bytes."""
    lowered = (name or "").lower()
    for suffix, fmt in ((".warc", "warc"), (".warc.gz", "warc"), (".jsonl", "jsonl"),
                        (".jsonlines", "jsonl"), (".ndjson", "jsonl"), (".html", "html"),
                        (".htm", "html")):
        if lowered.endswith(suffix) or lowered.endswith(suffix + ".gz"):
            return fmt
    if data.startswith(WARC_MAGIC) or (data.startswith(GZIP_MAGIC) and b"WARC" in _gunzip_head(data)):
        return "warc"
    head = data[:2000].lstrip()
    if head.startswith(b"{") and b"\n" in data.strip():
        return "jsonl"
    try:
        text = head.decode("utf-8", errors="ignore")
    except Exception:
        return "text"
    return "html" if looks_like_html(text) else "text"


def _gunzip_head(data: bytes) -> bytes:
    import zlib
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read_document(data: bytes | str, input: str = "auto", path: str | None = None,
                  published: str | None = None) -> Document:
    """One article from raw bytes or text. ``input`` is ``text``, ``html`` or ``auto``."""
    if isinstance(data, bytes):
        if not data.strip():
            raise InputRejected("empty", "the input is empty")
        text, encoding = decode_bytes(data)
    else:
        text, encoding = without_nul(data), None
    if not text.strip():
        raise InputRejected("empty", "the input is empty or whitespace only")
    fmt = input if input != "auto" else ("html" if looks_like_html(text) else "text")
    if fmt == "html":
        document = html_to_document(text, path=path)
    elif fmt == "text":
        document = Document(text=text, format="text", path=path)
    else:
        raise InputRejected("bad_format", f"unknown input format {input!r}")
    document.encoding = encoding
    if published:
        document.published, document.published_from = published, "metadata"
    return document


def iter_documents(data: bytes, name: str | None = None, input: str = "auto",
                   fields: JsonFields | None = None) -> Iterator[Document | Rejection]:
    """Every article in one input of any supported format, rejections included."""
    fmt = detect_format(data, name) if input == "auto" else input
    if fmt == "warc":
        yield from iter_warc(io.BytesIO(data), path=name)
    elif fmt == "jsonl":
        yield from iter_jsonl(data.splitlines(), path=name, fields=fields)
    else:
        try:
            yield read_document(data, input=fmt, path=name)
        except InputRejected as error:
            yield Rejection(error.reason, error.message, name, None, data[:2000])


def iter_stream(stream: BinaryIO, name: str | None = None, input: str = "auto",
                fields: JsonFields | None = None) -> Iterator[Document | Rejection]:
    """Every article in a stream, in bounded memory: JSONL line by line, WARC record by
    record, anything else read whole up to a limit. Raises ``InputRejected`` (``too_large``)
    when a limit is met part-way; the articles before it have been yielded."""
    if input == "jsonl" or (input == "auto" and is_jsonl_name(name)):
        yield from iter_jsonl_stream(stream, name, fields)
    elif input == "warc" or (input == "auto" and is_warc_name(name)):
        yield from iter_warc(stream, path=name)
    else:
        yield from iter_documents(read_whole(stream), name, input, fields)
