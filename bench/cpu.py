"""CPU seconds of a process tree, for benchmarks that charge a server or a cluster its work."""
from __future__ import annotations


def tree_cpu_seconds(pid: int, reaped: bool = False) -> float:
    """User + system CPU seconds of process ``pid`` and its live descendants so far; with
    ``reaped``, also of the children it has already waited for (PostgreSQL's ended backends)."""
    import psutil

    parent = psutil.Process(pid)
    total = 0.0
    for process in [parent, *parent.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue            # ended between the listing and the reading
        total += times.user + times.system
        if reaped and process is parent:
            total += times.children_user + times.children_system
    return total
