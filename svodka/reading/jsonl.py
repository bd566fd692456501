"""JSON Lines: one article per line; field names are configurable."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from svodka.limits import MAX_LINE_BYTES
from svodka.reading.decode import without_nul
from svodka.reading.document import Document, Rejection


@dataclass(slots=True)
class JsonFields:
    """Which JSON keys hold what. The defaults read ``../shared/data/news`` as it is."""
    text: tuple[str, ...] = ("content", "text", "body")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date", "pubdate", "datetime")
    id: tuple[str, ...] = ("id",)


def _first(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_to_document(record: dict, fields: JsonFields, path: str | None) -> Document | None:
    body = _first(record, fields.text)
    if not isinstance(body, str) or not body.strip():
        return None
    title = _first(record, fields.title)
    title = title.strip() if isinstance(title, str) else None
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    published = _first(record, fields.published)
    given_id = _first(record, fields.id)
    return Document(text=without_nul(text), format="jsonl", path=path,
                    url=_first(record, fields.url), title=title,
                    published=str(published)[:10] if published else None,
                    published_from="metadata" if published else None,
                    id=str(given_id) if given_id is not None else None)


def parse_line(raw: bytes | str, number: int, path: str | None,
               fields: JsonFields) -> Document | Rejection | None:
    """One line to a document or a rejection; ``None`` for a blank line."""
    locator = f"line {number}"
    line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if not line.strip():
        return None
    sample = line[:2000].encode("utf-8", errors="replace")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejection("malformed_jsonl", f"{locator}: {error.msg}", path, locator, sample)
    except RecursionError:
        return Rejection("malformed_jsonl", f"{locator}: nested too deeply to read", path,
                         locator, sample[:200])
    if not isinstance(record, dict):
        return Rejection("malformed_jsonl", f"{locator}: not a JSON object", path, locator,
                         sample)
    document = record_to_document(record, fields, path)
    if document is None:
        return Rejection("empty", f"{locator}: no text in fields {', '.join(fields.text)}",
                         path, locator, sample)
    return document


def rejection_for_empty_file(path: str | None) -> Rejection:
    return Rejection("empty", "the JSONL input has no lines", path, None)


def iter_jsonl(lines: Iterable[bytes | str | None], path: str | None = None,
               fields: JsonFields | None = None) -> Iterator[Document | Rejection]:
    """Documents and rejections of JSONL lines; a ``None`` line is one a bounded reader cut off
    for its size (``reading.stream.bounded_lines``)."""
    fields = fields or JsonFields()
    seen_any = False
    for number, raw in enumerate(lines, 1):
        if raw is None:
            seen_any = True
            yield Rejection("too_large", f"line {number}: over {MAX_LINE_BYTES:,} bytes",
                            path, f"line {number}")
            continue
        parsed = parse_line(raw, number, path, fields)
        if parsed is not None:
            seen_any = True
            yield parsed
    if not seen_any:
        yield rejection_for_empty_file(path)
