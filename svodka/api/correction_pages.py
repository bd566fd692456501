"""The analyst's correction forms (entity and article pages) and the audit page.

Forms POST to these handlers, which check that the request comes from this server's own
pages (Origin or Referer), make the correction, and send the browser back (303) to a page
that shows its effect. A refused correction is an error page saying why.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from svodka.api.guard import same_origin
from svodka.api.pages import render
from svodka.api.state import get_store
from svodka.store.corrections import describe

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Id = Annotated[str, Path(max_length=200)]
Who = Annotated[str, Form(max_length=200)]
Why = Annotated[str, Form(max_length=2000)]
Name = Annotated[str, Form(max_length=200)]


async def from_this_site(request: Request) -> None:
    if not same_origin(request.headers, require=True):
        raise HTTPException(403, "Исправления принимаются только со страниц этого сервера.")


GUARD = [Depends(from_this_site)]


def _correct(request: Request, call, then: str | None = None):
    """Make a correction; go to ``then`` (or where the call says) after it."""
    from svodka.store import CorrectionError
    try:
        done = call()
    except CorrectionError as error:
        return render(request, "error.html", status=422,
                      message=f"Исправление не принято: {error}.")
    return RedirectResponse(then or done, status_code=303)


def entity_page(entity_id: str) -> str:
    return f"/entities/{url_quote(entity_id, safe='')}"


def article_page(article_id: str) -> str:
    return f"/articles/{url_quote(article_id, safe='')}"


def article_forms(record, corpus: dict[str, str], stored_mentions: list[dict]) -> dict:
    """What the article page's correction forms offer: its quotes, its entities as
    speakers, and its mentions (by stored number) grouped by entity; ``corpus`` and
    ``stored_mentions`` as :meth:`Store.article_for_page` gives them."""
    numbers = {(row["start"], row["end"], row["entity_id"]): row["n"]
               for row in stored_mentions}
    speakers, groups = {}, []
    for entity in record.entities:
        corpus_id = corpus.get(entity.id)
        if corpus_id:
            speakers.setdefault(corpus_id, entity.name)
        mentions = [(numbers[key], m.text, m.start) for m in entity.mentions
                    if (key := (m.start, m.end, corpus_id)) in numbers]
        if mentions:
            groups.append({"name": entity.name, "type": entity.type, "mentions": mentions})
    quotes = [{"n": n, "text": q.text if len(q.text) <= 70 else q.text[:69] + "…",
               "speaker": corpus.get(q.speaker) if q.speaker else None,
               "speaker_name": q.speaker_name} for n, q in enumerate(record.quotes)]
    return {"quotes": quotes, "speakers": sorted(speakers.items(), key=lambda x: x[1]),
            "groups": groups}


@router.post("/entities/{entity_id}/merge", dependencies=GUARD)
def merge(request: Request, entity_id: Id, into: Name, store=Depends(get_store),
                who: Who = "", why: Why = ""):
    def run():
        done = store.merge_entities(entity_id, store.one_entity(into.strip()), who, why)
        return entity_page(done["payload"]["target"])
    return _correct(request, run)


@router.post("/entities/{entity_id}/rename", dependencies=GUARD)
def rename(request: Request, entity_id: Id, name: Name, store=Depends(get_store),
                 who: Who = "", why: Why = ""):
    return _correct(request, lambda: store.rename_entity(entity_id, name, who, why),
                          then=entity_page(entity_id))


@router.post("/articles/{article_id:path}/split", dependencies=GUARD)
def split(request: Request, article_id: Id, store=Depends(get_store),
                mention: Annotated[list[int], Form()] = (), name: Name = "",
                who: Who = "", why: Why = ""):
    """The ticked mentions of one entity go to the entity called ``name``."""
    from svodka.store import CorrectionError

    def run():
        owners = {row["n"]: row["entity_id"] for row in store.mentions(article_id)}
        chosen = sorted(set(mention))
        if not chosen or any(n not in owners for n in chosen):
            raise CorrectionError("отметьте упоминания этой статьи")
        entities = {owners[n] for n in chosen}
        if len(entities) > 1:
            raise CorrectionError("отмеченные упоминания принадлежат разным сущностям")
        store.split_entity(entities.pop(), [(article_id, n) for n in chosen], who, why,
                           name=name)
        return article_page(article_id)
    return _correct(request, run)


@router.post("/articles/{article_id:path}/speaker", dependencies=GUARD)
def reassign(request: Request, article_id: Id,
                   quote: Annotated[int, Form(ge=0, le=1_000_000)],
                   store=Depends(get_store), speaker: Name = "", other: Name = "",
                   who: Who = "", why: Why = ""):
    """``speaker`` is an entity id from the list, "" for nobody; ``other`` an id or name."""
    def run():
        chosen = store.one_entity(other.strip()) if other.strip() else (speaker or None)
        store.reassign_quote(article_id, quote, chosen, who, why)
        return article_page(article_id)
    return _correct(request, run)


@router.get("/corrections")
def audit(request: Request, store=Depends(get_store),
                entity: Annotated[str | None, Query(max_length=200)] = None):
    items = [item | {"what": describe(item)} for item in store.corrections(entity or None)]
    return render(request, "corrections.html", items=items, entity=entity or "")


@router.post("/corrections/{correction_id}/undo", dependencies=GUARD)
def undo(request: Request, correction_id: Annotated[int, Path(ge=1)],
               store=Depends(get_store), who: Who = ""):
    return _correct(request, lambda: store.undo_correction(correction_id, who),
                          then="/corrections")
