"""Draw the NEREL MONEY/PERCENT/NUMBER spans that the amount-value gold annotates.

Prints each sampled span with its sentence so a person can write the value by hand;
it never runs svodka. Usage:

    python tests/data/amounts/sample_spans.py /work/shared/data/nerel > /tmp/spans.tsv
"""

import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20251125
AMOUNT_TYPES = ("MONEY", "PERCENT", "NUMBER")
# dev holds only 29 MONEY and 9 PERCENT spans, so train tops them up to the floors.
PLAN = {
    "dev": {"MONEY": None, "PERCENT": None, "NUMBER": 95},  # None: take all
    "train": {"MONEY": 14, "PERCENT": 24, "NUMBER": 0},
}
MAX_PER_DOC = {"dev": 3, "train": 1}  # spread sampled NUMBER/train spans across documents


def read_spans(folder):
    for ann in sorted(folder.glob("*.ann")):
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, head, text = line.split("\t", 2)
            kind, *offsets = head.split(" ")
            if kind in AMOUNT_TYPES and len(offsets) == 2:  # skip discontinuous spans
                yield ann.stem, kind, int(offsets[0]), int(offsets[1]), text


def spread(spans, limit, per_doc, rng):
    shuffled = spans[:]
    rng.shuffle(shuffled)
    taken, per = [], defaultdict(int)
    for span in shuffled:
        if limit is not None and len(taken) >= limit:
            break
        if limit is not None and per[span[0]] >= per_doc:
            continue
        taken.append(span)
        per[span[0]] += 1
    return sorted(taken, key=lambda s: (s[0], s[2]))


def sentence_around(text, start, end, width=160):
    left = max(text.rfind("\n", 0, start) + 1, start - width)
    right = text.find("\n", end)
    right = min(right if right != -1 else len(text), end + width)
    return text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]


def main(root):
    rng = random.Random(SEED)
    for split, plan in PLAN.items():
        folder = Path(root) / split
        spans = list(read_spans(folder))
        for kind, limit in plan.items():
            pool = [s for s in spans if s[1] == kind]
            for doc, _, start, end, text in spread(pool, limit, MAX_PER_DOC[split], rng):
                full = (folder / f"{doc}.txt").read_text(encoding="utf-8")
                assert full[start:end] == text, (doc, start, end)
                context = sentence_around(full, start, end).replace("\n", " ").replace("\t", " ")
                print("\t".join([split, doc, kind, str(start), str(end), text, context]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/nerel")
