"""Census of the line breaks inside sentences in the news dumps, and of the layout's joins.

    python bench/line_breaks.py [--n 300] [--dumps russia_today_2 ng_0 ...]
    python bench/line_breaks.py --show 30 --seed 15      # joins to read by eye
    python bench/line_breaks.py --show 30 --unjoined     # mid-sentence breaks left apart

For each dump of ``../shared/data/news`` (first ``--n`` articles), every pair of consecutive
body lines (``svodka.layout.body_lines``: headline, dateline, credits and captions already set
apart) with only whitespace and one newline between them is counted:

- ``mid-sentence`` (issue 15's definition): the line ends without ``. ! ? … » " :`` and the next
  ``opens`` lowercase, with a comma, a dash or a closing mark, or one of the two is a short
  ``fragment`` (three words or fewer: subheadings are counted here too);
- ``joined``: the layout reads the two lines as one sentence, by the rule of
  ``svodka.layout.lines.JOIN_RULES`` named.
Reads no model; takes a few seconds.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
NEWS = ROOT.parent / "shared" / "data" / "news"
DUMPS = ("russia_today_0", "russia_today_1", "russia_today_2", "russia_today_3", "ng_0", "ng_1")
_FRAGMENT_WORDS = 3


def mid_sentence(before: str, after: str) -> str | None:
    """Issue 15's definition of a break inside a sentence (the census's yardstick, not the
    layout's rule): "opens" when the next line opens lowercase or with punctuation, "fragment"
    when one of the lines is short (subheadings too), else None."""
    if before[-1:] in ".!?…»\":":
        return None
    if after[:1].islower() or after[:1] in ",-–—»”\"" or after[:1] in ".;)":
        return "opens"
    if len(before.split()) <= _FRAGMENT_WORDS or len(after.split()) <= _FRAGMENT_WORDS:
        return "fragment"
    return None


def pairs(text: str):
    """(line, next line, the layout's join rule or None) for lines one newline apart."""
    from svodka.layout import body_lines
    from svodka.layout.lines import line_joins
    lines = body_lines(text)
    for (s1, e1), (s2, e2), rule in zip(lines, lines[1:], line_joins(text, lines)):
        gap = text[e1:s2]
        if not gap.strip() and gap.count("\n") == 1:
            yield text[s1:e1], text[s2:e2], rule


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--dumps", nargs="*", default=list(DUMPS))
    parser.add_argument("--show", type=int, default=0, help="print this many sampled pairs")
    parser.add_argument("--unjoined", action="store_true",
                        help="sample mid-sentence pairs left apart (default: joined pairs)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"no news dumps at {NEWS}", file=sys.stderr)
        return 1
    from record_hashes import news_documents
    rows = []
    sample: list[tuple[str, str, str, str, str]] = []
    for dump in args.dumps:
        counts: Counter = Counter()
        rules: Counter = Counter()
        for name, document in news_documents(NEWS / f"{dump}.jsonlines.zip", args.n):
            for before, after, rule in pairs(document.text):
                counts["pairs"] += 1
                mid = mid_sentence(before, after)
                counts["mid"] += mid is not None
                counts[mid] += 1
                counts[f"{mid} joined"] += rule is not None
                counts["joined"] += rule is not None
                counts["both"] += bool(mid and rule)
                if rule:
                    rules[rule] += 1
                if (rule is not None) != args.unjoined and (rule or mid):
                    sample.append((dump, name, rule or "-", before, after))
            counts["articles"] += 1
        rows.append((dump, counts, rules))
    print("| dump | articles | line pairs | mid-sentence (issue 15): opens / fragment | "
          "joined of them | joined in all | joined by rule |")
    print("|---|---|---|---|---|---|---|")
    for dump, c, rules in rows:
        by_rule = ", ".join(f"{r} {n}" for r, n in rules.most_common())
        print(f"| {dump} | {c['articles']} | {c['pairs']} | {c['opens']} / {c['fragment']} | "
              f"{c['opens joined']} / {c['fragment joined']} | {c['joined']} | {by_rule} |")
    if args.show:
        for dump, name, rule, before, after in random.Random(args.seed).sample(
                sample, min(args.show, len(sample))):
            print(f"\n[{dump} {name} {rule}]\n  …{before[-70:]!r}\n  {after[:70]!r}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
