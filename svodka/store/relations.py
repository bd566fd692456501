"""An entity over time and in company: its timeline, who appears with it, what it said about
another entity.

Everything counts articles and spans already stored: a mention per row of ``mentions``, a
quote per row of ``quotes`` with that speaker, dated by the article's ``published`` (the
undated are counted apart, never placed on the timeline).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Connection, and_, case, func, select

from svodka.store import schema as t
from svodka.store.read import headline_of, OPENING, current_entity_id, newest_first, quote_rows

PERIODS = ("day", "week", "month")
COMPANY_LIMIT = 20


def period_of(day: str, period: str) -> str | None:
    """``2017-04-18`` → ``2017-04-18``, ``2017-W16`` or ``2017-04``; None for a partial date."""
    try:
        when = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    if period == "day":
        return when.isoformat()
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.isoformat()[:7]


def timeline(conn: Connection, entity_id: str, period: str = "month") -> dict:
    """Mentions (and how many of them positive and negative, docs/tone.md) and quotes of an
    entity per day, ISO week or month, oldest first, and how many fell in undated articles."""
    if period not in PERIODS:
        raise ValueError(f"period is one of {', '.join(PERIODS)}")
    entity_id = current_entity_id(conn, entity_id) or entity_id
    a, m, q = t.articles.c, t.mentions.c, t.quotes.c
    names = ("mentions", "positive", "negative", "quotes")
    counts: dict[str, Counter] = {name: Counter() for name in names}
    undated = Counter()
    mentions = (select(a.published, func.count(), func.sum(case((m.tone > 0, 1), else_=0)),
                       func.sum(case((m.tone < 0, 1), else_=0)))
                .join(t.articles, a.id == m.article_id).where(m.entity_id == entity_id)
                .group_by(a.published))
    quotes = (select(a.published, func.count()).join(t.articles, a.id == q.article_id)
              .where(q.speaker_id == entity_id).group_by(a.published))
    rows = [(published, dict(zip(names[:3], values))) for published, *values
            in conn.execute(mentions)]
    rows += [(published, {"quotes": n}) for published, n in conn.execute(quotes)]
    for published, values in rows:
        key = period_of(published, period) if published else None
        for name, n in values.items():
            if key is None:
                undated[name] += n or 0
            else:
                counts[name][key] += n or 0
    keys = sorted(set(counts["mentions"]) | set(counts["quotes"]))
    return {"entity_id": entity_id, "period": period,
            "points": [{"period": k, **{name: counts[name][k] for name in names}} for k in keys],
            "undated": {name: undated[name] for name in names}}


def company(conn: Connection, entity_id: str, limit: int = COMPANY_LIMIT) -> list[dict]:
    """The entities that share the most articles with this one, with the number shared."""
    entity_id = current_entity_id(conn, entity_id) or entity_id
    ae, e = t.article_entities.c, t.entities.c
    own = select(ae.article_id).where(ae.entity_id == entity_id)
    shared = func.count(func.distinct(ae.article_id))
    rows = conn.execute(
        select(e.id, e.name, e.type, shared.label("articles"))
        .join(t.entities, e.id == ae.entity_id)
        .where(ae.article_id.in_(own), ae.entity_id != entity_id)
        .group_by(e.id, e.name, e.type).order_by(shared.desc(), e.name).limit(limit))
    return [{"id": r.id, "name": r.name, "type": r.type, "articles": r.articles} for r in rows]


def together(conn: Connection, entity_id: str, other_id: str, limit: int = 100) -> dict:
    """Where two entities meet: the articles that mention both, and what each said about the
    other (its quotes that mention the other inside the quote)."""
    entity_id = current_entity_id(conn, entity_id) or entity_id
    other_id = current_entity_id(conn, other_id) or other_id
    ae, a = t.article_entities.c, t.articles.c
    both = (select(ae.article_id).where(ae.entity_id == entity_id)
            .intersect(select(ae.article_id).where(ae.entity_id == other_id)))
    articles = [{"id": r.id, "headline": headline_of(r), "published": r.published}
                for r in conn.execute(select(a.id, a.headline, a.title, a.published, OPENING)
                                      .where(a.id.in_(both)).order_by(*newest_first(a.id))
                                      .limit(limit))]
    return {"articles": articles,
            "said": said_about(conn, entity_id, other_id, limit),
            "heard": said_about(conn, other_id, entity_id, limit)}


def said_about(conn: Connection, speaker_id: str, subject_id: str, limit: int = 100) -> list[dict]:
    """Quotes by ``speaker_id`` whose text mentions ``subject_id``, newest first."""
    q, m = t.quotes.c, t.mentions.c
    inside = select(m.article_id).where(
        m.entity_id == subject_id, m.article_id == q.article_id,
        and_(m.start >= q.start, m.end <= q.end)).exists()
    return quote_rows(conn, [q.speaker_id == speaker_id, inside], limit=limit, offset=0)
