"""Check the quote gold files: offsets, kinds, speakers, overlaps, newlines, count.

    python tests/data/quotes/validate.py [/path/to/shared/data/news]

With the news dump at hand it also checks that every ``text`` is the article exactly as
svodka's JSONL reader composes it from ``source.file`` line ``source.line``.
Exit status 1 and one line per problem when something is wrong.
"""
from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_FILES = 40
KINDS = {"direct", "indirect"}
NAME = re.compile(r"^(ng[01]|rt[0-3])-\d{4}$")
QUOTE_KEYS = {"start", "end", "text", "kind", "speaker", "note"}
# A batch marks files annotated later, before svodka was run on them ("fresh-2026-12");
# files without one are the dev gold the rules were written against.
BATCH = re.compile(r"^fresh-\d{4}-\d{2}[a-z]?$")
MARKS = "«»“”„\""


def gold_files(directory: Path = HERE) -> list[Path]:
    return sorted(directory.glob("*.json"))


def check_quote(quote: dict, text: str, where: str) -> list[str]:
    problems = []
    if set(quote) - QUOTE_KEYS or {"start", "end", "text", "kind", "speaker"} - set(quote):
        return [f"{where}: keys {sorted(quote)}"]
    start, end, span = quote["start"], quote["end"], quote["text"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: bad offsets {start}..{end}"]
    if text[start:end] != span:
        problems.append(f"{where}: text[{start}:{end}] != {span[:40]!r}")
    if "\n" in span:
        problems.append(f"{where}: span crosses a newline")
    if span != span.strip():
        problems.append(f"{where}: span has surrounding whitespace")
    if span.endswith(".") and not span.endswith(("..", "…")):
        problems.append(f"{where}: the final period must be excluded")
    if quote["kind"] not in KINDS:
        problems.append(f"{where}: kind {quote['kind']!r}")
    if quote["kind"] == "direct" and (span[0] in MARKS or span[-1] in MARKS):
        problems.append(f"{where}: a direct span excludes its quotation marks")
    speaker = quote["speaker"]
    if speaker is not None and (not isinstance(speaker, str) or speaker != speaker.strip() or not speaker):
        problems.append(f"{where}: speaker {speaker!r}")
    if "note" in quote and not isinstance(quote["note"], str):
        problems.append(f"{where}: note must be a string")
    return problems


def check_file(path: Path) -> list[str]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return [f"{path.name}: unreadable ({error})"]
    problems = []
    if gold.get("id") != path.stem or not NAME.match(path.stem):
        problems.append(f"{path.name}: id {gold.get('id')!r} must be the file name <source>-<n>")
    source = gold.get("source") or {}
    if not (isinstance(source.get("file"), str) and isinstance(source.get("line"), int)):
        problems.append(f"{path.name}: source needs file and line")
    if "batch" in gold and not (isinstance(gold["batch"], str) and BATCH.match(gold["batch"])):
        problems.append(f"{path.name}: batch {gold['batch']!r} must look like fresh-YYYY-MM or fresh-YYYY-MMx")
    text, quotes = gold.get("text"), gold.get("quotes")
    if not isinstance(text, str) or not isinstance(quotes, list):
        return problems + [f"{path.name}: needs text and quotes"]
    previous_end = 0
    for number, quote in enumerate(quotes):
        where = f"{path.name} quote {number}"
        if not isinstance(quote, dict):
            problems.append(f"{where}: not an object")
            continue
        found = check_quote(quote, text, where)
        problems += found
        if not found:
            if quote["start"] < previous_end:
                problems.append(f"{where}: overlaps or is out of order")
            previous_end = quote["end"]
    return problems


def compose(record: dict) -> str:
    """svodka.reading.jsonl.record_to_document's text, restated so this file stands alone."""
    body, title = record["content"], (record.get("title") or "").strip()
    return body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"


def check_sources(paths: list[Path], news: Path) -> list[str]:
    problems, dumps = [], {}
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        name, line = gold["source"]["file"], gold["source"]["line"]
        if name not in dumps:
            with zipfile.ZipFile(news / name) as archive:
                dumps[name] = archive.read(archive.namelist()[0]).split(b"\n")
        lines = dumps[name]
        if not 1 <= line <= len(lines) or compose(json.loads(lines[line - 1])) != gold["text"]:
            problems.append(f"{path.name}: text differs from {name} line {line}")
    return problems


def validate(directory: Path = HERE, news: Path | None = None) -> list[str]:
    paths = gold_files(directory)
    problems = [] if len(paths) >= MIN_FILES else [f"only {len(paths)} gold files, need {MIN_FILES}"]
    for path in paths:
        problems += check_file(path)
    if news is not None and not problems:
        problems += check_sources(paths, news)
    return problems


def summary(directory: Path = HERE, batch: str | None = "") -> dict:
    """Counts over every file, or over one batch (``None``: the files without a batch)."""
    files = [p for p in gold_files(directory)
             if batch == "" or json.loads(p.read_text(encoding="utf-8")).get("batch") == batch]
    quotes = [q for p in files for q in json.loads(p.read_text(encoding="utf-8"))["quotes"]]
    return {"files": len(files),
            "files_without_quotes": sum(not json.loads(p.read_text(encoding="utf-8"))["quotes"]
                                        for p in files),
            "quotes": len(quotes),
            "direct": sum(q["kind"] == "direct" for q in quotes),
            "indirect": sum(q["kind"] == "indirect" for q in quotes),
            "speaker_named": sum(q["speaker"] is not None for q in quotes),
            "speaker_null": sum(q["speaker"] is None for q in quotes)}


if __name__ == "__main__":
    news_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/news")
    found = validate(HERE, news_dir if news_dir.exists() else None)
    for problem in found:
        print(problem)
    print(json.dumps(summary(HERE)))
    batches = sorted({json.loads(p.read_text(encoding="utf-8")).get("batch") or ""
                      for p in gold_files(HERE)})
    for batch in batches if len(batches) > 1 else []:
        print(batch or "dev", json.dumps(summary(HERE, batch or None)))
    sys.exit(1 if found else 0)
