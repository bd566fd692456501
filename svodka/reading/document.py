"""What a reader hands to the pipeline: decoded text plus the metadata the input carried."""
from __future__ import annotations

from dataclasses import dataclass

from svodka.pickling import pickled_by_fields


@pickled_by_fields
@dataclass(slots=True)
class Document:
    text: str
    format: str = "text"            # text | html | jsonl | warc
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None    # ISO date from metadata, if any
    published_from: str | None = None  # where that date came from (see reading.provenance)
    id: str | None = None           # an id given by the input (JSONL "id")
    encoding: str | None = None


@pickled_by_fields
@dataclass(slots=True)
class Rejection:
    """An input that could not become a document, kept with enough to retry it."""
    reason: str
    message: str
    path: str | None = None
    locator: str | None = None      # line number, WARC offset, zip member ...
    sample: bytes = b""
