"""Computed answers take turns on the event loop (svodka/api/guard.py: ComputeSlots, Turns;
svodka/api/state.py: search_store): a worker computes at most ``compute_slots`` answers and
``search_slots`` searches at once, the others wait in order without holding a thread, and
a kept answer never waits for a turn."""
from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

LOCAL = "http://127.0.0.1"


class Counting:
    """How many calls are inside at once, and the most there ever were."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.inside = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, result):
        def call(*args, **kwargs):
            with self.lock:
                self.inside += 1
                self.most = max(self.most, self.inside)
            time.sleep(self.seconds)
            with self.lock:
                self.inside -= 1
            return result
        return call


@pytest.fixture
def store(tmp_path):
    from svodka.store import open_store

    store = open_store(tmp_path / "c.db")
    yield store
    store.close()


async def _get_all(app, paths: list[str]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
        return await asyncio.gather(*(client.get(path) for path in paths))


@pytest.mark.parametrize("slots", [1, 3])
def test_a_worker_computes_at_most_its_slots_of_answers_at_once(store, slots):
    from svodka.api import ServerLimits, create_app

    counting = Counting(0.2)
    store.stats = counting({"articles": 0})
    app = create_app(store=store, limits=ServerLimits(compute_slots=slots))
    # six different URLs: none is a kept answer of another
    answers = asyncio.run(_get_all(app, [f"/api/stats?n={n}" for n in range(6)]))
    assert [answer.status_code for answer in answers] == [200] * 6
    assert all(answer.json() == {"articles": 0} for answer in answers)
    assert counting.most == slots


def test_searches_take_their_own_turns_and_leave_the_other_slots_free(store):
    from svodka.api import ServerLimits, create_app

    searches = Counting(0.3)
    store.search_list = searches({"total": 0, "items": [], "facets": {}})
    app = create_app(store=store, limits=ServerLimits(search_slots=2, compute_slots=1))

    async def race():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            waiting = [asyncio.create_task(client.get("/api/search", params={"q": f"нефть {n}"}))
                       for n in range(5)]
            await asyncio.sleep(0.05)
            started = time.perf_counter()
            stats = await client.get("/api/stats")
            took = time.perf_counter() - started
            return stats, took, await asyncio.gather(*waiting)

    stats, took, found = asyncio.run(race())
    assert [answer.status_code for answer in found] == [200] * 5   # each in its turn
    assert searches.most == 2
    # the three waiting searches hold neither a compute slot nor a thread of the pool
    assert stats.status_code == 200 and took < 0.25, took


def test_a_search_waiting_longer_than_its_budget_is_told_to_come_back(store):
    from svodka.api import ServerLimits, create_app

    searches = Counting(0.6)
    store.search_list = searches({"total": 0, "items": [], "facets": {}})
    app = create_app(store=store, limits=ServerLimits(search_slots=1, query_seconds=0.2))
    answers = asyncio.run(_get_all(app, ["/api/search?q=газ", "/api/search?q=нефть"]))
    assert sorted(answer.status_code for answer in answers) == [200, 503]
    refused = next(answer for answer in answers if answer.status_code == 503)
    assert refused.headers["retry-after"] == "5" and "too many searches" in refused.text


def test_a_kept_answer_does_not_wait_for_a_turn(store):
    from svodka.api import ServerLimits, create_app

    app = create_app(store=store, limits=ServerLimits(compute_slots=1))

    async def race():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            first = await client.get("/api/stats")            # computed, then kept
            store.stats = Counting(0.5)({"articles": 99})
            slow = asyncio.create_task(client.get("/api/stats?again=1"))   # holds the slot
            await asyncio.sleep(0.05)
            started = time.perf_counter()
            kept = await client.get("/api/stats")
            took = time.perf_counter() - started
            return first, kept, took, await slow

    first, kept, took, slow = asyncio.run(race())
    assert first.headers["x-svodka-cache"] == "miss"
    assert kept.headers["x-svodka-cache"] == "hit" and kept.json() == first.json()
    assert took < 0.25, took
    assert slow.headers["x-svodka-cache"] == "miss" and slow.json() == {"articles": 99}
