"""Answers to GET requests kept in memory, keyed by the URL and the store's state.

A page is a function of its URL, the store's contents and the day (the home page's "this
month"): the key holds all three, so an ingest or a correction — from this process, another
worker or another program — changes the key and no stale page is served. What the store's
contents are is asked once per request (:class:`StoreState`): of a SQLite file, its
``PRAGMA data_version`` on a connection of the cache's own, which changes whenever any other
connection commits; of another database, a few counts (:func:`store_state`).

Only 200 answers are kept; the newest are kept up to ``max_bytes`` of bodies. Every answer
says ``X-Svodka-Cache: hit`` or ``miss``, so a benchmark can report how often it was hit.

With several worker processes (``svodka serve --workers N``) each keeps its own answers and
also shares them through :class:`SharedPages`, a SQLite file the workers have in common: a
page one worker computed is served by the others (``X-Svodka-Cache: hit-shared``) instead
of being computed once per worker.
"""
from __future__ import annotations

import json
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


class SharedPages:
    """Answers kept in a SQLite file that every worker process of one server opens.

    A page is shared under the store state every process can name alike — the counts of
    :func:`store_state` (asked only when the store's data_version moved) and the day.
    Reads and writes happen on the event loop's thread and take well under a millisecond;
    a write that finds the file locked by another worker is skipped, not waited for."""

    TRIM_EVERY = 50      # writes between checks of the file's size

    def __init__(self, path: str, max_bytes: int):
        self.max_bytes = max_bytes
        self.db = sqlite3.connect(path, timeout=0.05, check_same_thread=False,
                                  isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")     # a lost page is only computed again
        self.db.execute("CREATE TABLE IF NOT EXISTS pages (state TEXT NOT NULL, "
                        "path TEXT NOT NULL, query BLOB NOT NULL, headers TEXT NOT NULL, "
                        "body BLOB NOT NULL, PRIMARY KEY (state, path, query))")
        self.writes = 0

    def get(self, state: str, path: str, query: bytes) -> tuple[list, bytes] | None:
        row = self.db.execute("SELECT headers, body FROM pages WHERE state = ? AND path = ? "
                              "AND query = ?", (state, path, query)).fetchone()
        if row is None:
            return None
        headers = [(name.encode("latin-1"), value.encode("latin-1"))
                   for name, value in json.loads(row[0])]
        return headers, row[1]

    def put(self, state: str, path: str, query: bytes, headers: list, body: bytes) -> None:
        encoded = json.dumps([(name.decode("latin-1"), value.decode("latin-1"))
                              for name, value in headers])
        try:
            self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
                            (state, path, query, encoded, body))
            self.writes += 1
            if self.writes % self.TRIM_EVERY == 0:
                self._trim(state)
        except sqlite3.OperationalError:      # locked by another worker: leave it out
            pass

    def _trim(self, state: str) -> None:
        """Drop the pages of other states, then the oldest beyond ``max_bytes``."""
        self.db.execute("DELETE FROM pages WHERE state != ?", (state,))
        size = self.db.execute("SELECT coalesce(sum(length(body)), 0) FROM pages").fetchone()[0]
        if size > self.max_bytes:
            self.db.execute("DELETE FROM pages WHERE rowid IN (SELECT rowid FROM pages "
                            "ORDER BY rowid LIMIT (SELECT count(*) / 2 FROM pages))")

    def close(self) -> None:
        self.db.close()


class PageCache:
    """ASGI middleware: serve a kept answer for the same URL in the same store state."""

    def __init__(self, app, store, today: Callable[[], date], max_bytes: int,
                 shared_path: str | None = None):
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
        self.shared = (SharedPages(shared_path, self.max_bytes)
                       if shared_path and self.max_bytes > 0 else None)
        self.shared_state = ""      # the state's name other workers give it too

    def _shared_state_name(self) -> str:
        with self.store.engine.connect() as conn:
            return json.dumps([str(self.today()), *store_state(conn)])

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
            if self.shared is not None:
                self.shared_state = self._shared_state_name()
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        how = b"hit"
        if kept is None and self.shared is not None:
            found = self.shared.get(self.shared_state, *key)
            if found is not None:
                kept = (200, *found)
                self._keep_here(key, kept)
                how = b"hit-shared"
        if kept is not None:
            if key in self.entries:
                self.entries.move_to_end(key)
            self.hits += 1
            status, headers, body = kept
            await send({"type": "http.response.start", "status": status,
                        "headers": headers + [(b"x-svodka-cache", how)]})
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
        self._keep_here(key, (200, headers, body))
        if self.shared is not None:
            self.shared.put(self.shared_state, *key, headers, body)

    def _keep_here(self, key: tuple, entry: tuple[int, list, bytes]) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = entry
        self.size += len(entry[2])
        while self.size > self.max_bytes:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
