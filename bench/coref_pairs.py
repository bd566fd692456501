"""Gold pairs won and lost between two versions of svodka, article by article, on RuCoCo dev.

    PYTHONPATH=<tree A> python bench/coref_pairs.py dump /tmp/a.pkl [--limit 300]
    PYTHONPATH=<tree B> python bench/coref_pairs.py dump /tmp/b.pkl [--limit 300]
    python bench/coref_pairs.py compare /tmp/a.pkl /tmp/b.pkl

``dump`` extracts each dev article with the svodka on the path (the system ``svodka eval
coref`` scores, matched the same way) and keeps, per article, the mention pairs svodka puts
in one entity, matched to gold mentions; it prints the totals ``svodka eval coref`` would.
``compare`` prints, per article that changed and in total, the gold pairs won and lost (all,
and pronoun ↔ name), and the wrong pairs added and removed. The dumps hold RuCoCo offsets
only and belong outside the repository (RuCoCo is CC BY-NC; it is read from ``../shared``).
"""
from __future__ import annotations

import argparse
import pickle
from collections import Counter
from itertools import combinations
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "rucoco" / "rucoco-train.zip"


def dump(out: Path, path: Path, limit: int | None) -> None:
    from svodka.eval.coref import (CorefScores, adjacent_phrases, load_rucoco, match_mention,
                                   score_coref)
    from svodka.eval.systems import Svodka

    system = Svodka()
    result, total = {}, CorefScores.empty()
    for document in load_rucoco(path, "dev", limit):
        chains = [[(s.start, s.end) for s in chain] for chain in system(document.text).chains]
        total.add(score_coref(document.text, document.chains, chains))
        gold = sorted({tuple(s) for chain in document.chains for s in chain})
        pairs = set()
        for spans in chains:
            spans = spans + adjacent_phrases(document.text, spans)
            hits = {m for m in (match_mention(s, gold) for s in spans) if m}
            pairs.update(frozenset(p) for p in combinations(sorted(hits), 2))
        result[document.id] = pairs
    out.write_bytes(pickle.dumps(result))
    print(f"{len(result)} articles; {total}")


def _pairs(dumped: dict) -> dict:
    return {k: v["pairs"] if isinstance(v, dict) else v for k, v in dumped.items()}


def compare(before: Path, after: Path, path: Path) -> None:
    from svodka.eval.coref import is_named, load_rucoco, mention_kind, proper_words

    a, b = (_pairs(pickle.loads(f.read_bytes())) for f in (before, after))
    total, changed = Counter(), 0
    for document in load_rucoco(path, "dev", None):
        if document.id not in a or document.id not in b:
            continue
        text = document.text
        chains_of: dict[tuple[int, int], set[int]] = {}
        for k, chain in enumerate(document.chains):
            for span in chain:
                chains_of.setdefault(tuple(span), set()).add(k)
        named = {k for k, chain in enumerate(document.chains) if any(is_named(text, s) for s in chain)}
        gold = {frozenset(p) for k in named
                for p in combinations(sorted({tuple(s) for s in document.chains[k]}), 2)}
        proper = proper_words(text)
        kind = {span: mention_kind(text, span, proper) for span in chains_of}

        def wrong(pairs):
            return {p for p in pairs if (lambda x, y: (chains_of[x] | chains_of[y]) & named
                                         and not chains_of[x] & chains_of[y])(*tuple(p))}

        def pronoun(pair) -> bool:
            return {kind[m] for m in pair} == {"pronoun", "name"}

        won, lost = (b[document.id] - a[document.id]) & gold, (a[document.id] - b[document.id]) & gold
        wrong_a, wrong_b = wrong(a[document.id]), wrong(b[document.id])
        row = Counter({"won": len(won), "lost": len(lost),
                       "pronoun won": sum(map(pronoun, won)), "pronoun lost": sum(map(pronoun, lost)),
                       "wrong added": len(wrong_b - wrong_a), "wrong removed": len(wrong_a - wrong_b)})
        if any(row.values()):
            changed += 1
            print(document.id, dict(+row))
        total += row
    print(f"total over {changed} changed articles:", dict(total))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("dump", "compare"))
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--rucoco", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if args.action == "dump":
        dump(args.files[0], args.rucoco, args.limit)
    else:
        compare(args.files[0], args.files[1], args.rucoco)


if __name__ == "__main__":
    main()
