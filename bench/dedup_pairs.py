"""Measure near-duplicate detection: pairs judged by hand, and synthetic reposts.

    python bench/dedup_pairs.py sample [--news DIR | --db URL] [--n 200] [--out FILE]
    python bench/dedup_pairs.py band [--news DIR] [--low 0.3] [--high 0.8] [--out FILE]
    python bench/dedup_pairs.py score [--news DIR] [--stored] [FILE ...]
    python bench/dedup_pairs.py synthetic [--news DIR] [--n 200] [--seed N] [--threshold T]

``sample`` finds copies the way ingest does (the same signatures, index and threshold, in
input order) — from the raw news files, or from a store's duplicate groups — and writes a
fixed-seed sample of (copy, original) pairs with both texts' openings and their word-level
differences. ``band`` lists *every* pair of distinct news texts whose estimated Jaccard lies
in [low, high): the pairs the threshold leaves out. In both files a person reads each pair
and fills ``same`` (true: the same story — a repost, a light edit, or an abridged/expanded
version of it; false: different articles), ``kind`` and ``note``; ``band`` keeps the
judgments already in the file it writes to. ``score`` recomputes each judged pair's
similarity with the current signatures and prints precision and recall per similarity band
and at several thresholds. ``synthetic`` makes fixed-seed repost variants of sampled
articles (site header/footer, a sentence dropped, paragraph moved, words changed, headline
rewritten, typography, truncation, ...) and reports, per kind of edit, the share the real
index finds as a copy of its original; then checks false positives on pairs of different
articles, plain and wrapped in the same site template.
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
JUDGED = ROOT / "tests" / "data" / "dedup" / "pairs-judged.jsonl"
JUDGED_BELOW = ROOT / "tests" / "data" / "dedup" / "pairs-below-judged.jsonl"
NEWS = ROOT.parent / "shared" / "data" / "news"
SEED = 20241127


# -- reading ---------------------------------------------------------------------------------

def read_news(news: Path) -> dict[str, tuple[str, str | None]]:
    """Distinct texts by article id, in input order (the order ingest sees them)."""
    from svodka.ingest import expand, iter_items
    from svodka.pipeline import article_id
    from svodka.reading import Document

    texts: dict[str, tuple[str, str | None]] = {}
    files, _ = expand([str(news)])
    for item in iter_items(files):
        document = item.value
        if isinstance(document, Document):
            key = document.id or article_id(document.text)
            texts.setdefault(key, (document.text, document.url))
    print(f"{len(texts)} distinct texts read from {news}", file=sys.stderr)
    return texts


def signatures(texts: dict[str, tuple[str, str | None]]) -> dict[str, bytes]:
    from svodka.dedup import signature

    return {key: sig for key, (text, _) in texts.items() if (sig := signature(text))}


def pairs_from_news(news: Path) -> list[dict]:
    from svodka.dedup import NearDuplicateIndex

    texts = read_news(news)
    index, pairs = NearDuplicateIndex(), []
    for doc_id, minhash in signatures(texts).items():
        match = index.best_match(minhash)
        if match:
            pairs.append({"copy": doc_id, "original": match[0], "similarity": match[1]})
        else:
            index.add(doc_id, minhash)
    for pair in pairs:
        pair["copy_text"], pair["copy_url"] = texts[pair["copy"]]
        pair["original_text"], pair["original_url"] = texts[pair["original"]]
    return pairs


def pairs_from_store(url: str) -> list[dict]:
    from svodka.store import open_store

    with open_store(url) as store:
        return [{"copy": c["id"], "original": g["id"], "similarity": c["similarity"],
                 "copy_text": None, "copy_url": c["url"], "original_url": g["url"],
                 "original_text": store.get_article(g["id"]).text}
                for g in store.duplicate_groups() for c in g["copies"] if c["kind"] == "near"]


def all_pairs(sigs: dict[str, bytes], low: float) -> list[tuple[str, str, float]]:
    """Every pair (earlier, later) with estimated Jaccard >= low, by brute force (numpy)."""
    import numpy as np

    keys = list(sigs)
    matrix = np.stack([np.frombuffer(sigs[k], dtype="<u8") for k in keys])
    found = []
    for i in range(len(keys) - 1):
        similarity = (matrix[i + 1:] == matrix[i]).mean(axis=1)
        for j in np.nonzero(similarity >= low)[0]:
            found.append((keys[i], keys[i + 1 + j], float(similarity[j])))
    return found


def exact_jaccard(left: str, right: str) -> float:
    from svodka.dedup.minhash import shingles

    a, b = set(shingles(left)), set(shingles(right))
    return len(a & b) / len(a | b) if a | b else 0.0


def differences(left: str, right: str, limit: int = 12) -> list[str]:
    matcher = difflib.SequenceMatcher(None, left.split(), right.split(), autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append(f"{op}: {' '.join(left.split()[i1:i2])[:150]!r} -> "
                           f"{' '.join(right.split()[j1:j2])[:150]!r}")
    return changes[:limit]


def pair_row(original: str, copy: str, similarity: float, texts: dict) -> dict:
    (left, left_url), (right, right_url) = texts[original], texts[copy]
    return {"original": original, "copy": copy, "similarity": round(similarity, 3),
            "exact_jaccard": round(exact_jaccard(left, right), 3),
            "original_url": left_url, "copy_url": right_url,
            "original_start": left[:300], "copy_start": right[:300],
            "differences": differences(left, right), "same": None, "kind": "", "note": ""}


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_rows(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


# -- sample, band, score -----------------------------------------------------------------------

def sample(args) -> None:
    pairs = pairs_from_store(args.db) if args.db else pairs_from_news(args.news)
    chosen = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))
    rows = []
    for pair in chosen:
        left, right = pair["original_text"] or "", pair["copy_text"] or ""
        rows.append({
            "original": pair["original"], "copy": pair["copy"],
            "similarity": round(pair["similarity"], 3),
            "original_url": pair["original_url"], "copy_url": pair["copy_url"],
            "original_start": left[:300], "copy_start": right[:300],
            "differences": differences(left, right) if right else None,
            "same": None, "note": ""})
    write_rows(args.out, rows)
    groups = len({pair["original"] for pair in pairs})
    print(f"{len(pairs)} near-duplicate pairs found in {groups} groups (an original and its "
          f"copies), {len(chosen)} sampled into {args.out}")


def band(args) -> None:
    texts = read_news(args.news)
    sigs = signatures(texts)
    found = [p for p in all_pairs(sigs, args.low) if p[2] < args.high]
    judged = {(r["original"], r["copy"]): r for r in read_rows(args.out)}
    rows = []
    for original, copy, similarity in sorted(found, key=lambda p: (-p[2], p[0], p[1])):
        row = pair_row(original, copy, similarity, texts)
        old = judged.pop((original, copy), None)
        if old:
            row.update({k: old[k] for k in ("same", "kind", "note")})
        rows.append(row)
    # Judged pairs that left the band (the signatures changed) stay, with today's similarity,
    # so no reading is lost.
    from svodka.dedup import jaccard
    for old in judged.values():
        fresh = pair_row(old["original"], old["copy"], 0.0, texts)
        left, right = sigs.get(old["original"]), sigs.get(old["copy"])
        fresh["similarity"] = round(jaccard(left, right), 3) if left and right else 0.0
        rows.append({**fresh, **{k: old[k] for k in ("same", "kind", "note")}})
    write_rows(args.out, rows)
    unjudged = sum(1 for r in rows if r["same"] is None)
    print(f"{len(found)} pairs with estimated Jaccard in [{args.low}, {args.high}); "
          f"{len(rows)} rows in {args.out}, {unjudged} still to judge")


BANDS = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9]


def kind_of(row: dict) -> str:
    return row.get("kind") or ("same" if row["same"] else "different")


def score(args) -> None:
    rows = [r for path in args.files for r in read_rows(path) if r.get("same") is not None]
    if not args.stored:     # the similarity today's signatures give, not the one at judging
        texts = read_news(args.news)
        from svodka.dedup import jaccard, signature
        for row in rows:
            left, right = signature(texts[row["original"]][0]), signature(texts[row["copy"]][0])
            row["similarity"] = jaccard(left, right) if left and right else 0.0
    same = sum(1 for r in rows if r["same"])
    report = {"judged": len(rows), "same": same, "bands": [], "thresholds": []}
    for low, high in BANDS:
        inside = [r for r in rows if low <= r["similarity"] < high]
        report["bands"].append({"band": f"[{low}, {min(high, 1.0)}{')' if high < 1 else ']'}",
                                "pairs": len(inside), "same": sum(r["same"] for r in inside),
                                "kinds": dict(Counter(kind_of(r) for r in inside))})
    for threshold in THRESHOLDS:
        flagged = [r for r in rows if r["similarity"] >= threshold]
        right = sum(r["same"] for r in flagged)
        report["thresholds"].append({
            "threshold": threshold, "flagged": len(flagged), "same": right,
            "precision": round(right / len(flagged), 3) if flagged else None,
            "recall_of_judged_same": round(right / same, 3) if same else None})
    report["kinds"] = dict(sorted(Counter(kind_of(r) for r in rows).items()))
    print_report(report)


def print_report(report: dict) -> None:
    """One JSON object per line: short enough to read, and still machine-readable."""
    for key, value in report.items():
        if isinstance(value, list):
            print(f'"{key}":')
            for item in value:
                print("  " + json.dumps(item, ensure_ascii=False))
        else:
            print(f'"{key}": ' + json.dumps(value, ensure_ascii=False))


# -- synthetic reposts ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z0-9])")
_WORD = re.compile(r"[^\W\d_]{3,}")
AGENCIES = ["РИА Новости", "ТАСС", "Интерфакс", "Лента.ру", "Газета.Ru", "РБК"]
PEOPLE = ["Иван Петров", "Анна Смирнова", "Сергей Волков", "Мария Кузнецова"]


def site_of(url: str | None) -> str:
    host = re.sub(r"https?$", "", urlsplit(url or "").hostname or "")
    return ".".join(host.split(".")[-2:]) or "?"


def split_article(text: str) -> tuple[str, list[str]]:
    """(headline, body paragraphs): the corpus texts are a title line, a blank line, a body."""
    head, _, body = text.partition("\n")
    return head, [p for p in body.split("\n") if p.strip()]


def join_article(head: str, paragraphs: list[str]) -> str:
    return head + "\n\n" + "\n".join(paragraphs)


def site_template(rng: random.Random, site: str, headlines: list[str]) -> tuple[str, str]:
    """A reposting site's header and footer: source line, photo credit, links, subscription."""
    agency = rng.choice(AGENCIES)
    header = f"Источник: {agency}\nФото: {agency} / {rng.choice(PEOPLE)}"
    links = "\n".join(rng.sample(headlines, 3))
    footer = (f"Читайте также:\n{links}\nПодписывайтесь на наш канал в Telegram, чтобы первыми "
              f"узнавать о главных новостях дня.\n© {site}, 2018. Все права защищены. При "
              f"полном или частичном использовании материалов ссылка на {site} обязательна.")
    return header, footer


def wrap(text: str, header: str, footer: str) -> str:
    head, paragraphs = split_article(text)
    return join_article(head, [header, *paragraphs, footer])


def drop_sentence(rng: random.Random, text: str) -> str:
    head, paragraphs = split_article(text)
    places = [(p, s) for p, para in enumerate(paragraphs)
              for s in range(len(_SENTENCE_END.split(para)))]
    p, s = rng.choice(places)
    sentences = _SENTENCE_END.split(paragraphs[p])
    del sentences[s]
    paragraphs[p] = " ".join(sentences)
    return join_article(head, [para for para in paragraphs if para.strip()])


def move_paragraph(rng: random.Random, text: str) -> str:
    head, paragraphs = split_article(text)
    if len(paragraphs) < 2:
        return text
    moved = paragraphs.pop(rng.randrange(len(paragraphs)))
    paragraphs.insert(rng.randrange(len(paragraphs) + 1), moved)
    return join_article(head, paragraphs)


def change_words(rng: random.Random, text: str, donors: list[str], count: int = 3) -> str:
    """``count`` words of the body replaced by other words (an editor's substitutions)."""
    head, _, body = text.partition("\n")
    spots = list(_WORD.finditer(body))
    for match in sorted(rng.sample(spots, min(count, len(spots))), key=lambda m: -m.start()):
        body = body[:match.start()] + rng.choice(donors) + body[match.end():]
    return head + "\n" + body


def typography(text: str) -> str:
    for old, new in (("ё", "е"), ("Ё", "Е"), ("«", '"'), ("»", '"'), ("„", '"'), ("“", '"'),
                     ("—", "-"), ("–", "-"), ("\xa0", " "), ("…", "...")):
        text = text.replace(old, new)
    return text


def truncate(text: str, share: float = 0.7) -> str:
    cut = text.rfind(" ", 0, int(len(text) * share))
    return text[:cut if cut > 0 else int(len(text) * share)] + "… Читать полностью"


def strip_code(text: str) -> str:
    """The text as another site would carry it: without the source page's script/CSS lines."""
    return "\n".join(line for line in text.split("\n") if "{" not in line and "}" not in line)


def sentences(text: str) -> int:
    return sum(len(_SENTENCE_END.split(p)) for p in split_article(text)[1])


def body_words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def synthetic(args) -> None:
    from svodka.dedup import NearDuplicateIndex, THRESHOLD, jaccard, signature

    args.threshold = args.threshold or THRESHOLD
    texts = read_news(args.news)
    sigs = signatures(texts)
    near = {key for a, b, _ in all_pairs(sigs, THRESHOLD) for key in (a, b)}
    # --threshold asks what another threshold would do; the sample stays the same.
    index = NearDuplicateIndex(threshold=args.threshold)
    index.add_all(sigs.items())
    rng = random.Random(args.seed)
    # Headline-sized first lines, for "Читайте также" links and rewritten headlines.
    headlines = [h for text, _ in texts.values()
                 if 3 <= body_words(h := split_article(text)[0]) <= 20]
    donors = sorted({w for text, _ in list(texts.values())[:500] for w in _WORD.findall(text)})
    # Real articles: a body of at least 3 sentences and 60 words, not already near-duplicated.
    eligible = [k for k, (text, _) in texts.items() if k in sigs and k not in near
                and body_words(strip_code(text)) >= 60 and sentences(text) >= 3]
    # The same number from each length bucket: the corpus is mostly long features (median
    # 832 words), so a plain random sample would hold a handful of wire-length items, the
    # length at which a fixed-size edit costs the most similarity.
    buckets: dict[str, list[str]] = {}
    for key in eligible:
        buckets.setdefault(length_bucket(texts[key][0]), []).append(key)
    chosen = []
    for number, name in enumerate(LENGTHS):
        share = args.n // len(LENGTHS) + (number < args.n % len(LENGTHS))
        chosen += rng.sample(buckets[name], min(share, len(buckets[name])))

    edits = {
        "site header and footer": lambda t, r, s: wrap(t, *site_template(r, s, headlines)),
        "one sentence dropped": lambda t, r, s: drop_sentence(r, t),
        "one paragraph moved": lambda t, r, s: move_paragraph(r, t),
        "3 words changed": lambda t, r, s: change_words(r, t, donors, 3),
        "headline rewritten": lambda t, r, s: rng_headline(r, t, headlines),
        "typography (ё, quotes, dashes)": lambda t, r, s: typography(t),
        "truncated to first 70%": lambda t, r, s: truncate(t),
        "combined: template + sentence + 2 words + typography": lambda t, r, s: typography(
            change_words(r, drop_sentence(r, wrap(t, *site_template(r, s, headlines))),
                         donors, 2)),
    }
    results = []
    for name, edit in edits.items():
        found, other, sims, per_length = 0, 0, [], {length: [0, 0] for length in LENGTHS}
        for number, key in enumerate(chosen):
            text, url = texts[key]
            variant = edit(text, random.Random(f"{args.seed}:{name}:{number}"), site_of(url))
            minhash = signature(variant)
            match = index.best_match(minhash)
            sims.append(jaccard(sigs[key], minhash))
            bucket = per_length[length_bucket(text)]
            bucket[1] += 1
            if match and match[0] == key:
                found += 1
                bucket[0] += 1
            elif match:
                other += 1
        results.append({"edit": name, "articles": len(chosen), "detected": found,
                        "share": round(found / len(chosen), 3), "matched_another": other,
                        "median_similarity": round(statistics.median(sims), 3),
                        "detected_by_length": {k: f"{a}/{n}" for k, (a, n) in per_length.items()}})

    # Articles carrying the source page's script/CSS (left in by the reading layer), copied
    # by a site that does not carry that code: all such articles, not just the sample.
    coded = [k for k in sigs if k not in near and "{" in texts[k][0]
             and body_words(strip_code(texts[k][0])) >= 60]
    found = sum(1 for k in coded
                if (m := index.best_match(signature(strip_code(texts[k][0])))) and m[0] == k)
    results.append({"edit": "embedded script/CSS lines absent from the copy",
                    "articles": len(coded), "detected": found,
                    "share": round(found / len(coded), 3) if coded else None,
                    "median_similarity": round(statistics.median(
                        jaccard(sigs[k], signature(strip_code(texts[k][0])))
                        for k in coded), 3) if coded else None})

    false = [false_positives("random pairs of different articles", chosen_pairs(
                 rng, eligible, args.n, texts, same_site=False), texts, False, headlines, args)]
    # Different articles of one site in that site's header and footer: the boilerplate is
    # the larger share of a short text, so short ones are where a false match would show.
    short = [k for k, (text, _) in texts.items() if k in sigs and k not in near
             and 20 <= body_words(strip_code(text)) < 60]
    for name, keys in (("20-59 words", short), (LENGTHS[0], buckets[LENGTHS[0]]),
                       ("60+ words", eligible)):
        false.append(false_positives(f"same-site pairs, {name}, both in one site template",
                                     chosen_pairs(rng, keys, args.n, texts, same_site=True),
                                     texts, True, headlines, args))
    print_report({"seed": args.seed, "threshold": args.threshold,
                  "eligible_articles": len(eligible),
                  "recall": results, "false_positives": false})


def rng_headline(rng: random.Random, text: str, headlines: list[str]) -> str:
    """The headline replaced by another wording: here another article's headline."""
    head, _, body = text.partition("\n")
    return rng.choice([h for h in headlines if h != head]) + "\n" + body


LENGTHS = ["60-149 words", "150-399 words", ">=400 words"]


def length_bucket(text: str) -> str:
    words = body_words(strip_code(text))
    return LENGTHS[0] if words < 150 else LENGTHS[1] if words < 400 else LENGTHS[2]


def chosen_pairs(rng, keys, n, texts, same_site):
    by_site: dict[str, list[str]] = {}
    for key in keys:
        by_site.setdefault(site_of(texts[key][1]), []).append(key)
    pairs = []
    while len(pairs) < n:
        if same_site:
            group = rng.choice([g for g in by_site.values() if len(g) > 1])
            pairs.append(tuple(rng.sample(group, 2)))
        else:
            pairs.append(tuple(rng.sample(keys, 2)))
    return pairs


def false_positives(name, pairs, texts, template, headlines, args) -> dict:
    from svodka.dedup import NearDuplicateIndex, signature

    flagged, sims = 0, []
    for number, (a, b) in enumerate(pairs):
        left, right = texts[a][0], texts[b][0]
        if template:    # one site's header and footer on both, its link block differs per page
            rng = random.Random(f"{args.seed}:fp:{number}")
            header, footer = site_template(rng, site_of(texts[a][1]), headlines)
            left = wrap(left, header, footer)
            right = wrap(right, header, re.sub(r"Читайте также:\n.*\n.*\n.*\n",
                                                "Читайте также:\n" + "\n".join(
                                                    rng.sample(headlines, 3)) + "\n", footer))
        index = NearDuplicateIndex(threshold=args.threshold)
        index.add(a, signature(left))
        match = index.best_match(signature(right))
        flagged += match is not None
        sims.append(exact_jaccard(left, right))
    return {"pairs": name, "n": len(pairs), "flagged": flagged,
            "max_exact_jaccard": round(max(sims), 3),
            "median_exact_jaccard": round(statistics.median(sims), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("sample")
    take.add_argument("--news", type=Path, default=NEWS)
    take.add_argument("--db", default=None)
    take.add_argument("--n", type=int, default=200)
    take.add_argument("--seed", type=int, default=SEED)
    take.add_argument("--out", type=Path, default=Path("/tmp/svodka-bench/pairs-to-judge.jsonl"))
    take.set_defaults(run=sample)
    below = commands.add_parser("band")
    below.add_argument("--news", type=Path, default=NEWS)
    below.add_argument("--low", type=float, default=0.3)
    below.add_argument("--high", type=float, default=0.8)
    below.add_argument("--out", type=Path, default=JUDGED_BELOW)
    below.set_defaults(run=band)
    check = commands.add_parser("score")
    check.add_argument("files", type=Path, nargs="*", default=[JUDGED, JUDGED_BELOW])
    check.add_argument("--news", type=Path, default=NEWS)
    check.add_argument("--stored", action="store_true",
                       help="use the similarity stored at judging time instead of recomputing")
    check.set_defaults(run=score)
    synth = commands.add_parser("synthetic")
    synth.add_argument("--news", type=Path, default=NEWS)
    synth.add_argument("--n", type=int, default=200)
    synth.add_argument("--seed", type=int, default=SEED)
    synth.add_argument("--threshold", type=float, default=None,
                       help="the index's Jaccard threshold (default: svodka's, 0.8)")
    synth.set_defaults(run=synthetic)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
