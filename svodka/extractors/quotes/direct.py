"""Direct speech: quoted segments with an attribution, and unmarked "…, — заявил Х".

A quote continued over several paragraphs («A ¶ «B», — сказал Х) is one chain of segments:
each paragraph gives its own quote, all with the speaker the chain's attribution names.
"""
from __future__ import annotations

from svodka.extractors.quotes.attribution import (POSTPOSED, PREPOSED, Attribution,
                                                  clause_end, dash_cue)
from svodka.extractors.quotes.context import MIN_WORDS, QUOTE_MARKS, Candidate, Context, trim
from svodka.extractors.quotes.marks import Segment
from svodka.extractors.quotes.nesting import after_cue_sentence
from svodka.text import SPEECH_DASHES

# An unmarked speech paragraph ("— Мы готовы. Мы ждём, — сказал он") longer than this many
# tokens before its attribution is not taken as one quote.
_SPEECH_PARAGRAPH_TOKENS = 400


def _chains(ctx: Context) -> list[list[Segment]]:
    """Top-level segments grouped so that an unclosed one continues into the next paragraph:
    one that opens again at its start («A ¶ «B», — сказал Х), or one whose only mark closes
    («A ¶ B», — сказал Х: the dump's paragraphs do not repeat the opening mark)."""
    chains: list[list[Segment]] = []
    open_chain: list[Segment] | None = None
    # a closing mark without its opening one («A», — сказал Х. — B») comes where it closes
    ordered = sorted(ctx.segments, key=lambda s: (s.start if s.opened else s.end - 1, -s.end))
    closers = {s.region: s for s in ctx.segments if not s.opened and s.closed}
    for segment in ordered:
        if segment.region in ctx.skipped_regions:
            continue
        if segment.opened and chains and chains[-1][-1].opened \
                and chains[-1][-1].end > segment.start:
            continue    # nested inside the previous one
        closer = closers.get(segment.region)
        next_paragraph = open_chain is not None and segment.region == open_chain[-1].region + 1
        if next_paragraph and closer is not None and segment is not closer \
                and segment.end <= closer.end:
            continue    # «A ¶ B «C» D», — сказал Х: C is nested in the continued quote
        continues = (open_chain is not None and segment.opened
                     and (segment.region == open_chain[-1].region + 1 or segment.after_note)
                     and segment.start == ctx.region(segment.region)[0]) \
            or (next_paragraph and segment is closer)
        if continues:
            open_chain.append(segment)
        else:
            chains.append([segment])
            open_chain = None
        open_chain = chains[-1] if not segment.closed else None
    return chains


def _attribution(ctx: Context, chain: list[Segment]) -> Attribution | None:
    last = chain[-1]
    if last.closed:
        for finder in POSTPOSED:
            found = finder(ctx, last)
            if found:
                return found
    if chain[0].opened:
        for finder in (*PREPOSED, after_cue_sentence):
            found = finder(ctx, chain[0])
            if found:
                return found
    return None


def _split_inside(ctx: Context, segment: Segment) -> list[tuple[int, int]] | None:
    """«A, — сказал Х. — B»: the attribution inside one pair of marks splits it in two. On
    the line after an editor's note the attribution may also end the quote ("«A (… — ⏎RT⏎),
    — рассказывает Х.": A alone)."""
    tokens = ctx.analysis.tokens_between(segment.inner_start, segment.inner_end)
    for dash in tokens:
        if dash == tokens.start or ctx.word(dash - 1) not in (",", "!", "?", "…") \
                or not ctx.is_dash(dash):
            continue
        cue = dash_cue(ctx, dash, tokens.stop)
        if cue is None:
            continue
        end, resume = clause_end(ctx, cue, segment.inner_end)
        if segment.after_note and not segment.closed and resume >= tokens.stop:
            return [(segment.inner_start, ctx.tokens[dash - 1].start)], cue, end
        if resume >= tokens.stop or not ctx.is_dash(resume - 1):
            return None
        return [(segment.inner_start, ctx.tokens[dash - 1].start),
                (ctx.tokens[resume - 1].end, segment.inner_end)], cue, end
    return None


def _resumed(ctx: Context, segment: Segment,
             previous: tuple[Attribution, int] | None) -> Attribution | None:
    """«A», — сказал Х. — B»: the part after the attribution has A's speaker."""
    if previous is None or previous[0].end is None:
        return None
    between = ctx.text[previous[0].end:segment.inner_end]
    stripped = between.lstrip(" .,\u00a0")
    if not stripped or stripped[0] not in SPEECH_DASHES:
        return None
    attribution = previous[0]
    return Attribution("split_quote", attribution.cue, attribution.cue_span,
                       attribution.speaker_tokens, attribution.end)


def _split_after_note(ctx: Context, chain: list[Segment]
                      ) -> tuple[Attribution | None, list[Segment]]:
    """«A (… — ⏎RT⏎), — говорит Х. — B (… — ⏎RT⏎) C»: a chain broken by editor's notes whose
    attribution stands on a line after a note. The chain's speaker is Х; that line keeps only
    what follows the attribution."""
    for at, segment in enumerate(chain):
        if not segment.after_note:
            continue
        split = _split_inside(ctx, segment)
        if split is None:
            continue
        pieces, cue, end = split
        token = ctx.tokens[cue]
        attribution = Attribution("split_quote", cue, (token.start, token.end), end=end)
        rest = [Segment(start, stop, start, stop, segment.region, True, False)
                for start, stop in pieces]
        return attribution, chain[:at] + rest + chain[at + 1:]
    return None, chain


# How far after a line's end the closing bracket of an editor's note stands ("\n— RT\n)")
_NOTE_REACH = 40


def _before_editors_note(text: str, start: int, end: int) -> int:
    """Where a line piece of a quote ends when the line breaks inside an editor's note
    («Что касается санкций (Совета Безопасности. — ⏎RT⏎) ООН, то …», «Мы просим Вас
    (госсекретаря США Тиллерсона. ⏎— RT⏎) воспользоваться …», decision D8): before the note's
    opening bracket."""
    opening = text.rfind("(", start, end)
    if opening < 0 or ")" in text[opening:end]:
        return end
    if text[opening:end].rstrip()[-1:] in SPEECH_DASHES:
        return opening
    # the dash opens the signature's line ("(в Польше. ⏎— RT⏎) произошло …") and the quote goes
    # on after the note; a note that ends the quote ("(о выдвинутых обвинениях. ⏎— RT⏎), —
    # рассказывает Х") stays with it, as the gold has it
    closing = text.find(")", end, end + _NOTE_REACH)
    signed = text[end:end + 3].lstrip()[:1] in SPEECH_DASHES and closing != -1
    goes_on = signed and text[closing + 1:closing + 3].lstrip()[:1].isalnum()
    return opening if goes_on else end


def _piece_before_note(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """A line piece cut before an editor's note (D8); None when fewer than three words stand
    before the note: «Если он (народ. — ⏎RT⏎) хочет …» leaves "Если он" out (G6, L6), where
    the note's own words made a fragment quote "Если он (народ"."""
    whole = trim(ctx.text, start, end)
    cut = _before_editors_note(ctx.text, start, end)
    if cut == end:
        return whole
    before_note = trim(ctx.text, start, cut)
    return before_note if ctx.words_in(*before_note) >= MIN_WORDS else None


# An interview is laid out as turns: at least this many paragraphs that open with a dash and
# end with a question mark (the interviewer's questions).
_INTERVIEW_QUESTIONS = 3


def _is_interview(ctx: Context) -> bool:
    questions = 0
    for region in ctx.analysis.regions:
        line = ctx.text[region.start:region.end].strip()
        if line[:1] in SPEECH_DASHES and line.endswith("?"):
            questions += 1
            if questions >= _INTERVIEW_QUESTIONS:
                return True
    return False


def _interview_heading(ctx: Context, chain: list[Segment]) -> bool:
    """«Роберто Манчини: «Мы не заслужили поражения»» on a line of its own in an interview laid
    out as turns: a rubric line that heads the answers, not a quote (decision I7)."""
    last = chain[-1]
    if len(chain) > 1 or not last.closed:
        return False
    r_start, r_end = ctx.region(last.region)
    if ctx.text[last.end:r_end].strip() or not ctx.text[r_start:last.start].rstrip().endswith(":"):
        return False
    return _is_interview(ctx)


def quoted_segments(ctx: Context) -> list[Candidate]:
    """Quoted speech with its attribution before, after or inside the marks."""
    found: list[Candidate] = []
    last_attribution_end: dict[int, int] = {}
    last_attribution: dict[int, tuple[Attribution, int]] = {}
    for group, chain in enumerate(_chains(ctx)):
        first = chain[0]
        # «A, — заявил он. — B ¶ …: a paragraph open to its end splits as a closed one does
        split = _split_inside(ctx, first) if len(chain) == 1 and first.opened \
            and (first.closed or _attribution(ctx, chain) is None) else None
        if split:
            pieces, cue, end = split
            token = ctx.tokens[cue]
            for start, stop in pieces:
                found.append(Candidate(*trim(ctx.text, start, stop), "direct", "split_quote",
                                       cue=cue, cue_span=(token.start, token.end),
                                       attribution_end=end, group=group))
            last_attribution_end[first.region] = end
            last_attribution[first.region] = (
                Attribution("split_quote", cue, (token.start, token.end), end=end), group)
            continue
        attribution = _attribution(ctx, chain)
        if attribution is None and len(chain) > 1:
            attribution, chain = _split_after_note(ctx, chain)
        if attribution is None and not first.opened:
            attribution = _resumed(ctx, first, last_attribution.get(first.region))
        if attribution is None:
            continue
        if attribution.rule == "name_colon" and _interview_heading(ctx, chain):
            continue
        if attribution.rule == "split_quote" and first.region in last_attribution:
            group = last_attribution[first.region][1]
        for segment in chain:
            start = segment.inner_start
            if not segment.opened:
                start = max(start, last_attribution_end.get(segment.region, start))
            span = trim(ctx.text, start, segment.inner_end)
            if not segment.closed:
                span = _piece_before_note(ctx, start, segment.inner_end)
            if span is None or ctx.words_in(*span) < MIN_WORDS:
                continue
            found.append(Candidate(*span, "direct", attribution.rule, cue=attribution.cue,
                                   cue_span=attribution.cue_span,
                                   speaker_tokens=attribution.speaker_tokens,
                                   attribution_end=attribution.end, group=group))
        if attribution.end is not None:
            last_attribution_end[chain[-1].region] = attribution.end
            last_attribution[chain[-1].region] = (attribution, group)
    return found


def unmarked_dash(ctx: Context) -> list[Candidate]:
    """Мы готовы к диалогу, — заявил Х. (speech with no marks, attributed after a dash)."""
    found: list[Candidate] = []
    tokens = ctx.tokens
    for index in range(1, len(tokens)):
        if not ctx.is_dash(index) or ctx.word(index - 1) not in (",", "!", "?", "…"):
            continue
        sentence = ctx.sentence(index)
        if sentence.region in ctx.skipped_regions:
            continue
        cue = dash_cue(ctx, index, any_verb=False)
        if cue is None:
            continue
        r_start, r_end = ctx.region(sentence.region)
        start = _unmarked_start(ctx, index, r_start)
        span = trim(ctx.text, start, tokens[index - 1].start)
        if ctx.words_in(*span) < MIN_WORDS or _has_marks(ctx.text, *span):
            continue
        end, _ = clause_end(ctx, cue, r_end)
        found.append(Candidate(*span, "direct", "unmarked_dash", cue=cue,
                               cue_span=(tokens[cue].start, tokens[cue].end),
                               attribution_end=end))
    return found


def _has_marks(text: str, start: int, end: int) -> bool:
    return any(mark in text[start:end] for mark in QUOTE_MARKS)


def _unmarked_start(ctx: Context, dash: int, r_start: int) -> int:
    """The paragraph start when the paragraph is all speech ("— Мы готовы. Мы ждём, — сказал
    он"), else the start of the sentence."""
    sentence = ctx.sentence(dash)
    first = ctx.first_token_from(r_start)
    if ctx.is_dash(first) and sentence.first - first <= _SPEECH_PARAGRAPH_TOKENS:
        for index in range(first + 1, sentence.first):
            if ctx.is_any_cue(index):
                return sentence.start
        return r_start
    return sentence.start
