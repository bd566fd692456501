"""Versioned schema migrations: numbered steps, applied once, recorded in ``schema_version``.

Add a step at the end of :data:`STEPS`; never edit one that has shipped.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, bindparam, inspect, select, text

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


def _entity_months(conn: Connection) -> None:
    schema.entity_months.create(conn, checkfirst=True)
    conn.execute(schema.entity_months.delete())
    monthly = """
        SELECT e.id AS entity_id, c.month AS month, e.type AS type,
               SUM(c.mentions) AS mentions, SUM(c.quotes) AS quotes
        FROM (SELECT m.entity_id AS entity_id, COALESCE(SUBSTR(a.published, 1, 7), '') AS month,
                     1 AS mentions, 0 AS quotes
              FROM mentions m JOIN articles a ON a.id = m.article_id
              UNION ALL
              SELECT q.speaker_id, COALESCE(SUBSTR(a.published, 1, 7), ''), 0, 1
              FROM quotes q JOIN articles a ON a.id = q.article_id
              WHERE q.speaker_id IS NOT NULL) c
        JOIN entities e ON e.id = c.entity_id
        GROUP BY e.id, c.month, e.type"""
    conn.exec_driver_sql(f"INSERT INTO entity_months (entity_id, month, type, mentions, quotes) "
                         f"{monthly}")
    conn.exec_driver_sql(
        f"INSERT INTO entity_months (entity_id, month, type, mentions, quotes) "
        f"SELECT entity_id, '{schema.ALL_MONTHS}', type, SUM(mentions), SUM(quotes) "
        f"FROM entity_months GROUP BY entity_id, type")


def _corpus_resolution(conn: Connection) -> None:
    """Keys, merges and Wikidata ids for corpus resolution. Entities stored before it keep
    their ids and get the keys their names give, so new articles join them."""
    from svodka.record import Entity
    from svodka.store.keys import evidence

    if "wikidata" not in {c["name"] for c in inspect(conn).get_columns("entities")}:
        conn.exec_driver_sql("ALTER TABLE entities ADD COLUMN wikidata VARCHAR(32)")
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_entities_wikidata "
                             "ON entities (wikidata)")
    schema.entity_keys.create(conn, checkfirst=True)
    schema.entity_merges.create(conn, checkfirst=True)
    rows = []
    for row in conn.execute(select(schema.entities.c.id, schema.entities.c.type,
                                   schema.entities.c.name)):
        ev = evidence(Entity(row.id, row.type, row.name))
        rows += [{"type": row.type, "key": key, "entity_id": row.id}
                 for key in ev.all_keys() if not key.startswith("wd:")]
    if rows:
        from svodka.store.engine import insert_ignore
        insert_ignore(conn, schema.entity_keys, rows)


def _tone_columns(conn: Connection) -> None:
    """Tone per mention, and positive/negative counts per entity and month (docs/tone.md).

    A database created by this version already has them (step 1 builds today's tables);
    older ones gain them, and their existing mentions keep a NULL tone."""
    wanted = [("mentions", "tone", "INTEGER"),
              ("entity_months", "positive", "INTEGER NOT NULL DEFAULT 0"),
              ("entity_months", "negative", "INTEGER NOT NULL DEFAULT 0")]
    inspector = inspect(conn)
    for table, column, kind in wanted:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _corrections(conn: Connection) -> None:
    schema.corrections.create(conn, checkfirst=True)
    schema.entity_redirects.create(conn, checkfirst=True)


def _staged(conn: Connection) -> None:
    schema.staged.create(conn, checkfirst=True)


def _search_facet_columns(conn: Connection) -> None:
    """The outlet's domain and the types of entity an article names as columns of their own:
    the search page filters and counts hits by them, and reading the domain out of each hit's
    record JSON, or joining each hit's article to its entities, made a common word's facets
    10x slower. A database created by this version has them already (step 1); older ones gain
    them, filled from the records and the article's entities."""
    from svodka.store.write import entity_types_value

    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "source" not in columns:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN source VARCHAR(200)")
        domain = ("json_extract(record, '$.source.domain')" if conn.dialect.name == "sqlite"
                  else "(record::json -> 'source' ->> 'domain')")
        conn.exec_driver_sql(f"UPDATE articles SET source = {domain}")
    if "entity_types" not in columns:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN entity_types VARCHAR(200)")
        ae, e = schema.article_entities.c, schema.entities.c
        named: dict[str, set[str]] = {}
        for row in conn.execute(select(ae.article_id, e.type).distinct()
                                .join(schema.entities, e.id == ae.entity_id)):
            named.setdefault(row.article_id, set()).add(row.type)
        ids = conn.execute(select(schema.articles.c.id)).scalars().all()
        if ids:
            conn.execute(schema.articles.update()
                         .where(schema.articles.c.id == bindparam("article_id"))
                         .values(entity_types=bindparam("types")),
                         [{"article_id": i, "types": entity_types_value(named.get(i, set()))}
                          for i in ids])
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_source ON articles (source)")


def _search_facets(conn: Connection) -> None:
    """The search list's filters and facets in a narrow table keyed by the search unit:
    filled from the units, their articles and their quotes."""
    schema.search_facets.create(conn, checkfirst=True)
    conn.execute(schema.search_facets.delete())
    conn.exec_driver_sql("""
        INSERT INTO search_facets (id, kind, published, source, quote_kind, entity_types)
        SELECT u.id, u.kind, a.published, a.source, q.kind, a.entity_types
        FROM search_units u
        JOIN articles a ON a.id = u.article_id
        LEFT JOIN quotes q ON u.kind = 'quote' AND q.article_id = u.article_id AND q.n = u.n""")


def _entity_article_indexes(conn: Connection) -> None:
    """(entity, article) pairs of mentions and of quoted speakers as covering indexes, for
    an entity's articles without a row lookup per mention (see schema.py)."""
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_mentions_entity_article "
                         "ON mentions (entity_id, article_id)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_quotes_speaker_article "
                         "ON quotes (speaker_id, article_id)")


STEPS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "core tables", _core_tables),
    (2, "full-text search index over lemmas", _search_index),
    (3, "mentions and quotes per entity and month", _entity_months),
    (4, "corpus resolution: entity keys, merges, Wikidata ids", _corpus_resolution),
    (5, "tone of mentions, and per entity and month", _tone_columns),
    (6, "analysts' corrections and the entity redirects they make", _corrections),
    (7, "articles loaded by several writers, waiting for the ordered pass", _staged),
    (8, "the outlet's domain and the entity types as columns of articles",
     _search_facet_columns),
    (9, "the search list's filters and facets, one narrow row per search unit", _search_facets),
    (10, "an entity's articles from covering indexes of mentions and quotes",
     _entity_article_indexes),
]

LATEST = STEPS[-1][0]


def current_version(conn: Connection) -> int:
    schema.schema_version.create(conn, checkfirst=True)
    version = conn.execute(select(schema.schema_version.c.version)
                           .order_by(schema.schema_version.c.version.desc()).limit(1)).scalar()
    return version or 0


def up_to_date(conn: Connection) -> bool:
    """Whether the schema is at :data:`LATEST`, asked without writing anything: a reader
    (each worker of ``svodka serve``) then opens the store without the write lock, which an
    ingest may hold for a long batch."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return False
    return current_version(conn) == LATEST


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
