"""JSON Lines: one article per line; field names are configurable."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
    return Document(text=text, format="jsonl", path=path, url=_first(record, fields.url),
                    title=title, published=str(published)[:10] if published else None,
                    id=str(record["id"]) if fields.id and _first(record, fields.id) else None)


def iter_jsonl(lines: Iterable[bytes | str], path: str | None = None,
               fields: JsonFields | None = None) -> Iterator[Document | Rejection]:
    fields = fields or JsonFields()
    for number, raw in enumerate(lines, 1):
        locator = f"line {number}"
        line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection("malformed_jsonl", f"{locator}: {error.msg}", path, locator,
                            line.encode("utf-8")[:2000])
            continue
        if not isinstance(record, dict):
            yield Rejection("malformed_jsonl", f"{locator}: not a JSON object", path, locator,
                            line.encode("utf-8")[:2000])
            continue
        document = record_to_document(record, fields, path)
        if document is None:
            yield Rejection("empty", f"{locator}: no text in fields {', '.join(fields.text)}",
                            path, locator, line.encode("utf-8")[:2000])
        else:
            yield document
