"""The Dask executor: partitions of documents out to the cluster, Parquet paths back."""
from __future__ import annotations

import logging
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from svodka.scale.parquet import read_partition, write_partition

log = logging.getLogger(__name__)

PARTITION = 64          # documents per task: big enough to amortize scheduling
IN_FLIGHT_PER_WORKER = 3


def extract_partition(tasks: list[tuple], path: str) -> str:
    """Runs on a Dask worker: extract every document, write the partition's Parquet."""
    from svodka.ingest.work import process
    return write_partition([process(*task) for task in tasks], path)


@contextmanager
def dask_executor(workers: int = 1, scheduler: str | None = None,
                  parquet_dir: str | Path | None = None):
    """An executor for :func:`svodka.ingest.ingest_items`; a LocalCluster unless ``scheduler``.

    Partitions go to ``parquet_dir`` (on a real cluster: storage every worker and the parent
    can read); without one, a temporary folder that is removed afterwards.
    """
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    folder = Path(parquet_dir) if parquet_dir else Path(tempfile.mkdtemp(prefix="svodka-parts-"))
    folder.mkdir(parents=True, exist_ok=True)
    slots = max(1, len(client.scheduler_info().get("workers", {})) or workers)

    def execute(tasks: Iterable, _workers: int) -> Iterator:
        yield from _run(client, tasks, folder, slots * IN_FLIGHT_PER_WORKER)

    try:
        yield execute
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if parquet_dir is None:
            shutil.rmtree(folder, ignore_errors=True)


def _run(client, tasks: Iterable, folder: Path, window: int) -> Iterator:
    """Extracted results in input order (the order near-duplicates are judged in); values
    decided without extraction (duplicates, reading rejections) pass straight through."""
    futures: deque = deque()
    partition: list[tuple] = []
    number = 0
    for task in tasks:
        if not isinstance(task, tuple):
            yield task
            continue
        partition.append(task)
        if len(partition) >= PARTITION:
            path = str(folder / f"part-{number:06d}.parquet")
            futures.append(client.submit(extract_partition, partition, path, pure=False))
            partition, number = [], number + 1
            while len(futures) > window:
                yield from read_partition(futures.popleft().result())
    if partition:
        path = str(folder / f"part-{number:06d}.parquet")
        futures.append(client.submit(extract_partition, partition, path, pure=False))
    while futures:
        yield from read_partition(futures.popleft().result())
