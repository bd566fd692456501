"""Read-side queries over the store: articles, corpus entities, quotes, tallies."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, and_, func, select, union

from svodka.store import corrections, schema as t
from svodka.store.lemmas import query_terms


def date_filters(column, date_from: str | None, date_to: str | None) -> list:
    """ISO prefixes compare as strings; "-99" makes ``date_to`` "2024-11" include the 30th."""
    clauses = []
    if date_from:
        clauses.append(column >= date_from)
    if date_to:
        clauses.append(column <= date_to + "-99")
    return clauses


def article_filters(entity_id: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, tone: int | None = None) -> list:
    """``tone`` keeps articles with a mention of that tone (of ``entity_id`` when given)."""
    clauses = date_filters(t.articles.c.published, date_from, date_to)
    if entity_id and tone is None:
        clauses.append(t.articles.c.id.in_(entity_articles([entity_id])))
    if tone is not None:
        m = t.mentions.c
        toned = select(m.article_id).where(m.tone == tone)
        if entity_id:
            toned = toned.where(m.entity_id == entity_id)
        clauses.append(t.articles.c.id.in_(toned))
    return clauses


def entity_articles(entity_ids: list[str]):
    """The articles that mention these entities or quote them, as corrected (mentions and
    quotes carry the analysts' corrections; ``article_entities`` keeps the resolver's view)."""
    return union(select(t.mentions.c.article_id).where(t.mentions.c.entity_id.in_(entity_ids)),
                 select(t.quotes.c.article_id).where(t.quotes.c.speaker_id.in_(entity_ids)))


def _live(conn: Connection, filters: dict) -> dict:
    """An entity filter names the entity an id is now (merged by the resolver or an analyst)."""
    if filters.get("entity_id"):
        filters["entity_id"] = corrections.live_id(conn, filters["entity_id"])
    return filters


# An article with neither headline nor title is listed by its first words.
OPENING_CHARS = 100
OPENING = func.substr(t.articles.c.text, 1, OPENING_CHARS).label("opening")
OPENING_WORDS = 12


def headline_of(row, opening: str | None = None) -> str | None:
    """``row`` has ``headline``, ``title`` and, unless ``opening`` is given, ``opening``."""
    if row.headline or row.title:
        return row.headline or row.title
    words = (row.opening if opening is None else opening).split()
    return " ".join(words[:OPENING_WORDS]) + "…" if words else None


def newest_first(*tiebreak):
    return (t.articles.c.published.desc().nulls_last(), *tiebreak)


def list_articles(conn: Connection, offset: int, limit: int, **filters) -> list[dict]:
    a = t.articles.c
    filters = _live(conn, filters)
    # The page's ids first, from the index; only then the rows (and their texts' openings).
    ids = conn.execute(select(a.id).where(*article_filters(**filters))
                       .order_by(*newest_first(a.id)).offset(offset).limit(limit)).scalars().all()
    rows = {r.id: r for r in conn.execute(
        select(a.id, a.headline, a.title, a.published, a.url, a.n_entities, a.n_quotes,
               a.n_amounts, OPENING).where(a.id.in_(ids)))}
    return [{"id": r.id, "headline": headline_of(r), "published": r.published,
             "url": r.url, "n_entities": r.n_entities, "n_quotes": r.n_quotes,
             "n_amounts": r.n_amounts} for r in map(rows.get, ids)]


def count_articles(conn: Connection, **filters) -> int:
    filters = _live(conn, filters)
    query = select(func.count()).select_from(t.articles).where(*article_filters(**filters))
    return conn.execute(query).scalar_one()


def current_entity_id(conn: Connection, entity_id: str) -> str | None:
    """The live id for an entity id: itself, or the entity it was merged into."""
    if conn.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first():
        return entity_id
    return conn.execute(select(t.entity_merges.c.new_id)
                        .where(t.entity_merges.c.old_id == entity_id)).scalar()


def resolve_entities(conn: Connection, ref: str, type_: str | None = None) -> list[str]:
    """Corpus entity ids for an id (also one the resolver or an analyst merged away), or for
    a name whose every word matches (any case form)."""
    current = current_entity_id(conn, ref)
    if current:
        return [corrections.live_id(conn, current)]
    terms = query_terms(ref)
    if not terms:
        return []
    forms = sorted({form for term in terms for form in term})
    found: dict[str, set[str]] = defaultdict(set)
    query = select(t.entity_words.c.entity_id, t.entity_words.c.word).where(
        t.entity_words.c.word.in_(forms))
    for row in conn.execute(query):
        found[row.entity_id].add(row.word)
    ids = [eid for eid, words in found.items() if all(words.intersection(term) for term in terms)]
    ids = corrections.live_ids(conn, ids)
    if type_ and ids:
        typed = select(t.entities.c.id).where(t.entities.c.id.in_(ids), t.entities.c.type == type_)
        ids = list(conn.execute(typed).scalars())
    return sorted(ids)


def _mention_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    em = t.entity_months.c
    query = select(em.entity_id, em.mentions).where(em.entity_id.in_(ids),
                                                     em.month == t.ALL_MONTHS)
    return dict(conn.execute(query).all())


def _aliases(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    query = (select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)
             .where(t.entity_aliases.c.entity_id.in_(ids)).order_by(t.entity_aliases.c.alias))
    for row in conn.execute(query):
        result[row.entity_id].append(row.alias)
    return result


def find_entities(conn: Connection, name: str, type_: str | None, limit: int) -> list[dict]:
    ids = resolve_entities(conn, name, type_)
    if not ids:
        return []
    counts, aliases = _mention_counts(conn, ids), _aliases(conn, ids)
    rows = conn.execute(select(t.entities).where(t.entities.c.id.in_(ids))).all()
    found = [{"id": r.id, "type": r.type, "name": r.name, "wikidata": r.wikidata,
              "aliases": [a for a in aliases[r.id] if a != r.name],
              "n_mentions": counts.get(r.id, 0)} for r in rows]
    found.sort(key=lambda e: (-e["n_mentions"], e["name"], e["id"]))
    return found[:limit]


def quote_rows(conn: Connection, where: list, limit: int, offset: int) -> list[dict]:
    q, a = t.quotes.c, t.articles.c
    query = (select(q.article_id, a.headline, a.title, a.published, OPENING, q.start, q.end,
                    q.text, q.kind, q.speaker_id, q.speaker_name, q.cue, q.n)
             .join(t.articles, a.id == q.article_id).where(*where)
             .order_by(*newest_first(q.article_id, q.n)).offset(offset).limit(limit))
    return [{"article_id": r.article_id, "headline": headline_of(r),
             "published": r.published, "start": r.start, "end": r.end, "text": r.text,
             "kind": r.kind, "speaker_id": r.speaker_id, "speaker_name": r.speaker_name,
             "cue": r.cue} for r in conn.execute(query)]


def quotes(conn: Connection, speaker: str | None, limit: int, offset: int) -> list[dict]:
    where = []
    if speaker:
        ids = resolve_entities(conn, speaker)
        if not ids:
            return []
        where.append(t.quotes.c.speaker_id.in_(ids))
    return quote_rows(conn, where, limit, offset)


def get_entity(conn: Connection, entity_id: str, limit: int = 100) -> dict | None:
    """An entity with counts, and its newest ``limit`` articles, quotes and quoted amounts:
    a country in half the corpus must not load half the corpus. An id merged into another
    entity (by the resolver or an analyst) gives that entity (its ``id`` then differs from the
    one asked for)."""
    entity_id = corrections.live_id(conn, current_entity_id(conn, entity_id) or entity_id)
    row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
    if row is None:
        return None
    a, q, am = t.articles.c, t.quotes.c, t.amounts.c
    merged = corrections.merged_into(conn, row.id)
    members = [row.id, *merged]
    roles = conn.execute(select(t.entity_roles.c.role).distinct()
                         .where(t.entity_roles.c.entity_id.in_(members))
                         .order_by(t.entity_roles.c.role)).scalars().all()
    aliases = sorted({x for ids in _aliases(conn, members).values() for x in ids} - {row.name})
    linked = entity_articles([row.id])
    # The newest ids first, then the openings of those alone: the opening is cut from the
    # text, which SQLite reads whole, and sorting with it read every linked article's text
    # (~27 ms for an entity in 2,000 articles, most of its page).
    newest = conn.execute(select(a.id).where(a.id.in_(linked)).order_by(*newest_first(a.id))
                          .limit(limit)).scalars().all()
    shown = {r.id: r for r in conn.execute(select(a.id, a.headline, a.title, a.published,
                                                  OPENING).where(a.id.in_(newest)))}
    articles = [{"id": i, "headline": headline_of(shown[i]), "published": shown[i].published}
                for i in newest]
    n_articles = conn.execute(select(func.count()).select_from(linked.subquery())).scalar_one()
    n_quotes = conn.execute(select(func.count()).select_from(t.quotes)
                            .where(q.speaker_id == row.id)).scalar_one()
    inside = and_(am.article_id == q.article_id, am.start >= q.start, am.end <= q.end)
    amount_rows = conn.execute(
        select(t.amounts, q.n.label("quote_n")).join(t.quotes, inside)
        .join(t.articles, a.id == q.article_id)
        .where(q.speaker_id == row.id).order_by(*newest_first(am.article_id, am.n))
        .limit(limit)).all()
    em = t.entity_months.c
    by_month = conn.execute(select(em.month, em.mentions, em.positive, em.negative).where(
        em.entity_id == row.id, em.month > t.ALL_MONTHS, em.mentions > 0)
        .order_by(em.month)).all()
    return {
        "id": row.id, "type": row.type, "name": row.name, "wikidata": row.wikidata,
        "merged_from": sorted(conn.execute(select(t.entity_merges.c.old_id).where(
            t.entity_merges.c.new_id == row.id)).scalars()),
        "aliases": aliases,
        "roles": list(roles),
        "merged_in": merged,
        "n_mentions": _mention_counts(conn, [row.id]).get(row.id, 0),
        "n_articles": n_articles,
        "n_quotes": n_quotes,
        "articles": articles,
        "quotes": quote_rows(conn, [q.speaker_id == row.id], limit=limit, offset=0),
        "amounts": [_amount_dict(r) for r in amount_rows],
        "mentions_by_month": [[r.month, r.mentions] for r in by_month],
        # [month, mentions, positive, negative]: how the corpus wrote about it, month by month
        "tone_by_month": [[r.month, r.mentions, r.positive, r.negative] for r in by_month],
    }


def _amount_dict(row) -> dict:
    data = {k: getattr(row, k) for k in ("article_id", "start", "end", "text", "kind", "value",
                                         "unit", "approx", "of", "to", "measure", "period")}
    return {k: v for k, v in data.items() if v is not None or k in ("value", "unit")}


def top_entities(conn: Connection, type_: str | None, by: str, since: str | None,
                 limit: int) -> list[dict]:
    """The most mentioned (or quoted) entities in articles published in ``since``'s month or
    later (all articles when ``since`` is None)."""
    if by not in ("mentions", "quotes"):
        raise ValueError("by is 'mentions' or 'quotes'")
    em, e = t.entity_months.c, t.entities.c
    typed = [em.type == type_] if type_ else []
    if since:
        # "*" and "" sort before every month, so they never meet a month's lower bound
        count = func.sum(em[by]).label("count")
        leaders = (select(em.entity_id, count).where(em.month >= since[:7], *typed)
                   .group_by(em.entity_id).having(count > 0).subquery())
    else:
        # From the index on (month, type, count): the limit-th count, then all at or above it
        # (so ties are broken by name like above, not by index order).
        overall = [em.month == t.ALL_MONTHS, em[by] > 0, *typed]
        floor = conn.execute(select(em[by]).where(*overall).order_by(em[by].desc())
                             .offset(limit - 1).limit(1)).scalar() or 1
        leaders = (select(em.entity_id, em[by].label("count"))
                   .where(*overall, em[by] >= floor).subquery())
    rows = conn.execute(select(e.id, e.type, e.name, leaders.c.count)
                        .join(leaders, leaders.c.entity_id == e.id)
                        .order_by(leaders.c.count.desc(), e.name).limit(limit))
    return [{"id": r.id, "type": r.type, "name": r.name, "count": r.count} for r in rows]


def stats(conn: Connection) -> dict:
    def count(table) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
    groups = conn.execute(select(func.count(func.distinct(t.duplicates.c.original_id)))).scalar_one()
    entities = conn.execute(select(func.count()).select_from(t.entities).where(   # merged-away
        t.entities.c.id.not_in(select(t.entity_redirects.c.old_id)))).scalar_one()  # ids are none
    return {"articles": count(t.articles), "entities": entities,
            "quotes": count(t.quotes), "amounts": count(t.amounts), "dates": count(t.dates),
            "duplicate_groups": groups, "duplicates": count(t.duplicates),
            "rejected": count(t.rejections)}


def duplicate_groups(conn: Connection) -> list[dict]:
    d, a = t.duplicates.c, t.articles.c
    query = (select(d.original_id, a.headline, a.title, OPENING, a.url, d.article_id, d.kind,
                    d.similarity,
                    d.headline.label("copy_headline"), d.url.label("copy_url"), d.path)
             .join(t.articles, a.id == d.original_id).order_by(d.original_id, d.article_id, d.key))
    groups: dict[str, dict] = {}
    for r in conn.execute(query):
        group = groups.setdefault(r.original_id, {
            "id": r.original_id, "headline": headline_of(r), "url": r.url, "copies": []})
        group["copies"].append({"id": r.article_id, "kind": r.kind, "similarity": r.similarity,
                                "headline": r.copy_headline, "url": r.copy_url, "path": r.path})
    return list(groups.values())
