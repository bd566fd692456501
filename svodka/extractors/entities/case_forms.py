"""One nominative for every case form of a name (issue 15).

The normalizer reads each mention alone, with the tagger's case of that sentence, so one
name can come out in two forms: "в городе Ливингстоне" left as written, "Детектор в
Ливингстоне" put in the nominative "Ливингстон"; "у США и Саудовской Аравии" left in the
genitive beside "Саудовская Аравия"; "Афинам" read as the dative of "Афина" beside
"Афины". Two forms make two entities. Here mentions of one type whose words are forms of one
word take one nominative, chosen by what the text itself shows:

- mentions written alike take the form whose first word may be a nominative ("Уэса
  Андерсона" → "Уэс Андерсон", not "Уэса Андерсон"; "Флайерз", not "Флайерза"), then for a
  one-word name the declined one ("Ливингстон"), for a longer one the one that declined
  fewest words ("Управление уголовного розыска МВД", not "Управление уголовный розыск
  МВД"); for people only where the words pymorphy does not know differ, since "Александра
  Петрова" is both a man's genitive and a woman's nominative;
- places and one-word organization names whose words agree one by one (a shared pymorphy
  lemma, or for a word pymorphy does not know the same stem once a case ending is cut; an
  organization's longer name keeps a genitive tail, which reads as a case slip) take the one
  form
  that reads as a nominative ("Ливингстон", "Саудовская Аравия"), the one the text writes as
  a mention of its own when several do ("Афины", not "Афина"), the one nominative the text
  writes when the normalizer made none ("Дейр эз-Зор"), else stay as they are. A lemma keeps
  "Нигер" and "Нигерия" apart.
"""
from __future__ import annotations

from collections import Counter

from svodka.analysis.morphology import Morphology
from svodka.extractors.entities.types import Named
from svodka.names import MASCULINE_SURNAME_ENDINGS
from svodka.text import fold

# case endings of nouns and adjectives, longest first
_ENDINGS = tuple(sorted(
    ("ами", "ями", "ого", "его", "ому", "ему", "ией", "ьей", "ах", "ях", "ам", "ям", "ой",
     "ей", "ою", "ею", "ом", "ем", "ым", "им", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие",
     "ых", "их", "ия", "ии", "ию", "ья", "ьи", "ью", "а", "я", "у", "ю", "е", "и", "ы", "о"),
    key=len, reverse=True))
_MIN_STEM = 3


def case_stem(word: str) -> str:
    """"ливингстоне" → "ливингстон": the word without its longest case ending, keeping at
    least three letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[:-len(ending)]
    return word


def _lemmas(morph: Morphology, word: str) -> frozenset[str]:
    """The word's lemmas, each with its gender ("Московская" is no form of "Московский":
    область and район are two places; a plural form, of no gender, goes with any)."""
    lemmas = set()
    for p in morph.parse(word):
        genders = (p.tag.gender,) if p.tag.gender else ("masc", "femn", "neut")
        lemmas.update(f"{p.normal_form}:{g}" for g in genders)
    return frozenset(lemmas)


def same_word_forms(morph: Morphology, a: str, b: str) -> bool:
    """Two (folded) words that are forms of one word: a lemma pymorphy gives both, or, when
    it does not know one of them, one stem once a case ending is cut."""
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False    # a case ending never changes a name's first letter (and this is cheap)
    if "-" in a and "-" in b:
        # "Дейра эз-Зора" / "Дейр эз-Зор", "Аль-Каиду" / "Аль-Каида": part by part
        parts_a, parts_b = a.split("-"), b.split("-")
        return len(parts_a) == len(parts_b) and all(
            x == y or (x.isalpha() and y.isalpha() and len(case_stem(x)) >= 2
                       # "ислам", "ислама": the bare form's own stem cuts "ам" off
                       and (case_stem(x) == case_stem(y) or x == case_stem(y)
                            or y == case_stem(x)))
            for x, y in zip(parts_a, parts_b))
    if not a.isalpha() or not b.isalpha():
        return False
    if morph.word_is_known(a) and morph.word_is_known(b):
        return bool(_lemmas(morph, a) & _lemmas(morph, b))
    return len(a) >= 4 and len(b) >= 4 and case_stem(a) == case_stem(b)


class _FormIndex:
    """Words by what ``same_word_forms`` compares (lemmas, the stem a case ending leaves), so
    finding a word's forms among many costs a few lookups, not one comparison each: a 10 MB
    article names thousands of people."""

    def __init__(self, morph: Morphology, words) -> None:
        self.morph = morph
        self.order = {w: i for i, w in enumerate(words)}
        self.by_key: dict[tuple[str, str], list[str]] = {}
        self.hyphenated = [w for w in self.order if "-" in w]
        for w in self.order:
            for key in self._keys(w):
                self.by_key.setdefault(key, []).append(w)

    def _keys(self, word: str) -> set[tuple[str, str]]:
        keys = {("word", word)}
        if word.isalpha():
            if self.morph.word_is_known(word):
                keys.update(("lemma", lemma) for lemma in _lemmas(self.morph, word))
            if len(word) >= 4:
                keys.add(("stem", case_stem(word)))
        return keys

    def forms_of(self, word: str) -> list[str]:
        """The indexed words that are forms of ``word``, in the order they were given."""
        candidates = {w for key in self._keys(word) for w in self.by_key.get(key, ())}
        if "-" in word:
            candidates.update(self.hyphenated)
        return [w for w in sorted(candidates, key=self.order.__getitem__)
                if same_word_forms(self.morph, word, w)]


def fold_case_forms(named: list[Named], morph: Morphology) -> None:
    """Mentions of one name in different cases get one nominative; changes ``normal`` (and
    a person's ``type`` that is a place's case form) in place."""
    _places_taken_for_people(named, morph)
    _written_alike(named, morph)
    _places_alike(named, morph)
    _last_word_alike(named, morph)


def _places_taken_for_people(named: list[Named], morph: Morphology) -> None:
    """"не заботиться об Африне" beside "Африн" (a place), "планетой — Меркурием" beside
    "Меркурий": a person of one word that is a case form of a place's one-word name in the
    same text is that place: it takes its type, and then one nominative with its other
    forms.
    Unless a person's longer name holds that word ("Джордж Вашингтон" beside "Вашингтон"):
    then the one word may be him; and only a declined form, not one written alike."""
    others = {}
    for m in named:
        # places only: "торпедировать Себастьяна" is a man beside the quoted «Себастьян», a
        # name of something (bench/merge_audit.py, russia_today_2:15)
        if m.kind == "name" and not m.nested and m.type == "LOC" \
                and len(m.normal.split()) == 1 and m.normal.replace("-", "").isalpha():
            others.setdefault(fold(m.normal), m)
    if not others:
        return
    people_words = _FormIndex(morph, {fold(w) for m in named if m.type == "PER"
                                      and len(m.text.split()) > 1 for w in m.text.split()})
    places = _FormIndex(morph, others)
    decided: dict[str, Named | None] = {}
    for m in named:
        if m.type != "PER" or m.kind != "name" or m.nested or len(m.text.split()) != 1:
            continue
        word = fold(m.text)
        if word not in decided:
            # written alike, the tagger's two types are two readings of one word ("Аматэрасу"
            # the goddess beside her shrine): only a declined form is the place's
            decided[word] = None if people_words.forms_of(word) else next(
                (others[key] for key in places.forms_of(word) if key != word), None)
        place = decided[word]
        if place is not None:
            # its nominative is chosen with the place's other forms below
            m.type, m.rule = place.type, "place_taken_for_person"


def _declined_words(m_text: str, normal: str) -> int:
    return sum(fold(w) != fold(n) for w, n in zip(m_text.split(), normal.split()))


def _written_alike(named: list[Named], morph: Morphology) -> None:
    by_text: dict[tuple[str, str], list[Named]] = {}
    for m in named:
        if m.kind == "name" and not m.nested and len(m.text.split()) == len(m.normal.split()):
            by_text.setdefault((m.type, fold(m.text)), []).append(m)
    for (type_, _), mentions in by_text.items():
        normals = Counter(m.normal for m in mentions)
        if len(normals) < 2:
            continue
        if type_ == "PER" and not _differ_in_unknown_words(list(normals), morph):
            continue
        text = mentions[0].text
        bare = {w for form in [text, *normals] for w in _words(form) if case_stem(w) == w}
        single = len(text.split()) == 1
        # the form whose first word may be a nominative ("Флайерз", not "Флайерза"; "Саудовская
        # Аравия"); of several, a one-word name takes the declined one ("Ливингстон"), a
        # longer one the one that declined fewest words: the normalizer's usual slip is a
        # genitive tail put in the nominative ("Управление уголовный розыск МВД")
        best = max(normals, key=lambda n: (
            _reads_nominative(morph, n.split()[0], bare),
            _declined_words(text, n) if single or type_ == "PER" else -_declined_words(text, n),
            normals[n]))
        for m in mentions:
            m.normal = best


def _differ_in_unknown_words(normals: list[str], morph: Morphology) -> bool:
    columns = zip(*(n.split() for n in normals))
    differing = [set(fold(w) for w in column) for column in columns]
    differing = [words for words in differing if len(words) > 1]
    return bool(differing) and all(not morph.word_is_known(w) for words in differing
                                   for w in words)


def _places_alike(named: list[Named], morph: Morphology) -> None:
    # an organization's longer name keeps a genitive tail ("Российский союз молодёжи"), which
    # the nominative test below would take for a case slip: only its one-word names count
    mentions = [m for m in named if m.kind == "name" and (m.type == "LOC" or m.type == "ORG"
                                                           and " " not in m.normal.strip())
                and m.normal.replace("-", "").replace(" ", "").isalpha()]
    normals = sorted({(m.type, m.normal) for m in mentions})
    if len(normals) < 2:
        return
    parent = {key: key for key in normals}

    def find(key):
        while parent[key] != key:
            key = parent[key]
        return key

    forms = _written_forms(mentions)
    # only names with a form of as many words, each starting with the same letter, can be
    # alike (``_alike``, ``same_word_forms``): each name is compared with those, not with every
    # other one (quadratic in a long article's distinct places)
    sharing: dict[tuple, list[int]] = {}
    for i, key in enumerate(normals):
        for mark in {_form_mark(key[0], form) for form in forms[key]}:
            sharing.setdefault(mark, []).append(i)
    for i, (type_a, a) in enumerate(normals):
        others = sorted({j for form in forms[(type_a, a)]
                         for j in sharing[_form_mark(type_a, form)] if j > i})
        for type_b, b in (normals[j] for j in others):
            if any(_alike(morph, x, y) for x in forms[(type_a, a)]
                   for y in forms[(type_b, b)]):
                parent[find((type_b, b))] = find((type_a, a))
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in normals:
        groups.setdefault(find(key), []).append(key)
    written = {(m.type, fold(m.text)) for m in mentions}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        forms = [m.text for m in mentions if (m.type, m.normal) in keys] + [k[1] for k in keys]
        bare = {w for form in forms for w in _words(form) if case_stem(w) == w}
        nominative = [k for k in keys if _reads_nominative(morph, k[1], bare)]
        chosen = [k for k in nominative if (k[0], fold(k[1])) in written]
        if len(chosen) != 1 and not nominative:
            # "Дейр эз-Зор" as written, where the normalizer made "Дейра" of every form
            chosen = _fewest_endings(list({(m.type, m.text): None for m in mentions
                                           if (m.type, m.normal) in keys
                                           and _reads_nominative(morph, m.text, bare)}))
        if len(chosen) != 1:
            # "Хабар" and "Хабара", both written, both nominatives to pymorphy: the bare one
            chosen = _fewest_endings(chosen or nominative)
        if len(chosen) != 1:
            continue
        target = chosen[0][1]
        # a listed name's gazetteer form comes along ("Саудовской Аравии" left as written by
        # a paragraph that opens with it, beside the listed "Саудовская Аравия")
        canonical = next((m.canonical for m in mentions
                          if (m.type, m.normal) == chosen[0] and m.canonical), None)
        for m in mentions:
            if (m.type, m.normal) in keys:
                m.normal = target
                m.canonical = m.canonical or canonical


def _written_forms(mentions: list[Named]) -> dict[tuple[str, str], set[str]]:
    """Each (type, normal) with its own form and the forms the text writes it in: "в Аквиле",
    which the normalizer made "Аквиль", is compared as "Аквиле" too, a case form of
    "Аквила"."""
    forms: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        forms.setdefault((m.type, m.normal), {fold(m.normal)}).add(fold(m.text))
    return forms


def _form_mark(type_: str, form: str) -> tuple[str, tuple[str, ...]]:
    """What two forms ``_alike`` may call alike share: the type and each word's first letter."""
    return type_, tuple(word[:1] for word in form.split())


def _alike(morph: Morphology, a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) \
        and all(same_word_forms(morph, x, y) for x, y in zip(words_a, words_b))


def _last_word_alike(named: list[Named], morph: Morphology) -> None:
    """"Джабхат ан-Нусрой", "… ан-Нусры", "… ан-Нусре" beside "Джабхат ан-Нусра"; "Нико
    Хюлькенбергу" beside "Нико Хюлькенберг": a person's or organization's name of several
    words whose other words are written alike and whose last word (or its last hyphenated
    part), a hyphenated one or one pymorphy does not know, differs only in a case ending
    takes the one form that reads as a nominative, the one the text writes when several do;
    else stays as it is.
    Known last words are left to the normalizer: "Александра Петрова" is a woman's name."""
    mentions = [m for m in named if m.kind == "name" and not m.nested and m.type in ("PER", "ORG")
                and len(m.normal.split()) > 1]
    by_head: dict[tuple, set[str]] = {}
    for m in mentions:
        words = fold(m.normal).split()
        by_head.setdefault((m.type, tuple(words[:-1])), set()).add(m.normal)
    written = {(m.type, fold(m.text)) for m in mentions}
    for (type_, _), normals in by_head.items():
        for group in _groups_alike(morph, [n for n in sorted(normals)
                                           if _foreign_last_word(morph, fold(n).split()[-1])]):
            _one_nominative(group, type_, mentions, written, morph)


def _groups_alike(morph: Morphology, normals: list[str]) -> list[list[str]]:
    """Names of one head whose last words are forms of one word, each with every other ("аль-
    Фатха" with "аль-Фатх", "аль-Ислама" with "аль-Ислам": two groups)."""
    groups: list[list[str]] = []
    for normal in normals:
        last = fold(normal).split()[-1]
        group = next((g for g in groups if all(_last_words_alike(morph, fold(n).split()[-1], last)
                                               for n in g)), None)
        if group is None:
            groups.append([normal])
        else:
            group.append(normal)
    return [g for g in groups if len(g) > 1]


def _one_nominative(group: list[str], type_: str, mentions: list[Named], written: set,
                    morph: Morphology) -> None:
    """The group's one nominative, the one the text writes when several read so."""
    bare = {w for n in group for w in _words(n.split()[-1]) if case_stem(w) == w}
    nominative = [n for n in group if _reads_nominative(morph, n.split()[-1], bare)]
    chosen = [n for n in nominative if (type_, fold(n)) in written] or nominative
    if len(chosen) != 1:
        return
    for m in mentions:
        if m.type == type_ and m.normal in group:
            m.normal = chosen[0]


def _foreign_last_word(morph: Morphology, word: str) -> bool:
    """A word pymorphy does not know, or a hyphenated one ("аль-Ислама": its parts are
    compared one by one, by stem)."""
    part = word.split("-")[-1]
    return part.isalpha() and ("-" in word or not morph.word_is_known(part))


def _last_words_alike(morph: Morphology, a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    if longer == shorter + "а" and shorter.endswith(MASCULINE_SURNAME_ENDINGS):
        return False
    return same_word_forms(morph, a, b)


def _fewest_endings(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of forms that all may be nominatives, the one with fewest case endings ("Дейр эз-Зор",
    not "Дейр эз-Зора", whose "зора" pymorphy also knows), if one has fewest."""
    def endings(key):
        return sum(case_stem(w) != w for w in fold(key[1]).replace("-", " ").split())
    if not keys:
        return keys
    fewest = min(map(endings, keys))
    return [k for k in keys if endings(k) == fewest]


def _words(text: str) -> list[str]:
    return fold(text).replace("-", " ").split()


def _reads_nominative(morph: Morphology, normal: str, bare=frozenset()) -> bool:
    """Every word may be a nominative: pymorphy has a nominative reading of a word it knows,
    and a word it does not know has no case ending to cut ("Ливингстон", not
    "Ливингстоне"), or ends in -а/-я where no form of it is written bare (the first
    declension: "Каида" of "Аль-Каиду", "Аль-Каидой"; but "Ливингстона" beside "Ливингстон").
    ``bare``: the words the forms of the name write with no ending."""
    for word in _words(normal):
        # a short word pymorphy knows may be anything ("зор", "эз"): its ending decides
        if len(word) > 3 and morph.word_is_known(word):
            if not any("nomn" in p.tag.grammemes for p in morph.parse(word)):
                return False
        elif case_stem(word) != word and not (word[-1] in "ая" and word[:-1] not in bare
                                               and len(word) > 3):
            return False
    return True
