"""Every answer of 1,040 search lists and 100 entity pages as JSON lines, to compare trees.

    PYTHONPATH=<tree> python bench/search_answers.py --db sqlite:////tmp/news.db --out a.jsonl
    cmp a.jsonl b.jsonl       # the same store read by two trees

Searches: 52 queries (10 topics, the 12 most mentioned names, 30 name-and-topic pairs) ×
9 filter sets × 2 sorts, and the third page of each unfiltered one — items, totals and
facets. Entities: the 60 most mentioned and the 40 most mentioned people, as the entity
page reads them (``Store.get_entity``, 30 of each list).
"""
from __future__ import annotations

import argparse
import json
import time

TOPICS = ["нефть", "санкции", "выборы", "президент", "рубль", "Украина", "суд", "газ",
          "миллиардов долларов", "заявил"]


def main() -> None:
    from svodka.store import open_store
    from svodka.store.listing import SearchFilters

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open_store(args.db) as store, open(args.out, "w", encoding="utf-8") as out:
        leaders = store.top_entities(limit=12)
        names = [e["name"] for e in leaders]
        ids = [e["id"] for e in leaders[:3]]
        sources = [f["value"] for f in store.search_list("президент")["facets"]["source"]][:2]
        filter_sets = [SearchFilters(), SearchFilters(kind="quote"),
                       SearchFilters(kind="article", date_from="2017", date_to="2018-03"),
                       SearchFilters(source=sources[0]), SearchFilters(quote_kind="direct"),
                       SearchFilters(entity_type="LOC"), SearchFilters(entity=ids[0]),
                       SearchFilters(speaker=ids[1]),
                       SearchFilters(kind="amount", source=sources[-1])]
        queries = TOPICS + names + [f"{name} {topic}" for name in names[:6]
                                    for topic in TOPICS[:5]]
        started = time.perf_counter()
        for q in queries:
            for number, filters in enumerate(filter_sets):
                for sort in ("relevance", "date"):
                    for offset in ((0, 40) if number == 0 else (0,)):
                        found = store.search_list(q, filters, sort, offset, 20)
                        out.write(json.dumps({"q": q, "filters": filters.as_params(),
                                              "sort": sort, "offset": offset, "found": found},
                                             ensure_ascii=False, sort_keys=True) + "\n")
        searched = time.perf_counter() - started
        entities = store.top_entities(limit=60) + store.top_entities(type="PER", limit=40)
        started = time.perf_counter()
        for entity in entities:
            out.write(json.dumps(store.get_entity(entity["id"], limit=30), ensure_ascii=False,
                                 sort_keys=True, default=str) + "\n")
        read = time.perf_counter() - started
    print(f"searches {searched:.1f} s, entity pages {1000 * read / len(entities):.1f} ms each")


if __name__ == "__main__":
    main()
