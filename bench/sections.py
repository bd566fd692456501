"""docs/performance.md is shared: each benchmark replaces only its own marked section."""
from __future__ import annotations

from pathlib import Path

INTRO = ("# Performance\n\nMeasured by the scripts in `bench/`; each owns one section below and "
         "rewrites only that section.\n")


def replace_section(path: Path, name: str, body: str) -> None:
    """Put ``body`` between ``<!-- bench:NAME:start -->`` and its end marker (appended if new)."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    section = f"{start}\n{body}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else INTRO
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
