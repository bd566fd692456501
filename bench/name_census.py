"""Why the *name* mentions of RuCoCo's named chains are missed or put in the wrong entity.

    python bench/name_census.py --skip 1200 --limit 150 [--show 8] [--cache /tmp/names.pkl]

Training articles only (the 150 after the ranker's 1,200 by default; never the dev 300).
Each gold mention of a named chain that the eval counts as a name (``mention_kind``) is put
in one class, the first that holds:

- ``found``: a svodka mention (or run of adjacent mentions) of the chain's main entity — the
  one matching most of the chain's names — matches it;
- ``never found``, by why: a svodka mention overlaps it but with another span (shorter inside
  it: of the chain's own entity, of another; longer); slovnet's NER tags a span there that
  svodka dropped; else no NER span at all (Latin letters, an abbreviation, a lowercase head
  with a capitalized word inside, other);
- ``split``: found, but in another entity than the chain's main one, by why: a surname alone
  beside a full name, an abbreviation beside a spelled-out name, one word beside a longer
  name, the same name in another case, other.

Beside them, ``merged``: pairs of gold names of two chains that svodka puts in one entity
(precision), by type. RuCoCo is read from ``../shared``; nothing of it is written in the repo.
"""
from __future__ import annotations

import argparse
import pickle
import random
import re
import sys
from collections import Counter
from itertools import combinations, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coref_census import DEFAULT, extract_with_analysis  # noqa: E402

_LATIN = re.compile(r"[A-Za-z]")


def extract(documents):
    """Per article: its text, gold chains, svodka's entities (type, name, mention spans and
    normals) and slovnet's NER spans — what the census needs, kept to be read again."""
    rows = []
    for document in documents:
        analysis, entities, _ = extract_with_analysis(document.text)
        rows.append((document.id, document.text, document.chains,
                     [(e.type, e.name, [(m.start, m.end, m.kind, m.normal) for m in e.mentions])
                      for e in entities],
                     [(s.start, s.end, s.type) for s in analysis.ner]))
    return rows


def _overlap(a, b) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def classify(rows):
    from svodka.eval.coref import (adjacent_phrases, is_abbreviation, is_named, match_mention,
                                   mention_kind, proper_words)
    from svodka.text import fold

    classes, merged, samples = Counter(), Counter(), {}
    for doc_id, text, chains, entities, ner in rows:
        chains_of = {}
        for index, chain in enumerate(chains):
            for span in chain:
                chains_of.setdefault(tuple(span), set()).add(index)
        gold = sorted(chains_of)
        named = [i for i, c in enumerate(chains) if any(is_named(text, s) for s in c)]
        proper = proper_words(text)
        kind = {s: mention_kind(text, s, proper) for s in gold}
        entity_of = {}
        for number, (_, _, mentions) in enumerate(entities):
            spans = [(s, e) for s, e, _, _ in mentions]
            for span in spans + adjacent_phrases(text, spans):
                hit = match_mention(span, gold)
                if hit:
                    entity_of.setdefault(hit, set()).add(number)
        for index in named:
            names = [tuple(s) for s in chains[index] if kind[tuple(s)] == "name"]
            votes = Counter(n for s in names for n in entity_of.get(s, ()))
            main = votes.most_common(1)[0][0] if votes else None
            for span in names:
                cls = _why(text, span, entity_of.get(span, set()), main, entities, ner,
                           is_abbreviation)
                classes[cls] += 1
                samples.setdefault(cls, []).append((doc_id, text, span, main, entities))
        # merged: names of two different named chains in one svodka entity
        for a, b in combinations([s for s in gold if kind[s] == "name"], 2):
            if chains_of[a] & chains_of[b] or not (chains_of[a] | chains_of[b]) & set(named):
                continue
            shared = entity_of.get(a, set()) & entity_of.get(b, set())
            for number in shared:
                type_ = entities[number][0]
                key = f"merged {type_}"
                merged[key] += 1
                samples.setdefault(key, []).append((doc_id, text, a, number, entities, b))
    return classes, merged, samples


def _why(text, span, hits, main, entities, ner, is_abbreviation) -> str:
    from svodka.text import fold

    if main is not None and main in hits:
        return "found"
    if hits:
        entity = entities[min(hits)]
        words = text[span[0]:span[1]].split()
        main_name = entities[main][1] if main is not None else ""
        if len(words) == 1 and is_abbreviation(words[0]):
            return "split: abbreviation beside a longer name"
        if main_name and len(main_name.split()) == 1 and is_abbreviation(main_name):
            return "split: longer name beside an abbreviation"
        own, other = fold(entity[1]).split(), fold(main_name).split()
        if own and other and own[-1][:4] == other[-1][:4] and own[0][:3] != other[0][:3] \
                and entity[0] == "PER" == entities[main][0]:
            return "split: same surname, other first name (as svodka reads it)"
        if len(own) == 1 and len(other) > 1 and own[0][:4] in {w[:4] for w in other}:
            return "split: one word beside a longer name"
        if own and other and [w[:4] for w in own] == [w[:4] for w in other]:
            return "split: the same name in another case"
        if entity[0] != entities[main][0] if main is not None else False:
            return f"split: other type ({entity[0]} beside {entities[main][0]})"
        return "split: other"
    mentions = [(s, e) for _, _, ms in entities for s, e, _, _ in ms]
    inside = [m for m in mentions if span[0] <= m[0] and m[1] <= span[1] and m != span]
    if inside:
        own = main is not None and any(m in [(s, e) for s, e, _, _ in entities[main][2]]
                                       for m in inside)
        return f"never found: shorter svodka mention inside ({'own' if own else 'other'} entity)"
    if any(_overlap(m, span) > 0 for m in mentions):
        return "never found: a longer or crossing svodka mention"
    if any(_overlap((s, e), span) > 0 for s, e, _ in ner):
        return "never found: NER tags it, svodka drops it"
    written = text[span[0]:span[1]]
    if _LATIN.search(written):
        return "never found: no NER span, Latin letters"
    if any(is_abbreviation(w) for w in written.split()):
        return "never found: no NER span, an abbreviation"
    if written[:1].islower():
        return "never found: no NER span, lowercase head with a capitalized word"
    return "never found: no NER span, other"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--skip", type=int, default=1200)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--show", type=int, default=0, help="examples printed per class")
    parser.add_argument("--cache", type=Path, help="keep (or read) the extraction here")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        from svodka.eval.coref import load_rucoco
        documents = islice(load_rucoco(args.path, "train"), args.skip, args.skip + args.limit)
        rows = extract(documents)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    classes, merged, samples = classify(rows)
    total = sum(classes.values())
    print(f"{len(rows)} training articles from {args.skip + 1}: {total} gold name mentions "
          f"of named chains")
    for key, count in sorted(classes.items()):
        print(f"  {count:6d}  {count / total:.3f}  {key}")
    print(f"gold name pairs of two chains in one svodka entity (total {sum(merged.values())})")
    for key, count in merged.most_common():
        print(f"  {count:6d}  {key}")
    rng = random.Random(1)
    for key in sorted(samples):
        if key == "found" or not args.show:
            continue
        for doc_id, text, span, entity, entities, *rest in rng.sample(
                samples[key], min(args.show, len(samples[key]))):
            name = entities[entity][1] if entity is not None else "-"
            context = text[max(0, span[0] - 50):span[1] + 50].replace("\n", " ")
            extra = f" ~ {text[rest[0][0]:rest[0][1]]!r}" if rest else ""
            print(f"[{key}] {text[span[0]:span[1]]!r}{extra} (entity: {name}) {doc_id}: "
                  f"…{context}…")


if __name__ == "__main__":
    main()
