"""A Dask cluster of separate processes on this machine, loopback only: one ``dask scheduler``
and ``workers`` single-threaded ``dask worker`` processes, started with the same commands
docs/scale.md gives for a real cluster. For the scale test and the benchmark.

    with loopback_cluster(2) as address:      # "tcp://127.0.0.1:PORT"
        ingest(paths, store, engine="dask", scheduler=address)
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dask() -> list[str]:
    return [sys.executable, "-m", "dask"]


@contextmanager
def loopback_cluster(workers: int = 2, log_dir: str | Path | None = None,
                     timeout: float = 180.0):
    """Start the scheduler and the workers, wait until every worker has joined, yield the
    scheduler's address; stop every process started here at the end."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    from svodka.scale.engine import cluster_environment

    environment = os.environ | cluster_environment()
    logs = Path(log_dir) if log_dir else None
    processes: list[subprocess.Popen] = []

    def start(name: str, command: list[str]) -> None:
        output = open(logs / f"{name}.log", "wb") if logs else subprocess.DEVNULL
        processes.append(subprocess.Popen(command, env=environment, stdout=output,
                                          stderr=subprocess.STDOUT))

    try:
        start("scheduler", _dask() + ["scheduler", "--host", "127.0.0.1", "--port",
                                      address.rsplit(":", 1)[1], "--no-dashboard"])
        for number in range(workers):
            start(f"worker-{number}", _dask() + [
                "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                "--memory-limit", "1.5GB", "--no-dashboard", "--name", f"w{number}"])
        deadline = time.monotonic() + timeout
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(workers, timeout=max(1.0, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                    raise RuntimeError(f"the loopback cluster at {address} did not start")
                time.sleep(0.5)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
