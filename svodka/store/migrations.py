"""Versioned schema migrations: numbered steps, applied once, recorded in ``schema_version``.

Add a step at the end of :data:`STEPS`; never edit one that has shipped.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, select, text

from svodka.store import schema

log = logging.getLogger(__name__)


def _core_tables(conn: Connection) -> None:
    tables = [t for name, t in schema.metadata.tables.items() if name != "schema_version"]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def _search_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # External content: the lemmas live once, in search_units; FTS5 keeps only the index.
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            "lemmas, content='search_units', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0')")
    else:
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_search_units_tsv ON search_units "
            "USING gin (to_tsvector('russian', lemmas))")


STEPS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "core tables", _core_tables),
    (2, "full-text search index over lemmas", _search_index),
]

LATEST = STEPS[-1][0]


def current_version(conn: Connection) -> int:
    schema.schema_version.create(conn, checkfirst=True)
    version = conn.execute(select(schema.schema_version.c.version)
                           .order_by(schema.schema_version.c.version.desc()).limit(1)).scalar()
    return version or 0


def migrate(conn: Connection) -> int:
    """Bring the schema up to :data:`LATEST` inside the caller's (write) transaction."""
    if conn.dialect.name == "postgresql":
        # Two processes opening a fresh database at once must not both create tables.
        conn.execute(text("SELECT pg_advisory_xact_lock(7340012)"))
    version = current_version(conn)
    for number, name, step in STEPS:
        if number > version:
            log.info("schema migration %d: %s", number, name)
            step(conn)
            conn.execute(schema.schema_version.insert().values(version=number, name=name))
            version = number
    return version
