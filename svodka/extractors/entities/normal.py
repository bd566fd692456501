"""Nominative forms of names, organizations and roles.

Built on natasha's normalization (``natasha/norm.py``): a word is put in the nominative by
finding the pymorphy form that agrees with the tagger's part of speech, gender, number and
case, and inflecting that form. Person names inflect every word; other names inflect only
the syntactic head and the adjectives that agree with it, so "Министерства иностранных
дел РК" keeps its genitive tail. Results are cached per (word, tags).
"""
from __future__ import annotations

import os
from functools import lru_cache


from svodka.analysis import Analysis
from svodka.analysis.morphology import inflect_form
from svodka.extractors.entities.coordination import shared_noun_name
from svodka.extractors.entities.foreign import (feminine_nominative, foreign_nominative,
                                               undeclined_woman)
from svodka.extractors.entities.gazetteer import abbreviation_of
from svodka.text import CYRILLIC_VOWELS, fold_word, has_cyrillic

_INFLECTABLE = {"NOUN", "PROPN", "ADJ", "DET", "VERB", "NUM"}
_AGREEING = {"ADJ", "DET", "VERB", "NUM"}     # words that follow their head into the nominative
_NAME_TAGS = {"Name", "Surn", "Patr"}


def _pos_matches(form_pos: str, pos: str) -> bool:
    same = {"PROPN": "NOUN"}
    return same.get(form_pos, form_pos) == same.get(pos, pos)


@lru_cache(maxsize=20_000)
def _inflect(morph, word: str, pos: str, case: str, gender: str, number: str,
             person: bool, foreign: bool = False) -> str:
    lowered = word.lower()
    forms = morph.parse(lowered)
    if foreign:
        # "Марио Драги", "Лея Органа": beside a first name that shows no Russian declension
        # an inanimate common noun ("драга", "орган") is no reading of the surname
        forms = [form for form in forms if _NAME_TAGS & set(form.tag.grammemes)
                 or form.feats.get("Animacy") != "Inan"]
    if person and not morph.word_is_known(lowered):
        # a guess from the ending only: no person's name is a neuter noun ("Гэвина" is no
        # genitive of a "гэвино"), and a woman's unknown name ending in a consonant or a soft
        # sign does not decline ("Юлии Скрипаль" is no "Скрипаля", "Кейтлин")
        if gender == "Fem" and lowered[-1:].isalpha() and lowered[-1] not in CYRILLIC_VOWELS + "й" \
                and not lowered.endswith(("ом", "ем", "ём")):     # a man's instrumental, mistagged
            return lowered
        forms = [form for form in forms if form.feats.get("Gender") != "Neut"]
    candidates = [form for form in forms if _pos_matches(form.pos, pos)
                  and form.feats.get("Case") == case]
    if person and number != "Plur" and gender == "Fem":
        # one woman's name is singular: "Эвелин", "Кейтлин" are no genitive plurals of
        # "Эвелина", "Кейтлина" (the zero ending of a feminine -а noun) but foreign women's
        # names that do not decline; a man's "Роб", "Том" are left to the readings as before
        forms = [form for form in forms if not _zero_plural(form, lowered)]
        candidates = [form for form in candidates if not _zero_plural(form, lowered)]
    if person:
        # a person's name inflects as a name, not as the common noun it may also be ("Роман");
        # when the tagger's case fits no form of it ("Грету" read as genitive), any case will do
        named = [form for form in candidates if _NAME_TAGS & set(form.tag.grammemes)]
        if not named and not candidates:
            named = [form for form in forms if _NAME_TAGS & set(form.tag.grammemes)
                     and form.feats.get("Gender") == gender]
        candidates = named or candidates
    exact = [form for form in candidates
             if form.feats.get("Gender") == gender and form.feats.get("Number") == number]
    for form in exact + candidates:
        if person and not morph.word_is_known(lowered) and not _keeps_stem(form, lowered):
            continue
        # natasha's MorphForm.inflect speaks Universal Dependencies feature names
        inflected = (inflect_form(form, {"Nom", number}) if number in ("Sing", "Plur")
                     else None) or inflect_form(form, {"Nom"})
        if inflected:
            return inflected.word
    return lowered


def _zero_plural(form, word: str) -> bool:
    """The genitive or accusative plural of a feminine -а/-я noun, with no ending ("эвелин" of
    "эвелина")."""
    return form.feats.get("Number") == "Plur" and form.feats.get("Gender") == "Fem" and \
        form.normal_form in (word + "а", word + "я")


def _keeps_stem(form, word: str) -> bool:
    """A guessed parse of an unknown surname may not change its stem ("Шольцем" -> "Шолец")."""
    normal = form.normal_form
    return len(os.path.commonprefix([normal, word])) >= len(normal) - 1


def nominative_word(morph, text: str, pos: str, feats: dict, person: bool = False,
                    seen=frozenset(), foreign: bool = False) -> str:
    """One word in the nominative, in the letter case it was written in.

    ``seen``: the lowercase words of the whole text, to choose between a foreign name's
    possible nominatives; ``foreign``: a word of a person's name whose other words show no
    Russian declension (:func:`_undeclined_given_names`)."""
    if pos not in _INFLECTABLE or not any(ch.isalpha() for ch in text):
        return text
    if text.isupper() or not has_cyrillic(text):
        return text                        # abbreviations and Latin names do not decline
    abbreviation = abbreviation_of(text)
    if abbreviation is not None:
        return abbreviation                # "японского МИДа" -> "японский МИД"
    case = feats.get("Case")
    if case == "Nom" and not person and pos in ("NOUN", "PROPN") \
            and feats.get("Number") == "Sing":
        return _singular_ii_nominative(morph, text)
    if case is None or case == "Nom":
        return text
    if "-" in text and person:
        parts = text.split("-")
        return "-".join(nominative_word(morph, part, pos, feats, person, seen, foreign)
                        for part in parts)
    word = _inflect(morph, text, pos, case, feats.get("Gender", ""), feats.get("Number", ""),
                    person, foreign)
    lowered = text.lower()
    if not person and word == lowered and pos in ("NOUN", "PROPN") \
            and feats.get("Number") != "Plur":
        # an adjective is no such head: "прямой" is also an oblique form of the noun "прямая";
        # a plural's nominative may be written as its accusative ("на Вооружённые силы США")
        word = _oblique_only_nominative(morph, lowered, case) or word
    if person and word == lowered:
        # no name form fits: a woman's surname read as an adjective ("Рябчиковой"), or a
        # foreign man's name pymorphy does not know ("Хэннигсена")
        word = feminine_nominative(lowered, case, feats.get("Gender")) or word
        if word == lowered and feats.get("Gender") != "Fem" \
                and _foreign(morph, lowered, case, foreign):
            word = foreign_nominative(lowered, case, seen) or word
    # Imported here: importing natasha loads numpy, and `import svodka` must not, so that the
    # CLI can still choose the number of BLAS threads before numpy starts its pool.
    from natasha.shape import recover_shape
    return recover_shape(word.replace("ё", "е") if "ё" not in text.lower() else word, text)


def _singular_ii_nominative(morph, text: str) -> str:
    """"на других островах Меланезии", tagged a nominative singular: no singular nominative
    ends in -ии, which is the genitive, dative or locative of an -ия noun ("Меланезия");
    the word as written when pymorphy reads it a singular nominative after all."""
    lowered = text.lower()
    if not lowered.endswith("ии") or len(lowered) < 5 or not lowered.isalpha() \
            or any(p.feats.get("Case") == "Nom" and p.feats.get("Number") == "Sing"
                   for p in morph.parse(lowered)):
        return text
    from natasha.shape import recover_shape
    return recover_shape(lowered[:-1] + "я", text)


# the accusative of a first-declension noun and its nominative: "«Хезболлу»" → "Хезболла"
_ACCUSATIVE_NOMINATIVE = {"у": "а", "ю": "я"}


def _oblique_only_nominative(morph, word: str, case: str) -> str | None:
    """The nominative of an organization's or place's head word whose case the tagger read
    right but no reading of pymorphy's fits: "португальской Примейра-лиге" (pymorphy's
    "лиге" is only a dative or locative of "лига", the tagger read a genitive) takes the one
    lemma of readings that are all oblique; "«Хезболлу»", a word pymorphy does not know read
    as an accusative in -у/-ю, is a first-declension noun ("Хезболла"): no other noun's
    accusative singular ends so. None when neither holds."""
    last = word.rsplit("-", 1)[-1]
    if not last.isalpha():
        return None
    if morph.word_is_known(last):
        nouns = [p for p in morph.parse(word) if p.pos in ("NOUN", "PROPN")
                 and p.feats.get("Number") == "Sing"]
        lemmas = {p.normal_form for p in nouns}
        if len(lemmas) == 1 and not any(p.feats.get("Case") == "Nom" for p in nouns):
            return lemmas.pop()
        return None
    if case == "Acc" and len(last) > 3 and last[-1] in _ACCUSATIVE_NOMINATIVE:
        return word[:-1] + _ACCUSATIVE_NOMINATIVE[word[-1]]
    return None


# endings of a Russian first name's oblique cases that no foreign name written as a
# nominative ends in ("Паулу", "Ники", "Моти", "Урсу" are nominatives of their own)
_OBLIQUE_NAME_ENDINGS = ("ы", "ой", "ей", "ою", "ею", "ом", "ем", "ём", "ии", "ея", "ия")


def _oblique_first_name_nominative(morph, word: str) -> str:
    """"Иванны Климпуш-Цинцадзе", tagged a nominative: a first name (a word before the last)
    left as written that pymorphy knows in the singular only in an oblique case is put in the
    nominative, whatever the tagger read."""
    named = _oblique_only_name(morph, word.lower())
    if not named:
        return word
    from natasha.shape import recover_shape
    return recover_shape(named, word)


def _oblique_only_name(morph, word: str) -> str | None:
    """The nominative of a first name pymorphy reads, in the singular, only in an oblique
    case ("иванны" → "иванна"; not "александра", a woman's nominative too), else None."""
    if not word.endswith(_OBLIQUE_NAME_ENDINGS) or not morph.word_is_known(word):
        return None
    names = [p for p in morph.parse(word) if "Name" in p.tag.grammemes
             and p.feats.get("Number") != "Plur"]
    if not names or any(p.feats.get("Case") == "Nom" for p in names):
        return None
    lemmas = {p.normal_form for p in names}
    return lemmas.pop() if len(lemmas) == 1 else None


def _foreign(morph, word: str, case: str, beside_foreign: bool = False) -> bool:
    """A name pymorphy does not know, or knows only as some other word in another case
    ("Майка Пенса": "пенса" is only a genitive of the coin "пенс", never an accusative).
    ``beside_foreign``: the first names show no Russian declension; then a surname pymorphy
    knows only as a thing is unknown too ("Стэнли Кубрика": "кубрик" is a cabin, "Массимо
    Карреры": "карреры" an indeclinable neuter)."""
    if not morph.word_is_known(word):
        return True
    parses = morph.parse(word)
    if beside_foreign and not any(_NAME_TAGS & set(p.tag.grammemes)
                                  or p.feats.get("Animacy") == "Anim" for p in parses):
        return True
    return not any(_NAME_TAGS & set(p.tag.grammemes) or p.feats.get("Case") == case
                   for p in parses)


def inflected_indices(tokens, first: int, stop: int) -> set[int]:
    """The head words of ``tokens[first:stop]`` and the adjectives that agree with them."""
    roots = [i for i in range(first, stop) if not first <= tokens[i].head < stop]
    # "альманаха Союза российских писателей": a lowercase noun after the head noun is its
    # complement and keeps its case, though the parser hung it outside the span
    nouns = [i for i in roots if tokens[i].pos in ("NOUN", "PROPN")]
    roots = [i for i in roots if not (nouns and i > nouns[0] and tokens[i].pos == "NOUN"
                                      and tokens[i].text.islower())]
    # "в испанской Ла Лиге": the parser may hang the noun on a foreign article it read as an
    # adjective; the capitalized noun after it, in the same case, is the head (not so in
    # "прямой демократический референдум", all lowercase)
    roots += [i for i in range(first, stop) for root in roots
              if tokens[root].pos in _AGREEING and tokens[i].head == root and i > root
              and tokens[root].text[:1].isupper() and tokens[i].text[:1].isupper()
              and tokens[i].pos in ("NOUN", "PROPN")
              and tokens[i].feats.get("Case") == tokens[root].feats.get("Case")]
    chosen = set(roots)
    frontier = list(roots)
    while frontier:
        head = frontier.pop()
        for i in range(first, stop):
            if tokens[i].head == head and i not in chosen \
                    and (tokens[i].pos in _AGREEING or tokens[i].rel == "amod"):
                chosen.add(i)
                frontier.append(i)
    return chosen


def join_words(text: str, tokens, first: int, stop: int, words: list[str]) -> str:
    """Words joined with the original spacing (any run of whitespace becomes one space); a
    hashtag sign is no part of a name ("Ирина #Старых" of a post's caption is Ирина Старых)."""
    parts: list[str] = []
    gap = ""
    for offset, index in enumerate(range(first, stop)):
        if offset:
            gap = gap or text[tokens[index - 1].end:tokens[index].start]
        if tokens[index].text in _HASHTAG_SIGNS and index + 1 < stop and \
                tokens[index + 1].start == tokens[index].end:
            continue
        if offset and parts:
            parts.append(" " if gap else "")
        parts.append(words[offset])
        gap = ""
    return "".join(parts)


_HASHTAG_SIGNS = ("#", "@")


def normalize(analysis: Analysis, first: int, stop: int, type_: str, seen=frozenset()) -> str:
    """The nominative form of the tokens ``[first, stop)`` read as one name of ``type_``."""
    tokens, morph = analysis.tokens, analysis.morph
    person = type_ == "PER"
    if person:
        chosen = set(range(first, stop))
    else:
        shared = shared_noun_name(analysis, first, stop)
        if shared:
            return shared                   # "Донецкой и Луганской областях"
        # "Комитет по делам молодежи": a prepositional complement keeps its case
        head_stop = next((i for i in range(first + 1, stop) if tokens[i].pos == "ADP"), stop)
        chosen = inflected_indices(tokens, first, head_stop)
    if person and undeclined_woman(morph, [tokens[i].text for i in range(first, stop)]):
        chosen = set()                      # already nominative: "Александра Тиман"
    # "МГУ им. М.В. Ломоносова": a word cut short by a period is written as it is
    chosen -= {i for i in range(first, stop - 1) if tokens[i + 1].text == "."
               and tokens[i + 1].start == tokens[i].end}
    foreign = person and _undeclined_given_names(morph, [t.text for t in tokens[first:stop - 1]])
    if person:
        chosen -= {i for i in range(first, stop - 1) if _undeclined_first_name(morph, tokens[i].text)}
    # each inflected word's part of speech and features: the tagger's, or read by agreement
    read = {i: (_pos_for(tokens[i], person), tokens[i].feats) for i in chosen}
    read.update(_agreeing_name_cases(morph, tokens, first, stop) if person
                else _agreement_feats(morph, tokens, first, stop, chosen))
    words = [nominative_word(morph, tokens[i].text, *read[i], person, seen,
                             foreign and i == stop - 1) if i in chosen
             else tokens[i].text for i in range(first, stop)]
    if person:
        words = [_written_lemma(morph, word, seen) if i in chosen and word == tokens[i].text
                 and read[i][1].get("Case") == "Nom" else word
                 for i, word in zip(range(first, stop), words)]
    if person:
        words = [_oblique_first_name_nominative(morph, word) if first + offset < stop - 1
                 and fold_word(word) == fold_word(tokens[first + offset].text) else word
                 for offset, word in enumerate(words)]
    return join_words(analysis.text, tokens, first, stop, words)


def _agreement_feats(morph, tokens, first: int, stop: int, chosen: set[int]) -> dict[int, tuple]:
    """An organization's or place's words read by their agreement where the tagger's own
    reading of one is wrong: "Соединённых Штатов" (the participle tagged a feminine singular
    proper noun) is an adjective in its head's number and gender; "Верховной рады" ("рады"
    tagged an adjective with no case) is a noun in the case, number and gender of the
    adjective agreeing with it. (pos, feats) by token index."""
    changed = {}
    for i in chosen:
        token = tokens[i]
        head = token.head if token.rel == "amod" else i + 1
        # the adjective's part of speech as pymorphy has it: a participle is a VERB
        readings = [p.pos for p in morph.parse(token.text.lower())] \
            if token.pos in ("PROPN", "NOUN") else []
        if readings and first <= head < stop and tokens[head].pos in ("PROPN", "NOUN") \
                and (token.rel == "amod" or not {"NOUN", "PROPN"} & set(readings)
                     and tokens[head].feats.get("Case") == token.feats.get("Case")):
            # "о позиции Соединённых Штатов": both hung on "позиции", the participle before
            # the noun in its case is its adjective all the same
            readings = [pos for pos in readings if pos in _AGREEING]
            agreement = {k: tokens[head].feats[k] for k in ("Number", "Gender")
                         if k in tokens[head].feats}
            changed[i] = (readings[0] if readings else "ADJ", {**token.feats, **agreement})
        elif token.pos == "ADJ" and "Case" not in token.feats:
            adjective = next((k for k in chosen if tokens[k].head == i and tokens[k].pos == "ADJ"
                              and tokens[k].rel == "amod" and "Case" in tokens[k].feats), None)
            if adjective is not None:
                changed[i] = ("NOUN", {k: v for k, v in tokens[adjective].feats.items()
                                       if k in ("Case", "Number", "Gender")})
    return changed


def _agreeing_name_cases(morph, tokens, first: int, stop: int) -> dict[int, tuple]:
    """"с Анаром Алияром оглы Аллахверановым": the words of one person's name share a case.
    A word the tagger read as a nominative, which no reading of pymorphy's allows, takes the
    case the tagger read in the other words of the name when pymorphy allows that one (the
    surname, tagged a nominative, reads only as an instrumental). (pos, feats) by token
    index."""
    # only a word pymorphy declines as a name in the case read is evidence: "заявила Джозефа
    # Реджетти", the undeclined "Реджетти" tagged a genitive, says nothing of "Джозефа"
    others = {tokens[i].feats.get("Case") for i in range(first, stop)
              if tokens[i].pos in ("PROPN", "NOUN") and tokens[i].feats.get("Case") != "Nom"
              and _declines_as_name(morph, tokens[i].text, tokens[i].feats.get("Case"))}
    if len(others) != 1:
        return {}
    case = others.pop()
    changed = {}
    for i in range(first, stop):
        word = tokens[i].text.lower()
        if tokens[i].feats.get("Case") != "Nom" or not word.isalpha() or not has_cyrillic(word):
            continue
        readings = {p.feats.get("Case") for p in morph.parse(word)
                    if p.pos in ("NOUN", "PROPN") and _NAME_TAGS & set(p.tag.grammemes)
                    and p.feats.get("Number") != "Plur"}
        if readings and "Nom" not in readings and case in readings:
            changed[i] = (_pos_for(tokens[i], True), {**tokens[i].feats, "Case": case})
    return changed


def _declines_as_name(morph, word: str, case: str | None) -> bool:
    # one person is named in the singular: "Алжан Жармухамедов" is no genitive plural of
    # "Алжана" and "Жармухамед", though pymorphy reads both so
    return any(_NAME_TAGS & set(p.tag.grammemes) and "Fixd" not in p.tag.grammemes
               and p.feats.get("Number") != "Plur"
               and p.feats.get("Case") == case for p in morph.parse(word.lower()))


def _written_lemma(morph, word: str, seen) -> str:
    """"знают как Тюремщицу Джину", "а Джину Хаспел – преступницей": a word of a person's name
    the tagger read as a nominative that pymorphy reads only in an oblique case, all of one
    lemma (a name's reading first), is that lemma when the text writes the lemma too ("Джина
    Хаспел" elsewhere). Without the text's own nominative a foreign name that does not decline
    keeps its form ("Паулу Бенту": "паулу" is also the accusative of "Паула")."""
    low = word.lower()
    if not low.isalpha() or not morph.word_is_known(low):
        return word
    nouns = [p for p in morph.parse(low) if p.pos in ("NOUN", "PROPN")]
    if not nouns or any(p.feats.get("Case") == "Nom" for p in morph.parse(low)):
        return word
    named = [p for p in nouns if _NAME_TAGS & set(p.tag.grammemes)] or nouns
    lemmas = {p.normal_form for p in named if p.feats.get("Number") == "Sing"}
    if len(lemmas) != 1:
        return word
    lemma = lemmas.pop()
    if lemma not in seen:
        return word
    from natasha.shape import recover_shape
    return recover_shape(lemma, word)


# a first name pymorphy does not know that ends so is a foreign one that does not decline
# ("Фелипе Массы", "Жозе Моуринью", "Андре Виллаш-Боаш"): a Russian name takes -е only in the
# dative or locative, and pymorphy knows those forms of the names it knows ("Иване", "Сергее")
_UNDECLINED_NAME_ENDINGS = ("е", "э", "о")


def _undeclined_first_name(morph, word: str) -> bool:
    lowered = word.lower()
    return lowered.endswith(_UNDECLINED_NAME_ENDINGS) and lowered.isalpha() \
        and has_cyrillic(lowered) and not morph.word_is_known(lowered)


def _undeclined_given_names(morph, given: list[str]) -> bool:
    """The words before a surname ("Марио", "Лея", "Джей Джей") are names that do not decline
    ("Марио": pymorphy's ``Fixd``) or that pymorphy knows as no name at all: a foreign name,
    whose surname is no Russian common noun either. "Александра Мороза" has a declined first
    name, so "Мороза" stays the genitive of "Мороз"."""
    words = [w.lower() for w in given if w[:1].isalpha() and "." not in w]
    if not words:
        return False
    for word in words:
        names = [p for p in morph.parse(word) if _NAME_TAGS & set(p.tag.grammemes)]
        if names and not all("Fixd" in p.tag.grammemes for p in names):
            return False
    return True


def _pos_for(token, person: bool) -> str:
    # the tagger sometimes reads a surname as an adjective ("Громова"); names are nouns
    if person and token.pos in ("ADJ", "VERB", "X"):
        return "PROPN"
    return token.pos


def written_nominatives(named: list) -> None:
    """"рассказала Диметова" read as a man's genitive ("Диметов") while the text names a
    woman "Диметова" elsewhere: a one-word person's name written exactly as the surname of
    another mention's nominative is that nominative, unless the text's own nominatives also
    attest the man's form. Changes ``normal`` in place."""
    surnames = {}
    for m in named:
        if m.type == "PER" and m.kind == "name":
            surnames.setdefault(fold_word(m.normal.split()[-1]), []).append(m)
    for m in named:
        if m.type != "PER" or m.kind != "name" or not m.text.replace("-", "").isalpha() \
                or m.text.isupper():
            continue
        written, normal = fold_word(m.text), fold_word(m.normal)
        if written == normal or written not in surnames:
            continue
        if any(fold_word(other.text.split()[-1]) != written for other in surnames.get(normal, ())):
            continue          # the man's name is written otherwise too ("Диметов", "Диметову")
        m.normal = m.text


def subject_nominatives(analysis: Analysis, named: list, seen=frozenset()) -> None:
    """"Вэрика уточнила": a person's name that is the subject of a past-tense verb in the
    singular is written in the nominative, whatever case the tagger read in it (a foreign
    surname it does not know, taken for a man's genitive, would become "Вэрик"), unless the
    text also writes the nominative the normalizer made ("Ким Чен Ын": a parse that makes
    "к власти Ким Чен Ына" a subject is wrong). Every name mention written with that surname
    keeps it as written, unless the text writes it after a first name in an oblique case
    ("экс-сотрудника ГРУ Сергея Скрипаля"). ``seen``: the text's lowercase words. Changes
    ``normal`` in place."""
    tokens = analysis.tokens
    nominative = set()
    for m in named:
        if m.type != "PER" or m.kind != "name" or not m.text.split():
            continue
        written, normal = m.text.split()[-1], m.normal.split()[-1]
        if fold_word(written) == fold_word(normal) or not written.replace("-", "").isalpha() \
                or normal.lower() in seen:
            continue
        span = analysis.tokens_between(m.start, m.end)
        heads = [i for i in span if tokens[i].head not in span]
        if len(heads) != 1 or not tokens[heads[0]].rel.startswith("nsubj"):
            continue
        verb = tokens[heads[0]].head
        # a past-tense verb: its agreement was read with the subject ("Вэрика уточнила"); a
        # present-tense one is where the parser takes a genitive for a subject ("на фоне дела
        # Скрипаля пытается")
        if verb >= 0 and tokens[verb].pos in ("VERB", "AUX") \
                and tokens[verb].feats.get("Number") == "Sing" \
                and tokens[verb].feats.get("Tense") == "Past":
            nominative.add(fold_word(written))
    # "Пита" of "Пита Тауфатофуа": a word written as a first name is no surname
    nominative -= {fold_word(word) for m in named if m.type == "PER"
                   for word in m.text.split()[:-1]}
    for m in named:
        # "Сергея Скрипаля": a surname written after a first name in the genitive is one
        written = m.text.split()
        if m.type == "PER" and m.kind == "name" and len(written) > 1 \
                and fold_word(written[-1]) in nominative \
                and _oblique_first_name(analysis.morph, written[0]):
            nominative.discard(fold_word(written[-1]))
    if not nominative:
        return
    for m in named:
        words, written = m.normal.split(), m.text.split()
        if m.type == "PER" and m.kind == "name" and len(words) == len(written) \
                and fold_word(written[-1]) in nominative:
            m.normal = " ".join([*words[:-1], written[-1]])


def _oblique_first_name(morph, word: str) -> bool:
    """A first name pymorphy knows only in an oblique case ("Сергея"; not "Валери")."""
    names = [p for p in morph.parse(word.lower()) if "Name" in p.tag.grammemes]
    return bool(names) and not any("nomn" in p.tag.grammemes for p in names)


def written_surname(name: str, mentions: list) -> str:
    """A person's full name whose surname the normalizer guessed from an oblique or unknown
    form ("Станислава Бышка" → "Бышк", "Алжан Жармухамедов" → "Жармухамед") while the text
    itself writes the surname alone as a nominative ("— заключил Бышок", "Жармухамедов
    вспоминает"): the full name takes the written form. Only when the guessed form is written
    nowhere in the text and exactly one such written form, close to it, exists."""
    words = name.split()
    if len(words) < 2:
        return name
    guessed = fold_word(words[-1])
    if any(guessed in (fold_word(w) for w in m.text.split()) for m in mentions):
        return name
    forms = {m.text for m in mentions if m.kind == "name" and len(m.text.split()) == 1
             and m.text[:1].isupper() and fold_word(m.text) == fold_word(m.normal)
             and fold_word(m.text) != guessed and fold_word(m.text)[:3] == guessed[:3]
             and abs(len(m.text) - len(guessed)) <= 2}
    if len({fold_word(f) for f in forms}) != 1:
        return name
    return " ".join([*words[:-1], forms.pop()])


# how a name stands by the noun it depends on: in apposition, as its complement, or listed with
# it; in each the name takes that noun's case when the noun is a genitive
_CASE_SHARING = ("appos", "nmod", "conj")


def genitive_dependents(analysis: Analysis, named: list) -> None:
    """"студентка семинара Евгения Чернова", "стихи критика, журналиста … Яна Шенкмана": a
    person's name the tagger read as a woman's nominative that hangs on a genitive noun
    before it (its apposition, complement or conjunct) is in the genitive too, and where every
    word reads as a man's genitive name ("Евгения" of "Евгений", "Чернова" of "Чернов") it is
    his: "Евгений Чернов". Not when the words agreeing with the name make her a woman
    ("дочь бизнесмена Александра Петрова заявила"). Changes ``normal`` in place."""
    tokens, morph = analysis.tokens, analysis.morph
    for m in named:
        written = m.text.split()
        if m.type != "PER" or m.kind != "name" or len(written) < 2 or m.agrees == "Fem" \
                or fold_word(m.normal) != fold_word(m.text):
            continue
        span = analysis.tokens_between(m.start, m.end)
        if len(span) != len(written):
            continue
        heads = [i for i in span if tokens[i].head not in span]
        if len(heads) != 1 or tokens[heads[0]].rel not in _CASE_SHARING:
            continue
        governor = tokens[heads[0]].head
        if not 0 <= governor < span.start or tokens[governor].pos not in ("NOUN", "PROPN") \
                or tokens[governor].feats.get("Case") != "Gen":
            continue
        nominatives = [_mans_genitive_name(morph, w, last=k == len(written) - 1)
                       for k, w in enumerate(written)]
        if all(nominatives):
            from natasha.shape import recover_shape
            m.normal = " ".join(recover_shape(n, w) for n, w in zip(nominatives, written))


def _mans_genitive_name(morph, word: str, last: bool) -> str | None:
    """The nominative of ``word`` read as a man's genitive name (a surname when ``last``),
    when it also reads as a woman's nominative one: "евгения" → "евгений", "чернова" →
    "чернов"; a surname pymorphy does not know takes off its -а ("шенкмана" → "шенкман").
    None when it has no such pair of readings."""
    low = word.lower()
    if not low.isalpha():
        return None
    if last and not morph.word_is_known(low):
        stem = low[:-1]
        return stem if low.endswith("а") and stem[-1:] not in CYRILLIC_VOWELS + "й" \
            and len(stem) >= 3 else None
    tags = {"Surn"} if last else {"Name"}
    parses = [p for p in morph.parse(low) if tags & set(p.tag.grammemes)]
    feminine = any({"femn", "nomn", "sing"} <= set(p.tag.grammemes) for p in parses)
    masculine = [p.normal_form for p in parses
                 if {"masc", "gent", "sing"} <= set(p.tag.grammemes)]
    return masculine[0] if feminine and masculine else None
