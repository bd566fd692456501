"""Tone benchmark: `svodka tone` mentions per CPU-second, and what tone adds to extraction.

    nice -n 10 python bench/tone.py [--mentions 600] [--articles 30]

1. ``svodka tone``'s function (:func:`svodka.sentiment.tone_items`) over the first
   ``--mentions`` mentions of RuSentNE's train file: mentions per CPU-second of one process
   (the machine is shared, so CPU time, not wall time, is the honest measure of one core).
2. ``svodka.extract`` on the same ``--articles`` news articles with and without tone, in
   alternating rounds in one process, so both sides see the same machine: the ratio is the
   cost of tone. Without tone the pipeline runs exactly main's steps (tone is the last one).
   Also how many of those articles' mentions get a tone other than 0, with the shipped
   model's calibrated neutral scale and with scale 1.0 (before calibration).
3. ``--parts recurrent``: what the recurrent model of ``bench/tone_variants.py``'s gru rows
   would cost at run time, after the language pass, next to the shipped regression on the same
   mentions: mentions per CPU-second of the numpy forward pass (weights at PyTorch's random
   initialisation: the arithmetic does not depend on their values; needs torch).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# As `svodka` itself does (svodka/cli): one BLAS thread, or idle OpenBLAS threads spin and
# bill slovnet several times its CPU time on a busy machine. Set before numpy loads.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RUSENTNE = ROOT.parent / "shared" / "data" / "rusentne" / "train_data.csv"


def cpu(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def bench_tone_command(n: int) -> dict:
    from svodka.sentiment import tone_items
    from svodka.sentiment.data import read_rusentne

    items = read_rusentne(RUSENTNE)[:n]
    list(tone_items(items[:20]))                                # models and tone model loaded
    seconds = cpu(lambda: list(tone_items(items)))
    return {"mentions": len(items), "cpu_seconds": round(seconds, 2),
            "mentions_per_cpu_second": round(len(items) / seconds, 1)}


def _with_neutral_scale(scale: float, function):
    """Run ``function`` with the shipped model's neutral scale set to ``scale`` (the model
    before calibration when 1.0), then restore it."""
    from svodka.sentiment.model import load_model

    model = load_model()
    kept, model.neutral_scale = model.neutral_scale, scale
    try:
        return function()
    finally:
        model.neutral_scale = kept


def bench_extract(n: int, rounds: int) -> dict:
    import svodka
    from extract import NEWS, select_articles
    from svodka.sentiment.model import load_model

    texts = select_articles(NEWS, n)
    svodka.extract(texts[0])
    totals = {"without": 0.0, "with": 0.0}
    for _ in range(rounds):
        for side in ("without", "with"):
            with_tone = side == "with"
            totals[side] += cpu(lambda: [svodka.extract(t, with_tone=with_tone) for t in texts])
    mentions = [m for t in texts for e in svodka.extract(t).entities for m in e.mentions]
    uncalibrated = _with_neutral_scale(1.0, lambda: [
        m for t in texts for e in svodka.extract(t).entities for m in e.mentions])
    return {"articles": len(texts), "rounds": rounds, "mentions": len(mentions),
            "mentions_with_tone": sum(1 for m in mentions if m.tone),
            "neutral_scale": load_model().neutral_scale,
            "mentions_with_tone_at_scale_1": sum(1 for m in uncalibrated if m.tone),
            "cpu_seconds_without_tone": round(totals["without"], 2),
            "cpu_seconds_with_tone": round(totals["with"], 2),
            "ratio": round(totals["with"] / totals["without"], 3)}


def bench_recurrent(n: int) -> dict:
    import torch

    from svodka.sentiment import features
    from svodka.sentiment.data import analyze_items, read_rusentne
    from svodka.sentiment.model import load_model
    from svodka.sentiment.neural import mention_sequence, probabilities
    from svodka.sentiment.neural_train import Settings, ToneGRU, weights_of

    items = read_rusentne(RUSENTNE)[:n]
    batch = analyze_items(items)
    places = [(batch.analysis, o + i.start, o + i.end, i.kind)
              for i, o in zip(items, batch.offsets)]
    torch.manual_seed(0)
    weights = weights_of(ToneGRU(Settings()).eval())
    regression = load_model()
    recurrent_seconds = cpu(lambda: [probabilities(weights, mention_sequence(*p)) for p in places])
    regression_seconds = cpu(lambda: [regression.scores(features.mention_view(*p))
                                      for p in places])
    return {"mentions": len(items),
            "recurrent_mentions_per_cpu_second": round(len(items) / recurrent_seconds, 1),
            "regression_mentions_per_cpu_second": round(len(items) / regression_seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=600)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parts", default="tone,extract", help="tone,extract,recurrent")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "tone" in parts:
        print("svodka tone:", bench_tone_command(args.mentions), flush=True)
    if "extract" in parts:
        print("extract with/without tone:", bench_extract(args.articles, args.rounds),
              flush=True)
    if "recurrent" in parts:
        print("after the language pass:", bench_recurrent(args.mentions), flush=True)


if __name__ == "__main__":
    main()
