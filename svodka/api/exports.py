"""CSV and JSON of the lists the pages show: search results, an entity's quotes, an
article's facts. The rows are those of ``svodka export`` (search results: the hits of
``/api/search``), so a file from a page and one from the command line agree."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from svodka.api.state import bounded_search_list, get_store
from svodka.export import article_facts, table_rows, to_csv, to_json
from svodka.api.json_routes import EntityType
from svodka.store.listing import SearchFilters

router = APIRouter(tags=["export"])

MAX_EXPORT_ROWS = 10_000
Format = Literal["csv", "json"]
Id = Annotated[str, Path(max_length=200)]
FilterText = Annotated[str | None, Query(max_length=200)]
FilterDate = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
SEARCH_COLUMNS = ["kind", "article_id", "headline", "published", "start", "end", "text",
                  "snippet", "speaker_id", "speaker_name"]


def download(names: list[str], rows: list[dict], format: str, filename: str) -> Response:
    body, media = ((to_csv(names, rows), "text/csv; charset=utf-8") if format == "csv"
                   else (to_json(names, rows), "application/json"))
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{filename}.{format}"'})


@router.get("/export/search.{format}", summary="Search results as CSV or JSON")
def search_rows(request: Request, format: Format,
                q: Annotated[str, Query(min_length=1, max_length=500)],
                store=Depends(get_store), kind: Literal["article", "quote", "amount"] | None = None,
                entity: FilterText = None, speaker: FilterText = None, source: FilterText = None,
                date_from: FilterDate = None, date_to: FilterDate = None,
                sort: Literal["relevance", "date"] = "relevance",
                quote_kind: Literal["direct", "indirect"] | None = None,
                entity_type: EntityType = None):
    """Every hit under the filters (up to 10,000), in the page's order."""
    filters = SearchFilters(kind, entity, speaker, source, date_from, date_to, quote_kind,
                            entity_type)
    found = bounded_search_list(request, store, q, filters, sort, 0, MAX_EXPORT_ROWS)
    return download(SEARCH_COLUMNS, found["items"], format, "search")


@router.get("/export/entities/{entity_id}/quotes.{format}", summary="An entity's quotes")
def entity_quotes(entity_id: Id, format: Format, store=Depends(get_store)):
    """The rows of ``quotes`` in ``svodka export`` whose speaker is this entity."""
    if store.get_entity(entity_id, limit=1) is None:
        raise HTTPException(404, "no such entity")
    names, rows = table_rows(store, "quotes", speaker_id=entity_id)
    return download(names, rows, format, "quotes")


@router.get("/export/articles/{article_id:path}/facts.{format}", summary="An article's facts")
def article_rows(article_id: Id, format: Format, store=Depends(get_store)):
    """The article's rows of ``mentions``, ``quotes``, ``amounts`` and ``dates`` in ``svodka
    export``, with a ``table`` column saying which."""
    if store.get_article(article_id) is None:
        raise HTTPException(404, "no such article")
    names, rows = article_facts(store, article_id)
    return download(names, rows, format, "facts")
