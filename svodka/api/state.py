"""What every request shares: the open store."""
from __future__ import annotations

from fastapi import Request


async def get_store(request: Request):
    # async: a sync dependency would cost every request a trip through the thread pool
    return request.app.state.store
