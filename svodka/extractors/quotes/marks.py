"""Quotation marks paired into segments, one paragraph (region) at a time.

Only top-level pairs become segments: in «… «Газпром» …» the inner pair is part of the
outer one. A closing mark with no opening one («…», — отметил Х without the «) gives a
segment from the paragraph start; an opening mark never closed gives one to the paragraph
end (a quote continued in the next paragraph). A mark followed by ", —" closes every open
quote: Russian typography writes «… «Стрелка», — сказал Х with one mark for two. One pass over the marks, a bounded look into
the stack: linear time whatever the balance of the marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from svodka.layout import Region
from svodka.text import DASHES, QUOTE_MARKS

_MARK = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
_OPENING_CONTEXT = set("([{«„“/:'") | set(DASHES)
_CLOSING_CONTEXT = set(".,;:!?)]}…»") | set(DASHES)
# How deep a closing mark looks for its opening one; deeper opens stay unmatched.
_STACK_LOOKUP = 4
# «… по карте «Стрелка», – отметил Х: one mark closes the inner quote and the outer one
_ATTRIBUTION_AFTER = re.compile(r",\s*[—–-]\s")

# kind of an opening mark -> the marks that close it
_CLOSERS = {"angle": "»", "curly": "”", "low": "“”", "straight": '"'}


@dataclass(slots=True)
class Segment:
    start: int          # offset of the opening mark, or the region start when it is missing
    end: int            # offset after the closing mark, or the region end when it is missing
    inner_start: int    # the quoted text, marks excluded
    inner_end: int
    region: int
    opened: bool
    closed: bool


def _straight_role(text: str, pos: int, r_start: int, r_end: int, top: str | None) -> str:
    before = text[pos - 1] if pos > r_start else " "
    after = text[pos + 1] if pos + 1 < r_end else " "
    opens = before.isspace() or before in _OPENING_CONTEXT
    closes = after.isspace() or after in _CLOSING_CONTEXT
    if opens != closes:
        return "open" if opens else "close"
    return "close" if top == "straight" else "open"


def _role(text: str, pos: int, r_start: int, r_end: int, stack: list) -> tuple[str, str]:
    """("open", kind) or ("close", mark) for the mark at ``pos``."""
    mark = text[pos]
    top = stack[-1][0] if stack else None
    if mark == "«":
        return "open", "angle"
    if mark == "„":
        return "open", "low"
    if mark == "“":
        return ("close", mark) if top == "low" else ("open", "curly")
    if mark == '"':
        role = _straight_role(text, pos, r_start, r_end, top)
        return (role, "straight") if role == "open" else (role, mark)
    return "close", mark


def _find_opener(stack: list, mark: str) -> int | None:
    for depth in range(1, min(len(stack), _STACK_LOOKUP) + 1):
        if mark in _CLOSERS[stack[-depth][0]]:
            return len(stack) - depth
    return None


def region_segments(text: str, r_start: int, r_end: int, region: int) -> list[Segment]:
    segments: list[Segment] = []
    stack: list[tuple[str, int]] = []
    for match in _MARK.finditer(text, r_start, r_end):
        pos = match.start()
        role, what = _role(text, pos, r_start, r_end, stack)
        if role == "open":
            stack.append((what, pos))
            continue
        found = _find_opener(stack, what)
        if found is None:
            if not stack:
                segments.append(Segment(r_start, pos + 1, r_start, pos, region, False, True))
            continue
        opener = stack[found][1]
        del stack[found:]
        if stack and _ATTRIBUTION_AFTER.match(text, pos + 1, r_end):
            opener = stack[0][1]
            stack.clear()
        if not stack:
            segments.append(Segment(opener, pos + 1, opener + 1, pos, region, True, True))
    if stack:
        opener = stack[0][1]
        segments.append(Segment(opener, r_end, opener + 1, r_end, region, True, False))
    return segments


def find_segments(text: str, regions: list[Region]) -> list[Segment]:
    segments: list[Segment] = []
    for index, region in enumerate(regions):
        segments.extend(region_segments(text, region.start, region.end, index))
    return segments
