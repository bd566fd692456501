"""Answers to GET requests kept in memory, keyed by the URL and the store's state.

A page is a function of its URL, the store's contents and the day (the home page's "this
month"): the key holds all three, so an ingest or a correction — from this process, another
worker or another program — changes the key and no stale page is served. What the store's
contents are is asked once per request (:class:`StoreState`): of a SQLite file, its
``PRAGMA data_version`` on a connection of the cache's own, which changes whenever any other
connection commits; of another database, a few counts (:func:`store_state`).

Only 200 answers are kept; the newest are kept up to ``max_bytes`` of bodies. Every answer
says ``X-Svodka-Cache: hit`` or ``miss``, so a benchmark can report how often it was hit.

Several worker processes (``svodka serve --workers N``) also share their answers through
:class:`SharedPages`, one file per answer in a private directory, so a page one worker
computed is not computed again by the next.
"""
from __future__ import annotations

import hashlib
import json
import os
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
    """Answers shared by the worker processes of one server: one file per answer in
    ``directory`` (private to the server, made and removed by ``svodka serve``).

    Each worker keeps its own answers in memory too, and with two workers each computed
    every popular page once (half the article pages and searches a burst asked were
    computed twice). A file per answer is read or replaced in tens of microseconds, on the
    event loop, with no lock: a reader sees the old file or the new one (``os.replace``),
    never half of one. (The fifth session's SQLite file for the same purpose took locks and
    commits per answer and made the burst slower.)

    An answer's file is named by a hash of the URL, the day and the store's *generation*:
    the counts of :func:`store_state`, the same in every worker (a ``data_version`` is
    only meaningful to the connection that asked it). A worker asks them only when its own
    ``data_version`` says another connection committed, so after an ingest or a correction
    every worker asks for answers under the new counts, and files of older generations are
    removed by the first worker that sees the change. Bodies written by this worker beyond
    ``max_bytes`` empty the directory, which bounds it."""

    def __init__(self, directory: str | os.PathLike, max_bytes: int):
        self.directory = os.fspath(directory)
        self.max_bytes = max_bytes
        self.written = 0
        self.generation = ""
        self._serial = 0

    def renew(self, generation: tuple) -> None:
        """The store changed: name answers by ``generation`` and drop the older ones."""
        self.generation = hashlib.sha1(repr(generation).encode()).hexdigest()[:16]
        self._remove(lambda name: not name.startswith(self.generation))

    def _remove(self, unwanted) -> None:
        try:
            names = os.listdir(self.directory)
        except OSError:
            return
        for name in names:
            if unwanted(name):
                try:
                    os.unlink(os.path.join(self.directory, name))
                except OSError:
                    pass        # another worker removed it first

    def _path(self, key: tuple) -> str:
        digest = hashlib.sha1(repr(key).encode("utf-8", "surrogateescape")).hexdigest()
        return os.path.join(self.directory, f"{self.generation}-{digest}")

    def get(self, key: tuple) -> tuple[list, bytes] | None:
        try:
            with open(self._path(key), "rb") as file:
                data = file.read()
        except OSError:
            return None
        head, _, body = data.partition(b"\n")
        try:
            headers = [(name.encode("latin-1"), value.encode("latin-1"))
                       for name, value in json.loads(head)]
        except ValueError:
            return None
        return headers, body

    def put(self, key: tuple, headers: list, body: bytes) -> None:
        if self.written + len(body) > self.max_bytes:
            self._remove(lambda name: True)
            self.written = 0
        head = json.dumps([(name.decode("latin-1"), value.decode("latin-1"))
                           for name, value in headers]).encode("ascii")
        path = self._path(key)
        self._serial += 1
        scratch = f"{path}.{os.getpid()}.{self._serial}.part"
        try:
            with open(scratch, "wb") as file:
                file.write(head + b"\n" + body)
            os.replace(scratch, path)
        except OSError:
            return      # a full disk or a removed directory costs only the sharing
        self.written += len(body)


class PageCache:
    """ASGI middleware: serve a kept answer for the same URL in the same store state."""

    def __init__(self, app, store, today: Callable[[], date], max_bytes: int,
                 shared_directory: str | os.PathLike | None = None):
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
        self.shared = (SharedPages(shared_directory, self.max_bytes)
                       if shared_directory and self.max_bytes > 0 else None)

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
            if self.shared is not None:
                state, generation = self._generation(state)
                self.shared.renew((state[0], generation))
            self.state = state
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is None and self.shared is not None:
            found = self.shared.get(key)
            if found is not None:
                kept = (200, *found)
                self._remember(key, *found)
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
            await send(message)
            if message["type"] == "http.response.body" and started.get("status") == 200:
                chunks.append(message.get("body", b""))
                # kept once the client has its answer: writing the shared file took the
                # event loop 0.4-2.6 ms. An answer computed while the store changed may
                # show either state: not kept.
                if not message.get("more_body", False) and self._unchanged(state):
                    self._keep(key, started, b"".join(chunks))

        await self.app(scope, receive, keeping_send)

    def _unchanged(self, state: tuple) -> bool:
        return self.state == state and (self.today(), self._state()) == state

    def _generation(self, state: tuple) -> tuple[tuple, tuple]:
        """``state`` (the day, this worker's view) and what every worker calls it (see
        :class:`SharedPages`), asked until no commit came between the two."""
        while state[1][0] == "data_version":
            with self.store.engine.connect() as conn:
                counts = store_state(conn)
            again = (self.today(), self._state())
            if again == state:
                return state, counts
            state = again
        return state, state[1]                  # already the counts

    def _keep(self, key: tuple, started: dict, body: bytes) -> None:
        if len(body) > MAX_ENTRY_BYTES or len(body) > self.max_bytes:
            return
        headers = [(name, value) for name, value in started.get("headers", [])
                   if name.lower() != b"x-svodka-cache"]
        self._remember(key, headers, body)
        if self.shared is not None:
            self.shared.put(key, headers, body)

    def _remember(self, key: tuple, headers: list, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (200, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
