"""Rewrite the golden records after a deliberate change: review the diff before committing.

    .venv/bin/python tests/data/golden/regenerate.py
"""
from __future__ import annotations

import json
from pathlib import Path

import svodka

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = {
    "kazakhstan-eu.json": ROOT.parent / "shared" / "samples" / "kazakhstan-eu.txt",
    "astana-port.json": ROOT / "examples" / "astana-port.txt",
}


def golden_record(path: Path) -> dict:
    record = svodka.extract(path.read_text(encoding="utf-8")).to_dict()
    record["source"]["path"] = path.name
    return record


if __name__ == "__main__":
    for name, source in SOURCES.items():
        if source.exists():
            (HERE / name).write_text(json.dumps(golden_record(source), ensure_ascii=False, indent=1)
                                     + "\n", encoding="utf-8")
            print("wrote", name)
