"""Measured quality: svodka and baselines through the same scorers on public benchmarks.

    from svodka.eval import evaluate, load_systems
    result = evaluate("factrueval", load_systems(["svodka", "natasha"]), limit=10)
    result.value("PER.f1")

Datasets are read from disk at evaluation time; the package itself never needs them.
"""
from __future__ import annotations

import os
from pathlib import Path

from svodka.eval.report import Result
from svodka.eval.systems import load_systems

__all__ = ["DEFAULT_PATHS", "TASKS", "Result", "evaluate", "load_systems"]

REPO = Path(__file__).resolve().parent.parent.parent
TASKS = ("factrueval", "nerel", "quotes", "amounts", "coref")
DEFAULT_PATHS = {
    "factrueval": REPO / ".." / "shared" / "data" / "factrueval-dev",
    "nerel": REPO / ".." / "shared" / "data" / "nerel" / "dev",
    "quotes": REPO / "tests" / "data" / "quotes",
    "amounts": REPO / "tests" / "data" / "amounts",
    "coref": REPO / ".." / "shared" / "data" / "rucoco" / "rucoco-train.zip",
}
# The amount gold points into NEREL's dev and train folders.
DEFAULT_NEREL_ROOT = REPO / ".." / "shared" / "data" / "nerel"


def evaluate(task: str, systems, path: Path | None = None, limit: int | None = None,
             nerel_root: Path | None = None) -> Result:
    """Run one benchmark; ``FileNotFoundError`` names a missing dataset path."""
    if task not in TASKS:
        raise ValueError(f"unknown benchmark {task!r}; choose from {', '.join(TASKS)}")
    path = Path(path) if path is not None else DEFAULT_PATHS[task].resolve()
    if not path.exists():
        raise FileNotFoundError(f"{task}: no dataset at {path}")
    result = _dispatch(task, path, systems, limit, nerel_root)
    result.path = _shown(path)
    return result


def _shown(path: Path) -> str:
    """Paths in reports are relative to the repository when they can be."""
    try:
        return os.path.relpath(path.resolve(), REPO)
    except ValueError:
        return str(path)


def _dispatch(task, path, systems, limit, nerel_root) -> Result:
    from svodka.eval.amounts import evaluate_amounts
    from svodka.eval.coref import evaluate_coref
    from svodka.eval.entities import evaluate_factru, evaluate_nerel
    from svodka.eval.quotes import evaluate_quotes

    if task == "factrueval":
        return evaluate_factru(path, systems, limit)
    if task == "nerel":
        return evaluate_nerel(path, systems, limit)
    if task == "quotes":
        return evaluate_quotes(path, systems, limit)
    if task == "coref":
        return evaluate_coref(path, systems, limit)
    root = Path(nerel_root) if nerel_root is not None else DEFAULT_NEREL_ROOT.resolve()
    if not root.exists():
        raise FileNotFoundError(f"amounts: no NEREL texts at {root}")
    return evaluate_amounts(path, root, systems, limit)
