"""Products named in quotes: корабль «Союз», шаттл «Дискавери», препарат «Пропофол».

slovnet reads such names as organizations (or places, or people); they are none of svodka's
types, and neither factRuEval nor NEREL counts them as ORG/LOC/PER. A quoted name in the
nominative right after a product noun (``product_words.txt``) is a product, and so is a
quoted word right before a serial code («Атлантис» STS-124); so is every other short
mention of that name in the text ("«Союза»", "«Союз ТМА-11»").
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.extractors.entities.found import Found
from svodka.extractors.entities.gazetteer import gazetteer
from svodka.text import OPENING_QUOTES, fold

_OPENING = set(OPENING_QUOTES)
_CLOSING = set("»\"”“")
_TYPES = ("ORG", "LOC", "PER")


def _key(analysis: Analysis, index: int) -> str:
    # "Союз-5" is the same name as "Союз"
    return fold(analysis.lemma(index)).split("-", 1)[0]


def _introduced_as_product(analysis: Analysis, index: int) -> bool:
    """Is the token at ``index`` the first word of a quoted name after a product noun?"""
    tokens = analysis.tokens
    if index < 2 or tokens[index - 1].text not in _OPENING or not tokens[index].text[:1].isupper():
        return False
    noun = _before_author(analysis, index - 2)
    if tokens[noun].sent != tokens[index].sent or tokens[noun].pos not in ("NOUN", "PROPN"):
        return False
    # "самолет «Аэрофлота»": a genitive in quotes is the owner, an organization indeed
    return tokens[index].feats.get("Case", "Nom") == "Nom" \
        and gazetteer().product_words.holds(analysis, noun)


_MAX_AUTHOR = 3


def _before_author(analysis: Analysis, index: int) -> int:
    """"фильма Оливера Стоуна «Джон Ф. Кеннеди…»": the word before a genitive name of up to
    three capitalized words (whose work it is) standing right before the quote; else
    ``index`` itself."""
    tokens = analysis.tokens
    word = index
    while index - word < _MAX_AUTHOR and word > 0 and tokens[word].pos == "PROPN" \
            and tokens[word].text[:1].isupper() and tokens[word].feats.get("Case") == "Gen":
        word -= 1
    return word if word < index else index


def _model_code(token) -> bool:
    """"ТМА-11", "STS-124": a model or serial designation after the name."""
    return any(ch.isdigit() for ch in token.text)


def _serial_code(token) -> bool:
    """"STS-124", "ТМА-11", "МС-25": capital letters, a hyphen, a number."""
    letters, _, number = token.text.partition("-")
    return len(letters) >= 2 and letters.isupper() and number.isdigit()


def _followed_by_code(analysis: Analysis, index: int) -> bool:
    """«Атлантис» STS-124: a quoted one-word name right before a serial code."""
    tokens = analysis.tokens
    return index + 2 < len(tokens) and tokens[index - 1].text in _OPENING \
        and tokens[index + 1].text in _CLOSING and _serial_code(tokens[index + 2]) \
        and tokens[index].text[:1].isupper()


def _quoted_words(analysis: Analysis, opening: int) -> tuple[str, ...] | None:
    """The lemmas of a quoted name of several words ("Дмитрий Донской", "Движение вверх")
    whose opening mark is at ``opening``."""
    tokens = analysis.tokens
    closing = next((i for i in range(opening + 2, min(len(tokens), opening + _MAX_QUOTED))
                    if tokens[i].text in _CLOSING), None)
    if closing is None or closing - opening < 3:
        return None
    return tuple(fold(analysis.lemma(i)) for i in range(opening + 1, closing))


_MAX_QUOTED = 8
_MAX_TITLE = 16


def work_titles(analysis: Analysis) -> list[range]:
    """The tokens inside «…» of each quoted title a product noun introduces that opens with a
    name ("фильм Оливера Стоуна «Джон Ф. Кеннеди. Выстрелы в Далласе»"): that name is the
    title's words, no later mention of a person (``propagate`` leaves them). A title that
    opens otherwise may name someone inside («Убить осьминога Пауля»)."""
    tokens = analysis.tokens
    titles = []
    for i in range(len(tokens) - 1):
        if tokens[i].text in _OPENING and tokens[i + 1].pos == "PROPN" \
                and _introduced_as_product(analysis, i + 1):
            closing = next((j for j in range(i + 2, min(len(tokens), i + _MAX_TITLE))
                            if tokens[j].text in _CLOSING), None)
            if closing is not None:
                titles.append(range(i + 1, closing))
    return titles


def product_names(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    tokens = analysis.tokens
    products, whole, openings = set(), set(), set()
    for i in range(len(tokens) - 1):
        if tokens[i].text not in _OPENING:
            continue
        introduced = _introduced_as_product(analysis, i + 1)
        if introduced or _followed_by_code(analysis, i + 1):
            products.add(_key(analysis, i + 1))
        if introduced:
            # «Джон Ф. Кеннеди. Выстрелы в Далласе»: a name opening a work's title is the
            # title's, there
            openings.add(i + 1)
            # "атомная подлодка «Дмитрий Донской»", "фильм «Движение вверх»": the whole
            # quoted name, whatever its words, and its later mentions
            words = _quoted_words(analysis, i)
            if words:
                whole.add(words)
    if not products:
        return mentions

    def is_product(m: Found) -> bool:
        if m.type not in _TYPES or m.nested or m.canonical is not None:
            return False
        if m.first in openings \
                or tuple(fold(analysis.lemma(i)) for i in range(m.first, m.stop)) in whole:
            return True
        return _key(analysis, m.first) in products \
            and all(_model_code(tokens[i]) for i in range(m.first + 1, m.stop))
    return [m for m in mentions if not is_product(m)]
