"""The JSON API under ``/api`` (plus ``POST /extract``): thin calls into the store and pipeline.

Reads are plain ``def`` handlers, so FastAPI runs them in its thread pool: most take a few
milliseconds, but one costly search run on the event loop held up every other request
(five 500-character searches made /api/stats take 11 s). The databases release the GIL
while they work, and a search has a time budget (``ServerLimits.query_seconds``).
Extraction is bounded in :mod:`svodka.api.extracting`; more cores are used with
``svodka serve --workers N``.
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from svodka.api.extracting import ISO_DATE, extract_for, parse_body, public_record
from svodka.api.state import bounded_search_list, get_store
from svodka.errors import InputRejected
from svodka.store.listing import SearchFilters

router = APIRouter()

MAX_PAGE = 100
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
DateFrom = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=200)]
EntityType = Annotated[str | None, Query(pattern=r"^[A-Z]{2,12}$",
                                         description="PER, ORG, LOC, EVENT: hits whose article "
                                                     "names an entity of that type")]
Id = Annotated[str, Path(max_length=200)]

EXTRACT_BODY = {"requestBody": {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string"},
        "published": {"type": "string", "pattern": ISO_DATE},
        "format": {"type": "string", "enum": ["auto", "text", "html"]}}}}}}}


@router.post("/extract", tags=["extract"], openapi_extra=EXTRACT_BODY,
             summary="Extract facts from one article (nothing is stored)")
@router.post("/api/extract", tags=["extract"], openapi_extra=EXTRACT_BODY, include_in_schema=False)
async def extract(request: Request,
                  published: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
                  explain: bool = False) -> dict:
    """Plain text, HTML, or JSON ``{"text", "published"}`` in; the contract's record out.

    Bodies over the size limit get 413; text that cannot become an article gets 422.
    """
    body = await request.body()
    try:
        data, body_published, input = parse_body(body, request.headers.get("content-type", ""))
        article = await extract_for(request, data, published or body_published, input)
    except InputRejected as error:
        raise HTTPException(422, {"reason": error.reason, "message": error.message}) from None
    return public_record(article, explain)


@router.get("/api/articles", tags=["corpus"], summary="Stored articles, newest first")
def list_articles(store=Depends(get_store), offset: Offset = 0, limit: Limit = 20,
                  entity: Text = None, date_from: DateFrom = None,
                  date_to: DateTo = None,
                  tone: Annotated[int | None, Query(
                      ge=-1, le=1, description="Only articles where the entity (or, without "
                      "`entity`, any entity) is mentioned with this tone: -1, 0 or 1.")] = None
                  ) -> dict:
    filters = {"entity_id": entity, "date_from": date_from, "date_to": date_to, "tone": tone}
    return {"total": store.count_articles(**filters), "offset": offset, "limit": limit,
            "items": store.list_articles(offset=offset, limit=limit, **filters)}


@router.get("/api/articles/{article_id:path}", tags=["corpus"],
            summary="One stored article: the contract's record")
def get_article(article_id: Id, store=Depends(get_store),
                      explain: bool = False) -> dict:
    """The record (each entity with its corpus entity's ``wikidata`` id, where known), plus
    ``corpus_entity_ids``: each local entity id ("e1") to its corpus id."""
    article = store.get_linked_article(article_id)
    if article is None:
        raise HTTPException(404, "no such article")
    record = public_record(article, explain)
    record["corpus_entity_ids"] = store.corpus_entity_ids(article.id)
    return record


@router.get("/api/search", tags=["corpus"], summary="Morphology-aware search")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
                 store=Depends(get_store),
           kind: Literal["article", "quote", "amount"] | None = None,
           entity: Text = None, speaker: Text = None, date_from: DateFrom = None,
           date_to: DateTo = None, offset: Offset = 0, limit: Limit = 20,
           source: Annotated[str | None, Query(max_length=200,
                                               description="The outlet's domain, e.g. ng.ru")] = None,
           sort: Literal["relevance", "date"] = "relevance",
           quote_kind: Literal["direct", "indirect"] | None = None,
           entity_type: EntityType = None) -> dict:
    """Hits best first (or newest first with ``sort=date``), with ``total`` (all hits under
    the filters) and ``facets`` (hits per kind, source, month of publication, quote kind and
    the entity types their articles name; each value is also a filter)."""
    filters = SearchFilters(kind, entity, speaker, source, date_from, date_to, quote_kind,
                            entity_type)
    found = bounded_search_list(request, store, q, filters, sort, offset, limit)
    return {"q": q, **filters.as_params(), "sort": sort, "offset": offset, "limit": limit,
            "total": found["total"], "facets": found["facets"], "items": found["items"]}


@router.get("/api/entities", tags=["corpus"], summary="Find entities by name")
def find_entities(name: Annotated[str, Query(min_length=1, max_length=200)],
                  store=Depends(get_store),
                  type: Annotated[str | None, Query(max_length=20)] = None,
                  limit: Limit = 20) -> dict:
    return {"items": store.find_entities(name, type=type, limit=limit)}


@router.get("/api/entities/{entity_id}", tags=["corpus"],
            summary="One entity: aliases, roles, counts, its newest articles, quotes and "
                    "amounts in its quotes")
def get_entity(entity_id: Id, store=Depends(get_store), limit: Limit = 100) -> dict:
    """``n_articles`` and ``n_quotes`` count all; the lists hold the newest ``limit`` (page
    through the rest with ``/api/articles?entity=`` and ``/api/quotes?speaker=``)."""
    entity = store.get_entity(entity_id, limit=limit)
    if entity is None:
        raise HTTPException(404, "no such entity")
    return entity


@router.get("/api/quotes", tags=["corpus"], summary="Quotes, newest first")
def quotes(store=Depends(get_store), speaker: Text = None, offset: Offset = 0,
           limit: Limit = 20) -> dict:
    """``speaker`` is a corpus entity id or a name in any case form ("Токаева")."""
    return {"speaker": speaker, "offset": offset, "limit": limit,
            "items": store.quotes(speaker=speaker, limit=limit, offset=offset)}


@router.get("/api/top", tags=["corpus"], summary="Most mentioned or most quoted entities")
def top_entities(store=Depends(get_store),
                 type: Annotated[str | None, Query(max_length=20)] = None,
                 by: Literal["mentions", "quotes"] = "mentions",
                 since: DateFrom = None, limit: Limit = 10) -> dict:
    return {"items": store.top_entities(type=type, by=by, since=since, limit=limit)}


@router.get("/api/stats", tags=["corpus"], summary="Corpus counts")
def stats(store=Depends(get_store)) -> dict:
    return store.stats()
