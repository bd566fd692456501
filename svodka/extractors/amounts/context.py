"""What an amount is about: its clause, the measured thing and the period.

"двусторонний товарооборот в 2024 году приблизился к 50 миллиардам долларов США" →
measure "двусторонний товарооборот" (the subject of the verb governing the amount), period
"2024" (a date in the same clause). "13% импорта нефти" → measure "импорта нефти" (the
genitive phrase right after a percent or a sum). Both read the shared syntax parse.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.record import DateRef

# A clause ends at these tokens; "а", "но" open a new one ("..., а в стране работают ...").
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", "«", "»", '"', "а", "но"})
SUBJECT_RELS = ("nsubj", "nsubj:pass")
MEASURE_MAX_TOKENS = 8


def clause(analysis: Analysis, first: int, stop: int) -> tuple[int, int]:
    """Token range of the clause around tokens ``[first, stop)``."""
    sentence = analysis.sentences[analysis.tokens[first].sent]
    left = first
    while left > sentence.first and analysis.tokens[left - 1].text.lower() not in CLAUSE_BREAKS:
        left -= 1
    right = stop
    while right < sentence.stop and analysis.tokens[right].text.lower() not in CLAUSE_BREAKS:
        right += 1
    return left, right


def period(analysis: Analysis, first: int, stop: int, dates: list[DateRef]) -> str | None:
    """The value of a dated expression in the amount's clause ("в 2024 году" → "2024")."""
    left, right = clause(analysis, first, stop)
    start, end = analysis.tokens[left].start, analysis.tokens[right - 1].end
    for date in dates:
        if start <= date.start and date.end <= end and date.value and date.kind != "duration":
            return date.value
    return None


def _subtree_text(analysis: Analysis, head: int, low: int, high: int, excluded: set[int],
                  stop_at_preposition: bool) -> str | None:
    """The contiguous run of ``head``'s dependents around it, inside ``[low, high)``."""
    def governed(index: int) -> bool:
        steps = 0
        while index != -1 and steps < 10:
            if index == head:
                return True
            index = analysis.tokens[index].head
            steps += 1
        return False

    left = head
    while left - 1 >= low and left - 1 not in excluded and governed(left - 1) \
            and analysis.tokens[left - 1].pos in ("ADJ", "DET", "NUM", "NOUN", "PROPN"):
        left -= 1
    right = head + 1
    while right < high and right not in excluded and governed(right) \
            and right - left < MEASURE_MAX_TOKENS:
        token = analysis.tokens[right]
        if token.pos in ("PUNCT", "NUM") or stop_at_preposition and token.pos == "ADP" or \
                token.pos == "CCONJ" and right + 1 < high and is_number_token(analysis, right + 1):
            break
        right += 1
    first, last = analysis.tokens[left], analysis.tokens[right - 1]
    return analysis.text[first.start:last.end]


def is_number_token(analysis: Analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.pos == "NUM" or token.text[:1].isdecimal()


def _genitive_phrase(analysis: Analysis, stop: int, high: int, excluded: set[int]) -> str | None:
    """ "13% импорта нефти": a genitive noun phrase right after the amount."""
    index = stop
    while index < high and analysis.tokens[index].pos == "ADJ":
        index += 1
    if index >= high or stop >= high:
        return None
    token = analysis.tokens[index]
    if token.pos != "NOUN" or token.feats.get("Case") != "Gen":
        return None
    return _subtree_text(analysis, index, stop, high, excluded, stop_at_preposition=False)


def _subject_phrase(analysis: Analysis, first: int, stop: int, low: int, high: int,
                    excluded: set[int]) -> str | None:
    """The subject of the verb the amount depends on ("товарооборот ... приблизился к ...")."""
    tokens = analysis.tokens
    heads = [i for i in range(first, stop) if not first <= tokens[i].head < stop]
    index = heads[0] if heads else first
    for _ in range(3):
        index = tokens[index].head
        if index == -1:
            return None
        if tokens[index].pos in ("VERB", "AUX"):
            break
    else:
        return None
    subject = next((child for child in analysis.children(index)
                    if tokens[child].rel in SUBJECT_RELS and low <= child < high
                    and tokens[child].pos in ("NOUN", "PROPN") and not first <= child < stop),
                   None)
    if subject is None:
        subject = _nominative_before(analysis, index, low, excluded)
    if subject is None:
        return None
    return _subtree_text(analysis, subject, low, high, excluded | set(range(first, stop)),
                         stop_at_preposition=True)


def _nominative_before(analysis: Analysis, verb: int, low: int, excluded: set[int]) -> int | None:
    """The parser sometimes hangs a subject on the next clause's verb; the nearest nominative
    noun before the verb in this clause is then the subject."""
    for index in range(verb - 1, low - 1, -1):
        token = analysis.tokens[index]
        if index not in excluded and token.pos == "NOUN" and token.feats.get("Case") == "Nom":
            return index
    return None


def measure(analysis: Analysis, first: int, stop: int, kind: str, unit: str | None,
            dates: list[DateRef]) -> str | None:
    """What the amount measures, when its clause says so."""
    if kind in ("count", "share") or unit == "year":
        return None
    low, high = clause(analysis, first, stop)
    excluded = set()
    for date in dates:
        excluded.update(analysis.tokens_between(date.start, date.end))
    return _genitive_phrase(analysis, stop, high, excluded) or \
        _subject_phrase(analysis, first, stop, low, high, excluded)
