"""Institutions written in lowercase words that end on a named organization (issue 15, the
thirteenth session): "юридический комитет палаты представителей конгресса США", "управление по
борьбе с терроризмом Госдепа США", "генеральный инспекторат при Госдепе".

NER finds the named organization at the end and nothing before it, so the quotes these
institutions speak had no candidate. A step of ``mentions.RULES``:
``rule(analysis, mentions) -> mentions``.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.extractors.entities.found import Coverage, Found
from svodka.extractors.entities.gazetteer import gazetteer
from svodka.extractors.entities.organizations import domain_noun

_MAX_GENITIVE_WORDS = 3       # "совет директоров Газпрома", "комитет палаты представителей ..."
_MAX_COMPLEMENT_WORDS = 6     # "по борьбе с незаконным оборотом наркотиков"
_OWNERS = ("ORG", "LOC")
_INSTRUMENTAL_PREPOSITIONS = ("с", "за")   # "по борьбе с терроризмом", "по контролю за оборотом"


def _lowercase_words(analysis: Analysis, index: int, limit: int, case: str,
                     starting: dict[int, Found]) -> int:
    """The index after lowercase adjectives and nouns in ``case`` from ``index``, stopping
    where a mention begins (the named owner is no part of the complement)."""
    tokens = analysis.tokens
    while index < limit and index not in starting and tokens[index].text.isalpha() \
            and tokens[index].text.islower() and tokens[index].pos in ("ADJ", "NOUN") \
            and tokens[index].feats.get("Case") == case:
        index += 1
    return index


def _domain(analysis: Analysis, index: int, starting: dict[int, Found]) -> int | None:
    """"по борьбе с терроризмом", "по делам беженцев", "по ценным бумагам": a "по"
    complement whose noun is listed (``org_complement_nouns.txt``; "по делу" names a case),
    with its genitive words and one "с"/"за" + instrumental phrase. The index after it, or None."""
    tokens = analysis.tokens
    limit = min(len(tokens), index + _MAX_COMPLEMENT_WORDS)
    noun = _lowercase_words(analysis, index, limit, "Dat", starting)
    if noun == index or tokens[noun - 1].pos != "NOUN" or not domain_noun(analysis, noun - 1):
        return None
    stop = _lowercase_words(analysis, noun, limit, "Gen", starting)
    if stop < limit and tokens[stop].text in _INSTRUMENTAL_PREPOSITIONS:
        after = _lowercase_words(analysis, stop + 1, limit, "Ins", starting)
        if after > stop + 1 and tokens[after - 1].pos == "NOUN":
            stop = _lowercase_words(analysis, after, limit, "Gen", starting)
    return stop


def _owner_at(analysis: Analysis, index: int, starting: dict[int, Found], cases: tuple,
              types: tuple = _OWNERS) -> Found | None:
    """The named organization or place at ``index`` when its first word is in one of
    ``cases`` and is not an apposition ("банк ВТБ" names the bank by the abbreviation)."""
    owner = starting.get(index)
    if owner is None or owner.type not in types:
        return None
    token = analysis.tokens[owner.first]
    if token.rel == "appos" or token.feats.get("Case") not in cases:
        return None
    return owner


def _institution_end(analysis: Analysis, head: int, starting: dict[int, Found]) -> Found | None:
    """The named owner that ends the institution headed at ``head``, or None: "при" + an
    organization in the locative, "по" + a domain + an owner in the genitive, or genitive
    words + an organization in the genitive (a place alone is ``organization_of_place``'s)."""
    tokens = analysis.tokens
    after = head + 1
    if after + 1 >= len(tokens):
        return None
    word = tokens[after].text.lower()
    if word == "при":
        return _owner_at(analysis, after + 1, starting, ("Loc",))
    if word == "по":
        stop = _domain(analysis, after + 1, starting)
        return None if stop is None else _owner_at(analysis, stop, starting, ("Gen",))
    limit = min(len(tokens), after + _MAX_GENITIVE_WORDS)
    stop = _lowercase_words(analysis, after, limit, "Gen", starting)
    if not _bodies_only(analysis, after, stop):
        return None
    return _owner_at(analysis, stop, starting, ("Gen",), ("ORG",))


def _bodies_only(analysis: Analysis, start: int, stop: int) -> bool:
    """Genitive words between an institution and its owner name a body of the owner
    ("палаты представителей конгресса США") when their first noun is an institution noun
    too; a thing of the owner ("службу сообщений Facebook", a product) is no organization."""
    nouns = [i for i in range(start, stop) if analysis.tokens[i].pos == "NOUN"]
    return not nouns or gazetteer().org_heads.holds(analysis, nouns[0])


def _adjectives_before(analysis: Analysis, head: int) -> int:
    """"юридического комитета", "Генеральный инспекторат": agreeing adjectives, lowercase
    but for the first ("Главного управления")."""
    tokens = analysis.tokens
    start = head
    case = tokens[head].feats.get("Case")
    while start > 0 and tokens[start - 1].pos == "ADJ" and tokens[start].text.islower() \
            and tokens[start - 1].text[1:].islower() \
            and tokens[start - 1].feats.get("Variant") != "Short" \
            and tokens[start - 1].sent == tokens[head].sent \
            and (tokens[start - 1].feats.get("Case") == case       # the tagger may disagree
                 or (tokens[start - 1].head == head and tokens[start - 1].rel == "amod")):
        start -= 1
    return start


def lowercase_institutions(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"юридического комитета палаты представителей конгресса США", "управление по борьбе с
    терроризмом Госдепа США", "инспекторатом при Госдепе": a singular institution noun
    (``org_heads.txt``, lowercase or a capitalized word NER left alone) with its adjectives
    and a complement that ends on a named organization (or, after "по"/"при", a place) names
    one organization; the owner stays a nested mention of its own entity. Without a named owner ("комитет по этике") the phrase
    says no more than a kind of institution and stays no name."""
    tokens = analysis.tokens
    heads = gazetteer().org_heads
    coverage = Coverage(mentions)
    starting = {m.first: m for m in mentions if not m.nested}
    for head in range(len(tokens) - 2):
        token = tokens[head]
        if not token.text[1:].islower() or token.pos != "NOUN" \
                or token.feats.get("Number") != "Sing" or not heads.holds(analysis, head) \
                or coverage.overlapping(head, head + 1):
            continue
        owner = _institution_end(analysis, head, starting)
        if owner is None or tokens[owner.stop - 1].sent != token.sent:
            continue
        start = _adjectives_before(analysis, head)
        if any(not owner.covers(m) for m in coverage.overlapping(start, owner.stop)):
            continue
        owner.nested = True
        starting.pop(owner.first, None)
        found = coverage.add(Found(start, owner.stop, "ORG", "lowercase_institutions"))
        mentions.append(found)
        starting[start] = found
    return mentions


def descriptor_compounds(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Компания-производитель CRRC Tangshan", "компания-разработчик": a descriptor noun
    (``org_descriptors.txt``) joined by a hyphen to a lowercase common noun says what kind of
    organization the name after it is; NER tags it an organization of its own, which then
    outranks the name as a speaker. A capitalized second part ("Банк-Интеграция") is a name."""
    tokens, morph = analysis.tokens, analysis.morph
    descriptors = gazetteer().org_descriptors
    kept = []
    for m in mentions:
        if m.type == "ORG" and m.stop - m.first == 1:
            first, dash, second = tokens[m.first].text.partition("-")
            if dash and first.isalpha() and second.isalpha() and second.islower() \
                    and first[1:].islower() and morph.word_is_known(second) \
                    and any(p.normal_form in descriptors.lemmas
                            for p in morph.parse(first.lower())):
                continue
        kept.append(m)
    return kept
