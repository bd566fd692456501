"""Documents from a stream: JSONL and WARC are read record by record, other formats whole
up to a limit, and a decompressed stream stops at a size and an expansion limit.

Memory stays bounded by the limits in :mod:`svodka.limits`, whatever the input's size.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from svodka.errors import InputRejected
from svodka.limits import (EXPANSION_ALLOWANCE, MAX_DOCUMENT_BYTES, MAX_EXPANSION,
                           MAX_LINE_BYTES, MAX_MEMBER_BYTES)
from svodka.reading.document import Document, Rejection
from svodka.reading.jsonl import JsonFields, iter_jsonl
from svodka.reading.warc import iter_warc

JSONL_SUFFIXES = (".jsonl", ".jsonlines", ".ndjson")
_CHUNK = 1024 * 1024


class CappedStream(io.RawIOBase):
    """A decompressing reader that raises ``too_large`` past ``max_bytes`` or past
    ``max_expansion`` times ``compressed_size`` (when known): a bomb is never unpacked."""

    def __init__(self, raw: BinaryIO, name: str, compressed_size: int | None = None,
                 max_bytes: int = MAX_MEMBER_BYTES, max_expansion: int = MAX_EXPANSION):
        self.raw = raw
        self.name = name
        self.produced = 0
        self.limit = max_bytes
        self.expansion_limit = None
        if compressed_size is not None:
            self.expansion_limit = max(compressed_size * max_expansion, EXPANSION_ALLOWANCE)
        self.compressed_size = compressed_size
        self.max_expansion = max_expansion

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        self.produced += len(data)
        if self.produced > self.limit:
            raise InputRejected("too_large", f"decompresses to over {self.limit:,} bytes")
        if self.expansion_limit is not None and self.produced > self.expansion_limit:
            raise InputRejected("too_large", f"expands more than {self.max_expansion}-fold "
                                f"from {self.compressed_size:,} compressed bytes "
                                "(a compression bomb?)")
        buffer[:len(data)] = data
        return len(data)


def capped(raw: BinaryIO, name: str, compressed_size: int | None = None) -> BinaryIO:
    return io.BufferedReader(CappedStream(raw, name, compressed_size), _CHUNK)


def read_whole(stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """All of a stream that holds one document; ``too_large`` past ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputRejected("too_large", f"over {limit:,} bytes for one document")
    return data


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes; ``None`` stands for a longer line, skipped unread."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def iter_jsonl_stream(stream: BinaryIO, path: str | None = None,
                      fields: JsonFields | None = None) -> Iterator[Document | Rejection]:
    return iter_jsonl(bounded_lines(stream), path, fields)


def is_jsonl_name(name: str | None) -> bool:
    lowered = (name or "").lower().removesuffix(".gz")
    return lowered.endswith(JSONL_SUFFIXES)


def is_warc_name(name: str | None) -> bool:
    return (name or "").lower().removesuffix(".gz").endswith(".warc")
