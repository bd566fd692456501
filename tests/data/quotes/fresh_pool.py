"""Fresh (held-out) quote-gold batches drawn by a seeded shuffle: selection and helper.

    python tests/data/quotes/fresh_pool.py list            # the 30 chosen articles, in order
    python tests/data/quotes/fresh_pool.py show rt2-0123   # an article with line offsets
    python tests/data/quotes/fresh_pool.py save rt2-0123 < spec.txt
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12b list
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12c show ng1-0123
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12d list
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12e list   # 10 per dump, three dumps
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12f list   # ng_0, rt0 (from 200), rt2
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12g list   # ng_1, rt1, rt3 again
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12h list   # ng_0, rt0 (from 200), rt2
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12i list   # ng_1, rt1, rt3 (tenth session)
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12j list   # ng_0, rt0, rt2 (eleventh)
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12k list   # ng_1, rt1, rt3 (twelfth)
    python tests/data/quotes/fresh_pool.py --batch fresh-2026-12l list   # ng_0, rt0, rt2 (thirteenth)

Without ``--batch`` the batch is ``fresh-2026-12`` (its Russia Today part). The articles of each
batch were chosen and annotated before svodka was run on any of them (GUIDELINES.md, "Fresh set").
``save`` takes the same hand-written spec as ``annotate.py`` and adds the batch.
"""
from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

from dataclasses import dataclass, field

import annotate
from annotate import show
from pool import NOT_NEWS_RUBRICS, RUBRIC, SPEECH, compose

HERE = Path(__file__).resolve().parent
PER_FILE = 15
MIN_CHARS, MAX_CHARS = 1000, 8000
# At most one article in six without any sign of speech, so the set stays mostly quotes.
MAX_NEGATIVE_SHARE = 1 / 6
# Pages that are not news articles: a lone footnote, a subscription notice, a video viewer.
NOT_ARTICLE_OPENINGS = ("Подписывайтесь на наш", "* «Исламское государство»")
NOT_ARTICLE_PATHS = ("/press_releases/",)
NOT_ARTICLE_TITLES = ("Видео 360", "Армия 360")


def is_news_article(record: dict, text: str) -> bool:
    """A Russia Today news page (NG pages are told apart by rubric, ``is_ng_news_article``)."""
    url, title = record.get("url") or "", (record.get("title") or "").strip()
    content = (record.get("content") or "").lstrip()
    return (bool(title) and "/article/" in url
            and not any(part in url for part in NOT_ARTICLE_PATHS)
            and not title.startswith(NOT_ARTICLE_TITLES)
            and not content.startswith(NOT_ARTICLE_OPENINGS)
            and MIN_CHARS <= len(text) <= MAX_CHARS)


def is_ng_news_article(record: dict, text: str) -> bool:
    """A Novaya Gazeta page whose URL names a news rubric (not Ex Libris reviews or poetry)."""
    rubric = RUBRIC.search(record.get("url") or "")
    return (bool(rubric) and rubric.group(1) not in NOT_NEWS_RUBRICS
            and bool((record.get("title") or "").strip())
            and MIN_CHARS <= len(text) <= MAX_CHARS)


@dataclass(frozen=True)
class Batch:
    name: str
    seed: int
    files: dict[str, str]                     # id prefix -> dump stem, drawn in sorted order
    # Articles already read for another purpose (an analyst's read), kept out of the batch.
    excluded: frozenset[str] = field(default_factory=frozenset)
    # id prefix -> first line drawn from that dump (the lines before it were read by an analyst)
    first_line: dict[str, int] = field(default_factory=dict)
    per_file: int = PER_FILE


# every line of ng_1, russia_today_1 and russia_today_3 an analyst had read by hand before
# fresh-2026-12g was drawn (see that batch's note below)
READ_BEFORE_12G = frozenset({
    "rt1-0347", "rt1-0920", "rt1-0839", "rt1-0446", "rt1-0509",
    "ng1-0835", "ng1-0390", "ng1-0958", "ng1-0952", "ng1-0934",
    "rt1-0355", "rt1-0420", "rt1-0356", "rt1-0645", "rt1-0585",
    "ng1-0922", "ng1-0704", "ng1-0173", "ng1-0040", "ng1-0529",
    "ng1-0018", "ng1-0767", "ng1-0411", "ng1-0661", "ng1-0026",
    "rt3-0503", "rt3-0197", "rt3-0708", "rt3-0408", "rt3-0738",
    "ng1-0825", "ng1-0502", "ng1-0849", "ng1-0193", "ng1-0327",
})

# every line of ng_1, russia_today_1 and russia_today_3 an analyst had read by hand before
# fresh-2026-12i was drawn (see that batch's note below)
READ_BEFORE_12I = READ_BEFORE_12G | frozenset({
    "rt1-0010", "rt1-0335", "rt1-0359", "rt1-0501", "rt1-0729",
    "rt3-0069", "rt3-0430", "rt3-0676", "rt3-0697", "rt3-0929",
    "ng1-0232", "ng1-0254", "ng1-0287", "ng1-0505", "ng1-0880",
})

# every line of ng_0 and russia_today_2 an analyst had read by hand before fresh-2026-12h was
# drawn (see that batch's note below; russia_today_0 is drawn from line 200 on)
READ_BEFORE_12H = frozenset({
    "rt2-0653", "rt2-0173", "rt2-0126", "rt2-0375", "rt2-0940",
    "ng0-0618", "ng0-0961", "ng0-0631", "ng0-0181", "ng0-0980",
    "rt2-0081", "rt2-0255", "rt2-0611", "rt2-0727", "rt2-0749",
    "ng0-0233", "ng0-0745", "ng0-0769", "ng0-0947", "ng0-0972",
    "ng0-0117", "ng0-0451", "ng0-0464", "ng0-0496", "ng0-0968",
    "ng0-0383", "ng0-0851", "ng0-0879", "ng0-0928",
})

# every line of ng_0, russia_today_0 and russia_today_2 an analyst had read by hand before
# fresh-2026-12j was drawn (see that batch's note below)
READ_BEFORE_12J = READ_BEFORE_12H | frozenset({
    "rt0-0889", "rt0-0544", "rt0-0922", "rt0-0802", "rt0-0776",
    "rt2-0842", "rt2-0108", "rt2-0752", "rt2-0125", "rt2-0405",
    "ng0-0609", "ng0-0876", "ng0-0461", "ng0-0360", "ng0-0887",
})

# ... and before fresh-2026-12l was drawn: docs/analyst-read-2026-12n.md and -12o.md, with the
# lines whose composed text repeats a read one (the dump's amp.ng.ru / www.ng.ru pairs)
READ_BEFORE_12L = READ_BEFORE_12J | frozenset({
    "ng0-0250", "ng0-0565", "ng0-0571", "ng0-0710", "ng0-0601", "ng0-0366", "ng0-0077",
    "rt2-0618", "rt2-0754", "rt2-0997", "rt2-0859", "rt2-0792",
    "ng0-0915", "ng0-0600", "ng0-0670", "ng0-0507", "ng0-0760", "ng0-0327", "ng0-0272",
})

BATCHES = {
    "fresh-2026-12": Batch("fresh-2026-12", 20261204,
                           {"rt2": "russia_today_2", "rt3": "russia_today_3"}),
    # Drawn in the session after fresh-2026-12 had been looked at, so that one batch stays unseen.
    # ng_0 lines 383, 851, 879, 928, 947 were read by hand in an analyst's read of svodka output.
    "fresh-2026-12b": Batch("fresh-2026-12b", 20261205,
                            {"ng0": "ng_0", "rt1": "russia_today_1"},
                            frozenset({"ng0-0383", "ng0-0851", "ng0-0879", "ng0-0928", "ng0-0947"})),
    # Drawn while fresh-2026-12b was being read to improve quote speakers: the batch nobody has
    # seen. ng_1 lines 18, 767, 411, 661, 26 were read by hand in an analyst's read.
    "fresh-2026-12c": Batch("fresh-2026-12c", 20261206,
                            {"ng1": "ng_1", "rt2": "russia_today_2"},
                            frozenset({"ng1-0018", "ng1-0767", "ng1-0411", "ng1-0661", "ng1-0026"})),
    # Drawn while fresh-2026-12c was being read to improve quote speakers. An analyst read
    # russia_today_0 lines 1-199 and ng_0 lines 117, 451, 464, 496, 968 by hand.
    "fresh-2026-12d": Batch("fresh-2026-12d", 20261208,
                            {"ng0": "ng_0", "rt0": "russia_today_0"},
                            frozenset({"ng0-0117", "ng0-0451", "ng0-0464", "ng0-0496", "ng0-0968"}),
                            {"rt0": 200}),
    # Drawn while fresh-2026-12d was being read to improve quote speakers: 10 articles from each
    # of three dumps. docs/analyst-read-2026-12d.md read russia_today_1 lines 347, 920, 839, 446,
    # 509 and ng_1 lines 835, 390, 958, 952, 934 by hand (its 12b read is of gold articles).
    "fresh-2026-12e": Batch("fresh-2026-12e", 20261210,
                            {"ng1": "ng_1", "rt1": "russia_today_1", "rt3": "russia_today_3"},
                            frozenset({"rt1-0347", "rt1-0920", "rt1-0839", "rt1-0446", "rt1-0509",
                                       "ng1-0835", "ng1-0390", "ng1-0958", "ng1-0952",
                                       "ng1-0934"}),
                            per_file=10),
    # Drawn while fresh-2026-12e was being read to improve quote speakers: 10 articles from each
    # of three dumps. docs/analyst-read-2026-12e.md read russia_today_2 lines 653, 173, 126, 375,
    # 940 and ng_0 lines 618, 961, 631, 181, 980; earlier reads ng_0 lines 117, 451, 464, 496,
    # 968 and 383, 851, 879, 928, 947, and russia_today_0 lines 1-199 (issue 15's 200 articles).
    "fresh-2026-12f": Batch("fresh-2026-12f", 20261212,
                            {"ng0": "ng_0", "rt0": "russia_today_0", "rt2": "russia_today_2"},
                            frozenset({"rt2-0653", "rt2-0173", "rt2-0126", "rt2-0375", "rt2-0940",
                                       "ng0-0618", "ng0-0961", "ng0-0631", "ng0-0181", "ng0-0980",
                                       "ng0-0117", "ng0-0451", "ng0-0464", "ng0-0496", "ng0-0968",
                                       "ng0-0383", "ng0-0851", "ng0-0879", "ng0-0928",
                                       "ng0-0947"}),
                            {"rt0": 200},
                            per_file=10),
    # Drawn while fresh-2026-12f was being read to improve quote speakers: 10 articles from each
    # of three dumps, the batch nobody has seen. Kept out: the lines analysts read by hand in
    # these dumps (docs/analyst-read-2026-12d.md: rt1 347, 920, 839, 446, 509, ng1 835, 390,
    # 958, 952, 934; -12f.md: rt1 355, 420, 356, 645, 585, ng1 922, 704, 173, 40, 529; the
    # 12c read: ng1 18, 767, 411, 661, 26) and the eighth session's read (rt3 503, 197, 708,
    # 408, 738; ng1 825, 502, 849, 193, 327).
    "fresh-2026-12g": Batch("fresh-2026-12g", 20261214,
                            {"ng1": "ng_1", "rt1": "russia_today_1", "rt3": "russia_today_3"},
                            READ_BEFORE_12G,
                            per_file=10),
    # Drawn in the ninth session while fresh-2026-12g and all earlier batches were being read to
    # improve quote speakers: 10 articles from each of ng_0, russia_today_0 and russia_today_2,
    # the batch nobody has seen. Kept out: every line of these dumps an analyst read by hand
    # (docs/analyst-read-2026-12e.md: rt2 653, 173, 126, 375, 940, ng0 618, 961, 631, 181, 980;
    # -12h.md: rt2 81, 255, 611, 727, 749, ng0 233, 745, 769, 947, 972; the earlier ng0 reads
    # 117, 451, 464, 496, 968 and 383, 851, 879, 928, 947) and russia_today_0 lines 1-199.
    "fresh-2026-12h": Batch("fresh-2026-12h", 20261217,
                            {"ng0": "ng_0", "rt0": "russia_today_0", "rt2": "russia_today_2"},
                            READ_BEFORE_12H,
                            {"rt0": 200},
                            per_file=10),
    # Drawn in the tenth session while fresh-2026-12h and all earlier batches were being read to
    # improve quote speakers: 10 articles from each of ng_1, russia_today_1 and russia_today_3,
    # the batch nobody has seen. Kept out: every line of these dumps an analyst read by hand
    # (fresh-2026-12g's list above; docs/analyst-read-2026-12i.md: rt1 10, 335, 359, 501, 729,
    # rt3 69, 430, 676, 697, 929; -12j.md: ng1 232, 254, 287, 505, 880).
    "fresh-2026-12i": Batch("fresh-2026-12i", 20261220,
                            {"ng1": "ng_1", "rt1": "russia_today_1", "rt3": "russia_today_3"},
                            READ_BEFORE_12I,
                            per_file=10),
    # Drawn in the eleventh session while fresh-2026-12i and all earlier batches were being read
    # to improve quote speakers: 10 articles from each of ng_0, russia_today_0 and
    # russia_today_2, the batch nobody has seen. Kept out: every line of these dumps an analyst
    # read by hand (fresh-2026-12h's list above; docs/analyst-read-2026-12j.md: rt0 889, 544,
    # 922, 802, 776; -12k.md: rt2 842, 108, 752, 125, 405, ng0 609, 876, 461, 360, 887; -12b.md
    # reads gold articles) and russia_today_0 lines 1-199.
    "fresh-2026-12j": Batch("fresh-2026-12j", 20261222,
                            {"ng0": "ng_0", "rt0": "russia_today_0", "rt2": "russia_today_2"},
                            READ_BEFORE_12J,
                            {"rt0": 200},
                            per_file=10),
    # Drawn in the twelfth session while fresh-2026-12j and all earlier batches were being read
    # to improve quote speakers: 10 articles from each of ng_1, russia_today_1 and
    # russia_today_3, the batch nobody has seen. Kept out: every line of these dumps an analyst
    # read by hand (fresh-2026-12i's list above; docs/analyst-read-2026-12l.md: rt3 94, 984, 109,
    # 985, 715, ng1 943, 117, 362, 364, 202; -12m.md: rt1 776, 152, 208, 337, 911, ng1 607, 208,
    # 651, 658, 782; -12n.md: rt3 680, 568, 274, 849, 566; -12b.md reads gold articles).
    "fresh-2026-12k": Batch("fresh-2026-12k", 20261225,
                            {"ng1": "ng_1", "rt1": "russia_today_1", "rt3": "russia_today_3"},
                            READ_BEFORE_12I | frozenset({
                                       "rt3-0094", "rt3-0984", "rt3-0109", "rt3-0985", "rt3-0715",
                                       "ng1-0943", "ng1-0117", "ng1-0362", "ng1-0364", "ng1-0202",
                                       "rt1-0776", "rt1-0152", "rt1-0208", "rt1-0337", "rt1-0911",
                                       "ng1-0607", "ng1-0208", "ng1-0651", "ng1-0658", "ng1-0782",
                                       "rt3-0680", "rt3-0568", "rt3-0274", "rt3-0849",
                                       "rt3-0566"}),
                            per_file=10),
    # Drawn in the thirteenth session while fresh-2026-12k and all earlier batches were being
    # read to improve quote speakers: 10 articles from each of ng_0, russia_today_0 and
    # russia_today_2, the batch nobody has seen. Kept out: every line of these dumps an analyst
    # read by hand (fresh-2026-12j's list above; docs/analyst-read-2026-12n.md: ng0 250, 565,
    # 571, 710, 601 and their repeats 366, 77; -12o.md: rt2 618, 754, 997, 859, 792, ng0 915,
    # 600, 670, 507, 760 and their repeats 327, 272) and russia_today_0 lines 1-199.
    "fresh-2026-12l": Batch("fresh-2026-12l", 20261227,
                            {"ng0": "ng_0", "rt0": "russia_today_0", "rt2": "russia_today_2"},
                            READ_BEFORE_12L,
                            {"rt0": 200},
                            per_file=10),
}
BATCH = "fresh-2026-12"


def already_in_gold(batch: str = BATCH) -> set[str]:
    """The articles annotated before this batch (the dev gold and earlier batches), by id.

    A later batch drawn from the same dump must not change an earlier batch's selection, so
    only earlier parts are excluded; a batch never repeats one of their articles."""
    earlier = set(list(BATCHES)[:list(BATCHES).index(batch)])
    ids = set()
    for path in HERE.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("batch") in earlier | {None}:
            # by the file's source too, not only its name, so a misnamed file still counts
            ids |= {path.stem, source_id(gold["source"])}
    return ids


def source_id(source: dict) -> str:
    """``{"file": "ng_1.jsonlines.zip", "line": 12}`` -> ``ng1-0012`` (the naming of the files)."""
    stem = source["file"].removesuffix(".jsonlines.zip")
    prefix = stem.replace("ng_", "ng") if stem.startswith("ng_") else "rt" + stem.rsplit("_", 1)[1]
    return f"{prefix}-{source['line']:04d}"


def pool(prefix: str, stem: str, news: Path, excluded: set[str],
         first_line: int = 1) -> list[dict]:
    with zipfile.ZipFile(news / f"{stem}.jsonlines.zip") as archive:
        raw = archive.read(archive.namelist()[0])
    seen, articles = set(), []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if number < first_line or not line.strip():
            continue
        record = json.loads(line)
        text = compose(record)
        article_id = f"{prefix}-{number:04d}"
        news_like = is_ng_news_article if prefix.startswith("ng") else is_news_article
        if text and text not in seen and article_id not in excluded and news_like(record, text):
            seen.add(text)
            articles.append({"id": article_id, "file": f"{stem}.jsonlines.zip", "line": number,
                             "url": record.get("url"), "text": text,
                             "speech": bool(SPEECH.search(text))})
    return articles


def selection(news: Path, batch: str = BATCH) -> list[dict]:
    """15 (or the batch's ``per_file``) articles per dump: a seeded shuffle taken in order,
    negatives capped at one in six."""
    spec = BATCHES[batch]
    excluded, chosen = already_in_gold(batch) | spec.excluded, []
    rng = random.Random(spec.seed)
    for prefix, stem in sorted(spec.files.items()):
        candidates = pool(prefix, stem, news, excluded, spec.first_line.get(prefix, 1))
        rng.shuffle(candidates)
        taken: list[dict] = []
        for article in candidates:
            negatives = sum(not a["speech"] for a in taken) + (not article["speech"])
            if negatives <= MAX_NEGATIVE_SHARE * spec.per_file:
                taken.append(article)
            if len(taken) == spec.per_file:
                break
        chosen += taken
    return chosen


def save(article: dict, spec: list[str], batch: str = BATCH) -> Path:
    return annotate.save({**article, "batch": batch}, spec)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    chosen_batch = BATCH
    if arguments[:1] == ["--batch"]:
        chosen_batch, arguments = arguments[1], arguments[2:]
        if chosen_batch not in BATCHES:
            raise SystemExit(f"unknown batch {chosen_batch!r}; known: {', '.join(BATCHES)}")
    command = arguments[0]
    news_dir = Path("/work/shared/data/news")
    articles = selection(news_dir, chosen_batch)
    if command == "list":
        for item in articles:
            kind = "speech" if item["speech"] else "negative"
            print(item["id"], len(item["text"]), kind, item["url"])
        sys.exit(0)
    wanted = next((a for a in articles if a["id"] == arguments[1]), None)
    if wanted is None:
        raise SystemExit(f"{arguments[1]} is not in the {chosen_batch} selection")
    if command == "show":
        show(wanted)
    else:
        saved = save(wanted, sys.stdin.read().splitlines(), chosen_batch)
        for quote in json.loads(saved.read_text(encoding="utf-8"))["quotes"]:
            print(quote["start"], quote["end"], quote["kind"], quote["speaker"], quote["text"][:60])
