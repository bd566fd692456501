"""One NER span over two people, cut in two (issue 15).

slovnet sometimes runs two names written side by side into one person:
"конгрессвумен Габриэль Гиффордс Джареда Лофнера" (she, and the genitive of the man who shot
her), "журналистке Мегин Келли Навальный заявил" (a dative and the nominative subject),
"Ма Цинь Хуа. Том Чилтон" (a sentence end between them). A person's words agree in case, so
the span is cut where the case its words can be in changes, read from the names' morphology
(pymorphy's readings of names and of animate nouns, and for a word pymorphy does not know the
ending the second declension gives it), not from a list of names:

- two parts of two words or more each, each part's words sharing a case that no word of the
  other part can be in ("Габриэль Гиффордс" only nominative, "Джареда Лофнера" only
  genitive or accusative);
- a full name and a name after it that the parser already reads as two phrases (each hangs
  on a word outside the span), the tagger reading them in two cases, one of which the other
  part's word next to the cut cannot be in ("Мегин Келли" dative, "Навальный" only
  nominative);
- a full stop after a word of three letters or more (no initial) and a capitalized word.
"""
from __future__ import annotations

from functools import lru_cache

from svodka.analysis import Analysis
from svodka.extractors.entities.found import Found
from svodka.extractors.entities.foreign import nominative_candidates
from svodka.text import CYRILLIC_VOWELS

_NAME_TAGS = {"Name", "Surn", "Patr"}
# pymorphy's case names, and the Universal Dependencies ones the tagger writes
_CASES = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc",
          "ablt": "Ins", "loct": "Loc", "loc2": "Loc"}
_OBLIQUE = ("Gen", "Dat", "Acc", "Ins", "Loc")
_VOWELS = set(CYRILLIC_VOWELS)
_MIN_PART = 2           # words in each part, where morphology alone decides
_MIN_BEFORE_STOP = 3    # letters of a word a full stop ends, so that it is no initial


def _word(token) -> bool:
    text = token.text.replace("-", "")
    return text.isalpha() and token.text[:1].isupper()


@lru_cache(maxsize=20_000)
def name_cases(morph, word: str) -> frozenset[str]:
    """The cases a word of a person's name can be in: pymorphy's singular readings as a name
    or an animate noun; for a word it does not know, the cases the second declension's
    endings allow, and the nominative when it ends in a consonant (or does not decline: ends
    in another vowel than а/я). Empty when nothing is known."""
    lowered = word.lower()
    cases = set()
    for p in morph.parse(lowered):
        grammemes = set(p.tag.grammemes)
        if "Arch" in grammemes or "plur" in grammemes:
            continue
        if _NAME_TAGS & grammemes or ("anim" in grammemes and p.tag.POS == "NOUN"):
            cases.add(_CASES.get(p.tag.case, ""))
    if not morph.word_is_known(lowered):
        cases.update(case for case in _OBLIQUE if nominative_candidates(lowered, case))
        if lowered[-1:] not in _VOWELS:
            cases.add("Nom")
        elif lowered[-1:] not in ("а", "я"):
            cases.update(("Nom", *_OBLIQUE))
    cases.discard("")
    return frozenset(cases)


def _shared_cases(morph, tokens, first: int, stop: int) -> frozenset[str]:
    shared = None
    for i in range(first, stop):
        cases = name_cases(morph, tokens[i].text)
        shared = cases if shared is None else shared & cases
    return shared or frozenset()


def _morphology_cut(analysis: Analysis, m: Found) -> int | None:
    tokens, morph = analysis.tokens, analysis.morph
    for cut in range(m.first + _MIN_PART, m.stop - _MIN_PART + 1):
        left = _shared_cases(morph, tokens, m.first, cut)
        right = _shared_cases(morph, tokens, cut, m.stop)
        if left and right and not left & right:
            return cut
    return None


def _root(tokens, first: int, stop: int) -> int | None:
    """The one word of ``[first, stop)`` that hangs outside it, if one does and the others
    hang inside."""
    roots = [i for i in range(first, stop) if not first <= tokens[i].head < stop]
    return roots[0] if len(roots) == 1 else None


def _syntax_cut(analysis: Analysis, m: Found) -> int | None:
    tokens, morph = analysis.tokens, analysis.morph
    # a full name before the cut: one word there is a first name the parser hung apart from
    # its surname ("Рэнда Слим, не согласна", "Саша Белкина говорит")
    for cut in range(m.first + _MIN_PART, m.stop):
        left, right = _root(tokens, m.first, cut), _root(tokens, cut, m.stop)
        if left is None or right is None:
            continue
        left_case, right_case = tokens[left].feats.get("Case"), tokens[right].feats.get("Case")
        if not left_case or not right_case or left_case == right_case:
            continue
        # each part may be in the case the tagger read (its word next to the cut, at least:
        # "Мегин" of "Мегин Келли" is read as a man's nominative), and one part's word pymorphy
        # knows cannot be in the other's: a word it does not know may be a woman's surname,
        # which does not decline ("вице-губернатора штата Кэтлин Кеннеди Таунсенд")
        before, after = tokens[cut - 1].text, tokens[cut].text
        left_cases, right_cases = name_cases(morph, before), name_cases(morph, after)
        if left_case in left_cases and right_case in right_cases \
                and (left_case not in right_cases and morph.word_is_known(after.lower())
                     or right_case not in left_cases and morph.word_is_known(before.lower())):
            return cut
    return None


def _surname_only(morph, word: str) -> bool:
    """pymorphy reads the word as a surname and never as a first name or patronymic."""
    tags = [set(p.tag.grammemes) for p in morph.parse(word.lower())]
    return any("Surn" in t for t in tags) and not any({"Name", "Patr"} & t for t in tags)


def _two_surnames_cut(analysis: Analysis, m: Found) -> int | None:
    """"написал Дымовский Медведеву": two words, each only a surname to pymorphy, in cases
    neither can share, are two people (a first name and a surname always share one)."""
    tokens, morph = analysis.tokens, analysis.morph
    if m.stop - m.first != 2:
        return None
    first, second = tokens[m.first].text, tokens[m.first + 1].text
    if not (_surname_only(morph, first) and _surname_only(morph, second)):
        return None
    left, right = name_cases(morph, first), name_cases(morph, second)
    return m.first + 1 if left and right and not left & right else None


def _sentence_end(analysis: Analysis, m: Found) -> int | None:
    """The index of a full stop that ends a sentence inside the span: after a word (no
    initial: "Хуа. Том Чилтон"), after an abbreviation ("в РВСН, ВКС и ВМФ.\nКозюлин
    подчеркнул"), or before a line break."""
    tokens, text = analysis.tokens, analysis.text
    for i in range(m.first + 1, m.stop - 1):
        before, after = tokens[i - 1].text, tokens[i + 1].text
        if tokens[i].text != "." or not before.isalpha() or not after[:1].isupper():
            continue
        word = len(before) >= _MIN_BEFORE_STOP and any(ch in _VOWELS for ch in before.lower())
        abbreviation = len(before) >= 2 and before.isupper()
        if word or abbreviation or "\n" in text[tokens[i].end:tokens[i + 1].start]:
            return i
    return None


def split_two_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """Each person span that holds two people becomes two mentions."""
    tokens = analysis.tokens
    result: list[Found] = []
    pending = list(mentions)
    while pending:
        m = pending.pop(0)
        if m.type != "PER" or m.nested or m.stop - m.first < 2:
            result.append(m)
            continue
        stop_at = _sentence_end(analysis, m)
        if stop_at is not None:
            pending[:0] = [Found(m.first, stop_at, "PER", "split_two_people"),
                           Found(stop_at + 1, m.stop, "PER", "split_two_people")]
            continue
        if not all(_word(tokens[i]) for i in range(m.first, m.stop)):
            result.append(m)
            continue
        cut = _morphology_cut(analysis, m) or _syntax_cut(analysis, m) \
            or _two_surnames_cut(analysis, m)
        if cut is None:
            result.append(m)
            continue
        result += [Found(m.first, cut, "PER", "split_two_people"),
                   Found(cut, m.stop, "PER", "split_two_people")]
    return result
