"""The analyst's HTML pages: home, search, article, entity, quotes, paste.

Each handler asks the store, shapes a little context and renders a template; the
highlighted article text comes from :mod:`svodka.web.article_view`. Handlers that read the
store are plain ``def``, run in the thread pool, for the reason given in
:mod:`svodka.api.json_routes`.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from svodka.api.extracting import extract_for
from svodka.api.state import bounded_search_list, get_store
from svodka.errors import InputRejected
from svodka.store.listing import SearchFilters, empty_facets
from svodka.web import article_view, mentions_chart, search_href

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

PAGE_SIZE = 20
ENTITY_LIST_LIMIT = 30   # the entity page shows the newest; "all" links page through the rest
MAX_PAGE_NUMBER = 500
Page = Annotated[int, Query(ge=1, le=MAX_PAGE_NUMBER)]
Id = Annotated[str, Path(max_length=200)]
_HIT = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context,
                                                        status_code=status)


def month_start(today: date) -> str:
    return today.replace(day=1).isoformat()


def top_this_month(store, today: date, **query) -> tuple[list[dict], bool]:
    """The month's leaders, or all-time ones (flagged) when the month has none."""
    leaders = store.top_entities(since=month_start(today), **query)
    if leaders:
        return leaders, False
    return store.top_entities(since=None, **query), True


@router.get("/")
def home(request: Request, store=Depends(get_store)):
    today = request.app.state.today()
    people, people_all_time = top_this_month(store, today, type="PER", by="quotes", limit=10)
    orgs, orgs_all_time = top_this_month(store, today, type="ORG", by="mentions", limit=10)
    return render(request, "home.html", stats=store.stats(), people=people,
                  people_all_time=people_all_time, orgs=orgs, orgs_all_time=orgs_all_time,
                  recent=store.list_articles(offset=0, limit=8), month=month_start(today)[:7])


FilterText = Annotated[str, Query(max_length=200)]
FilterDate = Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]


@router.get("/search")
def search(request: Request, store=Depends(get_store),
           q: Annotated[str, Query(max_length=500)] = "",
           kind: Literal["", "article", "quote", "amount"] = "", speaker: FilterText = "",
           entity: FilterText = "", source: FilterText = "", date_from: FilterDate = "",
           date_to: FilterDate = "", sort: Literal["relevance", "date"] = "relevance",
           quote_kind: Literal["", "direct", "indirect"] = "",
           entity_type: Annotated[str, Query(pattern=r"^([A-Z]{2,12})?$")] = "",
           page: Page = 1):
    filters = SearchFilters(kind or None, entity.strip() or None, speaker.strip() or None,
                            source.strip() or None, date_from or None, date_to or None,
                            quote_kind or None, entity_type or None)
    found = {"total": 0, "items": [], "facets": empty_facets()}
    if q.strip():
        found = bounded_search_list(request, store, q, filters, sort, (page - 1) * PAGE_SIZE,
                                    PAGE_SIZE)
    params = {"q": q, **filters.as_params(), **({"sort": sort} if sort != "relevance" else {})}
    return render(request, "search.html", q=q, filters=filters, sort=sort, page=page,
                  hits=found["items"], total=found["total"], facets=found["facets"],
                  pages=min(-(-found["total"] // PAGE_SIZE), MAX_PAGE_NUMBER), params=params)


@router.get("/articles")
def articles(request: Request, store=Depends(get_store), page: Page = 1,
             entity: Annotated[str | None, Query(max_length=200)] = None,
             tone: Annotated[int | None, Query(ge=-1, le=1)] = None):
    items = store.list_articles(offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, entity_id=entity,
                                tone=tone)
    total = store.count_articles(entity_id=entity, tone=tone)
    return render(request, "articles.html", items=items, total=total, page=page,
                  more=page * PAGE_SIZE < total, entity=entity, tone=tone)


def parse_hit(value: str | None) -> tuple[int, int] | None:
    match = _HIT.match(value or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


# Article ids are the input's own and may hold "/": the id is matched as a path, and the
# longer route goes first.
@router.get("/articles/{article_id:path}/entities/{local_id}")
def article_entity(article_id: Id, local_id: Id, store=Depends(get_store)):
    """An article's entity ("e1") to its corpus page; a search when the corpus lacks it."""
    corpus_id = store.corpus_entity_id(article_id, local_id)
    if corpus_id:
        return RedirectResponse(f"/entities/{url_quote(corpus_id, safe='')}", status_code=303)
    record = store.get_article(article_id)
    entity = record.entity(local_id) if record else None
    if entity is None:
        raise HTTPException(404, "Такой сущности в статье нет.")
    return RedirectResponse(search_href(entity), status_code=303)


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: Id, store=Depends(get_store),
            hl: Annotated[str | None, Query(max_length=20)] = None):
    record, corpus, stored_mentions = store.article_for_page(article_id)
    if record is None:
        raise HTTPException(404, "Такой статьи в корпусе нет.")
    quoted = url_quote(record.id, safe="")

    def entity_href(entity):
        # resolved on click (one lookup) rather than for every entity on every view
        return f"/articles/{quoted}/entities/{url_quote(entity.id, safe='')}"

    from svodka.api.correction_pages import article_forms

    view = article_view(record, entity_href, hit=parse_hit(hl))
    return render(request, "article.html", article=record, view=view, stored=True,
                  fix=article_forms(record, corpus, stored_mentions))


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: Id, store=Depends(get_store)):
    found = store.get_entity(entity_id, limit=ENTITY_LIST_LIMIT)
    if found is None:
        raise HTTPException(404, "Такой сущности в корпусе нет.")
    if found["id"] != entity_id:   # merged into another entity: its page is the one
        # (302, not 301: an analyst's merge can be undone, and a browser keeps a 301)
        return RedirectResponse(f"/entities/{url_quote(found['id'], safe='')}", status_code=302)

    from svodka.store.corrections import describe

    corrections = [item | {"what": describe(item)} for item in store.corrections(found["id"])]
    return render(request, "entity.html", entity=found, shown=ENTITY_LIST_LIMIT,
                  chart=mentions_chart(found.get("mentions_by_month") or []),
                  corrections=corrections)


@router.get("/quotes")
def quotes(request: Request, store=Depends(get_store), page: Page = 1,
           speaker: Annotated[str | None, Query(max_length=200)] = None):
    items = store.quotes(speaker=speaker or None, limit=PAGE_SIZE + 1,
                         offset=(page - 1) * PAGE_SIZE)
    # a speaker given by corpus id is titled by name
    title = next((item["speaker_name"] for item in items if item["speaker_id"] == speaker),
                 speaker or "")
    return render(request, "quotes.html", items=items[:PAGE_SIZE], speaker=speaker or "",
                  title=title, page=page, more=len(items) > PAGE_SIZE)


@router.get("/paste")
async def paste_form(request: Request):
    return render(request, "paste.html", text="", published="", error=None)


@router.post("/paste")
async def paste(request: Request, text: Annotated[str, Form()] = "",
                published: Annotated[str, Form()] = ""):
    try:
        record = await extract_for(request, text, published.strip() or None)
    except InputRejected as error:
        return render(request, "paste.html", status=422, text=text, published=published,
                      error=error.message)
    return render(request, "article.html", article=record, view=article_view(record),
                  stored=False)
