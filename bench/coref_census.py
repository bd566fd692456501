"""Why gold pronoun → name and name → name pairs are missed, on RuCoCo dev articles.

    python bench/coref_census.py [../shared/data/rucoco/rucoco-train.zip] [--limit 100]

Each missed gold pair of a named chain (scored as ``svodka eval coref`` scores it) is put in
one class, the first that holds:

- ``name never found``: the chain's name side matches no svodka mention;
- pronoun pairs: the pronoun matches no svodka mention and svodka never attempts it (its form,
  or its part of speech) / attempts it and links it to nobody; or it is linked to an entity
  that holds another mention of the pronoun's chain but not this name (``names split``) / to
  an entity of no mention of its chain (``wrong entity``);
- name pairs: both sides found, in two svodka entities (``split``; with the commonest reasons
  read off the two mentions).

It also counts the first-person ("я", "мы") and relative ("который") mentions of named chains
and the pairs they lose: the eval counts those as descriptions and "other", not pronouns.
RuCoCo is read from ``../shared`` and nothing of it is written anywhere.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "rucoco" / "rucoco-train.zip"

FIRST_PERSON = frozenset("я меня мне мной мною мой моя мое моё мои моего моей моему моим моем "
                         "моём моих моими мою мы нас нам нами наш наша наше наши нашего нашей "
                         "нашему нашим нашем наших нашими нашу".split())
RELATIVE = frozenset("который которая которое которые которого которой которому которым "
                     "котором которых которыми которую".split())


def extract_with_analysis(text: str):
    from svodka.analysis import analyze
    from svodka.extractors import extract_entities, extract_quotes
    from svodka.extractors.coref.pronouns import speech_pronouns
    from svodka.layout import analyze_layout

    layout = analyze_layout(text)
    analysis = analyze(text, layout.regions())
    entities = extract_entities(analysis)
    dateline = layout.dateline
    quotes = extract_quotes(analysis, entities, dateline and (dateline.start, dateline.end))
    return analysis, speech_pronouns(analysis, entities, quotes), quotes


def census(documents, show: int = 0, seed: int = 1):
    from svodka.eval.coref import (adjacent_phrases, is_named, match_mention, mention_kind,
                                   proper_words)
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.coref.pronouns import pronoun_kind

    pronoun_classes, name_classes, other = Counter(), Counter(), Counter()
    never_forms, open_kinds, samples = Counter(), Counter(), {}
    for document in documents:
        text = document.text
        analysis, entities, quotes = extract_with_analysis(text)
        quoted = quoted_spans(analysis)
        chains_of = {}
        for index, chain in enumerate(document.chains):
            for span in chain:
                chains_of.setdefault(tuple(span), set()).add(index)
        gold = sorted(chains_of)
        named = {i for i, c in enumerate(document.chains) if any(is_named(text, s) for s in c)}
        entity_of = {}      # gold mention -> svodka entities matching it
        rule_of = {}
        for number, entity in enumerate(entities):
            spans = [(m.start, m.end) for m in entity.mentions]
            for mention in entity.mentions:
                hit = match_mention((mention.start, mention.end), gold)
                if hit:
                    rule_of[hit] = (mention.kind, mention.rule)
            for span in spans + adjacent_phrases(text, spans):
                hit = match_mention(span, gold)
                if hit:
                    entity_of.setdefault(hit, set()).add(number)
        proper = proper_words(text)
        kinds = {span: mention_kind(text, span, proper) for span in gold}
        for index in named:
            chain = sorted(set(map(tuple, document.chains[index])))
            for a, b in combinations(chain, 2):
                if entity_of.get(a, set()) & entity_of.get(b, set()):
                    continue
                ka, kb = kinds[a], kinds[b]
                if "name" not in (ka, kb):
                    continue
                name, anaphor = (a, b) if ka == "name" else (b, a)
                kind = kinds[anaphor]
                words = text[anaphor[0]:anaphor[1]].lower().split()
                if kind in ("description", "other") and len(words) == 1 and (
                        words[0] in FIRST_PERSON or words[0] in RELATIVE):
                    label = "first person" if words[0] in FIRST_PERSON else "relative"
                    inside = any(s <= anaphor[0] < e for s, e in quoted)
                    found = bool(entity_of.get(anaphor))
                    other[(label, "in speech" if inside else "outside speech",
                           "name never found" if not entity_of.get(name)
                           else "linked elsewhere" if found else "no mention")] += 1
                    continue
                if kind not in ("pronoun", "name"):
                    continue
                if kind == "name":
                    if not entity_of.get(a) or not entity_of.get(b):
                        cls = "one side never found"
                    else:
                        cls = "split"
                    name_classes[cls] += 1
                    samples.setdefault(("name", cls), []).append((text, a, b))
                    continue
                if not entity_of.get(name):
                    cls = "(d) name never found"
                elif not entity_of.get(anaphor):
                    token = analysis.token_at(anaphor[0])
                    attempted = token is not None and pronoun_kind(analysis, token, quoted)
                    if not attempted:
                        cls = "(a) never attempted"
                        tok = analysis.tokens[token] if token is not None else None
                        never_forms[(tok.text.lower(), tok.pos) if tok else ("?", "")] += 1
                    else:
                        cls = "(b) attempted, linked to nobody"
                        open_kinds[attempted] += 1
                elif any(entity_of[anaphor] & entity_of.get(s, set()) for s in chain
                         if s != anaphor):
                    cls = "(c1) linked into its chain, names split"
                else:
                    cls = "(c2) wrong entity"
                    rule = str(rule_of.get(anaphor, ("?", "?"))[1])
                    open_kinds["wrong: " + (rule.split(":")[0] if rule.startswith("ranker")
                                            else rule)] += 1
                pronoun_classes[cls] += 1
                samples.setdefault(("pronoun", cls), []).append((text, anaphor, name))
    rng = random.Random(seed)
    shown = {}
    for key, rows in samples.items():
        shown[key] = rng.sample(rows, min(show, len(rows)))
    return pronoun_classes, name_classes, other, never_forms, open_kinds, shown


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--show", type=int, default=0, help="examples printed per class")
    parser.add_argument("--split", choices=("dev", "train"), default="dev",
                        help="train with --skip 1200: the tuning articles, for choosing")
    parser.add_argument("--skip", type=int, default=0, help="articles of the split skipped first")
    args = parser.parse_args(argv)
    if not args.path.exists():
        sys.exit(f"{args.path}: RuCoCo not found (../shared)")
    from svodka.eval.coref import load_rucoco

    from itertools import islice

    documents = list(islice(load_rucoco(args.path, args.split), args.skip,
                            args.skip + args.limit))
    pronouns, names, other, forms, kinds, shown = census(documents, args.show)

    def table(title, counter):
        print(f"\n{title} (total {sum(counter.values())})")
        for key, count in counter.most_common():
            print(f"  {count:6d}  {key}")

    print(f"{len(documents)} {args.split} articles from {args.skip + 1}")
    table("missed pronoun → name pairs", pronouns)
    table("  never attempted, by form and part of speech", Counter(dict(forms.most_common(25))))
    table("  attempted-open kinds / wrong links' rules", kinds)
    table("missed name → name pairs", names)
    table("first person and relatives ↔ name pairs missed (counted as description / other)",
          other)
    for (side, cls), rows in sorted(shown.items()):
        for text, a, b in rows:
            first, last = sorted((a, b))
            context = (text[max(0, first[0] - 60):first[1] + 60] + " … "
                       + text[max(0, last[0] - 60):last[1] + 60]).replace("\n", " ")
            print(f"[{side} {cls}] {text[a[0]:a[1]]!r} ~ {text[b[0]:b[1]]!r}: …{context}…")


if __name__ == "__main__":
    main()
