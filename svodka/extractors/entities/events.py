"""Named events: summits, forums, sessions, elections, championships.

slovnet knows no events and reads their names as organizations or places; these rules,
run in order, turn an event cue (``event_words.txt``) with its name into one EVENT
mention and drop the mentions the name swallowed.
"""
from __future__ import annotations

from svodka.extractors.entities.gazetteer import gazetteer
from svodka.extractors.entities.found import Found

_OPENING = "«\"„“"
_CLOSING = "»\"”“"
_MAX_QUOTED_TOKENS = 15
_MAX_GENITIVE_WORDS = 3


def _is_cue(analysis, index: int) -> bool:
    token = analysis.tokens[index]
    return token.pos == "NOUN" and gazetteer().event_words.holds(analysis, index)


def _genitive_tail(analysis, index: int, limit: int = _MAX_GENITIVE_WORDS) -> int:
    """The index after the genitive words that follow a cue ("заседание совета сотрудничества")."""
    tokens = analysis.tokens
    stop = index + 1
    while (stop < len(tokens) and stop - index <= limit and tokens[stop].sent == tokens[index].sent
           and tokens[stop].pos in ("NOUN", "ADJ", "PROPN") and tokens[stop].text[:1].islower()
           and tokens[stop].feats.get("Case") == "Gen"):
        stop += 1
    return stop


def _closing_quote(analysis, opening: int) -> int | None:
    tokens = analysis.tokens
    for index in range(opening + 1, min(opening + _MAX_QUOTED_TOKENS, len(tokens))):
        if tokens[index].sent != tokens[opening].sent:
            return None
        if tokens[index].text in _CLOSING and index > opening + 1:
            return index
    return None


def cue_with_quoted_name(analysis, index: int) -> Found | None:
    """саммит "Центральная Азия - Европейский союз"; заседание совета "Казахстан - ЕС"."""
    tokens = analysis.tokens
    opening = _genitive_tail(analysis, index)
    if opening >= len(tokens) or tokens[opening].text not in _OPENING:
        return None
    closing = _closing_quote(analysis, opening)
    if closing is None:
        return None
    return Found(index, closing + 1, "EVENT", "cue_with_quoted_name")


def adjectives_with_cue(analysis, index: int) -> Found | None:
    """"Петербургский международный экономический форум", "Олимпийские игры"."""
    tokens = analysis.tokens
    first = index
    while first > 0 and tokens[first - 1].pos == "ADJ" and tokens[first - 1].sent == tokens[index].sent:
        first -= 1
    capitalized = [i for i in range(first, index) if tokens[i].text[:1].isupper()]
    if not capitalized:
        return None
    sentence_start = analysis.sentences[tokens[index].sent].first
    if capitalized == [sentence_start] and index - first < 2:
        return None      # "Международный форум прошел..." is capitalized by position only
    first = capitalized[0]
    return Found(first, _genitive_tail(analysis, index), "EVENT", "adjectives_with_cue")


def capitalized_cue(analysis, index: int) -> Found | None:
    """"Чемпионат мира", "Кубок Стэнли": a cue capitalized inside a sentence starts a name."""
    tokens = analysis.tokens
    if not tokens[index].text[:1].isupper():
        return None
    if index == analysis.sentences[tokens[index].sent].first:
        return None
    stop = index + 1
    while (stop < len(tokens) and stop - index <= _MAX_GENITIVE_WORDS
           and tokens[stop].sent == tokens[index].sent
           and tokens[stop].pos in ("NOUN", "ADJ", "PROPN")
           and tokens[stop].feats.get("Case") == "Gen"):
        stop += 1
    return Found(index, stop, "EVENT", "capitalized_cue")


RULES = [cue_with_quoted_name, adjectives_with_cue, capitalized_cue]


def find_events(analysis, mentions: list[Found], rules=RULES) -> list[Found]:
    events = []
    for index, token in enumerate(analysis.tokens):
        if not token.text[:1].isalpha() or not _is_cue(analysis, index):
            continue
        if events and events[-1].stop > index:
            continue
        for rule in rules:
            event = rule(analysis, index)
            if event is not None:
                events.append(event)
                break
    # an event named inside a longer organization name ("оргкомитет ... форума") stays part of it
    events = [e for e in events if not any(
        m.first <= e.first and e.stop <= m.stop and m.stop - m.first > e.stop - e.first
        for m in mentions if not m.nested)]
    kept = [m for m in mentions if not any(e.first < m.stop and m.first < e.stop for e in events)]
    return sorted(kept + events, key=lambda m: (m.first, -m.stop))
