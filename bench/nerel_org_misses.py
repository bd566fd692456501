"""NEREL dev ORGANIZATION spans svodka misses or gets wrong, one a line with the text around,
for classing by hand (issue 15, thirteenth session). NEREL is CC BY-NC: read from ../shared,
print to a file outside the repo.

    python bench/nerel_org_misses.py [limit] > /tmp/org_misses.txt

Each line: ``MISS`` (a gold ORG no predicted ORG matches exactly; the overlapping predicted
spans of any type follow) or ``SPUR`` (a predicted ORG no gold ORG matches exactly).
"""
from __future__ import annotations

import sys

from svodka.eval import DEFAULT_PATHS, nerel
from svodka.eval.systems import Svodka


def _show(text: str, start: int, end: int) -> str:
    shown = f"{text[max(0, start - 50):start]}[[{text[start:end]}]]{text[end:end + 40]}"
    return shown.replace("\n", " ")


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    system = Svodka()
    for document in nerel.load_nerel(DEFAULT_PATHS["nerel"], limit):
        gold = {(s.start, s.end) for s in document.gold() if s.type == "ORG"}
        output = system(document.text)
        predicted = set(output.names)
        found = {(s.start, s.end) for s in predicted if s.type == "ORG"}
        for start, end in sorted(gold - found):
            near = [f"{s.type}:{document.text[s.start:s.end]}" for s in predicted
                    if s.start < end and start < s.end]
            print("MISS", document.id, _show(document.text, start, end), "|", "; ".join(near))
        for start, end in sorted(found - gold):
            print("SPUR", document.id, _show(document.text, start, end))


if __name__ == "__main__":
    main()
