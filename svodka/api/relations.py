"""An entity's timeline and company, and "what X said about Y": pages and their JSON."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from svodka.api.state import get_store

router = APIRouter()
Id = Annotated[str, Path(max_length=200)]
Period = Literal["day", "week", "month"]
Name = Annotated[str, Query(max_length=200)]
CANDIDATES = 6


def _entity(store, entity_id: str) -> dict:
    found = store.get_entity(entity_id, limit=1)
    if found is None:
        raise HTTPException(404, "Такой сущности в корпусе нет.")
    return found


@router.get("/api/entities/{entity_id}/timeline", tags=["corpus"],
            summary="Mentions and quotes of an entity per day, week or month")
def timeline_json(entity_id: Id, store=Depends(get_store), period: Period = "month") -> dict:
    _entity(store, entity_id)
    return store.timeline(entity_id, period)


@router.get("/api/entities/{entity_id}/company", tags=["corpus"],
            summary="The entities that share the most articles with this one")
def company_json(entity_id: Id, store=Depends(get_store)) -> dict:
    _entity(store, entity_id)
    return {"items": store.company(entity_id)}


@router.get("/api/entities/{entity_id}/with/{other_id}", tags=["corpus"],
            summary="Where two entities meet, and what each said about the other")
def together_json(entity_id: Id, other_id: Id, store=Depends(get_store)) -> dict:
    _entity(store, entity_id), _entity(store, other_id)
    return store.together(entity_id, other_id)


@router.get("/entities/{entity_id}/company", response_class=HTMLResponse, include_in_schema=False)
def company_page(request: Request, entity_id: Id, store=Depends(get_store),
                 period: Period = "month"):
    entity = _entity(store, entity_id)
    line = store.timeline(entity["id"], period)
    peak = max([max(p["mentions"], p["quotes"]) for p in line["points"]] or [1])
    return request.app.state.templates.TemplateResponse(request, "entity_company.html", {
        "entity": entity, "timeline": line, "peak": peak or 1, "period": period,
        "company": store.company(entity["id"])})


@router.get("/entities/{entity_id}/with/{other_id}", response_class=HTMLResponse,
            include_in_schema=False)
def together_page(request: Request, entity_id: Id, other_id: Id, store=Depends(get_store)):
    entity, other = _entity(store, entity_id), _entity(store, other_id)
    return request.app.state.templates.TemplateResponse(request, "entity_with.html", {
        "entity": entity, "other": other, "found": store.together(entity["id"], other["id"])})


@router.get("/said", response_class=HTMLResponse, include_in_schema=False)
def said_page(request: Request, store=Depends(get_store), who: Name = "", about: Name = ""):
    """"What X said about Y" by names, as an analyst types them: each name is the most
    mentioned entity it finds; the others it finds are offered beside the answer."""
    templates = request.app.state.templates
    who, about = who.strip(), about.strip()
    found = {role: store.find_entities(name, limit=CANDIDATES) if name else []
             for role, name in (("who", who), ("about", about))}
    missing = [name for role, name in (("who", who), ("about", about))
               if name and not found[role]]
    if not (who and about) or missing:
        return templates.TemplateResponse(request, "said.html", {
            "who": who, "about": about, "missing": missing},
            status_code=404 if missing else 200)
    entity, other = found["who"][0], found["about"][0]
    return templates.TemplateResponse(request, "entity_with.html", {
        "entity": entity, "other": other, "found": store.together(entity["id"], other["id"]),
        "asked": {"who": who, "about": about},
        "alternatives": {"who": found["who"][1:], "about": found["about"][1:]}})
