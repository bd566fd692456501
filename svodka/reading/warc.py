"""WARC and WARC.gz: HTML response records become documents; a truncated tail becomes a rejection.

warcio stops quietly at a gzip member cut short, so damage is detected three ways: an
exception while iterating, a record whose digest fails or cannot be checked because its
block is incomplete, and bytes left over after the last record it could read.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from svodka.errors import InputRejected
from svodka.limits import MAX_DOCUMENT_BYTES
from svodka.reading.decode import decode_bytes
from svodka.reading.document import Document, Rejection
from svodka.reading.html import html_to_document

# A gzip or record separator may leave a few unread bytes after the last record.
_TRAILING_SLACK = 8


def _stream_size(stream: BinaryIO) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        pass
    try:
        here = stream.tell()
        size = stream.seek(0, os.SEEK_END)
        stream.seek(here)
        return size
    except (AttributeError, OSError, ValueError):
        return None


def _incomplete(record) -> bool:
    checker = getattr(record, "digest_checker", None)
    if checker is None:
        return False
    if checker.passed is False:
        return True
    has_digest = record.rec_headers.get_header("WARC-Payload-Digest") or \
        record.rec_headers.get_header("WARC-Block-Digest")
    return checker.passed is None and bool(has_digest)


def iter_warc(stream: BinaryIO, path: str | None = None) -> Iterator[Document | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    size = _stream_size(stream)
    records = ArchiveIterator(stream, check_digests=True)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # warcio raises several types on a cut-off archive
            yield Rejection("truncated_warc", f"unreadable WARC record: {type(error).__name__}",
                            path, f"offset {records.offset}")
            return
        if record.rec_type != "response":
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
        content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
        locator = url or f"offset {records.get_record_offset()}"
        try:
            payload = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
        except Exception as error:
            yield Rejection("truncated_warc", f"{type(error).__name__}: {error}", path, locator)
            continue
        if len(payload) > MAX_DOCUMENT_BYTES:
            yield Rejection("too_large", f"a record over {MAX_DOCUMENT_BYTES:,} bytes", path,
                            locator, payload[:2000])
            continue
        if _incomplete(record):
            yield Rejection("truncated_warc", "the record's block is incomplete or fails its digest",
                            path, locator, payload[:2000])
            continue
        if content_type and "html" not in content_type.lower():
            continue
        try:
            html, _ = decode_bytes(payload)
            document = html_to_document(html, path=path, url=url, fmt="warc")
        except InputRejected as error:
            yield Rejection(error.reason, error.message, path, locator, payload[:2000])
            continue
        if not document.published and date:
            document.published, document.published_from = date, "warc_date"
        yield document
    if size is not None and size - records.offset > _TRAILING_SLACK:
        yield Rejection("truncated_warc",
                        f"{size - records.offset} bytes after offset {records.offset} "
                        "hold no readable record", path, f"offset {records.offset}")
