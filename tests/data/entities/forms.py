"""One entity per person or place, judged by hand on unseen articles (issue 15).

    python tests/data/entities/forms.py pick --out /tmp/forms.jsonl     # 40 seeded articles
    svodka extract /tmp/forms.jsonl --input jsonl -f jsonl > /tmp/after.jsonl
    python tests/data/entities/forms.py list /tmp/after.jsonl           # entity lists to read
    python tests/data/entities/forms.py score tests/data/entities/forms-judged.tsv

``pick`` draws 20 articles of russia_today_3 and 20 of ng_1 (1,500–5,000 characters, seed
20261208) that no quote-gold file and no analyst read (/tmp/read10c) used; the texts stay in
``../shared`` (only their ids are kept here). A reader goes through each article's entity
list and writes one row per finding to ``forms-judged.tsv``: ``version`` (before/after),
``article``, ``kind`` — ``split`` (one person, place or organization as two entities; the
names joined by " | "), ``form`` (a wrong nominative), ``merge`` (two things as one entity)
or ``spurious`` (no name at all) — the names, and a note. ``score`` counts them.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUOTES = HERE.parent / "quotes"
NEWS = HERE.parents[2] / ".." / "shared" / "data" / "news"
SEED = 20261208
# the articles the fourth session's analyst read (its closing note)
READ = {("russia_today_3", n) for n in (265, 175, 949, 255, 246)} \
    | {("ng_0", n) for n in (968, 496, 464, 451, 117)}


def _used() -> set[tuple[str, int]]:
    used = set(READ)
    for path in QUOTES.glob("*.json"):
        source = json.loads(path.read_text(encoding="utf-8")).get("source") or {}
        if source.get("file") and source.get("line"):
            used.add((source["file"].split(".")[0], int(source["line"])))
    return used


def pick(out: Path, per_dump: int = 20) -> None:
    sys.path.insert(0, str(QUOTES))
    from pool import compose
    used = _used()
    rng = random.Random(SEED)
    picked = []
    for stem, prefix in (("russia_today_3", "rt3"), ("ng_1", "ng1")):
        raw = zipfile.ZipFile(NEWS / f"{stem}.jsonlines.zip").read(f"{stem}.jsonlines")
        candidates = []
        for number, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip() or (stem, number) in used:
                continue
            text = compose(json.loads(line))
            if text and 1500 <= len(text) <= 5000:
                candidates.append((number, text))
        for number, text in rng.sample(candidates, per_dump):
            picked.append({"id": f"{prefix}-{number:04d}", "text": text})
    with out.open("w", encoding="utf-8") as handle:
        for article in picked:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(picked)} articles written to {out}")


def list_entities(records: Path) -> None:
    for line in records.open(encoding="utf-8"):
        record = json.loads(line)
        print("=====", record["id"])
        for e in record["entities"]:
            names = sorted({m["text"] for m in e["mentions"] if m["kind"] == "name"})
            print(f"  {e['type']:5} {e['name']}  <- {' / '.join(names)}")


def score(judged: Path) -> None:
    with judged.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")]
    articles = {r["article"] for r in rows if r["kind"] == "read"}
    counts = Counter((r["version"], r["kind"]) for r in rows if r["kind"] != "read")
    print(f"articles read: {len(articles)}")
    for kind in ("split", "form", "merge", "spurious"):
        print(f"{kind:9} before {counts[('before', kind)]:3}  after {counts[('after', kind)]:3}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("pick").add_argument("--out", type=Path, required=True)
    sub.add_parser("list").add_argument("records", type=Path)
    sub.add_parser("score").add_argument("judged", type=Path)
    args = parser.parse_args()
    if args.command == "pick":
        pick(args.out)
    elif args.command == "list":
        list_entities(args.records)
    else:
        score(args.judged)


if __name__ == "__main__":
    main()
