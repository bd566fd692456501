"""Analysts' corrections: merge two corpus entities, split mentions off one, rename one,
give a quote another speaker (or none). Each is a row of ``corrections`` with who, when and
why; undoing one marks it undone, nothing is deleted.

The log is the truth and the resolver's output is never edited: ``article_entities`` keeps
which corpus entity each article's entity was resolved to. :func:`apply` derives from the
two what readers see (``mentions.entity_id``, ``quotes.speaker_id`` / ``speaker_name``,
the speaker of quote search units, ``entity_months``, renamed names, and the
``entity_redirects`` of merged-away ids), so every reader (pages, API, search filters,
exports, stats) sees corrected rows through the indexes it already uses. The store calls
:func:`apply` after every correction, every undo and every ingest batch, so corrections
last through re-ingest; :func:`export_log` / :func:`import_log` carry them to a rebuilt store.

Corrections name things by stable keys: corpus entity ids (plus a mention of each as an
anchor, to find the entity again in a store rebuilt with other ids), mentions by
(article id, mention number), quotes by (article id, quote number).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Connection, and_, bindparam, func, or_, select, text as sql_text

from svodka.record import Article, Entity
from svodka.store import schema as t
from svodka.store.engine import insert_ignore
from svodka.store.keys import corpus_entity_id, evidence
from svodka.store.prepare import name_words

KINDS = ("merge", "split", "rename", "reassign")
MAX_NAME = 200


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown entity, quote or mention, a no-op."""


Key = tuple[str, int]   # (article id, mention or quote number)


@dataclass(slots=True)
class State:
    """What the active corrections say, in the order they were made."""
    redirect: dict[str, str] = field(default_factory=dict)
    mention_to: dict[Key, str] = field(default_factory=dict)
    quote_to: dict[Key, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)          # active renames
    base_names: dict[str, str] = field(default_factory=dict)     # before any rename
    new_entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # split targets
    created: set[str] = field(default_factory=set)   # entities splits made (active or not)
    # Everything any correction, active or undone, ever touched: what apply() re-derives.
    involved: set[str] = field(default_factory=set)
    touched_mentions: set[Key] = field(default_factory=set)
    touched_quotes: set[Key] = field(default_factory=set)

    def live(self, entity_id: str | None) -> str | None:
        seen = set()
        while entity_id in self.redirect and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.redirect[entity_id]
        return entity_id

    def entity_of(self, original: str, key: Key) -> str:
        return self.live(self.mention_to.get(key, original))

    def speaker_of(self, original: str | None, key: Key) -> str | None:
        return self.live(self.quote_to[key] if key in self.quote_to else original)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- the log ------------------------------------------------------------------------------

def _log(conn: Connection, kind: str, subject: str, payload: dict, who: str, why: str) -> int:
    who = (who or "").strip()[:200] or "analyst"
    return conn.execute(t.corrections.insert().values(
        kind=kind, subject=subject, payload=json.dumps(payload, ensure_ascii=False),
        who=who, why=(why or "").strip(), created=now())).inserted_primary_key[0]


# Written out: every article page asks both (see svodka.store.listing for why).
_ANY_CORRECTION = sql_text("SELECT 1 FROM corrections LIMIT 1")
_ARTICLE_ENTITIES = sql_text("SELECT local_id, entity_id FROM article_entities "
                             "WHERE article_id = :article_id")


def has_any(conn: Connection) -> bool:
    return conn.execute(_ANY_CORRECTION).first() is not None


def _rows(conn: Connection, active_only: bool = False) -> list:
    query = select(t.corrections).order_by(t.corrections.c.id)
    if active_only:
        query = query.where(t.corrections.c.undone.is_(None))
    return conn.execute(query).all()


def as_dict(row) -> dict:
    return {"id": row.id, "kind": row.kind, "subject": row.subject,
            "payload": json.loads(row.payload), "who": row.who, "why": row.why,
            "created": row.created, "undone": row.undone, "undone_by": row.undone_by}


def listing(conn: Connection, entity_id: str | None = None) -> list[dict]:
    """The log, newest first; with ``entity_id``, the corrections that name that entity."""
    found = [as_dict(row) for row in reversed(_rows(conn))]
    if entity_id:
        found = [c for c in found if entity_id in _entity_ids(c["kind"], c["payload"])]
    return found


def describe(correction: dict) -> str:
    """One line saying what a correction (an :func:`as_dict`) does."""
    p = correction["payload"]
    kind = correction["kind"]
    if kind == "merge":
        return f"{p['source_name']} ({p['source']}) → {p['target_name']} ({p['target']})"
    if kind == "split":
        count = len(p["mentions"])
        return (f"{count} mention{'s' if count > 1 else ''} of {p['entity_name']} "
                f"({p['entity']}) → {p['name']} ({p['into']})")
    if kind == "rename":
        return f"{p['from']} → {p['to']} ({p['entity']})"
    return (f"quote {p['quote']} of {p['article']}: {p.get('from') or '—'} → "
            f"{p.get('speaker_name') or 'no named speaker'} ({p.get('speaker') or '—'})")


_ENTITY_FIELDS = {"merge": ("source", "target"), "split": ("entity", "into"),
                  "rename": ("entity",), "reassign": ("speaker", "from")}


def _entity_ids(kind: str, payload: dict) -> set[str]:
    return {payload[k] for k in _ENTITY_FIELDS[kind] if payload.get(k)}


# -- locating what a correction names ----------------------------------------------------

def _existing(conn: Connection, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    return set(conn.execute(select(t.entities.c.id).where(t.entities.c.id.in_(sorted(ids))))
               .scalars())


def _original(conn: Connection, key: Key) -> str | None:
    """The corpus entity the resolver gave an article's mention."""
    m, ae = t.mentions.c, t.article_entities.c
    return conn.execute(select(ae.entity_id).join(t.mentions, and_(
        m.article_id == ae.article_id, m.local_id == ae.local_id))
        .where(m.article_id == key[0], m.n == key[1])).scalar()


def _locator(conn: Connection, rows: list) -> dict[str, str]:
    """Ids named by the log but not in this store → the entity they are now: the one the
    resolver merged them into (``entity_merges``, where the store has it), the one holding
    the anchor mention recorded with them (a store rebuilt with other ids), or, for an
    entity a split made, the one of that type and name (made under the id this store would
    give it when there is none)."""
    anchors: dict[str, Key] = {}
    named_as: dict[str, tuple[str, str]] = {}
    named: set[str] = set()
    for row in rows:
        payload = json.loads(row.payload)
        for entity_id, anchor in payload.get("anchors", {}).items():
            anchors.setdefault(entity_id, tuple(anchor))
        if row.kind == "split":
            named_as.setdefault(payload["into"], (payload["type"], payload["name"]))
        named |= _entity_ids(row.kind, payload)
    missing = named - _existing(conn, named)
    merges = t.metadata.tables.get("entity_merges")
    found = {}
    for entity_id in sorted(missing):
        now = None
        if merges is not None:
            now = conn.execute(select(merges.c.new_id)
                               .where(merges.c.old_id == entity_id)).scalar()
        if now is None and entity_id in anchors:
            now = _original(conn, anchors[entity_id])
        if now is None and entity_id in named_as:
            existing, new_id = _named_entity(conn, *named_as[entity_id])
            now = existing or new_id          # made anew, under the id this store gives it
        if now is not None:
            found[entity_id] = now
    return found


def state(conn: Connection) -> State:
    rows = _rows(conn)
    here = _locator(conn, rows)
    s = State()

    def at(entity_id):
        return here.get(entity_id, entity_id) if entity_id else entity_id

    for row in rows:
        p = json.loads(row.payload)
        active = row.undone is None
        if row.kind == "merge":
            source, target = at(p["source"]), at(p["target"])
            s.involved |= {source, target}
            if active and s.live(target) != source:
                s.redirect[source] = target
        elif row.kind == "split":
            into = at(p["into"])
            keys = [tuple(k) for k in p["mentions"]]
            s.involved |= {at(p["entity"]), into}
            s.touched_mentions.update(keys)
            if p.get("created"):
                s.created.add(into)
            if active:
                s.mention_to.update((k, into) for k in keys)
                s.new_entities.setdefault(into, (p["type"], p["name"]))
        elif row.kind == "rename":
            entity = at(p["entity"])
            s.involved.add(entity)
            s.base_names.setdefault(entity, p["from"])
            if active:
                s.names[entity] = p["to"]
        elif row.kind == "reassign":
            key = (p["article"], p["quote"])
            s.touched_quotes.add(key)
            s.involved |= {i for i in (at(p.get("from")), at(p.get("speaker"))) if i}
            if active:
                s.quote_to[key] = at(p.get("speaker"))
    return s


def _resolver_merged(conn: Connection, ids: list[str]) -> dict[str, str]:
    """Ids the resolver merged into others at ingest (``entity_merges``, where the store has
    it) → the entity they are now."""
    merges = t.metadata.tables.get("entity_merges")
    if merges is None or not ids:
        return {}
    return dict(conn.execute(select(merges.c.old_id, merges.c.new_id)
                             .where(merges.c.old_id.in_(ids))).all())


def live_id(conn: Connection, entity_id: str) -> str:
    """The entity an id now is: itself, or the one the resolver or an analyst merged it into."""
    return live_ids(conn, [entity_id])[0]


def live_ids(conn: Connection, ids: list[str]) -> list[str]:
    if not ids:
        return []
    resolved = _resolver_merged(conn, ids)
    ids = [resolved.get(i, i) for i in ids]
    r = t.entity_redirects.c
    moved = dict(conn.execute(select(r.old_id, r.new_id).where(r.old_id.in_(ids))).all())
    return sorted({moved.get(i, i) for i in ids})


def merged_into(conn: Connection, entity_id: str) -> list[str]:
    """The ids an analyst merged into this entity."""
    r = t.entity_redirects.c
    return sorted(conn.execute(select(r.old_id).where(r.new_id == entity_id)).scalars())


def _named_entity(conn: Connection, type_: str, name: str) -> tuple[str | None, str]:
    """The corpus entity the resolver would join a ``type_`` entity called ``name`` to, by
    its primary key (``None`` when no single one), and the id a new one gets."""
    primary = evidence(Entity("split", type_, name)).primary
    k = t.entity_keys.c
    owners = conn.execute(select(k.entity_id).where(k.type == type_, k.key == primary)).scalars()
    owners = live_ids(conn, list(owners))
    return (owners[0] if len(owners) == 1 else None), corpus_entity_id(type_, primary)


def _entity(conn: Connection, entity_id: str):
    row = conn.execute(select(t.entities).where(t.entities.c.id == live_id(conn, entity_id))).first()
    if row is None:
        raise CorrectionError(f"no entity {entity_id}")
    return row


def _anchor(conn: Connection, entity_id: str) -> list | None:
    m = t.mentions.c
    row = conn.execute(select(m.article_id, m.n).where(m.entity_id == entity_id)
                       .order_by(m.article_id, m.n).limit(1)).first()
    return [row.article_id, row.n] if row else None


def _anchors(conn: Connection, *ids: str) -> dict:
    return {i: a for i in ids if i and (a := _anchor(conn, i))}


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise CorrectionError("a name is needed")
    if len(name) > MAX_NAME:
        raise CorrectionError(f"a name has at most {MAX_NAME} characters")
    return name


# -- making corrections -------------------------------------------------------------------

def merge(conn: Connection, source: str, target: str, who: str, why: str = "") -> int:
    """``source`` is the same thing as ``target``: its mentions and quotes become target's."""
    source_row, target_row = _entity(conn, source), _entity(conn, target)
    if source_row.id == target_row.id:
        raise CorrectionError(f"{source} and {target} are already one entity")
    payload = {"source": source_row.id, "target": target_row.id,
               "source_name": source_row.name, "target_name": target_row.name,
               "anchors": _anchors(conn, source_row.id, target_row.id)}
    return _log(conn, "merge", source_row.id, payload, who, why)


def mention_key(conn: Connection, article_id: str, ref: str) -> Key:
    """A stored mention by its number ("3") or its span ("120-134") in the article."""
    m = t.mentions.c
    try:
        numbers = [int(x) for x in ref.split("-", 1)]
    except ValueError:
        raise CorrectionError(f"a mention is its number or its span START-END, not {ref!r}")
    where = ([m.start == numbers[0], m.end == numbers[1]] if len(numbers) == 2
             else [m.n == numbers[0]])
    n = conn.execute(select(m.n).where(m.article_id == article_id, *where)).scalar()
    if n is None:
        raise CorrectionError(f"no mention {ref} in article {article_id}")
    return article_id, n


def split(conn: Connection, entity: str, mentions: list[Key], who: str, why: str = "",
          name: str | None = None, into: str | None = None) -> int:
    """Move ``mentions`` off ``entity``: into entity ``into``, or the one named ``name``
    (the corpus entity of that type and name when there is one, else a new one)."""
    row = _entity(conn, entity)
    if not mentions:
        raise CorrectionError("name at least one mention to split off")
    m = t.mentions.c
    for article_id, n in mentions:
        current = conn.execute(select(m.entity_id).where(m.article_id == article_id,
                                                         m.n == n)).scalar()
        if current != row.id:
            raise CorrectionError(f"mention {article_id}:{n} is not one of {row.id}'s")
    if into:
        target = _entity(conn, into)
        type_, target_name, target_id = target.type, target.name, target.id
    else:
        target_name, type_ = _clean_name(name), row.type
        existing, new_id = _named_entity(conn, type_, target_name)
        target_id = existing or new_id
    if target_id == row.id:
        raise CorrectionError(f"the mentions already belong to {row.id}")
    created = not _existing(conn, {target_id})
    payload = {"entity": row.id, "into": target_id, "name": target_name, "type": type_,
               "entity_name": row.name, "created": created, "mentions": [list(k) for k in sorted(set(mentions))],
               "anchors": _anchors(conn, row.id, target_id)}
    return _log(conn, "split", row.id, payload, who, why)


def rename(conn: Connection, entity: str, name: str, who: str, why: str = "") -> int:
    row = _entity(conn, entity)
    name = _clean_name(name)
    if name == row.name:
        raise CorrectionError(f"{row.id} is already called {name}")
    payload = {"entity": row.id, "from": row.name, "to": name,
               "anchors": _anchors(conn, row.id)}
    return _log(conn, "rename", row.id, payload, who, why)


def reassign(conn: Connection, article_id: str, quote_n: int, speaker: str | None, who: str,
             why: str = "") -> int:
    """Quote ``quote_n`` of the article was said by ``speaker`` (an entity), or by no one
    the text names (``None``)."""
    q = t.quotes.c
    quote = conn.execute(select(q.speaker_id).where(q.article_id == article_id,
                                                    q.n == quote_n)).first()
    if quote is None:
        raise CorrectionError(f"no quote {quote_n} in article {article_id}")
    speaker_row = _entity(conn, speaker) if speaker else None
    speaker_id = speaker_row.id if speaker_row else None
    if speaker_id == quote.speaker_id:
        raise CorrectionError("the quote already has that speaker")
    payload = {"article": article_id, "quote": quote_n, "speaker": speaker_id,
               "speaker_name": speaker_row.name if speaker_row else None,
               "from": quote.speaker_id, "anchors": _anchors(conn, speaker_id, quote.speaker_id)}
    return _log(conn, "reassign", f"{article_id}:{quote_n}", payload, who, why)


def undo(conn: Connection, correction_id: int, who: str) -> None:
    c = t.corrections.c
    row = conn.execute(select(c.undone).where(c.id == correction_id)).first()
    if row is None:
        raise CorrectionError(f"no correction {correction_id}")
    if row.undone is not None:
        raise CorrectionError(f"correction {correction_id} is already undone")
    conn.execute(t.corrections.update().where(c.id == correction_id).values(
        undone=now(), undone_by=(who or "").strip()[:200] or "analyst"))


def export_log(conn: Connection) -> list[dict]:
    return [as_dict(row) for row in _rows(conn)]


def import_log(conn: Connection, entries: list[dict]) -> int:
    """Add another store's log (a rebuild's): entries already here (same kind, subject,
    payload and time) are skipped. Returns how many were added."""
    c = t.corrections.c
    have = {(r.kind, r.subject, r.payload, r.created)
            for r in conn.execute(select(c.kind, c.subject, c.payload, c.created))}
    added = 0
    for entry in sorted(entries, key=lambda e: e["id"]):
        if entry["kind"] not in KINDS:
            raise CorrectionError(f"unknown correction kind {entry['kind']!r}")
        payload = json.dumps(entry["payload"], ensure_ascii=False)
        if (entry["kind"], entry["subject"], payload, entry["created"]) in have:
            continue
        conn.execute(t.corrections.insert().values(
            kind=entry["kind"], subject=entry["subject"], payload=payload, who=entry["who"],
            why=entry.get("why") or "", created=entry["created"], undone=entry.get("undone"),
            undone_by=entry.get("undone_by")))
        added += 1
    return added


# -- applying them ------------------------------------------------------------------------

def apply(conn: Connection, article_ids: list[str] | None = None) -> int:
    """Bring the derived rows in line with the log: all of them, or (after an ingest
    batch) those of ``article_ids``. Returns how many mention and quote rows changed."""
    if not has_any(conn):
        return 0
    s = state(conn)
    # Redirects are cheap to rewrite, and an id they name may have been resolved anew.
    _write_redirects(conn, s)
    _create_split_targets(conn, s)
    _write_names(conn, s)        # the resolver may have renamed an entity the log renames
    changed: set[str] = set()
    n = _apply_mentions(conn, s, article_ids, changed)
    n += _apply_quotes(conn, s, article_ids, changed)
    if changed:
        _recount(conn, sorted(changed))
    if article_ids is None:
        _drop_unused_split_targets(conn, s)
    return n


def _write_redirects(conn: Connection, s: State) -> None:
    conn.execute(t.entity_redirects.delete())
    rows = [{"old_id": old, "new_id": s.live(old)} for old in s.redirect]
    if rows:
        conn.execute(t.entity_redirects.insert(), rows)


def _create_split_targets(conn: Connection, s: State) -> None:
    missing = set(s.new_entities) - _existing(conn, set(s.new_entities))
    for entity_id in sorted(missing):
        type_, name = s.new_entities[entity_id]
        found = evidence(Entity(entity_id, type_, name))
        insert_ignore(conn, t.entities, [{"id": entity_id, "type": type_,
                                          "key": found.primary, "name": name}])
        # the resolver's keys, so later articles naming it join it
        insert_ignore(conn, t.entity_keys, [{"type": type_, "key": key, "entity_id": entity_id}
                                            for key in found.all_keys()
                                            if not key.startswith("wd:")])
        insert_ignore(conn, t.entity_aliases, [{"entity_id": entity_id, "alias": name}])
        insert_ignore(conn, t.entity_words, [{"entity_id": entity_id, "word": w}
                                             for w in name_words([name])])


def _drop_unused_split_targets(conn: Connection, s: State) -> None:
    """An entity a split made goes with the split's undo, once nothing points to it."""
    for entity_id in sorted(s.created - set(s.new_entities)):
        used = any(conn.execute(select(column).where(column == entity_id).limit(1)).first()
                   for column in (t.mentions.c.entity_id, t.quotes.c.speaker_id,
                                  t.article_entities.c.entity_id))
        if not used:
            for table in (t.entity_aliases, t.entity_words, t.entity_roles, t.entity_months,
                          t.entity_keys):
                conn.execute(table.delete().where(table.c.entity_id == entity_id))
            conn.execute(t.entities.delete().where(t.entities.c.id == entity_id))


def _write_names(conn: Connection, s: State) -> None:
    """Renamed entities carry their new name, and are found by its words (and no longer by
    the words of an undone name)."""
    e, w = t.entities.c, t.entity_words.c
    for entity_id, base in s.base_names.items():
        name = s.names.get(entity_id, base)
        conn.execute(t.entities.update().where(e.id == entity_id, e.name != name)
                     .values(name=name))
        aliases = conn.execute(select(t.entity_aliases.c.alias).where(
            t.entity_aliases.c.entity_id == entity_id)).scalars().all()
        wanted = set(name_words([name, *aliases]))
        have = set(conn.execute(select(w.word).where(w.entity_id == entity_id)).scalars())
        if have - wanted:
            conn.execute(t.entity_words.delete().where(w.entity_id == entity_id,
                                                       w.word.in_(sorted(have - wanted))))
        insert_ignore(conn, t.entity_words, [{"entity_id": entity_id, "word": word}
                                             for word in sorted(wanted - have)])


def _candidates(column, s: State, touched: set[Key], article_ids, *more):
    involved = sorted(s.involved)
    clauses = [column.in_(involved), *(c.in_(involved) for c in more)]
    touched_articles = sorted({a for a, _ in touched})
    if touched_articles:
        clauses.append(column.table.c.article_id.in_(touched_articles))
    where = [or_(*clauses)]
    if article_ids is not None:
        where.append(column.table.c.article_id.in_(article_ids))
    return where


def _apply_mentions(conn: Connection, s: State, article_ids, changed: set[str]) -> int:
    m, ae = t.mentions.c, t.article_entities.c
    query = (select(m.article_id, m.n, m.entity_id, ae.entity_id.label("original"))
             .join(t.article_entities, and_(ae.article_id == m.article_id,
                                            ae.local_id == m.local_id))
             .where(*_candidates(m.entity_id, s, s.touched_mentions, article_ids, ae.entity_id)))
    updates = []
    for row in conn.execute(query).all():
        effective = s.entity_of(row.original, (row.article_id, row.n))
        if effective != row.entity_id:
            updates.append({"a": row.article_id, "num": row.n, "e": effective})
            changed |= {row.entity_id, effective}
    if updates:
        conn.execute(t.mentions.update().where(m.article_id == bindparam("a"),
                                               m.n == bindparam("num"))
                     .values(entity_id=bindparam("e")), updates)
    return len(updates)


def _apply_quotes(conn: Connection, s: State, article_ids, changed: set[str]) -> int:
    q, ae, e = t.quotes.c, t.article_entities.c, t.entities.c
    query = (select(q.article_id, q.n, q.speaker_id, q.speaker_name,
                    ae.entity_id.label("original"))
             .outerjoin(t.article_entities, and_(ae.article_id == q.article_id,
                                                 ae.local_id == q.speaker_local))
             .where(*_candidates(q.speaker_id, s, s.touched_quotes, article_ids, ae.entity_id)))
    rows = conn.execute(query).all()
    speakers = {s.speaker_of(r.original, (r.article_id, r.n)) for r in rows} - {None}
    names = dict(conn.execute(select(e.id, e.name).where(e.id.in_(sorted(speakers)))).all())
    records: dict[str, list] = {}

    def extracted_name(article_id: str, n: int) -> str | None:
        if article_id not in records:
            record = conn.execute(select(t.articles.c.record)
                                  .where(t.articles.c.id == article_id)).scalar()
            records[article_id] = json.loads(record).get("quotes", []) if record else []
        quotes = records[article_id]
        return quotes[n].get("speaker_name") if n < len(quotes) else None

    updates = []
    for r in rows:
        speaker = s.speaker_of(r.original, (r.article_id, r.n))
        if speaker is None:
            name = None
        elif speaker == r.original and speaker not in s.names:
            name = extracted_name(r.article_id, r.n)   # as extracted
        else:
            name = names.get(speaker)
        if (speaker, name) != (r.speaker_id, r.speaker_name):
            updates.append({"a": r.article_id, "num": r.n, "e": speaker, "name": name})
            if speaker != r.speaker_id:
                changed |= {i for i in (r.speaker_id, speaker) if i}
    if updates:
        conn.execute(t.quotes.update().where(q.article_id == bindparam("a"),
                                             q.n == bindparam("num"))
                     .values(speaker_id=bindparam("e"), speaker_name=bindparam("name")), updates)
        u = t.search_units.c
        conn.execute(t.search_units.update().where(
            u.article_id == bindparam("a"), u.kind == "quote", u.n == bindparam("num"))
            .values(speaker_id=bindparam("e")),
            [{"a": x["a"], "num": x["num"], "e": x["e"]} for x in updates])
    return len(updates)


def _recount(conn: Connection, ids: list[str]) -> None:
    """``entity_months`` for these entities, counted again from their mentions and quotes."""
    em, a, m, q, e = t.entity_months, t.articles.c, t.mentions.c, t.quotes.c, t.entities.c
    conn.execute(em.delete().where(em.c.entity_id.in_(ids)))
    types = dict(conn.execute(select(e.id, e.type).where(e.id.in_(ids))).all())
    month = func.coalesce(func.substr(a.published, 1, 7), t.NO_MONTH)
    # mentions, quotes, positive and negative mentions (tone, docs/tone.md)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    queries = [(0, m.entity_id, []), (1, q.speaker_id, []), (2, m.entity_id, [m.tone == 1]),
               (3, m.entity_id, [m.tone == -1])]
    for slot, column, where in queries:
        query = (select(column, month, func.count())
                 .join(t.articles, a.id == column.table.c.article_id)
                 .where(column.in_(ids), *where).group_by(column, month))
        for entity_id, month_, count in conn.execute(query):
            for key in ((entity_id, month_), (entity_id, t.ALL_MONTHS)):
                counts[key][slot] += count
    rows = [{"entity_id": entity_id, "month": month_, "type": types[entity_id],
             "mentions": c[0], "quotes": c[1], "positive": c[2], "negative": c[3]}
            for (entity_id, month_), c in sorted(counts.items()) if entity_id in types]
    if rows:
        conn.execute(em.insert(), rows)


# -- the corrected record -----------------------------------------------------------------

def corrected_article(conn: Connection, article: Article) -> tuple[Article, dict[str, str]]:
    """The stored record as corrected, and each of its entity ids to its corpus entity id.

    Mentions split off an entity move to the article's entity of their new corpus entity,
    or to a new one ("x1", "x2" …); a reassigned quote names its new speaker (``speaker``
    is ``None`` when that speaker has no mention in the article); merged and renamed
    entities carry their corpus entity's name.
    """
    original = dict(conn.execute(_ARTICLE_ENTITIES, {"article_id": article.id}).all())
    if not has_any(conn):
        return article, original
    m, q, e = t.mentions.c, t.quotes.c, t.entities.c
    stored = dict(conn.execute(select(m.n, m.entity_id).where(m.article_id == article.id)).all())
    home = {local: live_id(conn, corpus) for local, corpus in original.items()}
    renamed = {json.loads(r.payload)["entity"] for r in _rows(conn, active_only=True)
               if r.kind == "rename"}
    # where each mention now goes
    n, moves = 0, []
    for entity in article.entities:
        targets = []
        for _ in entity.mentions:
            targets.append(stored.get(n, home.get(entity.id)))
            n += 1
        if targets and len(set(targets)) == 1 and targets[0] != home.get(entity.id):
            home[entity.id] = targets[0]          # every mention moved: the entity moved
        moves.append(targets)
    local_of = {}
    for entity in article.entities:
        local_of.setdefault(home.get(entity.id), entity)
    extra: list[Entity] = []
    for entity, targets in zip(list(article.entities), moves):
        kept = []
        for mention, target in zip(entity.mentions, targets):
            if target == home.get(entity.id):
                kept.append(mention)
                continue
            if target not in local_of:
                row = conn.execute(select(e.type, e.name).where(e.id == target)).first()
                new = Entity(f"x{len(extra) + 1}", row.type if row else entity.type,
                             row.name if row else entity.name)
                extra.append(new)
                local_of[target] = new
                home[new.id] = target
            local_of[target].mentions.append(mention)
        entity.mentions = kept
    article.entities.extend(extra)
    for entity in article.entities:
        entity.mentions.sort(key=lambda x: (x.start, x.end))
    ids = sorted({i for i in home.values() if i})
    names = dict(conn.execute(select(e.id, e.name).where(e.id.in_(ids))).all())
    for entity in article.entities:
        corpus = home.get(entity.id)
        if corpus in names and (corpus != original.get(entity.id) or corpus in renamed):
            entity.name = names[corpus]
    speakers = {r.n: r for r in conn.execute(select(q.n, q.speaker_id, q.speaker_name)
                                             .where(q.article_id == article.id))}
    for number, quote in enumerate(article.quotes):
        row = speakers.get(number)
        if row is None:
            continue
        if home.get(quote.speaker) != row.speaker_id:
            entity = local_of.get(row.speaker_id)
            quote.speaker = entity.id if entity is not None else None
        quote.speaker_name = row.speaker_name
    return article, {local: corpus for local, corpus in home.items() if corpus}
