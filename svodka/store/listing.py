"""A search as an analyst's list: every filter, a sort, the total, facets, numbered pages.

:func:`svodka.store.search.search` answers "the best hits for these words"; this module
answers the search page: how many hits there are in all, how they spread over sources,
months and kinds, and one numbered page of them in the chosen order.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Connection, column, func, literal, literal_column, select, table, union_all

from svodka.errors import QueryTooCostly
from svodka.store import schema as t
from svodka.store.lemmas import query_terms
from svodka.store.read import date_filters, resolve_entities
from svodka.store.search import KINDS, MAX_TERMS, _hits, _matching, fts5_query, time_budget

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


def _matching_facets(conn: Connection, terms):
    """The facet rows of the units matching every term, the order of relevance, and whether
    ``search_units`` is joined already (PostgreSQL searches its lemmas)."""
    f, u = t.search_facets.c, t.search_units.c
    if conn.dialect.name == "sqlite":
        fts = table("search_fts", column("rowid"), column("rank"))
        query = (select(f.id).select_from(fts).join(t.search_facets, f.id == fts.c.rowid)
                 .where(literal_column("search_fts").match(fts5_query(terms))))
        return query, fts.c.rank.asc(), False
    matching, rank = _matching(conn, terms)
    return matching.join(t.search_facets, f.id == u.id).with_only_columns(f.id), rank, True


def _search_list(conn: Connection, terms, filters: SearchFilters, sort: str, offset: int,
                 limit: int) -> dict:
    # Every filter but the entity and the speaker is a column of the narrow search_facets
    # table, so neither the article's wide row nor its quotes are read for each hit.
    f, u = t.search_facets.c, t.search_units.c
    query, rank, units_joined = _matching_facets(conn, terms)
    query = query.where(*date_filters(f.published, filters.date_from, filters.date_to))
    if filters.kind:
        query = query.where(f.kind == filters.kind)
    if filters.source:
        query = query.where(f.source == filters.source)
    if filters.quote_kind:
        query = query.where(f.kind == "quote", f.quote_kind == filters.quote_kind)
    if filters.entity_type:
        query = query.where(f.entity_types.like(f"% {filters.entity_type} %"))
    if (filters.entity or filters.speaker) and not units_joined:
        query = query.join(t.search_units, u.id == f.id)
    if filters.entity:
        query = query.where(u.article_id.in_(select(t.article_entities.c.article_id).where(
            t.article_entities.c.entity_id.in_(resolve_entities(conn, filters.entity)))))
    if filters.speaker:
        query = query.where(u.speaker_id.in_(resolve_entities(conn, filters.speaker)))
    if sort == "relevance" and conn.dialect.name == "sqlite" and filters == SearchFilters():
        # Nothing to filter: FTS5 ranks its own rows without a lookup per match.
        ids = conn.execute(select(literal_column("rowid")).select_from(table("search_fts"))
                           .where(literal_column("search_fts").match(fts5_query(terms)))
                           .order_by(literal_column("rank"), literal_column("rowid"))
                           .offset(offset).limit(limit)).scalars().all()
    else:
        order = ((f.published.desc().nulls_last(), rank, f.id) if sort == "date"
                 else (rank, f.id))
        ids = conn.execute(query.order_by(*order).offset(offset).limit(limit)).scalars().all()
    hits = (query.with_only_columns(f.id, f.kind, f.published, f.source, f.entity_types,
                                    f.quote_kind)
            .cte("hits").prefix_with("MATERIALIZED"))
    total, facets = _facets(conn, hits)
    return {"total": total, "items": _hits(conn, list(ids), terms), "facets": facets}


def _facets(conn: Connection, hits) -> tuple[int, dict]:
    """The number of hits, and hits per kind, source, month of publication and quote kind,
    largest first; and per entity type, the hits whose article mentions an entity of that
    type (the article's ``entity_types`` column). One statement: the matching hits are found
    once (a materialized CTE), not once per facet."""
    def counted(name: str, column, *where):
        return (select(literal(name).label("facet"), column.label("value"),
                       func.count().label("n"))
                .select_from(hits).where(*where).group_by(column))

    rows = conn.execute(union_all(
        select(literal("total").label("facet"), literal("").label("value"),
               func.count().label("n")).select_from(hits),
        counted("kind", hits.c.kind), counted("source", hits.c.source),
        counted("month", func.substr(hits.c.published, 1, 7)),
        counted("quote_kind", hits.c.quote_kind, hits.c.kind == "quote"),
        counted("entity_types", hits.c.entity_types))).all()
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
