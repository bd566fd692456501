"""MinHash signatures of lowercased 5-word shingles (datasketch), as compact bytes."""
from __future__ import annotations

import re

import numpy as np

from svodka.text import fold_word

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.8
SEED = 1
SCHEME = "affine32"     # pinned: stored signatures must stay comparable across datasketch versions
# Shingles are hashed in chunks so a 10 MB article never builds a giant permutation matrix.
_CHUNK = 20_000
_WORD = re.compile(r"[^\W_]+")


def prose(text: str) -> str:
    """``text`` without the lines that hold a curly brace: script and CSS the page carried.

    The reading layer keeps embedded players and widgets (jwplayer setup, playbuzz embeds) as
    text lines; news prose does not use braces. That code is the same on every page of a
    site, so it made different articles look alike (two quizzes whose only words were the
    embed code matched at 0.85) and kept a copy taken without the code from matching its
    original (13% of such copies found at 0.8). See docs/corpus.md, "Duplicates".
    """
    if "{" not in text and "}" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if "{" not in line and "}" not in line)


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    words = _WORD.findall(fold_word(prose(text)))
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def signature(text: str) -> bytes | None:
    """The MinHash of ``text``'s shingles as little-endian uint64 bytes; None for no words."""
    from datasketch import MinHash

    parts = shingles(text)
    if not parts:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    for offset in range(0, len(parts), _CHUNK):
        minhash.update_batch(parts[offset:offset + _CHUNK])
    return minhash.hashvalues.astype("<u8").tobytes()


def to_array(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8")


def jaccard(left: bytes, right: bytes) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(to_array(left) == to_array(right)))
