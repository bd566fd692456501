"""Indirect speech: a speech or cognition cue with its content, to the end of the sentence.

"Х заявил, что …", "по словам Х, …", "как сообщает Х, …", "Отмечается, что …",
inverted "<content>, сообщил Х." and parenthetical "A, считает Х, B". Speech with a colon
and no marks ("Х заявил: …") is direct.
"""
from __future__ import annotations

import re

from svodka.extractors.quotes.context import (FINAL_PUNCT, MIN_WORDS, POSSESSIVE_PRONOUNS,
                                              QUOTE_MARKS, Candidate, Context, trim)

# Words allowed between a cue and its ", что": "заявил журналистам в понедельник, что".
_THAT_WINDOW = 10
# ", однако сами США делают то же самое": the narrator takes the word back, where the narrator
# speaks in the sentence ("Как мы видим, США обвиняют …"); otherwise ", однако B" goes on with
# the speaker's words ("напомнил, что «Зенит» богаче, однако команда завершает выступление")
_NARRATOR_TURNS = ("однако",)
# An attribution after inverted content is short: ", сообщил глава МИД Сергей Лавров.", but a
# title may take 15 words: ", считает директор центра … НИУ ВШЭ Георгий Остапкович."
_TAIL_WINDOW = 20


def _sentences(ctx: Context):
    for sentence in ctx.analysis.sentences:
        if sentence.region not in ctx.skipped_regions:
            yield sentence


def _finite(ctx: Context, index: int) -> bool:
    """A finite cue in the third person (not "напомним", "сообщивший", "заявив"), or a short
    adjective ("уверен")."""
    return ctx.tokens[index].pos == "ADJ" or ctx.is_reporting(index) \
        or _neuter_past(ctx, index)


def _neuter_past(ctx: Context, index: int) -> bool:
    """"уточнило издание", "рассказывало агентство": the tagger reads a neuter past tense as a
    participle, but no Russian participle ends in "-ло"."""
    token = ctx.tokens[index]
    return token.pos == "VERB" and token.feats.get("VerbForm") == "Part" \
        and ctx.word(index).lower().endswith("ло") \
        and ctx.lemma(index) not in ctx.lexicon.not_cues


def _reports(ctx: Context, index: int) -> bool:
    """A cue that reports someone's words: finite, a gerund ("добавив, что") or an active
    participle of the speaker ("Шона Эджетта, отметившего, что", also where the parse lost the
    participle's noun: "и Жозе Маурисио, пообещавший, что"); not the author's
    "напомним, что", "стоит отметить, что", "могу сказать, что"."""
    feats = ctx.tokens[index].feats
    return _finite(ctx, index) or feats.get("VerbForm") == "Conv" or ctx.is_impersonal_cue(index) or (
        feats.get("VerbForm") == "Part" and feats.get("Voice") == "Act"
        and (ctx.tokens[index].rel.startswith("acl") or ctx.word(index - 1) == ","))


def _content_end(ctx: Context, cue: int, first: int, stop: int) -> int:
    """Offset where the content starting at token ``first`` ends: the sentence end, or
    before a second cue with its own "что" ("…, а Иванов добавил, что …")."""
    for index in range(first + MIN_WORDS, stop):
        if ctx.tokens[index].rel == "conj" and ctx.tokens[index].head == cue \
                and ctx.is_any_cue(index) and that_after(ctx, index, stop) is not None:
            back = index - 1
            while back > first and ctx.word(back).lower() not in (",", "и", "а", "но"):
                back -= 1
            if back > first + MIN_WORDS:
                while back > first and ctx.word(back - 1) == ",":
                    back -= 1
                return ctx.tokens[back].start
    for index in range(first + MIN_WORDS, stop):
        if _speaker_goes_on(ctx, cue, index):
            back = index - 1
            while back > first and ctx.word(back).lower() in _LINKING_WORDS:
                back -= 1
            if back >= first + MIN_WORDS and ctx.word(back) == ",":
                return ctx.tokens[back].start
    narrator = ctx.first_person(ctx.sentence(cue).start, ctx.tokens[cue].start)
    for index in range(first + MIN_WORDS, stop - 1):
        if narrator and ctx.word(index) == "," and ctx.word(index + 1).lower() in _NARRATOR_TURNS:
            return ctx.tokens[index].start
        if ctx.word(index) in (":", "(") and ctx.word(index + 1) in QUOTE_MARKS:
            # "…, что X: «…»", "…, что X («…»)": the words in marks are a quote of their own
            return ctx.tokens[index].start
    return ctx.tokens[stop - 1].end


# between the content and the speaker's next predicate: ", и призвал", ", а также призвала", ", но
# предостерегает"
_LINKING_WORDS = frozenset({"и", "а", "но", "также", "затем", "потом"})
# "…, назвав помощь «неоценимой»": the speaker's gloss on what was said
_NAMING = frozenset({"назвать", "охарактеризовать"})


def _speaker_goes_on(ctx: Context, cue: int, index: int) -> bool:
    """Is ``index`` the speaker's next predicate after the content, not part of it: "…, и
    призвал доверять системе", "…, а также призвала принять закон", "…, отметив, что …"
    (a verb the parse hangs on the cue, a gerund or agreeing with it)?"""
    token = ctx.tokens[index]
    if token.rel not in ("conj", "advcl") or token.pos != "VERB":
        return False
    form = token.feats.get("VerbForm", "Fin")
    if form == "Conv" and (token.head == cue or _nominal_content_head(ctx, cue, token.head)):
        # not "признался, что получает удовольствие, выступая в НХЛ"; "отметили, что это
        # нормальное явление, сославшись на опыт …": a gerund the parse hangs on a nominal
        # predicate ("явление" cannot refer to anything) is the speaker's
        return ctx.is_any_cue(index) or ctx.lemma(index) in _NAMING
    if form != "Fin" or not _agree(ctx, index, cue):
        return False
    # hung on the cue, or on the content's verb it does not agree with: "отметил, что
    # «Барселона» сможет …, а также призвал …"
    head = token.head
    return head == cue or (head >= 0 and ctx.tokens[head].head == cue
                           and token.rel == "conj" and not _agree(ctx, index, head))


def _nominal_content_head(ctx: Context, cue: int, head: int) -> bool:
    """Is ``head`` the content's predicate, a noun or an adjective (no verb to hang a gerund on)?"""
    return head >= 0 and ctx.tokens[head].head == cue and ctx.tokens[head].rel == "ccomp" \
        and ctx.tokens[head].pos in ("NOUN", "ADJ")


def _agree(ctx: Context, one: int, other: int) -> bool:
    """Do two verbs share number, gender and tense (one subject, one time)?"""
    first, second = ctx.tokens[one].feats, ctx.tokens[other].feats
    return all(first.get(feature) == second.get(feature)
               for feature in ("Number", "Gender", "Tense"))


def that_after(ctx: Context, cue: int, stop: int) -> int | None:
    """Index of "что" opening the cue's complement: "заявил(, что)", "заявил о том, что",
    "сообщил «НГ», что"; of the comma before a reported question: "поинтересовался(,) какие
    меры …"."""
    asking = ctx.lemma(cue) in ctx.lexicon.asking
    # the cue phrase's own noun holds the words: "дали показания о том, что"
    own_nouns = {word for words in ctx.lexicon.cue_phrases.get(ctx.lemma(cue), ()) for word in words}
    index = cue + 1
    while index < min(cue + 1 + _THAT_WINDOW, stop - 1):
        word = ctx.word(index)
        if word == ",":
            if asking and (_question_word_at(ctx, index + 1)
                           or (index + 2 < stop and ctx.word(index + 2).lower() == "ли")):
                return index
            return index + 1 if ctx.word(index + 1).lower() == "что" else None
        if word in QUOTE_MARKS:
            closing = _quoted_name_end(ctx, index, stop)
            if closing is None:
                return None
            index = closing + 1     # "сообщил «НГ», что": the addressee, a name in marks
            continue
        if word in FINAL_PUNCT or ctx.is_dash(index) or word == ":":
            return None
        if ctx.tokens[index].pos == "VERB" and (index > cue + 1 or ctx.tokens[cue].pos == "NOUN"):
            return None     # not "до этого заявления казалось, что": the noun reports nothing
        if word.lower() in ("о", "об") and ctx.word(index + 1).lower() == "том" \
                and ctx.tokens[index - 1].pos == "NOUN" and index - 1 > cue \
                and ctx.lemma(index - 1) not in ctx.lexicon.cue_nouns | _OPINION_NOUNS | own_nouns:
            return None     # "отреагировал на известие о том, что": the news, not his words
        index += 1
    return None


def _question_word_at(ctx: Context, index: int) -> bool:
    """A reported question opens here: "какие меры …", or a preposition before its question
    word: "по какой причине …", "с кем …"."""
    if ctx.tokens[index].pos == "ADP":
        index += 1
    return ctx.lemma(index) in ctx.lexicon.question_words


# a cue's object that holds the speaker's own view: "выразил уверенность в том, что"
_OPINION_NOUNS = frozenset({"уверенность", "надежда", "сомнение", "опасение", "мнение", "гипотеза",
                            "убеждение", "предположение", "версия", "позиция"})


# A name in marks ("«НГ»", "«Новой газете»") is this many words at most.
_QUOTED_NAME_WORDS = 3


def _quoted_name_end(ctx: Context, opening: int, stop: int) -> int | None:
    """Index of the mark closing a short capitalized name opened at ``opening``."""
    first = ctx.word(opening + 1)[:1]
    if not (first.isupper() or first.isdigit()):     # «НГ», «112 Украина»
        return None
    for index in range(opening + 1, min(opening + 2 + _QUOTED_NAME_WORDS, stop)):
        if ctx.word(index) in QUOTE_MARKS:
            return index if index > opening + 1 else None
        if ctx.is_punct(index):
            return None
    return None


def _bracketed_words_in_marks(ctx: Context, offset: int) -> tuple[int, int] | None:
    """"сказал, что A («B»)": the words in marks in brackets right after the content are the
    speaker's own, a direct quote (the inner span of the segment)."""
    rest = ctx.text[offset:offset + 4].lstrip()
    if not rest.startswith("(") or rest[1:2] not in QUOTE_MARKS:
        return None
    opening = ctx.text.index("(", offset) + 1
    for segment in ctx.segments:
        if segment.start == opening and segment.closed \
                and ctx.text[segment.end:segment.end + 1] == ")" \
                and ctx.words_in(segment.inner_start, segment.inner_end) >= MIN_WORDS:
            return trim(ctx.text, segment.inner_start, segment.inner_end)
    return None


def _authors_conviction(ctx: Context, cue: int, sentence) -> bool:
    """"Уверен, что …" opening a clause with no subject: the author's "I am sure"; also after a
    dash or a negation ("…» – не уверена, что лайт")."""
    first = cue
    while first > sentence.first and (ctx.word(first - 1).lower() in ("не", "совсем", "вовсе")):
        first -= 1
    opens = first == sentence.first or ctx.is_dash(first - 1)
    return opens and ctx.tokens[cue].pos == "ADJ" \
        and not ctx.is_impersonal_cue(cue) and not any(
        ctx.tokens[c].rel.startswith("nsubj") for c in ctx.analysis.children(cue))


def _first_person_before(ctx: Context, cue: int) -> bool:
    """"как я вас в прошлый раз спросил, кто …": "я" in the cue's clause, however parsed."""
    first = ctx.sentence(cue).first
    for index in range(cue - 1, max(first, cue - _THAT_WINDOW) - 1, -1):
        if ctx.is_punct(index):
            return False
        if ctx.word(index).lower() in ("я", "мы"):
            return True
    return False


# The genitive noun phrase of whose attention a phrase draws is this many words at most.
_ADDRESSEE_WORDS = 4


def _that_phrase(ctx: Context, cue: int) -> bool:
    """A verb phrase that reports words only before "что": "обратил внимание(, что)", "не
    скрывает(, что)" (`quote_cue_phrases_that.txt`)."""
    lemma = ctx.lemma(cue)
    before = ctx.word(cue - 1).lower()
    for words in ctx.lexicon.that_phrases:
        negated = words[0] == "не"
        verb, rest = (words[1], words[2:]) if negated else (words[0], words[1:])
        if lemma != verb or not ctx.lemmas_at(cue + 1, rest) \
                or negated != (before == "не") or ctx.word(cue - 2).lower() == "не":
            continue    # not "не столько обращают внимание на то, что A, сколько …"
        after = cue + 1 + len(rest)
        # whose attention, in the genitive: "обратили внимание представителя СНБ на то, что"
        addressee = after
        while addressee < min(after + _ADDRESSEE_WORDS, len(ctx.tokens)) \
                and ctx.tokens[addressee].pos in ("NOUN", "PROPN", "ADJ") \
                and ctx.tokens[addressee].feats.get("Case", "Gen") == "Gen":
            addressee += 1
        if ctx.word(addressee).lower() == "на" and ctx.word(addressee + 1).lower() == "то":
            after = addressee + 2
        # the clause right after: not "обращаешь внимание на параллели … с тем, что"
        return ctx.word(after) == "," and ctx.word(after + 1).lower() == "что"
    return False


# verbs whose infinitive is their own subject's act: "поспешили заявить", "стали объяснять" (not
# "Тренер предложил сказать всем, что …": someone else is to speak)
_SUBJECT_SPEAKS = frozenset({"стать", "начать", "начинать", "поспешить", "спешить", "продолжить",
                             "решить", "успеть"})


def _told_to(ctx: Context, cue: int) -> bool:
    """An infinitive cue under a finite verb of the speaker's: "Некоторые компании поспешили
    заявить, что", "полицейские стали объяснять, что" (not the author's "стоит отметить", "могу
    сказать", nor a negated "не могут сказать, что")."""
    token = ctx.tokens[cue]
    if token.feats.get("VerbForm") != "Inf" or token.head < 0 or token.rel != "xcomp":
        return False
    head = token.head
    feats = ctx.tokens[head].feats
    # finite, third person ("стать" is no cue of its own: quote_not_cues.txt)
    finite = feats.get("VerbForm", "Fin") == "Fin" and feats.get("Person") not in ("1", "2") \
        and feats.get("Mood") != "Imp"
    if ctx.lemma(head) not in _SUBJECT_SPEAKS or not finite \
            or ctx.word(head - 1).lower() == "не" \
            or ctx.word(cue - 1).lower() == "не":
        return False
    return any(ctx.tokens[c].rel.startswith("nsubj") and ctx.lemma(c) not in ("я", "мы", "ты", "вы")
               for c in ctx.analysis.children(head))


def cue_that(ctx: Context) -> list[Candidate]:
    """Х заявил, что … / Отмечается, что …"""
    found = []
    for sentence in _sentences(ctx):
        for cue in range(sentence.first, sentence.stop):
            noun = ctx.tokens[cue].pos == "NOUN" and ctx.lemma(cue) in ctx.lexicon.cue_nouns
            cue_like = ctx.is_any_cue(cue) or _that_phrase(ctx, cue)
            if not noun and (not cue_like or not (_reports(ctx, cue) or _told_to(ctx, cue))):
                continue
            if any(ctx.lemma(c) in ("я", "мы") for c in ctx.analysis.children(cue)
                   if ctx.tokens[c].rel.startswith("nsubj")) or _first_person_before(ctx, cue):
                continue    # "я уже сказал, что …": the speaker's own words, inside a quote
            if _authors_conviction(ctx, cue, sentence):
                continue
            that = that_after(ctx, cue, sentence.stop)
            if that is None:
                continue
            if _correlative(ctx, cue, that) and (
                    _evidence(ctx, cue) or ctx.tokens[that].rel not in ("mark", "")):
                # "Результаты говорят о том, что …": evidence, no one's words; "рассчитывает
                # на то, что уже запланировано": "что" is the relative clause's subject, no clause
                continue
            if ctx.lemma(cue) in _EXPECTING and ctx.word(cue - 1).lower() == "не":
                continue    # "Архиепископ не ожидал, что …": surprise told, no forecast
            token = ctx.tokens[cue]
            if that + 1 >= sentence.stop:
                continue
            start = ctx.tokens[that + 1].start
            end = _content_end(ctx, cue, that + 1, sentence.stop)
            span = trim(ctx.text, start, end)
            if _too_short(ctx, *span):
                continue
            marked = _bracketed_words_in_marks(ctx, end)
            found.append(Candidate(*span, "indirect", "cue_that", cue=cue,
                                   cue_span=(token.start, token.end),
                                   group=-1 - token.start if marked else None,
                                   impersonal=ctx.is_impersonal_cue(cue)))
            if marked is not None:
                found.append(Candidate(*marked, "direct", "bracketed_speech", cue=cue,
                                       cue_span=(token.start, token.end), group=-1 - token.start))
    return found


# "не ожидал, что …", "не рассчитывал, что …": the narrator tells a surprise (a forecast is
# "специалисты ожидали, что …", decision G2)
_EXPECTING = frozenset({"ожидать", "рассчитывать"})
# the pronoun of a complement "о том / на то / тому / тем, что"
_CORRELATIVES_OF_THAT = frozenset({"то", "том", "тому", "тем", "того"})


# speech verbs that also mean "indicate" with a thing for subject: "результаты говорят о том,
# что", "всё указывает на то, что", "это напоминает о том, что"
_EVIDENCE_READINGS = frozenset({"говорить", "указывать", "указать", "напоминать", "напомнить"})


def _evidence(ctx: Context, cue: int) -> bool:
    """Does the cue with a correlative complement tell evidence, not words: "это" for subject
    ("это решило исход борьбы плюс к тому, что"), or a thing with a verb that also means
    "indicate" ("Последние результаты говорят о том, что"; a party still speaks: "британская
    сторона сослалась на то, что")?"""
    if any(ctx.lemma(c) in _THINGS_AS_PRONOUNS for c in ctx.analysis.children(cue)
           if ctx.tokens[c].rel.startswith("nsubj")):
        return True
    return ctx.lemma(cue) in _EVIDENCE_READINGS and _thing_says(ctx, cue, cue)


def _correlative(ctx: Context, cue: int, that: int) -> bool:
    """Is the cue's "что" clause the complement of a correlative pronoun ("говорит о том,
    что", "указывает на то, что")?"""
    return any(ctx.word(i).lower() in _CORRELATIVES_OF_THAT for i in range(cue + 1, that))


# After "Х полагают," these open no content of the cue's own: a relative or question word (a
# topic: "рассказал, как …"), a conjunction joining the narrator's next clause.
_NOT_CONTENT_OPENERS = frozenset({
    "что", "чтобы", "который", "как", "где", "когда", "куда", "откуда", "почему", "зачем",
    "сколько", "кто", "чей", "какой", "ли", "если", "и", "а", "но", "однако", "хотя", "поскольку",
    "потому", "так", "то", "пока", "мол", "дескать"})
# "Эксперты полагают, …", "Говорят, …": the subject and the cue open the sentence.
_BARE_CUE_REACH = 6


def cue_comma_clause(ctx: Context) -> list[Candidate]:
    """Эксперты полагают, <clause> / Говорят, <clause>: a cue opening its sentence (after its
    subject at most), a comma and the content with no "что" (the guidelines' indirect speech
    without a conjunction; "Говорят, …" bare is indirect, null: C3)."""
    found = []
    for sentence in _sentences(ctx):
        stop = min(sentence.stop, sentence.first + _BARE_CUE_REACH + 1)
        for cue in range(sentence.first, stop - 1):
            if ctx.is_punct(cue) and cue > sentence.first:
                break
            if not ctx.is_cue(cue) or not ctx.is_reporting(cue):
                continue
            comma = _comma_after_subject(ctx, cue, sentence.stop)
            if comma is None:
                continue
            if ctx.lemma(cue) in ctx.lexicon.asking or any(
                    ctx.tokens[c].rel in ("obj", "ccomp", "xcomp") and c < cue
                    or ctx.lemma(c) in ("я", "мы") for c in ctx.analysis.children(cue)):
                continue
            if any(ctx.tokens[i].pos in ("VERB", "AUX") for i in range(sentence.first, cue)):
                continue
            first = comma + 1
            if first >= sentence.stop or ctx.word(first).lower() in _NOT_CONTENT_OPENERS \
                    or ctx.tokens[first].feats.get("VerbForm") in ("Conv", "Part", "Inf") \
                    or any(ctx.lemma(i) in ctx.lexicon.question_words | {"что", "ли"}
                           for i in range(first, min(first + 3, sentence.stop))):
                continue    # "объяснили, в чем дело": a topic (decision 1)
            span = trim(ctx.text, ctx.tokens[first].start,
                        _content_end(ctx, cue, first, sentence.stop))
            if _too_short(ctx, *span) or not _has_predicate(ctx, *span) \
                    or _has_marks_opening(ctx.text, *span) \
                    or not _own_subject(ctx, first, sentence.stop):
                continue
            token = ctx.tokens[cue]
            found.append(Candidate(*span, "indirect", "cue_comma_clause", cue=cue,
                                   cue_span=(token.start, token.end)))
            break
    return found


# "Однако тут же добавил он, …": the subject after the cue is this many words at most
_SUBJECT_AFTER_WORDS = 3


def _comma_after_subject(ctx: Context, cue: int, stop: int) -> int | None:
    """The comma closing the cue's clause: right after the cue ("Эксперты полагают, …"), or
    after its subject when it follows ("Однако тут же добавил он, …")."""
    if ctx.word(cue + 1) == ",":
        return cue + 1
    for comma in range(cue + 2, min(cue + 2 + _SUBJECT_AFTER_WORDS, stop)):
        if ctx.word(comma) == ",":
            # the words between are the subject, in the nominative (the parse often hangs a
            # pronoun there on the content's verb)
            nominative = all(ctx.tokens[i].pos in ("NOUN", "PRON", "PROPN", "ADJ")
                             and ctx.tokens[i].feats.get("Case") == "Nom"
                             for i in range(cue + 1, comma))
            return comma if nominative else None
        if ctx.is_punct(comma):
            return None
    return None


def _own_subject(ctx: Context, first: int, stop: int) -> bool:
    """Does the clause opening at ``first`` (to its first comma) have a subject of its own, or
    none by nature ("пострадавших нет")? "Он вздохнул, потом вышел" goes on with his subject."""
    index = first
    while index < stop and ctx.word(index) not in FINAL_PUNCT | {",", ":", ";"}:
        token = ctx.tokens[index]
        if token.rel.startswith(("nsubj", "csubj")) or ctx.lemma(index) == "нет":
            return True
        index += 1
    return False


def _has_marks_opening(text: str, start: int, end: int) -> bool:
    """Content opening with a mark is direct speech the marks rules read."""
    return text[start] in QUOTE_MARKS


def _phrase_at(ctx: Context, index: int, stop: int) -> tuple[int, range] | None:
    """(cue token, speaker tokens so far) of "по словам Х", "по его словам", "как сообщил Х"."""
    phrase = ctx.phrase_at(index, stop) or _speakers_own_data(ctx, index, stop) \
        or _person_sources_data(ctx, index, stop)
    if phrase is not None:
        return phrase
    cue = ctx.as_cue_at(index, stop)
    if cue is not None and _finite(ctx, cue):
        return cue, range(cue + 1, cue + 1)
    return None


_SINGULAR_POSSESSIVES = frozenset({"его", "ее", "её"})


def _speakers_own_data(ctx: Context, index: int, stop: int) -> tuple[int, range] | None:
    """"— отметила юрист. По её данным, …": "по его данным" right after a sentence that
    reports someone's words is that speaker's own account, a quote (guidelines, decision 2 as
    refined); a portal's or a database's "данные" stay data."""
    if ctx.word(index).lower() != "по" or index + 3 >= stop \
            or ctx.word(index + 1).lower() not in _SINGULAR_POSSESSIVES \
            or ctx.lemma(index + 2) != "данные" or ctx.word(index + 3) != ",":
        return None
    sentence = ctx.sentence(index)
    if index != sentence.first or sentence.first == 0:
        return None
    previous = ctx.sentence(sentence.first - 1)
    if not any(ctx.is_cue(i) and _finite(ctx, i) and _person_subject(ctx, i)
               for i in range(previous.first, previous.stop)):
        return None     # "… подтвердил портал Mil Radar. По его данным, …": data
    return index + 2, range(index + 1, index + 2)


# "по данным / по информации / по сведениям Х": data, unless Х is a person (decisions 2, E1, G3)
_DATA_NOUNS = frozenset({"данные", "информация", "сведение"})
# a source is a person though the word is inanimate: "по данным источника РИА Новости"
_PERSON_SOURCES = frozenset({"источник"})


def _person_sources_data(ctx: Context, index: int, stop: int) -> tuple[int, range] | None:
    """"По данным пресс-секретаря Навального Киры Ярмыш, …", "по сведениям других источников",
    "по информации законодателя": a person's data are that person's words (decisions 2, E1,
    G3); "по данным МВД", "по информации Росстата" stay data."""
    if ctx.word(index).lower() != "по" or index + 2 >= stop \
            or ctx.lemma(index + 1) not in _DATA_NOUNS:
        return None
    source = index + 2
    if ctx.tokens[source].pos in ("ADJ", "DET") and source + 1 < stop:
        source += 1     # "по сведениям других источников"
    token = ctx.tokens[source]
    if token.pos not in ("NOUN", "PROPN") or token.feats.get("Case") != "Gen":
        return None
    if ctx.lemma(source) in _PERSON_SOURCES or (
            token.feats.get("Animacy") == "Anim" and token.pos == "NOUN"):
        return index + 1, range(index + 2, index + 2)
    return None


def _person_subject(ctx: Context, cue: int) -> bool:
    return any(ctx.tokens[c].rel.startswith("nsubj") and ctx.tokens[c].feats.get("Animacy") == "Anim"
               for c in ctx.analysis.children(cue))


def _has_predicate(ctx: Context, start: int, end: int) -> bool:
    """A clause with a predicate of its own, not a participle's or a gerund's phrase ("…, –
    сказала Фаркас, в прошлом занимавшая должность помощника замглавы Пентагона")."""
    return any((ctx.tokens[i].pos in ("VERB", "AUX")
                and ctx.tokens[i].feats.get("VerbForm") not in ("Part", "Conv"))
               or ctx.tokens[i].feats.get("Variant") == "Short" or _comparative_predicate(ctx, i)
               for i in ctx.analysis.tokens_between(start, end))


def _comparative_predicate(ctx: Context, index: int) -> bool:
    """"реальная цена … в 10 раз ниже": a comparative with a subject of its own is a
    predicate."""
    return ctx.tokens[index].feats.get("Degree") == "Cmp" and any(
        ctx.tokens[c].rel.startswith("nsubj") for c in ctx.analysis.children(index))


def _too_short(ctx: Context, start: int, end: int) -> bool:
    """A fragment, not content: under three words, unless two words make a clause of their own
    ("заявили, что инцидент исчерпан", "надеялся, что фортуна смилостивится")."""
    words = ctx.words_in(start, end)
    return words < 2 or (words < MIN_WORDS and not _has_predicate(ctx, start, end))


def _is_clause(ctx: Context, start: int, end: int) -> bool:
    """Reported content is a clause, not a noun phrase ("прорыв в изучении творчества"); a dash
    between two nominals is a predicate ("основные сдерживающие факторы – сокращение …")."""
    tokens = ctx.analysis.tokens_between(start, end)
    return any(ctx.tokens[i].pos in ("VERB", "AUX") or ctx.tokens[i].feats.get("Variant") == "Short"
               or _comparative_predicate(ctx, i)
               or (i > tokens.start and ctx.is_dash(i)
                   and ctx.tokens[i - 1].pos in ("NOUN", "PROPN", "PRON", "ADJ"))
               for i in tokens)


def _marked_after_colon(ctx: Context, first: int, stop: int) -> int:
    """Where "По его словам, A: «B»" leaves A (decision F2: the words in marks are a quote of
    their own); the sentence end when no colon opens marks."""
    for index in range(first + 1, stop - 1):
        if ctx.word(index) == ":" and ctx.word(index + 1) in QUOTE_MARKS:
            return ctx.tokens[index].start
    return ctx.tokens[stop - 1].end


def _connectives_only(ctx: Context, first: int, stop: int) -> bool:
    """Only a conjunction or a particle before ``stop`` in its sentence: "А вот по мнению Х,
    …", "Но по словам Х, …"."""
    return stop - first <= 2 and all(ctx.tokens[i].pos in ("CCONJ", "PART")
                                      or ctx.word(i).lower() in ("вот", "же", "и", "а", "но")
                                      for i in range(first, stop))


def _relative_clause_end(ctx: Context, first: int, stop: int) -> int:
    """"Документ, который, по мнению этих столиц, служит делу стабилизации, на практике …":
    the content ends with the relative clause, at its next comma."""
    for index in range(first + 1, stop):
        if ctx.word(index) == ",":
            return ctx.tokens[index].start
    return ctx.tokens[stop - 1].end


def _phrase_end(ctx: Context, first: int, stop: int) -> int:
    """The comma or colon closing "по словам Х", past any brackets in Х ("Согласно докладу
    … совета (National Safety Council, NSC), …")."""
    depth = 0
    index = first
    while index < stop and ctx.word(index) not in FINAL_PUNCT:
        word = ctx.word(index)
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        elif word in (",", ":") and depth == 0:
            break
        index += 1
    return index


def _names_its_holder(ctx: Context, comma: int, stop: int) -> bool:
    """A participle or a relative clause right after the phrase's noun: "версии, выдвинутой
    Брауном", "версии, которую озвучивают учителя"."""
    if comma + 1 >= stop or ctx.word(comma) != ",":
        return False
    token = ctx.tokens[comma + 1]
    # a participle agrees with the noun; not "по его словам, подписано два протокола"
    return ctx.lemma(comma + 1) == "который" or (
        token.pos == "VERB" and token.feats.get("VerbForm") == "Part"
        and token.feats.get("Variant") != "Short"
        and token.feats.get("Case") == ctx.tokens[comma - 1].feats.get("Case"))


# how many words an apposition to "по словам Х" may have ("американиста Сергея Судакова")
_APPOSITION_WORDS = 6


def _apposition_end(ctx: Context, comma: int, stop: int) -> int | None:
    """The comma closing an apposition right after the phrase's comma: a noun group in the
    genitive of "по словам / мнению Х" naming someone, as Х's last word is ("профессора
    Академии военных наук, американиста Сергея Судакова,"); None when the words after the
    comma are no such group (the content, a second speaker joined by "и")."""
    if comma >= stop or ctx.word(comma) != "," or comma == 0:
        return None
    before = ctx.tokens[comma - 1]
    if before.pos not in ("NOUN", "PROPN") or before.feats.get("Case") != "Gen":
        return None
    end = comma + 1
    while end < stop and end - comma <= _APPOSITION_WORDS + 1:
        token = ctx.tokens[end]
        if ctx.word(end) == ",":
            break
        if token.pos not in ("NOUN", "PROPN", "ADJ") or token.feats.get("Case") != "Gen" \
                and not any(p.tag.case == "gent" for p in ctx.analysis.morph.parse(token.text)):
            return None     # (the tagger may read "Сергея" as an accusative: the form is both)
        end += 1
    if end >= stop or ctx.word(end) != "," or end == comma + 1 \
            or not any(ctx.tokens[i].pos == "PROPN" for i in range(comma + 1, end)):
        return None
    return end


# "по версии Х" reads as "по мнению Х" (decision 3), except in a ranking, where it names
# whose list it is: "лучшим фильмом года, по версии журнала, стал …".
_RATING_PHRASE_NOUNS = frozenset({"версия"})


def _ranks(ctx: Context, sentence) -> bool:
    """Does the sentence rank things: a superlative or a ranking word (quote_rating_words.txt)?"""
    words = ctx.lexicon.rating_words
    stems = tuple(word[:-1] for word in words if word.endswith("-"))
    return any(ctx.tokens[i].feats.get("Degree") == "Sup" or ctx.lemma(i) in words
               or ctx.word(i).lower().startswith(stems)
               for i in range(sentence.first, sentence.stop))


def according_to(ctx: Context) -> list[Candidate]:
    """По словам Х, … / …, как сообщает Х. / A, по мнению Х, B."""
    found = []
    for sentence in _sentences(ctx):
        for index in range(sentence.first, sentence.stop):
            if index > sentence.first and ctx.word(index - 1) != "," \
                    and not _connectives_only(ctx, sentence.first, index):
                continue
            phrase = _phrase_at(ctx, index, sentence.stop)
            if phrase is None:
                continue
            cue, speaker = phrase
            if _compares(ctx, sentence, index):
                continue    # "оказался не таким плохим, как ожидалось": a comparison
            if index > sentence.first and _ABOUT_THIS.fullmatch(
                    ctx.text[sentence.start:ctx.tokens[index].start].rstrip(" ,")):
                # "Об этом, как сообщил телеканал Х, заявил его представитель": what follows
                # attributes the sentence before; it says nothing new
                continue
            if _inside_reported_clause(ctx, sentence, index):
                continue    # "полагает, что A, которой, как считают Х, B": nested in A
            if ctx.lemma(cue) == "говориться" and cue + 1 < sentence.stop \
                    and ctx.word(cue + 1) == ",":
                continue    # "Как говорится, не надо и к гадалке ходить": a saying
            comma = _phrase_end(ctx, cue + 1, sentence.stop)
            if comma + 1 < sentence.stop and ctx.word(comma) == "," \
                    and ctx.lemma(comma + 1) == "ссылаться":
                # "Как отмечает агентство, ссылаясь на министра Х, …": the source is part of
                # the attribution, not of what was said
                comma = _phrase_end(ctx, comma + 2, sentence.stop)
            if comma == cue + 1 and not len(speaker) \
                    and _names_its_holder(ctx, comma, sentence.stop):
                # "Согласно версии, выдвинутой Брауном и Батыгиным, …", "Согласно
                # распространённой версии, которую часто озвучивают учителя, …": the clause
                # after the noun names whose view it is
                speaker = range(comma + 1, _phrase_end(ctx, comma + 1, sentence.stop))
                comma = speaker.stop
            apposition = _apposition_end(ctx, comma, sentence.stop)
            if apposition is not None:
                # "По мнению профессора Академии военных наук, американиста Сергея Судакова, …":
                # the name in apposition belongs to the attribution, not to what was said
                if len(speaker) and speaker.stop == comma:
                    speaker = range(speaker.start, apposition)
                comma = apposition
            if not len(speaker):
                speaker = range(cue + 1, comma)
            if comma + 1 < sentence.stop and ctx.word(comma) == ",":
                start, end = ctx.tokens[comma + 1].start, ctx.tokens[sentence.stop - 1].end
                if index >= 2 and ctx.lemma(index - 2) == "который":
                    end = _relative_clause_end(ctx, comma + 1, sentence.stop)
                end = min(end, _marked_after_colon(ctx, comma + 1, sentence.stop))
                span = trim(ctx.text, start, end)
            elif index > sentence.first:
                span = trim(ctx.text, sentence.start, ctx.tokens[index - 1].start)
            else:
                continue
            if _too_short(ctx, *span) or not _is_clause(ctx, *span):
                continue
            if ctx.lemma(cue) in _RATING_PHRASE_NOUNS and _ranks(ctx, sentence):
                continue    # "в пятерку самых популярных деревьев, по версии Х, вошли …"
            found.append(Candidate(*span, "indirect", "according_to", cue=cue,
                                   cue_span=(ctx.tokens[index].start, ctx.tokens[cue].end),
                                   speaker_tokens=None if ctx.word(index).lower() == "как"
                                   else speaker))
    return found


# "не таким плохим, как ожидалось", "так же быстро, как предсказывали": the correlative word
# makes "как" compare
_CORRELATIVES = frozenset({"такой", "так", "столь", "настолько"})
_CORRELATIVE_REACH = 6


def _compares(ctx: Context, sentence, index: int) -> bool:
    """Is "как" at ``index`` the second half of a comparison (a correlative word shortly
    before it), not an attribution?"""
    return ctx.word(index).lower() == "как" and any(
        ctx.lemma(i) in _CORRELATIVES and ctx.word(i + 1) != ","     # not "Так, как заявил …"
        for i in range(max(sentence.first, index - _CORRELATIVE_REACH), index - 1))


def _inside_reported_clause(ctx: Context, sentence, index: int) -> bool:
    """Is ``index`` inside the "что" clause of a cue before it in the sentence? Speech reported
    inside reported speech is part of the outer quote (guidelines: only the outer quote)."""
    for cue in range(sentence.first, index):
        if ctx.is_any_cue(cue) and _reports(ctx, cue):
            that = that_after(ctx, cue, sentence.stop)
            if that is not None and that < index:
                return True
    return False


# Statements and documents whose content "согласно которому" introduces (not a law or a decree:
# "указ, согласно которому …" states a rule, not someone's words).
_STATEMENTS = frozenset({"заявление", "сообщение", "пресс-релиз", "релиз"})


# a decree "согласно которому пенсии будут проиндексированы" sets a rule, it reports no words
# (though "говорилось в указе" quotes its issuer)
_LEGAL_ACTS = frozenset({"указ", "постановление", "распоряжение", "закон"})


def according_to_which(ctx: Context) -> list[Candidate]:
    """Офис выпустил доклад, согласно которому … — the document's content."""
    found = []
    for sentence in _sentences(ctx):
        for index in range(max(sentence.first, 2), sentence.stop - 2):
            if ctx.word(index).lower() != "согласно" or ctx.lemma(index + 1) != "который" \
                    or ctx.word(index - 1) != ",":
                continue
            noun = index - 2    # the document, also across a line the dump broke before ","
            if ctx.lemma(noun) not in ctx.lexicon.documents | _STATEMENTS \
                    or ctx.lemma(noun) in _LEGAL_ACTS:
                continue
            span = trim(ctx.text, ctx.tokens[index + 2].start, ctx.tokens[sentence.stop - 1].end)
            if ctx.words_in(*span) < MIN_WORDS or not _is_clause(ctx, *span):
                continue
            found.append(Candidate(*span, "indirect", "according_to_which", cue=index,
                                   cue_span=(ctx.tokens[index].start, ctx.tokens[index + 1].end),
                                   speaker_tokens=range(noun, noun + 1)))
    return found


def inverted(ctx: Context) -> list[Candidate]:
    """<content>, сообщил Х. — and parenthetical A, считает Х, B (the span is B)."""
    found = []
    for sentence in _sentences(ctx):
        for cue in range(sentence.first + 2, sentence.stop):
            comma = cue - 2 if ctx.is_dash(cue - 1) else cue - 1
            if ctx.word(comma).lower() == "также" and ctx.word(comma - 1) == ",":
                comma -= 1      # "…, также констатирует регулятор." (not "…, где отвечал за")
            if ctx.word(comma) != "," or not _finite(ctx, cue) or not (
                    ctx.is_any_cue(cue) or (ctx.lemma(cue) in ctx.lexicon.inverted
                                            and _subject_after(ctx, cue, sentence.stop))):
                continue
            # a short opening ("Впрочем, признал министр, …", "В ближайшее время, сказал он,
            # …") is too short to be content of its own: what follows the attribution is
            if any(_phrase_at(ctx, i, cue) for i in range(sentence.first, cue - 1)):
                continue    # "Задержание, по словам адвоката, напоминало боевик": not a cue
            tail = cue + 1      # the attribution; marks around a name belong to it
            aside = False       # it ends in an aside the sentence never closes: "(см. ⏎"
            while tail < sentence.stop and (not ctx.is_punct(tail)
                                            or ctx.word(tail) in QUOTE_MARKS or ctx.word(tail) == "("
                                            or _abbreviation_period(ctx, tail, sentence.stop)):
                if ctx.word(tail) == "(":
                    closing = _closing_bracket(ctx, tail, sentence.stop)
                    if closing is None:
                        aside = True
                        break
                    tail = closing  # "«Ломоносов» (МГУ) Василий Петров": part of the title
                tail += 1
            if tail == cue + 1 or tail - cue > _TAIL_WINDOW or _predicative(ctx, cue, tail):
                continue
            before = trim(ctx.text, sentence.start, ctx.tokens[comma].start)
            if tail < sentence.stop and ctx.word(tail) == ",":
                if tail + 1 >= sentence.stop or ctx.word(tail + 1).lower() == "что":
                    continue
                after = trim(ctx.text, ctx.tokens[tail + 1].start, ctx.tokens[sentence.stop - 1].end)
                if _modifies(ctx, tail + 1):
                    spans, kind, rule = [before], "indirect", "inverted"
                elif ctx.first_person(*before) or ctx.first_person(*after):
                    spans, kind, rule = [before, after], "direct", "parenthetical_speech"
                elif not _has_predicate(ctx, *after) and sentence.stop - cue <= _TAIL_WINDOW \
                        and _subject_after(ctx, cue, sentence.stop):
                    # "…, сказал во вторник депутат от Консервативной партии, замминистра
                    # обороны Тобиас Элвуд.": the speaker's apposition, not content of its own
                    spans, kind, rule = [before], "indirect", "inverted"
                    tail = sentence.stop - 1
                else:
                    spans, kind, rule = [after], "indirect", "parenthetical"
            elif aside or tail >= sentence.stop - 1 or ctx.word(tail) == ":":
                # "…, заявил «НГ» Константин Мерзликин: «…»": the words after the colon are
                # a quote of their own
                spans, kind, rule = [before], "indirect", "inverted"
            else:
                continue
            after_link = _after_connective(ctx, sentence.first, comma)
            if rule == "inverted" and after_link != sentence.first:
                before = trim(ctx.text, ctx.tokens[after_link].start, before[1])
                spans = [before]
            if rule == "inverted" and _about_this(ctx.text, *before):
                continue    # "Об этом, кажется, говорит и оформление проекта: …": no content
            if rule == "inverted" and _object_of(ctx, cue, sentence.first, comma):
                # "Мнение о том, что A, выразил Х": A; "Свое мнение по поводу того, что …,
                # высказал и Х": a topic, no content
                that = _that_of_object(ctx, sentence.first, comma)
                if that is None:
                    continue
                spans = [trim(ctx.text, ctx.tokens[that + 1].start, ctx.tokens[comma].start)]
            token = ctx.tokens[cue]
            for span in spans:
                # a parenthetical's B is content however short ("Теперь, полагает он, час
                # настал"), if it is a clause
                shortest = 2 if len(spans) > 1 or rule == "parenthetical" else MIN_WORDS
                if ctx.words_in(*span) < shortest or not _is_clause(ctx, *span) or (
                        rule == "parenthetical" and not _has_predicate(ctx, *span)):
                    continue
                found.append(Candidate(*span, kind, rule, cue=cue,
                                       cue_span=(token.start, token.end),
                                       speaker_tokens=range(cue + 1, tail),
                                       impersonal=ctx.is_impersonal_cue(cue)))
    return found


def _after_connective(ctx: Context, first: int, stop: int) -> int:
    """The first token after a leading connective and its comma ("Однако случится это ещё
    нескоро", "В то же время государство не должно …"), or ``first``."""
    for words in ctx.lexicon.connectives:
        if all(ctx.word(first + i).lower() == word for i, word in enumerate(words)):
            after = first + len(words)
            if after < stop and ctx.word(after) == ",":
                after += 1
            return after if after + MIN_WORDS <= stop else first
    return first


def _predicative(ctx: Context, cue: int, stop: int) -> bool:
    """"…, посчитали нецелесообразным": the cue with an adjective in the instrumental judges
    the thing before it, it reports no words."""
    return any(ctx.tokens[i].pos == "ADJ" and ctx.tokens[i].feats.get("Case") == "Ins"
               and ctx.tokens[i].head == cue for i in range(cue + 1, stop))


def _closing_bracket(ctx: Context, opening: int, stop: int) -> int | None:
    """Index of the ")" closing the bracket at ``opening`` within the sentence."""
    for index in range(opening + 1, stop):
        if ctx.word(index) == ")":
            return index
        if ctx.word(index) == "(":
            return None
    return None


def fronted_that(ctx: Context) -> list[Candidate]:
    """"О том, что A, доложил Х", "В том, что A, сомневаются и …" (decision D3): the cue's
    complement stands before it; A is the quote, from after "что" to the comma before the
    cue's own words. The parse hangs "том" on the cue."""
    found = []
    for sentence in _sentences(ctx):
        first = sentence.first
        while first < sentence.stop and ctx.tokens[first].pos in ("CCONJ", "PART"):
            first += 1      # "А о том, что …"
        if first + 4 >= sentence.stop or ctx.word(first).lower() not in ("о", "об", "в") \
                or ctx.word(first + 1).lower() != "том" or ctx.word(first + 2) != "," \
                or ctx.word(first + 3).lower() != "что":
            continue
        cue = ctx.tokens[first + 1].head
        if cue <= first + 4 or cue >= sentence.stop or not ctx.is_any_cue(cue) \
                or not _finite(ctx, cue):
            continue
        comma = next((i for i in range(cue - 1, first + 3, -1) if ctx.word(i) == ","), None)
        if comma is None:
            continue
        span = trim(ctx.text, ctx.tokens[first + 4].start, ctx.tokens[comma].start)
        if _too_short(ctx, *span) or not _is_clause(ctx, *span):
            continue
        token = ctx.tokens[cue]
        found.append(Candidate(*span, "indirect", "fronted_that", cue=cue,
                               cue_span=(token.start, token.end),
                               impersonal=ctx.is_impersonal_cue(cue)))
    return found


def _object_of(ctx: Context, cue: int, first: int, stop: int) -> bool:
    """Is a noun before ``stop`` the cue's object (the words before it name what was said, not
    say it)?"""
    return any(ctx.tokens[i].head == cue and ctx.tokens[i].rel == "obj"
               and ctx.tokens[i].pos in ("NOUN", "PRON") for i in range(first, stop))


def _that_of_object(ctx: Context, first: int, stop: int) -> int | None:
    """"что" of "<noun> о том, что" opening the words before ``stop``."""
    for index in range(first, min(first + 4, stop - 3)):
        if ctx.tokens[index].pos == "NOUN" and ctx.word(index + 1).lower() in ("о", "об") \
                and ctx.word(index + 2).lower() == "том" and ctx.word(index + 3) == "," \
                and ctx.word(index + 4).lower() == "что":
            return index + 4
    return None


_ABOUT_THIS = re.compile(r"(?:об?|обо)\s+(?:этом|том|нем|нём|ней|них)\b", re.IGNORECASE)


def _about_this(text: str, start: int, end: int) -> bool:
    """"Об этом, кажется, говорит …": the attribution of words told before, not content."""
    return _ABOUT_THIS.match(text, start, end) is not None


def _abbreviation_period(ctx: Context, index: int, stop: int) -> bool:
    """The period of "им." in "центре им. Вудро Вильсона": a short lowercase word's, inside
    the sentence."""
    return ctx.word(index) == "." and index + 1 < stop - 1 and len(ctx.word(index - 1)) <= 3 \
        and ctx.word(index - 1).isalpha() and ctx.word(index - 1).islower()


def _subject_after(ctx: Context, cue: int, stop: int) -> bool:
    """The cue's subject follows it ("сказал … депутат"), as in an inverted attribution; not
    "Премия …, отмечает наградами телепрограммы, …", whose subject came first."""
    return any(ctx.tokens[child].rel.startswith("nsubj") and cue < child < stop
               for child in ctx.analysis.children(cue))


def _modifies(ctx: Context, index: int) -> bool:
    """", который …", ", пытаясь …": what follows the attribution describes the speaker."""
    token = ctx.tokens[index]
    return (ctx.lemma(index) in ("который", "где", "когда")
            or (token.feats.get("VerbForm") in ("Conv", "Part")
                and token.feats.get("Variant") != "Short"))   # "запланированы …": a predicate


def colon_unmarked(ctx: Context) -> list[Candidate]:
    """Х заявил: <speech> — in the same sentence, or the next paragraph when the colon ends one."""
    found = []
    for sentence in _sentences(ctx):
        for cue in range(sentence.first, sentence.stop):
            if not ctx.is_cue(cue) or not _finite(ctx, cue):
                continue
            colon = cue + 1
            while colon < sentence.stop and not ctx.is_punct(colon) and colon - cue <= 6:
                colon += 1
            if colon >= sentence.stop or ctx.word(colon) != ":" or _thing_says(ctx, cue, colon):
                continue
            span = _after_colon(ctx, colon, sentence)
            if span is None or ctx.words_in(*span) < MIN_WORDS or _names_only(ctx, *span):
                continue
            token = ctx.tokens[cue]
            found.append(Candidate(*span, "direct", "colon_unmarked", cue=cue,
                                   cue_span=(token.start, token.end)))
    return found


def _names_only(ctx: Context, start: int, end: int) -> bool:
    """"ответили другие операторы: МТС, «Вымпелком» и Tele2": a list of names after the colon
    says who, not what."""
    words = [i for i in ctx.analysis.tokens_between(start, end) if not ctx.is_punct(i)]
    return all(ctx.tokens[i].pos in ("PROPN", "CCONJ") or ctx.word(i)[:1].isupper()
               or not ctx.word(i).isalpha() for i in words)


# "Это говорит о том, что …" (not "все": "Все говорят о том, что …" are people)
_THINGS_AS_PRONOUNS = frozenset({"это", "что"})


def _thing_says(ctx: Context, cue: int, colon: int) -> bool:
    """"Об этом говорит его личная статистика: …": a thing for subject "says" only as
    evidence; an organization, a document or a medium may speak. The subject is the cue's,
    else the noun in the nominative between the cue and the colon."""
    subjects = [c for c in ctx.analysis.children(cue) if ctx.tokens[c].rel.startswith("nsubj")]
    if any(ctx.lemma(s) in _THINGS_AS_PRONOUNS for s in subjects):
        return True     # "Это говорит о том, что …"
    subjects = subjects or [i for i in range(cue + 1, colon) if ctx.tokens[i].pos in (
        "NOUN", "PROPN") and ctx.tokens[i].feats.get("Case") == "Nom"][-1:]
    if not subjects:
        return False
    subject = subjects[0]
    lexicon = ctx.lexicon
    token = ctx.tokens[subject]
    if ctx.word(subject - 1) in QUOTE_MARKS or (
            ctx.word(subject)[:1].isupper() and subject != ctx.sentence(subject).first):
        return False    # a name: "«Интерфакс» пишет о том, что …"
    return token.pos == "NOUN" and token.feats.get("Animacy") == "Inan" \
        and ctx.lemma(subject) not in lexicon.org_nouns | lexicon.media | lexicon.governments \
        and ctx.lemma(subject) not in lexicon.org_kinds


def _after_colon(ctx: Context, colon: int, sentence) -> tuple[int, int] | None:
    if colon + 1 < sentence.stop:
        if ctx.word(colon + 1) in QUOTE_MARKS:
            return None
        return trim(ctx.text, ctx.tokens[colon + 1].start, ctx.tokens[sentence.stop - 1].end)
    region = sentence.region
    if ctx.tokens[colon].end != ctx.region(region)[1] or region + 1 >= len(ctx.analysis.regions):
        return None
    start, end = ctx.region(region + 1)
    if ctx.text[start] in QUOTE_MARKS:
        return None
    if ctx.text[ctx.region(region)[1]:start].strip():
        return None     # the layout took out what the colon introduced (an embedded post)
    return trim(ctx.text, start, end)
