"""What every request shares: the open store, and links from article entities to corpus ones."""
from __future__ import annotations

from fastapi import Request

from svodka.record import Article


def get_store(request: Request):
    return request.app.state.store


def corpus_entity_ids(store, article: Article) -> dict[str, str]:
    """Each local entity id ("e1") of a stored article to its corpus entity id, where known."""
    ids = {}
    for entity in article.entities:
        corpus_id = store.corpus_entity_id(article.id, entity.id)
        if corpus_id:
            ids[entity.id] = corpus_id
    return ids
