"""What to ingest: files, folders (recursive) and globs, opened through any .gz or .zip
wrapper, yielding documents and reading rejections in a stable order."""
from __future__ import annotations

import glob
import gzip
import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from svodka.errors import InputRejected
from svodka.limits import EXPANSION_ALLOWANCE, MAX_EXPANSION, MAX_MEMBER_BYTES
from svodka.reading import Document, JsonFields, Rejection, capped, iter_stream
from svodka.reading.stream import bounded_lines

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
            found, unreadable = _walk(path)
            files += found
            missing += unreadable
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


def _walk(folder: Path) -> tuple[list[Path], list[Rejection]]:
    """The wanted files under ``folder``; a subfolder the OS refuses is a rejection."""
    files: list[Path] = []
    refused: list[Rejection] = []

    def unreadable(error: OSError) -> None:
        refused.append(Rejection("unreadable", f"{type(error).__name__}: {error}",
                                 error.filename))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders.sort()
        files += (Path(root) / name for name in names)
    wanted = sorted(p for p in files if p.is_file() and _wanted(p))
    return wanted, sorted(refused, key=lambda r: r.path or "")


# What a damaged archive raises while it is read.
ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, gzip.BadGzipFile)


def _members(path: Path) -> Iterator[tuple[str, BinaryIO] | Rejection]:
    """(name, open stream) of the file, of each member of a .zip, or of a .gz's content.

    Each stream is valid until the next item is asked for; a decompressed one stops at the
    size and expansion limits of :mod:`svodka.limits`.
    """
    name = str(path)
    try:
        handle = open(path, "rb")
        compressed = os.fstat(handle.fileno()).st_size
    except OSError as error:
        yield Rejection("unreadable", f"{type(error).__name__}: {error}", name)
        return
    lowered = name.lower()
    with handle:
        if lowered.endswith(".zip"):
            yield from _zip_members(handle, name)
        elif lowered.endswith(".gz") and not lowered.endswith(".warc.gz"):
            with gzip.GzipFile(fileobj=handle) as unpacked:
                yield name[:-3], capped(unpacked, name, compressed)
        else:
            yield name, handle


def _zip_members(handle: BinaryIO, name: str) -> Iterator[tuple[str, BinaryIO] | Rejection]:
    try:
        archive = zipfile.ZipFile(handle)
    except (*ARCHIVE_ERRORS, OSError) as error:
        yield Rejection("bad_archive", f"{type(error).__name__}: {error}", name)
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = f"{name}/{info.filename}"
            declared = _declared_size_problem(info)
            if declared:
                yield Rejection("too_large", declared, member)
                continue
            try:
                raw = archive.open(info)
            except (*ARCHIVE_ERRORS, OSError, NotImplementedError, RuntimeError) as error:
                yield Rejection("bad_archive", f"{type(error).__name__}: {error}", member)
                continue
            with raw:
                yield member, capped(raw, member, info.compress_size)


def _declared_size_problem(info: zipfile.ZipInfo) -> str | None:
    """What is wrong with a member's declared size, before a byte is unpacked."""
    if info.file_size > MAX_MEMBER_BYTES:
        return f"decompresses to {info.file_size:,} bytes, over {MAX_MEMBER_BYTES:,}"
    if info.file_size > max(info.compress_size * MAX_EXPANSION, EXPANSION_ALLOWANCE):
        return (f"expands {info.file_size // max(info.compress_size, 1):,}-fold, over "
                f"{MAX_EXPANSION}-fold (a compression bomb?)")
    return None


def iter_items(files: list[Path], fields: JsonFields | None = None) -> Iterator[Item]:
    for path in files:
        for member in _members(path):
            if isinstance(member, Rejection):
                yield Item(member, member.locator or member.path or "")
                continue
            name, stream = member
            number = 0
            try:
                for number, value in enumerate(iter_stream(stream, name, fields=fields), 1):
                    yield Item(value, (value.locator if isinstance(value, Rejection)
                                       else value.url) or f"item {number}")
            except InputRejected as error:
                yield Item(Rejection(error.reason, f"after item {number}: {error.message}",
                                     name, f"item {number + 1}"), f"item {number + 1}")
            except ARCHIVE_ERRORS as error:
                yield Item(Rejection("bad_archive", f"{type(error).__name__}: {error}", name,
                                     f"item {number + 1}"), f"item {number + 1}")


def estimate_total(files: list[Path]) -> int | None:
    """Documents to expect, for the progress bar's ETA: lines of JSONL, one per text/HTML.

    Archives are streamed within the same limits as the ingest itself; what it will reject
    counts as the one rejection it becomes.
    """
    total = 0
    for path in files:
        lowered = path.name.lower()
        if ".warc" in lowered:
            return None
        if any(s in lowered for s in (".jsonl", ".jsonlines", ".ndjson")) or lowered.endswith(".zip"):
            for member in _members(path):
                total += 1 if isinstance(member, Rejection) else _count_lines(member[1])
        else:
            total += 1
    return total


def _count_lines(stream: BinaryIO) -> int:
    lines = 0
    try:
        for line in bounded_lines(stream):
            lines += line is None or bool(line.strip())
    except (InputRejected, *ARCHIVE_ERRORS, OSError):
        return lines + 1
    return lines
