"""``svodka eval entities-corpus``: one corpus entity per real thing, on NEREL dev.

The dev texts go into a fresh store, one article each, in name order. Every gold mention of
a PERSON, ORGANIZATION, COUNTRY, CITY or STATE_OR_PROVINCE with a Wikidata id is matched to
the stored mention that overlaps it most (at least half of the gold span). Over pairs of
matched mentions, two should share a corpus entity exactly when they share a Wikidata id:
pairwise precision, recall and F1, for pairs inside one document and pairs across
documents, next to a "same normal form" baseline (natasha's NER spans, normalized; a person
keyed by surname). Also: ALTERNATIVE_NAME pairs in one corpus entity, the share of those
pairs with a side svodka emits no mention for, and the ``wikidata`` ids emitted (the table
is built from train only, so every dev mention is unseen).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from svodka.eval import nerel
from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Share

LINKED = ("PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE")
SVODKA, BASELINE = "svodka", "same normal form"


@dataclass(frozen=True, slots=True)
class Found:
    """A system's mention: its span and the key of the entity it belongs to."""
    start: int
    end: int
    entity: str
    wikidata: str | None = None


def best_match(start: int, end: int, found: Iterable[Found]) -> Found | None:
    """The mention overlapping [start, end) most, if it covers at least half of it; of
    mentions overlapping alike, the one closest in length (nested "РФ" in "Минобороны РФ"
    is "РФ" when the system has a mention of its own for it)."""
    best, best_rank = None, None
    for mention in found:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap * 2 < end - start or overlap <= 0:
            continue
        rank = (overlap, -abs((mention.end - mention.start) - (end - start)))
        if best_rank is None or rank > best_rank:
            best, best_rank = mention, rank
    return best


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_scores(matched: list[tuple[str, str, str]]) -> tuple[PRF, PRF]:
    """(document, gold id, system entity) per matched mention → (inside, across) pair PRFs:
    a pair is predicted when both share the system entity, gold when both share the id."""
    def counts(keys) -> int:
        return sum(_pairs(n) for n in Counter(keys).values())

    total_same = counts((e,) for _, _, e in matched)
    total_gold = counts((g,) for _, g, _ in matched)
    total_both = counts((g, e) for _, g, e in matched)
    in_same = counts((d, e) for d, _, e in matched)
    in_gold = counts((d, g) for d, g, _ in matched)
    in_both = counts((d, g, e) for d, g, e in matched)
    inside = PRF(in_both, in_same, in_both, in_gold)
    across = PRF(total_both - in_both, total_same - in_same, total_both - in_both,
                 total_gold - in_gold)
    return inside, across


def gold_mentions(document: nerel.NerelDocument) -> list[tuple[nerel.NerelMention, str]]:
    return [(m, document.links[m.id]) for m in document.mentions.values()
            if m.type in LINKED and m.id in document.links]


def alias_pairs(document: nerel.NerelDocument):
    return [(a, b) for a, b in document.pairs("ALTERNATIVE_NAME")
            if nerel.TYPE_MAP.get(a.type) in nerel.ENTITY_TYPES
            and nerel.TYPE_MAP.get(b.type) in nerel.ENTITY_TYPES
            and a.text.lower() != b.text.lower()]


@dataclass(slots=True)
class SystemScores:
    inside: PRF
    across: PRF
    matched: Share
    alias: Share
    alias_unseen: Share
    wikidata_accuracy: Share | None = None
    wikidata_coverage: Share | None = None


def score(documents: list[nerel.NerelDocument],
          found: dict[str, list[Found]], with_wikidata: bool) -> SystemScores:
    """One system's scores; ``found`` maps a document id to its mentions."""
    matched, share = [], Share()
    accuracy, coverage = Share(), Share()
    alias, unseen = Share(), Share()
    for document in documents:
        mentions = found.get(document.id, [])
        for gold, qid in gold_mentions(document):
            share.total += 1
            match = best_match(gold.start, gold.end, mentions)
            if match is None:
                continue
            share.correct += 1
            matched.append((document.id, qid, match.entity))
            coverage.total += 1
            if match.wikidata:
                coverage.correct += 1
                accuracy.total += 1
                accuracy.correct += match.wikidata == qid
        for a, b in alias_pairs(document):
            alias.total += 1
            unseen.total += 1
            left = best_match(a.start, a.end, mentions)
            right = best_match(b.start, b.end, mentions)
            if left is None or right is None:
                unseen.correct += 1
            elif left.entity == right.entity:
                alias.correct += 1
    inside, across = pair_scores(matched)
    if not with_wikidata:
        return SystemScores(inside, across, share, alias, unseen)
    return SystemScores(inside, across, share, alias, unseen, accuracy, coverage)


def stored_mentions(store, article_ids: Iterable[str]) -> dict[str, list[Found]]:
    """Each stored article's mentions with their corpus entity and its Wikidata id."""
    from sqlalchemy import select

    from svodka.store import schema as t

    m, e = t.mentions.c, t.entities.c
    found: dict[str, list[Found]] = {}
    ids = sorted(set(article_ids))
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(select(m.article_id, m.start, m.end, m.entity_id, e.wikidata)
                                .join(t.entities, e.id == m.entity_id)
                                .where(m.article_id.in_(ids[start:start + 500]))
                                .order_by(m.article_id, m.n))
            for row in rows:
                found.setdefault(row.article_id, []).append(
                    Found(row.start, row.end, row.entity_id, row.wikidata))
    return found


def normal_form_mentions(texts: dict[str, str]) -> dict[str, list[Found]]:
    """The baseline: natasha's NER spans, each keyed by its normal form (a person by the
    last word of it, the surname)."""
    from natasha import Doc

    from svodka.analysis import load_models
    from svodka.names import fold

    models = load_models()
    found: dict[str, list[Found]] = {}
    for doc_id, text in texts.items():
        doc = Doc(text)
        doc.segment(models.segmenter)
        doc.tag_morph(models.morph_tagger)
        doc.tag_ner(models.ner_tagger)
        mentions = []
        for span in doc.spans:
            span.normalize(models.morph_vocab)
            normal = fold(span.normal or span.text)
            key = normal.split()[-1] if span.type == "PER" and normal.split() else normal
            mentions.append(Found(span.start, span.stop, f"{span.type}:{key}"))
        found[doc_id] = mentions
    return found


def result(documents: list[nerel.NerelDocument], svodka: SystemScores,
           baseline: SystemScores, path: str, stored: int) -> Result:
    systems = [SVODKA, BASELINE]
    out = Result("entities-corpus", "NEREL dev: one corpus entity per Wikidata id", path,
                 len(documents), systems)

    def both(name: str, pick, note: str = "") -> None:
        out.measures.append(Measure(name, {SVODKA: pick(svodka), BASELINE: pick(baseline)},
                                    note))

    both("pairs across documents", lambda s: s.across)
    both("pairs inside documents", lambda s: s.inside)
    both("gold mentions matched", lambda s: s.matched, "a mention covering half the span")
    both("alias", lambda s: s.alias, "ALTERNATIVE_NAME pairs in one entity")
    both("alias pairs with a side not emitted", lambda s: s.alias_unseen)
    both("wikidata accuracy", lambda s: s.wikidata_accuracy, "where emitted")
    both("wikidata coverage", lambda s: s.wikidata_coverage, "matched gold mentions with an id")
    out.notes.append(f"{stored} of {len(documents)} documents stored (the rest judged "
                     f"near-duplicates of another)")
    return out


def evaluate_entities_corpus(path, db, limit: int | None = None) -> Result:
    """Extract NEREL dev into a fresh store at ``db`` (a SQLite path, removed first), then
    score svodka's corpus entities and the baseline."""
    import time
    from pathlib import Path

    from svodka.analysis import load_models
    from svodka.pipeline import extract
    from svodka.store import open_store, prepare

    documents = nerel.load_nerel(Path(path), limit)
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        leftover.unlink(missing_ok=True)
    models = load_models()
    started = time.perf_counter()
    with open_store(str(db)) as store:
        statuses = store.add_prepared([prepare(extract(d.text, id=d.id, models=models))
                                       for d in documents])
        seconds = time.perf_counter() - started
        svodka = score(documents, stored_mentions(store, [d.id for d in documents]), True)
    started = time.perf_counter()
    baseline = score(documents, normal_form_mentions({d.id: d.text for d in documents}), False)
    out = result(documents, svodka, baseline, str(path), statuses.count("stored"))
    out.seconds = {SVODKA: seconds, BASELINE: time.perf_counter() - started}
    return out
