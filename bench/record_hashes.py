"""Hash every record's JSON for a fixed set of articles: the "records unchanged" check.

    python bench/record_hashes.py [--n 300] > /tmp/hashes.txt
    diff /tmp/before.txt /tmp/after.txt

Reads the first ``--n`` articles of ``../shared/data/news/russia_today_0.jsonlines.zip`` and
the sample article (``examples/astana-port.txt``); prints one ``sha1  name`` line per article
and a final line hashing them all. A refactoring that keeps behaviour keeps every line.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "russia_today_0.jsonlines.zip"
SAMPLE = ROOT / "examples" / "astana-port.txt"


def news_documents(path: Path, limit: int):
    from svodka.reading.jsonl import iter_jsonl
    from svodka.reading.document import Document
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if not n.endswith("/"))
        with archive.open(name) as raw:
            count = 0
            for document in iter_jsonl(io.TextIOWrapper(raw, encoding="utf-8"), str(path.name)):
                if not isinstance(document, Document):
                    continue
                yield f"news:{count}", document
                count += 1
                if count >= limit:
                    return


def record_hash(article) -> str:
    payload = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    import svodka
    from svodka.analysis import load_models
    models = load_models()
    total = hashlib.sha1()
    sample = svodka.extract(SAMPLE.read_text(encoding="utf-8"), published="2025-10-14",
                            models=models)
    lines = [f"{record_hash(sample)}  sample"]
    if NEWS.exists():
        for name, document in news_documents(NEWS, args.n):
            lines.append(f"{record_hash(svodka.extract_document(document, models))}  {name}")
    else:
        print(f"# {NEWS} is absent: sample only", file=sys.stderr)
    for line in lines:
        print(line)
        total.update(line.encode())
    print(f"{total.hexdigest()}  all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
