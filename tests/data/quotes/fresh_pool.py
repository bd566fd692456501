"""The fresh Russia Today part of the quote gold (batch ``fresh-2026-12``): selection and helper.

    python tests/data/quotes/fresh_pool.py list            # the 30 chosen articles, in order
    python tests/data/quotes/fresh_pool.py show rt2-0123   # an article with line offsets
    python tests/data/quotes/fresh_pool.py save rt2-0123 < spec.txt

The articles were chosen and annotated before svodka was run on any of them (GUIDELINES.md,
"Fresh set"). ``save`` takes the same hand-written spec as ``annotate.py`` and adds the batch.
"""
from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

import annotate
from annotate import show
from pool import SPEECH, compose

HERE = Path(__file__).resolve().parent
BATCH = "fresh-2026-12"
SEED = 20261204
PER_FILE = 15
FILES = {"rt2": "russia_today_2", "rt3": "russia_today_3"}
MIN_CHARS, MAX_CHARS = 1000, 8000
# At most one article in six without any sign of speech, so the set stays mostly quotes.
MAX_NEGATIVE_SHARE = 1 / 6
# Pages that are not news articles: a lone footnote, a subscription notice, a video viewer.
NOT_ARTICLE_OPENINGS = ("Подписывайтесь на наш", "* «Исламское государство»")
NOT_ARTICLE_PATHS = ("/press_releases/",)
NOT_ARTICLE_TITLES = ("Видео 360", "Армия 360")


def is_news_article(record: dict, text: str) -> bool:
    url, title = record.get("url") or "", (record.get("title") or "").strip()
    content = (record.get("content") or "").lstrip()
    return (bool(title) and "/article/" in url
            and not any(part in url for part in NOT_ARTICLE_PATHS)
            and not title.startswith(NOT_ARTICLE_TITLES)
            and not content.startswith(NOT_ARTICLE_OPENINGS)
            and MIN_CHARS <= len(text) <= MAX_CHARS)


def already_in_gold() -> set[str]:
    """Every article of the older gold, by id; the fresh part never repeats one."""
    return {path.stem for path in HERE.glob("*.json")
            if json.loads(path.read_text(encoding="utf-8")).get("batch") != BATCH}


def pool(prefix: str, stem: str, news: Path, excluded: set[str]) -> list[dict]:
    with zipfile.ZipFile(news / f"{stem}.jsonlines.zip") as archive:
        raw = archive.read(archive.namelist()[0])
    seen, articles = set(), []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = compose(record)
        article_id = f"{prefix}-{number:04d}"
        if text and text not in seen and article_id not in excluded \
                and is_news_article(record, text):
            seen.add(text)
            articles.append({"id": article_id, "file": f"{stem}.jsonlines.zip", "line": number,
                             "url": record.get("url"), "text": text,
                             "speech": bool(SPEECH.search(text))})
    return articles


def selection(news: Path) -> list[dict]:
    """15 articles per dump: a seeded shuffle taken in order, negatives capped at one in six."""
    excluded, chosen = already_in_gold(), []
    rng = random.Random(SEED)
    for prefix, stem in sorted(FILES.items()):
        candidates = pool(prefix, stem, news, excluded)
        rng.shuffle(candidates)
        taken: list[dict] = []
        for article in candidates:
            negatives = sum(not a["speech"] for a in taken) + (not article["speech"])
            if negatives <= MAX_NEGATIVE_SHARE * PER_FILE:
                taken.append(article)
            if len(taken) == PER_FILE:
                break
        chosen += taken
    return chosen


def save(article: dict, spec: list[str]) -> Path:
    return annotate.save({**article, "batch": BATCH}, spec)


if __name__ == "__main__":
    command = sys.argv[1]
    news_dir = Path("/work/shared/data/news")
    articles = selection(news_dir)
    if command == "list":
        for item in articles:
            kind = "speech" if item["speech"] else "negative"
            print(item["id"], len(item["text"]), kind, item["url"])
        sys.exit(0)
    wanted = next((a for a in articles if a["id"] == sys.argv[2]), None)
    if wanted is None:
        raise SystemExit(f"{sys.argv[2]} is not in the fresh selection")
    if command == "show":
        show(wanted)
    else:
        saved = save(wanted, sys.stdin.read().splitlines())
        for quote in json.loads(saved.read_text(encoding="utf-8"))["quotes"]:
            print(quote["start"], quote["end"], quote["kind"], quote["speaker"], quote["text"][:60])
