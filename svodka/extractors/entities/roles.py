"""People's roles and the title words that later stand for them.

A role is a phrase headed by a title word (``role_words.txt``) standing next to a person's
name: before it ("президента РК Касым-Жомарта Токаева", chains joined by a dash: "посла
Казахстана в Бельгии - постоянного представителя РК при ЕС Романа Василенко") or after it
between commas, dashes or brackets ("Лавров, глава МИД России, заявил"). Roles are given in
the nominative: the title word and its adjectives are inflected, the rest is kept.

Who a title word used alone afterwards ("Посол подчеркнул") or a pronoun ("он стал министром")
refers to is the resolver's call (``extractors/coref``); this module reads its links.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_set, load_table
from svodka.extractors.entities.gazetteer import gazetteer
from svodka.extractors.entities.normal import join_words, nominative_word
from svodka.record import Entity
from svodka.text import QUOTE_MARKS, fold, fold_word

_INSIDE = {"NOUN", "PROPN", "ADJ", "ADP", "CCONJ", "NUM", "X"}   # words a role phrase may hold
_LINKS = {"-", "–", "—"}
_QUOTES = set(QUOTE_MARKS)
_BRACKETS = set("()")     # "пресс-секретарь Фонда борьбы с коррупцией (ФБК)"
_MAX_ROLE_TOKENS = 15
_POSTS = {"пост", "должность"}
_OPENING = {"»": ("«",), "“": ("„", "“"), "\"": ("\"",), "”": ("“",)}
_OPENING_TO_CLOSING = {"«": ("»",), "„": ("“",), "“": ("”",), "\"": ("\"",)}
_CLOSING = set(_OPENING)
_OPENERS = {"«", "„", "("}
_MAX_QUOTED = 10
_CLOSERS = {",", ")", ".", ";", *_LINKS}


@dataclass(slots=True)
class Role:
    first: int
    stop: int
    head: int             # the title word
    text: str             # nominative
    stacked: bool = False  # another title stands right before it: "психиатра полковника"


def _is_role_word(analysis: Analysis, index: int) -> bool:
    """A title word: "посол", "Император" (tagged a proper noun at a sentence start), and the
    compounds "экс-президент", "хип-хоп-исполнитель", "солдат-срочник"."""
    token = analysis.tokens[index]
    # the tagger reads some title nouns as adjectives ("футболисту"); the lemma decides
    if token.pos not in ("NOUN", "PROPN", "ADJ") or not token.text[:1].isalpha():
        return False
    words = gazetteer().role_words
    parts = token.text.split("-")
    if not any(words.may_hold(part) for part in parts):
        return False
    lemma = analysis.lemma(index)
    if not (lemma in words or "-" in lemma
            and any(_part_lemma(analysis, part) in words for part in lemma.split("-"))):
        return False
    return token.rel != "fixed" and not _misread_subject(analysis, index, lemma) \
        and not _cited_word(analysis, index)


def _cited_word(analysis: Analysis, index: int) -> bool:
    """"понятие «собственник», которого нет в Конституции", "слово «президент»": a word in
    quotation marks standing in apposition to the inanimate noun before the marks is the word
    cited, a term, not anyone's title."""
    tokens = analysis.tokens
    token = tokens[index]
    opening = index - 1
    while opening >= 0 and tokens[opening].pos == "ADJ":
        opening -= 1
    if opening < 1 or tokens[opening].text not in _OPENING_TO_CLOSING \
            or token.rel not in ("appos", "flat", "nmod") or token.head != opening - 1:
        return False
    noun = tokens[opening - 1]
    return noun.pos == "NOUN" and noun.feats.get("Animacy") == "Inan"


def _misread_subject(analysis: Analysis, index: int, lemma: str) -> bool:
    """"политика Си Цзиньпина снизит риски": a subject the tagger calls an oblique case of a
    title ("политика" of "политик") is another word's nominative, the policy; "во главе с",
    "в качестве" (``fixed``) are no titles either."""
    token = analysis.tokens[index]
    if not token.rel.startswith("nsubj") or token.feats.get("Case") in ("Nom", None):
        return False
    return any(form.tag.POS == "NOUN" and form.tag.case == "nomn" and form.tag.animacy == "inan"
               and fold_word(form.normal_form) != lemma
               for form in analysis.morph.parse(token.text.lower()))


def _feat_words() -> frozenset[str]:
    return load_set("role_feats.txt")


@lru_cache(maxsize=None)
def _part_words() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {"noun": set(), "verb": set()}
    for lemma, kind in load_table("role_parts.txt"):
        kinds[kind].add(lemma)
    return {kind: frozenset(lemmas) for kind, lemmas in kinds.items()}


def _rank_words() -> frozenset[str]:
    return load_set("role_ranks.txt")


def _played_part(analysis: Analysis, head: int) -> bool:
    """"сыграл роль президента США", "в роли следователя", "сыгравший президента Фрэнка
    Андервуда": the title is a part in a film or play, not a post of anyone named."""
    tokens = analysis.tokens
    parent = tokens[head].head
    if parent < 0:
        return False
    parts = _part_words()
    lemma = analysis.lemma(parent)
    return lemma in parts["noun"] or tokens[head].rel == "obj" and lemma in parts["verb"]


def _in_capacity(analysis: Analysis, first: int) -> bool:
    """"допустить Лию Ахеджакову в качестве общественного защитника Малобродского": the title
    is what the verb's object is made, and the name after it is whose."""
    words = [t.text.lower() for t in analysis.tokens[max(0, first - 2):first]]
    return words == ["в", "качестве"]


def _respective(analysis: Analysis, role: Role) -> bool:
    """"премьер-министров Японии и Израиля Синдзо Абэ и Биньямина Нетаньяху": a plural title
    whose complement joins two names gives each person one of them, not the phrase."""
    tokens = analysis.tokens
    if tokens[role.head].feats.get("Number") != "Plur":
        return False
    return any(tokens[i].text.lower() == "и" and tokens[i - 1].text[:1].isupper()
               and tokens[i + 1].text[:1].isupper() for i in range(role.head + 1, role.stop - 1))


def _education_start(analysis: Analysis, head: int, stop: int) -> int:
    """"Елизавета Глинка, врач-реаниматолог по образованию,": the training is no part of the
    occupation's name."""
    tokens = analysis.tokens
    return next((i for i in range(head + 1, stop - 1) if tokens[i].text.lower() == "по"
                 and analysis.lemma(i + 1) == "образование"), stop)


def is_position(analysis: Analysis, role: Role) -> bool:
    """Is the phrase a post, title or occupation of the person it stands by? Not a deed
    ("автор дубля", ``role_feats.txt``), a part played, a capacity someone is given, or a
    respective list."""
    return analysis.lemma(role.head) not in _feat_words() \
        and not _played_part(analysis, role.head) \
        and not _in_capacity(analysis, role.first) \
        and not _respective(analysis, role)


def _part_lemma(analysis: Analysis, part: str) -> str:
    forms = analysis.morph.parse(part) if part else []
    return fold_word(forms[0].normal) if forms else part


def _may_hold(analysis: Analysis, index: int, names: set[int]) -> bool:
    token = analysis.tokens[index]
    if index in names:
        return False
    if token.text in _QUOTES or token.text in _BRACKETS:
        return True
    if token.pos == "VERB" and token.feats.get("VerbForm") == "Part" and token.rel == "amod":
        return True       # "Представитель переходной команды избранного президента Шон Спайсер"
    return token.pos in _INSIDE and any(ch.isalnum() for ch in token.text)


_AMBIGUOUS_CASES = {"Acc", "Gen"}


def _agrees(analysis: Analysis, index: int, case: str | None) -> bool:
    """Is the word at ``index`` in ``case`` (or untagged)? An animate accusative has the
    genitive's form, and the tagger may call one the other: "продать армянского полузащитника
    Генриха Мхитаряна" (Acc) agrees with its name (Gen)."""
    own = analysis.tokens[index].feats.get("Case")
    if own is None or case is None or own == case:
        return True
    if {own, case} != _AMBIGUOUS_CASES:
        return False
    forms = analysis.morph.parse(analysis.tokens[index].text.lower())
    cases = {form.tag.case for form in forms}
    return "gent" in cases and "accs" in cases


def _extend_adjectives(analysis: Analysis, head: int, floor: int) -> int:
    """The adjectives before a title that agree with it: "нынешнему градоначальнику", not
    "уступив первое нынешнему градоначальнику"; a short form is a predicate ("С этим согласен
    директор")."""
    tokens = analysis.tokens
    case = tokens[head].feats.get("Case")
    first = head
    while first - 1 >= floor and tokens[first - 1].pos == "ADJ" \
            and tokens[first - 1].sent == tokens[head].sent \
            and tokens[first - 1].feats.get("Variant") != "Short" \
            and not _age(tokens[first - 1].text) and _agrees(analysis, first - 1, case) \
            and analysis.lemma(first - 1) not in _NOT_TITLE_WORDS:
        first -= 1
    if first - 1 >= floor and analysis.lemma(first - 1) in _NOT_TITLE_WORDS:
        return head       # "самой титулованной спортсменкой": a standing; the title is hers
    return first


# "у самой спортсменки", "самой титулованной спортсменкой": "herself", "the most"
# "другой зампред", "лучший снайпер", "единственный учёный": which one, not what post
_NOT_TITLE_WORDS = {"сам", "самый", "другой", "лучший", "единственный"}


def _age(word: str) -> bool:
    """"59-летний эрцгерцог", "61-летняя певица": the age is no part of the title."""
    return any(ch.isdigit() for ch in word) or "летн" in word.lower()


# prepositions that open a role's own complement even without a name in it: "министр по
# делам молодёжи", "представитель президента при правительстве", "кандидат от партии"
_ROLE_PREPOSITIONS = {"по", "при", "от"}


def _in_subtree(analysis: Analysis, index: int, head: int) -> bool:
    tokens = analysis.tokens
    for _ in range(_MAX_ROLE_TOKENS):
        if index == head:
            return True
        index = tokens[index].head
        if index < 0:
            return False
    return False


def _noun_phrase_stop(analysis: Analysis, head: int, stop: int) -> int:
    """Where the title's noun phrase ends: at the first word the parser attaches outside it
    ("политик намерен", "спортсменка три раза"), at a short adjective, or at a prepositional
    group on the title word itself that is no complement of a title — one with no name in it,
    opened by a preposition other than "по", "при", "от" ("хоккеист с начала его карьеры",
    "тренер на месте"; but "руководитель службы по надзору в сфере образования")."""
    tokens = analysis.tokens
    for index in range(head + 1, stop):
        token = tokens[index]
        if token.pos == "PUNCT":
            continue
        if token.feats.get("Variant") == "Short" or not _in_subtree(analysis, index, head) \
                or _circumstance(analysis, head, index, stop):
            return index
    return stop


def _outside_group(analysis: Analysis, head: int, index: int, stop: int) -> bool:
    """A prepositional group with no name in it that the parser does not hang under the title:
    "указа президента о назначении … министра обороны": the title's phrase ends before it."""
    tokens = analysis.tokens
    token = tokens[index]
    if token.pos != "ADP" or token.text.lower() in _ROLE_PREPOSITIONS or token.head < 0 \
            or _in_subtree(analysis, token.head, head):
        return False
    group = _group(analysis, index, stop, upto_role=True)
    # "кандидат в президенты Дональд Трамп": a group of a role word alone is part of the title
    return bool(group) and _names_nothing(analysis, group)


def _circumstance(analysis: Analysis, head: int, index: int, stop: int) -> bool:
    """Is the preposition at ``index`` the opening of a group on the title word that says
    where or when, not whose or of what ("тренер на месте Золотарёва", "хоккеист с начала
    карьеры")? A title's own complements are opened by "по", "при", "от" or name a place or
    body: "посол в Бельгии"."""
    tokens = analysis.tokens
    token = tokens[index]
    if token.pos != "ADP" or token.head < 0 or tokens[token.head].head != head:
        return False
    if token.text.lower() in _ROLE_PREPOSITIONS and not _compound(analysis, index):
        return False
    # "кандидат в президенты", "кандидат в депутаты": a group naming a post completes the title
    return _names_nothing(analysis, _group(analysis, index, stop, upto_role=False))


def _compound(analysis: Analysis, index: int) -> bool:
    """"по сравнению с", "по поводу": a preposition the parser makes one word with the
    following ones (``fixed``) says in what respect, not whose or of what ("другой футболист
    по сравнению с тем")."""
    return any(analysis.tokens[c].rel == "fixed" for c in analysis.children(index))


def _group(analysis: Analysis, index: int, stop: int, upto_role: bool) -> range:
    """The words of the prepositional group opened at ``index``: up to the next preposition
    (or, with ``upto_role``, the next role word) or ``stop``."""
    tokens = analysis.tokens
    return range(index + 1, next((i for i in range(index + 1, stop) if tokens[i].pos == "ADP"
                                  or upto_role and _is_role_word(analysis, i)), stop))


def _names_nothing(analysis: Analysis, group: range) -> bool:
    """No name, quotation or post in the group: it says where, when or of what, not who."""
    tokens = analysis.tokens
    return not any(tokens[i].text[:1].isupper() or tokens[i].text in _QUOTES
                   or _is_role_word(analysis, i) for i in group)


# "и.о. мэра города", "врио губернатора": the acting holder of the post, written short
_ACTING_SHORT = (("и", ".", "о", "."), ("врио",), ("вриo",), ("и.о.",))


def _acting_short(analysis: Analysis, first: int) -> int:
    """Where the role starts when an acting abbreviation stands before ``first``."""
    tokens = analysis.tokens
    for words in _ACTING_SHORT:
        start = first - len(words)
        if start >= 0 and tuple(t.text.lower() for t in tokens[start:first]) == words \
                and all(tokens[i].sent == tokens[first].sent for i in range(start, first)):
            return start
    return first


def _role(analysis: Analysis, first: int, head: int, stop: int) -> Role:
    tokens, morph = analysis.tokens, analysis.morph
    while stop - 1 > head and tokens[stop - 1].text == ")" \
            and all(t.text != "(" for t in tokens[first:stop - 1]):
        stop -= 1         # "литературовед (и, кстати, биограф Пушкина) Владимир Новиков"
    stop = _education_start(analysis, head, stop)
    while stop - 1 > head and tokens[stop - 1].text in _OPENERS:
        stop -= 1         # "фигуристка «": a quote the role does not hold
    while stop - 1 > head and tokens[stop - 1].pos in ("CCONJ", "ADP"):
        stop -= 1         # "адвоката или самого Виктора": a role ends on no conjunction
    acting = _acting_short(analysis, first)
    if acting < first:
        # "и.о. мэра города": what the abbreviation governs stays in its case
        return Role(acting, stop, head, join_words(analysis.text, tokens, acting, stop,
                                                   [t.text for t in tokens[acting:stop]]))
    words = []
    for i in range(first, stop):
        token = tokens[i]
        word = token.text
        if first <= i <= head and token.pos in ("NOUN", "PROPN", "ADJ"):
            pos = "NOUN" if i == head else token.pos
            word = nominative_word(morph, token.text, pos, token.feats)
            if not token.text.isupper():
                word = word.lower()
        words.append(word)
    return Role(first, stop, head, join_words(analysis.text, tokens, first, stop, words))


def _opening_quote(analysis: Analysis, index: int, floor: int) -> int | None:
    """The opening mark of the quote whose closing mark is at ``index``."""
    tokens = analysis.tokens
    closing = tokens[index].text
    if closing not in _CLOSING:
        return None
    for i in range(index - 1, max(floor, index - _MAX_QUOTED) - 1, -1):
        if tokens[i].text in _OPENING.get(closing, ()):
            return i
    return None


def _closing_quote(analysis: Analysis, index: int, stop: int) -> int | None:
    tokens = analysis.tokens
    opening = tokens[index].text
    if opening not in _OPENING_TO_CLOSING:
        return None
    for i in range(index + 1, min(stop, index + _MAX_QUOTED)):
        if tokens[i].text in _OPENING_TO_CLOSING[opening]:
            return i
    return None


def _inflected_genitive(analysis: Analysis, first: int, stop: int, oblique=frozenset()) -> bool:
    """"Александра Кокорина": a name in the genitive, and visibly inflected (its lemma, or
    its nominative ``oblique`` says so: a foreign name the tagger calls genitive may be
    undeclined)."""
    last = stop - 1
    token = analysis.tokens[last]
    return token.feats.get("Case") == "Gen" and (
        first in oblique or analysis.lemma(last) != token.text.lower())


def role_before(analysis: Analysis, name_first: int, names: set[int],
                name_starts: dict[int, int] | None = None, oblique=frozenset()) -> Role | None:
    """The role phrase that ends right before ``name_first``; it may hold a quoted name
    ("главный редактор радиостанции «Говорит Москва»") and a person's name in the genitive
    ("адвокат Александра Кокорина Андрей Ромашов")."""
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[name_first].sent]
    floor = max(sentence.first, name_first - _MAX_ROLE_TOKENS)
    case = tokens[name_first].feats.get("Case")
    heads = []
    index = name_first - 1
    while index >= floor:
        opening = _opening_quote(analysis, index, floor)
        if opening is not None:
            index = opening - 1
            continue
        if index in names and name_starts and index in name_starts and case != "Gen" \
                and _inflected_genitive(analysis, name_starts[index], index + 1, oblique):
            index = name_starts[index] - 1      # the person whose advocate, aide, coach ...
            continue
        if not _may_hold(analysis, index, names):
            break
        if _is_role_word(analysis, index):
            heads.append(index)
        index -= 1
    if not heads or tokens[name_first - 1].pos in ("ADP", "CCONJ") \
            or _coordinated_with_title(analysis, name_first, heads) \
            or case == "Gen" and _inside_title_phrase(analysis, name_first, names, heads):
        return None
    # an apposition agrees in case with its name: in "заявил президент на встрече с главой
    # МВД Владимиром Колокольцевым" the role is "главой МВД", not the phrase from "президент"
    agreeing = [i for i in heads if _agrees(analysis, i, case)
                or case == "Gen" and tokens[i].feats.get("Case") == "Acc"
                and _accusative_form(analysis, name_first)]
    if case and not agreeing and case == "Gen" and all(
            tokens[i].feats.get("Case") for i in heads) \
            and _inflected_genitive(analysis, name_first, name_first + 1, oblique):
        return None       # "адвокат Александра Кокорина": the name is whose, not who
    if case == "Gen" and not agreeing and tokens[name_first].rel == "nmod" \
            and tokens[name_first].head in heads:
        return None       # "Джина Хаспел – заместитель Помпео": an undeclined name the parser
        # makes the complement of a title in another case is whose deputy, not who
    if case and not agreeing and case != "Gen":
        acting = _acting(analysis, heads[-1], floor, case)
        if acting is not None:      # "исполняющий обязанности президента Александр Турчинов"
            return _role(analysis, acting, acting, name_first)
    candidates = agreeing if case and agreeing else heads

    def gap(h: int) -> int | None:
        return next((i for i in range(h + 1, name_first) if _circumstance(analysis, h, i, name_first)
                     or _outside_group(analysis, h, i, name_first)), None)

    # the first title with no circumstance between it and the name: "проект указа президента
    # о назначении … министра обороны РФ Сергея Шойгу" is the minister's; "менее опытный
    # тренер на месте Золотарёва" is nobody's. The tagger may read the name in the wrong case
    # ("с главным менеджером фестиваля Соной Ованнисян"), so titles that disagree come next.
    head = next((h for h in [*reversed(candidates), *reversed(heads)] if gap(h) is None), None)
    stop = name_first
    if head is None and case not in ("Gen", None):
        # "Временный премьер Мали с 1991 по 1992 годы Сумана Сакко": a time or place between
        # title and name; the name, not governed by it, is still the title's
        head = candidates[-1]
        stop = gap(head)
    if head is None or _addressee(analysis, head, name_first, oblique) \
            or _belongs_to_noun(analysis, head, name_first) \
            or _complement_before_subject(analysis, head, name_first, floor):
        return None
    stop = _own_apposition_stop(analysis, head, stop, name_first)
    while stop - 1 > head and tokens[stop - 1].pos == "ADJ" and tokens[name_first].pos != "PUNCT":
        # "главы ведомства 30-летнего Ивана Муравьева": the age is his; but before a link
        # ("президент бакинского пресс-клуба, руководитель …") no name follows to hold it
        stop -= 1
    nearest = candidates[0]
    # "митрополит Волоколамский Иларион": adjectives of the name may stand between
    next_to_name = all(tokens[i].pos == "ADJ" for i in range(stop, name_first))
    joined = _joined_title(analysis, head, nearest)
    if joined is not None:
        # "Депутат Верховной рады и бывший лидер организации «Правый сектор» Дмитрий Ярош":
        # two titles of one man; the chain reads the first past the conjunction
        role = _role(analysis, joined, nearest, stop)
        role.stacked = True
        return role
    ranked = _rank_complement(analysis, head, nearest, stop)
    if ranked is not None and next_to_name:
        # "министр обороны РФ генерал армии Сергей Шойгу": a rank with its own complement
        role = _role(analysis, nearest, nearest, stop)
        role.stacked = True
        return role
    if nearest != head and nearest == stop - 1 and next_to_name and (
            case not in (*_AMBIGUOUS_CASES, None) or not head <= tokens[nearest].head < nearest
            or nearest - 1 > head and analysis.lemma(nearest) in _rank_words()
            and tokens[nearest].feats.get("Number") != "Plur"):
        # "главного психиатра Минобороны полковника Олега Друзя", "командир группы
        # подполковник Йонатан Нетаньяху", "префекта Конгрегации по делам епископов кардинала
        # Марка Уэллета" (a rank, ``role_ranks.txt``): two titles, each his own; "заместителя
        # министра Ивана Петрова" is one (in the genitive the parser hangs "министра" on it)
        first = _extend_adjectives(analysis, nearest, head + 1)
        if first > head + 1 and (tokens[first - 1].pos in ("NOUN", "PROPN")
                                 or tokens[first - 1].text in _CLOSING):
            role = _role(analysis, first, nearest, stop)
            role.stacked = True
            return role
    return _role(analysis, _extend_adjectives(analysis, head, floor), head, stop)


def _accusative_form(analysis: Analysis, name_first: int) -> bool:
    """"цитируют … главу канцелярии президента Польши Кшиштофа Щерского": an animate name
    the tagger reads as a genitive has the accusative's form too, and so agrees with a title
    in the accusative; the dictionary decides."""
    cases = {form.tag.case for form in analysis.morph.parse(analysis.tokens[name_first].text.lower())
             if form.tag.POS == "NOUN" and form.tag.animacy == "anim"}
    return {"gent", "accs"} <= cases


def _joined_title(analysis: Analysis, head: int, nearest: int) -> int | None:
    """Where the second of two titles joined by a conjunction begins ("депутат Верховной
    рады и бывший лидер …"): the parser makes it a conjunct of the first title word, in its
    case, right after the conjunction; None when the titles are not so joined."""
    tokens = analysis.tokens
    # the parser hangs the second title on the first, or both on a word before them
    # ("настоятель собора, сценарист и кинорежиссер Александр Новопашин")
    siblings = tokens[head].rel == "conj" and tokens[nearest].head == tokens[head].head
    if nearest <= head or tokens[nearest].rel != "conj" \
            or not (tokens[nearest].head == head or siblings) \
            or tokens[nearest].feats.get("Case") != tokens[head].feats.get("Case"):
        return None
    first = _extend_adjectives(analysis, nearest, head + 1)
    conjunction = tokens[first - 1]
    if conjunction.pos != "CCONJ" or conjunction.head != nearest:
        return None
    return first


def _coordinated_with_title(analysis: Analysis, name_first: int, heads: list[int]) -> bool:
    """"со стороны адвоката или самого Виктора": a name the parser joins to the title by a
    conjunction is a second person beside the title's holder, not the holder."""
    tokens = analysis.tokens
    name = tokens[name_first]
    return name.rel == "conj" and name.head in heads and any(
        tokens[i].pos == "CCONJ" and tokens[i].head == name_first
        for i in range(name.head + 1, name_first))


def _inside_title_phrase(analysis: Analysis, name_first: int, names: set[int],
                         heads: list[int]) -> bool:
    """"взгляды будущего советника Трампа по нацбезопасности": a genitive name followed by
    a title's complement ("по", "при", "от") the parser hangs on the title stands inside the
    title's phrase — whose adviser, not who."""
    tokens = analysis.tokens
    after = name_first + 1
    while after in names:
        after += 1
    if after >= len(tokens) or tokens[after].sent != tokens[name_first].sent:
        return False
    word = tokens[after]
    # a title's own complement opens with "по", "при", "от"; "князя Александра Невского в
    # Новосибирске" says where the church stands, whatever the parser hangs it on
    if word.pos != "ADP" or word.text.lower() not in _ROLE_PREPOSITIONS or word.head <= after:
        return False
    return tokens[word.head].head in heads


def _own_apposition_stop(analysis: Analysis, head: int, stop: int, name_first: int) -> int:
    """"Спикер палаты представителей республиканец Пол Райан", "эксперт Нобелевского комитета
    славист Антон Карлгрен": a noun for a person in the nominative right before the name,
    after the title's genitive complement, is an apposition of its own, no part of the title
    (a title word there is a second title: "командир группы подполковник")."""
    tokens = analysis.tokens
    last = stop - 1
    if last - 1 <= head or stop != name_first or tokens[head].feats.get("Case") != "Nom":
        return stop
    word = tokens[last]
    # the tagger may misread it ("славист" as a feminine genitive): the dictionary decides
    if word.pos == "NOUN" and not _is_role_word(analysis, last) \
            and analysis.morph.noun_cases(word.text.lower(), person=True) == {"nomn"} \
            and tokens[last - 1].pos in ("NOUN", "PROPN") \
            and tokens[last - 1].feats.get("Case") not in ("Nom", None):
        return last
    return stop


def _rank_complement(analysis: Analysis, head: int, nearest: int, stop: int) -> int | None:
    """"министр обороны РФ генерал армии": a rank (``role_ranks.txt``) after a post's
    complement, followed only by its own genitive words ("армии", "юстиции", "первого ранга"),
    is a title of its own; returns the rank's index."""
    tokens = analysis.tokens
    if nearest == head or nearest - 1 <= head or nearest + 1 >= stop \
            or analysis.lemma(nearest) not in _rank_words() \
            or tokens[nearest].feats.get("Number") == "Plur" \
            or tokens[nearest - 1].pos not in ("NOUN", "PROPN") \
            or tokens[nearest].feats.get("Case") != tokens[head].feats.get("Case"):
        return None
    if all(tokens[i].pos in ("NOUN", "ADJ") and tokens[i].feats.get("Case") == "Gen"
           for i in range(nearest + 1, stop)):
        return nearest
    return None


_OC_CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


def _complement_before_subject(analysis: Analysis, head: int, name_first: int,
                               floor: int) -> bool:
    """"Претендент на участие в выборах президента Ксения Собчак едет": a title in an
    oblique case right before a name that is no form of that case ("Ксения" reads only as a
    nominative) is another phrase's complement, not the name's apposition. Not after an
    acting abbreviation ("И. о. главы администрации Рустем Рахматуллин") or across a
    bracket ("с музыкантами (Юрий Антонов, …)")."""
    tokens = analysis.tokens
    title_case = tokens[head].feats.get("Case")
    wanted = _OC_CASES.get(title_case or "")
    if wanted is None or any(t.text in _BRACKETS or t.text in _LINKS or t.text == ":"
                             for t in tokens[head + 1:name_first]):
        return False
    first = _extend_adjectives(analysis, head, floor)
    if _acting_short(analysis, first) < first:
        return False
    name = tokens[name_first]
    word = name.text.lower()
    forms = analysis.morph.parse(word) if word.isalpha() else []
    return name.feats.get("Case") == "Nom" and bool(forms) \
        and analysis.morph.word_is_known(word) \
        and not any(form.tag.case == wanted for form in forms)


def _described_before(analysis: Analysis, link: int, case: str) -> int | None:
    """The comma that opens a description of a person between two links of a chain of titles
    ("руководитель проекта, известный московский библиофил, профессор Алексей Венгеров"):
    adjectives and a noun for a person that is no title, all in the chain's case; None when
    the words before ``link`` are not such a description."""
    tokens = analysis.tokens
    noun = link - 1
    if noun < 1 or not _person_noun(analysis, noun) or not _agrees(analysis, noun, case):
        return None
    first = _extend_adjectives(analysis, noun, analysis.sentences[tokens[noun].sent].first)
    opening = first - 1
    return opening if opening > 0 and tokens[opening].text == "," else None


def _person_noun(analysis: Analysis, index: int) -> bool:
    """A common noun for a person that is no title: "зятя", "дочь", "супруга"."""
    token = analysis.tokens[index]
    if token.pos != "NOUN" or _is_role_word(analysis, index):
        return False
    return any(form.tag.animacy == "anim" and form.tag.POS == "NOUN"
               for form in analysis.morph.parse(token.text.lower()))


def _relative_of(analysis: Analysis, role: Role, name_first: int) -> bool:
    """"дочь знаменитого писателя, актера и режиссера Мария Шукшина": a title in the genitive
    after a noun for a person, before a name not in the genitive, says whose daughter the
    named person is ("сына президента США Джона Кеннеди": the genitive name is the
    president)."""
    before, name = role.first - 1, analysis.tokens[name_first]
    tokens = analysis.tokens
    if before < 0 or tokens[role.head].feats.get("Case") != "Gen" \
            or not _person_noun(analysis, before):
        return False
    if name.feats.get("Case") == "Gen" and tokens[before].feats.get("Case") == "Gen":
        # "с именем старшей дочери президента Казахстана Дариги Назарбаевой": all in the
        # genitive, the woman's name agrees with the feminine "дочери", not with "президента"
        return tokens[before].feats.get("Gender") == "Fem" \
            and tokens[role.head].feats.get("Gender") == "Masc" \
            and _feminine_name(analysis, name_first)
    if name.feats.get("Case") is None:
        return False
    # the dictionary, not the tagger, says whether the name can be the genitive ("Мария",
    # tagged genitive after "режиссера", cannot)
    return all(form.tag.case != "gent" for form in analysis.morph.parse(name.text.lower()))


def _feminine_name(analysis: Analysis, name_first: int) -> bool:
    """A word of the name reads only as a woman's name or surname ("Назарбаевой"; the
    tagger may call the whole name masculine)."""
    tokens = analysis.tokens
    words = [name_first] + [i for i in range(name_first + 1, min(name_first + 4, len(tokens)))
                            if tokens[i].rel == "flat:name" and tokens[i].head >= name_first]
    for i in words:
        parses = [p for p in analysis.morph.parse(tokens[i].text)
                  if {"Name", "Surn"} & set(str(p.tag).replace(" ", ",").split(","))]
        if parses and all("femn" in p.tag for p in parses):
            return True
    return False


def _belongs_to_noun(analysis: Analysis, head: int, name_first: int) -> bool:
    """"советника и по совместительству зятя Трампа Джареда Кушнера", "заместитель
    генерального прокурора Украины и соратник Саакашвили": a genitive name right after a noun
    for a person that is no title is that noun's — whose son-in-law, whose associate — and the
    title before them is not the name's."""
    tokens = analysis.tokens
    before = name_first - 1
    return before > head and tokens[name_first].feats.get("Case") == "Gen" \
        and _person_noun(analysis, before)


_MAX_GOVERNING = 3


def _acting(analysis: Analysis, head: int, floor: int, case: str) -> int | None:
    """The participle that governs a title in another case than the name's and agrees with
    the name: "исполняющий обязанности президента" (not "президент")."""
    tokens = analysis.tokens
    for index in range(head - 1, max(floor, head - _MAX_GOVERNING) - 1, -1):
        token = tokens[index]
        if token.pos == "VERB" and token.feats.get("Case") == case:
            return index      # only a participle has a case
        if token.pos not in ("NOUN", "ADJ"):
            return None
    return None


def _addressee(analysis: Analysis, head: int, name_first: int, oblique=frozenset()) -> bool:
    """"— ответила сенатору Нуланд": a title in the dative a verb governs, followed by a name
    that does not show the dative, names whom the words were addressed to; the name is the
    verb's subject (the tagger makes the undeclined name agree with the title)."""
    tokens = analysis.tokens
    title, verb = tokens[head], tokens[head].head
    if title.feats.get("Case") != "Dat" or verb < 0 or tokens[verb].pos not in ("VERB", "AUX"):
        return False
    if any(tokens[c].rel.startswith("nsubj") for c in analysis.children(verb)):
        return False
    return name_first not in oblique and analysis.lemma(name_first) == tokens[name_first].text.lower()


def _after_brackets(analysis: Analysis, index: int, stop: int) -> int:
    """"Томас Шефер (Thomas Schäfer), министр ...": the bracket after a name is skipped."""
    tokens = analysis.tokens
    if index < stop and tokens[index].text == "(":
        for i in range(index + 1, min(stop, index + _MAX_QUOTED)):
            if tokens[i].text == ")":
                return i + 1
    return index


def role_after(analysis: Analysis, name_stop: int, names: set[int],
               name_stops: dict[int, int] | None = None, oblique=frozenset()) -> Role | None:
    """", глава МИД России," right after a name, closed by a comma, dash, bracket, semicolon or
    period; it may hold a quoted name and another person's name in the genitive ("Людмила
    Бокова, первый заместитель Клишаса,")."""
    tokens = analysis.tokens
    if name_stop >= len(tokens):
        return None
    sentence = analysis.sentences[tokens[name_stop].sent]
    name_stop = _after_brackets(analysis, name_stop, sentence.stop)
    if name_stop >= len(tokens) or tokens[name_stop].text not in {",", "(", *_LINKS}:
        return None
    first = name_stop + 1
    index = first
    while index < sentence.stop and tokens[index].pos == "ADJ":
        index += 1
    if index >= sentence.stop or not (_is_role_word(analysis, index)
                                      or _participle_title(analysis, index)):
        return None
    if _negated(analysis, index):
        return None       # "я не считаю, что Дональд Трамп — представитель партии"
    head = index
    stop = head + 1
    while stop < sentence.stop and stop - first < _MAX_ROLE_TOKENS:
        closing = _closing_quote(analysis, stop, sentence.stop)
        if closing is not None:
            stop = closing + 1
            continue
        if stop in names and name_stops and stop in name_stops \
                and _inflected_genitive(analysis, stop, name_stops[stop], oblique):
            if tokens[head].feats.get("Case") != "Nom" \
                    and _agrees(analysis, head, tokens[stop].feats.get("Case")):
                # "ссылался на лауреата Синклера Льюиса, графа Германа Кайзерлинга": the
                # title agrees with the name after it, so it is that person's
                return None
            stop = name_stops[stop]
            continue
        if not _may_hold(analysis, stop, names):
            break
        stop += 1
    closed = stop >= sentence.stop or tokens[stop].text in _CLOSERS
    if not closed or _opens_next_chain(analysis, first, stop, sentence.stop, names, name_stops,
                                       oblique):
        return None
    stop = _noun_phrase_stop(analysis, head, min(stop, sentence.stop))
    while stop > head + 1 and tokens[stop - 1].pos in ("ADP", "CCONJ"):
        stop -= 1
    return _role(analysis, first, head, stop)


def _participle_title(analysis: Analysis, index: int) -> bool:
    """"Эндрю Дрисман, управляющий проектом в Лаборатории прикладной физики": a participle
    whose form is a listed title ("управляющий", "заведующий", "командующий") names the post,
    unless it takes an object in the accusative as a verb does ("ведущий переговоры")."""
    tokens = analysis.tokens
    token = tokens[index]
    if token.pos != "VERB" or token.feats.get("VerbForm") != "Part" \
            or token.feats.get("Case") != "Nom" or fold_word(token.text) not in gazetteer().role_words:
        return False
    return not any(tokens[c].rel == "obj" and tokens[c].feats.get("Case") == "Acc"
                   for c in analysis.children(index))


def _opens_next_chain(analysis: Analysis, first: int, stop: int, end: int, names: set[int],
                      name_stops: dict[int, int] | None, oblique=frozenset()) -> bool:
    """"Станислав Полищук (110 тыс. рублей), кандидат от партии «Честно», экс-депутат Госдумы
    Роман Худяков": a title after a name's comma that the next name's chain of titles reaches
    back to is that next person's."""
    tokens = analysis.tokens
    if not name_stops or stop >= end or tokens[stop].text not in {",", *_LINKS}:
        return False
    following = next((i for i in range(stop + 1, min(end, stop + 1 + _MAX_ROLE_TOKENS))
                      if i in name_stops), None)
    if following is None or any(tokens[i].pos in ("VERB", "AUX") or tokens[i].text == "и"
                                for i in range(stop + 1, following)):
        return False
    chain = _chain_before(analysis, following, names, {}, oblique)
    return any(role.first <= first for role in chain)


def _phrase_from(analysis: Analysis, head: int, names: set[int]) -> Role:
    tokens = analysis.tokens
    sentence = analysis.sentences[tokens[head].sent]
    stop = head + 1
    while stop < sentence.stop and stop - head < _MAX_ROLE_TOKENS:
        closing = _closing_quote(analysis, stop, sentence.stop)
        if closing is not None:
            stop = closing + 1        # "радиостанции «Говорит Москва»"
            continue
        text = tokens[stop].text
        if text in _QUOTES or text in _BRACKETS or not _may_hold(analysis, stop, names) \
                or any(ch.isdigit() for ch in text):
            break                     # an unpaired mark or a bracket ends the phrase
        stop += 1
    stop = _noun_phrase_stop(analysis, head, stop)
    while stop > head + 1 and tokens[stop - 1].pos in ("ADP", "CCONJ"):
        stop -= 1
    return _role(analysis, _extend_adjectives(analysis, head, sentence.first), head, stop)


def title_phrase(analysis: Analysis, head: int, names: set[int]) -> Role:
    """The phrase a title word standing alone heads ("британский премьер"), without an age
    ("61-летняя певица": the age is no part of the title)."""
    phrase = _phrase_from(analysis, head, names)
    tokens = analysis.tokens
    first = phrase.first
    while first < head and (any(ch.isdigit() for ch in tokens[first].text)
                            or "летн" in tokens[first].text):
        first += 1
    return phrase if first == phrase.first else _role(analysis, first, head, phrase.stop)


def is_title_word(analysis: Analysis, index: int) -> bool:
    return _is_role_word(analysis, index)


def _bare(analysis: Analysis, index: int) -> bool:
    """No preposition of its own: "стал министром", not "встретился с министром"."""
    return not any(analysis.tokens[c].rel == "case" for c in analysis.children(index))


_LEAVING = {"от", "с", "из"}


def _participle_between(analysis: Analysis, verb: int, post: int) -> bool:
    """"руководила персоналом Клинтон, занимавшей на тот момент пост сенатора": a participle
    opened by a comma between the verb and the post holds the post for its own noun,
    whatever the parser hangs "пост" on."""
    tokens = analysis.tokens
    return any(tokens[i].feats.get("VerbForm") == "Part" and tokens[i - 1].text == ","
               for i in range(verb + 1, post))


def _left_post(analysis: Analysis, post: int) -> bool:
    """"отстранил от должности", "ушёл с поста": the subject leaves or removes someone from
    the post; "назначен на должность", "занял пост" give it."""
    return any(analysis.tokens[c].rel == "case" and analysis.tokens[c].text.lower() in _LEAVING
               for c in analysis.children(post))


def predicate_roles(analysis: Analysis, head: int, skip: range, names: set[int],
                    depth: int = 0) -> list[Role]:
    """The roles a clause's predicate gives its subject: "Путин - президент России",
    "Иванов стал министром", "работал инженером, затем директором", "занял пост
    генерального директора", "назначен на должность министра"; ``skip``: the subject."""
    tokens = analysis.tokens
    if _is_role_word(analysis, head) and head not in skip:
        return [_phrase_from(analysis, head, names)]       # the role is the predicate itself
    roles = []
    # "Медведев назначил руководителем службы Ивана Муравьева": the post is the object's
    has_object = any(tokens[c].rel == "obj" and c not in skip
                     and tokens[c].feats.get("Animacy") == "Anim"
                     and tokens[c].feats.get("Case") != "Ins" for c in analysis.children(head)) \
        or _appoints(analysis, head)
    for child in analysis.children(head):
        if child in skip or child in names:
            continue
        if _is_role_word(analysis, child) and tokens[child].feats.get("Case") == "Ins" \
                and not has_object \
                and tokens[child].rel in ("xcomp", "obl", "obj", "nmod") and _bare(analysis, child):
            roles.append(_phrase_from(analysis, child, names))
            # "стал его директором и первым ректором"
            roles += [_phrase_from(analysis, c, names) for c in _conjuncts(analysis, child)
                      if _is_role_word(analysis, c) and tokens[c].feats.get("Case") == "Ins"]
        elif _is_role_word(analysis, child) and tokens[child].feats.get("Case") == "Nom" \
                and not has_object and _as_title(analysis, child):
            # "Венди Видом была разоблачена как редактор контента по соцсетям телеканала CBS"
            roles.append(_phrase_from(analysis, child, names))
        elif analysis.lemma(child) in _POSTS and not _left_post(analysis, child) \
                and not _participle_between(analysis, head, child):
            # "занял пост генерального директора", "назначен на должность министра"
            for title in analysis.children(child):
                if title > child and _is_role_word(analysis, title):
                    roles.append(_phrase_from(analysis, title, names))
                    break
        elif depth == 0 and tokens[child].rel == "conj" and tokens[child].pos in ("VERB", "AUX") \
                and not any(tokens[c].rel.startswith("nsubj") for c in analysis.children(child)):
            # "Стал генералом, работал министром": the next verb shares the subject
            roles += predicate_roles(analysis, child, skip, names, depth + 1)
    return roles


def _as_title(analysis: Analysis, index: int) -> bool:
    """"как редактор" with no other preposition: the post in which the predicate's subject
    acts or is known; "как и министр" compares the subject with someone else."""
    tokens = analysis.tokens
    marks = [c for c in analysis.children(index) if tokens[c].rel in ("case", "mark")]
    return len(marks) == 1 and tokens[marks[0]].text.lower() == "как" and marks[0] < index \
        and tokens[marks[0] + 1].text.lower() != "и"


def _conjuncts(analysis: Analysis, index: int) -> list[int]:
    """The words joined to ``index`` by "и", "а затем", commas — also where the parser hangs
    the next one on a word inside the first title's phrase ("был министром здравоохранения,
    а затем министром иностранных дел")."""
    tokens, found, todo = analysis.tokens, [], [index]
    while todo and len(found) < _MAX_LISTED:
        current = todo.pop()
        for child in analysis.children(current):
            if tokens[child].rel == "conj":
                found.append(child)
                todo.append(child)
            elif tokens[child].rel == "nmod" and child > current:
                todo.append(child)
    return sorted(found)


_MAX_LISTED = 8


# verbs that give their object a post: "назначил руководителем службы Ивана Муравьева"
_APPOINTING = {"назначить", "назначать", "избрать", "избирать", "утвердить", "утверждать",
               "выбрать", "выбирать"}


def _appoints(analysis: Analysis, verb: int) -> bool:
    """An appointing verb in the active voice: its subject gives the post, holds none."""
    return verb >= 0 and analysis.lemma(verb) in _APPOINTING \
        and analysis.tokens[verb].feats.get("Voice") != "Pass"


def _appointed(analysis: Analysis, name_first: int, name_stop: int, names: set[int]) -> list[Role]:
    """The post an appointing verb gives the person who is its object, in the instrumental
    (the parser may hang the name on the post: "назначил руководителем службы … Ивана
    Муравьева")."""
    tokens = analysis.tokens
    verbs = set()
    for i in range(name_first, name_stop):
        head = tokens[i].head
        if name_first <= head < name_stop or tokens[i].rel not in ("obj", "nmod"):
            continue
        verbs.add(head)
        if head >= 0 and tokens[head].feats.get("Case") == "Ins":
            verbs.add(tokens[head].head)        # the name hung on the post
    roles = _elected(analysis, name_first, name_stop, names)
    for verb in verbs:
        if not _appoints(analysis, verb) or _unreal(analysis, verb) \
                or tokens[verb].pos not in ("VERB", "AUX"):
            continue
        for child in analysis.children(verb):
            if child < name_first and _is_role_word(analysis, child) \
                    and tokens[child].feats.get("Case") == "Ins" and _bare(analysis, child) \
                    and tokens[child].rel in ("xcomp", "obl", "nmod"):
                roles.append(_phrase_from(analysis, child, names))
    return roles


def _elected(analysis: Analysis, name_first: int, name_stop: int, names: set[int]) -> list[Role]:
    """"для переизбрания мэром Чикаго демократа Рама Эммануэля", "после назначения министром
    Ивана Петрова": a noun that governs a bare title in the instrumental and the person in the
    genitive makes that person the holder (the parser may hang the name on a noun for a person
    before it: "демократа")."""
    tokens = analysis.tokens
    anchor = next((i for i in range(name_first, name_stop)
                   if not name_first <= tokens[i].head < name_stop), None)
    if anchor is None or tokens[anchor].feats.get("Case") != "Gen":
        return []
    if tokens[anchor].rel == "appos" and tokens[anchor].head >= 0 \
            and _person_noun(analysis, tokens[anchor].head):
        anchor = tokens[anchor].head
    governor = tokens[anchor].head
    if tokens[anchor].rel != "nmod" or governor < 0 or tokens[governor].pos != "NOUN" \
            or tokens[anchor].feats.get("Case") != "Gen":
        return []
    return [_phrase_from(analysis, child, names) for child in analysis.children(governor)
            if governor < child < anchor and tokens[child].rel == "nmod"
            and tokens[child].feats.get("Case") == "Ins" and _bare(analysis, child)
            and _is_role_word(analysis, child)]


def role_predicate(analysis: Analysis, name_first: int, name_stop: int, names: set[int]) -> list[Role]:
    """"Путин - президент России", "Иванов стал министром", "Главой Малави стала Джойс Банда"."""
    tokens = analysis.tokens
    subjects = set(range(name_first, name_stop))
    for i in range(name_first, name_stop):
        # "стала вице-президент Джойс Банда": the name stands in apposition to the subject
        head = tokens[i].head
        if tokens[i].rel in ("appos", "conj") and not name_first <= head < name_stop and head >= 0:
            # "Операторами выступили Михаил Агранович и Михаил Хасая": the second of two
            # subjects shares the first one's predicate
            subjects.add(head)
    heads = {tokens[i].head for i in subjects
             if tokens[i].rel in ("nsubj", "nsubj:pass") and tokens[i].head not in subjects}
    heads.discard(-1)
    skip = range(min(subjects), max(subjects) + 1)
    roles = []
    for head in sorted(heads):
        if not _unreal(analysis, head):
            roles += predicate_roles(analysis, head, skip, names)
    return roles + _appointed(analysis, name_first, name_stop, names) \
        + _as_title_of_root(analysis, name_first, heads, names)


def _as_title_of_root(analysis: Analysis, name_first: int, heads: set[int],
                      names: set[int]) -> list[Role]:
    """"Венди Видом была разоблачена как редактор контента …, который … сообщал": the parser
    may hang the subject on a later clause's verb; the sentence's root with no subject of its
    own that agrees with the name in gender still says in what post she is known."""
    tokens = analysis.tokens
    name = tokens[name_first]
    sentence = analysis.sentences[name.sent]
    root = next((i for i in range(sentence.first, sentence.stop) if tokens[i].rel == "root"), None)
    if root is None or root in heads or root < name_first or not heads \
            or tokens[root].pos not in ("VERB", "AUX") \
            or name.feats.get("Gender") is None \
            or tokens[root].feats.get("Gender") != name.feats.get("Gender") \
            or any(tokens[c].rel.startswith(("nsubj", "csubj")) for c in analysis.children(root)) \
            or _unreal(analysis, root):
        return []
    return [_phrase_from(analysis, child, names) for child in analysis.children(root)
            if _is_role_word(analysis, child) and tokens[child].feats.get("Case") == "Nom"
            and _as_title(analysis, child)]


def _unreal(analysis: Analysis, head: int) -> bool:
    """"Клинтон будет избрана президентом", "стал бы министром": a post to come or a wish
    is no post held."""
    tokens = analysis.tokens
    words = [i for i in (head, *analysis.children(head))
             if i == head or tokens[i].rel in ("aux", "aux:pass", "cop", "advmod", "discourse")]
    return any(_future(tokens[i]) or tokens[i].text.lower() == "бы" for i in words) \
        or _negated(analysis, head)


def _negated(analysis: Analysis, head: int) -> bool:
    """"Трамп — не представитель партии"; "я не считаю, что Дональд Трамп — представитель
    «экстремальной» партии": a negated predicate, or one the clause of a negated verb of
    thinking or saying holds, gives no post."""
    tokens = analysis.tokens

    def negative(index: int) -> bool:
        return any(tokens[c].text.lower() == "не" and tokens[c].rel == "advmod" and c < index
                   for c in analysis.children(index))
    if negative(head):
        return True
    governor = tokens[head].head
    if tokens[head].rel == "ccomp" and governor >= 0 and negative(governor):
        return True
    # the parser may hang the clause elsewhere: read the verb right before its "что"
    mark = next((c for c in analysis.children(head) if tokens[c].rel == "mark"
                 and tokens[c].text.lower() == "что"), None)
    verb = mark - 1 if mark is not None else -1
    while verb >= 0 and tokens[verb].text == ",":
        verb -= 1
    return verb > 0 and tokens[verb].pos == "VERB" and tokens[verb].sent == tokens[head].sent \
        and tokens[verb - 1].text.lower() == "не"


def _future(token) -> bool:
    """"будет", "будут"; "станет" (a perfective verb's non-past form): the tagger calls both
    present."""
    feats = token.feats
    if token.text.lower().startswith("буд") and token.pos == "AUX":
        return True
    return feats.get("Tense") == "Fut" or (feats.get("VerbForm") == "Fin"
                                           and feats.get("Aspect") == "Perf"
                                           and feats.get("Tense") != "Past")


# "он стал министром", "она работала пианисткой"; and a bio's clause with no subject at all
# ("Окончил институт, работал инженером")
_PRONOUNS = {"он": "Masc", "она": "Fem"}
_SUBJECTLESS_VERBS = {"стать", "работать", "являться", "быть", "занимать", "занять", "назначить",
                      "избрать", "служить", "трудиться", "выступать"}
_SUBJECTLESS_STARTS = {"ста", "раб", "явл", "был", "быв", "буд", "зан", "зай", "наз", "изб",
                       "слу", "тру", "выс"}
_ANTECEDENT_SENTENCES = 2


def _subject_of(analysis: Analysis, index: int) -> tuple[int, str | None] | None:
    """(the predicate, the subject's gender) when ``index`` is "он"/"она" as a subject, or
    a listed verb whose subject is left out."""
    token = analysis.tokens[index]
    if token.pos == "PRON":
        if token.text.lower() not in _PRONOUNS:
            return None
    elif token.pos not in ("VERB", "AUX") or token.text[:3].lower() not in _SUBJECTLESS_STARTS:
        return None       # most words never reach pymorphy
    lemma = analysis.lemma(index)
    if token.pos == "PRON" and lemma in _PRONOUNS and token.rel in ("nsubj", "nsubj:pass") \
            and token.head >= 0:
        return token.head, _PRONOUNS[lemma]
    if token.pos in ("VERB", "AUX") and lemma in _SUBJECTLESS_VERBS \
            and token.rel in ("root", "parataxis") \
            and not any(analysis.tokens[c].rel.startswith(("nsubj", "csubj", "expl"))
                        for c in analysis.children(index)) \
            and token.feats.get("Person") in (None, "3") and token.feats.get("Number") != "Plur":
        return index, token.feats.get("Gender")
    return None


def pronoun_roles(analysis: Analysis, pronouns: dict[int, Entity], zero_subject,
                  names: set[int]) -> list[tuple[Entity, Role]]:
    """Roles whose subject is a pronoun the resolver linked (``pronouns``: token → entity) or
    left out ("Окончил институт, работал инженером": ``zero_subject(index, gender)`` asks
    the resolver who the verb's subject is)."""
    found = []
    tokens = analysis.tokens
    for index in range(len(tokens)):
        if not tokens[index].text[:1].isalpha() or index in names:
            continue
        subject = _subject_of(analysis, index)
        if subject is None:
            continue
        head, gender = subject
        if tokens[index].pos == "PRON":
            person = pronouns.get(index)
        else:
            person = None
        if person is None and tokens[index].pos == "PRON":
            continue
        roles = predicate_roles(analysis, head, range(index, index + 1), names)
        if not roles:
            continue
        if person is None:
            person = zero_subject(index, gender)
        if person is not None:
            found += [(person, role) for role in roles]
    return found


_MAX_LISTED_NAMES = 6


def roles_of(analysis: Analysis, name_first: int, name_stop: int, names: set[int],
             name_starts: dict[int, int] | None = None, oblique=frozenset(),
             name_stops: dict[int, int] | None = None) -> list[Role]:
    """``name_starts``: the last word of each person's name -> its first word (``name_stops``
    the other way round); ``oblique``: the first words of names written in another case than
    the nominative."""
    beside, predicated = _roles_beside(analysis, name_first, name_stop, names, name_starts,
                                       oblique, name_stops)
    return beside + predicated


def _roles_beside(analysis: Analysis, name_first: int, name_stop: int, names: set[int],
                  name_starts: dict[int, int] | None = None, oblique=frozenset(),
                  name_stops: dict[int, int] | None = None) -> tuple[list[Role], list[Role]]:
    """(the roles written next to the name, the roles its predicate gives)."""
    name_starts = name_starts or {}
    if name_stops is None:
        name_stops = {first: last + 1 for last, first in name_starts.items()}
    roles = _roles_before(analysis, name_first, names, name_starts, oblique)
    if not _listed(analysis, name_first, name_stop, name_starts, name_stops):
        # "во время общения с журналистами Грицак сказал": a plural is others, not him
        roles = [r for r in roles if not _plural(analysis, r.head)]
    after = role_after(analysis, name_stop, names, name_stops, oblique)
    if after is not None:
        return roles + [after], []
    return roles, role_predicate(analysis, name_first, name_stop, names)


def _plural(analysis: Analysis, index: int) -> bool:
    """Plural by the tagger and by every reading of the form ("журналистами"; the tagger
    calls "экс-пограничник" plural too)."""
    token = analysis.tokens[index]
    if token.feats.get("Number") != "Plur":
        return False
    word = token.text.lower().split("-")[-1]
    return all(form.tag.number != "sing" for form in analysis.morph.parse(word)
               if form.tag.POS == "NOUN")


def _listed(analysis: Analysis, name_first: int, name_stop: int, name_starts: dict[int, int],
            name_stops: dict[int, int]) -> bool:
    """Is the name one of a list of people's names ("Мерзликин и Гребенщикова", "Царёв
    (проект «Метро»), Алексей Борисов")?"""
    tokens = analysis.tokens
    after = _after_brackets(analysis, name_stop, len(tokens))
    if after + 1 < len(tokens) and tokens[after].text in {",", "и"} and (
            after + 1 in name_stops or tokens[after + 1].text in _QUOTES):
        return True       # "музыкантами (Юрий Антонов, «Весёлые ребята», «Цветы»)"
    before = name_first - 1
    return before > 0 and tokens[before].text in {",", "и"} and before - 1 in name_starts


def _roles_before(analysis: Analysis, name_first: int, names: set[int], name_starts: dict[int, int],
                  oblique=frozenset(), depth: int = 0) -> list[Role]:
    """The roles written before a name, or before the list of names it ends:
    "актеры Андрей Мерзликин и Алиса Гребенщикова" gives both of them "актеры", and so does
    "музыканты Юрий Царёв (проект «Метро»), Алексей Борисов и Павел Шевелёв"."""
    tokens = analysis.tokens
    roles = _chain_before(analysis, name_first, names, name_starts, oblique)
    joint = name_first - 1
    if roles or depth >= _MAX_LISTED_NAMES or joint <= 0 or tokens[joint].text not in {",", "и"}:
        return roles
    previous = joint - 1
    if tokens[previous].text == ")":
        opening = next((i for i in range(previous - 1, max(0, previous - _MAX_QUOTED) - 1, -1)
                        if tokens[i].text == "("), None)
        previous = opening - 1 if opening else previous
    if previous not in name_starts:
        return roles
    shared = _roles_before(analysis, name_starts[previous], names, name_starts, oblique, depth + 1)
    # only a plural title covers the whole list: "послы А и Б", not "посол А и Б"
    return [r for r in shared if tokens[r.head].feats.get("Number") == "Plur"]


def _chain_before(analysis: Analysis, name_first: int, names: set[int],
                  name_starts: dict[int, int], oblique=frozenset()) -> list[Role]:
    tokens = analysis.tokens
    roles = []
    stop = name_first
    if stop > 0 and tokens[stop - 1].text in _LINKS | {":"}:
        stop -= 1          # "музыканты группы — Вадим Голутвин", "пять экс-президентов: ..."
    if stop > 1 and tokens[stop - 1].text == "(" and tokens[stop - 2].text[:1].isupper() \
            and not tokens[stop - 2].text.isupper() \
            and stop - 2 > analysis.sentences[tokens[stop - 2].sent].first:
        # "научный сотрудник Света (Карина Андоленко)": the title is the part's, the
        # bracketed name the actor's; "работа оператора (Максим Шинкаренко)" stays his
        return []
    skipped = name_starts      # "адвокат Александра Кокорина Андрей Ромашов"
    linked_case = None         # the case of the title after the last link crossed
    while True:
        role = role_before(analysis, stop, names, skipped, oblique)
        if role is None and linked_case is not None:
            described = _described_before(analysis, stop, linked_case)
            if described is not None:
                stop = described   # "руководитель проекта «Библиохроника», известный
                continue           # московский библиофил, профессор Алексей Венгеров"
        if role is None:
            break
        if linked_case is not None and not _agrees(analysis, role.head, linked_case):
            break          # titles chained by a comma agree in case: in "во время встречи с
            # президентом, патриарх Кирилл" the instrumental is the meeting's, not his
        roles.insert(0, role)
        if role.stacked:
            stop = role.first
            if tokens[stop - 1].pos == "CCONJ" and tokens[role.head].rel == "conj":
                stop -= 1      # "депутат Верховной рады и бывший лидер …": past the "и"
            skipped = {}
            continue
        link = role.first - 1
        if link < 0 or tokens[link].text not in _LINKS | {","}:
            break
        stop = link        # "посла ... - постоянного представителя ... Романа Василенко"
        linked_case = tokens[role.head].feats.get("Case")
        # past a link, a name closes the chain: in "на лауреата Синклера Льюиса, графа
        # Германа Кайзерлинга" the laureate is Льюис, not Кайзерлинг
        skipped = {}
    if roles and _relative_of(analysis, roles[0], name_first):
        # "внук последнего австрийского императора, 59-летний эрцгерцог Карл": the
        # grandson is the archduke
        return [r for r in roles if tokens[r.head].feats.get("Case") != "Gen"]
    return roles


@dataclass(slots=True)
class Appositions:
    """What the roles written next to names say, for the resolver to read."""
    holders: dict[str, list[Entity]]   # title lemma → the people given a role it heads
    first_seen: dict[int, int]         # id(person) → offset of the first name with a role
    named: set[int]                    # words of any name
    people: set[int]                   # words of person names
    used: set[int]                     # words of the roles found
    # (person, role, the name's words) for each role written next to one of the person's names
    # ("адвокат Марк Фейгин", "Фейгин, адвокат Савченко,"): the resolver makes them title mentions
    beside: list = field(default_factory=list)


def apposition_roles(analysis: Analysis, entities: list[Entity]) -> Appositions:
    """Fill ``roles`` of people from the phrases next to their names and their predicates."""
    named: set[int] = set()       # words of any name: never a title mention
    people: set[int] = set()      # words of person names: a role never runs through one
    name_starts: dict[int, int] = {}   # the last word of a person's name -> its first word
    oblique: set[int] = set()          # first words of names not written in the nominative
    for entity in entities:
        for m in entity.mentions:
            indices = analysis.tokens_between(m.start, m.end)
            named.update(indices)
            if entity.type == "PER" and m.kind == "name" and len(indices):
                people.update(indices)
                name_starts[indices.stop - 1] = indices.start
                if fold(m.text) != fold(m.normal):
                    oblique.add(indices.start)
    name_stops = {first: last + 1 for last, first in name_starts.items()}
    used: set[int] = set()
    holders: dict[str, list[Entity]] = {}
    first_seen: dict[int, int] = {}
    beside: list[tuple[Entity, Role, range]] = []
    for entity in entities:
        if entity.type != "PER":
            continue
        for m in entity.mentions:
            indices = analysis.tokens_between(m.start, m.end)
            if m.kind != "name" or not len(indices):
                continue
            next_to, predicated = _roles_beside(analysis, indices.start, indices.stop, people,
                                                name_starts, oblique, name_stops)
            beside += [(entity, role, indices) for role in next_to]
            for role in next_to + predicated:
                used.update(range(role.first, role.stop))
                if is_position(analysis, role) \
                        and all(fold(role.text) != fold(r) for r in entity.roles):
                    entity.roles.append(role.text)
                holding = holders.setdefault(analysis.lemma(role.head), [])
                if all(e is not entity for e in holding):
                    holding.append(entity)
                first_seen.setdefault(id(entity), m.start)
    return Appositions(holders, first_seen, named, people, used, beside)


def referred_roles(analysis: Analysis, pronouns: dict[int, Entity], zero_subject,
                   appositions: Appositions) -> None:
    """Roles a clause gives a person the resolver found behind its subject: "он стал
    министром"; the role words become ``used`` (no title mention of anyone)."""
    for entity, role in pronoun_roles(analysis, pronouns, zero_subject, appositions.people):
        appositions.used.update(range(role.first, role.stop))
        if is_position(analysis, role) and all(fold(role.text) != fold(r) for r in entity.roles):
            entity.roles.append(role.text)


def title_roles(analysis: Analysis, entity: Entity, role: Role) -> None:
    """The phrase of a title the resolver linked ("британский премьер") is a role of its
    person (an office only if the person was known to hold it: the resolver's check)."""
    if is_position(analysis, role) and not any(_contains(r, role.text) for r in entity.roles):
        entity.roles.append(role.text)


def _contains(role: str, other: str) -> bool:
    """"посол Казахстана в Бельгии" already says "посол"."""
    words, inner = fold(role).split(), fold(other).split()
    return any(words[i:i + len(inner)] == inner for i in range(len(words) - len(inner) + 1))
