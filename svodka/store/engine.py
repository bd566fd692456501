"""Connecting: a SQLite file (WAL, busy timeout) or PostgreSQL through psycopg 3, one API."""
from __future__ import annotations

import os
from contextlib import contextmanager
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite

DEFAULT_URL = "svodka.db"
BUSY_TIMEOUT_MS = 60_000


def normalize_url(url: str | os.PathLike | None) -> str:
    """``None`` → ``$SVODKA_DB`` or ``svodka.db``; a bare path is a SQLite file."""
    url = str(url or os.environ.get("SVODKA_DB") or DEFAULT_URL)
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def make_engine(url: str | os.PathLike | None) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


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


def insert_ignore(conn: Connection, table, rows: list[dict]) -> int:
    """INSERT … ON CONFLICT DO NOTHING, so re-adding anything is a no-op; rows inserted."""
    if not rows:
        return 0
    return conn.execute(_upsert(conn, table).on_conflict_do_nothing(), rows).rowcount


def add_counts(conn: Connection, table, rows: list[dict], counters: tuple[str, ...]) -> None:
    """INSERT … ON CONFLICT DO UPDATE that adds each row's ``counters`` to the stored ones."""
    if not rows:
        return
    statement = _upsert(conn, table)
    keys = [column.name for column in table.primary_key.columns]
    conn.execute(statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: table.c[name] + statement.excluded[name] for name in counters}), rows)
