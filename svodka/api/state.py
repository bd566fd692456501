"""What every request shares: the open store, and the slots searches take turns in."""
from __future__ import annotations

from fastapi import HTTPException, Request


async def get_store(request: Request):
    # async: a sync dependency would cost every request a trip through the thread pool
    return request.app.state.store


def bounded_search_list(request: Request, store, q: str, filters, sort: str, offset: int,
                        limit: int) -> dict:
    """``store.search_list`` (total, facets, one page) within the app's limits: a free search
    slot (else 503 after ``query_seconds``) and ``query_seconds`` in the database (else
    QueryTooCostly, 422)."""
    return _bounded(request, lambda seconds: store.search_list(q, filters, sort, offset, limit,
                                                               seconds=seconds))


def _bounded(request: Request, run):
    limits = request.app.state.limits
    slots = request.app.state.search_slots
    if not slots.acquire(timeout=limits.query_seconds):
        raise HTTPException(503, "Сервер занят другими поисками; повторите позже "
                                 "(too many searches at once)", headers={"Retry-After": "5"})
    try:
        return run(limits.query_seconds)
    finally:
        slots.release()
