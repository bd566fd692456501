"""Choose the ranker's thresholds per pronoun kind on RuCoCo articles the dev split and the
ranker's training both left out.

    python -m svodka.extractors.coref.tune_pronouns [--articles 300] [--skip 1200] [--write]

The articles are the training split (not in ``svodka/data/coref_dev.txt``) after the first
``--skip`` (the ranker trained on the first 1,200). Each article is extracted once; every open
pronoun's best antecedent and score (``pronouns.decide``) is kept, so each threshold setting
costs only the scoring (``svodka.eval.coref.score_coref``, as ``svodka eval coref`` scores).
Coordinate ascent over the kinds, twice: each kind's threshold is the one that gives the best
link F1 while link precision stays at least ``--min-precision``. ``--write`` puts the result in
``svodka/data/coref_pronoun_thresholds.tsv``. RuCoCo is CC BY-NC 4.0: read from ``../shared``,
nothing of it is written.
"""
from __future__ import annotations

import argparse
import json
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from svodka.analysis import Analysis
from svodka.extractors.coref.pronouns import (CONTESTED, CONTESTED_BY_PHRASE, KINDS, SETTINGS,
                                              Decision, accepted)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "rucoco" / "rucoco-train.zip"
THRESHOLDS_FILE = REPO / "svodka" / "data" / "coref_pronoun_thresholds.tsv"
THRESHOLDS = tuple(round(0.1 * step, 1) for step in range(1, 9))
# A phrase that is no entity outscoring the entity's by more than 0.1 always wins: wider
# margins scored 0.004 more link F1 here (0.4816 at 0.5 and 1.0, precision 0.920), and linked
# "— добавил он" past an unnamed speaker ("Один из раненых сообщил") and "По его словам" past
# "Американский президент" (tests/test_coref.py, test_coref_pronouns.py): a wrong link costs
# more than a missing one.
MARGINS = (0.0, 0.1)
OFF = (2.0, 0.0)
# never first: a setting must raise F1 to be taken over linking nothing
GRID = (OFF,) + tuple((t, m) for t in THRESHOLDS for m in MARGINS)


@dataclass(slots=True)
class Prepared:
    text: str
    gold: list
    chains: list[list[tuple[int, int]]]      # svodka's entities without ranker links
    entity_number: dict[str, int]            # entity id → index into chains
    spans: dict[int, tuple[int, int]]        # anaphor token → its span
    decisions: list[Decision]
    memo: dict = field(default_factory=dict)  # accepted links → their scores
    # every word the eval counts as a pronoun: (start, end, its kind in ``pronouns.KINDS``
    # or why it has none, the rule that linked it before the ranker or "")
    words: list[tuple[int, int, str, str]] = field(default_factory=list)


def prepare(document, models) -> Prepared:
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.coref.pronouns import decide
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    analysis = analyze(document.text, analyze_layout(document.text).regions(), models=models)
    entities, coreference = resolve_entities(analysis)
    ours = {(link_.mention.start, link_.mention.end) for link_ in coreference.links
            if link_.mention.kind == "pronoun" and link_.mention.rule
            and link_.mention.rule.startswith(("ranker", "reflexive", "pronoun:focus",
                                                     "pronoun:words-of"))}
    rules = [link_ for link_ in coreference.links
             if (link_.mention.start, link_.mention.end) not in ours]
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if (m.start, m.end) not in ours]
    quoted = quoted_spans(analysis)
    decisions = decide(analysis, entities, rules, quoted)
    return Prepared(document.text, document.chains,
                    [[(m.start, m.end) for m in e.mentions] for e in entities],
                    {e.id: n for n, e in enumerate(entities)},
                    {d.token: (analysis.tokens[d.token].start, analysis.tokens[d.token].end)
                     for d in decisions}, decisions,
                    words=pronoun_words(analysis, rules, quoted))


def pronoun_words(analysis: Analysis, rules, quoted) -> list[tuple[int, int, str, str]]:
    """Each word ``svodka eval coref`` counts as a pronoun, with its kind (or why the ranker
    never sees it) and the rule that linked it before the ranker, for ``losses``."""
    from svodka.eval.coref import PRONOUNS
    from svodka.extractors.coref.pronouns import pronoun_kind
    from svodka.extractors.coref.ranker import PRONOUN_FORMS

    rule_of = {link_.token: link_.mention.rule or "" for link_ in rules
               if link_.mention.kind == "pronoun"}
    words = []
    for index, token in enumerate(analysis.tokens):
        word = token.text.lower()
        if word not in PRONOUNS:
            continue
        kind = pronoun_kind(analysis, index, quoted)
        if kind is None:
            kind = ("not read as a pronoun: " + token.pos if word in PRONOUN_FORMS
                    else "not in the ranker's forms")
        words.append((token.start, token.end, kind, rule_of.get(index, "")))
    return words


def score(prepared: list[Prepared], limits: dict[str, tuple[float, float]]):
    from svodka.eval.coref import CorefScores, score_coref

    total = CorefScores.empty()
    for article in prepared:
        links = tuple((decision.token, entity.id)
                      for decision, entity in accepted(article.decisions, limits))
        found = article.memo.get(links)
        if found is None:     # most settings change no link of a given article
            chains = [list(chain) for chain in article.chains]
            for token, entity in links:
                chains[article.entity_number[entity]].append(article.spans[token])
            found = article.memo[links] = score_coref(article.text, article.gold, chains)
        total.add(found)
    return total


def tune(prepared: list[Prepared], min_precision: float, rounds: int = 2) -> dict:
    limits = {kind: OFF for kind in SETTINGS}
    for _ in range(rounds):
        for kind in SETTINGS:
            best = None
            for value in GRID:
                trial = dict(limits, **{kind: value})
                links = score(prepared, trial).links
                if links.precision < min_precision and value != OFF:
                    continue
                if best is None or links.f1 > best[0] + 1e-6:
                    best = (links.f1, value)
            limits[kind] = best[1]
            log.info("%s → %s (F1 %.4f)", kind, best[1], best[0])
    return limits


def losses(prepared: list[Prepared], limits: dict[str, tuple[float, float]]
           ) -> list[tuple[str, int, int, int]]:
    """Where the pronoun ↔ name pairs of named gold chains are lost: (class, gold pronouns,
    pairs lost, of those pronouns how many the ranker's best choice would have got right),
    most pairs lost first. A pronoun counts where its first matching svodka word falls."""
    from collections import Counter
    from svodka.eval.coref import is_named, match_mention, mention_kind, proper_words

    pronouns, lost, right = Counter(), Counter(), Counter()
    for article in prepared:
        text, gold = article.text, article.gold
        accepted_now = {d.token: e for d, e in accepted(article.decisions, limits)}
        chains = [list(chain) for chain in article.chains]
        for token, entity in accepted_now.items():
            chains[article.entity_number[entity.id]].append(article.spans[token])
        gold_mentions = sorted({tuple(s) for chain in gold for s in chain})
        entities_of: dict[tuple[int, int], set[int]] = {}
        for number, chain in enumerate(chains):
            for span in chain:
                hit = match_mention(span, gold_mentions)
                if hit:
                    entities_of.setdefault(hit, set()).add(number)
        proper = proper_words(text)
        by_span = {article.spans[d.token]: d for d in article.decisions}
        words = {(w[0], w[1]): w for w in article.words}

        def would_be_right(decision, names) -> bool:
            target = decision.entity if isinstance(decision.target, int) else decision.target
            if target is None:
                return False
            own = article.chains[article.entity_number[target.id]]
            hits = {match_mention(span, gold_mentions) for span in own}
            return bool(hits & names)

        for chain in gold:
            if not any(is_named(text, s) for s in chain):
                continue
            names = {tuple(s) for s in chain if mention_kind(text, tuple(s), proper) == "name"}
            for span in chain:
                span = tuple(span)
                if mention_kind(text, span, proper) != "pronoun" or not names:
                    continue
                mine = entities_of.get(span, set())
                found = sum(bool(entities_of.get(n, set()) & mine) for n in names)
                word = next((w for w in words.values() if match_mention((w[0], w[1]), [span])),
                            None)
                decision = by_span.get((word[0], word[1])) if word else None
                if mine:
                    if word and word[3]:
                        how = "rule " + word[3].split(":")[0] + ":" + word[3].split(":")[1] \
                            if ":" in word[3] else "rule " + word[3]
                    elif decision is not None:
                        how = "ranker " + decision.kind if decision.rule == "ranker" \
                            else decision.rule
                    else:
                        how = "other"
                    what = ("linked right" if found == len(names) else
                            "linked, some names apart" if found else "linked wrong") + ", " + how
                elif word is None:
                    what = "no pronoun word there"
                elif word[2] not in KINDS:
                    what = word[2]
                elif decision is None:
                    what = "no entity among its candidates: " + word[2]
                else:
                    least, margin = limits.get(decision.kind, (2.0, 0.0))
                    if isinstance(decision.target, int):
                        what = "its best is an open pronoun left unlinked"
                    elif decision.rule != "ranker":
                        what = decision.rule + ", subject is no entity"
                    elif least > 1.0:
                        what = "kind never linked: " + decision.kind
                    elif decision.score < least:
                        what = "under the threshold: " + decision.kind
                    elif decision.contested and decision.score < limits.get(CONTESTED, OFF)[0]:
                        what = "contested by a later subject"
                    elif decision.contested_by_phrase \
                            and decision.score < limits.get(CONTESTED_BY_PHRASE, OFF)[0]:
                        what = "contested by a later subject that is no entity"
                    elif decision.score < decision.rival - margin:
                        what = "a phrase that is no entity scores higher"
                    else:
                        what = "accepted, but no mention matches"
                    right[what] += bool(decision and would_be_right(decision, names))
                pronouns[what] += 1
                lost[what] += len(names) - found
    return sorted(((what, pronouns[what], lost[what], right[what]) for what in pronouns),
                  key=lambda row: -row[2])


def report(prepared: list[Prepared], limits: dict[str, tuple[float, float]]) -> dict:
    total = score(prepared, limits)
    return {"link": {"f1": round(total.links.f1, 4), "precision": round(total.links.precision, 4),
                     "recall": round(total.links.recall, 4)},
            "pronoun link recall": round(total.pronoun_links.value, 4),
            "mention recall": round(total.mentions.value, 4)}


def write(limits: dict[str, tuple[float, float]], path: Path, how: str) -> None:
    lines = ["# The ranker score a pronoun the rules left open needs to be linked, per kind, and",
             "# how far under the best phrase that is no entity it may stay",
             "# (svodka/extractors/coref/pronouns.py); 2.0 = never. Chosen by",
             f"# {how}", "# kind\tthreshold\tmargin"]
    lines += [f"{kind}\t{limits[kind][0]}\t{limits[kind][1]}" for kind in SETTINGS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    import os
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    from svodka.analysis import load_models
    from svodka.eval.coref import load_rucoco

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--skip", type=int, default=1200,
                        help="training articles the ranker was trained on (skipped)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--min-precision", type=float, default=0.92)
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the extracted articles here (outside the repository: they "
                             "hold RuCoCo's text) for the next run with the same articles")
    parser.add_argument("--losses", action="store_true",
                        help="print where pronoun links are lost at the installed thresholds")
    parser.add_argument("--write", action="store_true",
                        help=f"write the thresholds into {THRESHOLDS_FILE.name}")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    key = (str(arguments.data), arguments.skip, arguments.articles)
    cache = arguments.cache
    cached = pickle.loads(cache.read_bytes()) if cache and cache.exists() else None
    if cached and cached[0] == key:
        prepared = cached[1]
        for article in prepared:
            article.memo = {}
    else:
        models = load_models()
        documents = load_rucoco(arguments.data, "train", arguments.skip + arguments.articles)
        prepared = [prepare(d, models) for n, d in enumerate(documents) if n >= arguments.skip]
        if cache:
            cache.write_bytes(pickle.dumps((key, prepared)))
    if arguments.losses:
        from svodka.extractors.coref.pronouns import thresholds
        print("| where | gold pronouns | pairs to a name lost | ranker's best would be right |")
        print("|---|---|---|---|")
        for what, count, pairs, good in losses(prepared, thresholds()):
            print(f"| {what} | {count} | {pairs} | {good} |")
        return
    rules_only = report(prepared, {kind: OFF for kind in SETTINGS})
    limits = tune(prepared, arguments.min_precision)
    print(json.dumps({"articles": len(prepared), "rules only": rules_only,
                      "thresholds": limits, "tuned": report(prepared, limits)},
                     ensure_ascii=False, indent=2))
    if arguments.write:
        write(limits, THRESHOLDS_FILE,
              f"python -m svodka.extractors.coref.tune_pronouns --skip {arguments.skip} --articles "
              f"{arguments.articles} --min-precision {arguments.min_precision} --write")


if __name__ == "__main__":
    main()
