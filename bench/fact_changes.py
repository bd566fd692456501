"""The facts that changed between two runs of `svodka extract` over the same articles.

    svodka extract articles.jsonl --input jsonl -f jsonl > before.jsonl   # on the old code
    svodka extract articles.jsonl --input jsonl -f jsonl > after.jsonl    # on the new code
    python bench/fact_changes.py before.jsonl after.jsonl [--kind dates|amounts|names]

Prints one line per changed fact (record id, publication date, span, value before -> after,
and the text around it, for reading by hand) and a summary line: how many facts of that kind
changed (a fact whose span changed counts twice: once absent after, once absent before), of
how many, in how many records. Dates compare ``value``, amounts ``kind``,
``value``, ``unit`` and ``approx``; names compare each entity mention's entity name.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

CONTEXT = 120


def _facts(record: dict, kind: str) -> dict[tuple[int, int], object]:
    if kind == "dates":
        return {(d["start"], d["end"]): d.get("value") for d in record.get("dates", [])}
    if kind == "amounts":
        return {(a["start"], a["end"]): (a.get("kind"), a.get("value"), a.get("unit"),
                                         a.get("approx"))
                for a in record.get("amounts", [])}
    return {(m["start"], m["end"]): entity["name"] for entity in record.get("entities", [])
            for m in entity.get("mentions", []) if m.get("kind", "name") == "name"}


def compare(before_path: Path, after_path: Path, kind: str) -> dict:
    before = [json.loads(line) for line in before_path.open(encoding="utf-8")]
    after = [json.loads(line) for line in after_path.open(encoding="utf-8")]
    changed = total = records = values = 0
    for old, new in zip(before, after):
        old_facts, new_facts = _facts(old, kind), _facts(new, kind)
        total += len(new_facts)
        lines = []
        for span in sorted(set(old_facts) | set(new_facts)):
            if old_facts.get(span, "absent") == new_facts.get(span, "absent"):
                continue
            values += span in old_facts and span in new_facts
            text = new.get("text", "")
            around = text[max(0, span[0] - CONTEXT):span[1] + CONTEXT // 2].replace("\n", " ")
            lines.append(f"{new.get('id')} {new.get('published')} {span} "
                         f"{old_facts.get(span, 'absent')} -> {new_facts.get(span, 'absent')} | "
                         f"{around}")
        changed += len(lines)
        records += bool(lines)
        for line in lines:
            print(line)
    return {"kind": kind, "changed": changed, "same_span_other_value": values,
            "span_only_before_or_after": changed - values, "facts_after": total,
            "records_changed": records,
            "records": len(after)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--kind", choices=("dates", "amounts", "names"), default="dates")
    args = parser.parse_args()
    print(json.dumps(compare(args.before, args.after, args.kind), ensure_ascii=False))


if __name__ == "__main__":
    main()
