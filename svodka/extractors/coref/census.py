"""Why svodka misses the gold description → name pairs of RuCoCo's named chains.

    python -m svodka.extractors.coref.census [RUCOCO.zip] [--limit 100]

Each missed pair (a lowercase description and a name of its gold chain that svodka does not
put in one entity, as ``svodka eval coref`` counts them) falls in the first class that holds:

- (d) the name side is never found: no svodka mention matches that name;
- (a) svodka never makes the description a mention, and never considers it: its head noun
  is no description the resolver looks at (sub-classed by the noun, as ``tune`` does);
- (b) the description was considered (a listed description, or a plain noun the ranker may be
  asked about) and linked to nobody;
- (c) the description is a mention of another entity: one that holds another mention of the
  chain (svodka split the chain's names), or one that does not (a wrong link).

RuCoCo is CC BY-NC 4.0 and read from ``../shared``; nothing of it is written.
"""
from __future__ import annotations

import argparse
from collections import Counter
from itertools import combinations
from pathlib import Path

from svodka.eval.coref import (_WORD, is_named, load_rucoco, match_mention, mention_kind,
                               proper_words)
from svodka.extractors.coref import descriptions
from svodka.text import fold_word

CLASSES = (
    "(d) name side never found",
    "(a) never a mention: listed noun",
    "(a) never a mention: listed noun, plural",
    "(a) never a mention: animate noun in no list",
    "(a) never a mention: animate noun in no list, plural",
    "(a) never a mention: other noun in no list",
    "(a) never a mention: other noun in no list, plural",
    "(a) never a mention: no noun (мы, я, там)",
    "(b) considered, linked to nobody: listed description",
    "(b) considered, linked to nobody: plain noun",
    "(c) another entity, which holds another mention of the chain (names split)",
    "(c) another entity, none of the chain (wrong link)",
)


class Considered:
    """The description phrases the resolver considers, by character span: a listed one that
    reaches ``descriptions._choose`` and a plain noun ``_link_nouns`` may ask about."""

    def __init__(self) -> None:
        self.listed: set[tuple[int, int]] = set()
        self.plain: set[tuple[int, int]] = set()

    def __enter__(self) -> "Considered":
        self._choose, self._nouns = descriptions._choose, descriptions._link_nouns

        def choose(analysis, head, first, stop, *args, **kwargs):
            tokens = analysis.tokens
            self.listed.add((tokens[first].start, tokens[stop - 1].end))
            return self._choose(analysis, head, first, stop, *args, **kwargs)

        def nouns(analysis, pending, *args, **kwargs):
            tokens = analysis.tokens
            self.plain.update((tokens[first].start, tokens[stop - 1].end)
                              for _, first, stop, _ in pending)
            return self._nouns(analysis, pending, *args, **kwargs)

        descriptions._choose, descriptions._link_nouns = choose, nouns
        return self

    def __exit__(self, *exc) -> None:
        descriptions._choose, descriptions._link_nouns = self._choose, self._nouns


def census(text: str, chains, article, considered: Considered, morph, show: str = ""
           ) -> Counter:
    """The classes (``CLASSES``) of the description → name pairs svodka misses in one
    article; the key "found" counts the pairs it gets."""
    from svodka.eval.coref import adjacent_phrases
    from svodka.extractors.coref.descriptions import description_type

    chains = [[tuple(span) for span in chain] for chain in chains]
    gold = sorted({span for chain in chains for span in chain})
    owners: dict[tuple[int, int], set[str]] = {}
    for entity in article.entities:
        spans = [(m.start, m.end) for m in entity.mentions]
        for span in spans + adjacent_phrases(text, spans):
            hit = match_mention(span, gold)
            if hit:
                owners.setdefault(hit, set()).add(entity.id)
    proper = proper_words(text)
    kinds = {span: mention_kind(text, span, proper) for span in gold}
    considered_gold = {match_mention(s, gold) for s in considered.listed | considered.plain}
    listed_gold = {match_mention(s, gold) for s in considered.listed}
    counts: Counter = Counter()
    seen: set[frozenset] = set()
    for chain in chains:
        if not any(is_named(text, span) for span in chain):
            continue
        for a, b in combinations(sorted(set(chain)), 2):
            pair = frozenset((a, b))
            if pair in seen or {kinds[a], kinds[b]} != {"name", "description"}:
                continue
            seen.add(pair)
            name, description = (a, b) if kinds[a] == "name" else (b, a)
            if owners.get(name, set()) & owners.get(description, set()):
                counts["found"] += 1
                continue
            if name not in owners:
                counts[CLASSES[0]] += 1
            elif description in owners:
                mates = {o for span in chain if span != description for o in owners.get(span, ())}
                counts[CLASSES[10] if owners[description] & mates else CLASSES[11]] += 1
            elif description in considered_gold:
                key = CLASSES[8] if description in listed_gold else CLASSES[9]
                counts[key] += 1
                if show and key.startswith(show):
                    _print_pair(text, key, description, name)
            else:
                words = _WORD.findall(text, *description)
                readings = [morph.parse(w)[0] for w in words]
                noun = next((r for r in readings if r.pos == "NOUN"), None)
                plural = noun is not None and noun.feats.get("Number") == "Plur"
                if noun is None:
                    key = CLASSES[7]
                elif description_type(fold_word(noun.normal)):
                    key = CLASSES[1 + plural]
                elif noun.feats.get("Animacy") == "Anim":
                    key = CLASSES[3 + plural]
                else:
                    key = CLASSES[5 + plural]
                counts[key] += 1
                if show and key.startswith(show):
                    _print_pair(text, key, description, name)
                word = fold_word(noun.normal) if noun is not None else \
                    fold_word(words[0]) if words else "?"
                counts[key, word] += 1
    return counts


def _print_pair(text: str, key: str, description, name) -> None:
    """One missed pair in context: the description in [[ ]], then the name it should join."""
    left = text.rfind("\n", 0, description[0]) + 1
    print(f"{key[4:]}: {text[max(left, description[0] - 120):description[0]]}"
          f"[[{text[description[0]:description[1]]}]]"
          f"{text[description[1]:description[1] + 60]}  ⇒ {text[name[0]:name[1]]}"
          .replace("\n", " / "))


def main(argv: list[str] | None = None) -> None:
    from svodka.analysis.models import load_models
    from svodka.pipeline import extract

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/rucoco/rucoco-train.zip")
    parser.add_argument("--limit", type=int, default=100, help="the first N dev articles")
    parser.add_argument("--show", default="", metavar="CLASS",
                        help="print each missed pair of the classes starting so, in context")
    parser.add_argument("--top", type=int, default=15,
                        help="the commonest words of each never-a-mention class (by pairs)")
    parser.add_argument("--tuning", type=int, default=0, metavar="N",
                        help="the N tuning articles after the ranker's 1,200 (tune's), not dev")
    args = parser.parse_args(argv)
    models = load_models()
    total: Counter = Counter()
    documents = 0
    if args.tuning:
        from svodka.extractors.coref.tune import tuning_articles
        documents_of = tuning_articles(Path(args.path), args.tuning)
    else:
        documents_of = load_rucoco(Path(args.path), "dev", args.limit)
    split = "tuning" if args.tuning else "dev"
    for doc in documents_of:
        with Considered() as considered:
            article = extract(doc.text, models=models, with_tone=False)
        total += census(doc.text, doc.chains, article, considered, models.morph, args.show)
        documents += 1
    missed = sum(count for key, count in total.items()
                 if key != "found" and isinstance(key, str))
    pairs = missed + total["found"]
    print(f"{documents} {split} articles: {pairs} gold description → name pairs, "
          f"{total['found']} found ({total['found'] / max(pairs, 1):.3f}), {missed} missed")
    print("| why missed | pairs | share of missed |")
    print("|---|---|---|")
    for name in CLASSES:
        print(f"| {name} | {total[name]:,} | {total[name] / max(missed, 1):.3f} |")
    for name in CLASSES[1:8]:
        words = sorted(((count, key[1]) for key, count in total.items()
                        if isinstance(key, tuple) and key[0] == name), reverse=True)[:args.top]
        print(f"{name}: " + ", ".join(f"{word} {count}" for count, word in words))


if __name__ == "__main__":
    main()
