"""What a worker process runs with and what extraction costs in it, asked from inside the
worker: the same functions run in a local pool worker and in a Dask worker, so the two can be
compared (bench/dask_cpu.py, tests/test_scale.py). Issue 13 was found this way: the same
documents cost a third more CPU in a Dask worker, all of it page faults of the allocator.
"""
from __future__ import annotations

import gc
import os
import resource
import sys
import threading
import time

# The variables that decide how a worker computes: BLAS threads, and glibc's allocator.
VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX")


def process_settings() -> dict:
    """This process's environment for computing, its GC and its BLAS thread pools."""
    try:
        from threadpoolctl import threadpool_info
        blas = sorted({(pool["internal_api"], pool["num_threads"]) for pool in threadpool_info()})
    except ImportError:   # threadpoolctl comes with scikit-learn; information only
        blas = []
    return {"environment": {name: os.environ.get(name) for name in VARIABLES},
            "gc": {"enabled": gc.isenabled(), "thresholds": gc.get_threshold(),
                   "frozen": gc.get_freeze_count() > 0},
            "switch_interval": sys.getswitchinterval(),
            "blas_threads": blas}


def extraction_cost(tasks: list[tuple], warm_up: int = 1) -> dict:
    """Extract ``tasks`` (document, locator) here and return the cost per document of all but
    the first ``warm_up`` (first calls fill caches): the calling thread's CPU, the process's
    user and system CPU and its minor page faults."""
    from svodka.ingest.work import load_worker_models, process

    load_worker_models()
    for task in tasks[:warm_up]:
        process(*task)
    measured = tasks[warm_up:]
    before = resource.getrusage(resource.RUSAGE_SELF)
    thread_before, wall_before = time.thread_time(), time.perf_counter()
    for task in measured:
        process(*task)
    thread, wall = time.thread_time() - thread_before, time.perf_counter() - wall_before
    after = resource.getrusage(resource.RUSAGE_SELF)
    count = max(1, len(measured))
    return {
        "docs": len(measured),
        "thread_cpu_per_doc": round(thread / count, 4),
        "user_cpu_per_doc": round((after.ru_utime - before.ru_utime) / count, 4),
        "system_cpu_per_doc": round((after.ru_stime - before.ru_stime) / count, 4),
        "wall_per_doc": round(wall / count, 4),
        "minor_faults_per_doc": round((after.ru_minflt - before.ru_minflt) / count),
        "peak_rss_mb": round(after.ru_maxrss / 1024),
        "main_thread": threading.current_thread() is threading.main_thread(),
        "threads": sorted(t.name for t in threading.enumerate()),
        **process_settings(),
    }
