"""`svodka serve --workers N` spreads kept-alive connections evenly over its workers
(svodka/api/balance.py): a burst's 20 connections fell 20/0 or 19/1 on uvicorn's shared
socket in half of bench/serve.py's runs, and one core served the whole burst."""
from __future__ import annotations

import os

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from svodka.api import balance
from svodka.api.balance import ConnectionShares, ShedWhenAhead, create_shares_file, read_slots


def _dead_pid() -> int:
    """A pid no process has: a child that has already been waited for."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_worker_ahead_of_another_stops_accepting_and_one_behind_goes_on(tmp_path):
    path = create_shares_file(str(tmp_path), 2)
    mine = ConnectionShares(path)
    other = ConnectionShares(path, pid=os.getppid())    # a live process in the other slot
    assert not mine.ahead() and not other.ahead()      # 0 and 0: both accept
    mine.opened()
    assert mine.ahead() and not other.ahead()          # 1 against 0: only the other accepts
    other.opened()
    other.opened()
    assert not mine.ahead() and other.ahead()
    assert not other.ahead(by=2)                        # 2 against 1: no need to shed
    other.opened()
    assert other.ahead(by=2)                            # 3 against 1: shed a connection
    other.closed()
    other.closed()
    assert (mine.mine, other.mine) == (1, 1) and not mine.ahead() and not other.ahead()
    # a stopping worker gives its slot up; its connections close after that, quietly
    mine.release()
    mine.closed()
    assert other.others() == []


def test_the_slot_of_a_worker_that_died_is_not_waited_for_and_is_taken_again(tmp_path):
    path = create_shares_file(str(tmp_path), 2)
    gone = _dead_pid()
    dead = ConnectionShares(path, pid=gone)
    for _ in range(5):
        dead.opened()
    mine = ConnectionShares(path)
    mine.opened()
    assert mine.others() == [] and not mine.ahead()     # nobody alive holds fewer
    # a restarted worker takes the dead one's slot, counting from zero
    again = ConnectionShares(path, pid=os.getppid())
    assert again.mine == 0 and mine.ahead()
    import subprocess
    import sys

    third = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with pytest.raises(RuntimeError):               # every slot is held by a live worker
            ConnectionShares(path, pid=third.pid)
    finally:
        third.kill()
        third.wait()


def test_a_worker_two_connections_ahead_answers_with_connection_close(tmp_path, monkeypatch):
    app = FastAPI()

    @app.get("/api/stats")
    def stats():
        return {"articles": 1}

    app.add_middleware(ShedWhenAhead)
    path = create_shares_file(str(tmp_path), 2)
    mine, other = ConnectionShares(path), ConnectionShares(path, pid=os.getppid())

    class Listening:
        shares = mine
    monkeypatch.setattr(balance, "_listening", [Listening()])
    with TestClient(app, base_url="http://127.0.0.1") as client:
        mine.opened()
        kept = client.get("/api/stats")
        mine.opened()
        shed = client.get("/api/stats")
        other.opened()
        kept_again = client.get("/api/stats")
    assert kept.json() == shed.json() == kept_again.json() == {"articles": 1}
    assert "connection" not in kept.headers and "connection" not in kept_again.headers
    assert shed.headers["connection"] == "close"


def test_svodka_serve_gives_each_of_two_workers_half_of_twenty_connections(two_workers):
    """Three times over, and once more after a worker was killed and started again: 20
    connections opened at once, one request on each; then the connections each worker
    process holds are counted from the kernel's sockets."""
    import asyncio
    import threading
    import time

    import psutil

    server, port, scratch = two_workers.process, two_workers.port, two_workers.scratch

    async def twenty_at_once() -> list[int]:
        opened = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port)
                                        for _ in range(20)))
        for _, writer in opened:
            writer.write(f"GET /search?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82 HTTP/1.1\r\n"
                         f"Host: 127.0.0.1:{port}\r\n\r\n".encode())
        heads = [await reader.readuntil(b"\r\n\r\n") for reader, _ in opened]
        assert all(head.startswith(b"HTTP/1.1 200") for head in heads)
        workers = [child for child in psutil.Process(server.pid).children()
                   if "spawn_main" in " ".join(child.cmdline())]   # not the resource tracker
        held = sorted(sum(1 for c in worker.net_connections("tcp")
                          if c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED)
                      for worker in workers)
        for _, writer in opened:
            writer.close()
        await asyncio.sleep(0.5)     # the workers see the connections close
        return held

    def both_listening(gone: int = 0) -> None:
        """Until both workers hold a slot (a worker says it started before it listens)."""
        [path] = scratch.glob("svodka-connections-*")
        deadline = time.monotonic() + 60
        while sum(1 for pid, _ in read_slots(str(path)) if pid not in (0, gone)) < 2:
            assert time.monotonic() < deadline, read_slots(str(path))
            time.sleep(0.1)

    # both workers have started (each says so once), not just the first to answer
    lines: list[str] = []
    starts = [threading.Event(), threading.Event()]     # two workers up; the third start

    def read_log():
        for line in server.stderr:
            lines.append(line.decode(errors="replace"))
            count = sum("Application startup complete" in seen for seen in lines)
            for wanted, event in zip((2, 3), starts):
                if count >= wanted:
                    event.set()
    threading.Thread(target=read_log, daemon=True).start()
    try:
        assert starts[0].wait(180), "".join(lines)[-2000:]
        both_listening()
        splits = [asyncio.run(twenty_at_once()) for _ in range(3)]
        # a worker killed outright: uvicorn starts another, which takes the dead one's slot
        victim = next(child for child in psutil.Process(server.pid).children()
                      if "spawn_main" in " ".join(child.cmdline()))
        victim.kill()
        assert starts[1].wait(180), "".join(lines)[-2000:]
        both_listening(victim.pid)
        splits.append(asyncio.run(twenty_at_once()))
    finally:
        two_workers.stop()
    # 10/10, or 10/9 when a worker that had to take one more (the other busy for longer
    # than PATIENCE_SECONDS on a loaded machine) closed it after its answer
    assert all(len(split) == 2 and split[1] == 10 and split[0] >= 9 for split in splits), splits
    assert not list(scratch.glob("svodka-connections-*"))     # removed when the server stops
