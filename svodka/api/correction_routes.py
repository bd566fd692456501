"""The JSON API of analysts' corrections: merge, split, rename, reassign, list, undo.

Handlers are plain ``def`` (run in the thread pool), like the store's readers. Every POST
takes a JSON body (a cross-site form cannot send one) and is refused when its
Origin names another site. ``who`` and ``why`` are stored with the correction.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from svodka.api.guard import same_origin
from svodka.api.state import get_store

router = APIRouter(tags=["corrections"])
Id = Annotated[str, Path(max_length=200)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


async def json_from_this_site(request: Request) -> None:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send JSON (Content-Type: application/json)")
    if not same_origin(request.headers, require=False):
        raise HTTPException(403, "cross-site request refused")


class Signed(BaseModel):
    who: str = Field("api", max_length=200, description="Who makes the correction.")
    why: str = Field("", max_length=2000, description="What in the text shows it.")


class MergeBody(Signed):
    into: Name = Field(description="The entity this one really is (its id).")


class SplitBody(Signed):
    mentions: list[Annotated[str, Field(max_length=300)]] = Field(
        min_length=1, max_length=1000,
        description='"ARTICLE:N" (stored mention number) or "ARTICLE:START-END" (its span).')
    name: str | None = Field(None, max_length=200, description="The entity they belong to.")
    into: str | None = Field(None, max_length=200, description="Or: an existing entity id.")


class RenameBody(Signed):
    name: Name


class SpeakerBody(Signed):
    speaker: str | None = Field(description="The speaker's entity id; null: no named speaker.",
                                max_length=200)


class UndoBody(BaseModel):
    who: str = Field("api", max_length=200)


def _correct(call, *args, **kwargs) -> dict:
    from svodka.store import CorrectionError
    try:
        return call(*args, **kwargs)
    except CorrectionError as error:
        raise HTTPException(422, str(error)) from None


GUARD = [Depends(json_from_this_site)]


@router.post("/api/entities/{entity_id}/merge", status_code=201, dependencies=GUARD,
             summary="Merge this entity into another")
def merge(entity_id: Id, body: MergeBody, store=Depends(get_store)) -> dict:
    """Its mentions, quotes and articles become the other's; its id keeps leading there."""
    return _correct(store.merge_entities, entity_id, body.into, body.who, body.why)


@router.post("/api/entities/{entity_id}/split", status_code=201, dependencies=GUARD,
             summary="Split mentions off this entity")
def split(entity_id: Id, body: SplitBody, store=Depends(get_store)) -> dict:
    if (body.name is None) == (body.into is None):
        raise HTTPException(422, "give either name or into")

    def run():
        keys = []
        for ref in body.mentions:
            article, _, where = ref.rpartition(":")
            keys.append(store.mention_key(article, where))
        return store.split_entity(entity_id, keys, body.who, body.why, name=body.name,
                                  into=body.into)
    return _correct(run)


@router.post("/api/entities/{entity_id}/rename", status_code=201, dependencies=GUARD,
             summary="Rename an entity")
def rename(entity_id: Id, body: RenameBody, store=Depends(get_store)) -> dict:
    return _correct(store.rename_entity, entity_id, body.name, body.who, body.why)


@router.post("/api/articles/{article_id:path}/quotes/{n}/speaker", status_code=201,
             dependencies=GUARD, summary="Give a quote its right speaker (or none)")
def reassign(article_id: Id, n: Annotated[int, Path(ge=0, le=1_000_000)],
                   body: SpeakerBody, store=Depends(get_store)) -> dict:
    """``n`` is the quote's position in the article's record, from 0."""
    return _correct(store.reassign_quote, article_id, n, body.speaker, body.who,
                          body.why)


@router.get("/api/corrections", summary="The corrections log, newest first")
def corrections(store=Depends(get_store),
                      entity: Annotated[str | None, Query(max_length=200)] = None) -> dict:
    """Undone corrections are listed too, with ``undone`` and ``undone_by`` set."""
    return {"items": store.corrections(entity)}


@router.post("/api/corrections/{correction_id}/undo", dependencies=GUARD,
             summary="Undo a correction")
def undo(correction_id: Annotated[int, Path(ge=1)], body: UndoBody,
               store=Depends(get_store)) -> dict:
    return _correct(store.undo_correction, correction_id, body.who)
