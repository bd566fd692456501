"""Attributions of a quoted segment: the words around the marks that say who spoke.

Each finder is a named pure function ``(ctx, segment) -> Attribution | None``; the first
that answers wins, and its name becomes the quote's ``rule``.
"""
from __future__ import annotations

from dataclasses import dataclass

from svodka.extractors.quotes.context import FINAL_PUNCT, POSSESSIVE_PRONOUNS, QUOTE_MARKS, Context
from svodka.extractors.quotes.indirect import that_after
from svodka.extractors.quotes.marks import Segment
from svodka.text import INVISIBLE

# Tokens allowed between the dash and the cue: "— заявил", "— также отметил", "— Иванов сказал".
_CUE_WINDOW = 4
# Tokens past its sentence an attribution may run (razdel splits "… Х. — B" oddly at times).
_CLAUSE_SPILL = 3
# How far back from a colon or a comma a preposed cue may stand ("Х заявил журналистам: «…»").
_PREPOSED_WINDOW = 12


# What a bare name phrase before a colon is made of ("Глава МИД России Сергей Лавров: «…»").
_NAME_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PUNCT", "X"})


@dataclass(slots=True)
class Attribution:
    rule: str
    cue: int | None
    cue_span: tuple[int, int] | None
    speaker_tokens: range | None = None
    end: int | None = None          # offset where the attribution's words end


def dash_cue(ctx: Context, dash: int, limit: int | None = None,
             any_verb: bool = True) -> int | None:
    """The cue right after a dash ("— заявил Х"), with no punctuation in between; after
    marked speech (``any_verb``) any past-tense verb of a person will do ("— вздохнул Х")."""
    stop = min(dash + 1 + _CUE_WINDOW, limit if limit is not None else len(ctx.tokens))
    sentence_stop = ctx.sentence(dash).stop
    for index in range(dash + 1, min(stop, sentence_stop + 2, len(ctx.tokens))):
        if ctx.is_punct(index):
            return None
        if ctx.is_any_cue(index) or ctx.lemma(index) in ctx.lexicon.cite:
            return index
        # right after the dash any reporting verb is the cue: "— похвалил Х", "— вздохнул Х"
        if any_verb and index == dash + 1 and _speaking_verb(ctx, index):
            return index
    return None


def _speaking_verb(ctx: Context, index: int) -> bool:
    """A verb a person can be the subject of ("похвалил", "вспоминает")."""
    feats = ctx.tokens[index].feats
    return (ctx.is_reporting(index) and feats.get("Tense") in ("Past", "Pres")
            and feats.get("Gender") != "Neut")


def clause_end(ctx: Context, cue: int, region_end: int) -> tuple[int, int]:
    """(offset, next token) where a postposed attribution ends: at the sentence end or at
    the dash that resumes a split quote (". — B")."""
    index = cue + 1
    stop = min(len(ctx.tokens), ctx.sentence(cue).stop + _CLAUSE_SPILL)
    while index < stop and ctx.tokens[index].start < region_end:
        word = ctx.word(index)
        if word in FINAL_PUNCT or word == ",":
            after = index + 1
            if after < len(ctx.tokens) and ctx.tokens[after].start < region_end and ctx.is_dash(after):
                return ctx.tokens[index].start, after + 1
            if word in FINAL_PUNCT:
                return ctx.tokens[index].end, after
        index += 1
    return (ctx.tokens[index - 1].end if index < len(ctx.tokens) else region_end), index


def _cue_attribution(ctx: Context, cue: int, rule: str, region_end: int) -> Attribution:
    end, _ = clause_end(ctx, cue, region_end)
    token = ctx.tokens[cue]
    return Attribution(rule, cue, (token.start, token.end), end=end)


def _opens_sentence(ctx: Context, segment: Segment) -> bool:
    """Nothing but a dash or a colon before the opening mark in its sentence: the quote is the
    whole statement, not a part of the narrator's ("…, «абсолютной безопасности нет», отметил Х")."""
    mark = _mark_token(ctx, segment)
    if mark is None:
        return True
    first = ctx.sentence(mark).first
    return all(ctx.is_punct(i) for i in range(first, mark)) or ctx.word(mark - 1) == ":"


def postposed_dash(ctx: Context, segment: Segment) -> Attribution | None:
    """«…», — заявил Х. / «…?» — спросил Х. / «…», сказал Х."""
    if not _opens_sentence(ctx, segment):
        return None
    region_end = ctx.region(segment.region)[1]
    index = ctx.first_token_from(segment.end)
    seen_comma = False
    for _ in range(3):
        if index >= len(ctx.tokens) or ctx.tokens[index].start >= region_end:
            return None
        word = ctx.word(index)
        if ctx.is_dash(index):
            cue = dash_cue(ctx, index)
            return _cue_attribution(ctx, cue, "postposed_dash", region_end) if cue else None
        if word == ",":
            seen_comma = True
        elif word not in FINAL_PUNCT and word.strip(INVISIBLE):
            break
        index += 1
    if seen_comma and index < len(ctx.tokens) and ctx.is_any_cue(index):
        return _cue_attribution(ctx, index, "postposed_comma", region_end)
    return None


def _mark_token(ctx: Context, segment: Segment) -> int | None:
    return ctx.analysis.token_at(segment.start) if segment.opened else None


def _preceding(ctx: Context, segment: Segment) -> int | None:
    """The token just before the opening mark, if it is in the same paragraph."""
    mark = _mark_token(ctx, segment)
    if mark is None or mark == 0:
        return None
    before = mark - 1
    r_start = ctx.region(segment.region)[0]
    return before if ctx.tokens[before].start >= r_start else None


def _cue_before(ctx: Context, index: int, floor: int) -> int | None:
    """The nearest cue before ``index`` in its sentence, not across a quote or a dash."""
    low = max(ctx.sentence(index).first, floor, index - _PREPOSED_WINDOW)
    for current in range(index - 1, low - 1, -1):
        if ctx.word(current) in QUOTE_MARKS or ctx.is_dash(current):
            return None
        if ctx.is_any_cue(current):
            return current
    return None


def colon_cue(ctx: Context, segment: Segment) -> Attribution | None:
    """Х заявил: «…» (also with the colon at the end of the previous paragraph)."""
    before = _preceding(ctx, segment)
    if before is None:
        before = _previous_paragraph_end(ctx, segment)
    if before is None or ctx.word(before) != ":":
        return None
    cue = _cue_before(ctx, before, 0)
    if cue is None:
        cue = _governing_cue(ctx, before)
    if cue is not None:
        token = ctx.tokens[cue]
        return Attribution("colon_cue", cue, (token.start, token.end))
    return _phrase_colon(ctx, before) or _name_colon(ctx, before) or _clause_colon(ctx, before)


def _phrase_colon(ctx: Context, colon: int) -> Attribution | None:
    """По его словам, A: «B» — the phrase opening the sentence attributes B too (F2)."""
    first = ctx.sentence(colon).first
    for index in range(first, min(first + 3, colon)):
        phrase = ctx.phrase_at(index, colon)
        if phrase is not None:
            noun, speaker = phrase
            comma = noun + 1
            while comma < colon and ctx.word(comma) != ",":
                comma += 1
            return Attribution("according_to", noun, (ctx.tokens[index].start, ctx.tokens[noun].end),
                               speaker_tokens=speaker if len(speaker) else range(noun + 1, comma))
    return None


def _governing_cue(ctx: Context, colon: int) -> int | None:
    """The cue whose clause the colon ends, however long the clause: "Х заявила, что
    ассамблея разделяет позицию Киева относительно …: «B»" (decision F2: an indirect A, a
    direct B, one speaker), "…, заявил «НГ» зампред ПАРНАСа Х: «B»". Read from the parse:
    the cue is an ancestor of the words before the colon, in the same sentence."""
    first = ctx.sentence(colon).first
    for start in (colon - 1, colon):
        index, steps = start, 0
        while index >= first and steps < 40:
            if index < colon and index != start and ctx.is_any_cue(index):
                return index
            index, steps = ctx.tokens[index].head, steps + 1
    # the parse may hang the clause on the quote after the colon: the nearest cue that
    # opens a "что" clause stands for it ("заявила на днях, что …: «…»")
    for index in range(colon - 1, first - 1, -1):
        if ctx.word(index) in FINAL_PUNCT or ctx.word(index) == ":":
            return None
        if ctx.is_any_cue(index) and that_after(ctx, index, colon) is not None:
            return index
    return None


def _clause_colon(ctx: Context, colon: int) -> Attribution | None:
    """Глава района опроверг сообщение: «…» — a clause with a subject introduces the speech."""
    low = max(ctx.sentence(colon).first, colon - _PREPOSED_WINDOW)
    for index in range(colon - 1, low - 1, -1):
        if ctx.word(index) in QUOTE_MARKS or ctx.is_dash(index):
            return None
        if ctx.is_reporting(index) and (any(ctx.tokens[c].rel.startswith("nsubj")
                                            for c in ctx.analysis.children(index))
                                        or _subject_before(ctx, low, index)):
            token = ctx.tokens[index]
            return Attribution("colon_clause", index, (token.start, token.end))
    return None


def _subject_before(ctx: Context, low: int, verb: int) -> bool:
    """A subject right before the verb, past a parenthetical the parse hung it elsewhere for
    ("Порошенко, по сообщению украинских СМИ, обратился к …: «…»")."""
    return any(ctx.tokens[i].rel == "nsubj" and ctx.tokens[i].pos in ("PROPN", "NOUN")
               and ctx.tokens[i].feats.get("Case", "Nom") == "Nom"
               for i in range(max(low, ctx.sentence(verb).first), verb))


def _previous_paragraph_end(ctx: Context, segment: Segment) -> int | None:
    mark = _mark_token(ctx, segment)
    r_start = ctx.region(segment.region)[0]
    if mark is None or mark == 0 or ctx.tokens[mark].start != r_start or segment.region == 0:
        return None
    previous = mark - 1
    previous_region = ctx.region(segment.region - 1)
    return previous if ctx.tokens[previous].start >= previous_region[0] else None


def _name_colon(ctx: Context, colon: int) -> Attribution | None:
    """Х: «…» — a short name phrase opening the sentence, then a colon."""
    first = ctx.sentence(colon).first
    if not 0 < colon - first <= 6:
        return None
    names = [i for i in range(first, colon) if ctx.tokens[i].pos == "PROPN"
             and ctx.tokens[i].feats.get("Case", "Nom") == "Nom"]
    if not names or any(ctx.tokens[i].pos not in _NAME_PHRASE_POS for i in range(first, colon)):
        return None     # "Генис поминает Достоевского: «…»", "Или вот о Пикассо: «…»"
    return Attribution("name_colon", None, None, speaker_tokens=range(first, colon))


def as_cue(ctx: Context, segment: Segment) -> Attribution | None:
    """Как заявил Х, «…» / По словам Х, «…»."""
    before = _preceding(ctx, segment)
    if before is None or ctx.word(before) != ",":
        return None
    first = ctx.sentence(before).first
    for index in range(max(first, before - _PREPOSED_WINDOW), before):
        cue = ctx.as_cue_at(index, before)
        if cue is not None:
            token = ctx.tokens[cue]
            return Attribution("as_cue", cue, (token.start, token.end))
        phrase = ctx.phrase_at(index, before)
        if phrase is not None:
            noun, speaker = phrase
            return Attribution("according_to", noun, (ctx.tokens[index].start,
                                                      ctx.tokens[noun].end),
                               speaker_tokens=speaker if len(speaker) else range(noun + 1, before))
    return None


def that_quoted(ctx: Context, segment: Segment) -> Attribution | None:
    """Х заявил, что «…» — a fully quoted complement is a direct quote."""
    before = _preceding(ctx, segment)
    if before is None or ctx.lemma(before) != "что" or ctx.word(before - 1) != ",":
        return None
    after = ctx.first_token_from(segment.end)
    sentence = ctx.sentence(before)
    if after < sentence.stop and ctx.word(after) not in FINAL_PUNCT:
        return None
    cue = _cue_before(ctx, before - 1, 0)
    if cue is None:
        return None
    token = ctx.tokens[cue]
    return Attribution("that_quoted", cue, (token.start, token.end))


def resumed_after_attribution(ctx: Context, segment: Segment) -> Attribution | None:
    """«A», — сказал Х. — «B»: B has A's speaker."""
    before = _preceding(ctx, segment)
    if before is None or not ctx.is_dash(before) or before < 2:
        return None
    if ctx.word(before - 1) not in (".", ","):
        return None
    for index in range(before - 2, max(before - 2 - _PREPOSED_WINDOW, -1), -1):
        if ctx.is_dash(index):
            cue = dash_cue(ctx, index, before)
            if cue is None:
                return None
            token = ctx.tokens[cue]
            return Attribution("split_quote", cue, (token.start, token.end))
    return None


POSTPOSED = [postposed_dash]
PREPOSED = [colon_cue, as_cue, that_quoted, resumed_after_attribution]
