"""One-word "people" that are no names: a lone capital letter ("задействовать план Б"), a
common noun capitalized because it opens its sentence ("Вера прекрасно существует без таких
чудес"), a thing's name ("перед Плащаницей", "в своем Откровении").

``mentions.no_names`` already drops an opening word that pymorphy knows only as a common word;
"Вера", "Надежда", "Любовь" are names as well, so that rule keeps them. Here the likeliest
reading decides (pymorphy: "вера" the noun 0.70, the name 0.30), and only while nothing else
in the text treats the word as a name: capitalized inside a sentence ("певица Вера
Брежнева"), or part of a longer person's name. A name read likelier as a name ("Роза",
"Маша", "Арсений") or as a surname ("Морозов") stays. Inside a sentence a capital is no sign
of a person: a word pymorphy knows only as an inanimate noun is none, unless a longer
person's name holds it.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.extractors.entities.found import Found, is_punct
from svodka.extractors.entities.mentions import _capitalized_inside
from svodka.extractors.entities.roles import is_title_word

# a reading as a name of any kind: a person's, a place's ("Карфагена": Geox), an organization's
_NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
# after these a capitalized word is a name given on purpose: "его называют Горба" (NEREL)
_NAMING_VERBS = frozenset({"называть", "назвать", "звать", "прозвать", "именовать", "величать"})


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


def _only_a_thing(analysis: Analysis, index: int) -> bool:
    """ "перед Плащаницей", "в своем Откровении", "своим Посланием": a word pymorphy knows only
    as an inanimate noun is no person's name (a name is animate). Unless it acts as a person
    does, as a verb's subject, after a title or a verb of naming: "Пенс заявил", "сенатор
    Пушков", "его называют Горба" ("пенс" the coin, "пушков" of "пушок", "горба" of "горб")."""
    parses = _known_parses(analysis, index)
    if not parses or not all(p.tag.POS == "NOUN" and "inan" in p.tag.grammemes
                             and not _NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses):
        return False
    token = analysis.tokens[index]
    return not token.rel.startswith("nsubj") and \
        not (index > 0 and (is_title_word(analysis, index - 1)
                            or analysis.lemma(index - 1) in _NAMING_VERBS))


def _named_elsewhere(analysis: Analysis, m: Found, mentions: list[Found],
                     inside: frozenset[str]) -> bool:
    lemma = analysis.lemma(m.first)
    return lemma in inside or any(
        other is not m and other.type == "PER" and other.stop - other.first > 1
        and any(analysis.lemma(i) == lemma for i in range(other.first, other.stop))
        for other in mentions)


def not_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """``mentions`` without the one-word people that are a lone letter, a common noun
    opening its sentence or a word known only as a thing's."""
    tokens, inside = analysis.tokens, None
    kept = []
    for m in mentions:
        if m.type == "PER" and m.stop - m.first == 1:
            if _one_letter(analysis, m):
                continue
            first = analysis.sentences[tokens[m.first].sent].first
            opens = all(is_punct(tokens[i]) for i in range(first, m.first))   # «Вера …
            if opens and _likelier_common_noun(analysis, m.first):
                inside = _capitalized_inside(analysis) if inside is None else inside
                if not _named_elsewhere(analysis, m, mentions, inside):
                    continue
            if _only_a_thing(analysis, m.first) and \
                    not _named_elsewhere(analysis, m, mentions, frozenset()):
                continue
        kept.append(m)
    return kept
