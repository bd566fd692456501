"""Wall-clock marks of one ingest run, for ``svodka ingest --timings`` (issue 13).

Stage seconds (``Summary.stages``) say how long each kind of work took in sum; these marks say
*when* each step of the run happened, so a run's wall time splits into the steps a user waits
for one after the other (imports, opening the store, starting the cluster, the first result,
the loop, the tail, closing the store, stopping the cluster). A mark is the Unix time
(``time.time()``) at which a step ended; ``bench/ingest_stages.py`` subtracts the moment it
started the process.
"""
from __future__ import annotations

import threading
import time

_marks: dict[str, float] = {}
_lock = threading.Lock()


def mark(step: str, at: float | None = None) -> None:
    """``step`` ended now (or at ``at``); the first mark of a step counts."""
    with _lock:
        _marks.setdefault(step, time.time() if at is None else at)


def marks() -> dict[str, float]:
    with _lock:
        return dict(_marks)


def reset() -> None:
    with _lock:
        _marks.clear()
