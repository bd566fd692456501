"""Answers to GET requests kept in memory, keyed by the URL and the store's state.

A page is a function of its URL, the store's contents and the day (the home page's "this
month"): the key holds all three, so an ingest or a correction — from this process, another
worker or another program — changes the key and no stale page is served. What the store's
contents are is asked once per request (:class:`StoreState`): of a SQLite file, its
``PRAGMA data_version`` on a connection of the cache's own, which changes whenever any other
connection commits; of another database, a few counts (:func:`store_state`).

Only 200 answers are kept; the newest are kept up to ``max_bytes`` of bodies. Every answer
says ``X-Svodka-Cache: hit`` or ``miss``, so a benchmark can report how often it was hit.
"""
from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, func, select

from svodka.store import schema as t
from svodka.store.engine import sqlite_path

# Not kept: files (served by their own app), exports (large, one-off downloads), the API
# docs, and forms whose answer depends on what is posted.
SKIPPED_PREFIXES = ("/static", "/export", "/docs", "/redoc", "/openapi.json", "/paste",
                    "/extract", "/api/extract")
MAX_ENTRY_BYTES = 2 * 1024 * 1024


def store_state(conn: Connection) -> tuple:
    """What changes whenever anything a page shows changes: the counts of articles, copies,
    rejected inputs, corrections and undone corrections (corrections are never deleted,
    undoing one sets ``undone``)."""
    def count(table, column=None):
        return select(func.count(column) if column is not None else func.count())\
            .select_from(table).scalar_subquery()
    c = t.corrections.c
    return tuple(conn.execute(select(count(t.articles), count(t.duplicates), count(t.rejections),
                                     count(t.corrections), count(t.corrections, c.undone)))
                 .one())


class StoreState:
    """Asks what state the store is in, as cheaply as its database allows.

    The five counts of :func:`store_state` took ~0.3 ms idle and ~1 ms under load on every
    request, kept answers included, most of it Python holding the GIL; SQLite's data_version
    is one pragma on an open connection. That connection only reads and is used from the
    event loop's thread alone, so every commit — the server's own corrections included, as
    they go through the store's other connections — changes the number it sees."""

    def __init__(self, store):
        self.store = store
        path = sqlite_path(getattr(store, "url", "") or "")
        self.watch = (sqlite3.connect(path, check_same_thread=False)
                      if path else None)

    def __call__(self) -> tuple:
        if self.watch is not None:
            return ("data_version", self.watch.execute("PRAGMA data_version").fetchone()[0])
        with self.store.engine.connect() as conn:
            return store_state(conn)

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()
            self.watch = None


class PageCache:
    """ASGI middleware: serve a kept answer for the same URL in the same store state."""

    def __init__(self, app, store, today: Callable[[], date], max_bytes: int):
        self.app = app
        self.store = store
        self.today = today
        # a store that cannot say its state (a test's stand-in) gets no kept answers
        self.max_bytes = max_bytes if hasattr(store, "engine") else 0
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.state: tuple | None = None
        self.hits = self.misses = 0
        self._state = StoreState(store) if self.max_bytes > 0 else None

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0

    async def __call__(self, scope, receive, send):
        if (self.max_bytes <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or scope["path"].startswith(SKIPPED_PREFIXES)):
            await self.app(scope, receive, send)
            return
        # one pragma (SQLite) or a few counts on indexes: asked inline, a thread hop costs more
        state = (self.today(), self._state())
        if state != self.state:      # answers kept for an older state are never asked again
            self.clear()
            self.state = state
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            status, headers, body = kept
            await send({"type": "http.response.start", "status": status,
                        "headers": headers + [(b"x-svodka-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        started: dict = {}
        chunks: list[bytes] = []

        async def keeping_send(message):
            if message["type"] == "http.response.start":
                started.update(message)
                message = dict(message, headers=list(message.get("headers", []))
                               + [(b"x-svodka-cache", b"miss")])
            elif message["type"] == "http.response.body" and started.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, started, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, key: tuple, started: dict, body: bytes) -> None:
        if len(body) > MAX_ENTRY_BYTES or len(body) > self.max_bytes:
            return
        headers = [(name, value) for name, value in started.get("headers", [])
                   if name.lower() != b"x-svodka-cache"]
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (200, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
