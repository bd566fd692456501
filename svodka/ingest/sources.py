"""What to ingest: files, folders (recursive) and globs, opened through any .gz or .zip
wrapper, yielding documents and reading rejections in a stable order."""
from __future__ import annotations

import glob
import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from svodka.reading import Document, JsonFields, Rejection, iter_documents

# Inside folders only these are picked up; a file named on the command line is always read.
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonlines", ".ndjson", ".json", ".warc")
WRAPPERS = (".gz", ".zip")


@dataclass(slots=True)
class Item:
    """One document (or a reading rejection) and where it came from."""
    value: Document | Rejection
    locator: str


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    for wrapper in WRAPPERS:
        if name.endswith(wrapper):
            name = name[: -len(wrapper)]
            return name.endswith(SUFFIXES) or wrapper == ".zip"
    return name.endswith(SUFFIXES)


def expand(paths: list[str]) -> tuple[list[Path], list[Rejection]]:
    """Files in a stable order; a path that names nothing is a rejection, not a crash."""
    files: list[Path] = []
    missing: list[Rejection] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
        elif path.is_file():
            files.append(path)
        elif any(ch in raw for ch in "*?["):
            matched = sorted(Path(p) for p in glob.glob(raw, recursive=True))
            files += [p for p in matched if p.is_file()]
            if not matched:
                missing.append(Rejection("not_found", f"no file matches {raw}", raw))
        else:
            missing.append(Rejection("not_found", f"no such file or folder: {raw}", raw))
    seen: set[Path] = set()
    unique = [p for p in files if not (p in seen or seen.add(p))]
    return unique, missing


def _members(path: Path) -> Iterator[tuple[str, bytes] | Rejection]:
    """(name, bytes) of the file, or of each member of a .zip, or of a .gz's content."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Rejection("unreadable", f"{type(error).__name__}: {error}", name)
        return
    lowered = name.lower()
    if lowered.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        yield f"{name}/{info.filename}", archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            yield Rejection("bad_archive", f"{type(error).__name__}: {error}", name, None,
                            data[:2000])
    elif lowered.endswith(".gz") and not lowered.endswith(".warc.gz"):
        try:
            yield name[:-3], gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            yield Rejection("bad_archive", f"{type(error).__name__}: {error}", name, None,
                            data[:2000])
    else:
        yield name, data


def iter_items(files: list[Path], fields: JsonFields | None = None) -> Iterator[Item]:
    for path in files:
        for member in _members(path):
            if isinstance(member, Rejection):
                yield Item(member, member.locator or "")
                continue
            name, data = member
            for number, value in enumerate(iter_documents(data, name, fields=fields), 1):
                if isinstance(value, Rejection):
                    yield Item(value, value.locator or f"item {number}")
                else:
                    yield Item(value, value.url or f"item {number}")


def estimate_total(files: list[Path]) -> int | None:
    """Documents to expect, for the progress bar's ETA: lines of JSONL, one per text/HTML."""
    total = 0
    for path in files:
        lowered = path.name.lower()
        if ".warc" in lowered:
            return None
        if any(s in lowered for s in (".jsonl", ".jsonlines", ".ndjson")) or lowered.endswith(".zip"):
            for member in _members(path):
                if isinstance(member, Rejection):
                    total += 1
                else:
                    total += sum(1 for line in member[1].splitlines() if line.strip())
        else:
            total += 1
    return total
