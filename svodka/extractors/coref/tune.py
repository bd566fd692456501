"""Choose the ranker's threshold for descriptions on RuCoCo articles that neither trained
the ranker nor are the dev set: the training articles after the first
``train.DEFAULT_ARTICLES`` (1,200) in name order.

    python -m svodka.extractors.coref.tune [RUCOCO.zip] [--articles 200]

svodka runs once per article with every ranker link kept (threshold 0); each threshold is then
scored by dropping the ranker's mentions below it, and the table (link P/R/F1, description
link recall, the ranker's mentions kept) is printed. RuCoCo is CC BY-NC 4.0 and read from
``../shared``; nothing of it is written.
"""
from __future__ import annotations

import argparse
from itertools import islice
from pathlib import Path

from collections import Counter

from svodka.eval.coref import (CorefScores, adjacent_phrases, load_rucoco, match_mention,
                               score_coref)
from svodka.extractors.coref import descriptions
from svodka.extractors.coref.train import DEFAULT_ARTICLES
from svodka.text import fold_word

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def tuning_articles(path: Path, count: int):
    """The ``count`` training articles after those the ranker was trained on."""
    return islice(load_rucoco(path, "train"), DEFAULT_ARTICLES, DEFAULT_ARTICLES + count)


def ranker_score(rule: str | None) -> float | None:
    return float(rule.split(":")[1]) if rule and rule.startswith("ranker:") else None


def description_score(mention) -> tuple[float, bool] | None:
    """(score, a plain noun in no list) of a description the ranker linked; None for any
    other mention (a pronoun's ranker link keeps its own thresholds, ``tune_pronouns``)."""
    score = ranker_score(mention.rule)
    if score is None or mention.kind == "pronoun":
        return None
    return score, mention.rule.endswith(":noun")


def scores_at(runs, listed: float, nouns: float) -> tuple[CorefScores, int, int]:
    """The scores with the descriptions the ranker linked under the thresholds dropped, and
    how many listed descriptions and plain nouns it linked."""
    total, kept = CorefScores.empty(), [0, 0]
    for doc, article in runs:
        chains = []
        for entity in article.entities:
            spans = []
            for mention in entity.mentions:
                found = description_score(mention)
                if found is not None:
                    score, noun = found
                    if score < (nouns if noun else listed):
                        continue
                    kept[noun] += 1
                spans.append((mention.start, mention.end))
            chains.append(spans)
        total.add(score_coref(doc.text, doc.chains, chains))
    return total, kept[0], kept[1]


def main(argv: list[str] | None = None) -> None:
    from svodka.analysis.models import load_models
    from svodka.pipeline import extract

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/rucoco/rucoco-train.zip")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--everywhere", action="store_true",
                        help="ask the ranker about every description the rules leave open, "
                             "not only subjects and descriptions after a demonstrative")
    parser.add_argument("--model", type=Path, default=None,
                        help="the descriptions' ranker to tune (default: the installed one)")
    parser.add_argument("--grid", default=None,
                        help="pairs LISTED:NOUNS of thresholds, comma-separated, each run "
                             "through the resolver again on the same analyses (what a "
                             "threshold changes downstream, pronouns linked to a "
                             "description, is then counted), e.g. 0.8:1.01,0.8:0.6")
    parser.add_argument("--with-installed", action="store_true",
                        help="with --model and --grid: first a row of the installed model at "
                             "the installed thresholds, on the same analyses")
    args = parser.parse_args(argv)
    models = load_models()
    installed = descriptions.description_model
    if args.model is not None:
        from svodka.extractors.coref.train import load
        candidate = load(args.model)
        descriptions.description_model = lambda: candidate
    chosen, where = descriptions.RANKER_THRESHOLD, descriptions.RANKER_EVERYWHERE
    nouns = descriptions.NOUN_THRESHOLD
    descriptions.RANKER_THRESHOLD = descriptions.NOUN_THRESHOLD = 0.0
    descriptions.RANKER_EVERYWHERE = args.everywhere or where
    try:
        if args.grid:
            grid = [tuple(float(t) for t in pair.split(":")) for pair in args.grid.split(",")]
            if args.with_installed:
                grid.insert(0, (chosen, nouns, installed))
            return print_grid(Path(args.path), args.articles, models, grid)
        runs = [(doc, extract(doc.text, models=models))
                for doc in tuning_articles(Path(args.path), args.articles)]
    finally:
        descriptions.RANKER_THRESHOLD, descriptions.RANKER_EVERYWHERE = chosen, where
        descriptions.NOUN_THRESHOLD = nouns
    print_rules(runs)
    print_missed(runs, models.morph)
    print(f"{len(runs)} articles (training articles {DEFAULT_ARTICLES + 1}–"
          f"{DEFAULT_ARTICLES + len(runs)} in name order); installed thresholds: listed "
          f"descriptions {chosen}, plain nouns {nouns}; ranker asked "
          f"{'everywhere' if where or args.everywhere else 'of subjects'}")
    for title, grid in (("listed descriptions' threshold (plain nouns at the installed one)",
                         [(t, nouns) for t in THRESHOLDS]),
                        ("plain nouns' threshold (listed descriptions at the installed one)",
                         [(chosen, t) for t in THRESHOLDS])):
        print(title)
        print("threshold  link P  link R  link F1  description R  listed linked  nouns linked")
        for listed, noun in grid:
            total, kept_listed, kept_nouns = scores_at(runs, listed, noun)
            links = total.links
            varied = listed if noun == nouns and title.startswith("listed") else noun
            print(f"{varied:9.2f}  {links.precision:6.3f}  {links.recall:6.3f}  "
                  f"{links.f1:7.3f}  {total.description_links.value:13.3f}  "
                  f"{kept_listed:13d}  {kept_nouns:12d}")


def print_grid(path: Path, count: int, models, grid: list[tuple[float, float]]) -> None:
    """Each (listed, nouns) pair of thresholds, installed and run through the extraction
    again over analyses made once; the per-rule table of each run."""
    from svodka import pipeline

    documents = list(tuning_articles(path, count))
    made = {}
    analyze = pipeline.analyze

    def analyze_once(text, regions, models=None):
        if text not in made:
            made[text] = analyze(text, regions, models=models)
        return made[text]

    pipeline.analyze = analyze_once
    rows = []
    try:
        chosen_model = descriptions.description_model
        for listed, nouns, *model in grid:
            descriptions.RANKER_THRESHOLD, descriptions.NOUN_THRESHOLD = listed, nouns
            descriptions.description_model = model[0] if model else chosen_model
            runs = [(doc, pipeline.extract(doc.text, models=models, with_tone=False))
                    for doc in documents]
            print(f"{'installed model, ' if model else ''}listed {listed}, nouns {nouns}:")
            print_rules(runs)
            total, kept_listed, kept_nouns = scores_at(runs, 0.0, 0.0)
            rows.append(("installed" if model else "model", listed, nouns, total, kept_listed,
                         kept_nouns))
        descriptions.description_model = chosen_model
    finally:
        pipeline.analyze = analyze
    print(f"{len(documents)} articles (training articles {DEFAULT_ARTICLES + 1}–"
          f"{DEFAULT_ARTICLES + len(documents)} in name order), each pair extracted")
    print("model      listed  nouns  link P  link R  link F1  description R  pronoun R  "
          "listed linked  nouns linked")
    for label, listed, nouns, total, kept_listed, kept_nouns in rows:
        links = total.links
        print(f"{label:9s}  {listed:6.2f}  {nouns:5.2f}  {links.precision:6.3f}  {links.recall:6.3f}  "
              f"{links.f1:7.3f}  {total.description_links.value:13.3f}  "
              f"{total.pronoun_links.value:9.3f}  {kept_listed:13d}  {kept_nouns:12d}")


def print_missed(runs, morph, top: int = 25) -> None:
    """The gold mentions of named chains that no svodka mention matches, by kind (as ``svodka
    eval coref`` tells them), with the gold pairs to a name of their chain each loses, and the
    commonest first nouns (or pronouns) of the missed descriptions and pronouns."""
    from svodka.eval.coref import _WORD, is_named, mention_kind, proper_words

    kinds, pairs, words = Counter(), Counter(), Counter()
    total = 0
    for doc, article in runs:
        gold = sorted({tuple(span) for chain in doc.chains for span in chain})
        matched = {match_mention(span, gold) for _, span in entity_phrases(doc.text, article)}
        proper = proper_words(doc.text)
        for chain in doc.chains:
            if not any(is_named(doc.text, span) for span in chain):
                continue
            spans = [tuple(span) for span in chain]
            names = sum(mention_kind(doc.text, span, proper) == "name" for span in spans)
            for span in spans:
                total += 1
                if span in matched:
                    continue
                kind = mention_kind(doc.text, span, proper)
                kinds[kind] += 1
                pairs[kind] += names - (kind == "name")
                if kind in ("description", "pronoun"):
                    readings = [morph.parse(w)[0] for w in _WORD.findall(doc.text, *span)]
                    head = next((r for r in readings if r.pos in ("NOUN", "PRON")), None)
                    words[head.normal if head else "?"] += 1
    print(f"gold mentions of named chains matched by no svodka mention: "
          f"{sum(kinds.values())} of {total}")
    for kind, count in kinds.most_common():
        print(f"  {kind:12s} {count:5d} mentions, {pairs[kind]:6d} pairs to a name of their chain")
    print("  commonest first nouns of the missed descriptions and pronouns: " + ", ".join(
        f"{word} {count}" for word, count in words.most_common(top)))
    print("  the missed names and descriptions by why:")
    for (kind, why), count in sorted(missed_classes(runs, morph).items(),
                                     key=lambda item: (item[0][0], -item[1])):
        print(f"    {kind:12s} {count:5d}  {why}")


def entity_phrases(text: str, article) -> list[tuple[str, tuple[int, int]]]:
    """(entity id, span) of every mention, and of every run of adjacent mentions of one
    entity, as ``svodka eval coref`` matches them."""
    found = []
    for entity in article.entities:
        spans = [(m.start, m.end) for m in entity.mentions]
        found += [(entity.id, span) for span in spans + adjacent_phrases(text, spans)]
    return found


def missed_classes(runs, morph) -> Counter:
    """The gold names and descriptions of named chains no svodka mention matches, by why:
    - the chain has no svodka entity at all (no link could reach it);
    - svodka has a shorter mention inside it, of the chain's own entity ("пакистанском городе
      Лахор" → "Лахор": a descriptor or role left out) or of another ("президента Ирана" →
      "Ирана": a description whose complement svodka names), or a longer one around it;
    - no svodka mention overlaps it: its first noun in a description list, animate, another
      noun (singular or plural), or no noun ("мы", "где")."""
    from svodka.eval.coref import _WORD, is_named, mention_kind, proper_words
    from svodka.extractors.coref.descriptions import description_type

    classes: Counter = Counter()
    for doc, article in runs:
        gold = sorted({tuple(span) for chain in doc.chains for span in chain})
        mentions = [(start, end, id_) for id_, (start, end) in entity_phrases(doc.text, article)]
        owner = {match_mention((start, end), gold): id_ for start, end, id_ in mentions}
        proper = proper_words(doc.text)
        for chain in doc.chains:
            if not any(is_named(doc.text, span) for span in chain):
                continue
            spans = [tuple(span) for span in chain]
            own = {owner[span] for span in spans if span in owner}
            for start, end in spans:
                kind = mention_kind(doc.text, (start, end), proper)
                if (start, end) in owner or kind not in ("name", "description"):
                    continue
                inside = [(e - s, id_) for s, e, id_ in mentions if start <= s and e <= end]
                around = any(s <= start and end <= e for s, e, _ in mentions)
                if not own:
                    why = "chain has no svodka entity"
                elif inside:
                    why = ("shorter svodka mention, same entity" if max(inside)[1] in own
                           else "shorter svodka mention, another entity")
                elif around:
                    why = "longer svodka mention"
                else:
                    readings = [morph.parse(w)[0] for w in _WORD.findall(doc.text, start, end)]
                    noun = next((r for r in readings if r.pos == "NOUN"), None)
                    plural = " plural" if noun and noun.feats.get("Number") == "Plur" else ""
                    if noun is None:
                        why = "not found: no noun"
                    elif description_type(fold_word(noun.normal)):
                        why = "not found: listed noun" + plural
                    elif noun.feats.get("Animacy") == "Anim":
                        why = "not found: animate noun" + plural
                    else:
                        why = "not found: other noun" + plural
                classes[kind, why] += 1
    return classes


def rule_key(rule: str, kind: str = "title") -> str:
    """A rule's row: the ranker's by score band, apart for pronouns, listed descriptions and
    plain nouns (each link kind's precision is read on its own)."""
    score = ranker_score(rule)
    if score is None:
        return rule
    what = "pronoun" if kind == "pronoun" else "noun" if rule.endswith(":noun") else \
        "inside" if rule.endswith(":inside") else "listed"
    return f"ranker {what} {min(int(score * 10), 9) / 10:.1f}–"


def print_rules(runs) -> None:
    """Per rule (the ranker by score): of the mentions it made that match a gold mention
    sharing a gold chain with another mention of the same entity (right) or only other
    chains (wrong); the rest match no gold mention, or none of their entity's others does."""
    right, wrong, other = Counter(), Counter(), Counter()
    for doc, article in runs:
        chains_of: dict[tuple[int, int], set[int]] = {}
        for index, chain in enumerate(doc.chains):
            for span in chain:
                chains_of.setdefault(tuple(span), set()).add(index)
        gold = sorted(chains_of)
        for entity in article.entities:
            hits = [(match_mention((m.start, m.end), gold), m) for m in entity.mentions]
            for hit, mention in hits:
                if mention.kind == "name" or not mention.rule:
                    continue
                key = rule_key(mention.rule, mention.kind)
                others = set().union(*(chains_of[h] for h, m in hits if h and m is not mention))
                if hit is None or not others:
                    other[key] += 1
                elif chains_of[hit] & others:
                    right[key] += 1
                else:
                    wrong[key] += 1
    print("rule                        right  wrong  precision  unjudged")
    for key in sorted(set(right) | set(wrong) | set(other)):
        judged = right[key] + wrong[key]
        share = f"{right[key] / judged:9.3f}" if judged else "        –"
        print(f"{key:26s}  {right[key]:5d}  {wrong[key]:5d}  {share}  {other[key]:8d}")


if __name__ == "__main__":
    main()
