"""Morphology-aware search: FTS5 on SQLite, ``to_tsvector('russian', …)`` on PostgreSQL.

Both index the same lemma text (see :mod:`svodka.store.lemmas`); a query is lemmatized the
same way, every word required, any of its normal forms accepted.
"""
from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, bindparam, column, func, literal_column, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.exc import OperationalError

from svodka.errors import QueryTooCostly
from svodka.store import schema as t
from svodka.store.lemmas import first_hit, query_terms, word_span
from svodka.store.read import OPENING_CHARS, date_filters, headline_of, resolve_entities

KINDS = ("article", "quote", "amount")
SNIPPET_CHARS = 90
# Every word is one more index lookup joined to the others; a question has a few words.
MAX_TERMS = 16


class _Budget:
    """One search's deadline on one SQLite connection."""
    __slots__ = ("driver", "deadline", "done")

    def __init__(self, driver, deadline: float):
        self.driver = driver
        self.deadline = deadline
        self.done = False

    def __lt__(self, other: "_Budget") -> bool:
        return self.deadline < other.deadline


class _Watchdog:
    """Interrupts SQLite connections whose time is up, from one thread for the process.

    SQLite's progress handler would call back into Python every few thousand steps, and each
    call waits for the GIL: under 20 concurrent requests a long search spent most of its time
    waiting for its own time checks. An interrupt costs the query nothing until it fires.
    A thread (``threading.Timer``) per search cost its start and its end on every search —
    ~11 % of a search's samples under load; here a search that ends in time only sets a flag.
    """

    def __init__(self):
        self.wake = threading.Condition()
        self.pending: list[_Budget] = []
        self.thread: threading.Thread | None = None

    def start(self, driver, seconds: float) -> _Budget:
        budget = _Budget(driver, time.monotonic() + seconds)
        with self.wake:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="svodka-search-budget",
                                               daemon=True)
                self.thread.start()
            heapq.heappush(self.pending, budget)
            if self.pending[0] is budget:     # sooner than the one the thread waits for
                self.wake.notify()
        return budget

    def stop(self, budget: _Budget) -> None:
        with self.wake:          # under the lock: a late interrupt never hits the next user
            budget.done = True

    def _run(self) -> None:
        with self.wake:
            while True:
                while self.pending and self.pending[0].done:
                    heapq.heappop(self.pending)
                if not self.pending:
                    self.wake.wait()
                    continue
                left = self.pending[0].deadline - time.monotonic()
                if left > 0:
                    self.wake.wait(left)
                    continue
                due = heapq.heappop(self.pending)
                due.done = True
                due.driver.interrupt()


_watchdog = _Watchdog()


@contextmanager
def time_budget(conn: Connection, seconds: float | None) -> Iterator[None]:
    """Stop the database's work on this connection after ``seconds``: QueryTooCostly."""
    if seconds is None:
        yield
        return
    message = (f"the search took over {seconds:g} s: add a rarer word or a filter")
    budget = None
    if conn.dialect.name == "sqlite":
        if seconds <= 0:     # no time at all: nothing can run
            raise QueryTooCostly(message)
        budget = _watchdog.start(conn.connection.driver_connection, seconds)
    else:
        # SET LOCAL ends with the transaction this connection's first statement began
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}")
    try:
        yield
    except OperationalError as error:
        if "interrupted" in str(error.orig) or "statement timeout" in str(error.orig):
            raise QueryTooCostly(message) from None
        raise
    finally:
        if budget is not None:
            _watchdog.stop(budget)


def fts5_query(terms: list[tuple[str, ...]]) -> str:
    # Terms hold only letters and digits, and are quoted, so no FTS5 syntax can get in.
    return " AND ".join("(" + " OR ".join(f'"{form}"' for form in term) + ")" for term in terms)


def tsquery(terms: list[tuple[str, ...]]) -> str:
    return " & ".join("(" + " | ".join(term) + ")" for term in terms)


def _matching(conn: Connection, terms):
    """The units matching every term, and the order of relevance, per database."""
    u = t.search_units.c
    if conn.dialect.name == "sqlite":
        fts = table("search_fts", column("rowid"), column("rank"))
        query = (select(u.id).join_from(t.search_units, fts, fts.c.rowid == u.id)
                 .where(literal_column("search_fts").match(fts5_query(terms))))
        return query, fts.c.rank.asc()
    vector = func.to_tsvector("russian", u.lemmas)
    tsq = func.to_tsquery("russian", tsquery(terms))
    return select(u.id).where(vector.op("@@")(tsq)), func.ts_rank(vector, tsq).desc()


def search(conn: Connection, q: str, kind: str | None = None, entity: str | None = None,
           speaker: str | None = None, date_from: str | None = None, date_to: str | None = None,
           limit: int = 50, offset: int = 0, seconds: float | None = None) -> list[dict]:
    """Units matching every word of ``q``, best first; ``seconds`` bounds the database's
    time (QueryTooCostly past it), and more than MAX_TERMS different words are refused."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind is one of {', '.join(KINDS)}")
    terms = query_terms(q)
    if not terms:
        return []
    if len(terms) > MAX_TERMS:
        raise QueryTooCostly(f"{len(terms)} different words: a search takes at most {MAX_TERMS}")
    with time_budget(conn, seconds):
        return _search(conn, terms, kind, entity, speaker, date_from, date_to, limit, offset)


def _search(conn: Connection, terms, kind, entity, speaker, date_from, date_to,
            limit: int, offset: int) -> list[dict]:
    # First the ids of the best units (small columns only), then their rows: reading the
    # lemma text of every match before ranking made common words 50x slower.
    u, a = t.search_units.c, t.articles.c
    filtered = bool(kind or entity or speaker or date_from or date_to)
    if conn.dialect.name == "sqlite" and not filtered:
        # Nothing to join: FTS5 ranks its own rows 3-5x faster than through the join.
        query = (select(literal_column("rowid")).select_from(table("search_fts"))
                 .where(literal_column("search_fts").match(fts5_query(terms)))
                 .order_by(literal_column("rank"), literal_column("rowid")))
        ids = conn.execute(query.offset(offset).limit(limit)).scalars().all()
        return _hits(conn, ids, terms)
    query, rank = _matching(conn, terms)
    if date_from or date_to:
        query = query.join(t.articles, a.id == u.article_id).where(
            *date_filters(a.published, date_from, date_to))
    if kind:
        query = query.where(u.kind == kind)
    if entity:
        entity_ids = resolve_entities(conn, entity)
        query = query.where(u.article_id.in_(select(t.article_entities.c.article_id).where(
            t.article_entities.c.entity_id.in_(entity_ids))))
    if speaker:
        query = query.where(u.speaker_id.in_(resolve_entities(conn, speaker)))
    ids = conn.execute(query.order_by(rank, u.id).offset(offset).limit(limit)).scalars().all()
    return _hits(conn, ids, terms)


# Written out for the reason given in svodka.store.listing; the article's text comes in the
# same statement (a page's hits are at most a hundred rows).
_HIT_ROWS = sql_text(
    'SELECT u.id, u.article_id, u.kind, u.start, u."end", u.ctx_start, u.ctx_end, '
    "u.speaker_id, u.lemmas, a.headline, a.title, a.published, a.text, "
    "e.name AS speaker_name FROM search_units u JOIN articles a ON a.id = u.article_id "
    "LEFT JOIN entities e ON e.id = u.speaker_id WHERE u.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def _hits(conn: Connection, ids: list[int], terms) -> list[dict]:
    """The hits for the given unit ids, in their order."""
    if not ids:
        return []
    rows = {row.id: row for row in conn.execute(_HIT_ROWS, {"ids": list(ids)})}
    return [_hit(rows[i], rows[i].text, terms) for i in ids]


def _hit(row, text: str, terms) -> dict:
    context = text[row.ctx_start:row.ctx_end]
    index = first_hit(row.lemmas, terms)
    span = word_span(context, index) if index is not None else None
    at, upto = (row.ctx_start + span[0], row.ctx_start + span[1]) if span else (row.start, row.start)
    left = max(row.ctx_start, at - SNIPPET_CHARS)
    right = min(row.ctx_end, upto + SNIPPET_CHARS)
    left = text.rfind(" ", row.ctx_start, left) + 1 if left > row.ctx_start else left
    space = text.find(" ", right, row.ctx_end)
    right = space if right < row.ctx_end and space != -1 else right
    snippet = ("…" if left > row.ctx_start else "") + " ".join(text[left:right].split()) + \
        ("…" if right < row.ctx_end else "")
    start, end = (left, right) if row.kind == "article" else (row.start, row.end)
    return {"kind": row.kind, "article_id": row.article_id,
            "headline": headline_of(row, text[:OPENING_CHARS]), "published": row.published,
            "start": start, "end": end, "text": text[start:end], "snippet": snippet,
            "speaker_id": row.speaker_id, "speaker_name": row.speaker_name}
