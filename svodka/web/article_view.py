"""What the article page shows: the highlighted text and the side panel, from one record.

Pure functions of an :class:`~svodka.record.Article`; where a fact links (an entity page,
a search) is decided by the ``entity_href`` the caller passes, so the same view serves
stored articles and pasted ones.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote as url_quote

from svodka.record import Article, Entity
from svodka.web.format import amount_value, russian_date, type_label
from svodka.web.highlight import Mark, highlight

EntityHref = Callable[[Entity], str]
KNOWN_TYPES = ("PER", "ORG", "LOC", "EVENT")


def search_href(entity: Entity) -> str:
    """Where an entity links when it has no page of its own: a corpus search for its name."""
    return f"/search?q={url_quote(entity.name)}"


@dataclass(slots=True)
class PanelItem:
    label: str
    anchor: str
    detail: str = ""
    href: str | None = None     # the entity page (or a search) for entities and speakers
    css: str = ""
    link_css: str = ""          # the linked entity's colour


@dataclass(slots=True)
class ArticleView:
    html: str
    entities: list[PanelItem] = field(default_factory=list)
    quotes: list[PanelItem] = field(default_factory=list)
    amounts: list[PanelItem] = field(default_factory=list)
    dates: list[PanelItem] = field(default_factory=list)


def type_css(entity_type: str) -> str:
    return f"ent-{entity_type}" if entity_type in KNOWN_TYPES else "ent-OTHER"


def mention_marks(article: Article, entity_href: EntityHref) -> list[Mark]:
    marks = []
    for entity in article.entities:
        href = entity_href(entity)
        for mention in entity.mentions:
            marks.append(Mark(mention.start, mention.end,
                              f"ent {type_css(entity.type)} mention-{mention.kind}"
                              + _TONE_CSS.get(mention.tone, ""),
                              tag="a", anchor=f"m{mention.start}", href=href,
                              title=f"{type_label(entity.type)}: {entity.name}"
                              + tone_note(mention), rank=4))
    return marks


_TONE_CSS = {1: " tone-pos", -1: " tone-neg"}
_TONE_WORDS = {1: "положительный", -1: "отрицательный"}
_TONE_SOURCES = {"author": "автор", "quote": "цитата", "implicit": "из контекста"}


def tone_note(mention) -> str:
    """" · тон: отрицательный («виновным», автор)" for a mention with a tone, else ""."""
    if not mention.tone:
        return ""
    why = [f"«{mention.tone_evidence.text}»"] if mention.tone_evidence else []
    why += [_TONE_SOURCES[mention.tone_source]] if mention.tone_source in _TONE_SOURCES else []
    return f" · тон: {_TONE_WORDS[mention.tone]}" + (f" ({', '.join(why)})" if why else "")


def quote_marks(article: Article, entity_href: EntityHref) -> list[Mark]:
    marks = []
    for quote in article.quotes:
        speaker = article.entity(quote.speaker)
        name = speaker.name if speaker else (quote.speaker_name or "источник не назван")
        kind = "прямая речь" if quote.kind == "direct" else "косвенная речь"
        badge = None
        if speaker is not None:
            badge = (f'<a class="speaker-tag" href="{escape(entity_href(speaker))}" '
                     f'title="Все цитаты: {escape(speaker.name)}">{escape(speaker.name)}</a>')
        title = f"{kind}: {name}" + (f" ({quote.cue})" if quote.cue else "")
        marks.append(Mark(quote.start, quote.end, f"quote quote-{quote.kind}",
                          anchor=f"q{quote.start}", title=title, after=badge, rank=0))
    return marks


def amount_marks(article: Article) -> list[Mark]:
    return [Mark(a.start, a.end, f"amount amount-{a.kind}", anchor=f"a{a.start}",
                 title=amount_value(a), rank=2) for a in article.amounts]


def date_marks(article: Article) -> list[Mark]:
    return [Mark(d.start, d.end, "date", anchor=f"d{d.start}",
                 title=russian_date(d.value) if d.value else "дата не определена", rank=3)
            for d in article.dates]


def hit_mark(article: Article, hit: tuple[int, int] | None) -> list[Mark]:
    if hit is None or not 0 <= hit[0] < hit[1] <= len(article.text):
        return []
    return [Mark(hit[0], hit[1], "hit", tag="mark", anchor="hit", rank=1)]


def _panel(article: Article, entity_href: EntityHref) -> dict[str, list[PanelItem]]:
    order = {kind: rank for rank, kind in enumerate(KNOWN_TYPES)}
    entities = sorted(article.entities,
                      key=lambda e: (order.get(e.type, len(order)), -len(e.mentions), e.name))
    panel = {
        "entities": [PanelItem(e.name, f"m{e.mentions[0].start}" if e.mentions else "",
                               f"{type_label(e.type)} · {len(e.mentions)}",
                               entity_href(e), type_css(e.type)) for e in entities],
        "quotes": [], "amounts": [], "dates": [],
    }
    for quote in article.quotes:
        speaker = article.entity(quote.speaker)
        panel["quotes"].append(PanelItem(
            _short(quote.text), f"q{quote.start}",
            speaker.name if speaker else (quote.speaker_name or "источник не назван"),
            entity_href(speaker) if speaker else None, f"said-{quote.kind}",
            type_css(speaker.type) if speaker else ""))
    panel["amounts"] = [PanelItem(a.text, f"a{a.start}", amount_value(a),
                                  css=f"amount-{a.kind}") for a in article.amounts]
    panel["dates"] = [PanelItem(d.text, f"d{d.start}",
                                russian_date(d.value) if d.value else "не определена")
                      for d in article.dates]
    return panel


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_view(article: Article, entity_href: EntityHref = search_href,
                 hit: tuple[int, int] | None = None) -> ArticleView:
    marks = (quote_marks(article, entity_href) + hit_mark(article, hit)
             + amount_marks(article) + date_marks(article) + mention_marks(article, entity_href))
    if article.dateline:
        marks.append(Mark(article.dateline.start, article.dateline.end, "dateline", rank=1))
    headline = (article.headline.start, article.headline.end) if article.headline else None
    credits = tuple((c.start, c.end) for c in article.credits)
    # every paragraph and every credit line is a block of its own
    starts = frozenset(p.start for p in article.paragraphs) | {c.start for c in article.credits}
    return ArticleView(highlight(article.text, marks, headline, credits, starts),
                       **_panel(article, entity_href))
