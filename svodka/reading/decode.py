"""Bytes to text: UTF-8 (with or without BOM), cp1251 and koi8-r, told apart without guessing blindly.

Russian text in the wrong single-byte codec is still "valid", so the choice between cp1251
and koi8-r is made by letter statistics: real Russian is mostly lowercase Cyrillic with
frequent о/е/а, while the wrong codec produces uppercase soup.
"""
from __future__ import annotations

import codecs

from svodka.errors import InputRejected

# A few invalid bytes in an otherwise UTF-8 file are scraping damage, not another codec.
_MAX_BAD_UTF8_SHARE = 0.01
_MIN_BAD_UTF8_ALLOWED = 8
_MAX_CONTROL_SHARE = 0.05
_FREQUENT_RUSSIAN = set("оеаинтсрвлкмдпу")


def _control_share(text: str, replacements_count: bool = True) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f\v")
              or (replacements_count and ch == "\ufffd"))
    return bad / len(text)


def _russian_score(text: str) -> float:
    letters = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    frequent = sum(1 for ch in letters if ch in _FREQUENT_RUSSIAN)
    lower = sum(1 for ch in letters if ch.islower())
    return (frequent + lower) / (2 * len(letters))


def _count_utf8_errors(data: bytes) -> int:
    errors = 0

    def count(error: UnicodeDecodeError):
        nonlocal errors
        errors += 1
        return ("\ufffd", error.end)

    codecs.register_error("svodka-count", count)
    data.decode("utf-8", errors="svodka-count")
    return errors


def without_nul(text: str) -> str:
    """The text less its NUL characters: PostgreSQL cannot store them and no news needs one."""
    return text.replace("\x00", "") if "\x00" in text else text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputRejected` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return without_nul(data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return without_nul(data.decode("utf-16", errors="replace")), "utf-16"
    if b"\x00" in data[:4096]:
        raise InputRejected("binary", "the input contains NUL bytes: it looks binary, not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        errors = _count_utf8_errors(data)
        if errors <= max(_MIN_BAD_UTF8_ALLOWED, len(data) * _MAX_BAD_UTF8_SHARE) and _looks_like_utf8(data):
            text, encoding = data.decode("utf-8", errors="replace"), "utf-8 (repaired)"
        else:
            text, encoding = _best_single_byte(data)
    # Repaired UTF-8 has passed its own budget of bad bytes; its replacement characters must
    # not make a short text look binary.
    if _control_share(text[:20000], encoding != "utf-8 (repaired)") > _MAX_CONTROL_SHARE:
        raise InputRejected("binary", "the input is mostly control characters: it looks binary, not text")
    return without_nul(text), encoding


def _looks_like_utf8(data: bytes) -> bool:
    # Multi-byte UTF-8 leaders (0xD0/0xD1 for Cyrillic) dominate real UTF-8 Russian.
    high = sum(1 for b in data[:20000] if b >= 0x80)
    leaders = sum(1 for b in data[:20000] if 0xC2 <= b <= 0xF4)
    return high == 0 or leaders * 2.5 >= high * 0.8


def _best_single_byte(data: bytes) -> tuple[str, str]:
    candidates = []
    for encoding in ("cp1251", "koi8-r"):
        text = data.decode(encoding, errors="replace")
        candidates.append((_russian_score(text[:20000]), encoding, text))
    score, encoding, text = max(candidates)
    return text, encoding
