"""Article text as HTML with its facts marked, built by interval logic over offsets.

Every piece of article text is HTML-escaped; markup comes only from :class:`Mark`. Spans
that overlap without nesting are split: the inner one is closed at the outer one's end and
reopened after it, so the output is always well-formed. Only the first piece of a mark
carries its ``id``, so anchors stay unique.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(slots=True, frozen=True)
class Mark:
    start: int
    end: int
    css: str
    tag: str = "span"
    anchor: str | None = None
    href: str | None = None
    title: str | None = None
    after: str | None = None   # trusted HTML placed right after the mark's last piece
    rank: int = 0              # among marks with equal bounds, lower ranks go outside

    def open(self, first: bool) -> str:
        attrs = [f'class="{escape(self.css)}"']
        if first and self.anchor:
            attrs.append(f'id="{escape(self.anchor)}"')
        if self.href:
            attrs.append(f'href="{escape(self.href)}"')
        if self.title:
            attrs.append(f'title="{escape(self.title)}"')
        return f"<{self.tag} {' '.join(attrs)}>"

    def close(self) -> str:
        return f"</{self.tag}>"


@dataclass(slots=True, frozen=True)
class Block:
    start: int
    end: int
    kind: str   # headline | credit | paragraph


def split_blocks(text: str, headline: tuple[int, int] | None = None,
                 credits: tuple[tuple[int, int], ...] = (),
                 paragraph_starts: frozenset[int] = frozenset()) -> list[Block]:
    """Runs of non-blank lines, in one linear pass.

    Blank lines separate blocks, and so does a line where the layout saw a paragraph begin
    (news feeds often put one paragraph a line, with no blank line between).
    """
    blocks: list[Block] = []
    start = None
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        line = text[position:line_end]
        blank = not line.strip()
        if (not blank and start is not None
                and position + len(line) - len(line.lstrip()) in paragraph_starts):
            blocks.append(_block(text, start, position, headline, credits))
            start = None
        if blank and start is not None:
            blocks.append(_block(text, start, position, headline, credits))
            start = None
        elif not blank and start is None:
            start = position
        if newline < 0:
            break
        position = newline + 1
    if start is not None:
        blocks.append(_block(text, start, length, headline, credits))
    return blocks


def _block(text: str, start: int, end: int, headline, credits) -> Block:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if headline and headline[0] <= start and end <= headline[1]:
        return Block(start, end, "headline")
    if any(c_start <= start and end <= c_end for c_start, c_end in credits):
        return Block(start, end, "credit")
    return Block(start, end, "paragraph")


# One C-level pass instead of a chain of replacements: text pieces are most of the calls.
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>\n"})


def _text(piece: str) -> str:
    return piece.translate(_TEXT_ESCAPES)


def render_block(text: str, block: Block, marks: list[tuple[int, Mark]], opened: set[int],
                 tags: dict[int, str] | None = None) -> str:
    """One block's HTML from the marks that overlap it (with their indexes in ``marks``).

    ``opened`` remembers marks already rendered in earlier blocks.
    """
    inside = marks
    starts: dict[int, list[tuple[int, Mark]]] = {}
    for index, mark in inside:
        starts.setdefault(max(mark.start, block.start), []).append((index, mark))
    bounds = sorted({block.start, block.end}
                    | {max(m.start, block.start) for _, m in inside}
                    | {min(m.end, block.end) for _, m in inside})
    out: list[str] = []
    stack: list[tuple[int, Mark]] = []
    for position, following in zip(bounds, bounds[1:] + [None]):
        _close_ending(stack, position, block, out, tags=tags)
        starting = starts.get(position, ())
        if len(starting) > 1:
            starting = sorted(starting, key=lambda item: (-item[1].end, item[1].rank, item[0]))
        for index, mark in starting:
            first = index not in opened
            out.append(mark.open(first=True) if first else _reopen(tags, index, mark))
            opened.add(index)
            stack.append((index, mark))
        if following is not None:
            out.append(_text(text[position:following]))
    _close_ending(stack, block.end, block, out, everything=True, tags=tags)
    return "".join(out)


def _reopen(tags: dict[int, str] | None, index: int, mark: Mark) -> str:
    """The tag of a mark's later pieces, built once per mark."""
    if tags is None:
        return mark.open(first=False)
    if index not in tags:
        tags[index] = mark.open(first=False)
    return tags[index]


def _close_ending(stack: list[tuple[int, Mark]], position: int, block: Block,
                  out: list[str], everything: bool = False,
                  tags: dict[int, str] | None = None) -> None:
    """Close every mark ending here; marks opened inside them are split and reopened."""
    if not any(everything or min(mark.end, block.end) == position for _, mark in stack):
        return
    reopen: list[tuple[int, Mark]] = []
    while stack and (everything or any(min(m.end, block.end) == position for _, m in stack)):
        index, mark = stack.pop()
        out.append(mark.close())
        ends_here = everything or min(mark.end, block.end) == position
        if ends_here and mark.end == position and mark.after:
            out.append(mark.after)
        if not ends_here:
            reopen.append((index, mark))
    for index, mark in reversed(reopen):
        out.append(_reopen(tags, index, mark))
        stack.append((index, mark))


def _marks_by_block(blocks: list[Block], marks: list[tuple[int, Mark]]):
    """Each block with the marks overlapping it, in one sweep over marks sorted by start."""
    following = 0
    carried: list[tuple[int, Mark]] = []
    for block in blocks:
        while following < len(marks) and marks[following][1].start < block.end:
            carried.append(marks[following])
            following += 1
        inside = [item for item in carried if item[1].end > block.start]
        carried = [item for item in inside if item[1].end > block.end]
        yield block, inside


def highlight(text: str, marks: list[Mark], headline: tuple[int, int] | None = None,
              credits: tuple[tuple[int, int], ...] = (),
              paragraph_starts: frozenset[int] = frozenset()) -> str:
    """The whole text as HTML blocks (``h2`` headline, ``p`` paragraphs) with marks inside."""
    valid = sorted(((index, mark) for index, mark in enumerate(marks)
                    if 0 <= mark.start < mark.end <= len(text)), key=lambda item: item[1].start)
    opened: set[int] = set()
    tags: dict[int, str] = {}
    html = []
    for block, inside in _marks_by_block(split_blocks(text, headline, credits, paragraph_starts),
                                          valid):
        inner = render_block(text, block, inside, opened, tags)
        if block.kind == "headline":
            html.append(f'<h2 class="headline">{inner}</h2>')
        elif block.kind == "credit":
            html.append(f'<p class="credit">{inner}</p>')
        else:
            html.append(f"<p>{inner}</p>")
    return "\n".join(html)
