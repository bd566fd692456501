"""Names whose adjectives share one plural noun: "в Донецкой и Луганской областях",
"Красноярского и Забайкальского краев", "в Серпуховском и Чеховском районах".

Each adjective names a place of its own: Донецкая область, Луганская область. The tagger
marks the first adjective alone as a name ("Донецкой") and the last with the plural noun
("Луганской областях"); both take the noun in the singular, in the adjective's gender.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.analysis.morphology import inflect_form

JOINTS = frozenset({"и", ",", "или"})


def _plural_noun_after(analysis: Analysis, stop: int) -> int | None:
    """The plural noun after "<adjective> и <adjective> ..." that starts at ``stop``."""
    tokens, end = analysis.tokens, analysis.sentences[analysis.tokens[stop - 1].sent].stop
    at = stop
    while at + 1 < end and tokens[at].text.lower() in JOINTS and _adjective(tokens[at + 1]):
        at += 2
    if at == stop or at >= end:
        return None
    return at if _plural_noun(tokens[at]) else None


def _adjective(token) -> bool:
    """An adjective, or a proper adjective the tagger calls a name ("Кафанского": amod)."""
    return token.pos == "ADJ" or token.pos == "PROPN" and token.rel == "amod"


def _plural_noun(token) -> bool:
    return token.pos == "NOUN" and token.feats.get("Number") == "Plur"


def _shared(analysis: Analysis, first: int, stop: int) -> tuple[range, int] | None:
    """The adjectives of the name and the plural noun they share, or None."""
    tokens = analysis.tokens
    if all(_adjective(tokens[i]) and tokens[i].feats.get("Number") != "Plur"
           for i in range(first, stop)):
        noun = _plural_noun_after(analysis, stop)
        return (range(first, stop), noun) if noun is not None else None
    noun = stop - 1
    adjectives = range(first, noun)
    if not adjectives or not _plural_noun(tokens[noun]) or \
            any(not _adjective(tokens[i]) or tokens[i].feats.get("Number") == "Plur"
                for i in adjectives):
        return None
    sentence_first = analysis.sentences[tokens[first].sent].first
    coordinated = first - 2 >= sentence_first and tokens[first - 1].text.lower() in JOINTS and \
        _adjective(tokens[first - 2])
    return (adjectives, noun) if coordinated else None


def _nominative(analysis: Analysis, index: int, pos: str, feats: set[str]) -> str | None:
    token = analysis.tokens[index]
    for form in analysis.morph.parse(token.text.lower()):
        # the adjective's singular reading: "Кафанского" is no plural
        if form.pos == pos and form.feats.get("Case") == token.feats.get("Case") and \
                (pos == "NOUN" or form.feats.get("Number") != "Plur"):
            inflected = inflect_form(form, feats)
            if inflected:
                return inflected.word
    return None


def shared_noun_name(analysis: Analysis, first: int, stop: int) -> str | None:
    """ "Донецкой" or "Луганской областях" of "в Донецкой и Луганской областях" → "Донецкая
    область", "Луганская область"; None when the name shares no noun."""
    found = _shared(analysis, first, stop)
    if found is None:
        return None
    adjectives, noun_index = found
    noun = _nominative(analysis, noun_index, "NOUN", {"Nom", "Sing"})
    gender = analysis.tokens[noun_index].feats.get("Gender")
    if noun is None or gender is None:
        return None
    words = [_nominative(analysis, i, "ADJ", {"Nom", "Sing", gender}) for i in adjectives]
    if None in words:
        return None
    words = [word[:1].upper() + word[1:] if analysis.tokens[i].text[:1].isupper() else word
             for word, i in zip(words, adjectives)]
    return " ".join([*words, noun])
