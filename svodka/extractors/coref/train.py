"""Train the antecedent ranker on RuCoCo and measure it on the dev articles.

    svodka train coref                    # or: python -m svodka.extractors.coref.train

Training reads the RuCoCo articles that are *not* in the dev split (``svodka/data/
coref_dev.txt``) from ``../shared`` and writes only the model; no text or span of RuCoCo
(CC BY-NC 4.0) goes into the repository. Examples are mention pairs, labelled 1 when both
lie in one gold chain, over

- ``--mentions own`` (the installed model): svodka's own mentions and phrases, as the resolver
  asks the ranker about them (``own_examples``): each pronoun with the phrases
  ``pronouns.decide`` scores, each description with the earlier mentions
  ``descriptions.link_anaphoric`` offers, every span aligned to a gold mention as ``svodka
  eval coref`` matches them (``aligner``); the tuning articles are left out;
- ``--mentions gold``: RuCoCo's gold mentions: every pronoun or description with each
  earlier mention in reach (the last ``WINDOW_SENTENCES`` sentences, and names anywhere
  before, at most ``MAX_CANDIDATES`` nearest). The dev report puts the ranker next to a rule
  in the same run: the nearest earlier mention that agrees in gender and number (for a
  description, the nearest with its head lemma first).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from svodka.analysis import Analysis
from svodka.extractors.coref.ranker import (
    DESCRIPTION, DESCRIPTION_FEATURES, FEATURES, MEANING_AXES, MODEL_FILE, NAME, PRONOUN,
    Meaning, MentionView, TreeEnsemble, nouns_of, pair_features, unit_vector, view,
)

log = logging.getLogger(__name__)

WINDOW_SENTENCES = 5
MAX_CANDIDATES = 40
# Training articles: all 2,625 scored the same as 1,200 on dev (pronouns 0.826, descriptions
# 0.759 with an earlier feature set), at twice the time.
DEFAULT_ARTICLES = 1200
# Trees no deeper than this: a call walks every tree this many steps. Unbounded trees (depth
# 19, 1,200 articles) scored dev pronouns 0.824 against 0.826 and took 2.2 times the CPU.
MAX_DEPTH = 8
# Training articles 1,201-1,500 in name order: where ``tune`` and ``tune_pronouns`` choose the
# thresholds; the ranker over svodka's own mentions trains on the others.
TUNING = range(1200, 1500)
REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "rucoco" / "rucoco-train.zip"
DEFAULT_MODEL = REPO / "svodka" / "data" / "models" / MODEL_FILE


@dataclass(slots=True)
class Examples:
    """Feature rows, labels, and which anaphor (group) and kind each row belongs to."""
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    rule_choice: list[bool] = field(default_factory=list)   # the rule's pick for its anaphor
    # what the semantic columns read, per row: the anaphor's head lemma, the candidate's nouns
    anaphor_lemmas: list[str] = field(default_factory=list)
    candidate_nouns: list[frozenset] = field(default_factory=list)
    anaphors: int = 0
    articles: int = 0

    def add_pair(self, row: list[float], label: int, kind: int, anaphor: MentionView,
                 nouns: frozenset, rule_choice: bool = False) -> None:
        self.rows.append(row)
        self.labels.append(label)
        self.groups.append(self.anaphors)
        self.kinds.append(kind)
        self.rule_choice.append(rule_choice)
        self.anaphor_lemmas.append(anaphor.lemma)
        self.candidate_nouns.append(nouns)

    def extend(self, other: "Examples") -> None:
        offset = self.anaphors
        self.rows += other.rows
        self.labels += other.labels
        self.groups += [g + offset for g in other.groups]
        self.kinds += other.kinds
        self.rule_choice += other.rule_choice
        self.anaphor_lemmas += other.anaphor_lemmas
        self.candidate_nouns += other.candidate_nouns
        self.anaphors += other.anaphors
        self.articles += other.articles


def candidates_in_reach(mentions: list[MentionView], index: int) -> list[int]:
    """Indices of earlier mentions an anaphor may refer to, in text order."""
    anaphor = mentions[index]
    reach = []
    for j in range(index - 1, -1, -1):
        c = mentions[j]
        if c.end > anaphor.start or c.head < 0:
            continue
        if anaphor.sent - c.sent <= WINDOW_SENTENCES or c.kind == 2:
            reach.append(j)
        if len(reach) >= MAX_CANDIDATES:
            break
    return reach[::-1]


def rule_pick(anaphor: MentionView, candidates: list[MentionView]) -> int | None:
    """The nearest candidate that agrees in gender and number (a description first looks
    for the nearest with its own head lemma)."""
    def agrees(c: MentionView) -> bool:
        return (not anaphor.gender or not c.gender or anaphor.gender == c.gender) and \
            (not anaphor.number or not c.number or anaphor.number == c.number)

    if anaphor.kind == DESCRIPTION:
        for index in range(len(candidates) - 1, -1, -1):
            if anaphor.lemma and anaphor.lemma in candidates[index].lemmas:
                return index
    for index in range(len(candidates) - 1, -1, -1):
        if agrees(candidates[index]):
            return index
    return None


def article_examples(text: str, chains: list[list[tuple[int, int]]], models) -> Examples:
    from svodka.analysis import analyze
    from svodka.layout import analyze_layout

    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    chains_of: dict[tuple[int, int], set[int]] = {}
    for number, chain in enumerate(chains):
        for span in chain:
            chains_of.setdefault(tuple(span), set()).add(number)
    spans = sorted(chains_of)
    mentions = [view(analysis, span) for span in spans]
    examples = Examples(articles=1)
    for index, anaphor in enumerate(mentions):
        if anaphor.kind not in (PRONOUN, DESCRIPTION) or anaphor.head < 0:
            continue
        reach = candidates_in_reach(mentions, index)
        if not reach:
            continue
        candidates = [mentions[j] for j in reach]
        rows = pair_features(analysis, anaphor, candidates)
        pick = rule_pick(anaphor, candidates)
        for position, (j, row) in enumerate(zip(reach, rows)):
            examples.add_pair(row, int(bool(chains_of[spans[j]] & chains_of[spans[index]])),
                              anaphor.kind, anaphor, nouns_of(analysis, mentions[j]),
                              position == pick)
        examples.anaphors += 1
    return examples


def own_examples(text: str, chains: list[list[tuple[int, int]]], models,
                 negatives: bool = True) -> Examples:
    """Pairs over svodka's own mentions, as the resolver asks the ranker about them: every
    pronoun (those the rules link too: more examples of the same kind) with the phrases
    ``pronouns.decide`` scores for it, and every
    description they leave open with the earlier mentions ``descriptions.link_anaphoric``
    offers (asked everywhere, not only of subjects). Each span is aligned to a gold mention
    (``aligner``); a pair is 1 when both lie in one gold chain, and only anaphors that match a
    gold mention make examples."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.coref.descriptions import link_anaphoric
    from svodka.extractors.coref.pronouns import scored_pools
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    entities, coreference = resolve_entities(analysis)
    rules = strip_ranker_links(entities, coreference.links)
    align = aligner(analysis, chains)
    examples = Examples(articles=1)

    def add(anaphor: tuple[int, int], kind: int, candidates: list[tuple[int, int]], rows):
        chains_of_anaphor = align(anaphor)
        if not rows or not chains_of_anaphor and not (negatives and kind == DESCRIPTION):
            return
        seen = view(analysis, anaphor)
        for candidate, row in zip(candidates, rows):
            examples.add_pair(row, int(bool(align(candidate) & chains_of_anaphor)), kind, seen,
                              nouns_of(analysis, view(analysis, candidate)))
        examples.anaphors += 1

    quoted = quoted_spans(analysis)
    no_pronouns = [link_ for link_ in rules if link_.mention.kind != "pronoun"]
    for index, _, pool, rows in scored_pools(analysis, entities, no_pronouns, quoted):
        token = analysis.tokens[index]
        add((token.start, token.end), PRONOUN, [(c.start, c.end) for c in pool], rows)

    def record(analysis_, anaphor, candidates):
        views = [view(analysis_, span) for span in candidates]
        add(anaphor, DESCRIPTION, candidates, pair_features(analysis_, view(analysis_, anaphor),
                                                             views))
        return None       # link nothing: every later description is asked too

    def record_batch(analysis_, asked):
        for anaphor, candidates in asked:
            record(analysis_, anaphor, candidates)
        return None

    for entity in entities:
        entity.mentions = [m for m in entity.mentions
                           if not (m.rule or "").startswith(("description:head", "ranker"))]
    link_anaphoric(analysis, entities, [], set(), scorer=record, everywhere=True,
                   noun_threshold=0.0, batch_scorer=record_batch)
    return examples


def strip_ranker_links(entities, links) -> list:
    """The resolver's links without those the ranker (or the reflexive rule after it) made
    for pronouns, which are also taken out of the entities' mentions: what ``decide`` sees
    when it runs."""
    ranked = {(link_.mention.start, link_.mention.end) for link_ in links
              if link_.mention.kind == "pronoun" and link_.mention.rule
              and link_.mention.rule.startswith(("ranker", "reflexive"))}
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if (m.start, m.end) not in ranked]
    return [link_ for link_ in links if (link_.mention.start, link_.mention.end) not in ranked]


def aligner(analysis: Analysis, chains: list[list[tuple[int, int]]]):
    """span → the gold chains of the gold mention it matches: the one it overlaps most, by at
    least half of the longer span (``svodka eval coref``'s ``match_mention``), else the one
    whose syntactic head is the span's, else for a name the shortest gold mention holding it
    ("Антон Силуанов" in "министр финансов России Антон Силуанов": the same person; a name
    inside another's phrase, "России", is a gold mention of its own and matched first)."""
    from svodka.eval.coref import match_mention

    chains_of: dict[tuple[int, int], set[int]] = {}
    for number, chain in enumerate(chains):
        for span in chain:
            chains_of.setdefault(tuple(span), set()).add(number)
    gold = sorted(chains_of)
    by_head: dict[int, tuple[int, int]] = {}
    for span in gold:
        head = view(analysis, span).head
        if head >= 0:
            by_head.setdefault(head, span)
    found: dict[tuple[int, int], frozenset] = {}

    def align(span: tuple[int, int]) -> frozenset:
        known = found.get(span)
        if known is None:
            hit = match_mention(span, gold)
            seen = view(analysis, span) if hit is None else None
            if hit is None:
                hit = by_head.get(seen.head)
            if hit is None and seen.kind == NAME:
                hit = min((g for g in gold if g[0] <= span[0] and span[1] <= g[1]),
                          key=lambda g: g[1] - g[0], default=None)
            known = found[span] = frozenset(chains_of[hit]) if hit else frozenset()
        return known

    return align


def collect(documents: Iterable, models, mentions: str = "gold") -> Examples:
    """Examples of the ``documents`` over ``gold`` mentions or svodka's ``own``."""
    build = own_examples if mentions == "own" else article_examples
    examples = Examples()
    started = time.perf_counter()
    for document in documents:
        examples.extend(build(document.text, document.chains, models))
        if examples.articles % 100 == 0:
            log.info("%d articles, %d rows, %.0f s", examples.articles, len(examples.rows),
                     time.perf_counter() - started)
    return examples


@dataclass(slots=True)
class RankerReport:
    """Accuracy of the top candidate, over anaphors with their antecedent in reach."""
    kind: str
    anaphors: int
    ranker: float
    rule: float

    def to_dict(self) -> dict:
        return {"kind": self.kind, "anaphors": self.anaphors, "ranker": round(self.ranker, 4),
                "rule": round(self.rule, 4)}


def accuracy(examples: Examples, scores) -> list[RankerReport]:
    """Per anaphor kind: how often the best-scored candidate, and the rule's pick, are in the
    anaphor's gold chain (anaphors whose chain has no candidate in reach are left out)."""
    best: dict[int, tuple[float, int]] = {}
    has_antecedent: set[int] = set()
    rule_right: set[int] = set()
    kind_of: dict[int, int] = {}
    for row, (group, label, kind, picked) in enumerate(zip(
            examples.groups, examples.labels, examples.kinds, examples.rule_choice)):
        kind_of[group] = kind
        if label:
            has_antecedent.add(group)
            if picked:
                rule_right.add(group)
        if group not in best or scores[row] > best[group][0]:
            best[group] = (scores[row], label)
    reports = []
    for name, kinds in (("pronoun", {PRONOUN}), ("description", {DESCRIPTION}),
                        ("both", {PRONOUN, DESCRIPTION})):
        groups = [g for g in has_antecedent if kind_of[g] in kinds]
        if not groups:
            continue
        reports.append(RankerReport(
            name, len(groups), sum(best[g][1] for g in groups) / len(groups),
            sum(g in rule_right for g in groups) / len(groups)))
    return reports


def training_documents(data: Path, articles: int | None, mentions: str = "gold",
                       skip: int = 0):
    """The first ``articles`` training articles in name order after the first ``skip``;
    over svodka's own mentions the tuning articles (``TUNING``, where the thresholds are
    chosen) are left out (and not counted)."""
    from svodka.eval.coref import load_rucoco

    count = 0
    for position, document in enumerate(load_rucoco(data, "train")):
        if mentions == "own" and position in TUNING:
            continue
        count += 1
        if count <= skip:
            continue
        if articles is not None and count > skip + articles:
            return
        yield document


def meaning_of(examples: Examples, vectors) -> Meaning:
    """The semantic columns' data from the training examples: for each candidate type
    (person, organization, place) the mean unit vector of the head nouns of the descriptions
    whose gold chain holds a candidate of that type, each anaphor counted once; and the first
    ``MEANING_AXES`` principal axes of the descriptions' head nouns (each lemma once)."""
    import numpy

    typed: dict[int, dict[int, str]] = {1: {}, 2: {}, 3: {}}
    lemmas = set()
    for row, label, group, kind, lemma in zip(examples.rows, examples.labels, examples.groups,
                                              examples.kinds, examples.anaphor_lemmas):
        if kind != DESCRIPTION:
            continue
        lemmas.add(lemma)
        ner = int(row[FEATURES.index("candidate NER type")])
        if label and ner in typed:
            typed[ner][group] = lemma
    prototypes = []
    for ner in (1, 2, 3):
        found = [v for v in (unit_vector(vectors, w) for w in typed[ner].values())
                 if v is not None]
        mean = numpy.mean(found, axis=0) if found else numpy.zeros(300)
        prototypes.append(mean / (numpy.linalg.norm(mean) or 1.0))
    known = [v for v in (unit_vector(vectors, w) for w in sorted(lemmas)) if v is not None]
    if len(known) > MEANING_AXES:
        known = numpy.stack(known)
        center = known.mean(axis=0)
        axes = numpy.linalg.svd(known - center, full_matrices=False)[2][:MEANING_AXES].T
    else:       # too few descriptions to tell axes (a tiny corpus): the columns stay 0
        center, axes = numpy.zeros(300), numpy.zeros((300, MEANING_AXES))
    return Meaning(numpy.asarray(prototypes, dtype=numpy.float32),
                   center.astype(numpy.float32), axes.astype(numpy.float32))


def semantic_rows(examples: Examples, meaning: Meaning, vectors) -> list[list[float]]:
    """The examples' rows with the semantic columns (``Meaning.columns``) after them."""
    ner_column = FEATURES.index("candidate NER type")
    rows: list[list[float]] = []
    start = 0
    total = len(examples.rows)
    while start < total:
        stop = start
        while stop < total and examples.groups[stop] == examples.groups[start]:
            stop += 1
        extra = meaning.columns(vectors, examples.anaphor_lemmas[start], [
            (int(examples.rows[i][ner_column]), examples.candidate_nouns[i])
            for i in range(start, stop)])
        rows += [examples.rows[i][:len(FEATURES)] + more
                 for i, more in zip(range(start, stop), extra)]
        start = stop
    return rows


def fit(examples: Examples, seed: int = 0, meaning: Meaning | None = None,
        vectors=None) -> TreeEnsemble:
    """scikit-learn's HistGradientBoostingClassifier, exported to plain arrays; with a
    ``meaning`` over ``DESCRIPTION_FEATURES`` (the semantic columns read from ``vectors``)."""
    import numpy
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.1, max_leaf_nodes=31,
                                           max_depth=MAX_DEPTH, l2_regularization=1.0,
                                           random_state=seed)
    rows = examples.rows if meaning is None else semantic_rows(examples, meaning, vectors)
    model.fit(numpy.asarray(rows, dtype=float), numpy.asarray(examples.labels))
    if meaning is None:
        return export(model)
    exported = export(model, DESCRIPTION_FEATURES)
    exported.meaning = meaning
    return exported


def scores_of(model: TreeEnsemble, examples: Examples, vectors=None):
    """The model's probabilities for the examples' rows (with the semantic columns when the
    model reads them)."""
    if model.meaning is not None and len(model.features) > len(FEATURES):
        rows = semantic_rows(examples, model.meaning, vectors)
    else:
        rows = [row[:len(model.features)] for row in examples.rows]
    return model.predict_proba(rows)


def export(model, features: tuple[str, ...] = FEATURES) -> TreeEnsemble:
    """The fitted trees as flat arrays (no missing values occur in the features, so the
    trees' missing-value branches are not kept); ``features`` names the columns."""
    import numpy

    # scikit-learn 1.9.1 keeps the trees in private attributes; the version is pinned.
    nodes = [tree[0].nodes for tree in model._predictors]   # one tree per iteration (binary)
    offsets = numpy.cumsum([0] + [len(n) for n in nodes[:-1]])
    flat = numpy.concatenate(nodes)
    shift = numpy.repeat(offsets, [len(n) for n in nodes])
    leaf = flat["is_leaf"].astype(bool)
    itself = numpy.arange(len(flat))
    return TreeEnsemble(
        feature=numpy.where(leaf, 0, flat["feature_idx"]).astype(numpy.int16),
        threshold=numpy.where(leaf, numpy.inf, flat["num_threshold"]).astype(float),
        left=numpy.where(leaf, itself, flat["left"] + shift).astype(numpy.int32),
        right=numpy.where(leaf, itself, flat["right"] + shift).astype(numpy.int32),
        value=numpy.where(leaf, flat["value"], 0.0).astype(float),
        roots=offsets.astype(numpy.int32),
        baseline=float(numpy.ravel(model._baseline_prediction)[0]),
        depth=int(flat["depth"].max()), features=features)


def save(model: TreeEnsemble, path: Path) -> None:
    import numpy

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        numpy.savez_compressed(stream, **model.arrays())


def load(path: Path) -> TreeEnsemble:
    import numpy

    with numpy.load(path, allow_pickle=False) as arrays:
        return TreeEnsemble.from_arrays(arrays)


def train(data: Path = DEFAULT_DATA, articles: int | None = DEFAULT_ARTICLES,
          dev_articles: int | None = None, out: Path | None = DEFAULT_MODEL,
          cache: Path | None = None, mentions: str = "gold", semantic: bool = False,
          skip: int = 0, more_caches: tuple[Path, ...] = ()) -> dict:
    """Train on ``articles`` training articles, report on the dev articles, save to ``out``.

    ``mentions``: pairs over RuCoCo's ``gold`` mentions, or over svodka's ``own`` mentions
    and phrases as the resolver asks about them (``own_examples``); the dev report then puts
    the model installed at ``out`` beside the new one, on the same pairs.
    ``cache`` keeps the feature rows (outside the repository: they derive from RuCoCo) so a
    second run with the same articles skips the language pass; ``more_caches`` (caches of
    other training articles, ``skip``) are added to the training rows. ``semantic``: the
    descriptions' model, over ``DESCRIPTION_FEATURES``."""
    import pickle

    from svodka.analysis import load_models
    from svodka.eval.coref import load_rucoco

    started = time.perf_counter()
    key = (str(data), articles, dev_articles, FEATURES, mentions, skip)
    cached = pickle.loads(cache.read_bytes()) if cache and cache.exists() else None
    if cached and cached[0] == key:
        training, dev = Examples(**cached[1]), Examples(**cached[2])
    else:
        models = load_models()
        training = collect(training_documents(data, articles, mentions, skip), models,
                           mentions)
        dev = collect(load_rucoco(data, "dev", dev_articles), models, mentions)
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            fields = Examples.__slots__
            cache.write_bytes(pickle.dumps((key, {f: getattr(training, f) for f in fields},
                                            {f: getattr(dev, f) for f in fields})))
    for more in more_caches:
        training.extend(Examples(**pickle.loads(more.read_bytes())[1]))
    prepared = time.perf_counter() - started
    vectors = load_models().embedding
    meaning = meaning_of(training, vectors) if semantic else None
    model = fit(training, meaning=meaning, vectors=vectors)
    trained = time.perf_counter() - started - prepared
    reports = accuracy(dev, scores_of(model, dev, vectors)) if dev.rows else []
    installed = None
    if mentions == "own" and out is not None and out.exists() and dev.rows:
        old = load(out)
        installed = [r.to_dict() for r in accuracy(dev, scores_of(old, dev, vectors))]
    if out is not None:
        save(model, out)
    return {"mentions": mentions,
        "train articles": training.articles, "train pairs": len(training.rows),
        "dev articles": dev.articles, "dev pairs": len(dev.rows),
        "seconds (analysis)": round(prepared, 1), "seconds (fit)": round(trained, 1),
        "accuracy": [r.to_dict() for r in reports], "model": str(out) if out else None,
        "installed model before, same pairs": installed,
    }


def evaluate(data: Path = DEFAULT_DATA, model_path: Path = DEFAULT_MODEL,
             dev_articles: int | None = None, mentions: str = "gold") -> dict:
    """The installed (or given) model on the dev articles, next to the rule."""
    from svodka.analysis import load_models
    from svodka.eval.coref import load_rucoco

    model = load(model_path)
    dev = collect(load_rucoco(data, "dev", dev_articles), load_models(), mentions)
    scores = scores_of(model, dev, load_models().embedding)
    return {"mentions": mentions, "dev articles": dev.articles, "dev pairs": len(dev.rows),
            "model": str(model_path),
            "accuracy": [r.to_dict() for r in accuracy(dev, scores)]}


def main() -> None:
    import os
    # One thread: the machine is shared, and OpenMP's spinning threads only slow a small fit.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=None,
                        help="training articles (default: all outside the dev split, and "
                             "outside the tuning articles with --mentions own)")
    parser.add_argument("--dev-articles", type=int, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the feature rows here (outside the repository)")
    parser.add_argument("--mentions", choices=("gold", "own"), default="own",
                        help="pairs over RuCoCo's gold mentions or svodka's own")
    parser.add_argument("--semantic", action="store_true",
                        help="the descriptions' model: add the head noun's meaning "
                             "(navec) to the features")
    parser.add_argument("--skip", type=int, default=0,
                        help="start after this many training articles")
    parser.add_argument("--more-cache", type=Path, action="append", default=[],
                        help="add the training rows of this cache (other articles)")
    parser.add_argument("--evaluate-only", action="store_true",
                        help="report the model at --out on the dev articles; train nothing")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if arguments.evaluate_only:
        report = evaluate(arguments.data, arguments.out, arguments.dev_articles,
                          arguments.mentions)
    else:
        report = train(arguments.data, arguments.articles, arguments.dev_articles,
                       arguments.out, arguments.cache, arguments.mentions, arguments.semantic,
                       arguments.skip, tuple(arguments.more_cache))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
