"""The article record: typed, serializable, and the only thing downstream layers speak.

The JSON shape is fixed by the output contract (``../shared/contract.md``); every
span is a ``[start, end)`` index into ``Article.text``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any

from svodka.pickling import pickled_by_fields


@cache
def _field_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _drop_private(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if not key.startswith("_")}


@pickled_by_fields
@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(data["start"], data["end"], data["text"])


@pickled_by_fields
@dataclass(slots=True)
class Credit:
    """A line that is not the article's prose, kept in the text but not read by extraction."""
    start: int
    end: int
    text: str
    kind: str = "credit"    # credit | caption | teaser | embed | code

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Credit":
        return cls(data["start"], data["end"], data["text"], data.get("kind", "credit"))


@pickled_by_fields
@dataclass(slots=True)
class Paragraph:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Paragraph":
        return cls(data["start"], data["end"])


@pickled_by_fields
@dataclass(slots=True)
class Source:
    path: str | None = None
    url: str | None = None
    format: str = "text"
    domain: str | None = None        # the outlet: the URL's host without "www."/"m."/"amp."
    url_problem: str | None = None   # why the given URL was repaired or set aside

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Source":
        return cls(data.get("path"), data.get("url"), data.get("format", "text"),
                   data.get("domain"), data.get("url_problem"))


@pickled_by_fields
@dataclass(slots=True)
class Dateline:
    start: int
    end: int
    place: str | None = None
    date: str | None = None
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "agency": self.agency,
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Dateline":
        return cls(data["start"], data["end"], data.get("place"), data.get("date"),
                   data.get("agency"))


@pickled_by_fields
@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    normal: str
    kind: str = "name"    # name | title ("посол") | pronoun ("он"); benchmarks score names
    # Extension (docs/tone.md): how the text speaks of the entity here, and why.
    tone: int | None = None               # -1 | 0 | 1; None when tone was not computed
    tone_evidence: Span | None = None     # the word that carries it
    tone_source: str | None = None        # author | quote | implicit
    tone_quote: int | None = None         # the quote's index when tone_source is "quote"
    rule: str | None = None   # the resolver's rule that linked a title or pronoun: --explain

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text,
                                "normal": self.normal, "kind": self.kind}
        if self.rule is not None:
            data["rule"] = self.rule
        if self.tone is not None:
            data["tone"] = self.tone
            data["tone_evidence"] = self.tone_evidence.to_dict() if self.tone_evidence else None
            data["tone_source"] = self.tone_source
            if self.tone_quote is not None:
                data["tone_quote"] = self.tone_quote
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Mention":
        evidence = data.get("tone_evidence")
        return cls(data["start"], data["end"], data["text"], data.get("normal", data["text"]),
                   data.get("kind", "name"), data.get("tone"),
                   Span.from_dict(evidence) if evidence else None,
                   data.get("tone_source"), data.get("tone_quote"), data.get("rule"))


@pickled_by_fields
@dataclass(slots=True)
class EntityTone:
    """Tone toward one entity over an article: mentions per class and a summary."""
    positive: int = 0
    negative: int = 0
    neutral: int = 0

    @property
    def summary(self) -> int:
        """+1 or −1 when one side has more mentions than the other, else 0."""
        return (self.positive > self.negative) - (self.negative > self.positive)

    def to_dict(self) -> dict[str, Any]:
        return {"positive": self.positive, "negative": self.negative, "neutral": self.neutral,
                "summary": self.summary}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EntityTone":
        return cls(data.get("positive", 0), data.get("negative", 0), data.get("neutral", 0))

    @classmethod
    def of(cls, mentions: list[Mention]) -> "EntityTone | None":
        tones = [m.tone for m in mentions if m.tone is not None]
        if not tones:
            return None
        return cls(tones.count(1), tones.count(-1), tones.count(0))


@pickled_by_fields
@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Extension: the corpus entity's Wikidata id, filled when the record is read from the
    # store (corpus resolution decides it); absent from the dict when unknown.
    wikidata: str | None = None
    tone: EntityTone | None = None    # extension: counts over its mentions' tone

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, "type": self.type, "name": self.name,
                "aliases": list(self.aliases), "roles": list(self.roles),
                "mentions": [m.to_dict() for m in self.mentions]}
        if self.wikidata:
            data["wikidata"] = self.wikidata
        if self.tone is not None:
            data["tone"] = self.tone.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        return cls(data["id"], data["type"], data["name"], list(data.get("aliases", [])),
                   list(data.get("roles", [])),
                   [Mention.from_dict(m) for m in data.get("mentions", [])],
                   data.get("wikidata"),
                   tone=EntityTone.from_dict(data["tone"]) if data.get("tone") else None)


@pickled_by_fields
@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str                      # direct | indirect
    speaker: str | None = None     # entity id
    speaker_name: str | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    rule: str | None = None        # which rule found it: `svodka extract --explain`
    speaker_text: str | None = None  # the words that named the speaker ("Посол", "в пресс-службе")
    speaker_span: tuple[int, int] | None = None
    # a joint statement ("Голдфин и Уилсон сообщили"): the other speakers' entity ids, after
    # ``speaker``; ``speaker_name`` then names them all ("Дэвид Голдфин и Хезер Уилсон")
    co_speakers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cue_span"] = list(self.cue_span) if self.cue_span else None
        data["speaker_span"] = list(self.speaker_span) if self.speaker_span else None
        if not self.co_speakers:
            del data["co_speakers"]     # (a record without joint statements is as before)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        known = _field_names(cls)
        values = {k: v for k, v in data.items() if k in known}
        for key in ("cue_span", "speaker_span"):
            if values.get(key) is not None:
                values[key] = tuple(values[key])
        return cls(**values)


@pickled_by_fields
@dataclass(slots=True)
class Amount:
    start: int
    end: int
    text: str
    kind: str                      # money | percent | count | share | other
    value: float | int
    unit: str | None = None
    approx: str = "exact"          # exact | about | over | under | up_to | range
    of: float | int | None = None  # share: 21 из 34 -> of=34
    to: float | int | None = None  # range: от 5 до 7 -> to=7
    measure: str | None = None
    period: str | None = None
    noun: str | None = None        # what is counted: "компаний"
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("of", "to", "noun", "rule"):
            if data[key] is None:
                del data[key]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Amount":
        known = _field_names(cls)
        return cls(**{k: v for k, v in data.items() if k in known})


@pickled_by_fields
@dataclass(slots=True)
class DateRef:
    start: int
    end: int
    text: str
    kind: str                      # day | month | year | range | relative | weekday ...
    value: str | None              # ISO 8601; None when a relative date cannot be resolved
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["rule"] is None:
            del data["rule"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DateRef":
        return cls(data["start"], data["end"], data["text"], data["kind"], data.get("value"),
                   data.get("rule"))


@pickled_by_fields
@dataclass(slots=True)
class Article:
    id: str
    text: str
    source: Source = field(default_factory=Source)
    headline: Span | None = None
    dateline: Dateline | None = None
    published: str | None = None
    credits: list[Credit] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    title: str | None = None       # metadata title (HTML <title>, JSONL "title"), not a span
    published_from: str | None = None  # metadata | url | html_meta | json_ld | warc_date | dateline

    def entity(self, entity_id: str | None) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "source": self.source.to_dict(),
            "title": self.title,
            "headline": self.headline.to_dict() if self.headline else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "published": self.published,
            "published_from": self.published_from,
            "credits": [c.to_dict() for c in self.credits],
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "amounts": [a.to_dict() for a in self.amounts],
            "dates": [d.to_dict() for d in self.dates],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return cls(
            id=data["id"],
            text=data["text"],
            source=Source.from_dict(data.get("source") or {}),
            headline=Span.from_dict(data["headline"]) if data.get("headline") else None,
            dateline=Dateline.from_dict(data["dateline"]) if data.get("dateline") else None,
            published=data.get("published"),
            credits=[Credit.from_dict(c) for c in data.get("credits", [])],
            paragraphs=[Paragraph.from_dict(p) for p in data.get("paragraphs", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            amounts=[Amount.from_dict(a) for a in data.get("amounts", [])],
            dates=[DateRef.from_dict(d) for d in data.get("dates", [])],
            title=data.get("title"),
            published_from=data.get("published_from"),
        )
