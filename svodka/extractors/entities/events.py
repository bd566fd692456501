"""Named events: summits, forums, sessions, elections, championships.

slovnet knows no events and reads their names as organizations or places; these rules,
run in order, turn an event cue (``event_words.txt``) with its name into one EVENT
mention. The places and organizations named inside an event stay as nested mentions
("чемпионат Европы", "саммит НАТО в Вильнюсе" keeps "Европы"); other mentions the event
swallowed are dropped.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.extractors.entities.gazetteer import gazetteer
from svodka.extractors.entities.found import Coverage, Found
from svodka.text import DASHES, OPENING_QUOTES

_OPENING = OPENING_QUOTES
_CLOSING = "»\"”“"
_DASHES = tuple(DASHES)
_MAX_QUOTED_TOKENS = 15
_MAX_GENITIVE_WORDS = 3
_NOUNS = ("NOUN", "PROPN")


def _is_cue(analysis: Analysis, index: int) -> bool:
    token = analysis.tokens[index]
    book = gazetteer()
    if token.pos not in _NOUNS:
        return False
    if book.event_words.holds(analysis, index) or book.event_names.holds(analysis, index):
        # "акций «Порше»": shares, not a campaign
        return not (analysis.lemma(index) == "акция" and token.feats.get("Number") == "Plur")
    return book.event_sport_words.holds(analysis, index) \
        or book.event_election_words.holds(analysis, index)


def _genitive_tail(analysis: Analysis, index: int, limit: int = _MAX_GENITIVE_WORDS) -> int:
    """The index after the genitive words that follow a cue ("заседание совета сотрудничества")."""
    tokens = analysis.tokens
    stop = index + 1
    while (stop < len(tokens) and stop - index <= limit and tokens[stop].sent == tokens[index].sent
           and tokens[stop].pos in ("NOUN", "ADJ", "PROPN") and tokens[stop].text[:1].islower()
           and tokens[stop].feats.get("Case") == "Gen"):
        stop += 1
    return stop


def _closing_quote(analysis: Analysis, opening: int) -> int | None:
    tokens = analysis.tokens
    for index in range(opening + 1, min(opening + _MAX_QUOTED_TOKENS, len(tokens))):
        if tokens[index].sent != tokens[opening].sent:
            return None
        if tokens[index].text in _CLOSING and index > opening + 1:
            return index
    return None


def cue_with_quoted_name(analysis: Analysis, index: int) -> Found | None:
    """саммит "Центральная Азия - Европейский союз"; заседание совета "Казахстан - ЕС".

    The quoted words must start like a name: "визит «вызывает сожаление»" quotes a phrase.
    """
    tokens = analysis.tokens
    opening = _genitive_tail(analysis, index)
    if opening + 1 >= len(tokens) or tokens[opening].text not in _OPENING:
        return None
    first = tokens[opening + 1].text[:1]
    if not (first.isupper() or first.isdigit()):
        return None
    closing = _closing_quote(analysis, opening)
    if closing is None:
        return None
    return Found(index, closing + 1, "EVENT", "cue_with_quoted_name")


def event_name(analysis: Analysis, index: int) -> Found | None:
    """"Олимпиада в Рио открылась", "на Олимпиаде-2016": a capitalized event name."""
    token = analysis.tokens[index]
    if not token.text[:1].isupper() or not gazetteer().event_names.holds(analysis, index):
        return None
    return Found(index, _genitive_tail(analysis, index), "EVENT", "event_name")


def adjectives_with_cue(analysis: Analysis, index: int) -> Found | None:
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


def capitalized_cue(analysis: Analysis, index: int) -> Found | None:
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


def tournament_of(analysis: Analysis, index: int) -> Found | None:
    """"чемпионат мира", "чемпионате Европы", "турнира Уимблдона": a tournament noun with
    "мира" or a capitalized genitive after it (``event_sport_words.txt``)."""
    tokens = analysis.tokens
    after = index + 1
    if not gazetteer().event_sport_words.holds(analysis, index) or after >= len(tokens) \
            or tokens[after].sent != tokens[index].sent \
            or tokens[after].feats.get("Case") != "Gen" or tokens[after].pos not in _NOUNS:
        return None
    if analysis.lemma(after) != "мир" and not tokens[after].text[:1].isupper():
        return None
    first = index
    while first > 0 and tokens[first - 1].pos == "ADJ" and tokens[first - 1].text[:1].islower() \
            and tokens[first - 1].sent == tokens[index].sent \
            and tokens[first - 1].feats.get("Case") == tokens[index].feats.get("Case"):
        first -= 1       # "молодежном чемпионате мира"
    stop = after + 1
    if stop + 1 < len(tokens) and tokens[stop].text == "по" and tokens[stop + 1].pos in _NOUNS \
            and tokens[stop + 1].feats.get("Case") == "Dat" and tokens[stop + 1].text[:1].islower():
        stop += 2        # "чемпионата мира по футболу"
    return Found(first, stop, "EVENT", "tournament_of")


def qualified_election(analysis: Analysis, index: int) -> Found | None:
    """"президентских выборах", "досрочные парламентские выборы", "выборы мэра": a vote with
    agreeing lowercase adjectives before it or a lowercase genitive after it."""
    tokens = analysis.tokens
    if not gazetteer().event_election_words.holds(analysis, index) or (
            analysis.lemma(index) == "выбор" and tokens[index].feats.get("Number") != "Plur"):
        return None
    first = index
    while first > 0 and tokens[first - 1].pos == "ADJ" and tokens[first - 1].text[:1].islower() \
            and tokens[first - 1].sent == tokens[index].sent \
            and tokens[first - 1].feats.get("Case") == tokens[index].feats.get("Case"):
        first -= 1
    stop = _genitive_tail(analysis, index, limit=2)
    while stop > index + 1 and tokens[stop - 1].pos != "NOUN":
        stop -= 1        # "выборы болгарского парламента", not "выборы болгарского"
    if first == index and stop == index + 1:
        return None      # "выборы" alone names no particular vote
    return Found(first, stop, "EVENT", "qualified_election")


def _ordinal(token) -> bool:
    """"70-й", "40-го": the edition of a festival or a championship."""
    head, _, ending = token.text.partition("-")
    return head.isdigit() and ending.isalpha() and len(ending) <= 3


def _year(token) -> bool:
    """"2014", "2017/18"."""
    text = token.text
    return len(text) >= 4 and text[:4].isdigit() and (len(text) == 4 or text[4] == "/")


def widen(analysis: Analysis, event: Found) -> Found:
    """"70-й Каннский кинофестиваль", "чемпионата Европы 2014 года": the edition before an
    event's name and the year after it belong to it, as NEREL marks them."""
    tokens = analysis.tokens
    sent = tokens[event.first].sent
    if event.first > 0 and tokens[event.first - 1].sent == sent and _ordinal(tokens[event.first - 1]):
        event.first -= 1
    if event.stop < len(tokens) and tokens[event.stop].sent == sent and _year(tokens[event.stop]) \
            and tokens[event.stop - 1].text not in _CLOSING:
        event.stop += 1
        if event.stop < len(tokens) and analysis.lemma(event.stop) == "год" \
                and tokens[event.stop].text[:1].islower():
            event.stop += 1
    return event


RULES = [cue_with_quoted_name, event_name, adjectives_with_cue, capitalized_cue,
         tournament_of, qualified_election]


def _quoted_title(analysis: Analysis, event: Found) -> bool:
    """«Лиловый день», «Народная война в Чили»: an album's or a film's title in quotes."""
    tokens = analysis.tokens
    return event.first > 0 and tokens[event.first - 1].text in _OPENING \
        and event.rule != "cue_with_quoted_name"


def _body_named(analysis: Analysis, event: Found, coverage: Coverage) -> bool:
    """"лидер Всеобщего народного конгресса": the NER model's organization over a cue that
    may name a standing body (``event_body_words.txt``) stays an organization."""
    if event.rule == "cue_with_quoted_name":
        return False
    body = gazetteer().event_body_words
    return any(m.type == "ORG" and not m.nested and m.first <= event.first < m.stop
               and any(body.holds(analysis, i) for i in range(event.first, min(event.stop, m.stop)))
               for m in coverage.overlapping(event.first, event.first + 1))


def _whole_quoted_name(analysis: Analysis, cue: int, m: Found) -> bool:
    """саммит «Центральная Азия - Европейский союз» read as one ORG: the event's own name,
    as is a pair of parties ("совета сотрудничества «Казахстан - ЕС»"). Otherwise the
    quotes after a genitive name that genitive's owner ("съезд партии «Единая Россия»")."""
    tokens = analysis.tokens
    if not (m.first > 0 and tokens[m.first - 1].text in _OPENING
            and m.stop < len(tokens) and tokens[m.stop].text in _CLOSING):
        return False
    return m.first == cue + 2 or any(tokens[i].text in _DASHES for i in range(m.first, m.stop))


def find_events(analysis: Analysis, mentions: list[Found], rules=RULES) -> list[Found]:
    coverage = Coverage(m for m in mentions if not m.nested)
    events = []
    cues: list[int] = []
    for index, token in enumerate(analysis.tokens):
        if not token.text[:1].isalpha() or not _is_cue(analysis, index):
            continue
        if events and events[-1].stop > index:
            continue
        for rule in rules:
            event = rule(analysis, index)
            if event is not None:
                if events and events[-1].stop > event.first:
                    break
                if not _quoted_title(analysis, event) and not _body_named(analysis, event, coverage):
                    events.append(widen(analysis, event))
                    cues.append(index)
                break
    # an event named inside a longer organization name ("оргкомитет ... форума") stays part of it
    found = [(e, cue) for e, cue in zip(events, cues) if not any(
        m.first <= e.first and e.stop <= m.stop and m.stop - m.first > e.stop - e.first
        for m in coverage.overlapping(e.first, e.stop))]
    events = [e for e, _ in found]
    by_token = {}
    for e, cue in found:
        for i in range(e.first, e.stop):
            by_token[i] = (e, cue)
    kept = []
    for m in mentions:
        holding = {id(pair[0]): pair for i in range(m.first, m.stop)
                   if (pair := by_token.get(i)) is not None}.values()
        if not holding:
            kept.append(m)
        elif all(e.first <= m.first and m.stop <= e.stop and not m.first <= cue < m.stop
                 and not _whole_quoted_name(analysis, cue, m) for e, cue in holding):
            m.nested = True     # "чемпионат Европы": the place stays, inside the event
            kept.append(m)
    return sorted(kept + events, key=lambda m: (m.first, -m.stop))
