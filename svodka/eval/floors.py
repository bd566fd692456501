"""The quality gate's floors: svodka's measured numbers minus a margin, pinned in JSON."""
from __future__ import annotations

import math
from datetime import datetime, timezone

from svodka.data import load_table
from svodka.eval.report import Result

MARGIN = 0.01


def floors(results: list[Result], margin: float = MARGIN) -> dict:
    """``{"floors": {task: {key: floor}}, ...}`` for every gated number these results hold."""
    by_task = {r.task: r for r in results}
    pinned: dict[str, dict[str, float]] = {}
    for task, key in load_table("eval_gate.tsv"):
        result = by_task.get(task)
        value = result.value(key) if result else None
        if value is None:
            continue
        # Rounded down, so a re-run that measures exactly the same cannot fail.
        pinned.setdefault(task, {})[key] = max(0.0, math.floor((value - margin) * 1000) / 1000)
    return {
        "about": "svodka's dev numbers minus the margin; tests/test_eval_gate.py fails below them",
        "margin": margin,
        "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "documents": {r.task: r.documents for r in results},
        "floors": pinned,
    }
