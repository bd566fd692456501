"""A search as an analyst's list: every filter, a sort, the total, facets, numbered pages.

:func:`svodka.store.search.search` answers "the best hits for these words"; this module
answers the search page: how many hits there are in all, how they spread over sources,
months and kinds, and one numbered page of them in the chosen order.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Connection, bindparam, text

from svodka.errors import QueryTooCostly
from svodka.store.lemmas import query_terms
from svodka.store.read import resolve_entities
from svodka.store.search import KINDS, MAX_TERMS, _hits, fts5_query, time_budget, tsquery

SORTS = ("relevance", "date")
FACET_LIMIT = 12


@dataclass(slots=True)
class SearchFilters:
    """Everything a search list can be narrowed by; each one is a URL parameter."""
    kind: str | None = None        # article | quote | amount
    entity: str | None = None      # corpus id or name: articles that mention it
    speaker: str | None = None     # corpus id or name: quotes it said
    source: str | None = None      # the outlet's domain (record.source.domain)
    date_from: str | None = None   # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None
    quote_kind: str | None = None  # direct | indirect: quotes of that kind only
    entity_type: str | None = None  # PER, ORG, …: hits whose article names such an entity

    def as_params(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def search_list(conn: Connection, q: str, filters: SearchFilters, sort: str = "relevance",
                offset: int = 0, limit: int = 20, seconds: float | None = None) -> dict:
    """``{"total", "items", "facets"}``: ``limit`` hits of ``q`` under ``filters`` from
    ``offset`` on, how many there are in all, and their spread."""
    if filters.kind is not None and filters.kind not in KINDS:
        raise ValueError(f"kind is one of {', '.join(KINDS)}")
    if sort not in SORTS:
        raise ValueError(f"sort is one of {', '.join(SORTS)}")
    terms = query_terms(q)
    if not terms:
        return {"total": 0, "items": [], "facets": empty_facets()}
    if len(terms) > MAX_TERMS:
        raise QueryTooCostly(f"{len(terms)} different words: a search takes at most {MAX_TERMS}")
    with time_budget(conn, seconds):
        return _search_list(conn, terms, filters, sort, offset, limit)


def empty_facets() -> dict:
    return {"kind": [], "source": [], "month": [], "quote_kind": [], "entity_type": []}


# The search list's SQL is written out, not built with SQLAlchemy's expression language: a
# one-off search spent about as long building, caching and compiling its three statements in
# Python (holding the GIL) as the database spent answering them. One statement now finds the
# hits once, with their rank, and answers the page's ids, the total and every facet.
_MATCH = {
    # FROM/WHERE of the matching units' facet rows, and a rank ascending from the best
    "sqlite": ("search_fts JOIN search_facets f ON f.id = search_fts.rowid",
               "search_fts MATCH :match", "search_fts.rank"),
    "postgresql": ("search_units u JOIN search_facets f ON f.id = u.id",
                   "to_tsvector('russian', u.lemmas) @@ to_tsquery('russian', :match)",
                   "-ts_rank(to_tsvector('russian', u.lemmas), to_tsquery('russian', :match))"),
}
_ORDER = {"relevance": "rank, id", "date": "published DESC NULLS LAST, rank, id"}
_FACETS = """
SELECT 'total' AS facet, '' AS value, count(*) AS n FROM hits
UNION ALL SELECT 'kind', kind, count(*) FROM hits GROUP BY kind
UNION ALL SELECT 'source', source, count(*) FROM hits GROUP BY source
UNION ALL SELECT 'month', substr(published, 1, 7), count(*) FROM hits
    GROUP BY substr(published, 1, 7)
UNION ALL SELECT 'quote_kind', quote_kind, count(*) FROM hits WHERE kind = 'quote'
    GROUP BY quote_kind
UNION ALL SELECT 'entity_types', entity_types, count(*) FROM hits GROUP BY entity_types"""


def _search_list(conn: Connection, terms, filters: SearchFilters, sort: str, offset: int,
                 limit: int) -> dict:
    # Every filter but the entity and the speaker is a column of the narrow search_facets
    # table, so neither the article's wide row nor its quotes are read for each hit.
    dialect = "sqlite" if conn.dialect.name == "sqlite" else "postgresql"
    joined, match, rank = _MATCH[dialect]
    where = [match]
    params: dict = {"match": fts5_query(terms) if dialect == "sqlite" else tsquery(terms),
                    "first": offset, "limit": limit}
    expanding = []
    if filters.date_from:
        where.append("f.published >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to:
        where.append("f.published <= :date_to")
        params["date_to"] = filters.date_to + "-99"       # as read.date_filters
    if filters.kind:
        where.append("f.kind = :kind")
        params["kind"] = filters.kind
    if filters.source:
        where.append("f.source = :source")
        params["source"] = filters.source
    if filters.quote_kind:
        where.append("f.kind = 'quote' AND f.quote_kind = :quote_kind")
        params["quote_kind"] = filters.quote_kind
    if filters.entity_type:
        where.append("f.entity_types LIKE :entity_type")
        params["entity_type"] = f"% {filters.entity_type} %"
    if (filters.entity or filters.speaker) and dialect == "sqlite":
        joined += " JOIN search_units u ON u.id = f.id"
    if filters.entity:
        where.append("u.article_id IN (SELECT article_id FROM article_entities "
                     "WHERE entity_id IN :entity_ids)")
        params["entity_ids"] = resolve_entities(conn, filters.entity)
        expanding.append("entity_ids")
    if filters.speaker:
        where.append("u.speaker_id IN :speaker_ids")
        params["speaker_ids"] = resolve_entities(conn, filters.speaker)
        expanding.append("speaker_ids")
    statement = text(
        f"WITH hits AS MATERIALIZED (SELECT f.id, f.kind, f.published, f.source, "
        f"f.entity_types, f.quote_kind, {rank} AS rank FROM {joined} "
        f"WHERE {' AND '.join(where)})\n"
        # the page as ORDER BY … LIMIT (a bounded sort), not a row number over every hit:
        # a popular name's thousands of hits took a millisecond more to number
        f"SELECT 'page' AS facet, CAST(row_number() OVER (ORDER BY {_ORDER[sort]}) "
        f"AS VARCHAR(12)) AS value, id AS n FROM (SELECT id, rank, published FROM hits "
        f"ORDER BY {_ORDER[sort]} LIMIT :limit OFFSET :first) shown"
        f"\nUNION ALL {_FACETS}")
    if expanding:
        statement = statement.bindparams(*(bindparam(name, expanding=True)
                                           for name in expanding))
    rows = conn.execute(statement, params).all()
    page = sorted((int(row.value), row.n) for row in rows if row.facet == "page")
    total, facets = _facets([row for row in rows if row.facet != "page"])
    return {"total": total, "items": _hits(conn, [unit for _, unit in page], terms),
            "facets": facets}


def _facets(rows) -> tuple[int, dict]:
    """The number of hits, and hits per kind, source, month of publication and quote kind,
    largest first; and per entity type, the hits whose article mentions an entity of that
    type (the article's ``entity_types`` column)."""
    facets = empty_facets()
    total = 0
    by_type: dict[str, int] = {}
    for row in rows:
        if row.facet == "total":
            total = row.n
        elif row.facet == "entity_types":     # " LOC PER ": the hits count for each type
            for entity_type in (row.value or "").split():
                by_type[entity_type] = by_type.get(entity_type, 0) + int(row.n)
        else:
            facets[row.facet].append({"value": row.value or "", "count": int(row.n)})
    facets["entity_type"] = [{"value": k, "count": n} for k, n in by_type.items()]
    for name, values in facets.items():
        values.sort(key=lambda v: (-v["count"], v["value"]))
        del values[FACET_LIMIT:]
    facets["month"].sort(key=lambda row: row["value"], reverse=True)
    return total, facets
