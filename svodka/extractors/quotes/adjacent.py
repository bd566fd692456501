"""Speech in marks whose own sentence names no speaker, next to a sentence whose quote does: the
speaker is named away from the quote (GUIDELINES, "What is a quote": direct speech attributed
"in the same or an adjacent sentence").

    По словам Александра Гунько, выдвижение Дижура обсуждается. Впрочем, «есть и другие
    фамилии – решение мы примем в июне».
    Рубинский напомнил, что … ⏎ «Сейчас появились новые элементы … ».

This is not a rule over the analysis alone: it reads the quotes the rules kept (those reported
inside the new quote give way to it), and lends the neighbouring quote's attribution (its cue and, through a shared group, its speaker) to the
unattributed speech. The speech must look like a statement, not a title or a scare quote: it
closes its sentence, holds a verb and a few words, and nothing but a comma or a colon stands
between the narrator's words and its opening mark (``Фильм назывался «…»`` stays out).
"""
from __future__ import annotations

from bisect import bisect_left

from svodka.extractors.quotes.context import Candidate, Context, trim
from svodka.extractors.quotes.indirect import _about_this

__all__ = ["neighbour_attributed"]

# A statement, not a title: at least this many words and a verb among them.
_MIN_STATEMENT_WORDS = 4
# Groups this module opens, apart from the rules' (chain indexes, -1 - a cue's offset).
_GROUP_BASE = -(1 << 40)


def _overlaps(kept: list[Candidate], starts: list[int], start: int, end: int) -> bool:
    """A kept quote crosses the marks or is their direct speech (a split quote's parts). An
    indirect one wholly inside is speech the statement reports, which the outer quote replaces
    (GUIDELINES: nested speech is not annotated). ``kept`` is sorted and disjoint (``starts``
    its starts), so only the run before ``end`` whose ends pass ``start`` is read."""
    at = bisect_left(starts, end)
    while at > 0 and kept[at - 1].end > start:
        at -= 1
        c = kept[at]
        if not (start <= c.start and c.end <= end and c.kind == "indirect"):
            return True
    return False


def _is_statement(ctx: Context, start: int, end: int) -> bool:
    """A clause: a finite verb ("Имеют право", not "жирно оплаченным спонсорами")."""
    tokens = ctx.analysis.tokens_between(start, end)
    return ctx.words_in(start, end) >= _MIN_STATEMENT_WORDS and any(
        ctx.tokens[i].pos in ("VERB", "AUX") and ctx.tokens[i].feats.get("VerbForm") == "Fin"
        for i in tokens)


def _stands_alone(ctx: Context, sentence, mark_start: int, mark_end: int) -> bool:
    """The marks close the sentence, and before them is the sentence start, a comma or a colon
    («…». / Впрочем, «…». / Но позиции не блестящие: «…».). A sentence ends with its
    punctuation: a paragraph of nothing but «…» is a subheading."""
    before = ctx.text[sentence.start:mark_start].rstrip()
    closing = ctx.sentence(ctx.first_token_from(mark_end - 1))
    after = ctx.text[mark_end:closing.end].strip()
    ends = after or ctx.text[mark_start:mark_end].rstrip()[-2:-1]
    return (not before or before[-1] in ",:") and all(ch in ".!?…" for ch in after) \
        and any(ch in ".!?…" for ch in ends)


def _told_after(ctx: Context, end: int) -> bool:
    """«…». Об этом сообщил Х.: the sentence after names the speaker in words the guidelines
    leave out (attribution in a separate sentence); the statement is no one's quote."""
    closing = ctx.sentence(ctx.first_token_from(end - 1))
    if closing.stop >= len(ctx.tokens):
        return False
    following = ctx.sentence(closing.stop)
    return _about_this(ctx.text, following.start, following.end)


def _neighbour(ctx: Context, kept: list[Candidate], starts: list[int],
               sentence_index: int) -> Candidate | None:
    """The quote of the sentence before, in the same paragraph; for speech that opens its
    paragraph, the last quote of the paragraph before."""
    sentences = ctx.analysis.sentences
    if sentence_index == 0:
        return None
    sentence, previous = sentences[sentence_index], sentences[sentence_index - 1]
    if previous.region in ctx.skipped_regions:
        return None
    if previous.region == sentence.region:
        start, end = previous.start, previous.end
    elif previous.region == sentence.region - 1:
        start, end = ctx.region(previous.region)
    else:
        return None
    # the last kept quote wholly inside (kept is sorted and disjoint)
    at, first = bisect_left(starts, end), bisect_left(starts, start)
    while at > first:
        at -= 1
        if kept[at].end <= end:
            return kept[at]
    return None


def neighbour_attributed(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """Unattributed statements in marks that take the adjacent sentence's quote's speaker."""
    found = []
    starts = [c.start for c in kept]     # (a scan of every kept quote a segment was quadratic)
    for segment in ctx.segments:
        if not (segment.opened and segment.closed) or segment.region in ctx.skipped_regions:
            continue
        start, end = trim(ctx.text, segment.inner_start, segment.inner_end)
        if start >= end or _overlaps(kept, starts, segment.start, segment.end) \
                or not _is_statement(ctx, start, end):
            continue
        mark = ctx.first_token_from(segment.start)
        sentence_index = ctx.tokens[mark].sent
        sentence = ctx.analysis.sentences[sentence_index]
        if not _stands_alone(ctx, sentence, segment.start, segment.end):
            continue
        if _told_after(ctx, segment.end):
            continue
        neighbour = _neighbour(ctx, kept, starts, sentence_index)
        if neighbour is None:
            continue
        if neighbour.group is None:
            neighbour.group = _GROUP_BASE - neighbour.start
        found.append(Candidate(start, end, "direct", "neighbour_attribution",
                               cue=neighbour.cue, cue_span=neighbour.cue_span,
                               speaker_tokens=neighbour.speaker_tokens, group=neighbour.group,
                               impersonal=neighbour.impersonal))
    return found
