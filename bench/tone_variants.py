"""Tone model variants under `svodka eval tone`'s grouped 5-fold CV, next to its baseline.

    nice -n 10 python bench/tone_variants.py [--only lr,hgb] [--seeds 2] [--jobs 5]
                                             [--out out/eval/tone-variants.json]

Issue 14 asked whether a non-linear model, more navec context or type-dependent features lift
F1_PN past 0.50. Each variant here is scored on the same folds by sentence as `svodka eval
tone` (the model retrained fold by fold, RuSentNE train only), with the neutral scale left at
1.0, so the rows compare models, not calibrations; the character TF-IDF baseline is trained on
the same folds in the same run. `oracle-biases` is not a model: it picks the two class biases
on the scored folds themselves, an upper bound on what any decision rule over the shipped
model's probabilities could add.

The `encoder` rows (issue 14, third session) add slovnet's contextual token vectors: the CNN
encoder of natasha's syntax (or morph, or NER) model, the same one the language pass runs,
pooled over the mention, its syntactic head, 3 tokens either side, the sentence, and the
mention minus the sentence (`encoder_vectors`, `encoder_pools`).

The `gru` rows (issue 14, fourth session) train a small network end to end on the task:
frozen navec vectors and position/syntax/tone-word flags of every token of the mention's
sentence, a bidirectional GRU, attention pooled with the mention marked
(`svodka/sentiment/neural.py`, trained with PyTorch by `neural_train.py`; one thread).
`--seeds N` averages N networks per fold (different initialisations).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from svodka.eval.tone import (baseline_predictions, class_prf, f1_pn,  # noqa: E402
                              grouped_folds, macro_f1)
from svodka.sentiment import features as F  # noqa: E402
from svodka.sentiment.data import analyze_items, read_rusentne  # noqa: E402
from svodka.sentiment.model import CLASSES, DEFAULT_C, decide  # noqa: E402
from svodka.sentiment.neural import mention_sequence  # noqa: E402

RUSENTNE = ROOT / ".." / "shared" / "data" / "rusentne" / "train_data.csv"
FOLDS = 5
# Features that tell a mention's kind and tone words apart, the dense model's small inputs.
SMALL = (["in_quotes", "speaker", "lex:pos", "lex:neg"]
         + [f"lex:{sign}:{place}" for sign in ("pos", "neg")
            for place in ("head", "child", "path", "window", "sentence")]
         + [f"pos:{k}" for k in range(5)]
         + [f"type:{kind}" for kind in ("PER", "ORG", "LOC", "title", "nationality")])
# Features conjoined with "is it a job title or a name" (RuSentNE: 87 % of titles are neutral,
# 60 % of persons).
TYPE_CONJOINED = ("lex:", "head:", "path:", "child:", "l:", "r:", "rel:", "pos:", "in_quotes",
                  "speaker", "headrel:")


def _vector(analysis, index: int):
    word = analysis.tokens[index].text.lower()
    vector = F.navec().get(word)
    return vector if vector is not None else F.navec().get(analysis.lemma(index))


def _weighted_mean(analysis, indices: Sequence[int], weights: Sequence[float] | None = None):
    vectors, kept = [], []
    for k, index in enumerate(indices):
        vector = _vector(analysis, index)
        if vector is not None:
            vectors.append(vector)
            kept.append(1.0 if weights is None else weights[k])
    if not vectors:
        return np.zeros(300, dtype=np.float32)
    return np.average(vectors, axis=0, weights=kept).astype(np.float32)


def view_more_navec(analysis, start, end, kind=""):
    """The shipped view plus navec means of the head word, of the path to the root and of the
    sentence weighted by 1/distance to the mention."""
    view = F.mention_view(analysis, start, end, kind)
    if view is None:
        return None
    tokens = analysis.tokens
    mention = F._mention_tokens(analysis, start, end)
    root = F._root_of(analysis, mention)
    head = tokens[root].head
    sentence = analysis.sentences[tokens[mention[0]].sent]
    content = [i for i in range(sentence.first, sentence.stop)
               if i not in mention and tokens[i].pos in F._CONTENT_POS]
    distance = [mention[0] - i if i < mention[0] else i - mention[-1] for i in content]
    path = [i for i in F._path_to_root(analysis, root) if tokens[i].pos in F._CONTENT_POS]
    view.dense = np.concatenate([
        view.dense, _weighted_mean(analysis, [head] if head >= 0 else []),
        _weighted_mean(analysis, path),
        _weighted_mean(analysis, content, [1.0 / d for d in distance])])
    return view


def view_type_conjoined(analysis, start, end, kind=""):
    view = F.mention_view(analysis, start, end, kind)
    if view is None:
        return None
    group = "title" if kind in ("title", "nationality") else "name"
    for name, value in list(view.features.items()):
        if name.startswith(TYPE_CONJOINED):
            view.features[f"{group}|{name}"] = value
    return view


def view_no_sentence_bag(analysis, start, end, kind=""):
    """Without the sentence-wide bag of words, which every mention of a sentence shares."""
    view = F.mention_view(analysis, start, end, kind)
    if view is None:
        return None
    view.features = {name: value for name, value in view.features.items()
                     if not name.startswith("w:")}
    return view


def encoder_vectors(analysis, model: str = "syntax_parser", layers: Sequence[int] = (-1,)):
    """slovnet's contextual token vectors: the CNN encoder of one of natasha's taggers (navec +
    word shape, three convolution layers of width 3: each token sees 3 words either side),
    run over every sentence of ``analysis``; the chosen layers' outputs are concatenated into
    one row per token."""
    infer = getattr(analysis.models, model).infer
    words = ([t.text for t in analysis.tokens[s.first:s.stop]] for s in analysis.sentences)
    rows = []
    for batch in infer.encoder(words):
        x = infer.model.emb(batch.word_id, batch.shape_id)
        x = np.swapaxes(x, 2, 1)
        mask = np.expand_dims(batch.pad_mask, axis=1)
        outputs = []
        for layer in infer.model.encoder.layers:
            x = layer(x)
            x[mask.repeat(x.shape[1], axis=1)] = 0
            outputs.append(np.swapaxes(x, 2, 1))
        chosen = np.concatenate([outputs[k] for k in layers], axis=-1)
        for sentence, pad in zip(chosen, batch.pad_mask):
            rows.append(sentence[~pad])
    return np.concatenate(rows).astype(np.float32)


def mention_places(analysis, start, end, window: int = 3):
    """Token indices a mention's contextual pools read: its tokens, its syntactic head, the
    ``window`` tokens either side and its sentence."""
    tokens = analysis.tokens
    mention = F._mention_tokens(analysis, start, end)
    head = tokens[F._root_of(analysis, mention)].head
    sentence = analysis.sentences[tokens[mention[0]].sent]
    near = [i for i in range(max(sentence.first, mention[0] - window),
                             min(sentence.stop, mention[-1] + window + 1)) if i not in mention]
    return mention, head, near, range(sentence.first, sentence.stop)


def encoder_pools(vectors, places, parts=("span", "head", "window", "sentence", "difference")):
    mention, head, near, sentence = places
    span = vectors[mention.start:mention.stop].mean(axis=0)
    whole = vectors[sentence.start:sentence.stop].mean(axis=0)
    zero = np.zeros(vectors.shape[1], dtype=np.float32)
    pools = {"span": span, "head": vectors[head] if head >= 0 else zero,
             "window": vectors[near].mean(axis=0) if near else zero,
             "sentence": whole, "difference": span - whole,
             "max": vectors[sentence.start:sentence.stop].max(axis=0)}
    return np.concatenate([pools[p] for p in parts])


class EncoderView:
    """A shipped mention view with extra dense columns (MentionView has slots)."""
    __slots__ = ("features", "dense", "dense_extra")

    def __init__(self, view, extra):
        self.features, self.dense, self.dense_extra = view.features, view.dense, extra


def logistic_extra(c: float = DEFAULT_C, extra_scale: float = 1.0, sparse_part: bool = True):
    """The shipped regression plus the views' ``dense_extra`` columns, standardised on the
    training folds and multiplied by ``extra_scale``; ``sparse_part=False`` keeps only the
    navec means and the extra columns."""
    def fit(views, labels):
        from scipy import sparse
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        vectorizer = DictVectorizer()
        scaler = StandardScaler().fit(np.array([v.dense_extra for v in views]))

        def matrix(some, fitting=False):
            extra = scaler.transform(np.array([v.dense_extra for v in some])) * extra_scale
            dense = np.hstack([np.array([v.dense for v in some]), extra])
            if not sparse_part:
                return sparse.csr_matrix(dense)
            names = [v.features for v in some]
            words = vectorizer.fit_transform(names) if fitting else vectorizer.transform(names)
            return sparse.hstack([words, sparse.csr_matrix(dense)]).tocsr()

        regression = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
        regression.fit(matrix(views, True), np.asarray(labels))
        return lambda some: regression.predict_proba(matrix(some))
    return fit


def logistic(c: float = DEFAULT_C, dense_scale: float = 1.0):
    def fit(views, labels):
        from scipy import sparse
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()

        def matrix(some, fitting=False):
            names = [v.features for v in some]
            sparse_part = vectorizer.fit_transform(names) if fitting \
                else vectorizer.transform(names)
            dense = np.array([v.dense for v in some]) * dense_scale
            return sparse.hstack([sparse_part, sparse.csr_matrix(dense)]).tocsr()

        regression = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
        regression.fit(matrix(views, True), np.asarray(labels))
        return lambda some: regression.predict_proba(matrix(some))
    return fit


def _dense_model(model):
    """A classifier over navec means and the small features; its probabilities are divided by
    the class priors, as balanced class weights do for the regression."""
    def fit(views, labels):
        from sklearn.preprocessing import StandardScaler

        def matrix(some):
            return np.array([np.concatenate([[v.features.get(n, 0.0) for n in SMALL], v.dense])
                             for v in some])

        labels = np.asarray(labels)
        prior = np.array([np.mean(labels == c) for c in CLASSES])
        scaler = StandardScaler().fit(matrix(views))
        model.fit(scaler.transform(matrix(views)), labels)

        def predict(some):
            balanced = model.predict_proba(scaler.transform(matrix(some))) / prior
            return balanced / balanced.sum(axis=1, keepdims=True)
        return predict
    return fit


def gradient_boosting(views, labels):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return _dense_model(HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=250, max_leaf_nodes=15, l2_regularization=1.0,
        random_state=0))(views, labels)


def gradient_boosting_extra(views, labels):
    """HistGradientBoosting over the small features and the contextual pools (no navec)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=250, max_leaf_nodes=15,
                                           l2_regularization=1.0, random_state=0)

    def matrix(some):
        return np.array([np.concatenate([[v.features.get(n, 0.0) for n in SMALL],
                                         v.dense_extra]) for v in some])

    labels = np.asarray(labels)
    prior = np.array([np.mean(labels == c) for c in CLASSES])
    model.fit(matrix(views), labels)

    def predict(some):
        balanced = model.predict_proba(matrix(some)) / prior
        return balanced / balanced.sum(axis=1, keepdims=True)
    return predict


def perceptron(views, labels):
    from sklearn.neural_network import MLPClassifier

    return _dense_model(MLPClassifier((128,), alpha=3.0, max_iter=200, early_stopping=True,
                                      random_state=0))(views, labels)


def _train_recurrent(task):
    """One network on all folds but ``fold``: the test fold's probabilities (a worker of
    :func:`recurrent`'s pool; the sequences come from the forked parent)."""
    import torch

    from svodka.sentiment import neural_train

    torch.set_num_threads(1)
    fold, seed = task
    sequences, labels, fold_of, settings = _RECURRENT_INPUT
    train = [i for i, f in enumerate(fold_of) if f != fold]
    test = [i for i, f in enumerate(fold_of) if f == fold]
    began = time.process_time()
    model = neural_train.train([sequences[i] for i in train], [labels[i] for i in train],
                               neural_train.Settings(**settings, seed=seed))
    return (fold, neural_train.predict_proba(model, [sequences[i] for i in test]),
            time.process_time() - began)


_RECURRENT_INPUT: tuple = ()


def recurrent(seeds: int = 1, jobs: int = 1, **settings):
    """The recurrent model over sentence sequences, ``seeds`` networks averaged per fold;
    the (fold, seed) networks train in ``jobs`` processes of one thread each."""
    def out_of_fold_recurrent(sequences, labels, fold_of):
        import multiprocessing

        global _RECURRENT_INPUT
        _RECURRENT_INPUT = (sequences, labels, fold_of, settings)
        tasks = [(fold, seed) for fold in range(FOLDS) for seed in range(seeds)]
        if jobs > 1:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_train_recurrent, tasks, chunksize=1)
        else:
            results = [_train_recurrent(task) for task in tasks]
        probabilities = np.zeros((len(sequences), 3))
        for fold, predicted, _ in results:
            probabilities[[i for i, f in enumerate(fold_of) if f == fold]] += predicted / seeds
        cpu = [seconds for *_, seconds in results]
        print(f"  gru: {len(cpu)} networks, {np.mean(cpu):.0f} CPU-s each "
              f"(min {min(cpu):.0f}, max {max(cpu):.0f})", flush=True)
        return probabilities
    return out_of_fold_recurrent


def out_of_fold(views, labels, fold_of, fit: Callable) -> np.ndarray:
    probabilities = np.zeros((len(views), 3))
    for fold in range(FOLDS):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        test = [i for i, f in enumerate(fold_of) if f == fold]
        predict = fit([views[i] for i in train], [labels[i] for i in train])
        probabilities[test] = predict([views[i] for i in test])
    return probabilities


def oracle_biases(probabilities: np.ndarray, gold: Sequence[int]) -> list[int]:
    grid = np.arange(0.5, 2.01, 0.1)
    best = max(((f1_pn(gold, decide(probabilities * np.array([neg, 1.0, pos]), 1.0)), neg, pos)
                for neg in grid for pos in grid))
    return decide(probabilities * np.array([best[1], 1.0, best[2]]), 1.0)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the gru rows' workers)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def row(name: str, gold, predicted, seconds: float) -> dict:
    result = {"variant": name, "F1_PN": round(f1_pn(gold, predicted), 3),
              "macro F1": round(macro_f1(gold, predicted), 3),
              "positive F1": round(class_prf(gold, predicted, 1).f1, 3),
              "negative F1": round(class_prf(gold, predicted, -1).f1, 3),
              "non-zero share": round(sum(1 for p in predicted if p) / len(predicted), 3),
              "cpu s": round(seconds)}
    print("  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
    return result


def dataset_facts(items) -> dict:
    """What the data says about where tone can be read: neutral share per kind, and the
    sentences whose entities get different tones (shared words cannot decide there)."""
    from collections import defaultdict

    kinds: dict[str, list[int]] = defaultdict(list)
    sentences: dict[str, set[int]] = defaultdict(set)
    for item in items:
        kinds[item.kind].append(item.label)
        sentences[item.text].add(item.label)
    facts = {f"neutral share, {kind}": round(labels.count(0) / len(labels), 3)
             for kind, labels in sorted(kinds.items())}
    facts["sentences with a tone"] = sum(1 for tones in sentences.values() if tones != {0})
    facts["sentences with different tones"] = sum(1 for tones in sentences.values()
                                                  if len(tones) > 1)
    print(facts, flush=True)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=RUSENTNE)
    parser.add_argument("--only", default="", help="comma-separated variant names")
    parser.add_argument("--seeds", type=int, default=2,
                        help="networks averaged per fold in the gru rows")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes training the gru rows' networks (one thread each)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "eval" / "tone-variants.json")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(",")))

    items = read_rusentne(args.data.resolve())
    gold = [item.label for item in items]
    fold_of = grouped_folds([item.text for item in items], FOLDS)
    facts = dataset_facts(items)
    batch = analyze_items(items)

    def views_of(view_fn):
        return [view_fn(batch.analysis, o + i.start, o + i.end, i.kind)
                for i, o in zip(items, batch.offsets)]

    shipped = views_of(F.mention_view)
    assert all(view is not None for view in shipped), "every RuSentNE span covers a token"
    places = [mention_places(batch.analysis, o + i.start, o + i.end)
              for i, o in zip(items, batch.offsets)]
    encoded: dict[tuple, np.ndarray] = {}

    def with_encoder(model="syntax_parser", layers=(-1,), parts=("span", "head", "window",
                                                                  "sentence", "difference")):
        def views():
            key = (model, tuple(layers))
            if key not in encoded:
                encoded[key] = encoder_vectors(batch.analysis, model, layers)
            return [EncoderView(v, encoder_pools(encoded[key], p, parts))
                    for v, p in zip(shipped, places)]
        return views

    variants = {
        "lr (shipped features, C 0.02)": (shipped, logistic()),
        "lr + syntax encoder (span/head/window/sentence/diff), x1": (
            with_encoder(), logistic_extra()),
        "lr + syntax encoder, x0.3": (with_encoder(), logistic_extra(extra_scale=0.3)),
        "lr + syntax encoder, x3": (with_encoder(), logistic_extra(extra_scale=3.0)),
        "lr + morph encoder, x1": (with_encoder("morph_tagger"), logistic_extra()),
        "lr + ner encoder, x1": (with_encoder("ner_tagger"), logistic_extra()),
        "lr + syntax encoder layers 2+3, x1": (with_encoder(layers=(1, 2)), logistic_extra()),
        "lr + syntax+morph+ner encoders, x1": (
            lambda: [EncoderView(v, np.concatenate([a.dense_extra, b.dense_extra, c.dense_extra]))
                     for v, a, b, c in zip(shipped, with_encoder()(),
                                           with_encoder("morph_tagger")(),
                                           with_encoder("ner_tagger")())],
            logistic_extra()),
        "lr + syntax encoder, x0.1": (with_encoder(), logistic_extra(extra_scale=0.1)),
        "lr + syntax encoder span/head/window, x0.3": (
            with_encoder(parts=("span", "head", "window")), logistic_extra(extra_scale=0.3)),
        "lr + syntax encoder difference only, x0.3": (
            with_encoder(parts=("difference",)), logistic_extra(extra_scale=0.3)),
        "lr + syntax encoder layer 1 (256 dims), x0.3": (
            with_encoder(layers=(0,)), logistic_extra(extra_scale=0.3)),
        "lr + syntax encoder span/head/window/sentence max, x0.3": (
            with_encoder(parts=("span", "head", "window", "max")),
            logistic_extra(extra_scale=0.3)),
        "hgb (small features + syntax encoder pools)": (with_encoder(), gradient_boosting_extra),
        "lr over navec + syntax encoder only (no sparse)": (
            with_encoder(), logistic_extra(c=0.1, sparse_part=False)),
        "lr, no navec": (shipped, logistic(dense_scale=0.0)),
        "lr, navec x3": (shipped, logistic(dense_scale=3.0)),
        "lr, C 0.05": (shipped, logistic(c=0.05)),
        "lr, + navec head/path/1-over-distance": (lambda: views_of(view_more_navec),
                                                  logistic()),
        "lr, type-conjoined features": (lambda: views_of(view_type_conjoined), logistic()),
        "lr, no sentence bag of words": (lambda: views_of(view_no_sentence_bag), logistic()),
        "hgb (navec + small features)": (shipped, gradient_boosting),
        "gru (navec + flags, attention at the mention)": (
            lambda: [mention_sequence(batch.analysis, o + i.start, o + i.end, i.kind)
                     for i, o in zip(items, batch.offsets)], recurrent(args.seeds, args.jobs)),
        "mlp (navec + small features)": (shipped, perceptron),
    }
    rows, probabilities = [], {}
    began = cpu_seconds()
    rows.append(row("char-tfidf-lr baseline", gold,
                    baseline_predictions(items, fold_of, FOLDS), cpu_seconds() - began))
    for name, (views, fit) in variants.items():
        if wanted and not any(w in name for w in wanted):
            continue
        began = cpu_seconds()
        views = views() if callable(views) else views
        if fit.__name__ == "out_of_fold_recurrent":
            probabilities[name] = fit(views, gold, fold_of)
        else:
            probabilities[name] = out_of_fold(views, gold, fold_of, fit)
        rows.append(row(name, gold, decide(probabilities[name], 1.0),
                        cpu_seconds() - began))
    linear = "lr (shipped features, C 0.02)"
    for other in ("hgb (navec + small features)", "mlp (navec + small features)",
                  "hgb (small features + syntax encoder pools)",
                  "gru (navec + flags, attention at the mention)"):
        if linear not in probabilities or other not in probabilities:
            continue
        for share in (0.3, 0.5, 0.7):
            mixed = (1 - share) * probabilities[linear] + share * probabilities[other]
            rows.append(row(f"lr x {1 - share:g} + {other} x {share:g}", gold,
                            decide(mixed, 1.0), 0))
    if linear in probabilities:
        rows.append(row("oracle-biases over lr (not a model)", gold,
                        oracle_biases(probabilities[linear], gold), 0))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"data": str(args.data), "mentions": len(items),
                                    "folds": FOLDS, "facts": facts, "rows": rows},
                                   ensure_ascii=False, indent=1))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
