"""Organization rules: quoted names after a descriptor, and an institution with its place.

Both are steps of ``mentions.RULES``: pure functions ``rule(analysis, mentions) -> mentions``.
"""
from __future__ import annotations

from svodka.analysis import Analysis
from svodka.extractors.entities.found import Coverage, Found, is_punct
from svodka.extractors.entities.gazetteer import abbreviation_of, gazetteer
from svodka.text import OPENING_QUOTES

_PLACES = ("LOC",)
_OPENING = set(OPENING_QUOTES)
_CLOSING = set("»\"”“")
_MAX_QUOTED = 8


def quoted_organizations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """компания «Газпром», газета «Ведомости», клуб «Бавария»: the quoted name is an ORG.

    The descriptor or legal form stays outside the name even when the NER span took it in
    ("ОАО «Газпром»" names "Газпром"): factRuEval and NEREL both annotate the quoted words
    alone, and linking already ignores legal forms.
    """
    tokens = analysis.tokens
    descriptors = gazetteer().org_descriptors
    coverage = Coverage(mentions)
    for index in range(len(tokens) - 2):
        if tokens[index + 1].text not in _OPENING or not tokens[index].text[:1].isalpha():
            continue
        if not descriptors.holds(analysis, index):
            continue
        first = index + 2
        stop = next((i for i in range(first, min(first + _MAX_QUOTED, len(tokens)))
                     if tokens[i].text in _CLOSING or tokens[i].sent != tokens[index].sent), None)
        if stop is None or stop == first or tokens[stop].text not in _CLOSING:
            continue
        if not (tokens[first].text[:1].isupper() or tokens[first].text[:1].isdigit()):
            continue
        held = coverage.overlapping(index, stop + 1)
        if any(m.first < index or m.stop > stop + 1 for m in held):
            continue          # a longer name holds the quotes ("Российский фонд «...» имени")
        for m in held:
            coverage.remove(m)
            m.stop = m.first  # emptied; dropped below
        mentions.append(coverage.add(Found(first, stop, "ORG", "quoted_organizations")))
    return [m for m in mentions if m.stop > m.first]


def _is_genitive_place(analysis: Analysis, m: Found) -> bool:
    head = analysis.tokens[m.first]
    if m.type not in _PLACES:
        # "представительство ООН" owns the UN's name; "агентство ТАСС", "банк ВТБ" are
        # appositions: the abbreviation is the institution's own name, the noun its descriptor
        if m.type != "ORG" or m.stop - m.first != 1 or not head.text.isupper() \
                or head.rel == "appos":
            return False
    return head.text.isupper() or head.feats.get("Case") == "Gen"


def org_head(analysis: Analysis, index: int) -> bool:
    """An institution noun (``org_heads.txt``) or a listed organization's abbreviation."""
    token = analysis.tokens[index]
    if token.text.isupper():
        known = abbreviation_of(token.text)
        return known is not None and gazetteer().abbreviations[known].type == "ORG"
    return gazetteer().org_heads.holds(analysis, index)


def organization_of_place(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"МИД РК", "Нацбанк Казахстана", "мэрия Москвы": one organization.

    An organization (or an institution noun with its genitive words, ``org_heads.txt``)
    followed by a place in the genitive takes the place into its name; the place stays a
    nested mention of its own entity.
    """
    tokens = analysis.tokens
    ending = {m.stop: m for m in mentions if m.type == "ORG" and not m.nested}
    for place in [m for m in mentions if not m.nested]:
        if not _is_genitive_place(analysis, place):
            continue
        org = ending.get(place.first)
        start = org.first if org is not None else _institution_start(analysis, place.first)
        if start is None or tokens[start].sent != tokens[place.first].sent:
            continue
        if org is None:
            org = Found(start, place.first, "ORG", "organization_of_place")
            mentions.append(org)
        ending.pop(org.stop, None)
        org.stop, org.rule = place.stop, "organization_of_place"
        ending[org.stop] = org
        place.nested = True
    return mentions


_MAX_TAIL_WORDS = 3


def institution_of_organization(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Офис директора Национальной разведки США", "Комитет по делам ... ": a capitalized
    institution noun (``org_heads.txt``) with genitive words before an organization in the
    genitive names an organization of its own; the inner one stays a nested mention."""
    tokens = analysis.tokens
    for inner in [m for m in mentions if m.type == "ORG" and not m.nested]:
        if tokens[inner.first].feats.get("Case") != "Gen":
            continue
        start = _institution_start(analysis, inner.first)
        if start is None or start == inner.first or not tokens[start].text[:1].isupper():
            continue
        holding = [m for m in mentions if m.type == "ORG" and not m.nested
                   and m.first <= start < m.stop]
        if any((m.first, m.stop) != (start, inner.first) for m in holding):
            continue
        # "Комитет Госдумы": the NER model may have tagged the institution noun alone
        for m in holding:
            m.stop = m.first
        mentions.append(Found(start, inner.stop, "ORG", "institution_of_organization"))
        inner.nested = True
    return [m for m in mentions if m.stop > m.first]


def _institution_start(analysis: Analysis, place_first: int) -> int | None:
    """Where the institution's name begins when it ends right before ``place_first``."""
    tokens = analysis.tokens
    index = place_first - 1
    words = 0
    while index >= 0 and words <= _MAX_TAIL_WORDS and tokens[index].sent == tokens[place_first].sent:
        token = tokens[index]
        if org_head(analysis, index):
            if token.feats.get("Number") == "Plur":
                return None      # "ведомств РК": institutions in general, not one of them
            start = index
            while start > 0 and tokens[start - 1].pos == "ADJ" and \
                    tokens[start - 1].feats.get("Variant") != "Short" and \
                    tokens[start - 1].sent == token.sent:
                start -= 1
            return start
        if token.pos not in ("NOUN", "ADJ", "PROPN") or is_punct(token):
            return None
        if token.pos == "NOUN" and token.feats.get("Case") not in ("Gen",):
            return None
        index -= 1
        words += 1
    return None


_PLACE_ADJECTIVE_ENDINGS = ("ский", "цкий")
_NOT_PLACE_ENDINGS = ("ческий",)     # "политический", "исторический" say no place


def _place_adjective(analysis: Analysis, index: int) -> bool:
    """"японского", "российском", "нью-йоркской": a lowercase relational adjective of a place."""
    token = analysis.tokens[index]
    if token.pos != "ADJ" or not token.text[:1].islower() or token.feats.get("Variant") == "Short":
        return False
    lemma = analysis.lemma(index)
    return lemma.endswith(_PLACE_ADJECTIVE_ENDINGS) and not lemma.endswith(_NOT_PLACE_ENDINGS)


def place_adjective_of_organization(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"японского МИДа", "российского Минсельхоза", "американских ВВС": a place adjective
    agreeing with a one-word organization name (an abbreviation or a compound) belongs to
    the name, as factRuEval and NEREL annotate it. Before a longer name it stays out
    ("московского Института иностранных языков"), as NEREL has it."""
    tokens = analysis.tokens
    taken = {m.stop for m in mentions if not m.nested}
    for m in mentions:
        if m.type != "ORG" or m.nested or m.stop - m.first != 1 \
                or not tokens[m.first].text[:1].isupper():
            continue
        case = tokens[m.first].feats.get("Case")
        first = m.first
        while first > 0 and first not in taken and tokens[first - 1].sent == tokens[m.first].sent \
                and _place_adjective(analysis, first - 1) \
                and tokens[first - 1].feats.get("Case") == case:
            first -= 1
        if first < m.first:
            m.first, m.rule = first, "place_adjective_of_organization"
    return mentions


_COMPLEMENT_WORDS = 12        # "по природным ресурсам ..." is cut here at the latest
_CITY_WORDS = {"г", ".", "город"}


def _top_level_at(mentions: list[Found]) -> dict[int, Found]:
    return {m.first: m for m in mentions if not m.nested}


def _place_in_dative(analysis: Analysis, index: int, starting: dict[int, Found]) -> int | None:
    """"по Москве", "по г. Москве", "по Санкт-Петербургу и Ленинградской области": the
    index after the place(s), or None."""
    tokens = analysis.tokens
    while index < len(tokens) and (tokens[index].text.lower() in _CITY_WORDS
                                   or analysis.lemma(index) == "город"):
        index += 1
    place = starting.get(index)
    if place is None or place.type != "LOC" or tokens[place.first].feats.get("Case") != "Dat":
        return None
    stop = place.stop
    if stop + 1 < len(tokens) and tokens[stop].text == "и":
        second = starting.get(stop + 1)
        if second is not None and second.type == "LOC":
            stop = second.stop
    return stop


def _noun_phrase(analysis: Analysis, index: int, case: str, domain: bool = False) -> int | None:
    """ADJ* NOUN in ``case``, then genitive words: "делам беженцев", "главном архитекторе
    Москвы"; a second one joined by "и" goes with it ("ценным бумагам и биржам"). With
    ``domain`` the (first) noun must be listed (``org_complement_nouns.txt``). The index
    after it, or None."""
    tokens = analysis.tokens
    limit = min(len(tokens), index + _COMPLEMENT_WORDS)
    stop = _one_noun_phrase(analysis, index, case, limit, domain)
    if stop is not None and stop + 1 < limit and tokens[stop].text == "и" \
            and tokens[stop].sent == tokens[index].sent:
        stop = _one_noun_phrase(analysis, stop + 1, case, limit, False) or stop
    return stop


def _one_noun_phrase(analysis: Analysis, index: int, case: str, limit: int, domain: bool) -> int | None:
    tokens = analysis.tokens
    while index < limit and tokens[index].pos == "ADJ" and tokens[index].feats.get("Case") == case:
        index += 1
    if index >= limit or tokens[index].pos not in ("NOUN", "PROPN") \
            or tokens[index].feats.get("Case") != case:
        return None
    if domain and not domain_noun(analysis, index):
        return None
    index += 1
    while index < limit and tokens[index].pos in ("NOUN", "PROPN", "ADJ") \
            and tokens[index].feats.get("Case") == "Gen":
        index += 1
    return index


def domain_noun(analysis: Analysis, index: int) -> bool:
    if not gazetteer().org_complement_nouns.holds(analysis, index):
        return False
    # "по делам беженцев" names a domain, "по делу" a case
    return analysis.lemma(index) != "дело" or analysis.tokens[index].feats.get("Number") == "Plur"


def _complement(analysis: Analysis, index: int, starting: dict[int, Found], headed: bool) -> int | None:
    """The end of "по ..." / "при ..." starting at ``index``, or None."""
    tokens = analysis.tokens
    word = tokens[index].text.lower()
    if word == "по":
        after_place = _place_in_dative(analysis, index + 1, starting)
        if after_place is not None:
            return after_place
        return _noun_phrase(analysis, index + 1, "Dat", domain=True) if headed else None
    if word == "при" and headed:
        inner = starting.get(index + 1)
        if inner is not None and inner.type == "ORG":
            return inner.stop
        stop = _noun_phrase(analysis, index + 1, "Loc")
        inner = starting.get(stop) if stop is not None else None
        if inner is not None and inner.type in ("LOC", "ORG") \
                and analysis.tokens[inner.first].feats.get("Case") == "Gen":
            stop = inner.stop           # "при прокуратуре РФ"
        return stop
    return None


def _before_people(end: int | None, start: int, people: set[int]) -> int | None:
    """"вратаря сборной СССР по хоккею Виктора Толмачёва": a complement's genitive tail ends
    where a person's name begins; the name is the person's, not the organization's (the
    preposition and its noun stay)."""
    if end is None:
        return None
    return next((i for i in range(start + 2, end) if i in people), end)


def organization_complements(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"ГУ МВД России по Москве", "Комитет Сената по международным отношениям",
    "Следственного комитета при прокуратуре РФ": a "по"/"при" complement right after an
    organization's name is part of it, as factRuEval and NEREL annotate it.

    After any organization, "по" + a place in the dative joins ("УФСБ по Пермскому краю");
    a common-noun complement ("по делам беженцев", "при главном архитекторе Москвы")
    joins only a name headed by an institution noun (``org_heads.txt``), so "сообщили в
    МВД по телефону" stays as it is. Mentions inside become nested.
    """
    tokens = analysis.tokens
    starting = _top_level_at(mentions)
    coverage = Coverage(mentions)
    heads = gazetteer().org_heads
    people = {f.first for f in mentions if f.type == "PER"}
    for m in [m for m in mentions if m.type == "ORG" and not m.nested]:
        if m.first not in starting or starting[m.first] is not m:
            continue
        headed = any(heads.holds(analysis, i) for i in range(m.first, m.stop))
        stop = m.stop
        for _ in range(2):       # "Совета при Президенте РФ по развитию ..."
            if stop + 1 >= len(tokens) or tokens[stop].sent != tokens[m.first].sent:
                break
            end = _before_people(_complement(analysis, stop, starting, headed), stop, people)
            if end is None or tokens[end - 1].sent != tokens[m.first].sent:
                break
            stop = end
        if stop == m.stop:
            continue
        for inner in coverage.overlapping(m.first, stop):
            if inner is not m and m.first <= inner.first and inner.stop <= stop:
                inner.nested = True
        coverage.remove(m)
        m.stop, m.rule = stop, "organization_complements"
        coverage.add(m)
    return mentions


_MAX_DESCRIBING_WORDS = 3


def described_organizations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"российском министерстве финансов", "японского дипломатического ведомства",
    "европейское антимонопольное ведомство": a place adjective, an institution noun
    (``org_heads.txt``) and at least one word that says which institution it is name one
    organization, all in lowercase. "украинское правительство" alone says no more than the
    country's government and stays no name (factRuEval marks it a descriptor)."""
    tokens = analysis.tokens
    heads = gazetteer().org_heads
    coverage = Coverage(mentions)
    for index in range(len(tokens) - 1):
        if not _place_adjective(analysis, index) or coverage.overlapping(index, index + 1):
            continue
        case = tokens[index].feats.get("Case")
        head = index + 1
        while head < len(tokens) and head - index <= _MAX_DESCRIBING_WORDS \
                and tokens[head].pos == "ADJ" and tokens[head].text[:1].islower() \
                and tokens[head].feats.get("Case") == case:
            head += 1
        if head >= len(tokens) or tokens[head].sent != tokens[index].sent \
                or not tokens[head].text[:1].islower() or tokens[head].feats.get("Case") != case \
                or tokens[head].feats.get("Number") != "Sing" or not heads.holds(analysis, head):
            continue
        stop = head + 1
        while stop < len(tokens) and stop - head <= _MAX_DESCRIBING_WORDS \
                and tokens[stop].sent == tokens[index].sent \
                and tokens[stop].pos in ("NOUN", "ADJ") and tokens[stop].text[:1].islower() \
                and tokens[stop].feats.get("Case") == "Gen" \
                and not coverage.overlapping(stop, stop + 1):
            stop += 1
        if head == index + 1 and stop == head + 1:
            continue         # place adjective + institution noun only
        if coverage.overlapping(index, stop):
            continue
        mentions.append(coverage.add(Found(index, stop, "ORG", "described_organizations")))
    return mentions
