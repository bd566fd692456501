"""Numbers that name rather than measure: "статья 105", "Boeing 737", "10:30", «17 мгновений»."""
from __future__ import annotations

import re

from svodka.extractors.amounts.words import forms, label_words
from svodka.extractors.numbers import Number

LATIN = re.compile(r"[A-Za-z]")
# legal codes after an article number: "(159 УК РФ)"
CODES = frozenset({"УК", "УПК", "КоАП", "ГК", "НК", "ТК", "ЖК", "АПК", "ГПК"})
# what may stand between two numbers of a list: "1, 2 и 7", "22800 и 23560, а также 20380"
LIST_JOINTS = frozenset({(",",), ("и",), ("или",), ("а", "также"), (",", "а", "также")})
JOINTS_MAX = 3
GLUED_COMMA = re.compile(r"^\d+,$")
GLUED_SIGNS = frozenset({"=", "&", "?", "+", "_"})
LIST_MAX = 8             # "по пунктам 1, 3 и 7 части 2": each number of the list is a label
# the combining keycap and the emoji presentation selector that follow a digit in an emoji
KEYCAPS = frozenset({"\u20e3", "\ufe0f"})
# a model's name: letters glued to digits ("ФАБ-250", "Су-25", "Т-72")
MODEL_NAME = re.compile(r"^[^\W\d_]+-?\d+$")
# a version written with a point and a zero: «Протесты 2.0», "Индустрия 4.0" (a Russian
# decimal takes a comma, and a measured "2.0" would drop its zero)
VERSION = re.compile(r"^\d+\.0$")
TITLE_MAX_TOKENS = 6     # a number inside a short «...» is part of a title: «17 мгновений весны»


def is_label(s, number: Number, unit_follows: bool = False) -> bool:
    """Numbers that name rather than measure: "статья 105", "пунктам 1 и 7", "Boeing 737",
    "10:30". A unit after the number makes it a measure again: "на уровне 2,9 тыс. руб"."""
    analysis, i = s.analysis, number.first
    tokens, text = analysis.tokens, analysis.text
    signed = unit_follows and _plus_sign(text, tokens[i].start)
    before = _list_start(s, i) - 1
    if before > s.floor and tokens[before].text == "." and tokens[before].start == \
            tokens[before - 1].end:
        before -= 1                      # "ч. 3 ст. 30": the label is abbreviated
    if before >= s.floor:
        previous = forms(analysis, before)
        # a label takes digits: "глава 5", but "глава одного из пяти кланов"
        if (previous[0] in label_words() or previous[1] in label_words()) and not unit_follows \
                and number.digits \
                or LATIN.search(tokens[before].text) or previous[0] == "#" \
                or previous[0] == "+" and not signed:
            return True
    if not unit_follows and VERSION.match(tokens[i].text):
        return True
    if number.stop < s.limit and tokens[number.stop].text in CODES:
        return True                      # "159 УК РФ"
    if any(index in s.ner_tokens for index in range(i, number.stop)):
        return True
    start, end = tokens[i].start, tokens[number.stop - 1].end
    before, after = text[start - 1:start], text[end:end + 1]
    if before in (":", "/") or after in (":", "/") and text[end + 1:end + 2].isdecimal():
        return True                      # "10:30", "2:1", "16/1"
    if (before in GLUED_SIGNS and not signed) or after in GLUED_SIGNS:
        return True                      # "?id=30977", "22 (9+13) очков"
    if after in KEYCAPS:
        return True                      # emoji digits of a tweet: "3⃣0⃣0⃣0⃣ км"
    if i - 2 >= s.floor and tokens[i - 1].text == "(" and MODEL_NAME.search(tokens[i - 2].text):
        return True                      # "ФАБ-250 (500)": another model of the series
    if i - 2 >= s.floor and tokens[i - 1].text == "(" and tokens[i - 2].text.isdecimal() and \
            text[tokens[i - 2].start - 1:tokens[i - 2].start] == "+":
        return True                      # "+7 (495) 123-45-67": a telephone's area code
    if before.isalnum() or before == "%" or after.isalpha():
        return True                      # glued to letters: URLs, codes
    if number.digits and len(tokens[i].text) > 1 and tokens[i].text[0] == "0" and \
            tokens[i].text.isdecimal():
        return True                      # "007", "01": codes; "0,5%" is a number
    return _inside_title(s, i)


def _plus_sign(text: str, start: int) -> bool:
    """ "подорожали на +2,18%": a plus standing alone before a number is its sign; "9+13"
    and "C+5" join two things."""
    return text[start - 1:start] == "+" and not text[start - 2:start - 1].isalnum()


def _list_start(s, index: int) -> int:
    """The first number of a list "1, 2 и 7" (", а также 9") that ends at token ``index``."""
    tokens = s.analysis.tokens
    first = index
    for _ in range(LIST_MAX):
        if first - 1 >= s.floor and GLUED_COMMA.match(tokens[first - 1].text):
            first -= 1                   # the tokenizer keeps the comma of "22160, 21631"
            continue
        for width in range(JOINTS_MAX, 0, -1):
            joint = first - width - 1
            words = tuple(t.text.lower() for t in tokens[joint + 1:first]) if joint >= s.floor else ()
            if words in LIST_JOINTS and tokens[joint].text.isdecimal():
                first = joint
                break
        else:
            break
    return first


def _inside_title(s, index: int) -> bool:
    tokens = s.analysis.tokens
    sentence = s.analysis.sentences[tokens[index].sent]
    left = index - 1
    while left >= sentence.first and index - left <= TITLE_MAX_TOKENS:
        if tokens[left].text in ("»", "“"):
            return False
        if tokens[left].text == "«":
            break
        left -= 1
    else:
        return False
    if left < sentence.first:
        return False
    right = index + 1
    while right < sentence.stop and right - left <= TITLE_MAX_TOKENS + 1:
        if tokens[right].text == "»":
            return True
        right += 1
    return False
