"""The speaker phrase: the words of an attribution that name who spoke.

From syntax (the cue's subject, the object of "цитирует", the "в …" of "сообщили в
пресс-службе …"), else the words a rule saw ("по словам Х"), else the words after the cue.
"""
from __future__ import annotations

from dataclasses import replace

from svodka.data import load_set
from svodka.extractors.quotes.context import (FINAL_PUNCT, MIN_WORDS, POSSESSIVE_PRONOUNS,
                                              QUOTE_MARKS, Candidate, Context)
from svodka.extractors.quotes.syntax import children, head_of, subtree

# How many words around a cue may name its speaker when the parse does not say.
_WINDOW = 8
# "приводит слова министра", "приводит текст документа": whose words they are follows
WORDS_OF = frozenset({"слово", "текст"})


def _clip(ctx: Context, tokens: range, head: int, quote: Candidate) -> range:
    """Keep the phrase on the head's side of the quote and without edge punctuation."""
    first, stop = tokens.start, tokens.stop
    if quote.cue is not None and first <= quote.cue < stop:
        first, stop = (quote.cue + 1, stop) if head > quote.cue else (first, quote.cue)
    if ctx.tokens[head].start >= quote.end:
        first = max(first, ctx.first_token_from(quote.end))
    elif ctx.tokens[head].end <= quote.start:
        stop = min(stop, ctx.first_token_from(quote.start))
    while first < stop and ctx.is_punct(first):
        first += 1
    while stop > first and ctx.is_punct(stop - 1):
        stop -= 1
    return range(first, stop)

def _voice_of(ctx: Context, verb: int, places: tuple[str, ...]) -> list[int]:
    """"сообщили в пресс-службе МВД": the organization's voice among the verb's dependents."""
    return [c for c in children(ctx, verb, ("obl", "nmod", "iobj"))
            if ctx.lemma(c) in ctx.lexicon.org_nouns
            or (any(ctx.lemma(g) in places for g in children(ctx, c, ("case",)))
                and ctx.lemma(c) not in _CIRCUMSTANCES)]


# "заявила в середине ноября в своей прощальной речи …": when and how, not who
_CIRCUMSTANCES = frozenset({"середина", "начало", "конец", "ход", "течение", "время", "день",
                            "неделя", "месяц", "год", "момент", "период", "рамка", "интервью",
                            "речь", "эфир", "беседа", "разговор", "выступление", "ответ",
                            "письмо", "соцсеть", "twitter", "facebook", "блог"})


def _addressed(ctx: Context, cue: int, subject: int) -> bool:
    """Is the "subject" right after a telling cue whom the speaker told: a listed outlet
    ("— сообщил RT", "рассказали ТАСС")?"""
    if ctx.lemma(cue) not in _telling() or not _only_asides(ctx, cue, subject):
        return False
    if ctx.tokens[cue].feats.get("Tense") == "Pres":
        return False    # "…, сообщает РИА Новости": the agency reports on its own account
    return outlet_length(ctx, subject) > 0


def _told_outlet(ctx: Context, cue: int, subject: int) -> bool:
    """"В пресс-службе Игоря Шувалова RT сообщили": a plural telling cue does not agree with
    an outlet's name, which takes a singular verb ("RT сообщил"); the outlet was told."""
    return ctx.tokens[cue].feats.get("Number") == "Plur" and ctx.lemma(cue) in _telling() \
        and outlet_length(ctx, subject) > 0


def outlet_length(ctx: Context, first: int) -> int:
    """How many words from ``first`` name a listed outlet ("RT" 1, "РИА Новости" 2), or 0."""
    stop = first + 1
    while stop < len(ctx.tokens) and stop - first < 3 and ctx.tokens[stop].pos == "PROPN":
        stop += 1
    for end in range(stop, first, -1):
        words = " ".join(ctx.word(i) for i in range(first, end)).lower().replace("ё", "е")
        if words in outlets():
            return end - first
    return 0


def _past_addressee(ctx: Context, cue: int, tokens: range) -> range:
    """"…, сообщил вчера «НГ» Сергей Багапш", "…, сообщили «НГ» в пресс-службе": the words
    after the outlet told; none when the outlet is all there is ("…, рассказали ТАСС")."""
    first = next((i for i in tokens if not ctx.is_punct(i) and ctx.tokens[i].pos != "ADV"),
                 None)
    if first is None or first < cue or not _addressed(ctx, cue, first):
        return tokens
    after = first + outlet_length(ctx, first)
    while after < tokens.stop and ctx.word(after) in QUOTE_MARKS:
        after += 1
    return range(after, tokens.stop) if after < tokens.stop else range(0)


def _only_asides(ctx: Context, cue: int, subject: int) -> bool:
    """Nothing but punctuation and adverbs between the cue and the word after it: "сообщил
    вчера «НГ» Сергей Багапш"."""
    return all(ctx.is_punct(i) or ctx.tokens[i].pos == "ADV" for i in range(cue + 1, subject))


def outlets() -> frozenset[str]:
    return load_set("quote_outlets.txt")


def _telling() -> frozenset[str]:
    return load_set("quote_cues_telling.txt")


def _speaker_after_addressee(ctx: Context, cue: int, subject: int, told: bool = False) -> int:
    """"как сообщила «НГ» активист «Открытой России» Евгения Литвинова": an inanimate "subject"
    right after the cue, followed by a person in the nominative, is whom she told (``told``:
    the "subject" is known to be the addressee, animate or not)."""
    if (ctx.tokens[subject].feats.get("Animacy") == "Anim" and not told) \
            or not _only_asides(ctx, cue, subject) or _nominative_pronoun(ctx, subject):
        return subject
    stop = min(ctx.sentence(cue).stop, subject + _WINDOW)
    i = subject + 1
    while i < stop and (ctx.word(i) in QUOTE_MARKS or ctx.tokens[i].pos == "ADJ"):
        i += 1      # "подтвердил «НГ» бывший депутат …": past the marks and the adjectives
    if told and i < stop and ctx.tokens[i].rel == "obj" and ctx.tokens[i].head == cue \
            and ctx.tokens[i].pos == "NOUN":
        # "— прокомментировал RT ситуацию на биржах Манаенко": past what was commented on to
        # the name closing the clause (no case ending shows it is the subject)
        end = subtree(ctx, i).stop
        for j in range(i + 1, min(end, stop)):
            if ctx.tokens[j].pos in ("NOUN", "PROPN") and ctx.tokens[j].feats.get("Case") == "Nom" \
                    and ctx.tokens[j].feats.get("Animacy") == "Anim":
                return j    # the parse hung the speaker on the object: "протесты мусульман директор …"
        i, last = end, end - 1
        if last < stop and ctx.tokens[last].pos == "PROPN" and (i >= stop or ctx.is_punct(i)) \
                and any({"Surn", "Name"} & p.tag.grammemes
                        for p in ctx.analysis.morph.parse(ctx.word(last))[:3]):
            return last
        while i < stop and (ctx.word(i) in QUOTE_MARKS or ctx.tokens[i].pos == "ADJ"):
            i += 1      # "прокомментировала RT назначение Пауэлла заместитель директора …"
    if i < stop and ctx.tokens[i].pos in ("NOUN", "PROPN") \
            and (ctx.tokens[i].feats.get("Case") == "Nom"
                 # "– сказала «НГ» Фаркас": a name right after the outlet told is who spoke,
                 # whatever case the tagger read into it after a dative
                 or (told and ctx.tokens[i].pos == "PROPN")) \
            and ctx.tokens[i].feats.get("Animacy") == "Anim":
        return i
    return subject


def _nominative_pronoun(ctx: Context, index: int) -> bool:
    """"— рассказал он RT": a personal pronoun in the nominative is the subject, never whom
    someone told (that is "ему"); the outlet after it is the addressee. (A pronoun carries
    no animacy, so the inanimate-subject test alone would pass it by.)"""
    token = ctx.tokens[index]
    return token.pos == "PRON" and token.feats.get("Case") == "Nom" \
        and token.feats.get("Person") == "3"


def _cited_after(ctx: Context, cue: int, quote: Candidate) -> list[int]:
    """The person "цитирует" quotes when the parse lost the object: "— цитирует Foreign
    Policy бывшего посла Уильяма Тейлора" — the first animate noun in the accusative or
    genitive after the cue, in its sentence and outside the quote."""
    stop = min(ctx.sentence(cue).stop, cue + 1 + _WINDOW * 2)
    subjects = 0
    for i in range(cue + 1, stop):
        token = ctx.tokens[i]
        if ctx.word(i) in FINAL_PUNCT or quote.start <= token.start < quote.end:
            return []
        second_subject = token.rel == "nsubj" and token.head == cue and subjects > 0
        if token.pos in ("NOUN", "PROPN") and token.feats.get("Animacy") == "Anim" and (
                second_subject or token.feats.get("Case") in ("Acc", "Gen")
                and not token.rel.startswith("nsubj")):
            # (a citing verb has one subject: a second "subject" after the first, "— цитирует
            # Интерфакс Канделаки", is whom it quotes)
            return [i]
        subjects += token.rel == "nsubj" and token.head == cue
    return []

def _subject_before(ctx: Context, cue: int) -> tuple[range, int] | None:
    """When the parse gives the cue no subject ("Нуланд, похоже, считает, что"): the nearest
    nominative name, pronoun or noun before it in the sentence."""
    first = ctx.sentence(cue).first
    for i in range(cue - 1, max(first, cue - _WINDOW * 2) - 1, -1):
        token = ctx.tokens[i]
        if ctx.word(i) in QUOTE_MARKS or ctx.lemma(i) == "что":
            return None
        if token.pos == "NUM" and token.feats.get("Case") == "Nom" and ctx.lemma(i) == "один":
            return range(i, cue), i     # "один из пользователей пошутил": one of many
        if token.pos in ("PROPN", "PRON", "NOUN") and token.feats.get("Case") == "Nom":
            low = i
            while low > first and ctx.tokens[low - 1].pos == "PROPN" and token.pos == "PROPN":
                low -= 1
            return range(low, i + 1), i
    return None

def _voice_before(ctx: Context, cue: int, quote: Candidate) -> list[int]:
    """"в докладе Управления … ООН сказано: «…»" when the parse hung the document on a verb
    of the quote: an organization's voice or document after "в" before a subjectless cue, in
    its sentence and outside the quote."""
    feats = ctx.tokens[cue].feats
    if not (ctx.is_impersonal_cue(cue) or feats.get("Voice") in ("Pass", "Mid")
            or feats.get("Variant") == "Short" or feats.get("Gender") == "Neut"
            or _indefinite_personal(ctx, cue)):
        return []       # a cue with a subject of its own, lost by the parse
    first = ctx.sentence(cue).first
    for i in range(cue - 1, first - 1, -1):
        if quote.start <= ctx.tokens[i].start < quote.end:
            return []
        if ctx.lemma(i) in ctx.lexicon.org_nouns and ctx.tokens[i].feats.get("Case") == "Loc" \
                and any(ctx.lemma(j) == "в" for j in range(max(first, i - 4), i)):
            return [i]
    return []


def _indefinite_personal(ctx: Context, cue: int) -> bool:
    """A plural cue with no subject speaks for a body: "в организации внезапно заявили, что"
    (they said), however the parse hung "в организации" (here on the reported verb)."""
    feats = ctx.tokens[cue].feats
    return feats.get("Number") == "Plur" and feats.get("VerbForm", "Fin") == "Fin" \
        and feats.get("Person") in (None, "3") and not children(ctx, cue, ("nsubj",))


# words that may stand before a cue continuing the previous sentence's subject: "И сказал",
# and the connectives a turn goes on with ("Однако добавила, что …", "При этом отметил")
_CONTINUING = frozenset({"и", "а", "также", "затем", "потом", "еще", "ещё", "тут", "же",
                         "однако", "но", "впрочем", "при", "этом", "кроме", "того", "вместе",
                         "с", "тем", "не", "менее", "вдобавок", "позже", "позднее", "далее"})


def _elided_subject(ctx: Context, cue: int) -> tuple[range, int] | None:
    """"Швыдкой вспомнил о том, что … И сказал, что …": a sentence opening with its cue and
    no subject goes on with the subject of the sentence before (a name, a noun or "он")."""
    sentence = ctx.sentence(cue)
    if sentence.first == 0 or ctx.tokens[cue].feats.get("VerbForm") != "Fin" \
            or ctx.is_impersonal_cue(cue) or ctx.tokens[cue].feats.get("Gender") == "Neut" \
            or ctx.tokens[cue].feats.get("Voice") in ("Mid", "Pass") \
            or not all(ctx.word(i).lower() in _CONTINUING or ctx.lemma(i) in _CONTINUING
                       or ctx.is_punct(i)
                       for i in range(sentence.first, cue)):
        return None
    previous = ctx.sentence(sentence.first - 1)
    subjects = [i for i in range(previous.first, previous.stop)
                if ctx.tokens[i].rel == "nsubj" and ctx.tokens[i].head >= 0
                and ctx.tokens[i].pos in ("PROPN", "NOUN", "PRON")
                and ctx.tokens[i].feats.get("Case") == "Nom"
                and not any(s.inner_start <= ctx.tokens[i].start < s.inner_end
                            for s in ctx.segments)]
    gender = ctx.tokens[cue].feats.get("Gender")
    if gender is not None:
        # "— заявила она. Однако добавила, что …": the verb's gender says whose turn goes on
        subjects = [i for i in subjects if ctx.tokens[i].feats.get("Gender") in (None, gender)]
    # who spoke in it ("– пояснил Мэтью Рожански. И выразил надежду"), else the main subject
    for i in sorted(subjects, key=lambda i: (not ctx.is_any_cue(ctx.tokens[i].head),
                                             ctx.tokens[ctx.tokens[i].head].head >= 0)):
        if ctx.is_any_cue(ctx.tokens[i].head) or ctx.tokens[ctx.tokens[i].head].head < 0:
            return subtree(ctx, i), i
    return None


# rules whose cue is the verb before a colon, however deep in the sentence it stands
_COLON_RULES = frozenset({"colon_cue", "colon_clause"})
# conjunctions opening a reported clause: "отметил, что …", "потребовал, чтобы …"
_REPORTED_CLAUSE_MARKS = frozenset({"что", "чтобы"})


def reporting_cue(ctx: Context, quote: Candidate) -> Candidate:
    """The quote read from the verb that reports the clause its colon ends: "Василий Петров
    отметил, что … могли быть допущены ошибки: «…»" — not "допущены" (whose subject is
    "ошибки") but "отметил", whose subject spoke. Only for a colon's cue: a verb after ", что"
    is what was reported; the cue (or the reporting verb with a subject: "Эксперт согласилась
    с тем, что Ципрас предал референдум: «…»") before it is who reports. Read from the words,
    not the parse, which often hangs such a clause on the quote's own verb."""
    cue = quote.cue
    if quote.rule not in _COLON_RULES or cue is None or ctx.tokens[cue].end > quote.start:
        return quote
    first = ctx.sentence(cue).first
    mark = next((i for i in range(cue - 1, first, -1)
                 if ctx.lemma(i) in _REPORTED_CLAUSE_MARKS and ctx.word(i - 1) == ","), None)
    if mark is None:
        return quote
    for verb in range(mark - 2, first - 1, -1):
        if ctx.word(verb) in FINAL_PUNCT or ctx.word(verb) in QUOTE_MARKS:
            return quote
        if ctx.tokens[verb].pos in ("VERB", "AUX", "ADJ") and (
                ctx.is_any_cue(verb) or ctx.is_reporting(verb) and children(ctx, verb, ("nsubj",))):
            token = ctx.tokens[verb]
            return replace(quote, cue=verb, cue_span=(token.start, token.end))
    return quote


def speaker_phrase(ctx: Context, quote: Candidate) -> tuple[range, int] | None:
    """(tokens, head) of the words naming the speaker."""
    phrase = _phrase(ctx, quote)
    if phrase is not None and ctx.lemma(phrase[1]) == "который":
        return _relative_antecedent(ctx, phrase[1])
    return phrase


def _relative_clause_comma(ctx: Context, relative: int) -> int | None:
    """The comma opening the relative clause: right before "который", or before the
    prepositional phrase it closes ("…, по словам которого", "…, по мнению которой")."""
    comma = relative - 1
    if comma >= 1 and ctx.word(comma) != "," and ctx.tokens[relative].feats.get("Case") == "Gen":
        phrase_start = next((i for i in range(comma, max(0, relative - 4), -1)
                             if ctx.phrase_at(i, relative + 1) is not None), None)
        comma = phrase_start - 1 if phrase_start is not None else comma
    return comma if comma >= 1 and ctx.word(comma) == "," else None


def _relative_antecedent(ctx: Context, relative: int) -> tuple[range, int] | None:
    """"опроверг Вайнштока, который … заявил, что": the relative pronoun stands for the noun
    its clause follows, when number and gender agree; else no one is named. The clause may
    open with the phrase the relative hangs on: "Валентин Горбунов, по словам которого …"."""
    comma = _relative_clause_comma(ctx, relative)
    if comma is None:
        return None
    noun = comma - 1
    token, pronoun = ctx.tokens[noun], ctx.tokens[relative].feats
    if token.pos not in ("NOUN", "PROPN") or any(
            pronoun.get(f) and token.feats.get(f) and pronoun[f] != token.feats[f]
            for f in ("Number", "Gender")):
        return None
    first = noun
    while token.pos == "PROPN" and first > 0 and ctx.tokens[first - 1].pos == "PROPN":
        first -= 1      # "Семена Вайнштока": the whole name
    return range(first, noun + 1), noun


def _phrase(ctx: Context, quote: Candidate) -> tuple[range, int] | None:
    if quote.speaker_tokens is not None:
        tokens = _clip(ctx, quote.speaker_tokens, quote.speaker_tokens.start, quote) \
            if len(quote.speaker_tokens) else quote.speaker_tokens
        if len(tokens) and quote.cue is not None:
            tokens = _past_addressee(ctx, quote.cue, tokens)
        return (tokens, _subject_or_head(ctx, tokens)) if len(tokens) else None
    cue = quote.cue
    if cue is None:
        return None
    if ctx.tokens[cue].rel.startswith("acl") and ctx.tokens[cue].head >= 0:
        head = ctx.tokens[cue].head     # "критик Анна Наринская, не считавшая, что …"
        tokens = _clip(ctx, subtree(ctx, head), head, quote)
        return (tokens, head) if len(tokens) else None
    cite = ctx.lemma(cue) in ctx.lexicon.cite
    roots = (children(ctx, cue, ("obj",)) or _cited_after(ctx, cue, quote)) if cite else []
    if not roots:
        roots = children(ctx, cue, ("nsubj",))
        head = ctx.tokens[cue].head
        if not roots and head >= 0 and ctx.tokens[cue].rel in ("advcl", "conj", "xcomp"):
            grand = ctx.tokens[head].head
            if ctx.tokens[cue].rel == "conj" and not ctx.is_any_cue(head) and grand >= 0 \
                    and ctx.is_any_cue(grand):
                head = grand    # "отметил, что X развивается, а также пообещал": the parse
                #                 hung the second cue on the content's verb
            roots = children(ctx, head, ("nsubj",))
        # "сообщили в пресс-службе", "у нас говорят"; but "спросили у журналистки" asked her
        places = ("в",) if ctx.lemma(cue) in ctx.lexicon.asking else ("в", "у")
        voice = _voice_of(ctx, cue, places)
        if not voice and head >= 0 and ctx.tokens[cue].rel in ("advcl", "conj", "xcomp"):
            voice = _voice_of(ctx, head, places)    # "сообщили в Росатоме, отметив, что"
        addressee = roots and ((ctx.tokens[roots[0]].feats.get("Case") == "Dat"
                                and ctx.tokens[roots[0]].feats.get("Animacy") != "Anim")
                               or _told_outlet(ctx, cue, roots[0]))
        if not voice and not roots:
            voice = _voice_before(ctx, cue, quote)
        if not roots or (voice and addressee):
            roots = voice   # "Как сообщили «НГ» в пресс-службе МВД": «НГ» was told, not spoke
        elif roots[0] > cue:
            if _addressed(ctx, cue, roots[0]):
                after = _speaker_after_addressee(ctx, cue, roots[0], told=True)
                if after == roots[0]:
                    return None     # "— рассказали ТАСС": told the outlet, no one named
                roots = [after]
            else:
                roots = [_speaker_after_addressee(ctx, cue, roots[0])]
    # a subject in someone's quoted words is the parse gluing the cue to the quote ("«Деньги
    # заложены…», – заявил Козак, добавив, что": "добавив" hung on "заложены"); who spoke
    # is found outside the marks
    roots = [r for r in roots if not _quoted_words(ctx, r, cue, quote)]
    if roots and ctx.lemma(roots[0]) in WORDS_OF:     # "приводит его слова": "его"
        roots = children(ctx, roots[0], ("nmod",)) or [
            c for c in children(ctx, roots[0], ("det", "nmod:poss"))
            if ctx.lemma(c) in POSSESSIVE_PRONOUNS] or roots
    if roots:
        tokens = _clip(ctx, subtree(ctx, roots[0]), roots[0], quote)
        stop = tokens.stop
        while stop < cue and ctx.tokens[stop].pos in ("PROPN", "NOUN"):
            stop += 1       # a name the parse left out: "Глава … доктор Захир Хамду Хаджу подтвердил"
        tokens = range(tokens.start, stop)
        if len(tokens):
            return tokens, roots[0]
    if quote.start > ctx.tokens[cue].end:
        before = _subject_before(ctx, cue)
        if before is not None:
            return before
    elided = _elided_subject(ctx, cue)
    if elided is not None:
        return elided
    stop = cue + 1      # the words after the cue, to the end of the attribution
    sentence_stop = ctx.sentence(cue).stop
    if sentence_stop == cue + 1 < len(ctx.tokens) and ctx.word(cue) not in FINAL_PUNCT \
            and "\n" in ctx.text[ctx.tokens[cue].end:ctx.tokens[cue + 1].start]:
        # the dump put a linked cue on a line of its own: "», — \nзаявила\n замминистра …"
        sentence_stop = ctx.sentence(cue + 1).stop
    limit = min(sentence_stop, cue + 1 + _WINDOW * 2)
    while stop < limit and ctx.word(stop) not in FINAL_PUNCT and not ctx.is_dash(stop) \
            and not (ctx.word(stop) == "," and stop + 1 < limit and ctx.is_dash(stop + 1)) \
            and ctx.lemma(stop) != "что" and not quote.start <= ctx.tokens[stop].start < quote.end:
        stop += 1
    tokens = _clip(ctx, range(cue + 1, stop), cue + 1, quote) if stop > cue + 1 else range(0)
    if len(tokens) and _addressed(ctx, cue, tokens.start):
        after = _speaker_after_addressee(ctx, cue, tokens.start, told=True)
        if after == tokens.start:
            return None     # "— рассказали ТАСС": told the outlet, no one named
        tokens = range(after, tokens.stop)
    return (tokens, _window_head(ctx, tokens)) if len(tokens) else None

def _quoted_words(ctx: Context, index: int, cue: int, quote: Candidate) -> bool:
    """Is the word in the quote itself or in someone's words in other marks than the cue's
    own (not a name in marks: "«Нафтогаз» объявил", "«Оппозиционный блок» убежден")?"""
    start = ctx.tokens[index].start
    if quote.start <= start < quote.end:
        return True
    segment = ctx.quoted_at(start)
    return segment is not None \
        and not segment.inner_start <= ctx.tokens[cue].start < segment.inner_end \
        and ctx.words_in(segment.inner_start, segment.inner_end) >= MIN_WORDS


def _subject_or_head(ctx: Context, tokens: range) -> int:
    """The subject among the words, else their syntactic head: ", заявил в четверг
    премьер-министр РФ" is headed by "премьер-министр", not by "четверг"."""
    for i in tokens:
        if ctx.tokens[i].rel.startswith("nsubj") and ctx.tokens[i].head not in tokens:
            return i
    return head_of(ctx, tokens)


def _window_head(ctx: Context, tokens: range) -> int:
    """The first word in the nominative, past any "как сообщают X," aside."""
    aside = False
    for i in tokens:
        word = ctx.word(i).lower()
        if word == "как":
            aside = True
        elif word == ",":
            aside = False
        elif not aside and ctx.tokens[i].pos in ("NOUN", "PROPN", "PRON") \
                and ctx.tokens[i].feats.get("Case") == "Nom":
            return i
    return head_of(ctx, tokens)
