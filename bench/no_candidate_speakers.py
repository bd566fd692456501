"""The quotes of some gold batches whose gold speaker is no candidate at all: printed one by one
with svodka's choice, its candidates, the entities that hold the gold's name and the text
around, for classing by hand (issue 15, twelfth session).

    python bench/no_candidate_speakers.py fresh-2026-12j,fresh-2026-12d > /tmp/nocand.txt

Runs the pipeline as ``svodka train speakers`` does (rules only, no re-ranker) and matches
svodka's quotes to the gold's the way ``svodka eval quotes`` does; a quote counts when no
candidate (``speaker_ranker.quote_candidates``, nobody included) is the gold speaker. Read only
the batches you may read: every other batch is held out.
"""
from __future__ import annotations

import sys
from pathlib import Path

from svodka.analysis import load_models
from svodka.eval.quotes import load_quotes, same_speaker
from svodka.text import fold

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "quotes"


def _holders(entities, name: str | None) -> list:
    folded = fold(name or "")
    return [e for e in entities if folded and folded in {
        fold(e.name), *(fold(a) for a in e.aliases), *(fold(m.text) for m in e.mentions),
        *(fold(m.normal) for m in e.mentions)}]


def main() -> None:
    from svodka.extractors.quotes.train_speakers import matched_candidates

    batches = set(sys.argv[1].split(","))
    models = load_models()
    count = 0
    for document in load_quotes(GOLD):
        if document.batch not in batches:
            continue
        text, gold = document.text, document.quotes
        quotes, candidates, entities, pairs = matched_candidates(text, gold, models)
        by_id = {e.id: e for e in entities}
        for g, p in pairs:
            names = [c.entity.name if c.entity else None for c in candidates[p]]
            if any(same_speaker(gold[g].speaker, name) for name in names):
                continue
            count += 1
            quote = quotes[p]
            chosen = by_id[quote.speaker].name if quote.speaker in by_id else None
            low = min(quote.start, *(quote.cue_span or ()))
            high = max(quote.end, *(quote.cue_span or ()))
            print(f"#{count} {document.batch} {document.id} {gold[g].start}: gold "
                  f"{gold[g].speaker!r}, svodka {chosen!r} (phrase {quote.speaker_text!r})")
            print("  candidates:", [name for name in names if name])
            print("  entities holding the gold's name:",
                  [(e.name, e.type) for e in _holders(entities, gold[g].speaker)])
            print("  text:", text[max(0, low - 250):high + 120].replace("\n", " ¶ "))
    print("no-candidate quotes:", count)


if __name__ == "__main__":
    main()
