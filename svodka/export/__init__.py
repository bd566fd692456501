"""Export the store as flat tables (Parquet via pyarrow, JSON Lines or CSV), one file each."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import select

from svodka.store import Store, schema

FORMATS = ("parquet", "jsonl", "csv", "gkg")
GKG_FILE = "svodka.gkg.csv"     # GDELT's own files are tab-separated despite ".csv"

# Which tables, and in which order their rows are written (stable across runs).
TABLES = {
    "articles": (schema.articles, ("id",)),
    "entities": (schema.entities, ("id",)),
    "entity_merges": (schema.entity_merges, ("old_id",)),
    "mentions": (schema.mentions, ("article_id", "n")),
    "quotes": (schema.quotes, ("article_id", "n")),
    "amounts": (schema.amounts, ("article_id", "n")),
    "dates": (schema.dates, ("article_id", "n")),
    "corrections": (schema.corrections, ("id",)),   # the analysts' log, to import after a rebuild
}
# Internal columns that mean nothing outside the store.
_SKIP = {"minhash", "key"}


def _columns(table) -> list:
    return [c for c in table.columns if c.name not in _SKIP or table is schema.entities]


FACT_TABLES = ("mentions", "quotes", "amounts", "dates")


def _rows(store: Store, name: str, **equal: str) -> tuple[list[str], list[dict]]:
    """The rows of one exported table, in export order; ``equal`` narrows by column values
    (``article_id="…"``), so a page's list is exactly the matching rows of ``svodka export``."""
    table, order = TABLES[name]
    columns = _columns(table)
    with store.engine.connect() as conn:
        query = select(*columns).where(*(table.c[k] == v for k, v in equal.items()))
        query = query.order_by(*(table.c[k] for k in order))
        if name == "entities":   # an id merged away by an analyst is no entity of its own
            query = query.where(table.c.id.not_in(select(schema.entity_redirects.c.old_id)))
        result = conn.execute(query)
        rows = [dict(row._mapping) for row in result]
    if name == "entities":
        aliases: dict[str, list[str]] = {}
        roles: dict[str, list[str]] = {}
        with store.engine.connect() as conn:
            # a merged-away entity's aliases and roles are its target's
            live = dict(conn.execute(select(schema.entity_redirects)).all())
            for row in conn.execute(select(schema.entity_aliases).order_by(
                    schema.entity_aliases.c.entity_id, schema.entity_aliases.c.alias)):
                aliases.setdefault(live.get(row.entity_id, row.entity_id), set()).add(row.alias)
            for row in conn.execute(select(schema.entity_roles).order_by(
                    schema.entity_roles.c.entity_id, schema.entity_roles.c.role)):
                roles.setdefault(live.get(row.entity_id, row.entity_id), set()).add(row.role)
        for row in rows:
            row["aliases"] = json.dumps(sorted(aliases.get(row["id"], [])), ensure_ascii=False)
            row["roles"] = json.dumps(sorted(roles.get(row["id"], [])), ensure_ascii=False)
    if name == "quotes":
        joint = _co_speakers(store, **equal)
        for row in rows:
            row["co_speakers"] = json.dumps(joint.get((row["article_id"], row["n"]), []))
    extra = {"entities": ["aliases", "roles"], "quotes": ["co_speakers"]}.get(name, [])
    return [c.name for c in columns] + extra, rows


def _co_speakers(store: Store, **equal: str) -> dict[tuple[str, int], list[str]]:
    """The other speakers of each joint statement, ``{(article id, quote n): [corpus ids]}``.
    They live only in the stored record, so only records that hold one are read."""
    a, ae = schema.articles, schema.article_entities
    query = select(a.c.id, a.c.record).where(a.c.record.contains('"co_speakers"'))
    if "article_id" in equal:
        query = query.where(a.c.id == equal["article_id"])
    joint: dict[tuple[str, int], list[str]] = {}
    with store.engine.connect() as conn:
        live = dict(conn.execute(select(schema.entity_redirects)).all())
        for article_id, record in conn.execute(query):
            corpus = dict(conn.execute(select(ae.c.local_id, ae.c.entity_id)
                                       .where(ae.c.article_id == article_id)).all())
            for n, quote in enumerate(json.loads(record).get("quotes", [])):
                others = [corpus[local] for local in quote.get("co_speakers", []) if local in corpus]
                if others:
                    joint[(article_id, n)] = [live.get(i, i) for i in others]
    return joint


def export_tables(store: Store, out: str | Path, format: str = "parquet") -> dict[str, tuple[str, int]]:
    """Write every table into ``out``; returns ``{table: (path, rows)}``."""
    if format not in FORMATS:
        raise ValueError(f"format is one of {', '.join(FORMATS)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if format == "gkg":
        return {"gkg": export_gkg(store, folder / GKG_FILE)}
    written = {}
    for name in TABLES:
        names, rows = _rows(store, name)
        path = folder / f"{name}.{format}"
        _WRITERS[format](path, names, rows)
        written[name] = (str(path), len(rows))
    return written


def _write_parquet(path: Path, names: list[str], rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pydict({n: [row[n] for row in rows] for n in names})
    pq.write_table(table, path)


def _write_jsonl(path: Path, names: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps({n: row[n] for n in names}, ensure_ascii=False) + "\n")


def _write_csv(path: Path, names: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)


_WRITERS = {"parquet": _write_parquet, "jsonl": _write_jsonl, "csv": _write_csv}


def export_gkg(store: Store, path: Path) -> tuple[str, int]:
    """Every stored article as a GDELT GKG 2.1 record (:mod:`svodka.export.gkg`), by id."""
    from svodka.export.gkg import gkg_lines

    with store.engine.connect() as conn:
        ids = conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.id)).scalars().all()
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        for line in gkg_lines(store.get_article(article_id) for article_id in ids):
            stream.write(line)
            rows += 1
    return str(path), rows


def table_rows(store: Store, name: str, **equal: str) -> tuple[list[str], list[dict]]:
    """(column names, rows) of one table of ``svodka export``, narrowed by column values."""
    if name not in TABLES:
        raise ValueError(f"table is one of {', '.join(TABLES)}")
    return _rows(store, name, **equal)


def article_facts(store: Store, article_id: str) -> tuple[list[str], list[dict]]:
    """Every fact of one article as one list: the export's mention, quote, amount and date
    rows, each with a ``table`` column first, and the columns of all four."""
    names: list[str] = ["table"]
    rows: list[dict] = []
    for name in FACT_TABLES:
        columns, table = _rows(store, name, article_id=article_id)
        names += [c for c in columns if c not in names]
        rows += [{"table": name, **row} for row in table]
    return names, rows


def to_csv(names: list[str], rows: list[dict]) -> str:
    import io
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=names, restval="", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def to_json(names: list[str], rows: list[dict]) -> str:
    return json.dumps([{n: row.get(n) for n in names} for row in rows], ensure_ascii=False)
