"""Annotator's helper: show a candidate article, then write its gold file from a hand-made spec.

    python tests/data/quotes/annotate.py show ng0-0712
    python tests/data/quotes/annotate.py save ng0-0712 < spec.txt

A spec has one quote per line, in reading order: ``kind | speaker | exact text [| note]``
(``head<...>tail`` abbreviates a long span)
(kind ``d``/``direct`` or ``i``/``indirect``; speaker ``-`` for null). The helper only turns
strings the annotator chose into offsets (searching forward from the previous quote so repeated
substrings resolve to the occurrence meant); it never proposes quotes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pool import FRESH_BATCH, candidates, fresh_candidates

HERE = Path(__file__).resolve().parent
KINDS = {"d": "direct", "direct": "direct", "i": "indirect", "indirect": "indirect"}


def dev_gold_ids() -> set[str]:
    """The files without a batch: the dev gold the fresh batch must not repeat."""
    return {p.stem for p in HERE.glob("*.json")
            if "batch" not in json.loads(p.read_text(encoding="utf-8"))}


def find_article(article_id: str, news: Path) -> dict:
    """From the fresh batch's order (then the file gets ``batch``), else from the dev pool.

    The fresh order is looked at first: a short fresh article is in both pools."""
    for article in fresh_candidates(news, dev_gold_ids() - {article_id}):
        if article["id"] == article_id:
            return article | {"batch": FRESH_BATCH}
    for pool in candidates(news).values():
        for article in pool:
            if article["id"] == article_id:
                return article
    raise SystemExit(f"{article_id} is not in the candidate pool")


def show(article: dict) -> None:
    offset = 0
    for line in article["text"].split("\n"):
        print(f"[{offset}] {line}")
        offset += len(line) + 1


def locate(span: str, text: str, cursor: int) -> tuple[int, int]:
    """``head<...>tail`` stands for the shortest span from head to tail (long quotes)."""
    head, _, tail = span.partition("<...>")
    start = text.find(head, cursor)
    end = start + len(head)
    if start >= 0 and tail:
        end = text.find(tail, end)
        end = end + len(tail) if end >= 0 else -1
    if start < 0 or end < 0:
        raise SystemExit(f"not found after {cursor}: {span!r}")
    if "\n" in text[start:end]:
        raise SystemExit(f"crosses a newline: {span!r}")
    return start, end


def parse_spec(lines: list[str], text: str) -> list[dict]:
    quotes, cursor = [], 0
    for raw in lines:
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = [part.strip() for part in raw.split("|")]
        kind, speaker, span = KINDS[parts[0]], parts[1], parts[2]
        start, end = locate(span, text, cursor)
        quote = {"start": start, "end": end, "text": text[start:end], "kind": kind,
                 "speaker": None if speaker == "-" else speaker}
        if len(parts) > 3 and parts[3]:
            quote["note"] = parts[3]
        quotes.append(quote)
        cursor = quote["end"]
    return quotes


def save(article: dict, spec: list[str]) -> Path:
    gold = {"id": article["id"],
            "source": {"file": article["file"], "line": article["line"], "url": article["url"]},
            **({"batch": article["batch"]} if "batch" in article else {}),
            "text": article["text"], "quotes": parse_spec(spec, article["text"])}
    path = HERE / f"{article['id']}.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    command, article_id = sys.argv[1], sys.argv[2]
    news = Path(sys.argv[3] if len(sys.argv) > 3 else "/work/shared/data/news")
    article = find_article(article_id, news)
    if command == "show":
        show(article)
    else:
        path = save(article, sys.stdin.read().splitlines())
        for quote in json.loads(path.read_text(encoding="utf-8"))["quotes"]:
            print(quote["start"], quote["end"], quote["kind"], quote["speaker"], quote["text"][:60])
