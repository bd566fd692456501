"""Dialogue turns: paragraphs a dash opens, as a transcript, an interview or a narrated talk lays
them out (``- Что это? ⏎- Пивко. А ты не пьёшь?``).

Nothing here reads language: a turn is a paragraph that opens with a speech dash followed by a
capital letter or an opening quote mark. A dash-opened list item opens lowercase or with a digit
(``- повысить зарплаты;``, ``— 15%``), so it is no turn. Whether a turn is a quote (its own cue,
a colon cue that introduces the talk) is the quote extractor's business
(``svodka.extractors.quotes.dialogue``).
"""
from __future__ import annotations

from svodka.text import OPENING_QUOTES, SPEECH_DASHES

__all__ = ["opens_turn", "turn_runs"]


def opens_turn(paragraph: str) -> bool:
    """``— Видимость какая?``, ``- Да.``, ``— «Спартак» сыграл хорошо?``: a dash, then a capital
    letter or an opening mark."""
    stripped = paragraph.lstrip()
    if not stripped or stripped[0] not in SPEECH_DASHES:
        return False
    rest = stripped.lstrip(SPEECH_DASHES).lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0] in OPENING_QUOTES)


def turn_runs(paragraphs: list[str]) -> list[range]:
    """The runs of consecutive turns, as ranges of paragraph indexes (a run of one included)."""
    runs: list[range] = []
    start = None
    for index, paragraph in enumerate([*paragraphs, ""]):     # "" closes the last run
        if opens_turn(paragraph):
            if start is None:
                start = index
        elif start is not None:
            runs.append(range(start, index))
            start = None
    return runs
