"""Several writers into one PostgreSQL store, and the ordered pass that finishes their load.

The single writer's cost is mostly rows that depend on one article alone (the article with
its text and record, amounts, dates, the search units with their lemmas). Those any number of
writers can load at once (:func:`stage`), each in its own transactions, each article under
its place in the input (``position``). Two steps depend on the order of the whole corpus:
near-duplicates (an article is a copy of an *earlier* one) and corpus entity resolution (an
article's entities join the corpus entities stored *before* it). :func:`finish` does those
once, after the load, in input order, with the single writer's own code
(:func:`svodka.store.write.link_article`, :mod:`svodka.store.resolve`), so the store ends
exactly as a single writer would have left it.

A run stopped anywhere is resumed by running it again: what was staged stays staged under
its position, what was finished is known, and :func:`finish` picks up the rest.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import DBAPIError

from svodka.dedup import NearDuplicateIndex
from svodka.reading import Rejection
from svodka.record import Article
from svodka.store import corrections as _corrections, schema as t, write
from svodka.store.engine import describe_error, insert_ignore, write_transaction
from svodka.store.keys import Evidence
from svodka.store.prepare import Prepared


@dataclass(frozen=True, slots=True)
class Staged:
    """A document loaded by one of several writers (or known to be loaded already), whose
    fate (stored, or a duplicate) the ordered pass decides."""
    position: int
    article_id: str


@dataclass(frozen=True, slots=True)
class Repeat:
    """A later document with the id of one already in this load: judged in the ordered pass
    as the single writer judges it (an exact copy from another source, or nothing)."""
    position: int
    article_id: str
    path: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    position: int
    article_id: str
    status: str            # stored | duplicate | rejected
    undated: bool = False


def store_error(prepared: Prepared, error: DBAPIError) -> Rejection:
    """The rejection of an article the database refused (e.g. NUL characters in PostgreSQL)."""
    source = prepared.article.source
    return Rejection("store_error", describe_error(error)[:500], source.path,
                     source.url or prepared.article.id,
                     prepared.article.text[:1000].encode("utf-8", errors="replace"))


def _keys(prepared: Prepared) -> str:
    return json.dumps({"entity_words": prepared.entity_words,
                       "evidence": {k: e.to_dict() for k, e in prepared.evidence.items()}},
                      ensure_ascii=False)


def stage(conn: Connection, position: int, prepared: Prepared) -> Staged | Rejection:
    """Load one article's own rows inside the caller's transaction (a savepoint each, so one
    refused article does not lose its batch)."""
    article = prepared.article
    try:
        with conn.begin_nested():
            if write.stage_article(conn, prepared):
                kind = "article"
            else:  # another writer or an earlier run has it: judged as a later copy
                kind = "repeat"
            insert_ignore(conn, t.staged, [{
                "position": position, "article_id": article.id, "kind": kind,
                "path": article.source.path, "url": article.source.url,
                "keys": _keys(prepared) if kind == "article" else None}])
    except DBAPIError as error:
        return store_error(prepared, error)
    return Staged(position, article.id)


def stage_repeats(conn: Connection, repeats: list[Repeat]) -> None:
    insert_ignore(conn, t.staged, [{"position": r.position, "article_id": r.article_id,
                                    "kind": "repeat", "path": r.path, "url": r.url,
                                    "keys": None} for r in repeats])


def staged_at(conn: Connection, article_id: str) -> tuple[int, str | None, str | None] | None:
    """Where a staged (not yet finished) article came from: position, path, URL."""
    s = t.staged.c
    row = conn.execute(select(s.position, s.path, s.url)
                       .where(s.article_id == article_id, s.kind == "article")
                       .order_by(s.position).limit(1)).first()
    return tuple(row) if row else None


def near_index(conn: Connection) -> NearDuplicateIndex:
    """The finished articles, as the single writer's index holds them when a load starts."""
    a, s = t.articles.c, t.staged.c
    index = NearDuplicateIndex()
    waiting = select(s.article_id).where(s.kind == "article")
    index.add_all(conn.execute(select(a.id, a.minhash).where(a.id.not_in(waiting))
                               .order_by(a.id)))
    return index


def finish(engine: Engine, batch_size: int = 64, before: int | None = None,
           near: NearDuplicateIndex | None = None
           ) -> tuple[list[Outcome], NearDuplicateIndex | None]:
    """The ordered pass: every staged document in input order (only those at positions
    ``before`` it, when given), a transaction per batch. ``near``: the index a previous
    pass of the same load left (it grows as articles are linked); returned for the next."""
    s = t.staged.c
    with engine.connect() as conn:
        query = select(s.position, s.article_id).order_by(s.position, s.article_id)
        if before is not None:
            query = query.where(s.position < before)
        order = conn.execute(query).all()
        if not order:
            return [], near
        if near is None:
            near = near_index(conn)
    outcomes: list[Outcome] = []
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        # A batch that fails rolls back and raises: the index may then hold its articles,
        # so the caller must drop it.
        with write_transaction(engine) as conn:
            outcomes += _finish_batch(conn, chunk, near)
    return outcomes, near


def _finish_batch(conn: Connection, chunk, near: NearDuplicateIndex) -> list[Outcome]:
    s, a = t.staged.c, t.articles.c
    keys = [(p, i) for p, i in chunk]
    rows = {(r.position, r.article_id): r for r in conn.execute(
        select(t.staged).where(s.position.between(keys[0][0], keys[-1][0])))}
    ids = sorted({r.article_id for r in rows.values() if r.kind == "article"})
    articles = {r.id: r for r in conn.execute(
        select(a.id, a.text, a.record, a.minhash, a.headline, a.title)
        .where(a.id.in_(ids)))} if ids else {}
    outcomes, stored = [], []
    for key in keys:
        row = rows[key]
        if row.kind == "repeat":
            outcomes.append(Outcome(row.position, row.article_id, _repeat(conn, row)))
            continue
        outcome = _link(conn, row, articles[row.article_id], near)
        outcomes.append(outcome)
        if outcome.status == "stored":
            stored.append(row.article_id)
    conn.execute(t.staged.delete().where(s.position == bindparam("b_position"),
                                         s.article_id == bindparam("b_article")),
                 [{"b_position": p, "b_article": i} for p, i in keys])
    if stored:
        _corrections.apply(conn, article_ids=stored)   # corrections outlast ingest
    return outcomes


def _repeat(conn: Connection, row) -> str:
    """What :meth:`Store._add_one` does with an id it has seen: the copy from another source
    is recorded; a copy of a near-duplicate or of a refused article adds nothing."""
    source = write.stored_source(conn, row.article_id)
    if source is not None and source != (row.path, row.url):
        write.add_duplicate(conn, row.article_id, row.article_id, "exact", 1.0, row.path, row.url)
    return "duplicate"


def _link(conn: Connection, row, stored, near: NearDuplicateIndex) -> Outcome:
    match = near.best_match(stored.minhash)
    if match is not None:
        headline = stored.headline if stored.headline is not None else stored.title
        write.delete_staged(conn, row.article_id)
        write.add_duplicate(conn, row.article_id, match[0], "near", match[1], row.path,
                            row.url, headline)
        return Outcome(row.position, row.article_id, "duplicate")
    keys = json.loads(row.keys)
    prepared = Prepared(
        article=Article.from_dict(json.loads(stored.record) | {"text": stored.text}),
        record=stored.record, minhash=stored.minhash,
        entity_words=keys["entity_words"],
        evidence={k: Evidence.from_dict(e) for k, e in keys["evidence"].items()})
    try:
        with conn.begin_nested():
            write.link_article(conn, prepared)
    except DBAPIError as error:
        write.delete_staged(conn, row.article_id)
        write.add_rejection(conn, store_error(prepared, error))
        return Outcome(row.position, row.article_id, "rejected")
    if stored.minhash:
        near.add(row.article_id, stored.minhash)
    return Outcome(row.position, row.article_id, "stored",
                   undated=prepared.article.published is None)
