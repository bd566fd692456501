"""``svodka serve --workers N``: N uvicorn servers, each on a listening socket of its own.

uvicorn's own workers accept from one shared socket, and asyncio takes every waiting
connection at each wake-up: 20 kept-alive connections opened at once went 14/6, 13/7 and
18/2 over two workers (three tries, ``ss`` counting each worker's connections), so one
worker served most of a burst on one core while the other idled. Here every worker binds
the port with ``SO_REUSEPORT`` and the kernel spreads new connections over the sockets by
a hash of their addresses, evenly on average.

The supervisor restarts a worker that dies (not one that failed to start: that would fail
again) and stops them all on SIGINT or SIGTERM.
"""
from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading

STARTUP_FAILURE = 3      # uvicorn's exit code for a worker that could not start
logger = logging.getLogger("uvicorn.error")


def shares_ports() -> bool:
    """Whether this system lets several sockets listen on one port (Linux, the BSDs)."""
    return hasattr(socket, "SO_REUSEPORT")


def claim_port(host: str, port: int) -> None:
    """Fail as uvicorn would when the port is taken — also by another server's
    ``SO_REUSEPORT`` sockets, which new ones would otherwise silently join."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def reuse_port_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run_worker(options: dict, sock: socket.socket) -> None:
    import uvicorn

    uvicorn.Server(uvicorn.Config(**options)).run(sockets=[sock])


def run_workers(count: int, options: dict) -> int:
    """Serve ``options`` (``uvicorn.Config``'s keywords, host and port included) with
    ``count`` worker processes until a signal; the exit status."""
    spawn = multiprocessing.get_context("spawn")
    claim_port(options["host"], options["port"])
    sockets = [reuse_port_socket(options["host"], options["port"]) for _ in range(count)]

    def start(sock):
        process = spawn.Process(target=run_worker, args=(options, sock))
        process.start()
        return process

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start(sock) for sock in sockets]
    status = 0
    try:
        while not stop.wait(0.5):
            for index, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    logger.error("A worker failed to start; stopping.")
                    status = STARTUP_FAILURE
                    stop.set()
                    break
                logger.info(f"Worker [{process.pid}] died; starting another")
                processes[index] = start(sockets[index])
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()       # SIGTERM: uvicorn finishes its requests
        for process in processes:
            process.join(30)
            if process.is_alive():
                process.kill()
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status
