"""A long quote that holds other speech: the outer quote is the speaker's, the inner is not
a quote of its own (GUIDELINES: "speech reported inside a quote — only the outer quote is
annotated"; analyst read 12o, pattern 2).

«Мы ввели режим прекращения огня. … Они утверждают, что это была ошибка. …» holds
"Они утверждают, что …": a rule that reads cues finds that clause, and where the outer marks
had no attribution it became a quote with a wrong speaker while the minister's words were lost.

- :func:`holds_statement`: marked words that open their sentence and run over more than one
  sentence are somebody's statement, not a title or a term in marks;
- :func:`after_cue_sentence`: such a statement, whole sentences, right after a sentence
  whose cue names the speaker ("Министр напомнил об инциденте. «…»", "По его словам, …. «…»"),
  is that speaker's direct quote;
- :func:`nested_in_statement`: a reported clause inside such a statement is no quote.
"""
from __future__ import annotations

from svodka.extractors.quotes.attribution import Attribution, _opens_sentence
from svodka.extractors.quotes.context import FINAL_PUNCT, Candidate, Context
from svodka.extractors.quotes.marks import Segment


def _sentences_in(ctx: Context, start: int, end: int) -> set[int]:
    return {ctx.tokens[i].sent for i in ctx.analysis.tokens_between(start, end)}


def holds_statement(ctx: Context, segment: Segment) -> bool:
    """Marks that open a sentence (or follow its colon or dash) and hold two sentences or
    more: «Мы ввели режим прекращения огня. Но спустя три дня …»."""
    return segment.opened and _opens_sentence(ctx, segment) \
        and len(_sentences_in(ctx, segment.inner_start, segment.inner_end)) > 1


def _whole_sentences(ctx: Context, segment: Segment) -> bool:
    """The marks end their sentence too: only a final period (or the paragraph's end) after
    the closing mark, so the marked words are not part of the narrator's sentence."""
    if not segment.closed:
        return True
    after = ctx.first_token_from(segment.end)
    return after >= len(ctx.tokens) or ctx.tokens[after].start >= ctx.region(segment.region)[1] \
        or ctx.word(after) in FINAL_PUNCT


def _sentence_cue(ctx: Context, first: int, stop: int) -> Attribution | None:
    """The cue of a sentence that reports someone's words: its opening "По словам Х," /
    "По его словам," (the speaker's words as in ``as_cue``), or a reporting speech verb
    outside marks ("напомнил об инциденте", "также добавил, что …")."""
    phrase = ctx.phrase_at(first, stop)
    if phrase is not None:
        noun, speaker = phrase
        if not len(speaker):
            comma = next((i for i in range(noun + 1, stop) if ctx.word(i) == ","), noun + 1)
            speaker = range(noun + 1, comma)
        return Attribution("after_cue_sentence", noun,
                           (ctx.tokens[first].start, ctx.tokens[noun].end), speaker_tokens=speaker)
    for index in range(first, stop):
        if ctx.quoted_at(ctx.tokens[index].start) is None and ctx.is_cue(index) \
                and ctx.is_reporting(index):
            token = ctx.tokens[index]
            return Attribution("after_cue_sentence", index, (token.start, token.end))
    return None


def after_cue_sentence(ctx: Context, segment: Segment) -> Attribution | None:
    """Х напомнил об инциденте. «A. B. C» — a statement of whole sentences right after a
    sentence in which Х speaks is Х's (the sentence's cue finds the speaker)."""
    if not holds_statement(ctx, segment) or not _whole_sentences(ctx, segment):
        return None
    mark = ctx.analysis.token_at(segment.start)
    sentence = ctx.sentence(mark)
    if sentence.first == 0 or ctx.word(mark - 1) not in (".", "!", "…"):
        return None     # after a colon or a dash the other finders decide
    before = ctx.sentence(sentence.first - 1)
    if before.region != sentence.region:
        return None
    return _sentence_cue(ctx, before.first, before.stop)


def nested_in_statement(ctx: Context, candidate: Candidate) -> bool:
    """A reported clause inside marked speech («… Они утверждают, что это была ошибка. …»)."""
    if candidate.kind == "direct":
        return False
    segment = ctx.quoted_at(candidate.start)
    return segment is not None and candidate.end <= segment.inner_end \
        and holds_statement(ctx, segment)
