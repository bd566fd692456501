"""``svodka serve``: the JSON API and the analyst's web pages over a corpus store."""
from __future__ import annotations

import os
from typing import Annotated

import typer

from svodka.cli import app


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
) -> None:
    """Serve the corpus: pages at /, JSON at /api, API docs at /docs."""
    import uvicorn

    from svodka.analysis import load_models
    from svodka.api import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"svodka: warning: listening on {host}: the corpus is readable by anyone "
                   "who can reach this address", err=True)
    load_models()  # the first pasted article should not wait for model loading
    typer.echo(f"svodka: serving {db or 'svodka.db'} at http://{host}:{port}/", err=True)
    if workers > 1:
        from svodka.api.factory import STORE_URL_VARIABLE
        if db:
            os.environ[STORE_URL_VARIABLE] = db
        uvicorn.run("svodka.api.factory:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info")
    else:
        uvicorn.run(create_app(db), host=host, port=port, log_level="info")
