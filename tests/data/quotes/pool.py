"""Reproduce the candidate pool the quote gold articles were drawn from.

Run: python tests/data/quotes/pool.py [/path/to/shared/data/news]
Prints the ordered candidates per source; annotators took them in this order
(see GUIDELINES.md, "How the articles were selected").
"""
from __future__ import annotations

import json
import random
import re
import sys
import zipfile
from pathlib import Path

SEED = 20261125
MIN_CHARS, MAX_CHARS = 800, 3000
FILES = {"ng0": "ng_0", "ng1": "ng_1", "rt0": "russia_today_0", "rt1": "russia_today_1",
         "rt2": "russia_today_2", "rt3": "russia_today_3"}
# A cheap "does this article report speech?" filter: quotation marks or a speech cue.
SPEECH = re.compile(r"[«“„]|\b(?:заяви|сказа|сообщи|отмети|подчеркну|пояснил|по словам|"
                    r"по мнению|считает|рассказа|уверен)", re.IGNORECASE)


def compose(record: dict) -> str | None:
    """The text exactly as svodka's JSONL reader builds it."""
    body, title = record.get("content"), (record.get("title") or "").strip()
    if not isinstance(body, str) or not body.strip():
        return None
    return body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"


def articles(news: Path):
    seen: set[str] = set()  # the dump repeats some articles under amp.ng.ru URLs
    for prefix, stem in FILES.items():
        with zipfile.ZipFile(news / f"{stem}.jsonlines.zip") as archive:
            raw = archive.read(archive.namelist()[0])
        for number, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = compose(record)
            if text and MIN_CHARS <= len(text) <= MAX_CHARS and text not in seen:
                seen.add(text)
                yield {"id": f"{prefix}-{number:04d}", "file": f"{stem}.jsonlines.zip",
                       "line": number, "url": record.get("url"), "text": text,
                       "speech": bool(SPEECH.search(text))}


def candidates(news: Path) -> dict[str, list[dict]]:
    """Shuffled pools: (ng|rt) x (speech|negative), in the order they are to be annotated."""
    pools: dict[str, list[dict]] = {}
    for article in articles(news):
        key = article["id"][:2] + ("-speech" if article["speech"] else "-negative")
        pools.setdefault(key, []).append(article)
    rng = random.Random(SEED)
    for key in sorted(pools):
        rng.shuffle(pools[key])
    return pools


if __name__ == "__main__":
    news = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/news")
    for key, pool in sorted(candidates(news).items()):
        print(f"# {key}: {len(pool)}")
        for article in pool[:30]:
            print(article["id"], len(article["text"]), article["url"])
