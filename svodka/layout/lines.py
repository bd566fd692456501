"""Lines that are one sentence: the line breaks a scraped dump puts where the page had a link.

Russia Today's dumps cut a sentence at every link, so one sentence arrives as several lines:
``«…слов» — ⏎приводит⏎ слова Шумера издание Politico.`` Read line by line, the cue is cut from
its quote, names are split and subjects lost. The layout joins such lines into one paragraph
region (which then holds a newline inside); the language pass reads the newline as a space.

A break joins when the line before it does not end a sentence (no final ``. ! ? …``, no colon
or semicolon)
and one of ``JOIN_RULES`` (named, pure, tried in order) says the two lines are one sentence.
Headlines, subheadings, list items, captions and verse end without punctuation too, but the
next line opens with a capital, a dash or a number and no link edge, so none of the rules fires.
"""
from __future__ import annotations

from collections.abc import Callable

from svodka.data import load_set
from svodka.text import CLOSING_QUOTES, DASHES, OPENING_QUOTES

__all__ = ["JOIN_RULES", "join_rule", "line_joins", "sentence_lines", "verse_lines"]

# A colon opens a block or a list of its own; a semicolon ends a list item.
_SENTENCE_END = ".!?…:;"
# The next line opens with the punctuation that goes on with the sentence before it.
_CONTINUING_PUNCT = ",;:.?!)…" + CLOSING_QUOTES
# A closing fragment ("Politico.", "Дональд Трамп.") and a link's words are short.
_FRAGMENT_WORDS = 3
# Verse: at least this many short lines in a row, most of them opening with a capital (a
# sentence the dump cut at links runs over short lines too, but they open lowercase).
_VERSE_LINES = 4
_VERSE_LINE_WORDS = 8
# A joined paragraph stops growing here: a sentence is far shorter, and a page of thousands of
# unpunctuated lines (a table, a dump of tags) must not become one region for the taggers.
_MAX_PARAGRAPH_CHARS = 5000
# A subheading is short ("Вне зоны торговли", "Заявки Дзюбы и Ионова на место в сборной"); a
# line opening with a capital and longer than this is no subheading.
_SUBHEADING_WORDS = 8


def _open_words() -> frozenset[str]:
    """Prepositions and conjunctions no sentence ends with ("заявил в", "сообщил, что")."""
    return load_set("line_open_words.txt")


def lowercase_next(before: str, gap: str, after: str) -> bool:
    """"…заявил ⏎в понедельник …": the next line opens with a lowercase word."""
    return after[:1].islower()


def punctuation_next(before: str, gap: str, after: str) -> bool:
    """"Порошенко боится⏎, суд подыгрывает»", "…на Мальдивах⏎. По словам защиты": the next
    line opens with the comma, period or closing mark of the sentence before."""
    return after[:1] in _CONTINUING_PUNCT and not after.startswith("...")


def dash_cue_next(before: str, gap: str, after: str) -> bool:
    """"«…» ⏎— приводит слова …": a dash and a lowercase word go on with the quote the line
    before closed (a list item's dash follows no closing mark)."""
    return before[-1:] in CLOSING_QUOTES + "," and after[:1] in DASHES \
        and after[1:].lstrip()[:1].islower()


def link_edge(before: str, gap: str, after: str) -> bool:
    """"Главный редактор RT ⏎Маргарита Симоньян отреагировала", "…военной операции ⏎Израиля":
    a space on either side of the newline is where a link's text was cut out of its sentence,
    when the next line is too short to stand alone, or the line before is itself such a piece
    (it opens lowercase). A line of its own that opens with a capital may be a linked headline
    or a caption with a trailing space ("Спасаясь от бомб западной коалиции и террористов:
    жители Мосула бегут из города ⏎С начала операции …"), and a long line opening with a mark
    a quote's own paragraph."""
    if gap == "\n" or not before[-1:].isalnum() or after[:1] in DASHES:
        return False
    if len(after.split()) <= _FRAGMENT_WORDS:
        return True
    return not before[:1].isupper() and after[:1] not in OPENING_QUOTES


def open_end(before: str, gap: str, after: str) -> bool:
    """"…сообщил, что⏎Россия …", "…по словам⏎Шумера …": the line stops on an opening bracket
    or mark, or a preposition or conjunction, where no sentence ends (a comma or a dash ends
    many a verse line before a capital, so those join only a lowercase next line)."""
    if after[:1] in DASHES:
        return False
    if before[-1:] in "(" + OPENING_QUOTES:
        return True
    words = before.split()
    return bool(words) and words[-1] in _open_words()     # "Группа С" is no "с"


def closing_fragment(before: str, gap: str, after: str) -> bool:
    """"…слова Шумера издание⏎Politico.": a short piece that ends the sentence the line before
    left open (a subheading ends without a period, a closing fragment with one)."""
    return before[-1:].isalnum() and len(after.split()) <= _FRAGMENT_WORDS \
        and after[-1:] in ".!?…" and not after[:1] in DASHES and not after[:1].isdigit()


JOIN_RULES: list[Callable[[str, str, str], bool]] = [
    lowercase_next, punctuation_next, dash_cue_next, link_edge, open_end, closing_fragment,
]


def join_rule(before: str, gap: str, after: str) -> str | None:
    """The rule that reads the stripped lines ``before`` and ``after`` (``gap`` is what lies
    between them: one newline and maybe spaces) as one sentence, or None."""
    if not before or not after or gap.count("\n") != 1 or before[-1] in _SENTENCE_END \
            or before.endswith(("...", "?»", "!»", ".»", "…»")):
        return None
    for rule in JOIN_RULES:
        if rule(before, gap, after):
            return rule.__name__
    return None


def verse_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indices of the lines of a poem (``_VERSE_LINES`` or more short lines in a row, most
    opening with a capital): a verse line stays a line even where its sentence runs on."""
    verse: set[int] = set()
    run: list[int] = []
    for index, (start, end) in enumerate(lines + [(len(text), len(text))]):
        short = end > start and len(text[start:end].split()) <= _VERSE_LINE_WORDS and (
            not run or text[lines[run[-1]][1]:start].count("\n") == 1)
        if short:
            run.append(index)
            continue
        capitals = sum(text[lines[i][0]].isupper() for i in run)
        if len(run) >= _VERSE_LINES and capitals * 2 > len(run):
            verse.update(run)
        run = [index] if end > start and len(text[start:end].split()) <= _VERSE_LINE_WORDS else []
    return verse


def line_joins(text: str, lines: list[tuple[int, int]]) -> list[str | None]:
    """For each break between ``lines[i]`` and ``lines[i + 1]`` (trimmed ``(start, end)`` body
    lines in order), the rule that joins them into one sentence, or None. Only lines with
    nothing but whitespace between them join, so a credit or caption between two lines keeps
    them apart, and verse lines never join. Each rule reads the two lines alone, so a run of
    many joined lines costs linear time."""
    verse = verse_lines(text, lines)
    joins: list[str | None] = []
    paragraph_start = lines[0][0] if lines else 0
    for index in range(1, len(lines)):
        (previous_start, previous_end), (start, end) = lines[index - 1], lines[index]
        gap = text[previous_end:start]
        rule = None
        if index not in verse and index - 1 not in verse and not gap.strip() \
                and end - paragraph_start <= _MAX_PARAGRAPH_CHARS:
            rule = join_rule(text[previous_start:previous_end], gap, text[start:end])
        joins.append(rule)
        if rule is None:
            paragraph_start = start
    return _link_pieces(text, lines, joins, verse)


def _link_pieces(text: str, lines: list[tuple[int, int]], joins: list[str | None],
                 verse: set[int]) -> list[str | None]:
    """A line between a link edge and a lowercase or punctuation continuation is a piece of the
    sentence whatever its length or capital: "…губернатор штата Южная Каролина ⏎Никки Хейлей
    сменит Саманту Пауэр⏎ на посту посла США в ООН", "…и никакого ⏎«своего неба» в Сирии у
    Соединённых Штатов нет⏎ и быть не может." A short line with a capital before it is taken
    for a subheading ("Вне зоны торговли ⏎Кроме выхода из …⏎ Транстихоокеанского …")."""
    for index in range(len(joins) - 1):
        if joins[index] is not None or joins[index + 1] not in ("lowercase_next",
                                                                  "punctuation_next"):
            continue
        (previous_start, previous_end), (start, end) = lines[index], lines[index + 1]
        gap = text[previous_end:start]
        previous = text[previous_start:previous_end]
        subheading = previous[:1].isupper() and len(previous.split()) <= _SUBHEADING_WORDS
        if index not in verse and not subheading and gap.count("\n") == 1 and gap != "\n" and not gap.strip() \
                and text[previous_end - 1].isalnum() and text[start] not in DASHES \
                and lines[index + 2][1] - lines[index][0] <= _MAX_PARAGRAPH_CHARS:
            joins[index] = "link_piece"
    return joins


def sentence_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``lines`` with the consecutive lines that are one sentence joined into one span."""
    joined = lines[:1]
    for (start, end), rule in zip(lines[1:], line_joins(text, lines)):
        if rule:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
