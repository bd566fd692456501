"""Duration rules: "два года", "в течение трех месяцев", "1 год 6 месяцев", "15-летний опыт".

A number of years next to a person is an age, which is an amount, not a date: the rules
leave "ему 27 лет", "в возрасте 66 лет", "66-летний мужчина" to the amounts extractor.
"""
from __future__ import annotations

from svodka.extractors.dates import values
from svodka.extractors.dates.values import (Found, after_phrases, date_words, group_lemmas,
                                            qualifier_phrases, several_lemmas)
from svodka.extractors.dates.rules import Cursor
from svodka.extractors.numbers import (FRACTION_NOUNS, lemma_of, number_word, read_number,
                                      split_compound)

UNIT_ORDER = "YMWD"
PLURALIA = frozenset({"сутки"})          # plural in form, one day in "за сутки"
SPAN_STEMS = (("летн", "Y"), ("месячн", "M"), ("недельн", "W"), ("дневн", "D"))
# prepositions after which a bare unit is a duration: "через год", "еще на год", "каждый день",
# but not "раз в год"
SPAN_PREFIXES = ("за", "через", "спустя", "в течение", "в течении", "на протяжении", "на",
                 "по истечении", "каждый", "каждые", "каждую", "каждое")
# words right before "N лет" that make it an age: "ему 27 лет", "исполнилось 50 лет"
AGE_BEFORE = frozenset({"возрасте", "возраст", "возраста", "ему", "ей", "им", "мне", "тебе",
                        "вам", "нам", "которому",
                        "которой", "которым", "исполнилось", "исполнится", "исполнился",
                        "исполняется", "исполнилась", "младше", "старше", "моложе", "лет",
                        "было", "будет", "исполниться", "исполнилось", "исполнялось"})
# "дожил до 90 лет" is an age, "не дожив двух дней до юбилея" a duration
AGE_BEFORE_YEARS = frozenset({"дожил", "дожила", "дожили", "дожить", "дожив", "доживший",
                              "дожившая"})
# "от роду", "на несколько месяцев старше своего коллеги"
AGE_AFTER = frozenset({"от", "роду", "жизни", "старше", "младше", "моложе"})
# "в 19 лет вступил в партию", "работал с 14 лет": at an age, not for a span of time
AGE_PREPOSITIONS = frozenset({"в", "во", "с", "со"})
# words that may stand between an age cue and the age: "ему было всего пять лет"
AGE_PARTICLES = frozenset({"всего", "уже", "лишь", "только", "бы", "почти", "едва", "ещё",
                           "еще", "сейчас", "тогда", "примерно", "около", "приблизительно", "был",
                           "была", "бы", "не"})
YEAR_WORDS = frozenset({"года", "лет", "год"})
RANGE_ENDS = frozenset({"до", "по"})
PERIOD_NOUNS = frozenset({"раз", "срок"})
AGO = {"назад": "назад", "тому назад": "тому назад"}
# "пенсионный возраст повысится до 65 лет": an age named earlier in the sentence
AGE_NOUN = frozenset({"возраст"})
AGE_NOUN_WINDOW = 12
SPAN_ADJECTIVES = frozenset({"последний", "ближайший", "прошедший", "минувший", "следующий",
                             "первый"})


def span_adjective(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "15-летний опыт", "пятилетний срок": a duration unless it describes a person."""
    compound = split_compound(c.low(i), c.analysis.morph) if c.low(i) else None
    unit = next((code for stem, code in SPAN_STEMS if compound and compound[1].startswith(stem)),
                None)
    if unit is None or unit == "Y" and (_describes_person(c, i + 1) or _is_anniversary(c, i + 1)):
        return None
    return Found(i + 1, "duration", values.period(compound[0], unit), "span_adjective")


def _describes_person(c: Cursor, i: int) -> bool:
    morph = c.analysis.morph
    while i < c.stop and c.analysis.tokens[i].pos == "ADJ" and i < c.stop - 1:
        i += 1                         # "десятилетних научных исследований"
    token = c.analysis.tokens[i] if i < c.stop else None
    if token is None or token.pos not in ("NOUN", "PROPN"):
        return True                    # "66-летний скончался": the noun is elided
    if c.lemma_in(i, AGE_NOUN):
        return True                    # "не достигшие 27-летнего возраста"
    return token.pos == "PROPN" or any("anim" in parse.tag for parse in morph.parse(token.text))


def _fraction_of_unit(c: Cursor, at: int) -> int | None:
    """The denominator of a fraction noun before a time unit ("четверть века"), or None."""
    if at + 1 >= c.stop or c.analysis.tokens[at].pos != "NOUN" or _unit(c, at + 1) is None:
        return None
    return FRACTION_NOUNS.get(lemma_of(c.low(at), frozenset(FRACTION_NOUNS), c.analysis.morph))


def _unit(c: Cursor, i: int) -> tuple[int, str] | None:
    """The length and ISO designator of the time unit at ``i`` ("десятилетий" → (10, "Y"))."""
    code = c.word(i, "unit")
    return values.unit_length(code) if code else None


def _qualified(c: Cursor, at: int) -> bool:
    """Whether a qualifier ends right before ``at`` ("больше недели", "около года")."""
    return any(all(c.low(at - len(words) + k) == word for k, word in enumerate(words))
               for words in qualifier_phrases().get(c.low(at - 1), ()))


def _after_at(c: Cursor, at: int, prefix: str) -> int:
    """Tokens of a word like "спустя" after a duration ("годом позже"), or 0; "до этого"
    counts only after "за" ("за день до этого")."""
    for words in after_phrases().get(c.low(at), ()):
        if all(c.low(at + k) == word for k, word in enumerate(words)):
            if (words[0] == "до") == (prefix == "за"):
                return len(words)
    return 0


def _duration_part(c: Cursor, at: int, prefix: str) -> tuple[float | int | None, str, int] | None:
    """One "number + unit" of a duration: (amount, ISO designator, index after)."""
    half = date_words("half").get(c.low(at))
    if half:
        length = values.unit_length(half)
        return length[0], length[1], at + 1
    denominator = _fraction_of_unit(c, at)
    if denominator:                    # "четверть века назад": 25 years
        length, code = _unit(c, at + 1)
        if length % denominator:
            return None                # "треть века": no whole number of years
        return length // denominator, code, at + 2
    if c.lemma_in(at, several_lemmas()) and _unit(c, at + 1):
        return None, _unit(c, at + 1)[1], at + 2
    unit = _unit(c, at) if lemma_of(c.low(at), group_lemmas("unit"), c.analysis.morph,
                                    likeliest=True) else None   # "дело" is no "день"
    if unit and prefix == "на" and c.analysis.tokens[at].feats.get("Case") == "Loc":
        unit = None                    # "на Неделе моды", "на этой неделе" (anchored)
    if unit and _counted(c, at):
        return None                    # "40 тыс. лет назад": the number's unit, no bare one
    if unit and (prefix in SPAN_PREFIXES or c.low(at + 1) in AGO or _qualified(c, at)
                 or _after_at(c, at + 1, prefix)):
        plural = c.analysis.tokens[at].feats.get("Number") == "Plur" and \
            c.lemma_in(at, PLURALIA) is None
        return (None if plural else unit[0]), unit[1], at + 1   # "в последние месяцы"
    number = read_number(c.analysis, at, c.stop) if at < c.stop else None
    if number is None or number.multiplier or number.value > 1000:
        return None
    if not number.digits and number.value == 1 and not prefix:
        return None                    # «Один день Ивана Денисовича»
    at, more = number.stop, False
    if c.low(at) == "с" and c.low(at + 1) == "лишним":
        at, more = at + 2, True        # "20 с лишним лет": more than P20Y
    elif c.lemma_in(at, SPAN_ADJECTIVES) and _unit(c, at + 1):
        at += 1                        # "в течение десяти последних лет"
    unit = _unit(c, at)
    if unit is None:
        return None
    if number.to is not None:          # "в течение 45-60 дней": no single ISO value
        return (None, unit[1], at + 1) if number.to > number.value else None
    return (None if more else number.value * unit[0]), unit[1], at + 1


def duration_range(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "от 5 до 10 лет" (a term); "девочки от 13 до 16 лет" is an age range, an amount."""
    if c.low(i) != "от":
        return None
    lower = read_number(c.analysis, i + 1, c.stop)
    if lower is None or lower.to is not None or c.low(lower.stop) not in RANGE_ENDS:
        return None
    upper = read_number(c.analysis, lower.stop + 1, c.stop)
    unit = _unit(c, upper.stop) if upper and upper.to is None else None
    if unit is None or upper.value <= lower.value:
        return None
    end = upper.stop + 1
    if _is_age(c, i, end, ""):
        return None
    return Found(end, "duration", None, "duration_range")


def _counted(c: Cursor, at: int) -> bool:
    """"жили 40 тыс. лет назад", "9–10 тыс. лет назад": a unit right after a number or its
    multiplier is counted by it. A number with a multiplier is the amounts' (years by the
    thousand are no calendar date), and a counted unit is never a bare one ("лет назад")."""
    before = at - 1
    if c.low(before) == "." and before > c.first:
        before -= 1                    # the abbreviation's dot of "тыс."
    word = c.low(before)
    return word[:1].isdecimal() or (word.isalpha() and
                                    number_word(word, c.analysis.morph) is not None)


def duration(c: Cursor, i: int, prefix: str) -> Found | None:
    """ "два года", "в течение трех месяцев", "1 год 6 месяцев"; with "назад", a date."""
    at = i + 1 if c.lemma_in(i, SPAN_ADJECTIVES) else i   # "за последние 10 лет"
    part = _duration_part(c, at, prefix)
    if part is None:
        return None
    amount, unit, end = part
    if c.low(i - 1) in RANGE_ENDS and _range_lower_before(c, i - 1):
        return None                    # "от 25 до 80 лет": duration_range read it, or it is an age
    parts = [(amount, unit)]
    while amount is not None:          # "3 года и 8 месяцев"
        joint = end + 1 if c.low(end) == "и" else end
        more = _duration_part(c, joint, "") if joint < c.stop else None
        if more is None or more[0] is None or \
                UNIT_ORDER.index(more[1]) <= UNIT_ORDER.index(parts[-1][1]):
            break                      # "1 год 6 месяцев и 1 год 5 месяцев" are two
        parts.append(more[:2])
        end = more[2]
    ago = AGO.get(c.low(end)) or AGO.get(f"{c.low(end)} {c.low(end + 1)}")
    if ago:
        exact = len(parts) == 1 and amount is not None and float(amount).is_integer()
        value = values.shifted(c.published, unit, -amount) if exact else None
        return Found(end + len(ago.split()), "relative", value, "ago")
    after = _after_at(c, end, prefix)
    if after:                          # "годом позже", "две недели спустя": from another event
        return Found(end + after, "relative", None, "after_span")
    if _is_age(c, i, end, prefix) or _is_anniversary(c, end):
        return None
    return Found(end, "duration", values.period_of(parts), "duration")


def _is_age(c: Cursor, i: int, end: int, prefix: str) -> bool:
    """ "в возрасте 66 лет", "ему было 27 лет", "Келли 52 года", "в 24 года", "девочка 8 лет.",
    "дожил до 90 лет" are ages (amounts), not dates."""
    in_years = c.low(end - 1) in YEAR_WORDS
    if in_years and c.low(i - 1) in AGE_PREPOSITIONS and c.low(end) not in RANGE_ENDS \
            and c.lemma_in(i - 2, PERIOD_NOUNS) is None:
        return True                    # but "раз в два года", "срок в пять лет", "с 4 лет до 1"
    opener = i - len(prefix.split())   # "дожил до 90 лет": the cue is before the preposition
    if not prefix and c.low(i - 1) in RANGE_ENDS:
        opener = i - 1
    before = c.first <= i - 1 and c.analysis.tokens[i - 1]
    if before and (before.pos == "PROPN" or before.pos == "NOUN" and
                   before.feats.get("Case") == "Dat" and in_years):
        return True
    if before and in_years and before.pos == "NOUN" and \
            before.feats.get("Animacy") == "Anim" and before.feats.get("Case") in ("Nom", "Gen") \
            and (end >= c.stop or c.analysis.tokens[end].pos == "PUNCT"):
        return True                    # "и девочка 8 лет.", but "работал врачом 35 лет."
    if c.low(i - 1) == "(" and c.low(end) == ")":
        return True                    # "родился в 1967 году (51 год)"
    if in_years and opener == i and _apposition(c, i, end):
        return True                    # "Клэренс Картер, 49 лет, был казнен"
    if in_years and c.low(opener) in RANGE_ENDS and opener > c.first and \
            _animate_noun(c.analysis.tokens[_range_owner(c, opener)]):
        return True                    # "детям до 12 лет", "дети с 6 до 12 лет"
    if in_years and prefix not in SPAN_PREFIXES and _age_named_before(c, opener):
        return True                    # "пенсионный возраст повысится до 60 лет"
    cue = i - 1
    while c.first < cue and c.low(cue) in AGE_PARTICLES:
        cue -= 1                       # "ему было всего пять лет", "исполнилось бы 125 лет"
    return c.low(cue) in AGE_BEFORE or c.low(end) in AGE_AFTER or \
        in_years and c.low(opener - 1) in AGE_BEFORE_YEARS


def _range_owner(c: Cursor, end_word: int) -> int:
    """The word before a range's end ("детям до"), or before its whole "с 6 до" ("дети с 6 до")."""
    owner = end_word - 1
    if owner - 1 > c.first and c.analysis.tokens[owner].pos == "NUM" and \
            c.low(owner - 1) in ("с", "со", "от"):
        owner -= 2
    return owner


def _animate_noun(token) -> bool:
    return token.pos == "NOUN" and token.feats.get("Animacy") == "Anim"


def _apposition(c: Cursor, i: int, end: int) -> bool:
    """ "Картер, 49 лет, был казнен", "Мишель Бачелет — 54 года,": a person, a comma or a
    dash, the years, then a comma or a bracket."""
    if c.low(i - 1) not in (",", "—", "–") or c.low(end) not in (",", ")", ".") or i - 2 < c.first:
        return False
    person = c.analysis.tokens[i - 2]
    return person.pos == "PROPN" or _animate_noun(person)


def _range_lower_before(c: Cursor, before: int) -> bool:
    """Whether "от <number>" ends right before token ``before`` (the "до" of a range)."""
    at = before - 1
    while at > c.first and at > before - 4 and (c.low(at)[:1].isdecimal() or
                                                number_word(c.low(at), c.analysis.morph)):
        at -= 1
    return at < before - 1 and c.low(at) == "от"


def _age_named_before(c: Cursor, i: int) -> bool:
    return any(c.lemma_in(k, AGE_NOUN) for k in range(max(c.first, i - AGE_NOUN_WINDOW), i))


def _is_anniversary(c: Cursor, i: int) -> bool:
    return c.word(i, "anniversary") is not None
