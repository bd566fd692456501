"""What every request shares: the open store, and the turns searches take."""
from __future__ import annotations

from fastapi import HTTPException, Request


async def get_store(request: Request):
    # async: a sync dependency would cost every request a trip through the thread pool
    return request.app.state.store


async def search_store(request: Request):
    """The store, once this search has its turn: ``ServerLimits.search_slots`` searches at
    once per process, the others waiting in order on the event loop — at most
    ``query_seconds``, then 503 with ``Retry-After``. (Waiting in a thread of the pool, as
    before, kept a thread per waiting search; with the pool's other handlers bounded by
    :class:`svodka.api.guard.ComputeSlots`, searches keep to their own turns.)"""
    limits = request.app.state.limits
    turns = request.app.state.search_turns
    if not await turns.take(limits.query_seconds):
        raise HTTPException(503, "Сервер занят другими поисками; повторите позже "
                                 "(too many searches at once)", headers={"Retry-After": "5"})
    try:
        yield request.app.state.store
    finally:
        turns.give_back()


def bounded_search_list(request: Request, store, q: str, filters, sort: str, offset: int,
                        limit: int) -> dict:
    """``store.search_list`` (total, facets, one page) within ``query_seconds`` in the
    database (else QueryTooCostly, 422). The route takes its turn first: its ``store`` is
    ``Depends(search_store)``."""
    seconds = request.app.state.limits.query_seconds
    return store.search_list(q, filters, sort, offset, limit, seconds=seconds)
