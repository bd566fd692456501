"""Readable data files (cue words, abbreviations, aliases, units) and their loaders.

Files are plain text: ``#`` starts a comment, ``.txt`` is one item a line, ``.tsv`` is
tab-separated columns. Loaders are cached: each file is parsed once per process.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """A ``.txt`` file as a tuple of stripped lines."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def load_set(name: str) -> frozenset[str]:
    """A ``.txt`` file as a set of its lines, for membership tests: one set a file, however
    many modules ask ("quote_outlets.txt" is read by entities, coref and quotes)."""
    return frozenset(load_list(name))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """A ``.tsv`` file as rows of stripped cells."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


@lru_cache(maxsize=None)
def load_keyed(name: str) -> dict[str, tuple[str, ...]]:
    """A ``.tsv`` file as its first cell → the row's other cells ("британский" →
    ("Великобритания", …)); a key written twice keeps its last row. One dict a file, shared
    by every module that asks: read it, never edit it."""
    return {row[0]: row[1:] for row in load_table(name)}


@lru_cache(maxsize=None)
def month_numbers() -> dict[str, int]:
    """Every written form of a month ("ноября", "ноя") to its number."""
    forms: dict[str, int] = {}
    for name, number, variants in load_table("months.tsv"):
        for form in [name, *variants.split(",")]:
            forms[form.strip().lower()] = int(number)
    return forms
