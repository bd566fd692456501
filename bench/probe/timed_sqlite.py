"""SQLite connections whose cursors time the driver's work, for the serving benchmarks.

``timed_connection(add)`` gives a ``sqlite3.Connection`` class to pass as ``factory=``: each
``execute``/``executemany``/``fetch*`` of its cursors adds its wall seconds through ``add``
(``bench/serve_breakdown.py`` sums them for a route, ``bench/probe/sitecustomize.py`` for the
request its thread is answering).
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable


def timed_connection(add: Callable[[float], None]) -> type[sqlite3.Connection]:
    class TimedCursor(sqlite3.Cursor):
        def _timed(self, method, *args):
            started = time.perf_counter()
            try:
                return method(self, *args)
            finally:
                add(time.perf_counter() - started)

        def execute(self, *args):
            return self._timed(sqlite3.Cursor.execute, *args)

        def executemany(self, *args):
            return self._timed(sqlite3.Cursor.executemany, *args)

        def fetchone(self):
            return self._timed(sqlite3.Cursor.fetchone)

        def fetchmany(self, *args):
            return self._timed(sqlite3.Cursor.fetchmany, *args)

        def fetchall(self):
            return self._timed(sqlite3.Cursor.fetchall)

    class TimedConnection(sqlite3.Connection):
        def cursor(self, factory=None):
            return super().cursor(factory or TimedCursor)

    return TimedConnection
