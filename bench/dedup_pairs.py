"""Sample near-duplicate pairs for judging by hand, and score the judgments.

    python bench/dedup_pairs.py sample [--news DIR | --db URL] [--n 200] [--out FILE]
    python bench/dedup_pairs.py score [FILE]

``sample`` finds copies the way ingest does (the same signatures, index and threshold, in
input order) — from the raw news files, or from a store's duplicate groups — and writes a
fixed-seed sample of (copy, original) pairs with both texts' openings and their word-level
differences. A person reads each pair and fills ``same`` (true: the same story, a repost or
a light edit) and ``note``. ``score`` prints the precision of the judged pairs.
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
JUDGED = ROOT / "tests" / "data" / "dedup" / "pairs-judged.jsonl"


def pairs_from_news(news: Path) -> list[dict]:
    from svodka.dedup import NearDuplicateIndex, signature
    from svodka.ingest import expand, iter_items
    from svodka.pipeline import article_id
    from svodka.reading import Document

    index, texts, pairs = NearDuplicateIndex(), {}, []
    files, _ = expand([str(news)])
    for item in iter_items(files):
        document = item.value
        if not isinstance(document, Document):
            continue
        doc_id = document.id or article_id(document.text)
        if doc_id in texts:
            continue
        texts[doc_id] = (document.text, document.url)
        minhash = signature(document.text)
        match = index.best_match(minhash)
        if match:
            pairs.append({"copy": doc_id, "original": match[0], "similarity": match[1]})
        elif minhash:
            index.add(doc_id, minhash)
    print(f"{len(texts)} distinct texts read from {news}")
    for pair in pairs:
        pair["copy_text"], pair["copy_url"] = texts[pair["copy"]]
        pair["original_text"], pair["original_url"] = texts[pair["original"]]
    return pairs


def pairs_from_store(url: str) -> list[dict]:
    from svodka.store import open_store

    with open_store(url) as store:
        return [{"copy": c["id"], "original": g["id"], "similarity": c["similarity"],
                 "copy_text": None, "copy_url": c["url"], "original_url": g["url"],
                 "original_text": store.get_article(g["id"]).text}
                for g in store.duplicate_groups() for c in g["copies"] if c["kind"] == "near"]


def differences(left: str, right: str, limit: int = 12) -> list[str]:
    matcher = difflib.SequenceMatcher(None, left.split(), right.split(), autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append(f"{op}: {' '.join(left.split()[i1:i2])[:150]!r} -> "
                           f"{' '.join(right.split()[j1:j2])[:150]!r}")
    return changes[:limit]


def sample(args) -> None:
    pairs = pairs_from_store(args.db) if args.db else pairs_from_news(args.news)
    chosen = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))
    with args.out.open("w", encoding="utf-8") as stream:
        for pair in chosen:
            left, right = pair["original_text"] or "", pair["copy_text"] or ""
            stream.write(json.dumps({
                "original": pair["original"], "copy": pair["copy"],
                "similarity": round(pair["similarity"], 3),
                "original_url": pair["original_url"], "copy_url": pair["copy_url"],
                "original_start": left[:300], "copy_start": right[:300],
                "differences": differences(left, right) if right else None,
                "same": None, "note": ""}, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} near-duplicate pairs found, {len(chosen)} sampled into {args.out}")


def score(args) -> None:
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()]
    judged = [r for r in rows if r.get("same") is not None]
    right = sum(1 for r in judged if r["same"])
    print(json.dumps({"judged": len(judged), "same": right,
                      "precision": round(right / len(judged), 3) if judged else None}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("sample")
    take.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    take.add_argument("--db", default=None)
    take.add_argument("--n", type=int, default=200)
    take.add_argument("--seed", type=int, default=20241127)
    take.add_argument("--out", type=Path, default=Path("/tmp/svodka-bench/pairs-to-judge.jsonl"))
    take.set_defaults(run=sample)
    check = commands.add_parser("score")
    check.add_argument("file", type=Path, nargs="?", default=JUDGED)
    check.set_defaults(run=score)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
