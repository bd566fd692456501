"""Name mentions: slovnet's NER spans, corrected by an ordered list of named rules.

Each rule is a pure function ``rule(analysis, mentions) -> mentions``; ``RULES`` lists them
in the order they run, and every mention remembers the last rule that shaped it
(``Found.rule``), so a surprising entity can be traced to the rule that made it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_list, load_set, load_table
from svodka.extractors.entities.found import Coverage, Found, is_punct
from svodka.extractors.entities.gazetteer import (FIRST_LETTERS, abbreviation_of,
                                                 common_abbreviation, gazetteer, known_name)
from svodka.extractors.entities.institutions import descriptor_compounds, lowercase_institutions
from svodka.extractors.entities.normal import normalize
from svodka.extractors.entities.organizations import (described_organizations,
                                                     institution_of_organization,
                                                     organization_complements,
                                                     organization_of_place,
                                                     place_adjective_of_organization,
                                                     quoted_organizations)
from svodka.extractors.entities.products import product_names
from svodka.extractors.entities.set_phrases import set_phrases
from svodka.extractors.entities.transliteration import may_be_spelling
from svodka.extractors.entities.two_people import split_two_people
from svodka.text import (BRACKETS, CLOSING_QUOTES, CYRILLIC_VOWELS, LATIN_VOWELS,
                         OPENING_QUOTES, fold)
from svodka.text import QUOTES_AND_APOSTROPHE as _QUOTES


def from_ner(analysis: Analysis) -> list[Found]:
    found = []
    for span in analysis.ner:
        indices = analysis.tokens_between(span.start, span.end)
        if len(indices):
            found.append(Found(indices.start, indices.stop, span.type, "slovnet"))
    return found


def trim_punctuation(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """No mention starts or ends on a dash, a comma or an unpaired quote."""
    tokens = analysis.tokens
    kept = []
    for m in mentions:
        inner = "".join(tokens[i].text for i in range(m.first, m.stop))
        paired = sum(inner.count(q) for q in OPENING_QUOTES) and sum(inner.count(q) for q in CLOSING_QUOTES)
        while m.first < m.stop and is_punct(tokens[m.first]) and not (
                paired and tokens[m.first].text in _QUOTES):
            m.first += 1
        while m.stop > m.first and is_punct(tokens[m.stop - 1]) and not (
                paired and tokens[m.stop - 1].text in _QUOTES and m.stop - m.first > 1
                and any(tokens[i].text in _QUOTES for i in range(m.first, m.stop - 1))):
            m.stop -= 1
        if m.stop > m.first:
            kept.append(m)
    return kept


_BRACKETS = set(BRACKETS)
_SEPARATORS = set(",;•·|")


def split_lists(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Всемирная организация здравоохранения (ВОЗ)", "Овечкин, Федоров", "Бахрейн • Бермуды":
    brackets and list separators inside a span part names, they do not join them."""
    tokens = analysis.tokens
    result = []
    for m in mentions:
        piece: list[int] = []
        for i in range(m.first, m.stop + 1):
            if i == m.stop or tokens[i].text in _BRACKETS or tokens[i].text in _SEPARATORS:
                if piece:
                    rule = m.rule if (piece[0], piece[-1] + 1) == (m.first, m.stop) else "split_lists"
                    result.append(Found(piece[0], piece[-1] + 1, m.type, rule, m.nested, m.canonical))
                piece = []
            else:
                piece.append(i)
    return result


def places_end_before_prepositions(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Комиссию США по ценным бумагам", "Бюро США по патентам": the NER model may run a
    place on into the complement of the organization before it; a place's name holds no
    spaced lowercase preposition, so it ends before one ("Ростов-на-Дону" is one word)."""
    tokens = analysis.tokens
    for m in mentions:
        if m.type != "LOC" or m.stop - m.first < 3:
            continue
        cut = next((i for i in range(m.first + 1, m.stop - 1)
                    if tokens[i].pos == "ADP" and tokens[i].text.islower()
                    and tokens[i].start > tokens[i - 1].end), None)
        if cut is not None:
            m.stop, m.rule = cut, "places_end_before_prepositions"
    return mentions


_BULLETS = set("•·|;")
_MIN_LIST = 4


def list_types(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"• Чили • Коста Рика • Эквадор • Египет •": names in one bulleted list are of one
    kind; when at least three in four of them agree, the others take that type."""
    tokens = analysis.tokens
    top = sorted((m for m in mentions if not m.nested), key=lambda m: m.first)
    runs: list[list[Found]] = []
    for m in top:
        previous = runs[-1][-1] if runs else None
        if previous is not None and m.first == previous.stop + 1 \
                and tokens[previous.stop].text in _BULLETS \
                and tokens[m.first].sent == tokens[previous.first].sent:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < _MIN_LIST:
            continue
        counts = {t: sum(m.type == t for m in run) for t in {m.type for m in run}}
        kind, count = max(counts.items(), key=lambda item: item[1])
        if 4 * count >= 3 * len(run):
            for m in run:
                if m.type != kind and m.canonical is None:
                    m.type, m.rule = kind, "list_types"
    return mentions


_NOT_IN_NAMES = {"ADV", "PART", "CCONJ", "SCONJ", "ADP", "PRON", "VERB", "AUX"}
# pymorphy's classes of words that are never a name: an adverb, a conjunction, a particle, a
# preposition, an interjection, a predicative or a full adjective opening a sentence
# ("Напоследок", "Неудержимый Овечкин, старательный Кузнецов" under a headline)
_NEVER_NAMES = {"ADVB", "CONJ", "PRCL", "PREP", "INTJ", "PRED", "ADJF"}


def _never_a_name(analysis: Analysis, word: str) -> bool:
    """"Напоследок Гомельский": the tagger took a sentence's opening adverb for a first name;
    pymorphy's dictionary knows the word, and only as words of these classes (a surname
    declined like an adjective, "Жуковский", "Толстой", has a surname reading too)."""
    word = word.lower()
    return analysis.morph.word_is_known(word) and all(
        p.tag.POS in _NEVER_NAMES for p in analysis.morph.parse(word))


def trim_person_edges(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Всё-таки Проди" is "Проди", "Полковник Квачков" is "Квачков": a person's name neither
    starts nor ends on a function word, and a title before it is a role, not part of it."""
    tokens = analysis.tokens

    def loose(index: int) -> bool:
        # a capitalized word inside a sentence may be a name the tagger misreads ("Ван")
        token = tokens[index]
        starts = index == analysis.sentences[token.sent].first
        return (token.pos in _NOT_IN_NAMES or starts and _never_a_name(analysis, token.text)) \
            and (starts or token.text[:1].islower()) and not _particle_name(token.text)

    role_words = gazetteer().role_words
    for m in mentions:
        if m.type != "PER":
            continue
        while m.stop - m.first > 1 and (loose(m.first) or role_words.holds(analysis, m.first)
                                        or _compound_role(analysis, m.first, role_words)):
            m.first += 1
            m.rule = "trim_person_edges"
        while m.stop - m.first > 1 and loose(m.stop - 1):
            m.stop -= 1
            m.rule = "trim_person_edges"
    return mentions


def _particle_name(word: str) -> bool:
    """"Тамер аль-Рифаи", "Абдель Фаттах ас-Сиси": a lowercase particle joined by a hyphen to a
    capitalized word is part of the name, though the tagger reads it as a particle (a function
    word's parts are all lowercase: "всё-таки", "из-за")."""
    particle, dash, rest = word.partition("-")
    return bool(dash) and particle.isalpha() and particle.islower() and rest[:1].isupper()


def _compound_role(analysis: Analysis, index: int, role_words) -> bool:
    """"Юрист-международник Илларион Гирс" opening a line: a role word joined by a hyphen to a
    common noun is a title, capitalized only because it opens the sentence. Not a double name
    ("Римский-Корсаков", "Жан-Поль"): the second part must be a known word that is no name."""
    first, dash, rest = analysis.tokens[index].text.partition("-")
    if not dash or not rest or "-" in rest or not rest.islower():
        return False
    morph = analysis.morph
    if not any(fold(p.normal_form) in role_words for p in morph.parse(first.lower())[:2]):
        return False
    return morph.word_is_known(rest) and all(
        not _NAME_GRAMMEMES & set(p.tag.grammemes) for p in morph.parse(rest))


# the dative endings an outlet told takes after a cue ("сказал Сулейман Р-Спорту")
_DATIVE_ENDINGS = ("у", "ю", "е")


def _names_an_outlet(word: str) -> bool:
    folded, outlets = fold(word), load_set("quote_outlets.txt")
    return folded in outlets or any(
        folded.endswith(ending) and folded[:-len(ending)] in outlets
        for ending in _DATIVE_ENDINGS)


def outlets_told(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"— сказал Сулейман Р-Спорту": a listed outlet (``quote_outlets.txt``, in the dative or
    undeclined) ending a person's name is whom he told, not part of his name."""
    tokens = analysis.tokens
    for m in mentions:
        if m.type == "PER" and m.stop - m.first > 1 and tokens[m.stop - 1].text[:1].isupper() \
                and _names_an_outlet(tokens[m.stop - 1].text):
            m.stop -= 1
            m.rule = "outlets_told"
    return mentions


# "малой планеты, названной Пулкова": what a thing is called
_NAMING_LEMMAS = {"назвать", "называть", "именовать", "наименовать"}
_VERB_FORMS = {"PRTF", "PRTS", "GRND", "VERB", "INFN"}


_MODEL_CODE = re.compile(r"^[А-ЯЁA-Z][а-яёa-zА-ЯЁA-Z]{0,3}-\d{1,4}[А-ЯЁA-Zа-яёa-z]{0,3}$")


def _capitalized_inside(analysis: Analysis) -> frozenset[str]:
    """Lemmas the text capitalizes where neither a sentence nor a line opens ("стены Кремля"):
    there a capital says "name"."""
    tokens = analysis.tokens
    return frozenset(analysis.lemma(i) for i, token in enumerate(tokens)
                     if token.text[:1].isupper() and token.text.isalpha()
                     and i > analysis.sentences[token.sent].first
                     and tokens[i - 1].text[:1].isalnum() and not _opens_line(analysis, i))


def _opens_line(analysis: Analysis, index: int) -> bool:
    text, start = analysis.text, analysis.tokens[index].start
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _opening_common_word(analysis: Analysis, index: int, inside: frozenset[str]) -> bool:
    """"Кислотно, смрадно, грустно.", "Инфарктом строится успех", "всех блатных /
    Приспособленцев в латах", "Селедка" opening a headline: a word capitalized only because
    it opens its sentence or its line (a verse's), that pymorphy knows and only as a common
    word (no reading as a name, surname, patronymic, place or organization), is that word.
    Capitalized anywhere else in the text, it is a name ("Кремль")."""
    tokens = analysis.tokens
    word = tokens[index].text.lower()
    opens_sentence = index == analysis.sentences[tokens[index].sent].first
    if not (opens_sentence or _opens_line(analysis, index)):
        return False
    if not word.isalpha() or analysis.lemma(index) in inside \
            or not analysis.morph.word_is_known(word) \
            or any(known_name(form) for form in (word, analysis.lemma(index),
                                                 analysis.morph.inflect(word, {"Nom"})) if form):
        return False
    parses = analysis.morph.parse(word)
    head = tokens[index].head
    if tokens[index].rel in ("nsubj", "nsubj:pass") and head >= 0 and tokens[head].pos == "VERB" \
            and not any("nomn" in p.tag for p in parses):
        return False                   # "Колосков встретился": a verb's subject no common reading can be
    return not any(_NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses)


_NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}


@lru_cache(maxsize=1)
def _description_nouns() -> frozenset[str]:
    """The nouns that stand for an organization named before them ("ведомство",
    "министерство", "компания"; ``coref_descriptions.tsv``): alone, capitalized only because
    it opens a sentence ("В МИД РФ ситуацию назвали беспрецедентной. Министерство заявило"),
    such a noun is the description the resolver links, not a name of its own."""
    return frozenset(row[0] for row in load_table("coref_descriptions.tsv"))


def no_names(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """Capitalized words that name no person or place: a participle opening a sentence
    ("Поделенная, как любит режиссер, на главы, …": every pymorphy reading is a verb form),
    a one-word name right after a participle of naming, the name of a thing ("малой
    планеты, названной Пулкова"), a model's code ("Ту-154", "Ан-26") and a common word that
    opens its sentence or line ("Селедка", "Кислотно", "Залечь")."""
    tokens, morph = analysis.tokens, analysis.morph
    kept = []
    inside = None
    for m in mentions:
        if m.stop - m.first == 1 and m.type in ("PER", "LOC", "ORG"):
            if inside is None:
                inside = _capitalized_inside(analysis)
            # an organization is often named by a common noun ("Нацбанк Казахстана",
            # "Минфин"): only a word that is no noun at all ("Залечь") is none
            if _opening_common_word(analysis, m.first, inside) and not (
                    m.type == "ORG" and any(p.tag.POS == "NOUN"
                                            for p in morph.parse(tokens[m.first].text.lower()))
                    and analysis.lemma(m.first) not in _description_nouns()):
                continue
        if m.stop - m.first == 1 and m.type in ("PER", "LOC"):
            word = tokens[m.first].text
            if _MODEL_CODE.match(word):
                continue
            parses = morph.parse(word.lower()) if word.isalpha() else []
            if parses and morph.word_is_known(word.lower()) \
                    and all(p.tag.POS in _VERB_FORMS for p in parses):
                continue
            before = m.first - 1
            if m.type == "PER" and before >= 0 and tokens[before].sent == tokens[m.first].sent \
                    and any(p.normal_form in _NAMING_LEMMAS and p.tag.POS == "PRTF"
                            for p in morph.parse(tokens[before].text.lower())):
                continue
        kept.append(m)
    return kept


_MAX_INITIAL_LETTERS = 3


def extend_initials(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Б.Обама", "В. В. Путин": initials before a surname belong to the person's name."""
    tokens = analysis.tokens
    for m in mentions:
        if m.type != "PER":
            continue
        while m.first >= 2 and tokens[m.first - 1].text == "." and _is_initial(tokens[m.first - 2]) \
                and tokens[m.first - 1].start == tokens[m.first - 2].end \
                and _region(analysis, m.first - 2) == _region(analysis, m.first):
            m.first -= 2
            m.rule = "extend_initials"
    return mentions


_PERSON_NAME = {"Name", "Patr"}


def places_before_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"премьер федеральной земли Саар Хьюго Мюллер": the first word of a person's name of
    three or more words, right after a lowercase noun of a kind of place
    (``place_descriptors.txt``), is that place; the person is the rest. A first name there
    stays the person's ("мэр города Иван Иванович Петров"), and so does a name of one or
    two words ("мэр города Лужков", "родным городом Каддафи")."""
    tokens = analysis.tokens
    descriptors = gazetteer().place_descriptors
    morph = analysis.morph
    added = []
    for m in mentions:
        before = m.first - 1
        if m.type != "PER" or before < 0 or m.stop - m.first < 3 \
                or not tokens[before].text[:1].islower() \
                or tokens[before].sent != tokens[m.first].sent \
                or not descriptors.holds(analysis, before):
            continue
        word = tokens[m.first].text
        if not word[:1].isupper() or any(_PERSON_NAME & set(form.tag.grammemes)
                                         for form in morph.parse(word.lower())):
            continue
        added.append(Found(m.first, m.first + 1, "LOC", "places_before_people"))
        m.first, m.rule = m.first + 1, "places_before_people"
    return mentions + added


def _region(analysis: Analysis, index: int) -> int:
    # the sentence splitter may end a sentence after an initial ("Б. Обама"); a paragraph holds
    return analysis.sentences[analysis.tokens[index].sent].region


_VOWELS = set(CYRILLIC_VOWELS + LATIN_VOWELS)


def _is_initial(token) -> bool:
    """"В", "Дж", "Вл": an initial of several letters is a consonant cluster; "Хуа" of "Ма
    Цинь Хуа. Том Чилтон" is a word that ends a sentence."""
    text = token.text
    return text[:1].isupper() and text.isalpha() and len(text) <= _MAX_INITIAL_LETTERS \
        and (len(text) == 1 or text[1:].islower() and not _VOWELS & set(text[1:].lower()))


def listed_abbreviations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """Listed abbreviations get their listed type, and a mention of their own when missed."""
    table = gazetteer().abbreviations
    coverage = Coverage(mentions)
    for index, token in enumerate(analysis.tokens):
        if not token.text[:1].isupper():
            continue
        abbreviation = abbreviation_of(token.text)
        if abbreviation is None:
            continue
        known = table[abbreviation]
        covering = coverage.overlapping(index, index + 1)
        exact = [m for m in covering if (m.first, m.stop) == (index, index + 1)]
        for m in exact:
            m.type, m.rule, m.canonical = known.type, "listed_abbreviation", known.canonical
        if not covering:
            mentions.append(coverage.add(Found(index, index + 1, known.type,
                                               "listed_abbreviation", canonical=known.canonical)))
    return mentions


def common_abbreviations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"по данным СМИ", "на месте ДТП": an abbreviation of a common noun alone names no
    organization, whatever the NER model says; inside a longer name it stays."""
    tokens = analysis.tokens
    return [m for m in mentions if m.stop - m.first > 1 or m.canonical is not None
            or not common_abbreviation(tokens[m.first].text)]


_MAX_ABBREVIATION = 6


def _initials(analysis: Analysis, stop: int, size: int) -> str | None:
    """The initials of the lowercase words ending before ``stop`` that could spell an
    abbreviation of ``size`` letters ("приборно-агрегатного отсека" -> "ПАО")."""
    tokens = analysis.tokens
    letters: list[str] = []
    index = stop - 1
    while index >= 0 and len(letters) < size:
        token = tokens[index]
        if not token.text[:1].isalpha() or not token.text.islower():
            return None
        letters = [part[:1].upper() for part in token.text.split("-") if part] + letters
        index -= 1
    return "".join(letters)


def defined_common_abbreviations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"приборно-агрегатного отсека (ПАО)": an abbreviation the text defines as the
    initials of lowercase words names a kind of thing; its mentions are dropped (unless the
    abbreviation is listed, like "международной космической станции (МКС)")."""
    tokens = analysis.tokens
    defined = set()
    for index in range(2, len(tokens) - 1):
        word = tokens[index].text
        if tokens[index - 1].text != "(" or tokens[index + 1].text != ")" \
                or not (2 <= len(word) <= _MAX_ABBREVIATION and word.isalpha() and word.isupper()):
            continue
        if abbreviation_of(word) is None and _initials(analysis, index - 1, len(word)) == word:
            defined.add(word)
    if not defined:
        return mentions
    return [m for m in mentions if not (m.stop - m.first == 1 and m.canonical is None
                                        and tokens[m.first].text.rstrip("аеуомы") in defined)]


def domain_zones(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"в доменной зоне .РФ", "сайты в зоне .рф": a word written right after a dot that
    follows a space is an internet domain, not the country."""
    tokens, text = analysis.tokens, analysis.text

    def zone(m: Found) -> bool:
        if m.stop - m.first != 1 or m.first == 0:
            return False
        dot = tokens[m.first - 1]
        return dot.text == "." and dot.end == tokens[m.first].start \
            and (dot.start == 0 or text[dot.start - 1].isspace())
    return [m for m in mentions if not zone(m)]


def groups_of_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Американцы возвращаются", "Республиканцы победили", "Уральцы не забудут": one plural
    animate common noun names people of a place or a party, not the organization or place.
    In quotes it is a name ("«Братья-мусульмане»", "игрок «Акул»")."""
    tokens = analysis.tokens

    def people(m: Found) -> bool:
        token = tokens[m.first]
        quoted = m.first > 0 and tokens[m.first - 1].text in _QUOTES
        return m.type in ("ORG", "LOC") and m.stop - m.first == 1 and m.canonical is None \
            and not quoted and token.pos == "NOUN" and token.feats.get("Animacy") == "Anim" \
            and token.feats.get("Number") == "Plur"
    return [m for m in mentions if not people(m)]


def institution_buildings(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Белый дом заявил", "пресс-служба Белого дома": a place named by a building noun
    (``institution_buildings.txt``) is the institution it houses, an organization, unless it
    is where something happens ("принимает в Белом доме", the locative case)."""
    buildings = gazetteer().institution_buildings
    tokens = analysis.tokens
    for m in mentions:
        if m.type != "LOC" or m.canonical is not None or m.stop - m.first < 2:
            continue
        head = next((i for i in range(m.first, m.stop) if buildings.holds(analysis, i)), None)
        if head is not None and tokens[head].feats.get("Case") != "Loc":
            m.type, m.rule = "ORG", "institution_buildings"
    return mentions


def adjective_places(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Транскаспийского маршрута", "Балтийского побережья" with only the adjective tagged: a
    word that describes a common noun names no place; unless listed, it is dropped."""
    tokens = analysis.tokens
    kept = []
    for m in mentions:
        after = m.stop < len(tokens) and tokens[m.stop]
        if m.type == "LOC" and m.stop - m.first == 1 and m.canonical is None \
                and tokens[m.first].pos == "ADJ" and after and after.pos == "NOUN" \
                and after.text[:1].islower() and after.sent == tokens[m.first].sent:
            continue
        kept.append(m)
    return kept


def _lemma_key(analysis: Analysis, first: int, stop: int) -> str:
    return fold(" ".join(analysis.lemma(i) for i in range(first, stop)))


def listed_names(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """Names from the alias table ("Евросоюз", "Европейский союз") get the listed type."""
    book = gazetteer()
    names = book.names
    tokens = analysis.tokens
    coverage = Coverage(mentions)
    for index, token in enumerate(tokens):
        if not token.text[:1].isupper() or token.text.isupper():
            continue
        spans = [(index, index + 1)] if book.single_names.may_hold(token.text) else []
        if fold(token.text)[:FIRST_LETTERS] in book.first_words:
            spans = [(index, index + n) for n in (4, 3, 2) if index + n <= len(tokens)
                     and tokens[index + n - 1].sent == token.sent] + spans
        for first, stop in spans:
            # one word by its lemma; several by their nominative ("Российской Федерации")
            key = _lemma_key(analysis, first, stop) if stop - first == 1 else \
                fold(normalize(analysis, first, stop, "ORG"))
            known = names.get(key)
            if known is None:
                continue
            if known.type == "LOC" and _quoted(tokens, first, stop):
                break     # клуб «Сибирь», ресторан «Арктика»: named after the place
            covering = coverage.overlapping(first, stop)
            for m in covering:
                if (m.first, m.stop) == (first, stop) or (
                        m.covers(Found(first, stop, "", "")) and _only_quotes_outside(
                            tokens, m, first, stop)):
                    coverage.remove(m)
                    m.first, m.stop = first, stop
                    m.type, m.rule, m.canonical = known.type, "listed_name", known.canonical
                    coverage.add(m)
            if not covering:
                mentions.append(coverage.add(Found(first, stop, known.type, "listed_name",
                                                   canonical=known.canonical)))
            break
    return mentions


def _quoted(tokens, first: int, stop: int) -> bool:
    return first > 0 and stop < len(tokens) and tokens[first - 1].text in OPENING_QUOTES \
        and tokens[stop].text in "»\"”“"


def _only_quotes_outside(tokens, m: Found, first: int, stop: int) -> bool:
    outside = list(range(m.first, first)) + list(range(stop, m.stop))
    return all(tokens[i].text in _QUOTES for i in outside)


def _listed_place(analysis: Analysis, first: int, limit: int) -> Found | None:
    """A listed place of two or three words starting at ``first``, as a nested mention."""
    book = gazetteer()
    if fold(analysis.tokens[first].text)[:FIRST_LETTERS] not in book.first_words:
        return None
    for stop in (first + 3, first + 2):
        if stop <= limit:
            known = book.names.get(fold(normalize(analysis, first, stop, "ORG")))
            if known is not None and known.type == "LOC":
                return Found(first, stop, "LOC", "places_in_organizations", nested=True,
                             canonical=known.canonical)
    return None


def places_in_organizations(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Единой России", "Банка России", "ФК «Тамбов»": a place named inside an organization's
    name is a nested mention of that place, as NEREL marks it, when the place is listed or
    the text names it as a place elsewhere. The organization's span is unchanged."""
    tokens = analysis.tokens
    book = gazetteer()
    coverage = Coverage(m for m in mentions if m.nested)
    places = {_lemma_key(analysis, m.first, m.stop) for m in mentions
              if m.type == "LOC" and not m.nested and m.stop - m.first == 1}
    added = []
    for org in mentions:
        if org.type != "ORG" or org.nested or org.stop - org.first < 2:
            continue
        for index in range(org.first, org.stop):
            token = tokens[index]
            if not token.text[:1].isupper() or token.text.isupper() \
                    or coverage.overlapping(index, index + 1):
                continue
            several = _listed_place(analysis, index, org.stop)     # "Центральная Азия"
            if several is not None:
                added.append(coverage.add(several))
                continue
            key = _lemma_key(analysis, index, index + 1)
            known = book.names.get(key) if book.single_names.may_hold(token.text) else None
            if known is not None and known.type == "LOC":
                added.append(coverage.add(Found(index, index + 1, "LOC", "places_in_organizations",
                                                nested=True, canonical=known.canonical)))
            elif known is None and key in places:
                added.append(coverage.add(Found(index, index + 1, "LOC", "places_in_organizations",
                                                nested=True)))
    return mentions + added


def directional_places(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"западной Европы", "южной Германии": a lowercase adjective of direction agreeing with
    a place right after it makes a part of that place, a place of its own; the place stays
    nested in it (NEREL marks both, factRuEval the whole)."""
    tokens = analysis.tokens
    directions = gazetteer().place_directions
    added = []
    for m in mentions:
        before = m.first - 1
        if m.type != "LOC" or m.nested or before < 0 or not tokens[before].text[:1].islower() \
                or tokens[before].pos != "ADJ" or tokens[before].sent != tokens[m.first].sent \
                or tokens[before].feats.get("Case") != tokens[m.first].feats.get("Case") \
                or not directions.holds(analysis, before):
            continue
        m.nested = True
        added.append(Found(before, m.stop, "LOC", "directional_places"))
    return mentions + added


_MAX_BRACKETED = 6


def _latin_name(tokens, first: int, stop: int) -> bool:
    """"Volkswagen", "Committee to Protect Journalists", "La Stampa", "3Com": Latin words,
    the first capitalized or a digit."""
    words = [tokens[i].text for i in range(first, stop)]
    return 0 < len(words) <= _MAX_BRACKETED and (words[0][:1].isupper() or words[0][:1].isdigit()) \
        and all(w.isascii() and any(ch.isalpha() for ch in w) for w in words)


@lru_cache(maxsize=1)
def _facility_nouns():
    from svodka.extractors.entities.gazetteer import WordList
    return WordList.of(load_list("facility_descriptors.txt"))


def quoted_facilities(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"на автодроме «Поль Рикар»": a quoted name after a facility noun
    (``facility_descriptors.txt``) is a place, though it is also a person's name; so is the
    same quoted name elsewhere in the text ("«Поль Рикар» устроил гонщикам сауну")."""
    tokens = analysis.tokens
    nouns = _facility_nouns()
    coverage = Coverage(mentions)
    names: set[str] = set()
    for index in range(len(tokens) - 2):
        if tokens[index + 1].text not in OPENING_QUOTES or not nouns.holds(analysis, index):
            continue
        first = index + 2
        stop = next((i for i in range(first, min(first + _MAX_BRACKETED, len(tokens)))
                     if tokens[i].text in CLOSING_QUOTES or tokens[i].sent != tokens[index].sent),
                    None)
        if stop is None or stop == first or tokens[stop].text not in CLOSING_QUOTES \
                or not tokens[first].text[:1].isupper():
            continue
        held = coverage.overlapping(first, stop)
        if any(m.first < first or m.stop > stop for m in held):
            continue
        for m in held:
            coverage.remove(m)
            m.stop = m.first        # emptied; dropped below
        mentions.append(coverage.add(Found(first, stop, "LOC", "quoted_facilities")))
        names.add(_words_of(tokens, first, stop))
    for m in mentions:
        if m.type == "PER" and m.first > 0 and tokens[m.first - 1].text in OPENING_QUOTES \
                and _words_of(tokens, m.first, m.stop) in names:
            m.type, m.rule = "LOC", "quoted_facilities"
    return [m for m in mentions if m.stop > m.first]


def _words_of(tokens, first: int, stop: int) -> str:
    return " ".join(fold(tokens[i].text) for i in range(first, stop))


def teams_after_people(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Норберт Мичелис (Zengo Motorsport)", "Макс Ферстаппен (Toro Roso)": Latin words in
    brackets right after a person's name that cannot spell it are whom he plays or works for
    (a team, a club, a company), an organization; "Брендт Кристенсен (Brendt Christensen)" is
    his spelling, and one word may be a nickname ("Шон Комбс (Diddy)")."""
    tokens = analysis.tokens
    coverage = Coverage(mentions)
    for m in [m for m in mentions if m.type == "PER" and not m.nested]:
        opening = m.stop
        closing = next((i for i in range(opening + 1, min(opening + _MAX_BRACKETED + 2,
                                                            len(tokens)))
                        if tokens[i].text in ("(", ")")), None)
        if opening >= len(tokens) or tokens[opening].text != "(" or closing is None \
                or tokens[closing].text != ")" or tokens[closing].sent != tokens[opening].sent \
                or not _latin_name(tokens, opening + 1, closing):
            continue
        inside = analysis.text[tokens[opening + 1].start:tokens[closing - 1].end]
        person = analysis.text[tokens[m.first].start:tokens[m.stop - 1].end]
        if may_be_spelling(inside, person):
            continue
        held = coverage.overlapping(opening + 1, closing)
        if not held:
            mentions.append(coverage.add(Found(opening + 1, closing, "ORG",
                                               "teams_after_people")))
        elif len(held) == 1 and (held[0].first, held[0].stop) == (opening + 1, closing) \
                and held[0].type == "PER":
            held[0].type, held[0].rule = "ORG", "teams_after_people"
    return mentions


def bracketed_names(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"концерн «Фольксваген» (Volkswagen)", "Бюро США по патентам (USPTO)", "Комитет защиты
    журналистов (КЗЖ) (Committee to Protect Journalists)": a Latin name in brackets right
    after an organization's name is another name of that organization, also where the NER
    model saw a place or nothing. A listed name in brackets keeps its type: "суд
    Сан-Франциско (США)" says where the court is."""
    tokens = analysis.tokens
    coverage = Coverage(mentions)
    ending = {m.stop: m for m in mentions if not m.nested}
    for opening in range(1, len(tokens) - 2):
        if tokens[opening].text != "(":
            continue
        before = opening
        while before > 0 and tokens[before - 1].text in _QUOTES:
            before -= 1
        org = ending.get(before)
        closing = next((i for i in range(opening + 1, min(opening + _MAX_BRACKETED + 2,
                                                            len(tokens)))
                        if tokens[i].text in ("(", ")")), None)
        if org is None or org.type != "ORG" or closing is None or tokens[closing].text != ")" \
                or tokens[closing].sent != tokens[opening].sent:
            continue
        held = coverage.overlapping(opening + 1, closing)
        filled = len(held) == 1 and (held[0].first, held[0].stop) == (opening + 1, closing)
        if not _latin_name(tokens, opening + 1, closing):
            if filled and held[0].type == "ORG":
                ending[closing + 1] = held[0]    # "(КЗЖ)": a second bracket may follow
            continue
        if not held:
            m = coverage.add(Found(opening + 1, closing, "ORG", "bracketed_names"))
            mentions.append(m)
        elif filled and held[0].canonical is None and not held[0].nested:
            m = held[0]
            m.type, m.rule = "ORG", "bracketed_names"
        else:
            continue
        ending[closing + 1] = m
    return mentions


# nouns that name the source of a report right before a site: "по данным lenta.ru",
# "в интервью bbcrussian.com", "издание fontanka.ru"; speech verbs come from quote_cues.txt
_SOURCE_NOUNS = frozenset({"данные", "интервью", "издание", "собеседник", "информация"})
_URL_MARKS = set("/@:.")
_MAX_LABELS = 4         # "news.bbc.co.uk"; a longer run of dotted words is no site name


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    return load_set("quote_cues.txt") | _SOURCE_NOUNS


def _domain_end(tokens, first: int, domains: frozenset[str]) -> int | None:
    """Where a written domain name starting at ``first`` ends ("baltinfo . ru", "0 . facebook
    . com": razdel cuts it at the dots), or None."""
    index, labels = first, 0
    while labels < _MAX_LABELS and index + 2 < len(tokens) and tokens[index + 1].text == "." \
            and tokens[index + 1].start == tokens[index].end \
            and tokens[index + 2].start == tokens[index + 1].end:
        labels += 1
        index += 2
        if tokens[index].text.lower() in domains and not (
                index + 2 < len(tokens) and tokens[index + 1].text == "."
                and tokens[index + 2].start == tokens[index + 1].end):
            return index + 1 if labels else None
    return None


def media_sites(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"сообщает baltinfo.ru", "цитирует infox.ru директора", "Lenta.ru напоминает": a web
    site named as the source of a report is an organization, the medium, as factRuEval and
    NEREL mark it. A site named as a place ("на сайте gosuslugi.ru", "петиция на change.org")
    or inside an address ("newtimes.ru/articles") is no name."""
    tokens = analysis.tokens
    domains = load_set("web_domains.txt")
    sources = _source_words()
    coverage = Coverage(mentions)
    for first, token in enumerate(tokens):
        if not token.text[:1].isalnum() or (first and tokens[first - 1].end == token.start
                                              and tokens[first - 1].text[-1:] in _URL_MARKS):
            continue
        stop = _domain_end(tokens, first, domains)
        if stop is None or coverage.overlapping(first, stop) \
                or (stop < len(tokens) and tokens[stop].start == tokens[stop - 1].end
                    and tokens[stop].text[:1] in "/@:"):
            continue
        before = first - 1 if first and tokens[first - 1].sent == token.sent else None
        after = stop if stop < len(tokens) and tokens[stop].sent == token.sent else None
        if any(i is not None and tokens[i].text[:1].isalpha() and analysis.lemma(i) in sources
               for i in (before, after)):
            mentions.append(coverage.add(Found(first, stop, "ORG", "media_sites")))
    return mentions


def drop_overlaps(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """Of two top-level mentions sharing a word, the longer stays."""
    top = sorted((m for m in mentions if not m.nested), key=lambda m: (-(m.stop - m.first), m.first))
    kept: list[Found] = []
    coverage = Coverage()
    for m in top:
        if not coverage.overlapping(m.first, m.stop):
            kept.append(coverage.add(m))
    nested = [m for m in mentions if m.nested
              and any(k.covers(m) for k in coverage.overlapping(m.first, m.stop))]
    return sorted(kept + nested, key=lambda m: (m.first, -m.stop))


RULES = [
    split_lists,
    places_end_before_prepositions,
    list_types,
    trim_punctuation,
    trim_person_edges,
    split_two_people,
    outlets_told,
    no_names,
    set_phrases,
    extend_initials,
    places_before_people,
    listed_abbreviations,
    listed_names,
    adjective_places,
    institution_buildings,
    common_abbreviations,
    defined_common_abbreviations,
    domain_zones,
    groups_of_people,
    product_names,
    descriptor_compounds,
    quoted_organizations,
    described_organizations,
    organization_of_place,
    institution_of_organization,
    lowercase_institutions,
    place_adjective_of_organization,
    organization_complements,
    teams_after_people,
    quoted_facilities,
    bracketed_names,
    media_sites,
    places_in_organizations,
    directional_places,
    drop_overlaps,
]


def find_mentions(analysis: Analysis, rules=RULES) -> list[Found]:
    mentions = from_ner(analysis)
    for rule in rules:
        mentions = rule(analysis, mentions)
    return mentions


def coordinated_complements(analysis: Analysis, mentions: list[Found]) -> list[Found]:
    """"Всемирный фестиваль молодёжи и студентов", "Министерство энергетики и угольной
    промышленности": a name of an organization or an event that ends on a lowercase genitive
    complement goes on over the complement's conjunct after "и" (with its adjectives), which
    the parser hangs on that complement in the same case. Not where that last word is the
    name's own head: "построек Чудова монастыря и храма митрополита Алексия" are two."""
    tokens = analysis.tokens
    starts = {m.first for m in mentions}
    for m in mentions:
        last = m.stop - 1
        if m.type not in ("ORG", "EVENT") or m.stop - m.first < 2 \
                or tokens[last].pos != "NOUN" or not tokens[last].text.islower() \
                or tokens[last].feats.get("Case") != "Gen" \
                or not m.first <= tokens[last].head < last \
                or m.stop + 1 >= len(tokens) or tokens[m.stop].text != "и":
            continue
        conjunct = next((i for i in range(m.stop + 1, min(m.stop + 4, len(tokens)))
                         if tokens[i].head == last and tokens[i].rel == "conj"), None)
        if conjunct is None or tokens[conjunct].pos != "NOUN" \
                or tokens[conjunct].feats.get("Case") != "Gen" \
                or tokens[conjunct].sent != tokens[last].sent \
                or not all(tokens[i].text.islower() and tokens[i].text.isalpha()
                           for i in range(m.stop + 1, conjunct + 1)) \
                or not all(tokens[i].head == conjunct and tokens[i].pos == "ADJ"
                           for i in range(m.stop + 1, conjunct)) \
                or any(i in starts for i in range(m.stop, conjunct + 1)):
            continue
        m.stop = conjunct + 1
    return mentions
