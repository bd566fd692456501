"""Duration rules: "два года", "в течение трех месяцев", "1 год 6 месяцев", "15-летний опыт".

A number of years next to a person is an age, which is an amount, not a date: the rules
leave "ему 27 лет", "в возрасте 66 лет", "66-летний мужчина" to the amounts extractor.
"""
from __future__ import annotations

from svodka.extractors.dates import values
from svodka.extractors.dates.values import Found
from svodka.extractors.dates.rules import Cursor
from svodka.extractors.numbers import read_number, split_compound

SPAN_STEMS = (("летн", "Y"), ("месячн", "M"), ("недельн", "W"), ("дневн", "D"))
# prepositions after which a bare unit is a duration: "через год", but not "раз в год"
SPAN_PREFIXES = ("за", "через", "спустя", "в течение", "на протяжении")
# words right before "N лет" that make it an age: "ему 27 лет", "исполнилось 50 лет"
AGE_BEFORE = frozenset({"возрасте", "возраст", "возраста", "ему", "ей", "им", "которому",
                        "которой", "которым", "исполнилось", "исполнится", "исполнился",
                        "исполняется", "исполнилась", "младше", "старше", "моложе", "лет",
                        "было", "будет"})
AGE_AFTER = frozenset({"от", "роду", "жизни"})
# "в 19 лет вступил в партию", "работал с 14 лет": at an age, not for a span of time
AGE_PREPOSITIONS = frozenset({"в", "во", "с", "со"})
# words that may stand between an age cue and the age: "ему было всего пять лет"
AGE_PARTICLES = frozenset({"всего", "уже", "лишь", "только", "бы", "почти", "едва", "ещё",
                           "еще"})
YEAR_WORDS = frozenset({"года", "лет", "год"})
RANGE_ENDS = frozenset({"до", "по"})
PERIOD_NOUNS = frozenset({"раз", "срок"})
AGO = {"назад": "назад", "тому назад": "тому назад"}
SEVERAL = frozenset({"несколько"})
SPAN_ADJECTIVES = frozenset({"последний", "ближайший", "прошедший", "минувший", "следующий",
                             "первый"})


def span_adjective(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "15-летний опыт", "пятилетний срок": a duration unless it describes a person."""
    compound = split_compound(c.low(i), c.analysis.models.morph_vocab) if c.low(i) else None
    unit = next((code for stem, code in SPAN_STEMS if compound and compound[1].startswith(stem)),
                None)
    if unit is None or unit == "Y" and (_describes_person(c, i + 1) or _is_anniversary(c, i + 1)):
        return None
    return Found(i + 1, "duration", values.period(compound[0], unit), "span_adjective")


def _describes_person(c: Cursor, i: int) -> bool:
    morph = c.analysis.models.morph_vocab
    while i < c.stop and c.analysis.tokens[i].pos == "ADJ" and i < c.stop - 1:
        i += 1                         # "десятилетних научных исследований"
    token = c.analysis.tokens[i] if i < c.stop else None
    if token is None or token.pos not in ("NOUN", "PROPN"):
        return True                    # "66-летний скончался": the noun is elided
    return token.pos == "PROPN" or any("anim" in parse.tag for parse in morph.parse(token.text))


def _duration_part(c: Cursor, at: int, prefix: str) -> tuple[float | int | None, str, int] | None:
    """One "number + unit" of a duration: (amount, ISO designator, index after)."""
    if c.low(at) in ("полгода", "полугода"):
        return 0.5, "Y", at + 1
    if c.lemma_in(at, SEVERAL) and c.word(at + 1, "unit"):
        return None, c.word(at + 1, "unit"), at + 2
    if c.word(at, "unit") and (prefix in SPAN_PREFIXES or c.low(at + 1) in AGO):
        return 1, c.word(at, "unit"), at + 1
    number = read_number(c.analysis, at, c.stop) if at < c.stop else None
    if number is None or number.to is not None or number.multiplier or number.value > 1000:
        return None
    if not number.digits and number.value == 1 and not prefix:
        return None                    # «Один день Ивана Денисовича»
    unit = c.word(number.stop, "unit")
    return (number.value, unit, number.stop + 1) if unit else None


def duration(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "два года", "в течение трех месяцев", "1 год 6 месяцев"; with "назад", a date."""
    at = i + 1 if c.lemma_in(i, SPAN_ADJECTIVES) else i   # "за последние 10 лет"
    part = _duration_part(c, at, prefix)
    if part is None:
        return None
    amount, unit, end = part
    parts = [(amount, unit)]
    while amount is not None:          # "3 года и 8 месяцев"
        joint = end + 1 if c.low(end) == "и" else end
        more = _duration_part(c, joint, "") if joint < c.stop else None
        if more is None or more[0] is None or more[1] == parts[-1][1]:
            break
        parts.append(more[:2])
        end = more[2]
    ago = AGO.get(c.low(end)) or AGO.get(f"{c.low(end)} {c.low(end + 1)}")
    if ago:
        exact = len(parts) == 1 and amount is not None and float(amount).is_integer()
        value = values.shifted(c.published, unit, -amount) if exact else None
        return Found(end + len(ago.split()), "relative", value, "ago")
    if _is_age(c, i, end, prefix) or _is_anniversary(c, end):
        return None
    return Found(end, "duration", values.period_of(parts), "duration")


def _is_age(c: Cursor, i: int, end: int, prefix: str) -> bool:
    """ "в возрасте 66 лет", "ему было 27 лет", "Келли 52 года", "в 24 года" are ages
    (amounts), not dates."""
    in_years = c.low(end - 1) in YEAR_WORDS
    if in_years and c.low(i - 1) in AGE_PREPOSITIONS and c.low(end) not in RANGE_ENDS \
            and c.lemma_in(i - 2, PERIOD_NOUNS) is None:
        return True                    # but "раз в два года", "срок в пять лет", "с 4 лет до 1"
    before = c.first <= i - 1 and c.analysis.tokens[i - 1]
    if before and (before.pos == "PROPN" or before.pos == "NOUN" and
                   before.feats.get("Case") == "Dat" and in_years):
        return True
    if c.low(i - 1) == "(" and c.low(end) == ")":
        return True                    # "родился в 1967 году (51 год)"
    cue = i - 1
    while c.first < cue and c.low(cue) in AGE_PARTICLES:
        cue -= 1                       # "ему было всего пять лет", "исполнилось бы 125 лет"
    return c.low(cue) in AGE_BEFORE or c.low(end) in AGE_AFTER


def _is_anniversary(c: Cursor, i: int) -> bool:
    return c.word(i, "anniversary") is not None
