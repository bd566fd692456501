"""Connecting: a SQLite file (WAL, busy timeout) or PostgreSQL through psycopg 3, one API."""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from urllib.parse import quote
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from svodka.errors import SvodkaError

DEFAULT_URL = "svodka.db"
BUSY_TIMEOUT_MS = 60_000
SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")
# SQLite connections kept open for reuse. SQLAlchemy keeps 5 and closes the others when
# they come back: under the serving benchmark's burst the two workers opened 11, each
# costing ~0.8 ms of CPU and ~11 ms under load (the schema read again, a cold page cache),
# where a kept one costs 0.09 ms. A reader's connection holds a file handle and its page
# cache (≤ 2 MB); the overflow reaches the server's thread pool (40 threads), beyond which
# a request would wait for a connection.
SQLITE_POOL_SIZE = 16
SQLITE_POOL_OVERFLOW = 24


class StoreUnavailable(SvodkaError):
    """The store named cannot be used: unsupported, or absent where it must exist."""


def given_url(url: str | os.PathLike | None) -> str:
    """The store URL as the user gave it (or the default), for messages: mask it first."""
    return str(url or os.environ.get("SVODKA_DB") or DEFAULT_URL)


def normalize_url(url: str | os.PathLike | None) -> str:
    """``None`` → ``$SVODKA_DB`` or ``svodka.db``; a bare path is a SQLite file."""
    url = given_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme = url.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        raise StoreUnavailable(f"{scheme}:// is not a store svodka can use: "
                               "give a sqlite or postgresql URL, or a file path")
    return url


def masked(url: str | os.PathLike | None) -> str:
    """A store URL fit to print: the password, if any, as ***."""
    url = given_url(url)
    if "://" not in url:
        return url
    try:
        parsed = make_url(url)
    except ArgumentError:
        return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", url)
    if not parsed.password:
        return url
    return url.replace(f":{parsed.password}@", ":***@").replace(
        f":{quote(parsed.password, safe='')}@", ":***@")


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (``None`` for memory or another database)."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    return database if database not in (None, "", ":memory:") else None


def describe_error(error: BaseException) -> str:
    """One line for a user or a log: the driver's complaint, never the SQL or parameters."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else ''}".strip()


def make_engine(url: str | os.PathLike | None) -> Engine:
    url = normalize_url(url)
    # Errors must not echo an article's text (or anything else bound) into logs.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                               hide_parameters=True, pool_size=SQLITE_POOL_SIZE,
                               max_overflow=SQLITE_POOL_OVERFLOW)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        # A writer takes the lock up front: with a deferred BEGIN, a read upgraded to a write
        # fails at once under a concurrent writer instead of waiting out the busy timeout.
        conn.exec_driver_sql(conn.info.pop("svodka_begin", "BEGIN"))


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.info["svodka_begin"] = "BEGIN IMMEDIATE"
        with conn.begin():
            yield conn


def _upsert(conn: Connection, table):
    """The dialect's own INSERT, the one that knows ON CONFLICT."""
    return (sqlite if conn.dialect.name == "sqlite" else postgresql).insert(table)


# SQLite statements compiled once, as SQLAlchemy would compile them, with the order of their
# parameters: through SQLAlchemy every row of every executemany had its parameters handled in
# Python (construct_params, bind processors), where the driver takes the rows as tuples. The
# ingest parent's inserts: 6.5-7.2 ms of CPU an article before, 3.0-3.4 with this and no
# savepoints (bench/writer_cpu.py, eighth session).
_compiled: dict[tuple, tuple[str, tuple[str, ...]]] = {}


def _driver_statement(conn: Connection, key: tuple, make, columns: tuple[str, ...]
                      ) -> tuple[str, tuple[str, ...]]:
    if key not in _compiled:
        compiled = make().compile(dialect=conn.dialect, column_keys=list(columns))
        _compiled[key] = (compiled.string, tuple(compiled.positiontup))
    return _compiled[key]


def _execute_rows(conn: Connection, key: tuple, make, rows: list[dict]):
    """``make()``'s statement over ``rows``: on SQLite straight to the driver's
    executemany, elsewhere through SQLAlchemy. Every row has the first row's keys."""
    if conn.dialect.name != "sqlite":
        return conn.execute(make(), rows)
    columns = tuple(rows[0])
    sql, order = _driver_statement(conn, (*key, columns), make, columns)
    return conn.exec_driver_sql(sql, [tuple([row[name] for name in order]) for row in rows])


def insert_ids(conn: Connection, table, rows: list[dict]) -> list[int]:
    """INSERT every row; the ids the database gave them, in the order of ``rows``.

    On SQLite a row at a time through the driver, reading each id as it is given (the
    same ids: SQLite numbers the rows of one multi-row INSERT in order too), instead of
    SQLAlchemy's batched INSERT … RETURNING with its per-row parameter handling."""
    if conn.dialect.name != "sqlite":
        return conn.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True),
                            rows).scalars().all()
    columns = tuple(rows[0])
    sql, order = _driver_statement(conn, ("plain", table.name, columns),
                                   lambda: table.insert(), columns)
    cursor = conn.connection.cursor()
    try:
        ids = []
        for row in rows:
            cursor.execute(sql, tuple([row[name] for name in order]))
            ids.append(cursor.lastrowid)
        return ids
    finally:
        cursor.close()


def insert_rows(conn: Connection, table, rows: list[dict]) -> None:
    """A plain INSERT of every row (a conflict is an error)."""
    if rows:
        _execute_rows(conn, ("plain", table.name), lambda: table.insert(), rows)


def insert_ignore(conn: Connection, table, rows: list[dict]) -> int:
    """INSERT … ON CONFLICT DO NOTHING, so re-adding anything is a no-op; rows inserted."""
    if not rows:
        return 0
    return _execute_rows(conn, ("ignore", table.name),
                         lambda: _upsert(conn, table).on_conflict_do_nothing(), rows).rowcount


def add_counts(conn: Connection, table, rows: list[dict], counters: tuple[str, ...]) -> None:
    """INSERT … ON CONFLICT DO UPDATE that adds each row's ``counters`` to the stored ones."""
    if not rows:
        return

    def make():
        statement = _upsert(conn, table)
        keys = [column.name for column in table.primary_key.columns]
        return statement.on_conflict_do_update(
            index_elements=keys,
            set_={name: table.c[name] + statement.excluded[name] for name in counters})

    _execute_rows(conn, ("counts", table.name, counters), make, rows)
