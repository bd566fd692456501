"""Scale-out on Dask: extraction runs on a ``distributed`` cluster (a LocalCluster, or the one
at ``--scheduler``) in partitions sized from the input and the workers; the prepared records
come back to the parent (and, with ``--parquet-dir``, are kept as Parquet files), which loads
them into the store in input order, so the result is the local engine's. With
``--load-in-workers`` (PostgreSQL) each worker loads its own records and the parent runs the
ordered pass (:mod:`svodka.store.staged`).
"""
from __future__ import annotations

from svodka.scale.engine import PARTITION, dask_executor, partition_size
from svodka.scale.parquet import read_partition, write_partition

__all__ = ["PARTITION", "dask_executor", "partition_size", "read_partition", "write_partition"]
