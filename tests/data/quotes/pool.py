"""Reproduce the candidate pool the quote gold articles were drawn from.

Run: python tests/data/quotes/pool.py [/path/to/shared/data/news]
Prints the ordered candidates per source; annotators took them in this order
(see GUIDELINES.md, "How the articles were selected").

    python tests/data/quotes/pool.py --fresh [/path/to/shared/data/news]

prints the fresh batch's order instead (batch ``fresh-2026-12``, Novaya Gazeta ``ng_1``; see
GUIDELINES.md, "Fresh set").
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


def articles(news: Path, min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS,
             only: str | None = None):
    seen: set[str] = set()  # the dump repeats some articles under amp.ng.ru URLs
    for prefix, stem in FILES.items():
        if only and prefix != only:
            continue
        with zipfile.ZipFile(news / f"{stem}.jsonlines.zip") as archive:
            raw = archive.read(archive.namelist()[0])
        for number, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = compose(record)
            if text and min_chars <= len(text) <= max_chars and text not in seen:
                seen.add(text)
                yield {"id": f"{prefix}-{number:04d}", "file": f"{stem}.jsonlines.zip",
                       "line": number, "url": record.get("url"), "text": text,
                       "speech": bool(SPEECH.search(text))}


FRESH_BATCH = "fresh-2026-12"
FRESH_SEED = 20261204
FRESH_DUMP = "ng1"
FRESH_MIN_CHARS, FRESH_MAX_CHARS = 800, 8000
FRESH_SPEECH, FRESH_NEGATIVE = 25, 5   # about one article in six without speech cues
# NG's literary supplement (Ex Libris) and poetry: reviews, excerpts, poems, not news.
NOT_NEWS_RUBRICS = {"poetry", "lit", "non-fiction", "ng_exlibris", "zavisimaya", "glavkniga",
                    "antiquare", "kafedra", "titus", "five"}
RUBRIC = re.compile(r"ng\.ru/([^/]+)/\d{4}-\d{2}-\d{2}/")


def fresh_candidates(news: Path, taken: set[str]) -> list[dict]:
    """The fresh batch, in annotation order: ``ng_1`` news articles of 800–8000 characters not
    already in the gold (``taken``), speech and negative pools shuffled with ``FRESH_SEED``, then
    the first 25 of the speech pool and the first 5 of the negative pool interleaved
    (one negative after every five speech articles)."""
    def news_like(article: dict) -> bool:
        rubric = RUBRIC.search(article["url"] or "")
        return bool(rubric) and rubric.group(1) not in NOT_NEWS_RUBRICS

    pools: dict[bool, list[dict]] = {True: [], False: []}
    for article in articles(news, FRESH_MIN_CHARS, FRESH_MAX_CHARS, only=FRESH_DUMP):
        if article["id"] not in taken and news_like(article):
            pools[article["speech"]].append(article)
    rng = random.Random(FRESH_SEED)
    speech, negative = pools[True], pools[False]
    rng.shuffle(speech)
    rng.shuffle(negative)
    order = []
    for index in range(FRESH_NEGATIVE):
        order += speech[5 * index: 5 * index + 5] + negative[index: index + 1]
    return order


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
    arguments = [a for a in sys.argv[1:] if a != "--fresh"]
    news = Path(arguments[0] if arguments else "/work/shared/data/news")
    if "--fresh" in sys.argv:
        old = {p.stem for p in Path(__file__).resolve().parent.glob("*.json")
               if "batch" not in json.loads(p.read_text(encoding="utf-8"))}
        print(f"# {FRESH_BATCH}: {FRESH_DUMP}, seed {FRESH_SEED}")
        for article in fresh_candidates(news, old):
            print(article["id"], len(article["text"]), "speech" if article["speech"] else "negative",
                  article["url"])
        sys.exit(0)
    for key, pool in sorted(candidates(news).items()):
        print(f"# {key}: {len(pool)}")
        for article in pool[:30]:
            print(article["id"], len(article["text"]), article["url"])
