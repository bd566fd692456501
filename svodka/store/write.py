"""Writing one prepared article and everything hanging off it, inside the caller's transaction."""
from __future__ import annotations

import hashlib

from collections import Counter

from sqlalchemy import Connection, bindparam, select

from svodka.reading import Rejection
from svodka.store import schema as t
from svodka.store.engine import add_counts, insert_ids, insert_ignore, insert_rows
from svodka.store.prepare import Prepared
from svodka.store.resolve import resolve_article


def entity_types_value(types: set[str]) -> str:
    """The ``articles.entity_types`` column: " LOC PER " (spaces around every type, so a
    type is found with LIKE '% PER %')."""
    return " " + " ".join(sorted(types)) + " " if types else " "


def _key(*parts: object) -> str:
    return hashlib.sha1("\x00".join("" if p is None else str(p) for p in parts)
                        .encode("utf-8", errors="surrogatepass")).hexdigest()


# Asked for every article the writer adds: built once, not for each call.
_STORED_SOURCE = select(t.articles.c.path, t.articles.c.url).where(
    t.articles.c.id == bindparam("article_id"))
_KNOWN_COPY = select(t.duplicates.c.key).where(
    t.duplicates.c.article_id == bindparam("article_id")).limit(1)


def stored_source(conn: Connection, article_id: str) -> tuple[str | None, str | None] | None:
    row = conn.execute(_STORED_SOURCE, {"article_id": article_id}).first()
    return (row.path, row.url) if row else None


def is_known_copy(conn: Connection, article_id: str) -> bool:
    return conn.execute(_KNOWN_COPY, {"article_id": article_id}).first() is not None


def add_duplicate(conn: Connection, copy_id: str, original_id: str, kind: str,
                  similarity: float, path: str | None, url: str | None,
                  headline: str | None = None) -> None:
    """Record a copy that is not stored; one row per copy, original and source."""
    insert_ignore(conn, t.duplicates, [{
        "key": _key(copy_id, original_id, path, url), "article_id": copy_id,
        "original_id": original_id, "kind": kind, "similarity": round(similarity, 4),
        "headline": headline, "url": url, "path": path}])


def add_rejection(conn: Connection, rejection: Rejection) -> None:
    insert_ignore(conn, t.rejections, [{
        "key": _key(rejection.path, rejection.locator, rejection.reason),
        "reason": rejection.reason, "message": rejection.message[:2000],
        "path": rejection.path, "locator": rejection.locator,
        "sample": bytes(rejection.sample or b"")[:4000]}])


def _entities(conn: Connection, prepared: Prepared) -> dict[str, str]:
    """Article-level entity ids → corpus ids (resolved, see resolve.py); the corpus entities
    gather the names, aliases and roles each article gives."""
    article = prepared.article
    local_to_corpus = resolve_article(conn, article, prepared.evidence)
    alias_rows, role_rows, word_rows, link_rows = [], [], [], []
    for entity in article.entities:
        corpus_id = local_to_corpus[entity.id]
        alias_rows += [{"entity_id": corpus_id, "alias": a} for a in {entity.name, *entity.aliases}]
        role_rows += [{"entity_id": corpus_id, "role": r} for r in set(entity.roles)]
        word_rows += [{"entity_id": corpus_id, "word": w}
                      for w in prepared.entity_words.get(entity.id, [])]
        link_rows.append({"article_id": article.id, "local_id": entity.id, "entity_id": corpus_id})
    insert_ignore(conn, t.entity_aliases, alias_rows)
    insert_ignore(conn, t.entity_roles, role_rows)
    insert_ignore(conn, t.entity_words, word_rows)
    insert_ignore(conn, t.article_entities, link_rows)
    return local_to_corpus


def add_article(conn: Connection, prepared: Prepared) -> bool:
    """Store the article; False when a concurrent writer stored the same id first."""
    if not _add_article_rows(conn, prepared):
        return False
    _index(conn, prepared, _link(conn, prepared))
    return True


def stage_article(conn: Connection, prepared: Prepared) -> bool:
    """The rows that depend on this article alone: the article, its amounts and dates, its
    search units (quote speakers unset). Any number of writers can do this at once; the
    rest waits for :func:`link_article`, which must see the corpus in input order."""
    if not _add_article_rows(conn, prepared):
        return False
    _index(conn, prepared, {})
    return True


def _add_article_rows(conn: Connection, prepared: Prepared) -> bool:
    article = prepared.article
    aid = article.id
    inserted = insert_ignore(conn, t.articles, [{
        "id": aid, "headline": article.headline.text if article.headline else None,
        "title": article.title, "published": article.published, "url": article.source.url,
        "path": article.source.path, "format": article.source.format,
        "n_chars": len(article.text), "n_entities": len(article.entities),
        "n_quotes": len(article.quotes), "n_amounts": len(article.amounts),
        "minhash": prepared.minhash, "text": article.text, "record": prepared.record,
        "source": article.source.domain,
        "entity_types": entity_types_value({e.type for e in article.entities})}])
    if not inserted:
        return False
    insert_ignore(conn, t.amounts, [{
        "article_id": aid, "n": n, "start": a.start, "end": a.end, "text": a.text,
        "kind": a.kind, "value": a.value, "unit": a.unit, "approx": a.approx, "of": a.of,
        "to": a.to, "measure": a.measure, "period": a.period, "noun": a.noun}
        for n, a in enumerate(article.amounts)])
    insert_ignore(conn, t.dates, [{
        "article_id": aid, "n": n, "start": d.start, "end": d.end, "text": d.text,
        "kind": d.kind, "value": d.value} for n, d in enumerate(article.dates)])
    return True


def link_article(conn: Connection, prepared: Prepared) -> None:
    """The corpus-level rows of a staged article, in input order: its entities resolved
    against the corpus stored before it, mentions, quotes with their speakers, counts."""
    corpus = _link(conn, prepared)
    article = prepared.article
    speakers = [{"b_article": article.id, "b_n": n, "b_speaker": corpus[q.speaker]}
                for n, q in enumerate(article.quotes) if q.speaker in corpus]
    if speakers:
        u = t.search_units.c
        conn.execute(t.search_units.update()
                     .where(u.article_id == bindparam("b_article"), u.kind == "quote",
                            u.n == bindparam("b_n"))
                     .values(speaker_id=bindparam("b_speaker")), speakers)


def _link(conn: Connection, prepared: Prepared) -> dict[str, str]:
    article = prepared.article
    aid = article.id
    corpus = _entities(conn, prepared)
    mention_rows = []
    for entity in article.entities:
        for m in entity.mentions:
            mention_rows.append({"article_id": aid, "n": len(mention_rows),
                                 "entity_id": corpus[entity.id], "local_id": entity.id,
                                 "start": m.start, "end": m.end, "text": m.text,
                                 "normal": m.normal, "kind": m.kind, "tone": m.tone})
    insert_ignore(conn, t.mentions, mention_rows)
    insert_ignore(conn, t.quotes, [{
        "article_id": aid, "n": n, "start": q.start, "end": q.end, "text": q.text,
        "kind": q.kind, "speaker_local": q.speaker, "speaker_id": corpus.get(q.speaker),
        "speaker_name": q.speaker_name, "cue": q.cue} for n, q in enumerate(article.quotes)])
    _count_by_month(conn, prepared, corpus)
    return corpus


def delete_staged(conn: Connection, article_id: str) -> None:
    """Undo :func:`stage_article` (a staged article the ordered pass finds a near copy)."""
    units = select(t.search_units.c.id).where(t.search_units.c.article_id == article_id)
    conn.execute(t.search_facets.delete().where(t.search_facets.c.id.in_(units)))
    for table in (t.search_units, t.amounts, t.dates):
        conn.execute(table.delete().where(table.c.article_id == article_id))
    conn.execute(t.articles.delete().where(t.articles.c.id == article_id))


def _count_by_month(conn: Connection, prepared: Prepared, corpus: dict[str, str]) -> None:
    article = prepared.article
    quoted = Counter(corpus[q.speaker] for q in article.quotes if q.speaker in corpus)
    counted = []   # each entity's counts, once for both months
    for entity in article.entities:
        tones = [m.tone for m in entity.mentions]
        counted.append((corpus[entity.id], entity.type, len(tones), tones.count(1),
                        tones.count(-1)))
    rows = {}
    for month in ((article.published or t.NO_MONTH)[:7], t.ALL_MONTHS):
        for corpus_id, type_, mentions, positive, negative in counted:
            row = rows.setdefault((corpus_id, month), {
                "entity_id": corpus_id, "month": month, "type": type_, "mentions": 0,
                "quotes": quoted[corpus_id], "positive": 0, "negative": 0})
            row["mentions"] += mentions
            row["positive"] += positive
            row["negative"] += negative
    add_counts(conn, t.entity_months, list(rows.values()),
               ("mentions", "quotes", "positive", "negative"))


def _index(conn: Connection, prepared: Prepared, corpus: dict[str, str]) -> None:
    rows = [{"article_id": prepared.article.id, "kind": u.kind, "n": u.n, "start": u.start,
             "end": u.end, "ctx_start": u.ctx_start, "ctx_end": u.ctx_end,
             "speaker_id": corpus.get(u.speaker_local) if u.speaker_local else None,
             "lemmas": u.lemmas} for u in prepared.units]
    if not rows:
        return
    ids = insert_ids(conn, t.search_units, rows)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO search_fts(rowid, lemmas) VALUES (?, ?)",
                             [(i, r["lemmas"]) for i, r in zip(ids, rows)])
    article = prepared.article
    common = {"published": article.published, "source": article.source.domain,
              "entity_types": entity_types_value({e.type for e in article.entities})}
    insert_rows(conn, t.search_facets, [
        {"id": i, "kind": u.kind, **common,
         "quote_kind": article.quotes[u.n].kind if u.kind == "quote" else None}
        for i, u in zip(ids, prepared.units)])
