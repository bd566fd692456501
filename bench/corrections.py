"""Benchmark: what analysts' corrections cost, on real records.

    python bench/corrections.py --db /tmp/corr-bench/rt0.db

Reads every record of an ingested store, then builds two fresh SQLite stores from them in the
same run: the first half of the articles goes into both; store B gets corrections (the two
most mentioned persons merged, the leader renamed, a quote reassigned, a mention split off);
then the second half is written to both in batches of 64, alternating, and the writer's time
is compared (B also applies the corrections to each batch). Then single corrections and their undo are
timed on B, and every table is compared with A's after all are undone. The merged persons
are not the same person: this measures time, not judgement.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pg import table_contents  # noqa: E402

from svodka.store import open_store, prepare  # noqa: E402

BATCH = 64


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - started) * 1000


def write_all(store, prepared) -> float:
    spent = 0.0
    for at in range(0, len(prepared), BATCH):
        _, ms = timed(lambda: store.add_prepared(prepared[at:at + BATCH]))
        spent += ms
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="An ingested store to take records from.")
    args = parser.parse_args()
    with open_store(args.db, create=False) as source:
        ids = [a["id"] for a in source.list_articles(limit=100_000)]
        articles = sorted((source.get_article(i) for i in ids), key=lambda a: a.id)
    prepared = [prepare(article) for article in articles]
    half = len(prepared) // 2
    folder = Path(tempfile.mkdtemp(prefix="svodka-corrections-"))
    urls = {name: f"sqlite:///{folder / name}.db" for name in ("plain", "corrected")}
    stores = {name: open_store(url) for name, url in urls.items()}
    for store in stores.values():
        write_all(store, prepared[:half])
    b = stores["corrected"]
    leaders = b.top_entities(type="PER", by="mentions", limit=2)
    first, second = leaders[0]["id"], leaders[1]["id"]
    numbers = {}
    before_page, numbers["entity page, before (ms)"] = timed(lambda: b.get_entity(first))
    made, numbers["merge of the 2 most mentioned persons (ms)"] = timed(
        lambda: b.merge_entities(second, first, who="bench"))
    page, numbers["entity page, merged (ms)"] = timed(lambda: b.get_entity(second))
    renamed, numbers["rename (ms)"] = timed(lambda: b.rename_entity(first, "Переименован", "bench"))
    quoted = b.quotes(limit=1)[0]
    said = next(
        n for n, q in enumerate(b.get_article(quoted["article_id"]).quotes)
        if q.start == quoted["start"])
    reassigned, numbers["quote reassign (ms)"] = timed(
        lambda: b.reassign_quote(quoted["article_id"], said, None, "bench"))
    mention = b.mentions(page["articles"][0]["id"])
    own = next(m for m in mention if m["entity_id"] == first)
    split, numbers["split of one mention (ms)"] = timed(lambda: b.split_entity(
        first, [(page["articles"][0]["id"], own["n"])], "bench", name="Отделённый"))
    # batches alternate between the stores, so a change of load on the machine hits both
    plain_ms = corrected_ms = 0.0
    rest = prepared[half:]
    for at in range(0, len(rest), BATCH):
        plain_ms += timed(lambda: stores["plain"].add_prepared(rest[at:at + BATCH]))[1]
        corrected_ms += timed(lambda: b.add_prepared(rest[at:at + BATCH]))[1]
    numbers["writer, second half, no corrections (ms)"] = plain_ms
    numbers["writer, second half, 4 active corrections (ms)"] = corrected_ms
    numbers["writer ratio, corrected / plain"] = corrected_ms / plain_ms
    for done in (made, renamed, reassigned, split):
        _, ms = timed(lambda: b.undo_correction(done["id"], "bench"))
        numbers.setdefault("undo (ms, each)", []).append(round(ms, 1))
    plain_tables, corrected_tables = (table_contents(urls[n]) for n in ("plain", "corrected"))
    differing = sorted(name for name in plain_tables if name != "corrections"
                       and plain_tables[name] != corrected_tables[name])
    report = {"articles": len(prepared),
              "merged": f"{leaders[1]['name']} ({leaders[1]['count']} mentions) into "
                        f"{leaders[0]['name']} ({leaders[0]['count']})",
              "mentions of the merged entity, first half": page["n_mentions"],
              **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in numbers.items()},
              "undo median (ms)": round(statistics.median(numbers["undo (ms, each)"]), 1),
              "tables differing from the uncorrected store after every undo": differing}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    for store in stores.values():
        store.close()


if __name__ == "__main__":
    main()
