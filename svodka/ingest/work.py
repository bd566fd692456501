"""The per-document work, run in worker processes: extract, then prepare for the store."""
from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
import threading
import time
from contextlib import ExitStack, contextmanager

from svodka.errors import InputRejected
from svodka.reading import Document, Rejection
from svodka.store.prepare import Prepared, prepare

log = logging.getLogger(__name__)


_PR_SET_PDEATHSIG = 1
# Processes are the parallelism: a BLAS thread pool in every worker would only fight for the
# cores. Every engine starts its workers with these (svodka/ingest/run.py, svodka/scale/).
SINGLE_THREADED = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
_WATCH_SECONDS = 1.0

# Python's cyclic GC in a process that extracts. With the defaults (700, 10, 10) an article
# set off ~14 collections of the young generations and, every ten articles, a full one that
# walked the models' objects and everything else: 14.5-15.8 ms of GC an article, 11-12 of
# them full collections. Frozen after the models are loaded (they live as long as the
# process) and collected at these thresholds: 1.6-1.8 ms, no full collection in 30
# articles, the same peak RSS (436 MB: extraction leaves little cyclic garbage;
# bench/dask_gc.py, issue 13). Results do not depend on it.
EXTRACTION_GC = (10_000, 50, 100)


def exit_with_parent(parent_pid: int) -> None:
    """Make this worker process end when ``parent_pid`` does, however it ends.

    A killed ingest left its 350 MB workers running for minutes. Linux kills the worker at
    once (PR_SET_PDEATHSIG); elsewhere, and as a backstop, a thread notices the new parent.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def settle_gc() -> None:
    """After the models are loaded: keep the GC off what is loaded for good, and collect
    at :data:`EXTRACTION_GC`'s thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*EXTRACTION_GC)


_gc_lock = threading.Lock()
_gc_users = 0
_gc_before: tuple = ()


@contextmanager
def tuned_gc():
    """:func:`settle_gc` for a while, then the GC as it was. Nested or from several threads,
    the first to enter keeps what was there and the last to leave puts it back."""
    global _gc_users, _gc_before
    with _gc_lock:
        if _gc_users == 0:
            _gc_before = gc.get_threshold()
        _gc_users += 1
        settle_gc()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_before)
                gc.unfreeze()


def writer_gc():
    """The extraction's GC for the writer (the ingest's parent) while an ingest runs:
    unpickling the results and writing them cost it 12.1-13.6 ms CPU an article with the
    default GC, 0.6-2.4 of them in collections, and 11.5-11.7 ms with these settings (0.3 ms
    of GC; ``bench/dask_gc.py --limit 30``). The process's own GC comes back afterwards."""
    return tuned_gc()


@contextmanager
def extraction_gc():
    """:func:`tuned_gc` for the while this process extracts itself (``--workers 1``), the
    models frozen with the rest. Yields the call to make before extracting: the models are
    loaded then, not for a run of known ids."""
    from svodka.analysis import load_models

    with ExitStack() as stack:
        settled = False

        def settle() -> None:
            nonlocal settled
            if not settled:
                load_models()
                stack.enter_context(tuned_gc())
                settled = True

        yield settle


@contextmanager
def one_blas_thread():
    """Extraction in this very process (``--workers 1``) on one core, as in a pool worker.

    The variables of :data:`SINGLE_THREADED` act only before numpy loads, and the parent
    has loaded it by now; left alone, OpenBLAS ran a thread per core beside the extraction,
    and on a busy machine its threads spin waiting for each other: 1.6 CPU-s per document
    against 0.25 in a pool worker (bench/dask_cpu.py ``plain``, load average ~17)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:   # comes with scikit-learn; without it, BLAS keeps its threads
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def start_worker(parent_pid: int) -> None:
    """Process-pool initializer: tie the worker to its parent, then load the models once."""
    exit_with_parent(parent_pid)
    end_without_teardown_at_exit()
    load_worker_models()


def end_without_teardown_at_exit() -> None:
    """A worker process that exits skips tearing down its models object by object (half of
    its exit's CPU, ~0.07 s, and 1.3 s of wall time at a load average of ~18, which the pool's
    or the cluster's stop waited for): its results are in the parent by then, and what it
    holds open (a store connection with --load-in-workers) has committed with its tasks.
    The standard streams are flushed first; multiprocessing has run its own exit steps."""
    import atexit

    def end_now() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        os._exit(0)

    atexit.register(end_now)


def load_worker_models() -> None:
    """Load the models once per worker, before the first task, and settle the GC."""
    from svodka.analysis import load_models
    load_models()
    settle_gc()


_stores: dict = {}


def worker_store(url: str):
    """This process's connection to the store it loads into (one per process, kept open)."""
    from svodka.store import open_store

    if url not in _stores:
        _stores[url] = open_store(url)
    return _stores[url]


def stage_results(url: str, positions: list[int], results: list) -> list:
    """Load a worker's prepared records itself, one transaction for them all (one of several
    writers, svodka/store/staged.py); what goes back to the parent is small: where each
    went, or the rejection."""
    prepared = [(position, r) for position, r in zip(positions, results)
                if isinstance(r, Prepared)]
    staged = iter(worker_store(url).stage(prepared) if prepared else [])
    return [next(staged) if isinstance(r, Prepared) else r for r in results]


def process_and_stage(document: Document, locator: str, position: int, url: str):
    """:func:`process`, then load the record into the store from this worker."""
    return stage_results(url, [position], [process(document, locator)])[0]


def run_task(document: Document, locator: str, position: int | None = None,
             url: str | None = None):
    """A task of the ingest loop: (document, locator), or with (position, store URL) when
    the workers load the store themselves."""
    if url is None:
        return process(document, locator)
    return process_and_stage(document, locator, position, url)


def process(document: Document, locator: str) -> Prepared | Rejection:
    """One document to a prepared record, or a rejection saying why; never raises."""
    from svodka.analysis import load_models
    from svodka.pipeline import extract_document

    def reject(reason: str, message: str) -> Rejection:
        return Rejection(reason, message, document.path, locator,
                         document.text[:1000].encode("utf-8", errors="replace"))

    try:
        return prepare(extract_document(document, models=load_models()))
    except InputRejected as error:
        return reject(error.reason, error.message)
    except Exception as error:  # one bad document must not end a batch of thousands
        log.warning("extraction failed on %s %s", document.path, locator, exc_info=True)
        return reject("extract_error", f"{type(error).__name__}: {error}")
