"""A partition of results as Parquet: one row per document, the record as JSON."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from svodka.reading import Rejection
from svodka.record import Article
from svodka.store.keys import Evidence
from svodka.store.prepare import Prepared, SearchUnit

_COLUMNS = ("status", "id", "text", "record", "minhash", "units", "entity_words", "evidence",
            "reason", "message", "path", "locator", "sample")


def _row(result: Prepared | Rejection) -> dict:
    if isinstance(result, Rejection):
        return {"status": "rejected", "id": None, "text": None, "record": None, "minhash": None, "units": None,
                "entity_words": None, "evidence": None, "reason": result.reason, "message": result.message,
                "path": result.path, "locator": result.locator, "sample": bytes(result.sample)}
    return {"status": "prepared", "id": result.article.id, "text": result.article.text,
            "record": result.record,
            "minhash": result.minhash,
            "units": json.dumps([asdict(u) for u in result.units], ensure_ascii=False),
            "entity_words": json.dumps(result.entity_words, ensure_ascii=False),
            "evidence": json.dumps({k: e.to_dict() for k, e in result.evidence.items()},
                                   ensure_ascii=False),
            "reason": None, "message": None, "path": None, "locator": None, "sample": None}


def write_partition(results: list[Prepared | Rejection], path: str | Path) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_row(r) for r in results]
    schema = pa.schema([(name, pa.binary() if name in ("minhash", "sample") else pa.string())
                        for name in _COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, str(path))
    return str(path)


def read_partition(path: str | Path) -> list[Prepared | Rejection]:
    import pyarrow.parquet as pq

    results: list[Prepared | Rejection] = []
    for row in pq.read_table(str(path)).to_pylist():
        if row["status"] == "rejected":
            results.append(Rejection(row["reason"], row["message"], row["path"], row["locator"],
                                     row["sample"] or b""))
            continue
        results.append(Prepared(
            article=Article.from_dict(json.loads(row["record"]) | {"text": row["text"]}),
            record=row["record"],
            minhash=row["minhash"],
            units=[SearchUnit(**u) for u in json.loads(row["units"])],
            entity_words=json.loads(row["entity_words"]),
            evidence={k: Evidence.from_dict(e)
                      for k, e in json.loads(row.get("evidence") or "{}").items()}))
    return results
