"""Corpus resolution: which corpus entity each entity of a stored article is.

An archivist's rules, precision first (two people merged is worse than one person split):

- an organization or place is its canonical name (``aliases.tsv``: Евросоюз, ЕС and
  Европейский союз are one), an acronym of that name (МОК for Международный олимпийский
  комитет), the same words in their dictionary form ("Голос Америки" = "Голос Америка"), or
  its Wikidata id from :mod:`svodka.kb`;
- a person with a first name is that first name and surname (patronymic aside), or a
  Wikidata id;
- a surname alone (or with an initial) joins the one person of that surname in the same
  article, else the one the knowledge base names, else the only person of that surname the
  corpus knows, else the only one mentioned in the same week, else one that has five times
  the mentions of every namesake (and ten at least); failing all, it stays a surname-only
  entity (and a later "Имя Фамилия" with no rival takes it over).

Every entity's keys live in ``entity_keys`` (type, key, entity id). When one article's
entity has keys owned by two corpus entities (a name, and a Wikidata id another name
carries), the two are merged: every row moves to the survivor and ``entity_merges`` records
the old id, so links to it keep working. Articles are resolved in input order by the one
writer, so every engine (local, Dask) and database builds the same table.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, select, update

from svodka.names import PersonName
from svodka.record import Article
from svodka.store.keys import Evidence, corpus_entity_id, evidence, order
from svodka.store import schema as t
from svodka.store.engine import add_counts, insert_ignore

SAME_WEEK = timedelta(days=7)
DOMINANT_MENTIONS, DOMINANCE = 10, 5


# The lookups every article makes, built once: built anew for each article, their IN lists
# coerced value by value, they cost the writer ~0.7 ms of CPU an article (bench/writer_cpu.py).
_k, _e, _m = t.entity_keys.c, t.entities.c, t.entity_merges.c
_KEY_OWNERS = select(_k.type, _k.key, _k.entity_id).where(
    _k.key.in_(bindparam("keys", expanding=True)), _k.type.in_(bindparam("types", expanding=True)))
_FULL_NAMES = (select(_e.id, _e.wikidata, _k.key)
               .select_from(t.entities.outerjoin(t.entity_keys, and_(_k.entity_id == _e.id,
                                                                     _k.key.like("full:%"))))
               .where(_e.id.in_(bindparam("ids", expanding=True))))
_TAKEN_IDS = select(_e.id).where(_e.id.in_(bindparam("ids", expanding=True))).union_all(
    select(_m.old_id).where(_m.old_id.in_(bindparam("ids", expanding=True))))


class Resolver:
    """Resolves one article's entities inside the writer's transaction: the keys it needs
    are read in two queries, the decisions are made in memory, the rows written at the end."""

    def __init__(self, conn: Connection, article: Article, known: dict[str, Evidence]):
        self.conn = conn
        self.article = article
        self.local: dict[str, str] = {}      # article entity id -> corpus id
        self.entities = sorted(article.entities, key=order)
        self.evidence = {e.id: known.get(e.id) or evidence(e) for e in self.entities}
        self.keys: dict[tuple[str, str], set[str]] = {}     # (type, key) -> entity ids
        self.fulls: dict[str, set[str]] = {}                # entity id -> its full names
        self.wikidata: dict[str, str | None] = {}
        self.new_rows: list[dict] = []
        self.key_rows: list[dict] = []
        self.renamed: dict[str, str] = {}
        self.linked: dict[str, str] = {}     # entity id -> a Wikidata id it newly carries
        self.taken: set[str] = set()         # ids a new entity of this article cannot take
        self._load()

    # -- lookups ---------------------------------------------------------------------------

    def _wanted_keys(self) -> set[str]:
        wanted = set()
        for ev in self.evidence.values():
            wanted.update(ev.all_keys())
            if ev.surname_lemma:
                wanted.add(f"sur:{ev.surname_lemma}")
        return wanted

    def _load(self) -> None:
        types = sorted({ev.type for ev in self.evidence.values()})
        wanted = sorted(self._wanted_keys())
        if not wanted:
            return
        for row in self.conn.execute(_KEY_OWNERS, {"keys": wanted, "types": types}):
            self.keys.setdefault((row.type, row.key), set()).add(row.entity_id)
        ids = sorted({i for owners in self.keys.values() for i in owners})
        self.fulls = {i: set() for i in ids}
        for chunk in _chunks(ids):
            for row in self.conn.execute(_FULL_NAMES, {"ids": chunk}):
                self.wikidata[row.id] = row.wikidata
                if row.key:
                    self.fulls[row.id].add(row.key[5:])
        fresh = sorted({corpus_entity_id(ev.type, ev.primary) for ev in self.evidence.values()})
        for chunk in _chunks(fresh):
            self.taken.update(self.conn.execute(_TAKEN_IDS, {"ids": chunk}).scalars())

    def owners(self, type_: str, key: str) -> set[str]:
        return self.keys.get((type_, key), set())

    def in_same_week(self, ids: list[str]) -> list[str]:
        published = self.article.published
        if not published or len(published) < 10:
            return []
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            return []
        a, ae = t.articles.c, t.article_entities.c
        low, high = (day - SAME_WEEK).isoformat(), (day + SAME_WEEK).isoformat() + "-99"
        rows = self.conn.execute(
            select(ae.entity_id).distinct().join(t.articles, a.id == ae.article_id)
            .where(ae.entity_id.in_(ids), a.published >= low, a.published <= high))
        return sorted(rows.scalars())

    # -- deciding --------------------------------------------------------------------------

    def choose(self, ev: Evidence) -> tuple[str | None, list[str]]:
        """The corpus entity to join (None: a new one) and others the evidence merges in."""
        wd = [f"wd:{ev.wikidata}"] if ev.wikidata else []
        if ev.person is not None and ev.surname_only:
            return self.choose_for_surname(ev), []
        named = sorted({i for key in ev.strong for i in self.owners(ev.type, key)})
        by_id = sorted({i for key in wd for i in self.owners(ev.type, key)})
        if named or by_id:
            if ev.person is not None:
                # people merge only through their own full name, never through an id the
                # knowledge base gave to a name form
                return (named or by_id)[0], named[1:]
            joined = sorted({*named, *by_id})
            return joined[0], joined[1:]
        weak = sorted({i for key in ev.weak for i in self.owners(ev.type, key)})
        if len(weak) == 1:
            return weak[0], []
        if ev.person is not None:
            return self.surname_holder_for(ev.person), []
        return None, []

    def namesakes(self, surname: str) -> dict[str, set[str]]:
        """Corpus people of this surname, each with its known full names."""
        return {i: self.fulls.get(i, set()) for i in sorted(self.owners("PER", f"sur:{surname}"))}

    def choose_for_surname(self, ev: Evidence) -> str | None:
        person = ev.person
        namesakes = self.namesakes(person.surname)
        if not namesakes and ev.surname_lemma:
            namesakes = self.namesakes(ev.surname_lemma)   # "Путина" left in the genitive
        full = {i: names for i, names in namesakes.items() if names
                and (person.initial is None or any(n[0] == person.initial for n in names))}
        here = sorted(set(self.local.values()) & set(full))
        if len(here) == 1:
            return here[0]
        if ev.wikidata:
            with_id = sorted(self.owners("PER", f"wd:{ev.wikidata}"))
            if with_id:
                return with_id[0]
        if len(full) == 1:
            return next(iter(full))
        if full:
            week = self.in_same_week(sorted(full))
            if len(week) == 1:
                return week[0]
            leader = self.dominant(sorted(full))
            if leader:
                return leader
        alone = sorted({i for key in ev.strong for i in self.owners("PER", key)} - set(full))
        return alone[0] if alone else None

    def dominant(self, ids: list[str]) -> str | None:
        """The namesake the corpus speaks of almost always ("Лавров" is Сергей Лавров, not a
        name the extractor glued to his): at least DOMINANT_MENTIONS mentions and
        DOMINANCE times those of every other."""
        em = t.entity_months.c
        counts = dict(self.conn.execute(select(em.entity_id, em.mentions).where(
            em.entity_id.in_(ids), em.month == t.ALL_MONTHS)).all())
        ranked = sorted(ids, key=lambda i: (-counts.get(i, 0), i))
        top = counts.get(ranked[0], 0)
        runner_up = counts.get(ranked[1], 0) if len(ranked) > 1 else 0
        if top >= DOMINANT_MENTIONS and top >= DOMINANCE * max(runner_up, 1):
            return ranked[0]
        return None

    def surname_holder_for(self, person: PersonName) -> str | None:
        """A person with a first name takes over the surname-only entity of their surname,
        unless another person of that surname is known."""
        namesakes = self.namesakes(person.surname)
        alone = [i for i, names in namesakes.items() if not names]
        rivals = [i for i, names in namesakes.items() if names]
        return alone[0] if len(alone) == 1 and not rivals else None

    # -- writing ---------------------------------------------------------------------------

    def resolve(self) -> dict[str, str]:
        for entity in self.entities:
            ev = self.evidence[entity.id]
            target, merged = self.choose(ev)
            if target is None:
                target = self.create(ev)
            elif ev.person is not None and ev.person.full and not self.fulls.get(target):
                self.renamed[target] = ev.name   # a surname-only entity takes the full name
            for other in merged:
                if other != target:
                    self.merge(other, target)
            self.register(target, ev)
            self.local[entity.id] = target
        self.flush()
        return self.local

    def create(self, ev: Evidence) -> str:
        key = ev.primary
        entity_id = corpus_entity_id(ev.type, key)
        if entity_id in self.taken:
            # a namesake holds this key (a second "Путин" the corpus cannot place), or an
            # entity merged away had this id: it must keep naming the one it was merged into
            key = f"{ev.primary}\x00{self.article.id}"
            entity_id = corpus_entity_id(ev.type, key)
        self.new_rows.append({"id": entity_id, "type": ev.type, "key": key, "name": ev.name,
                              "wikidata": None})
        self.taken.add(entity_id)
        self.fulls[entity_id] = set()
        self.wikidata[entity_id] = None
        return entity_id

    def register(self, entity_id: str, ev: Evidence) -> None:
        keys = ev.all_keys()
        if ev.wikidata:
            wd = f"wd:{ev.wikidata}"
            others = self.owners(ev.type, wd) - {entity_id}
            current = self.wikidata.get(entity_id)
            if current is None and not others:
                self.wikidata[entity_id] = self.linked[entity_id] = ev.wikidata
            elif current != ev.wikidata or others:
                keys.remove(wd)
        for key in keys:
            owners = self.keys.setdefault((ev.type, key), set())
            if entity_id not in owners:
                owners.add(entity_id)
                self.key_rows.append({"type": ev.type, "key": key, "entity_id": entity_id})
            if key.startswith("full:"):
                self.fulls.setdefault(entity_id, set()).add(key[5:])

    def merge(self, old: str, new: str) -> None:
        self.flush()
        merge(self.conn, old, new, self.article.id, "shared key")
        self.taken.add(old)
        self.local = {k: (new if v == old else v) for k, v in self.local.items()}
        for owners in self.keys.values():
            if old in owners:
                owners.discard(old)
                owners.add(new)
        self.fulls.setdefault(new, set()).update(self.fulls.pop(old, set()))
        old_wd = self.wikidata.pop(old, None)
        if self.wikidata.get(new) is None:
            self.wikidata[new] = old_wd

    def flush(self) -> None:
        e = t.entities.c
        for row in self.new_rows:
            row["wikidata"] = self.linked.pop(row["id"], None)
            row["name"] = self.renamed.pop(row["id"], row["name"])
        insert_ignore(self.conn, t.entities, self.new_rows)
        for entity_id, wikidata in sorted(self.linked.items()):
            self.conn.execute(update(t.entities).where(e.id == entity_id, e.wikidata.is_(None))
                              .values(wikidata=wikidata))
        for entity_id, name in sorted(self.renamed.items()):
            self.conn.execute(update(t.entities).where(e.id == entity_id).values(name=name))
        insert_ignore(self.conn, t.entity_keys, self.key_rows)
        self.new_rows, self.key_rows, self.renamed, self.linked = [], [], {}, {}


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def resolve_article(conn: Connection, article: Article,
                    known: dict[str, Evidence] | None = None) -> dict[str, str]:
    """Article entity ids → corpus entity ids, creating and merging corpus entities.
    ``known``: evidence already computed in the worker (:func:`svodka.store.prepare`)."""
    return Resolver(conn, article, known or {}).resolve()


def _move_rows(conn: Connection, table, column: str, old: str, new: str) -> None:
    """Rows keyed by the entity id: copied to the new id (where not already there)."""
    rows = [dict(r._mapping) for r in conn.execute(select(table).where(table.c[column] == old))]
    insert_ignore(conn, table, [r | {column: new} for r in rows])
    conn.execute(delete(table).where(table.c[column] == old))


def merge(conn: Connection, old: str, new: str, article_id: str | None, reason: str) -> None:
    """Move everything of corpus entity ``old`` to ``new``; ``old`` stays resolvable."""
    for table in (t.entity_keys, t.entity_aliases, t.entity_roles, t.entity_words):
        _move_rows(conn, table, "entity_id", old, new)
    for table, column in ((t.mentions, "entity_id"), (t.article_entities, "entity_id"),
                          (t.quotes, "speaker_id"), (t.search_units, "speaker_id")):
        conn.execute(update(table).where(table.c[column] == old).values({column: new}))
    months = [dict(r._mapping) | {"entity_id": new} for r in conn.execute(
        select(t.entity_months).where(t.entity_months.c.entity_id == old))]
    add_counts(conn, t.entity_months, months, ("mentions", "quotes", "positive", "negative"))
    conn.execute(delete(t.entity_months).where(t.entity_months.c.entity_id == old))
    e = t.entities.c
    old_wd = conn.execute(select(e.wikidata).where(e.id == old)).scalar()
    if old_wd:
        conn.execute(update(t.entities).where(e.id == new, e.wikidata.is_(None))
                     .values(wikidata=old_wd))
    conn.execute(delete(t.entities).where(e.id == old))
    m = t.entity_merges.c
    conn.execute(update(t.entity_merges).where(m.new_id == old).values(new_id=new))
    insert_ignore(conn, t.entity_merges, [{"old_id": old, "new_id": new,
                                           "article_id": article_id, "reason": reason}])


def current_id(conn: Connection, entity_id: str) -> str:
    """The entity an id names now: itself, or the one it was merged into."""
    merged = conn.execute(select(t.entity_merges.c.new_id)
                          .where(t.entity_merges.c.old_id == entity_id)).scalar()
    return merged or entity_id
