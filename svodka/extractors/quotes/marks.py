"""Quotation marks paired into segments, one paragraph (region) at a time.

Only top-level pairs become segments: in «… «Газпром» …» the inner pair is part of the
outer one. A closing mark with no opening one («…», — отметил Х without the «) gives a
segment from the paragraph start; an opening mark never closed gives one to the paragraph
end (a quote continued in the next paragraph). A mark followed by ", —" closes every open
quote: Russian typography writes «… «Стрелка», — сказал Х with one mark for two. One pass over the marks, a bounded look into
the stack: linear time whatever the balance of the marks.

An editor's note inside a quote («… в регионе (занятых. — RT) …») reaches the RT dump with
the outlet's link on a line of its own: "… (занятых. — ⏎RT⏎), — говорит Х. — …". Such a note
line does not end the quote: the marks still open before it stay open on the line after the
note, whose segment starts at that line's ")" (``after_note``). The quote's pieces stay one
per line, the note left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from svodka.layout import Region
from svodka.text import DASHES, INVISIBLE, QUOTE_MARKS

_MARK = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
_OPENING_CONTEXT = set("([{«„“/:'") | set(DASHES)
_CLOSING_CONTEXT = set(".,;:!?)]}…»") | set(DASHES)
# How deep a closing mark looks for its opening one; deeper opens stay unmatched.
_STACK_LOOKUP = 4
# «… по карте «Стрелка», – отметил Х: one mark closes the inner quote and the outer one
# (soft hyphens and zero-width marks the page left after the mark are not there for a reader)
_ATTRIBUTION_AFTER = re.compile(f"[{INVISIBLE}]*" + r",\s*[—–-]\s")

# «… группировки «Джабхат ан-Нусра»*. «Согласно …: a mark ending a sentence that a new quote
# follows (a footnote star between)
_NEW_QUOTE_AFTER = re.compile(r"[*\s]*[.!?…]+\s+«")

# a line holding only an editor's note signature: "RT", "— RT", ". — RT" (at most three words)
_NOTE_LINE = re.compile(r"\s*(?:\.\s*)?(?:[—–-]\s*)?[\w«»\"'.-]+(?:\s[\w«»\"'.-]+){0,2}\s*")
_NOTE_LINE_CHARS = 30

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
    after_note: bool = False    # continues the quote open before an editor's note line


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


def _shared_before_new_quote(text: str, pos: int, r_end: int, stack: list,
                             closers_left: int) -> bool:
    """«A «B». «C …: the mark after B closes A too (one mark for two, as before ", —"), when a
    new quote opens the next sentence and the rest of the paragraph could not close A anyway
    (in «A «B». «C» D» the last mark is A's). ``closers_left``: » minus « after ``pos``."""
    return bool(_NEW_QUOTE_AFTER.match(text, pos + 1, r_end)) and closers_left < len(stack)


def region_segments(text: str, r_start: int, r_end: int, region: int,
                    carried: list[tuple[str, int]] | None = None
                    ) -> tuple[list[Segment], list[tuple[str, int]]]:
    """The region's top-level segments, and the marks left open at its end. ``carried``: the
    marks open before an editor's note line, resumed at this region's start (its ")")."""
    segments: list[Segment] = []
    stack: list[tuple[str, int]] = [(carried[0][0], r_start)] if carried else []
    # » minus « still ahead, kept as the marks go by: one pass, whatever the marks' balance
    closers_left = text.count("»", r_start, r_end) - text.count("«", r_start, r_end)
    for match in _MARK.finditer(text, r_start, r_end):
        pos = match.start()
        closers_left += {"«": 1, "»": -1}.get(text[pos], 0)
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
        if stack and (_ATTRIBUTION_AFTER.match(text, pos + 1, r_end)
                      or _shared_before_new_quote(text, pos, r_end, stack, closers_left)):
            opener = stack[0][1]
            stack.clear()
        if not stack:
            segments.append(Segment(opener, pos + 1, opener + 1, pos, region, True, True,
                                    after_note=bool(carried) and opener == r_start))
    if stack:
        opener = stack[0][1]
        segments.append(Segment(opener, r_end, opener + 1, r_end, region, True, False,
                                after_note=bool(carried) and opener == r_start))
    return segments, stack


def note_breaks(text: str, regions: list[Region]) -> dict[int, int]:
    """Regions that resume a line after an editor's note signature: "… (в регионе. — ⏎RT⏎)
    …" — the line before leaves a "(" open, this one starts with its ")", and the signature
    between (outside any region, or a region of its own) is at most three words, with a dash
    ending the line before or opening the signature. Maps each to the region before the note."""
    found: dict[int, int] = {}
    for index in range(1, len(regions)):
        if not text[regions[index].start:regions[index].end].lstrip().startswith(")"):
            continue
        before = index - 1
        note = text[regions[before].end:regions[index].start]
        if not note.strip() and before > 0:     # the signature is a region of its own
            note = text[regions[before - 1].end:regions[index].start]
            before -= 1
        line = text[regions[before].start:regions[before].end].rstrip()
        if not note.strip() or len(note.strip()) > _NOTE_LINE_CHARS \
                or not _NOTE_LINE.fullmatch(note):
            continue
        dashed = line[-1:] in DASHES or note.lstrip(" .\n")[:1] in DASHES
        if dashed and line.rfind("(") > line.rfind(")"):
            found[index] = before
    return found


def find_segments(text: str, regions: list[Region]) -> list[Segment]:
    segments: list[Segment] = []
    resumed = note_breaks(text, regions)
    notes = {i for after, before in resumed.items() for i in range(before + 1, after)}
    open_marks: dict[int, list[tuple[str, int]]] = {}
    for index, region in enumerate(regions):
        if index in notes:
            continue
        carried = open_marks.get(resumed[index]) if index in resumed else None
        found, open_marks[index] = region_segments(text, region.start, region.end, index,
                                                   carried)
        segments.extend(found)
    return segments
