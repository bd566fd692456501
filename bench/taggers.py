"""svodka's drive of slovnet against slovnet's own: same answers? how much CPU?

    PYTHONPATH=. python bench/taggers.py [--n 100]

For the first ``--n`` news articles of ``../shared/data/news/russia_today_0`` (each one region,
segmented as the analysis does), runs the morphology tagger, the syntax parser and NER twice:
slovnet's ``map`` with slovnet's own layers, and svodka's ``_tag`` / ``recognize`` with the
drop-in layers (``svodka/analysis/layers.py``). Prints the articles whose tags, heads or
spans differ (there should be none) and the CPU seconds of each way.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()

    from record_hashes import NEWS, news_documents

    from svodka.analysis import Region, _ner_chunks, _segment, _shared_feats, _tag, load_models
    from svodka.analysis.layers import slovnet_layers
    from svodka.analysis.taggers import recognize

    models = load_models()
    cpu = {"slovnet tag+parse": 0.0, "svodka tag+parse": 0.0, "slovnet NER": 0.0,
           "svodka NER": 0.0}
    differ = 0
    for name, document in news_documents(NEWS, args.n):
        text = document.text
        tokens, sentences = _segment(text, [Region(0, len(text))])
        if not tokens:
            continue
        words = [[t.text for t in tokens[s.first:s.stop]] for s in sentences]
        chunks = [text[s:e] for s, e in _ner_chunks(text, sentences)]
        with slovnet_layers(models):
            started = time.process_time()
            tags = [(t.pos, _shared_feats(t.feats))
                    for markup in models.morph_tagger.map(words) for t in markup.tokens]
            heads = [(int(t.head_id), t.rel)
                     for markup in models.syntax_parser.map(words) for t in markup.tokens]
            cpu["slovnet tag+parse"] += time.process_time() - started
            started = time.process_time()
            spans = [[(s.start, s.stop, s.type) for s in markup.spans]
                     for markup in models.ner_tagger.map(chunks)]
            cpu["slovnet NER"] += time.process_time() - started
        started = time.process_time()
        _tag(models, tokens, sentences, True)
        cpu["svodka tag+parse"] += time.process_time() - started
        started = time.process_time()
        ours = [[(s.start, s.stop, s.type) for s in found]
                for found in recognize(models.ner_tagger, chunks)]
        cpu["svodka NER"] += time.process_time() - started
        our_heads = [(tokens[i].head - s.first + 1 if tokens[i].head >= 0 else 0, tokens[i].rel)
                     for s in sentences for i in range(s.first, s.stop)]
        if [(t.pos, t.feats) for t in tokens] != tags or our_heads != heads or ours != spans:
            differ += 1
            print(f"differs: {name}")
    print(f"{args.n} articles, {differ} differ; CPU-s: "
          + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items()))
    print(f"tag+parse {cpu['svodka tag+parse'] / cpu['slovnet tag+parse']:.2f}x, "
          f"NER {cpu['svodka NER'] / cpu['slovnet NER']:.2f}x of slovnet's own")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
