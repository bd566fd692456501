"""Peak Python memory of the coreference ranker's tree walk over one batch of rows.

    python bench/ranker_walk_memory.py [--rows 6000]

The pronouns are scored ``pronouns.BATCH`` (200) at a time with up to ``MAX_CANDIDATES`` (30)
rows each, so a long article's batches hold 6,000 rows. The walk keeps a few (rows × trees)
arrays at a time; this prints tracemalloc's peak for the batch walked at once and in blocks
of ``ranker.WALK_ROWS`` rows, and checks the two give the same probabilities bit for bit.
The rows are random feature values (the walk's memory depends on their number only).
"""
from __future__ import annotations

import argparse
import tracemalloc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=6000)
    args = parser.parse_args()

    import numpy

    from svodka.extractors.coref import ranker

    model = ranker.load_model()
    if model is None:
        print("the ranker's weights are not installed")
        return 1
    random = numpy.random.default_rng(0)
    rows = random.integers(-3, 40, size=(args.rows, len(model.features))).astype(float)
    rows = rows.tolist()
    model.predict_proba(rows[:1])       # the walk's own arrays, built once
    blocks = ranker.WALK_ROWS
    scores = {}
    for name, size in (("at once", args.rows), (f"in blocks of {blocks}", blocks)):
        ranker.WALK_ROWS = size
        tracemalloc.start()
        scores[name] = model.predict_proba(rows)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{args.rows} rows, {len(model.roots)} trees, {name}: peak {peak / 1e6:.1f} MB")
    ranker.WALK_ROWS = blocks
    first, second = scores.values()
    print("bit-identical:", bool(numpy.array_equal(first, second)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
