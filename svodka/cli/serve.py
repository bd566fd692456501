"""``svodka serve``: the JSON API and the analyst's web pages over a corpus store."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Annotated

import typer

from svodka.cli import app
from svodka.cli.corpus import open_or_exit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("0.0.0.0", "::")
WORKER_START_SECONDS = 120


# Linux's shared memory: a page file written there costs the event loop 0.1-0.3 ms of CPU
# and 0.4-1.2 ms, on /tmp's disk 0.3-0.5 ms and 1.4-2.6 ms (bench on this machine).
SHARED_MEMORY = "/dev/shm"


def shared_pages_root() -> str | None:
    """Where the workers' shared answers go: ``$TMPDIR`` when the user names one, else
    shared memory when the system has it, else the system's temporary directory."""
    if os.environ.get("TMPDIR"):
        return None
    if os.path.isdir(SHARED_MEMORY) and os.access(SHARED_MEMORY, os.W_OK | os.X_OK):
        return SHARED_MEMORY
    return None


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store URL: sqlite:///path.db or postgresql://… (default: svodka.db).")
    ] = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on. Only this machine by default; 0.0.0.0 opens it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="A Host name clients may use besides 127.0.0.1 and localhost "
                             "(repeatable); other Host headers get 400.")] = None,
    max_chars: Annotated[int | None, typer.Option(
        min=1, help="Longest text /extract and the paste page accept, in characters.")] = None,
    page_cache_mb: Annotated[int, typer.Option(
        min=0, max=4096, help="Answers to GET requests kept in memory per worker, in MB; "
                              "renewed whenever the store changes (0: keep none); "
                              "several workers also share them through files.")] = 64,
) -> None:
    """Serve the corpus: pages at /, JSON at /api, API docs at /docs."""
    import uvicorn

    from svodka.analysis import load_models
    from svodka.api import create_app
    from svodka.api.balance import SHARES_VARIABLE, create_shares_file
    from svodka.api.factory import (ALLOWED_HOSTS_VARIABLE, MAX_CHARS_VARIABLE,
                                    PAGE_CACHE_VARIABLE, SHARED_PAGES_VARIABLE,
                                    STORE_URL_VARIABLE, SWITCH_INTERVAL)
    from svodka.api.guard import ServerLimits
    from svodka.api.protocol import with_header_timeout
    from svodka.store import masked

    store = open_or_exit(db)   # a missing or unreachable store fails here, in one line
    hosts = [*LOCAL_HOSTS, *(allow_host or ())]
    if host not in LOCAL_HOSTS + ANY_ADDRESS:
        hosts.append(host)
    if host not in LOCAL_HOSTS:
        typer.echo(f"svodka: warning: listening on {host}: the corpus is readable by anyone "
                   "who can reach this address", err=True)
        if host in ANY_ADDRESS and not allow_host:
            typer.echo("svodka: only Host 127.0.0.1 and localhost are answered; name others "
                       "with --allow-host", err=True)
    limits = ServerLimits(**({"max_chars": max_chars} if max_chars else {}),
                          page_cache_bytes=page_cache_mb * 1024 * 1024)
    # Searches run in threads that hand the GIL over every 5 ms by default; a short request
    # waiting behind them then waits 5 ms at each step. 1 ms keeps /api/stats quick while
    # searches run (p95 under hostile searches: see docs/reliability.md).
    sys.setswitchinterval(SWITCH_INTERVAL)   # worker processes set it in app_from_env
    load_models()  # the first pasted article should not wait for model loading
    typer.echo(f"svodka: serving {masked(db)} at http://{host}:{port}/", err=True)
    options = {"host": host, "port": port, "log_level": "info",
               "timeout_keep_alive": limits.keep_alive_seconds,
               "http": with_header_timeout(limits.header_seconds)}
    if workers > 1:
        store.close()
        if db:
            os.environ[STORE_URL_VARIABLE] = db
        os.environ[ALLOWED_HOSTS_VARIABLE] = ",".join(hosts)
        os.environ[MAX_CHARS_VARIABLE] = str(limits.max_chars)
        os.environ[PAGE_CACHE_VARIABLE] = str(page_cache_mb)
        # the workers share the answers they keep through files only they can read
        shared = (tempfile.mkdtemp(prefix="svodka-pages-", dir=shared_pages_root())
                  if page_cache_mb > 0 else None)
        if shared:
            os.environ[SHARED_PAGES_VARIABLE] = shared
        # each worker's count of open connections, so that none takes more than its share
        # of a burst (svodka/api/balance.py)
        shares = create_shares_file(shared_pages_root(), workers)
        os.environ[SHARES_VARIABLE] = shares
        # A worker answers its supervisor's pings only once it has imported the app; on a
        # loaded machine that took over uvicorn's 5 s, and every worker was killed and
        # restarted, over and over, without ever serving.
        try:
            uvicorn.run("svodka.api.factory:app_from_env", factory=True, workers=workers,
                        timeout_worker_healthcheck=WORKER_START_SECONDS,
                        loop="svodka.api.balance:BalancedLoop", **options)
        finally:
            if shared:
                shutil.rmtree(shared, ignore_errors=True)
            os.unlink(shares)
    else:
        uvicorn.run(create_app(store=store, allowed_hosts=hosts, limits=limits,
                               close_store=True), **options)
