"""Small helpers over the dependency parse of the shared analysis."""
from __future__ import annotations

from svodka.extractors.quotes.context import Context


def subtree(ctx: Context, root: int) -> range:
    sentence = ctx.sentence(root)
    members = [root]
    for i in range(sentence.first, sentence.stop):
        j, steps = i, 0
        while j not in (-1, root) and steps < 40:
            j, steps = ctx.tokens[j].head, steps + 1
        if j == root:
            members.append(i)
    return range(min(members), max(members) + 1)

def head_of(ctx: Context, tokens: range) -> int:
    for i in tokens:
        if ctx.tokens[i].head not in tokens:
            return i
    return tokens.start

def children(ctx: Context, index: int, rels: tuple[str, ...]) -> list[int]:
    return [c for c in ctx.analysis.children(index) if ctx.tokens[c].rel.startswith(rels)]
