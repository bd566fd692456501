"""The corpus store: articles, corpus-level entities, quotes, amounts, dates, duplicates and
rejected inputs in SQLite (default) or PostgreSQL, through one SQLAlchemy Core code path.

    store = open_store("corpus.db")
    store.add_article(article)            # "stored" | "duplicate"
    store.search("посол Казахстана")
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable

from sqlalchemy import select, text as sql_text
from sqlalchemy.exc import DBAPIError

from svodka.dedup import NearDuplicateIndex
from svodka.reading import Rejection
from svodka.record import Article
from svodka.store import (corrections as _corrections, read, schema, search as _search, staged,
                          write)
from svodka.store.engine import (StoreUnavailable, describe_error, make_engine, masked,
                                 normalize_url, sqlite_path, write_transaction)
from svodka.store.migrations import LATEST, migrate, up_to_date
from svodka.store.prepare import Prepared, prepare

__all__ = ["Store", "open_store", "prepare", "Prepared", "StoreUnavailable", "masked",
           "CorrectionError"]

CorrectionError = _corrections.CorrectionError

log = logging.getLogger(__name__)

# The article page's reads, written out (see svodka.store.listing for why).
_ARTICLE_RECORD = sql_text("SELECT text, record FROM articles WHERE id = :article_id")
_MENTION_KEYS = ("n", "entity_id", "local_id", "start", "end", "text")
_ARTICLE_MENTIONS = sql_text('SELECT n, entity_id, local_id, start, "end", text FROM mentions '
                             "WHERE article_id = :article_id ORDER BY n")


def open_store(url: str | None = None, create: bool = True) -> "Store":
    """``None`` → ``$SVODKA_DB`` or ``svodka.db``; ``sqlite:///x.db``; ``postgresql://…``.

    With ``create=False`` a SQLite file that does not exist is :class:`StoreUnavailable`
    rather than a new, empty store: a reader asking the wrong file learns so.
    """
    return Store(url, create=create)


class Store:
    def __init__(self, url: str | None = None, create: bool = True):
        self.url = normalize_url(url)
        path = sqlite_path(self.url)
        if not create and path is not None and not os.path.exists(path):
            raise StoreUnavailable("no store at that path (svodka ingest makes one)")
        self.engine = make_engine(self.url)
        with self.engine.connect() as conn:
            current = up_to_date(conn)
        if current:
            self.schema_version = LATEST
        else:
            with write_transaction(self.engine) as conn:
                self.schema_version = migrate(conn)
        self._near: NearDuplicateIndex | None = None
        self._staged_near: NearDuplicateIndex | None = None   # the ordered pass's, between calls

    # -- writing ---------------------------------------------------------------------------

    def _near_index(self) -> NearDuplicateIndex:
        if self._near is None:
            index = NearDuplicateIndex()
            with self.engine.connect() as conn:
                rows = conn.execute(select(schema.articles.c.id, schema.articles.c.minhash)
                                    .order_by(schema.articles.c.id))
                index.add_all((r.id, r.minhash) for r in rows)
            self._near = index
        return self._near

    def add_article(self, article: Article) -> str:
        """``"stored"`` or ``"duplicate"`` (same id, or a near copy of a stored article)."""
        return self.add_prepared([prepare(article)])[0]

    def add_prepared(self, batch: list[Prepared],
                     rejections: Iterable[Rejection] = ()) -> list[str]:
        """Store a batch in one transaction; per article, in order, ``"stored"``,
        ``"duplicate"``, or ``"rejected"`` when the database refuses that one article (it is
        then recorded as a rejection with reason ``store_error``, and the batch goes on)."""
        rejections = list(rejections)
        try:
            return self._add_batch(batch, rejections, one_by_one=False)
        except DBAPIError:
            # Some article was refused: the batch again, each article in a savepoint of
            # its own, so that one is recorded as rejected and the others are stored.
            return self._add_batch(batch, rejections, one_by_one=True)

    def _add_batch(self, batch: list[Prepared], rejections: list[Rejection],
                   one_by_one: bool) -> list[str]:
        """A savepoint per article costs SQLite a sub-journal of every page the article
        touches (~0.6 ms of the writer's ~10 an article, bench/writer_cpu.py); a batch
        nothing refuses does without them."""
        near = self._near_index()
        statuses = []
        try:
            with write_transaction(self.engine) as conn:
                for prepared in batch:
                    statuses.append(self._add_or_reject(conn, prepared, near) if one_by_one
                                    else self._add_one(conn, prepared, near))
                stored = [p.article.id for p, status in zip(batch, statuses) if status == "stored"]
                if stored:
                    _corrections.apply(conn, article_ids=stored)   # corrections outlast ingest
                for rejection in rejections:
                    write.add_rejection(conn, rejection)
        except BaseException:
            self._near = None  # it may hold articles whose transaction rolled back
            raise
        return statuses

    def _add_or_reject(self, conn, prepared: Prepared, near: NearDuplicateIndex) -> str:
        try:
            with conn.begin_nested():
                return self._add_one(conn, prepared, near)
        except DBAPIError as error:
            # e.g. PostgreSQL refuses NUL characters in text; SQLite stores them.
            rejection = staged.store_error(prepared, error)
            log.warning("the store refused article %s: %s", prepared.article.id,
                        rejection.message)
            write.add_rejection(conn, rejection)
            return "rejected"

    def _add_one(self, conn, prepared: Prepared, near: NearDuplicateIndex) -> str:
        article = prepared.article
        source = write.stored_source(conn, article.id)
        if source is not None:
            if source != (article.source.path, article.source.url):
                write.add_duplicate(conn, article.id, article.id, "exact", 1.0,
                                    article.source.path, article.source.url)
            return "duplicate"
        if write.is_known_copy(conn, article.id):
            return "duplicate"
        match = near.best_match(prepared.minhash)
        if match is not None:
            headline = article.headline.text if article.headline else article.title
            write.add_duplicate(conn, article.id, match[0], "near", match[1],
                                article.source.path, article.source.url, headline)
            return "duplicate"
        if not write.add_article(conn, prepared):
            return "duplicate"
        if prepared.minhash:
            near.add(article.id, prepared.minhash)
        return "stored"

    # -- several writers (PostgreSQL only; svodka/store/staged.py) --------------------------

    def _several_writers(self) -> None:
        if self.engine.dialect.name != "postgresql":
            raise StoreUnavailable("several writers need PostgreSQL; SQLite keeps one writer")

    def stage(self, entries: list[tuple[int, Prepared]]) -> list[staged.Staged | Rejection]:
        """Load articles as one of several writers, in one transaction: each under its
        place in the input, the corpus-level steps left to :meth:`finish_staged`. A refused
        article comes back as its rejection (not written: the caller records it)."""
        self._several_writers()
        with write_transaction(self.engine) as conn:
            return [staged.stage(conn, position, prepared) for position, prepared in entries]

    def stage_repeats(self, repeats: list[staged.Repeat]) -> None:
        if repeats:
            self._several_writers()
            with write_transaction(self.engine) as conn:
                staged.stage_repeats(conn, repeats)

    def staged_at(self, article_id: str) -> tuple[int, str | None, str | None] | None:
        if self.engine.dialect.name != "postgresql":
            return None
        with self.engine.connect() as conn:
            return staged.staged_at(conn, article_id)

    def finish_staged(self, batch_size: int = 64,
                      before: int | None = None) -> list[staged.Outcome]:
        """The ordered pass over everything staged (or only at positions ``before`` it, while
        later ones are still being loaded): near-duplicates, corpus entities, counts."""
        if self.engine.dialect.name != "postgresql":
            return []
        try:
            outcomes, self._staged_near = staged.finish(self.engine, batch_size, before,
                                                        self._staged_near)
        except BaseException:
            self._staged_near = None   # it may hold articles whose transaction rolled back
            raise
        if outcomes:
            self._near = None   # finished articles join the index the single writer keeps
        if before is None:
            self._staged_near = None   # the load is over; a later one starts afresh
        return outcomes

    def add_rejection(self, rejection: Rejection) -> None:
        self.add_rejections([rejection])

    def add_rejections(self, rejections: list[Rejection]) -> None:
        if rejections:
            with write_transaction(self.engine) as conn:
                for rejection in rejections:
                    write.add_rejection(conn, rejection)

    def known(self, article_id: str, path: str | None = None, url: str | None = None) -> bool:
        """True when this id is stored or recorded as a copy: a re-run skips its extraction.

        A repeat from a new source is recorded as an exact duplicate on the way.
        """
        with self.engine.connect() as conn:
            source = write.stored_source(conn, article_id)
            if source is None:
                return write.is_known_copy(conn, article_id)
        if source != (path, url):
            with write_transaction(self.engine) as conn:
                write.add_duplicate(conn, article_id, article_id, "exact", 1.0, path, url)
        return True

    # -- reading ---------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored record, with the analysts' corrections applied."""
        return self._corrected(article_id)[0]

    def _corrected(self, article_id: str) -> tuple[Article | None, dict[str, str]]:
        with self.engine.connect() as conn:
            return self._corrected_in(conn, article_id)

    @staticmethod
    def _corrected_in(conn, article_id: str) -> tuple[Article | None, dict[str, str]]:
        row = conn.execute(_ARTICLE_RECORD, {"article_id": article_id}).first()
        if row is None:
            return None, {}
        article = Article.from_dict(json.loads(row.record) | {"text": row.text})
        return _corrections.corrected_article(conn, article)

    def article_for_page(self, article_id: str
                         ) -> tuple[Article | None, dict[str, str], list[dict]]:
        """What the article page shows, read on one connection: the record as corrected
        (:meth:`get_article`), its entity ids to corpus ids (:meth:`corpus_entity_ids`) and
        its mentions (:meth:`mentions`). Three calls opened three connections, each with its
        own BEGIN, and asked twice whether any correction exists (~a quarter of a computed
        article page's time under load)."""
        with self.engine.connect() as conn:
            article, corpus = self._corrected_in(conn, article_id)
            if article is None:
                return None, {}, []
            return article, corpus, self._mentions_in(conn, article_id)

    def wikidata_ids(self, article_id: str) -> dict[str, str]:
        """Each of a stored article's entity ids ("e1") whose corpus entity has a Wikidata
        id, to that id."""
        corpus = self.corpus_entity_ids(article_id)      # as corrected
        e = schema.entities.c
        with self.engine.connect() as conn:
            links = dict(conn.execute(select(e.id, e.wikidata).where(
                e.id.in_(sorted(set(corpus.values()))), e.wikidata.is_not(None))).all())
        return {local: links[c] for local, c in corpus.items() if c in links}

    def get_linked_article(self, article_id: str) -> Article | None:
        """The stored record with each entity's ``wikidata`` from its corpus entity."""
        article = self.get_article(article_id)
        if article is not None:
            links = self.wikidata_ids(article_id)
            for entity in article.entities:
                entity.wikidata = links.get(entity.id)
        return article

    def list_articles(self, offset: int = 0, limit: int = 50, entity_id: str | None = None,
                      date_from: str | None = None, date_to: str | None = None,
                      tone: int | None = None) -> list[dict]:
        with self.engine.connect() as conn:
            return read.list_articles(conn, offset, limit, entity_id=entity_id,
                                      date_from=date_from, date_to=date_to, tone=tone)

    def count_articles(self, entity_id: str | None = None, date_from: str | None = None,
                       date_to: str | None = None, tone: int | None = None) -> int:
        with self.engine.connect() as conn:
            return read.count_articles(conn, entity_id=entity_id, date_from=date_from,
                                       date_to=date_to, tone=tone)

    def search(self, q: str, kind: str | None = None, entity: str | None = None,
               speaker: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0,
               seconds: float | None = None) -> list[dict]:
        """Morphology-aware search; ``seconds`` bounds its time in the database."""
        with self.engine.connect() as conn:
            return _search.search(conn, q, kind, entity, speaker, date_from, date_to,
                                  limit, offset, seconds)

    def search_list(self, q: str, filters=None, sort: str = "relevance", offset: int = 0,
                    limit: int = 20, seconds: float | None = None) -> dict:
        """One numbered page of hits with the total and facets (see :mod:`svodka.store.listing`)."""
        from svodka.store.listing import SearchFilters, search_list
        with self.engine.connect() as conn:
            return search_list(conn, q, filters or SearchFilters(), sort, offset, limit,
                               seconds)

    def timeline(self, entity_id: str, period: str = "month") -> dict:
        from svodka.store.relations import timeline
        with self.engine.connect() as conn:
            return timeline(conn, entity_id, period)

    def company(self, entity_id: str, limit: int = 20) -> list[dict]:
        from svodka.store.relations import company
        with self.engine.connect() as conn:
            return company(conn, entity_id, limit)

    def together(self, entity_id: str, other_id: str, limit: int = 100) -> dict:
        from svodka.store.relations import together
        with self.engine.connect() as conn:
            return together(conn, entity_id, other_id, limit)

    def get_entity(self, entity_id: str, limit: int = 100) -> dict | None:
        with self.engine.connect() as conn:
            return read.get_entity(conn, entity_id, limit)

    def current_entity_id(self, entity_id: str) -> str | None:
        """The live id for a corpus entity id: itself, or the entity it was merged into."""
        with self.engine.connect() as conn:
            return read.current_entity_id(conn, entity_id)

    def find_entities(self, name: str, type: str | None = None, limit: int = 20) -> list[dict]:
        with self.engine.connect() as conn:
            return read.find_entities(conn, name, type, limit)

    def corpus_entity_id(self, article_id: str, local_entity_id: str) -> str | None:
        return self.corpus_entity_ids(article_id).get(local_entity_id)

    def corpus_entity_ids(self, article_id: str) -> dict[str, str]:
        """Each of a stored article's entity ids ("e1") to its corpus entity id, as
        corrected (see :meth:`get_article`)."""
        with self.engine.connect() as conn:
            if not _corrections.has_any(conn):   # the resolver's answer, without the record
                ae = schema.article_entities.c
                return dict(conn.execute(select(ae.local_id, ae.entity_id)
                                         .where(ae.article_id == article_id)).all())
        return self._corrected(article_id)[1]

    def quotes(self, speaker: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        with self.engine.connect() as conn:
            return read.quotes(conn, speaker, limit, offset)

    def top_entities(self, type: str | None = None, by: str = "mentions",
                     since: str | None = None, limit: int = 10) -> list[dict]:
        with self.engine.connect() as conn:
            return read.top_entities(conn, type, by, since, limit)

    def stats(self) -> dict:
        with self.engine.connect() as conn:
            return read.stats(conn)

    def duplicate_groups(self) -> list[dict]:
        with self.engine.connect() as conn:
            return read.duplicate_groups(conn)

    # -- corrections (svodka/store/corrections.py) -------------------------------------------

    def _correct(self, make, *args, **kwargs) -> dict:
        with write_transaction(self.engine) as conn:
            number = make(conn, *args, **kwargs)
            _corrections.apply(conn)
            row = conn.execute(select(schema.corrections)
                               .where(schema.corrections.c.id == number)).first()
            return _corrections.as_dict(row)

    def merge_entities(self, source: str, target: str, who: str, why: str = "") -> dict:
        """Record that ``source`` is ``target``; returns the correction."""
        return self._correct(_corrections.merge, source, target, who, why)

    def split_entity(self, entity_id: str, mentions: list[tuple[str, int]], who: str,
                     why: str = "", name: str | None = None, into: str | None = None) -> dict:
        """Move mentions, (article id, mention number), off an entity into ``into`` or the
        entity called ``name``."""
        return self._correct(_corrections.split, entity_id, mentions, who, why, name=name,
                             into=into)

    def rename_entity(self, entity_id: str, name: str, who: str, why: str = "") -> dict:
        return self._correct(_corrections.rename, entity_id, name, who, why)

    def reassign_quote(self, article_id: str, quote_n: int, speaker: str | None, who: str,
                       why: str = "") -> dict:
        """The quote's speaker is the entity ``speaker``, or nobody the text names (None)."""
        return self._correct(_corrections.reassign, article_id, quote_n, speaker, who, why)

    def one_entity(self, ref: str) -> str:
        """An entity id, or a name that finds exactly one entity (or is exactly one's
        name); else :class:`CorrectionError` naming the candidates."""
        from svodka.text import fold

        found = self.find_entities(ref, limit=20)
        exact = [entity for entity in found if fold(entity["name"]) == fold(ref)]
        if len(found) == 1 or len(exact) == 1:
            return (found if len(found) == 1 else exact)[0]["id"]
        if not found:
            raise CorrectionError(f"no entity {ref!r}")
        listed = "; ".join(f"{e['id']} {e['name']} ({e['n_mentions']})" for e in found[:6])
        raise CorrectionError(f"{ref!r} names several entities, give an id: {listed}")

    def mentions(self, article_id: str) -> list[dict]:
        """A stored article's mentions with their numbers and (corrected) corpus entities."""
        with self.engine.connect() as conn:
            return self._mentions_in(conn, article_id)

    @staticmethod
    def _mentions_in(conn, article_id: str) -> list[dict]:
        # Written out, rows read as tuples: an article page reads ~85 mentions, and building
        # the statement and a mapping per row was a tenth of a computed page's CPU.
        rows = conn.execute(_ARTICLE_MENTIONS, {"article_id": article_id})
        return [dict(zip(_MENTION_KEYS, row)) for row in rows]

    def mention_key(self, article_id: str, ref: str) -> tuple[str, int]:
        """A mention by its number ("3") or its span ("120-134") in a stored article."""
        with self.engine.connect() as conn:
            return _corrections.mention_key(conn, article_id, ref)

    def undo_correction(self, correction_id: int, who: str) -> dict:
        with write_transaction(self.engine) as conn:
            _corrections.undo(conn, correction_id, who)
            _corrections.apply(conn)
            row = conn.execute(select(schema.corrections)
                               .where(schema.corrections.c.id == correction_id)).first()
            return _corrections.as_dict(row)

    def corrections(self, entity_id: str | None = None) -> list[dict]:
        """The corrections log, newest first (undone ones included, marked)."""
        with self.engine.connect() as conn:
            return _corrections.listing(conn, entity_id)

    def import_corrections(self, entries: list[dict]) -> int:
        """Add a log exported from another store (e.g. before a rebuild) and apply it."""
        with write_transaction(self.engine) as conn:
            added = _corrections.import_log(conn, entries)
            _corrections.apply(conn)
            return added

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
