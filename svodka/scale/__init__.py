"""Scale-out on Dask: extraction runs on a ``distributed`` cluster (a LocalCluster, or the one
at ``--scheduler``), each partition of documents becomes a Parquet file of records, and the
parent bulk-loads those into the store in input order, so the result is the local engine's.
"""
from __future__ import annotations

from svodka.scale.engine import PARTITION, dask_executor
from svodka.scale.parquet import read_partition, write_partition

__all__ = ["PARTITION", "dask_executor", "read_partition", "write_partition"]
