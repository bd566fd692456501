"""uvicorn's HTTP/1.1 protocol with a limit on the time a request's headers may take.

uvicorn bounds the pause between requests (``timeout_keep_alive``), but a client that
sends its headers a byte at a time keeps a connection for as long as it likes. Here a
connection waiting for headers longer than ``header_seconds`` is closed.
"""
from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutH11(H11Protocol):
    header_seconds: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._await_headers()

    def _await_headers(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        waiting_cycle = self.cycle
        self._header_timer = self.loop.call_later(
            self.header_seconds, self._headers_overdue, waiting_cycle)

    def _headers_overdue(self, waiting_cycle) -> None:
        # a new request began since: its headers arrived in time
        if self.cycle is waiting_cycle and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)


def with_header_timeout(seconds: float) -> type[HeaderTimeoutH11]:
    """The protocol class for ``uvicorn.run(http=…)`` with the given limit.

    The default limit is the module's own class: uvicorn sends its settings to each worker
    process by pickling them, and a class made here on the fly cannot be pickled (``svodka
    serve --workers 2`` failed to start)."""
    if seconds == HeaderTimeoutH11.header_seconds:
        return HeaderTimeoutH11
    return type("HeaderTimeoutH11", (HeaderTimeoutH11,), {"header_seconds": seconds})
