"""The quality gate: svodka's dev-set numbers may not fall below the floors pinned in
``tests/data/eval_floors.json`` (measured numbers minus a small margin).

Runs svodka alone (no baselines) on every benchmark in full; one svodka instance serves all
benchmarks, so a text shared by two of them is extracted once.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED

FLOORS = json.loads((Path(__file__).parent / "data" / "eval_floors.json").read_text("utf-8"))
CASES = [(task, key, floor) for task, floors in FLOORS["floors"].items()
         for key, floor in floors.items()]


@pytest.fixture(scope="module")
def svodka_results(models):
    from svodka.eval import load_systems
    return {"systems": load_systems(["svodka"]), "results": {}}


def _result(cache, task):
    from svodka.eval import DEFAULT_PATHS, evaluate

    if task not in cache["results"]:
        path = DEFAULT_PATHS[task].resolve()
        if not path.exists() or not SHARED.exists():
            pytest.skip(f"{path} is not here")
        cache["results"][task] = evaluate(task, cache["systems"], path)
    return cache["results"][task]


@pytest.mark.slow
@pytest.mark.parametrize("task, key, floor", CASES, ids=[f"{t}:{k}" for t, k, _ in CASES])
def test_svodka_stays_above_its_floor(svodka_results, task, key, floor):
    result = _result(svodka_results, task)
    value = result.value(key)
    assert value is not None, f"{task} {key}: svodka gave no number"
    assert value >= floor, f"{task} {key} fell to {value:.4f}, below its floor {floor}"


def test_floors_cover_every_benchmark():
    from svodka.eval import TASKS
    assert set(FLOORS["floors"]) == set(TASKS)
    assert all(0.0 <= floor <= 1.0 for _, _, floor in CASES)
