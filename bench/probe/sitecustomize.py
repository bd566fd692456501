"""Instruments ``svodka serve``'s worker processes for ``bench/serve_probe.py``.

Python imports ``sitecustomize`` at start-up from the path; ``bench/serve_probe.py`` puts
this directory first on the server's ``PYTHONPATH`` and names a directory in
``$SVODKA_PROBE_DIR``. Without that variable this module does nothing.

For every request a worker answers it writes one line of JSON to
``$SVODKA_PROBE_DIR/<pid>.jsonl``: when it entered the app and left it, whether the answer
was kept, and for a handler run in the thread pool, when it was handed to the pool, when a
thread started it, the thread's CPU time and its time waiting for a core (the kernel's
``schedstat``), the time in SQLite, and when the event loop took the result back. SQLite
connections opened are counted too (a connection pool that opens and drops connections
under load pays for each: a cold page cache, the schema read again).
"""
from __future__ import annotations

import atexit
import json
import os
import sqlite3
import threading
import time

from timed_sqlite import timed_connection

PROBE_DIR = os.environ.get("SVODKA_PROBE_DIR")
_local = threading.local()


def _schedstat() -> tuple[int, int]:
    """(CPU ns, ns waiting on a run queue) of the calling thread."""
    with open(f"/proc/self/task/{threading.get_native_id()}/schedstat", "rb") as file:
        cpu, waited, _ = file.read().split()
    return int(cpu), int(waited)


def _add_to_request(seconds: float) -> None:
    record = getattr(_local, "record", None)
    if record is not None:
        record["sql"] += seconds


_TimedConnection = timed_connection(_add_to_request)


def _install() -> None:
    os.makedirs(PROBE_DIR, exist_ok=True)
    out = open(os.path.join(PROBE_DIR, f"{os.getpid()}.jsonl"), "a", buffering=1)   # a line each
    atexit.register(out.close)
    connects = {"n": 0, "seconds": 0.0}
    connect = sqlite3.connect

    def counted_connect(*args, **kwargs):
        kwargs.setdefault("factory", _TimedConnection)
        started = time.perf_counter()
        try:
            return connect(*args, **kwargs)
        finally:
            connects["n"] += 1
            connects["seconds"] += time.perf_counter() - started

    sqlite3.connect = sqlite3.dbapi2.connect = counted_connect

    import anyio.to_thread
    import fastapi.dependencies.utils
    import fastapi.routing
    import starlette.concurrency

    import svodka.api.factory

    inflight = {"n": 0}
    current = {}          # the event loop's request of the moment, by task

    async def probed_run_in_threadpool(func, *args, **kwargs):
        import asyncio
        record = current.get(asyncio.current_task())
        submitted = time.perf_counter()
        inflight["n"] += 1
        seen = {"threads": inflight["n"]}

        def run():
            seen["start"] = time.perf_counter()
            cpu0, waited0 = _schedstat()
            _local.record = record if record is not None else {"sql": 0.0}
            sql0 = _local.record["sql"]
            try:
                return func(*args, **kwargs)
            finally:
                cpu1, waited1 = _schedstat()
                seen["stop"] = time.perf_counter()
                seen["cpu"] = (cpu1 - cpu0) / 1e9
                seen["runq"] = (waited1 - waited0) / 1e9
                seen["sql"] = _local.record["sql"] - sql0
                _local.record = None

        try:
            return await anyio.to_thread.run_sync(run)
        finally:
            inflight["n"] -= 1
            if record is not None and "start" in seen:
                seen["resumed"] = time.perf_counter()
                seen["submitted"] = submitted
                record.setdefault("hops", []).append(seen)

    for module in (fastapi.routing, fastapi.dependencies.utils, starlette.concurrency):
        module.run_in_threadpool = probed_run_in_threadpool

    make_app = svodka.api.factory.app_from_env

    def probed_app_from_env():
        app = make_app()

        async def probed(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            import asyncio
            task = asyncio.current_task()
            record = {"path": scope["path"], "entered": time.perf_counter(), "sql": 0.0,
                      "connects_before": connects["n"]}
            current[task] = record

            async def noting_send(message):
                if message["type"] == "http.response.start":
                    record["status"] = message["status"]
                    record["kept"] = any(name == b"x-svodka-cache" and value == b"hit"
                                         for name, value in message.get("headers", []))
                await send(message)

            try:
                await app(scope, receive, noting_send)
            finally:
                current.pop(task, None)
                record["left"] = time.perf_counter()
                # the process's count so far: requests overlap, so a phase's connections
                # are the last count less the first, per process
                record["connects_after"] = connects["n"]
                out.write(json.dumps(record) + "\n")
        return probed

    svodka.api.factory.app_from_env = probed_app_from_env


if PROBE_DIR:
    _install()
