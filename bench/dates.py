"""How many articles of each news dump get a publication date, and from where.

    .venv/bin/python bench/dates.py [../shared/data/news/*.jsonlines.zip]

Runs exactly the steps of the pipeline that decide ``published`` and ``source`` (reading,
the URL check, the date settlement, the layout's dateline) without the language pass, so
it reads a whole dump in seconds. Prints one JSON line per file: articles, dated share,
counts by origin, URLs repaired and set aside, domains, and the outlet's sign-off
lines the layout set aside and the
notes signed inline ("(… – «НГ»)") whose signature entity extraction skips.
"""
from __future__ import annotations

import glob
import json
import re
import sys
from collections import Counter
from pathlib import Path

from svodka.layout import analyze_layout
from svodka.layout.boilerplate import is_editorial_signoff
from svodka.pipeline import resolve_published
from svodka.reading import Document, iter_documents
from svodka.reading.provenance import check_url, settle_date

# A short capitalized name between a dash and a closing bracket: "(…. – «НГ»)".
_SIGNED_NOTE = re.compile(r"[—–-]\s*[«\"]?([A-ZА-ЯЁ][\w\-]{0,20})[»\"]?\s*\)")
DEFAULT = str(Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "*.jsonlines.zip")


def measure(path: str) -> dict:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        data = archive.read(archive.namelist()[0])
    origins: Counter = Counter()
    domains: Counter = Counter()
    problems: Counter = Counter()
    articles = signoffs = inline = 0
    for document in iter_documents(data, Path(path).stem):
        if not isinstance(document, Document):
            continue
        articles += 1
        checked = check_url(document.url)
        published, origin = settle_date(document.published, document.published_from, checked.url)
        layout = analyze_layout(document.text)
        published, origin, _ = resolve_published(published, origin, layout)
        signoffs += sum(credit.kind == "signoff" for credit in layout.credits)
        inline += sum(is_editorial_signoff(document.text, *m.span(1))
                      for m in _SIGNED_NOTE.finditer(document.text))
        origins[origin or "undated"] += 1
        domains[checked.domain or "none"] += 1
        if checked.problem:
            problems["repaired" if checked.url else "set aside"] += 1
    dated = articles - origins["undated"]
    return {"file": Path(path).name, "articles": articles, "dated": dated,
            "dated_share": round(dated / articles, 4) if articles else None,
            "origins": dict(origins.most_common()), "urls": dict(problems),
            "domains": dict(domains.most_common(5)),
            "signoff_lines": signoffs, "inline_signoffs": inline}


def main(patterns: list[str]) -> None:
    paths = sorted(p for pattern in patterns for p in glob.glob(pattern))
    if not paths:
        sys.exit(f"no news dumps at {' '.join(patterns)}")
    for path in paths:
        print(json.dumps(measure(path), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:] or [DEFAULT])
