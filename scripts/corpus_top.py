"""The most mentioned corpus entities of a store, as a Markdown table to read by hand: each row
with its Wikidata id and the article-level entity names the corpus joined into it (how many
articles each), so a wrong join shows as a name that does not belong.

    python scripts/corpus_top.py --db corpus.db --limit 100 > table.md
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

from sqlalchemy import select

from svodka.store import open_store, schema as t


def joined_names(store, ids: set[str]) -> dict[str, Counter]:
    ae, a = t.article_entities.c, t.articles.c
    names: dict[str, Counter] = defaultdict(Counter)
    with store.engine.connect() as conn:
        links = conn.execute(select(ae.article_id, ae.local_id, ae.entity_id)
                             .where(ae.entity_id.in_(sorted(ids)))).all()
        for article_id in sorted({link.article_id for link in links}):
            record = json.loads(conn.execute(select(a.record).where(a.id == article_id)).scalar())
            local = {e["id"]: e["name"] for e in record["entities"]}
            for link in links:
                if link.article_id == article_id:
                    names[link.entity_id][local[link.local_id]] += 1
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    with open_store(args.db) as store:
        top = store.top_entities(limit=args.limit)
        names = joined_names(store, {e["id"] for e in top})
        print("| # | mentions | type | corpus entity | Wikidata | article-level names joined "
              "(articles) |")
        print("|---|---|---|---|---|---|")
        for rank, entity in enumerate(top, 1):
            wikidata = store.get_entity(entity["id"], limit=1)["wikidata"] or ""
            joined = "; ".join(f"{n} ×{c}" for n, c in names[entity["id"]].most_common())
            print(f"| {rank} | {entity['count']} | {entity['type']} | {entity['name']} | "
                  f"{wikidata} | {joined} |")


if __name__ == "__main__":
    main()
