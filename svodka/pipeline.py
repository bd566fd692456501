"""The one entry point: text in, :class:`~svodka.record.Article` out.

reading → layout → language analysis → extractors → record. Everything else (CLI, store,
API, web, batch) calls :func:`extract` or :func:`extract_document`.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from svodka.analysis import analyze
from svodka.analysis.models import Models
from svodka.extractors import extract_amounts, extract_dates, extract_entities, extract_quotes
from svodka.extractors.coref.pronouns import speech_pronouns
from svodka.layout import Layout, analyze_layout
from svodka.reading import Document
from svodka.reading.provenance import check_url, settle_date
from svodka.record import Article, Dateline, Entity, EntityTone, Mention, Source, Span
from svodka.sentiment import MentionTone, mention_tones

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def article_id(text: str) -> str:
    """The content hash that makes ingest idempotent."""
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def resolve_published(published: str | None, origin: str | None,
                       layout: Layout) -> tuple[str | None, str | None, Dateline | None]:
    """Combine metadata and the dateline: each may supply the year or the day the other lacks.
    Returns the publication day, where it came from, and the dateline."""
    published = _normalize_iso(published)
    origin = (origin or "metadata") if published else None
    match = layout.dateline
    if match is None:
        return published, origin, None
    date = match.date
    if date and date.startswith("--") and published and _ISO_DAY.match(published):
        date = f"{published[:4]}{date[1:]}"
    dateline = Dateline(match.start, match.end, match.place, date, match.agency)
    if published is None and date and not date.startswith("--"):
        published, origin = date, "dateline"
    return published, origin, dateline


def _normalize_iso(value: str | None) -> str | None:
    if not value:
        return None
    match = _ISO_DAY.match(value.strip())
    return "-".join(match.groups()) if match else None


def extract(text: str, published: str | None = None, *, source: Source | None = None,
            id: str | None = None, title: str | None = None,
            published_from: str | None = None, models: Models | None = None,
            with_tone: bool = True) -> Article:
    """Extract everything svodka knows from one article's text.

    ``published`` (ISO date) anchors relative dates and dateline days with no year;
    ``published_from`` says where it came from (``metadata`` when not given).
    ``with_tone=False`` leaves out the tone toward each mention (docs/tone.md).
    """
    layout = analyze_layout(text)
    published, published_from, dateline = resolve_published(published, published_from, layout)
    analysis = analyze(text, layout.regions(), models=models)
    dates = extract_dates(analysis, published)
    entities = extract_entities(analysis)
    quotes = extract_quotes(analysis, entities, dateline and (dateline.start, dateline.end))
    entities = speech_pronouns(analysis, entities, quotes)
    if with_tone:
        entities = with_tones(text, entities, mention_tones(analysis, entities, quotes))
    return Article(
        id=id or article_id(text),
        text=text,
        source=source or Source(),
        title=title,
        headline=layout.headline,
        dateline=dateline,
        published=published,
        published_from=published_from,
        credits=layout.credits,
        paragraphs=layout.paragraphs,
        entities=entities,
        quotes=quotes,
        amounts=extract_amounts(analysis, dates),
        dates=dates,
    )


def with_tones(text: str, entities: list[Entity], tones: Iterable[MentionTone]) -> list[Entity]:
    """The entities with their mentions carrying their tone (``tones``: one per mention, entity
    by entity in order, as :func:`~svodka.sentiment.mention_tones` gives them), and each entity
    its tone counts. Each entity of ``entities`` is replaced in place as its tones arrive, so a
    long article's mentions are not held twice."""
    tones = iter(tones)
    for index, entity in enumerate(entities):
        mentions = [_with_tone(text, mention, next(tones)) for mention in entity.mentions]
        entities[index] = replace(entity, mentions=mentions, tone=EntityTone.of(mentions))
    return entities


def _with_tone(text: str, mention: Mention, found: MentionTone) -> Mention:
    evidence = found.evidence and Span(*found.evidence, text[slice(*found.evidence)])
    return replace(mention, tone=found.tone, tone_evidence=evidence, tone_source=found.source,
                   tone_quote=found.quote)


def extract_document(document: Document, models: Models | None = None) -> Article:
    checked = check_url(document.url)
    published, published_from = settle_date(document.published, document.published_from,
                                            checked.url)
    return extract(document.text, published,
                   source=Source(document.path, checked.url, document.format, checked.domain,
                                 checked.problem),
                   id=document.id, title=document.title, published_from=published_from,
                   models=models)
