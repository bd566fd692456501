"""One-word "people" that are no names: a lone capital letter ("задействовать план Б"), a
see's adjective ("митрополиту Истринскому") and a common noun capitalized because it opens its
sentence ("Вера прекрасно существует без таких чудес").

``mentions.no_names`` already drops an opening word that pymorphy knows only as a common word;
"Вера", "Надежда", "Любовь" are names as well, so that rule keeps them. Here the likeliest
reading decides (pymorphy: "вера" the noun 0.70, the name 0.30), and only while nothing else
in the text treats the word as a name: capitalized inside a sentence ("певица Вера
Брежнева"), or part of a longer person's name. A name read likelier as a name ("Роза",
"Маша", "Арсений") or as a surname ("Морозов") stays.

A word known only as an inanimate noun inside a sentence ("перед Плащаницей") is left alone:
pymorphy knows foreign surnames that way too ("Уорд", factRuEval's goalkeeper).
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.data import load_set
from svodka.extractors.entities.found import Found, is_punct
from svodka.extractors.entities.mentions import _capitalized_inside

# a reading as a name of any kind: a person's, a place's ("Карфагена": Geox), an organization's
_NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_ADJECTIVES = {"ADJF", "ADJS", "PRTF", "PRTS"}


def _one_letter(analysis: Analysis, m: Found) -> bool:
    """ "план Б.": a lone letter, period or not. An initial is never alone in a person's
    span: ``extend_initials`` joins "Б. Обама" into one."""
    word = analysis.tokens[m.first].text
    return len(word) == 1 and word.isalpha()


def _known_parses(analysis: Analysis, index: int) -> list:
    """pymorphy's readings of a word it knows ("Юристы-профессионалы": each part known)."""
    word = analysis.tokens[index].text.lower()
    if not all(part.isalpha() and analysis.morph.word_is_known(part)
               for part in word.split("-")):
        return []
    return analysis.morph.parse(word)


def _likelier_common_noun(analysis: Analysis, index: int) -> bool:
    parses = _known_parses(analysis, index)
    return bool(parses) and parses[0].tag.POS == "NOUN" \
        and not _NAME_GRAMMEMES & set(parses[0].tag.grammemes)


def _see_adjective(analysis: Analysis, index: int) -> bool:
    """ "Арсению, митрополиту Истринскому": after a hierarch's title (``see_titles.txt``), a
    word pymorphy knows only as an adjective (no surname reading, as "Успенский" has) is his
    see's adjective, no one's name. Elsewhere such a word may be a surname ("сказал Белый")."""
    if index == 0 or analysis.lemma(index - 1) not in load_set("see_titles.txt"):
        return False
    parses = _known_parses(analysis, index)
    return bool(parses) and all(p.tag.POS in _ADJECTIVES
                                and not _NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses)


def _named_elsewhere(analysis: Analysis, m: Found, mentions: list[Found],
                     inside: frozenset[str]) -> bool:
    lemma = analysis.lemma(m.first)
    return lemma in inside or any(
        other is not m and other.type == "PER" and other.stop - other.first > 1
        and any(analysis.lemma(i) == lemma for i in range(other.first, other.stop))
        for other in mentions)


def not_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """``mentions`` without the one-word people that are a lone letter, a see's adjective or a
    common noun opening its sentence."""
    tokens, inside = analysis.tokens, None
    kept = []
    for m in mentions:
        if m.type == "PER" and m.stop - m.first == 1:
            if _one_letter(analysis, m) or _see_adjective(analysis, m.first):
                continue
            first = analysis.sentences[tokens[m.first].sent].first
            opens = all(is_punct(tokens[i]) for i in range(first, m.first))   # «Вера …
            if opens and _likelier_common_noun(analysis, m.first):
                inside = _capitalized_inside(analysis) if inside is None else inside
                if not _named_elsewhere(analysis, m, mentions, inside):
                    continue
        kept.append(m)
    return kept
