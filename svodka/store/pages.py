"""Article pages kept in the store, and the change counter that kept answers are keyed by.

A page is stored on its first view (:func:`keep_page`) and served while its ``version`` (a
hash of the code that renders it) and the corrections log's state (:func:`corrections_state`)
are what they were. Ingest deletes the pages of the articles it adds, links or merges into
(:func:`forget_pages`, called from write.py and resolve.py). A page computed from a state that
changed before it was written is not written: :func:`keep_page` writes only while the change
counter still has the value read before the page's inputs were.

Only SQLite keeps pages (its triggers keep ``store_changes``); another database renders every
page, as before.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from svodka.store import schema as t

# Every write to the store adds, removes or changes a row of one of these: an ingest stores
# an article, a copy or a rejected input (and corpus entities), an analyst's correction or
# undo writes the log. The tables PostgreSQL's state counts (svodka/api/cache.py), plus the
# corpus entities and their merges, which a writer that re-resolves or links them would change
# alone. Triggers on every table instead cost ingest's write path 1.38x its CPU (the ~350 rows
# an article adds), these 0.89x: within the noise (bench/serve_store_writes.py, 200 articles).
COUNTED = ("articles", "duplicates", "rejections", "corrections", "entities", "entity_merges")


@dataclass(frozen=True, slots=True)
class PageToken:
    """What a page was computed from: the change counter and the corrections log's state,
    read in one snapshot before the page's inputs."""
    changes: int
    corrections: str


def keeps_pages(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def change_triggers(conn: Connection, tables: list[str] | None = None) -> None:
    """A trigger per table and operation that adds one to ``store_changes.n``: the
    :data:`COUNTED` tables (SQLite only; code that comes to write elsewhere alone calls this
    with that table's name, in a migration)."""
    if not keeps_pages(conn):
        return
    conn.exec_driver_sql("INSERT OR IGNORE INTO store_changes (id, n) VALUES (1, 0)")
    for name in tables if tables is not None else COUNTED:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {name}_{operation.lower()}_counted "
                f"AFTER {operation} ON {name} "
                f"BEGIN UPDATE store_changes SET n = n + 1 WHERE id = 1; END")


def changes(conn: Connection) -> int:
    return conn.execute(select(t.store_changes.c.n).where(t.store_changes.c.id == 1)).scalar() or 0


def corrections_state(conn: Connection) -> str:
    """"count/undone": every correction adds to the first, every undo to the second."""
    c = t.corrections.c
    total, undone = conn.execute(select(func.count(), func.count(c.undone))
                                 .select_from(t.corrections)).one()
    return f"{total}/{undone}"


# Written out, as one statement each: through SQLAlchemy's expression language the lookup
# took 0.8 ms of CPU and the write 2.1 ms (zlib at level 6 half of it), on every first view.
_CORRECTIONS = "(SELECT count(*) || '/' || count(undone) FROM corrections)"
_LOOKUP = (f"SELECT (SELECT n FROM store_changes WHERE id = 1), {_CORRECTIONS}, "
           f"(SELECT html FROM article_pages WHERE article_id = ? AND version = ? "
           f"AND corrections = {_CORRECTIONS})")
_KEEP = ("INSERT OR REPLACE INTO article_pages (article_id, version, corrections, html) "
         "SELECT ?, ?, ?, ? WHERE (SELECT n FROM store_changes WHERE id = 1) = ?")


def stored_page(conn: Connection, article_id: str, version: str
                ) -> tuple[bytes | None, PageToken | None]:
    """The article's kept page (``None`` when there is none for this version and these
    corrections) and the token to keep a freshly rendered one with (``None``: not kept)."""
    if not keeps_pages(conn):
        return None, None
    n, corrections, html = conn.exec_driver_sql(_LOOKUP, (article_id, version)).one()
    return (zlib.decompress(html) if html is not None else None), PageToken(n, corrections)


def keep_page(conn: Connection, article_id: str, version: str, token: PageToken,
              html: bytes) -> bool:
    """Store the page unless the store changed since ``token`` was read (inside the
    caller's write transaction); True when stored."""
    written = conn.exec_driver_sql(_KEEP, (article_id, version, token.corrections,
                                           zlib.compress(html, 1), token.changes))
    return written.rowcount == 1


def forget_pages(conn: Connection, article_ids) -> None:
    """Delete the kept pages of these articles (a list, or a SELECT of ids)."""
    if not keeps_pages(conn):
        return
    conn.execute(t.article_pages.delete().where(t.article_pages.c.article_id.in_(article_ids)))
