"""Merge suspects: entities whose mentions say they are two things (issue 15).

    python bench/merge_audit.py [--news russia_today_2] [--n 500] [--skip 0] > suspects.txt

Extracts the entities of ``--n`` articles of ``../shared/data/news/<news>.jsonlines.zip``
and prints every entity whose own mentions carry contradictory evidence, with the sentences
that show it, then one count per cause:

- ``gender``: one name mention's predicate is feminine, another's masculine ("Саша Белкин
  приехал", "Белкина осталась"), by ``women.agreeing_gender``, the linker's own notion;
- ``first-names``: two first names or initials that cannot be one ("Александр" / "Алексей",
  "А." / "В."; "Саша" = "Александр" and "А." = "Александр" fit);
- ``per-org``: slovnet typed one mention a person and another an organization (a team made
  an alias of its driver);
- ``alias-of-other``: an alias of the entity is the name of another entity of the article.

A suspect is not an error: read it (``docs/entities.md`` has the classified table).
"""
from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"


def documents(news: str, skip: int, limit: int):
    from svodka.reading.document import Document
    from svodka.reading.jsonl import iter_jsonl
    path = NEWS / f"{news}.jsonlines.zip"
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if not n.endswith("/"))
        with archive.open(name) as raw:
            count = 0
            for document in iter_jsonl(io.TextIOWrapper(raw, encoding="utf-8"), path.name):
                if not isinstance(document, Document):
                    continue
                count += 1
                if count <= skip:
                    continue
                yield f"{news}:{count - 1}", document
                if count >= skip + limit:
                    return


def _gender_of(analysis, mention) -> str | None:
    try:
        from svodka.extractors.entities.women import agreeing_gender
    except ImportError:      # a commit before agreeing_gender: the same two signs
        from svodka.extractors.coref.gender import verb_gender
        from svodka.extractors.entities.women import _described_as

        def agreeing_gender(analysis, tokens):
            return verb_gender(analysis, tokens) or _described_as(analysis, tokens)
    tokens = analysis.tokens_between(mention.start, mention.end)
    return agreeing_gender(analysis, tokens) if len(tokens) else None


def _first_name(analysis, mention) -> str | None:
    """The first word of a person's name of several words, in the nominative, when it is a
    first name or an initial ("А. Петров" → "а"), folded; None for "Грызлов Борис"."""
    from svodka.text import fold
    words = mention.normal.replace(".", ". ").split()
    if len(words) < 2:
        return None
    first = fold(words[0]).rstrip(".")
    if words[0].endswith(".") and len(first) <= 2:
        return first
    if any("Name" in p.tag.grammemes for p in analysis.morph.parse(first)):
        return first
    return None


def _first_names_fit(a: str, b: str) -> bool:
    from svodka.extractors.entities.people import _first_name as full_first_name
    from svodka.extractors.entities.similarity import same_name_word
    if len(a) <= 2 or len(b) <= 2:
        return a[0] == b[0]
    return same_name_word(a, b) or same_name_word(full_first_name(a), full_first_name(b))


def suspects(analysis, entities) -> list[tuple[str, object, list]]:
    """(cause, entity, the mentions that show it) for every contradiction found."""
    from svodka.text import fold
    ner = {(span.start, span.end): span.type for span in analysis.ner}
    names = {fold(e.name): e for e in entities}
    found = []
    for entity in entities:
        named = [m for m in entity.mentions if m.kind == "name"]
        if entity.type == "PER":
            by_gender: dict[str, list] = {}
            for m in named:
                gender = _gender_of(analysis, m)
                if gender in ("Masc", "Fem"):
                    by_gender.setdefault(gender, []).append(m)
            if len(by_gender) == 2:
                found.append(("gender", entity, [by_gender["Masc"][0], by_gender["Fem"][0]]))
            firsts = [(f, m) for m in named if (f := _first_name(analysis, m))]
            clash = next(((m1, m2) for i, (f1, m1) in enumerate(firsts)
                          for f2, m2 in firsts[i + 1:] if not _first_names_fit(f1, f2)), None)
            if clash:
                found.append(("first-names", entity, list(clash)))
        types = {}
        for m in named:
            types.setdefault(ner.get((m.start, m.end)), m)
        if "PER" in types and "ORG" in types:
            found.append(("per-org", entity, [types["PER"], types["ORG"]]))
        for alias in entity.aliases:
            other = names.get(fold(alias))
            if other is not None and other is not entity:
                shown = [m for m in named if fold(m.normal) == fold(alias)][:1]
                found.append(("alias-of-other", entity, shown + [other.mentions[0]]))
                break
    return found


def sentence_of(analysis, start: int) -> str:
    index = analysis.sentence_of(start)
    if index is None:
        return ""
    sentence = analysis.sentences[index]
    return " ".join(analysis.text[sentence.start:sentence.end].split())[:300]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", default="russia_today_2")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--skip", type=int, default=0)
    args = parser.parse_args()
    if not (NEWS / f"{args.news}.jsonlines.zip").exists():
        print(f"no {NEWS}/{args.news}.jsonlines.zip: the audit reads ../shared", file=sys.stderr)
        return 2
    from svodka.analysis import analyze, load_models
    from svodka.extractors.entities import extract_entities
    from svodka.layout import analyze_layout
    models = load_models()
    counts: Counter = Counter()
    people = 0
    for name, document in documents(args.news, args.skip, args.n):
        text = document.text
        analysis = analyze(text, analyze_layout(text).regions(), models=models)
        entities = extract_entities(analysis)
        people += sum(e.type == "PER" for e in entities)
        for cause, entity, shown in suspects(analysis, entities):
            counts[cause] += 1
            print(f"{name}\t{cause}\t{entity.type} {entity.name!r} aliases={entity.aliases}")
            for m in shown:
                print(f"    [{m.text}] {sentence_of(analysis, m.start)}")
        print(f"# read {name}")
        sys.stdout.flush()
    print(f"# {args.n} articles of {args.news} from {args.skip}, {people} people; suspects: "
          + ", ".join(f"{cause} {counts[cause]}" for cause in
                      ("gender", "first-names", "per-org", "alias-of-other"))
          + f"; all {sum(counts.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
