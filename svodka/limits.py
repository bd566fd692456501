"""Limits that keep one hostile input from stopping a batch or exhausting memory.

Each is far beyond any real news input; what exceeds one is rejected with reason
``too_large`` and a message saying which limit it met.
"""
from __future__ import annotations

from svodka.errors import InputRejected

# A document's text, for `svodka extract` and `svodka ingest` alike (``--max-chars``).
MAX_CHARS = 1_000_000
# Bytes read whole for one text or HTML document (a JSONL or WARC file is streamed).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# An HTML page is parsed whole (lxml, through trafilatura), at some ten times its size in
# memory; a news page is well under a million characters of markup.
MAX_HTML_CHARS = 10 * MAX_CHARS
# One JSONL line: a 1,000,000-character text escaped as \uXXXX is 6 MB.
MAX_LINE_BYTES = 16 * 1024 * 1024
# One decompressed .gz or .zip member, and how many times its compressed size it may grow:
# news text compresses 4-10 fold; a compression bomb, 1000 fold.
MAX_MEMBER_BYTES = 4 * 1024 * 1024 * 1024
MAX_EXPANSION = 100
# Small members may exceed the ratio: a few MB of blank lines harm no one.
EXPANSION_ALLOWANCE = 8 * 1024 * 1024


def check_length(text: str, max_chars: int = MAX_CHARS) -> None:
    """Raise :class:`InputRejected` ``too_large`` for a text over ``max_chars``."""
    if len(text) > max_chars:
        raise InputRejected("too_large", f"{len(text):,} characters, over the limit of "
                                         f"{max_chars:,} (--max-chars raises it)")
