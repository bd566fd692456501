"""Dialogue turns: the paragraphs a dash opens (``svodka.layout.turns``) in a transcript or a
narrated talk.

- A turn with its own cue (``- Видимость какая? — спрашивает диспетчер.``) is a direct quote
  however short: a whole utterance, not a fragment (GUIDELINES K1, decision 6). A turn the cue
  splits (``- Бася! — вызывает он. — Выглядит не очень…``) gives one quote per part.
- A turn with no cue is a quote only inside a narrated talk that a colon cue opens
  (``Микрофоны в кабине регистрируют:`` ⏎ ``- Кто на связи?``): the uncued turns right after
  the colon, up to the first turn with a cue of its own, in an article where at least half the
  turns carry a cue of their own. An interview's turns carry none and are not quotes (decision 7,
  H6, K8), even when one of them is narrated (``— Этого хватит? — спросил журналист.``).

The speaker is the cue's; for the uncued turns it is the colon cue's (recorded voices: none).
"""
from __future__ import annotations

from functools import lru_cache

from svodka.data import load_list
from svodka.extractors.quotes.attribution import clause_end, dash_cue
from svodka.extractors.quotes.context import Candidate, Context, trim
from svodka.layout.turns import opens_turn, turn_runs

__all__ = ["cued_turns", "colon_led_turns"]

# The punctuation that ends a turn's speech before the dash of its cue; "?"/"!" stay in the quote.
_BEFORE_CUE = frozenset({",", "!", "?", "…", "...", "?!", "!?", "!!", "!!!"})
_KEPT = _BEFORE_CUE - {","}
_SENTENCE_ENDS = (".", "!", "?", "…")


@lru_cache(maxsize=1)
def _voice_words() -> frozenset[str]:
    """Lemmas that introduce heard or recorded speech with a colon ("регистрируют:", "звучит
    вопрос:", "Разговор командира с …:")."""
    return frozenset(load_list("quote_voice_cues.txt"))


def _region_tokens(ctx: Context, region: int) -> range:
    start, end = ctx.region(region)
    return ctx.analysis.tokens_between(start, end)


def _turn_parts(ctx: Context, region: int) -> list[tuple[int, int, int]]:
    """(start, end, cue token) of each part of a turn that a dash cue attributes."""
    tokens = _region_tokens(ctx, region)
    if len(tokens) < 3 or not ctx.is_dash(tokens.start):
        return []
    r_end = ctx.region(region)[1]
    parts = []
    speech = ctx.tokens[tokens.start].end
    index = tokens.start + 2
    while index < tokens.stop:
        if not ctx.is_dash(index) or ctx.word(index - 1) not in _BEFORE_CUE:
            index += 1
            continue
        cue = dash_cue(ctx, index, tokens.stop)
        if cue is None:
            index += 1
            continue
        before = ctx.tokens[index - 1]
        parts.append((*trim(ctx.text, speech, before.end if before.text in _KEPT
                            else before.start), cue))
        _, resume = clause_end(ctx, cue, r_end)
        if resume >= tokens.stop or not ctx.is_dash(resume - 1):
            return [part for part in parts if part[0] < part[1]]
        speech = ctx.tokens[resume - 1].end
        index = resume + 1
    # the part after the last cue's dash runs to the turn's end ("— Выглядит не очень … !")
    if parts:
        parts.append((*trim(ctx.text, speech, r_end), parts[-1][2]))
    return [part for part in parts if part[0] < part[1]]


def _candidate(ctx: Context, start: int, end: int, cue: int | None, rule: str) -> Candidate:
    token = ctx.tokens[cue] if cue is not None else None
    return Candidate(start, end, "direct", rule, cue=cue,
                     cue_span=(token.start, token.end) if token else None,
                     group=-1 - token.start if token else None)


def _turns(ctx: Context) -> list[int]:
    return [i for i, region in enumerate(ctx.analysis.regions)
            if i not in ctx.skipped_regions
            and opens_turn(ctx.text[region.start:region.end])]


def cued_turns(ctx: Context) -> list[Candidate]:
    """``- Плохая, — отвечает пилот.``: a turn's speech before (and after) its own cue."""
    return [_candidate(ctx, start, end, cue, "cued_turn")
            for region in _turns(ctx) for start, end, cue in _turn_parts(ctx, region)]


def _colon_cue(ctx: Context, region: int) -> int | None:
    """The cue of a paragraph that ends with a colon and introduces speech: a speech cue
    ("спросил:") or a word of heard speech ("регистрируют:", "Разговор … :") in its last
    sentence."""
    start, end = ctx.region(region)
    if region in ctx.skipped_regions or not ctx.text[start:end].rstrip().endswith(":"):
        return None
    tokens = _region_tokens(ctx, region)
    if not tokens:
        return None
    sentence = ctx.sentence(tokens.stop - 1)
    for index in range(max(sentence.first, tokens.start), tokens.stop):
        if ctx.is_any_cue(index) or ctx.lemma(index) in _voice_words():
            return index
    return None


def colon_led_turns(ctx: Context) -> list[Candidate]:
    """``Микрофоны в кабине регистрируют:`` ⏎ ``- Кто на связи?`` ⏎ ``- Борт сорок два.`` ⏎
    ``- Видимость какая? — спрашивает диспетчер.``: the uncued turns a colon cue opens, in an
    article whose turns mostly carry cues of their own."""
    regions = ctx.analysis.regions
    turns = _turns(ctx)
    cued = {region for region in turns if _turn_parts(ctx, region)}
    if len(cued) * 2 < len(turns):
        return []   # mostly uncued turns: an interview, not a narrated talk
    texts = [ctx.text[r.start:r.end] for r in regions]
    found = []
    for run in turn_runs(texts):
        cue = _colon_cue(ctx, run.start - 1) if run.start else None
        # an embedded post the layout took out between the colon and the turns: the colon
        # introduced the post
        if cue is None or ctx.text[regions[run.start - 1].end:regions[run.start].start].strip():
            continue
        for region in run:
            # a turn is an utterance that ends as a sentence does; a byline does not
            if region in cued or region in ctx.skipped_regions \
                    or not texts[region].rstrip().endswith(_SENTENCE_ENDS):
                break
            start, end = trim(ctx.text, *ctx.region(region))
            if start < end:
                found.append(_candidate(ctx, start, end, cue, "colon_led_turn"))
    return found
