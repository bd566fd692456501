"""``svodka serve --workers N``: each worker accepts a connection only while it holds no more
open connections than the least busy of the others.

uvicorn's workers accept from one shared socket, and the event loop that wakes first takes
every connection waiting: of ``bench/serve.py``'s 20 kept-alive connections one worker took
all 20, or 19, in about half the runs, and served the whole burst on one core while the
other idled (docs/serve.md, tenth session). Here the workers keep their counts of open
connections in a small file in shared memory, one slot each; a worker that holds more than
another stops listening, and looks again a moment later (``RECHECK_SECONDS``), so the next
connections go to the others. A worker that stays ahead for ``PATIENCE_SECONDS`` while
connections wait accepts one anyway: a stuck or starting worker never leaves them waiting.

The hook is uvicorn's ``loop=`` setting (an event-loop class by import string): the loop's
``create_server`` over a given socket starts the balanced listener instead of its own.
"""
from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import mmap
import os
import select
import socket
import struct
import time

try:
    from uvloop import Loop as _BaseLoop     # uvicorn's own choice when installed
except ImportError:                            # pragma: no cover - uvloop is pinned
    _BaseLoop = asyncio.SelectorEventLoop

SHARES_VARIABLE = "SVODKA_SERVE_CONNECTIONS"
SLOT = struct.Struct("=qq")        # a worker's pid, its open connections
CLOSE_HEADER = (b"connection", b"close")
RECHECK_SECONDS = 0.002
PATIENCE_SECONDS = 0.25
ERROR_PAUSE_SECONDS = 0.1
logger = logging.getLogger("uvicorn.error")


def create_shares_file(directory: str | None, workers: int) -> str:
    """A file of ``workers`` empty slots, readable by this user only; the caller removes it."""
    import tempfile

    handle, path = tempfile.mkstemp(prefix="svodka-connections-", dir=directory)
    with os.fdopen(handle, "wb") as file:
        file.write(bytes(SLOT.size * workers))
    return path


def read_slots(path: str) -> list[tuple[int, int]]:
    """(pid, open connections) of every slot; pid 0 for a free one."""
    with open(path, "rb") as file:
        data = file.read()
    return [SLOT.unpack_from(data, offset)
            for offset in range(0, len(data) // SLOT.size * SLOT.size, SLOT.size)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:        # alive, another user's
        return True
    return True


class ConnectionShares:
    """This worker's slot in the shared file, and the others' counts."""

    def __init__(self, path: str, pid: int | None = None):
        self.pid = pid or os.getpid()
        with open(path, "r+b") as file:
            self._map = mmap.mmap(file.fileno(), 0)
            # two workers starting together must not take the same slot
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                self._slot = self._claim()
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)

    def _slots(self) -> range:
        return range(0, len(self._map) // SLOT.size * SLOT.size, SLOT.size)

    def _claim(self) -> int:
        for offset in self._slots():
            pid, _ = SLOT.unpack_from(self._map, offset)
            if pid in (0, self.pid) or not _alive(pid):   # free, or left by a dead worker
                SLOT.pack_into(self._map, offset, self.pid, 0)
                return offset
        raise RuntimeError("svodka serve: more workers than connection slots")

    @property
    def mine(self) -> int:
        return SLOT.unpack_from(self._map, self._slot)[1]

    def _add(self, change: int) -> None:
        if self._map.closed:     # stopping: connections close after the slot was given up
            return
        SLOT.pack_into(self._map, self._slot, self.pid, self.mine + change)

    def opened(self) -> None:
        self._add(1)

    def closed(self) -> None:
        self._add(-1)

    def others(self) -> list[int]:
        """The open connections of every other live worker."""
        counts = []
        for offset in self._slots():
            if offset == self._slot:
                continue
            pid, count = SLOT.unpack_from(self._map, offset)
            if pid and _alive(pid):
                counts.append(count)
        return counts

    def ahead(self, by: int = 1) -> bool:
        """Whether this worker holds at least ``by`` connections more than another."""
        others = self.others()
        return bool(others) and self.mine >= min(others) + by

    def release(self) -> None:
        if not self._map.closed:
            SLOT.pack_into(self._map, self._slot, 0, 0)
            self._map.close()


def _waiting(sock: socket.socket) -> bool:
    """Whether a connection waits to be accepted (without waiting for one)."""
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class _Lease:
    """One accepted connection's place in the count, given back exactly once."""

    def __init__(self, shares: ConnectionShares):
        self.shares, self.held = shares, True
        shares.opened()

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self.shares.closed()


_listening: list["BalancedListener"] = []     # this worker's, once it listens


class BalancedListener:
    """Accepts from ``sock`` one connection at a time while this worker is not ahead.

    Stands in for the ``asyncio.Server`` uvicorn keeps: ``close``, ``wait_closed``,
    ``is_serving`` and ``sockets``."""

    def __init__(self, loop: asyncio.AbstractEventLoop, protocol_factory, sock: socket.socket,
                 shares: ConnectionShares, backlog: int = 100):
        self.loop, self.protocol_factory, self.shares = loop, protocol_factory, shares
        self.sock = sock
        self.sockets = [sock]
        self._timer: asyncio.TimerHandle | None = None
        self._ahead_since: float | None = None
        self._serving = True
        self._starting: set[asyncio.Task] = set()    # the loop keeps only weak references
        sock.setblocking(False)
        sock.listen(backlog)         # uvicorn binds the socket; the server listens
        loop.add_reader(sock.fileno(), self._accept_ready)
        _listening.append(self)

    def _accept_ready(self) -> None:
        while self._serving:
            if self.shares.ahead(by=1):
                # a connection is waiting (this was called) while the others hold fewer
                now = time.monotonic()
                if self._ahead_since is None:
                    self._ahead_since = now
                if now - self._ahead_since < PATIENCE_SECONDS:
                    self._pause()
                    return
            else:
                self._ahead_since = None
            try:
                connection, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return                  # another worker took it, or none is waiting
            except ConnectionAbortedError:
                continue
            except OSError as error:    # out of file descriptors and the like
                logger.error("svodka serve: accept failed: %s", error)
                self._pause(ERROR_PAUSE_SECONDS)
                return
            self._ahead_since = None
            connection.setblocking(False)
            task = self.loop.create_task(self._serve(connection, _Lease(self.shares)))
            self._starting.add(task)
            task.add_done_callback(self._starting.discard)

    def _pause(self, seconds: float = RECHECK_SECONDS) -> None:
        self.loop.remove_reader(self.sock.fileno())
        self._timer = self.loop.call_later(seconds, self._resume)

    def _resume(self) -> None:
        self._timer = None
        if not self._serving:
            return
        if not _waiting(self.sock):
            self._ahead_since = None     # the others took what was waiting
        self.loop.add_reader(self.sock.fileno(), self._accept_ready)

    async def _serve(self, connection: socket.socket, lease: _Lease) -> None:
        def counted():
            protocol = self.protocol_factory()
            lost = protocol.connection_lost

            def connection_lost(exc):
                lease.give_back()
                lost(exc)
            protocol.connection_lost = connection_lost
            return protocol

        try:
            await self.loop.connect_accepted_socket(counted, connection)
        except Exception:       # reset before the transport was made
            lease.give_back()
            with contextlib.suppress(OSError):
                connection.close()

    def close(self) -> None:
        if not self._serving:
            return
        self._serving = False
        if self._timer is not None:
            self._timer.cancel()
        with contextlib.suppress(ValueError, OSError):   # already closed by uvicorn
            self.loop.remove_reader(self.sock.fileno())
        self.sock.close()
        self.shares.release()
        _listening.remove(self)

    def is_serving(self) -> bool:
        return self._serving

    async def wait_closed(self) -> None:
        return None


class BalancedLoop(_BaseLoop):
    """uvicorn's event loop, whose servers over a given socket balance connections with the
    other workers through the file named by ``$SVODKA_SERVE_CONNECTIONS``."""

    async def create_server(self, protocol_factory, host=None, port=None, *, sock=None,
                            ssl=None, backlog=100, **options):
        path = os.environ.get(SHARES_VARIABLE)
        if sock is None or ssl is not None or not path:
            return await super().create_server(protocol_factory, host, port, sock=sock,
                                               ssl=ssl, backlog=backlog, **options)
        return BalancedListener(self, protocol_factory, sock, ConnectionShares(path), backlog)


class ShedWhenAhead:
    """ASGI middleware: while this worker holds two connections or more beyond another's,
    an answer says ``Connection: close``, and the client's next connection goes to a worker
    that holds fewer (this one does not accept it). Connections that fell unevenly — kept
    open by a worker that was ahead only because its older connections had not yet closed,
    or accepted after ``PATIENCE_SECONDS`` — are spread again within a few requests."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not _listening:
            return await self.app(scope, receive, send)
        listener = _listening[0]

        async def answer(message):
            if message["type"] == "http.response.start" and listener.shares.ahead(by=2):
                message = dict(message, headers=[*message.get("headers", ()), CLOSE_HEADER])
            await send(message)

        return await self.app(scope, receive, answer)
