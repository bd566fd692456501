"""WARC and WARC.gz: HTML response records become documents; a truncated tail becomes a rejection."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from svodka.errors import InputRejected
from svodka.reading.decode import decode_bytes
from svodka.reading.document import Document, Rejection
from svodka.reading.html import html_to_document


def iter_warc(stream: BinaryIO, path: str | None = None) -> Iterator[Document | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as error:  # warcio raises several types on a cut-off archive
            yield Rejection("truncated_warc", f"unreadable WARC record: {error}", path,
                            f"offset {records.offset}" if hasattr(records, "offset") else None)
            return
        if record.rec_type != "response":
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
        content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
        if content_type and "html" not in content_type.lower():
            continue
        locator = url or f"offset {records.get_record_offset()}"
        try:
            payload = record.content_stream().read()
            html, _ = decode_bytes(payload)
            document = html_to_document(html, path=path, url=url, fmt="warc")
        except InputRejected as error:
            yield Rejection(error.reason, error.message, path, locator)
            continue
        except Exception as error:
            yield Rejection("truncated_warc", f"{type(error).__name__}: {error}", path, locator)
            continue
        document.published = document.published or date
        yield document
