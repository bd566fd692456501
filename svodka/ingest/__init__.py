"""Batch ingest of files, folders and feeds into the store.

    from svodka.ingest import ingest
    summary = ingest(["news/"], open_store("corpus.db"), workers=2)
"""
from __future__ import annotations

from collections.abc import Callable

from svodka.ingest import clock
from svodka.ingest.run import BATCH, Summary, ingest_items
from svodka.ingest.sources import Item, estimate_total, expand, iter_items
from svodka.limits import MAX_CHARS
from svodka.reading import JsonFields
from svodka.store import Store

__all__ = ["Summary", "ingest", "ingest_items", "expand", "iter_items", "estimate_total", "Item"]


def ingest(paths: list[str], store: Store, workers: int = 1, fields: JsonFields | None = None,
           on_progress: Callable[[Summary], None] | None = None, engine: str = "local",
           scheduler: str | None = None, parquet_dir: str | None = None,
           batch_size: int = BATCH, max_chars: int = MAX_CHARS,
           load_in_workers: bool = False) -> Summary:
    """Read, extract and store everything under ``paths``; ``engine`` is local or dask.

    ``load_in_workers`` (PostgreSQL): the workers write the store, not the parent alone."""
    files, missing = expand(paths)
    items = [Item(rejection, rejection.path or "") for rejection in missing]

    def all_items():
        yield from items
        yield from iter_items(files, fields)

    if engine == "dask":
        from svodka.scale import dask_executor
        with dask_executor(workers, scheduler, parquet_dir) as executor:
            clock.mark("engine_ready")
            return ingest_items(all_items(), store, workers, on_progress, executor, batch_size,
                                max_chars, load_in_workers)
    if engine != "local":
        raise ValueError("engine is 'local' or 'dask'")
    return ingest_items(all_items(), store, workers, on_progress, batch_size=batch_size,
                        max_chars=max_chars, load_in_workers=load_in_workers)
