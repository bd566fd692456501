"""A woman's name kept feminine once the article shows she is a woman.

"Медведева" and "Евгения" are also the genitives of "Медведев" and "Евгений", so a mention
read alone may come out masculine ("Евгения Медведева прибыла" → "Евгений Медведев",
"кёрлингистка Сидорова о препаратах" → "Сидоров"). When the words agreeing with her name say
she is a woman (a feminine past-tense verb she is the subject of, a feminine noun in
apposition: "кёрлингистка Сидорова", or the verb of the noun her name stands by; not the
tagger's reading of the names, which takes "Ерофеева" for a woman's), each name mention's
-ов/-ев/-ин surname written with an ending takes the feminine nominative ("Медведева") and a
first name the normalizer made masculine takes its feminine reading ("Евгения"). The entity's
name is then the fullest form whose first names read as feminine nominatives ("Симона
Халеп", not "Симоне Халеп").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from svodka.analysis import Analysis
from svodka.analysis.morphology import Morphology
from svodka.extractors.coref.gender import verb_gender
from svodka.names import MASCULINE_SURNAME_ENDINGS
from svodka.record import Entity, Mention
from svodka.text import fold



def _feminine_name_reading(morph: Morphology, written: str) -> str | None:
    """The feminine first name ``written`` is a form of ("Евгении" → "евгения"), or None."""
    for parse in morph.parse(written.lower()):
        grammemes = set(parse.tag.grammemes)
        if {"Name", "femn", "sing"} <= grammemes:
            return parse.normal_form
    return None


def _surname_with_ending(written: str, normal: str) -> bool:
    low_written, low_normal = written.lower(), normal.lower()
    return low_normal.endswith(MASCULINE_SURNAME_ENDINGS) and low_written.startswith(low_normal) \
        and low_written != low_normal


def _feminine_mention(morph: Morphology, written: list[str], normal: list[str]) -> str:
    """A name mention made feminine when its last word is an -ов/-ев/-ин surname written with
    an ending: "Медведевой" → "Медведева", and then a first name the normalizer made
    masculine goes back ("Евгения"). Without such a surname nothing changes: "Роланда Смита"
    gives no sign which reading of "Роланда" is meant.

    A consonant-final surname the normalizer took for a man's genitive ("Валери Вэрика" →
    "Вэрик") is a woman's nominative as written: her "Вэрик" would not decline."""
    # "Рэнда Слим": a first name in -а the foreign-name rule cut to "Рэнд" is hers as written
    firsts = [w if _consonant_surname_with_a(w, n) else n
              for w, n in zip(written[:-1], normal[:-1])]
    if _consonant_surname_with_a(written[-1], normal[-1]):
        return " ".join([*firsts, written[-1]])
    if not _surname_with_ending(written[-1], normal[-1]):
        return " ".join([*firsts, normal[-1]])
    words = [_feminine(morph, w, n) for w, n in zip(written[:-1], normal[:-1])]
    return " ".join([*words, normal[-1] + "а"])


_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
# the oblique endings of a feminine -а noun: "Вэрики", "Вэрике", "Вэрику", "Вэрикой"
_FIRST_DECLENSION_ENDINGS = ("ы", "и", "е", "у", "ой", "ою", "ей")


def _consonant_surname_with_a(written: str, normal: str) -> bool:
    low_written, low_normal = written.lower(), normal.lower()
    return low_normal[-1:] in _CONSONANTS and low_written == low_normal + "а" \
        and not low_normal.endswith(MASCULINE_SURNAME_ENDINGS)


def _surname_in_first_declension(mentions, renamed: dict[str, str]) -> dict[str, str]:
    """"Вэрики" once the text has her nominative "Вэрика": the oblique forms of a woman's
    -а surname the normalizer left as written take that nominative."""
    nominatives = {fold(n.split()[-1]) for n in renamed.values()}
    changes = {}
    for mention in mentions:
        words = mention.normal.split()
        low = fold(words[-1]) if words else ""
        for ending in _FIRST_DECLENSION_ENDINGS:
            stem = low[:-len(ending)]
            if low.endswith(ending) and stem + "а" in nominatives \
                    and fold(mention.text.split()[-1]) == low:
                nominative = words[-1][:len(stem)] + "а"
                changes[mention.normal] = " ".join([*words[:-1], nominative])
                break
    return changes


def _feminine(morph: Morphology, written: str, normal: str) -> str:
    """A first name in the feminine nominative, in the letter case of ``normal``."""
    low_written, low_normal = written.lower(), normal.lower()
    # only a name the normalizer changed, to a dictionary's feminine name: "Евгения" →
    # "Евгений" goes back, "Бриттани" (as written) stays
    reading = _feminine_name_reading(morph, written) \
        if low_written != low_normal and not low_normal.endswith(("а", "я")) else None
    if reading and not morph.word_is_known(reading):
        reading = None
    if reading and any({"Name", "masc"} <= set(p.tag.grammemes) for p in morph.parse(low_normal)):
        return reading[:1].upper() + reading[1:] if normal[:1].isupper() else reading
    return normal


def _only_a_mans_name(morph: Morphology, written: str) -> bool:
    """A first name pymorphy knows only as a man's, in any case ("Ивана", "Виктора"): only
    the mention's own words make "Ивана Шмелева" a woman, no sign elsewhere."""
    low = written.lower()
    if not low.isalpha() or not morph.word_is_known(low):
        return False
    names = [p for p in morph.parse(low) if "Name" in p.tag.grammemes]
    return bool(names) and all("masc" in p.tag.grammemes for p in names)


def _reads_feminine(morph: Morphology, normal: str) -> bool:
    """Whether every first name of ``normal`` has a feminine nominative reading, or none is
    a name pymorphy knows ("Симона Халеп" yes, "Симоне Халеп" no)."""
    for word in normal.split()[:-1]:
        parses = [p for p in morph.parse(word.lower()) if "Name" in p.tag.grammemes]
        if parses and not any({"femn", "nomn"} <= set(p.tag.grammemes) for p in parses):
            return False
    return True


def _described_as(analysis: Analysis, tokens: range) -> str | None:
    """The gender a name's apposition gives: the noun before it ("кёрлингистка Сидорова",
    "лидер сборной … Симона Халеп не одобрила": the verb of the noun the name stands by)."""
    tokens_ = analysis.tokens
    before = tokens.start - 1
    if before >= 0 and tokens_[before].sent == tokens_[tokens.start].sent and \
            _feminine_noun(analysis, before) and _same_case(tokens_[before], tokens_[tokens.start]):
        return "Fem"
    for i in tokens:
        head = tokens_[i].head
        if head in tokens or head < 0:
            continue
        if tokens_[i].rel == "appos" and _animate(analysis, head) \
                and _may_stand_in(analysis, tokens, tokens_[head].feats.get("Case")):
            # "медалистка Олимпиады в Пхенчхане Евгения Медведева", "Лидер сборной Румынии
            # Симона Халеп не одобрила"; not a thing's verb: "поэма … Венедикта Ерофеева
            # произвела впечатление"
            return "Fem" if _feminine_noun(analysis, head) else \
                verb_gender(analysis, range(head, head + 1))
        return None
    return None


_CASE_GRAMMEMES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                   "Loc": "loct"}


def _may_stand_in(analysis: Analysis, tokens: range, case: str | None) -> bool:
    """Whether each word of a name has a reading in ``case``, as an apposition to a noun in that
    case must: "Ивана Шмелева", which the parser hung on "сотрудница", is a man's genitive
    and no apposition to her ("Выступала сотрудница музея …, которая … «Лето Господне»
    Ивана Шмелева"). A word pymorphy does not know may be in any case."""
    grammeme = _CASE_GRAMMEMES.get(case or "")
    if grammeme is None:
        return True
    for i in tokens:
        word = analysis.tokens[i].text.lower()
        if not word.isalpha() or not analysis.morph.word_is_known(word):
            continue
        if not any(grammeme in p.tag.grammemes for p in analysis.morph.parse(word)):
            return False
    return True


def _same_case(noun, name) -> bool:
    """An apposition agrees in case with its name: "дочь Барака Обамы" is no woman named
    Обама but a man's genitive after the noun it depends on."""
    cases = {noun.feats.get("Case"), name.feats.get("Case")}
    return None in cases or len(cases) == 1


def _animate(analysis: Analysis, index: int) -> bool:
    """A common noun naming a person ("лидер", "медалистка"), by pymorphy's first reading."""
    text = analysis.tokens[index].text
    parses = analysis.morph.parse(text.lower()) if text.isalpha() else []
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag.grammemes \
        and "Name" not in parses[0].tag.grammemes


def _feminine_noun(analysis: Analysis, index: int) -> bool:
    """A common noun naming a woman ("кёрлингистка", "медалистка"), by pymorphy's reading:
    the tagger takes an unknown "кёрлингистка" for a masculine thing. A masculine noun names
    women too ("лидер"), so only a feminine one tells."""
    text = analysis.tokens[index].text
    if not text.isalpha() or not text.islower():
        return False
    parses = analysis.morph.parse(text.lower())
    return bool(parses) and parses[0].tag.POS == "NOUN" and \
        {"anim", "femn", "nomn"} <= set(parses[0].tag.grammemes)


def agreeing_gender(analysis: Analysis, tokens: range) -> str | None:
    """The gender the words agreeing with one name mention say ("Masc", "Fem" or None): the
    past-tense verb or short participle it is the subject of ("Белкина осталась"), a feminine
    noun in apposition ("кёрлингистка Сидорова"), the verb of the noun it stands by. Not the
    tagger's reading of the name itself: "Ерофеева", "Белкина" are also men's genitives.
    The one notion of a mention's own gender the linker (a woman's mention never joins a man)
    and the feminine names below read."""
    gender = verb_gender(analysis, tokens) or _described_as(analysis, tokens)
    # "от которого Севастовой становилось не по себе": a neuter verb has no subject of hers
    return gender if gender in ("Masc", "Fem") else None


def entity_gender(analysis: Analysis, entity: Entity) -> str | None:
    """The gender the words agreeing with a person's names say (:func:`agreeing_gender`). None
    when the signs disagree or there are none. The descriptions read it too: "спортсмен"
    never describes a woman."""
    return _one_gender(gender for _, gender in _name_genders(analysis, entity))


def _name_genders(analysis: Analysis, entity: Entity) -> list[tuple[Mention, str | None]]:
    """Each name mention of ``entity``, in order, with its :func:`agreeing_gender`."""
    return [(m, agreeing_gender(analysis, analysis.tokens_between(m.start, m.end)))
            for m in entity.mentions if m.kind == "name"]


def _one_gender(genders: Iterable[str | None]) -> str | None:
    votes = Counter(genders)
    votes.pop(None, None)
    return next(iter(votes)) if len(votes) == 1 else None


def feminine_names(analysis: Analysis, entities: list[Entity]) -> None:
    """Women's name mentions, names and aliases made feminine; changes ``entities`` in place."""
    morph = analysis.morph
    for entity in entities:
        if entity.type != "PER":
            continue
        names = _name_genders(analysis, entity)     # each mention's gender, worked out once
        if _one_gender(gender for _, gender in names) != "Fem":
            continue
        renamed: dict[str, str] = {}
        for mention, gender in names:
            written, normal = mention.text.split(), mention.normal.split()
            if len(written) != len(normal):
                continue
            # "Ивана Шмелева" stays a man's unless its own words say she is a woman ("—
            # сказала представитель полиции Джозефа Реджетти")
            if any(_only_a_mans_name(morph, w) for w in written[:-1]) and gender != "Fem":
                continue
            feminine = _feminine_mention(morph, written, normal)
            if feminine != mention.normal:
                renamed[mention.normal] = feminine
                mention.normal = feminine
        oblique = _surname_in_first_declension(
            [m for m in entity.mentions if m.kind == "name"], renamed)
        for mention in entity.mentions:
            if mention.kind == "name" and mention.normal in oblique:
                renamed[mention.normal] = oblique[mention.normal]
                mention.normal = oblique[mention.normal]
        normals = [m.normal for m in entity.mentions if m.kind == "name"]
        name = renamed.get(entity.name, entity.name)
        longest = [n for n in normals if len(n.split()) == len(name.split())]
        if not _reads_feminine(morph, name):
            name = next((n for n in longest if _reads_feminine(morph, n)), name)
        if renamed or name != entity.name:
            aliases = [renamed.get(a, a) for a in [*entity.aliases, entity.name]] + normals
            entity.name = name
            entity.aliases = []
            for alias in aliases:
                if fold(alias) != fold(name) and all(fold(alias) != fold(a)
                                                     for a in entity.aliases):
                    entity.aliases.append(alias)
