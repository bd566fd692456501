"""GDELT Global Knowledge Graph 2.1 records: one tab-separated line of 27 fields per article.

Field syntax follows the GKG 2.1 codebook (GDELT-Global_Knowledge_Graph_Codebook-V2.1):
``;`` between blocks, ``,`` or ``#`` inside them, character offsets into the article text.
What GKG has no field for (quote speakers, svodka's entity ids and types, Wikidata ids,
where the date came from, tone per entity) goes into ``V2EXTRASXML``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from svodka.record import Article

FIELDS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB = "1"                      # V2SOURCECOLLECTIONIDENTIFIER: the open web
LOCATION_TYPE_UNKNOWN = "0"    # svodka does not geocode: no country, ADM1, lat/long or feature id
_DELIMITERS = re.compile(r"[\t\n\r;,#|<>]+")
# A quotation's own delimiters are "|" and "#" only: its commas and semicolons stay.
_QUOTE_DELIMITERS = re.compile(r"[\t\n\r|#<>]+")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def clean(value: object, delimiters: re.Pattern[str] = _DELIMITERS) -> str:
    """A value with GKG's delimiters (and tabs, newlines) replaced by spaces."""
    return " ".join(delimiters.sub(" ", str(value)).split())


def gkg_date(published: str | None) -> str:
    """``2017-04-18`` → ``20170418000000``; empty when the article is undated."""
    match = _DAY.match(published or "")
    return "".join(match.groups()) + "000000" if match else ""


def _name_mentions(entity) -> list:
    """Where the name itself stands: GKG's offsets are of names, not of titles or pronouns."""
    return [m for m in entity.mentions if getattr(m, "kind", "name") in (None, "name")]


def _names(article: Article, types: tuple[str, ...]) -> tuple[str, str]:
    """(V1 list of distinct names, V2 list of name,offset per name mention)."""
    distinct, enhanced = [], []
    for entity in article.entities:
        if entity.type not in types:
            continue
        distinct.append(clean(entity.name))
        enhanced += [f"{clean(entity.name)},{m.start}" for m in _name_mentions(entity)]
    return ";".join(dict.fromkeys(distinct)), ";".join(enhanced)


def _locations(article: Article) -> tuple[str, str]:
    v1, v2 = [], []
    for entity in article.entities:
        if entity.type != "LOC":
            continue
        name = clean(entity.name)
        v1.append(f"{LOCATION_TYPE_UNKNOWN}#{name}#####")
        v2 += [f"{LOCATION_TYPE_UNKNOWN}#{name}#######{m.start}" for m in _name_mentions(entity)]
    return ";".join(dict.fromkeys(v1)), ";".join(v2)


def _dates(article: Article) -> str:
    """Resolution#Month#Day#Year#Offset: 1 year, 2 month, 3 day, 4 month and day, no year."""
    blocks = []
    for ref in article.dates:
        value = ref.value or ""
        if match := _DAY.match(value):
            year, month, day = match.groups()
            blocks.append(f"3#{int(month)}#{int(day)}#{year}#{ref.start}")
        elif match := _MONTH.match(value):
            blocks.append(f"2#{int(match.group(2))}#0#{match.group(1)}#{ref.start}")
        elif match := _YEAR.match(value):
            blocks.append(f"1#0#0#{match.group(1)}#{ref.start}")
        elif match := _MONTH_DAY.match(value):
            blocks.append(f"4#{int(match.group(1))}#{int(match.group(2))}#0#{ref.start}")
    return ";".join(blocks)


def _quotations(article: Article) -> str:
    """Offset|Length|Verb|Quote, blocks joined by ``#``."""
    return "#".join(f"{q.start}|{q.end - q.start}|{clean(q.cue or '')}|"
                    f"{clean(q.text, _QUOTE_DELIMITERS)}" for q in article.quotes)


def _all_names(article: Article) -> str:
    return ";".join(f"{clean(e.name)},{m.start}" for e in article.entities
                    for m in _name_mentions(e))


def _amounts(article: Article) -> str:
    """Amount,Object,Offset."""
    blocks = []
    for amount in article.amounts:
        if amount.value is None:
            continue
        value = int(amount.value) if float(amount.value).is_integer() else amount.value
        thing = amount.noun or amount.measure or amount.unit or amount.kind
        blocks.append(f"{value},{clean(thing)},{amount.start}")
    return ";".join(blocks)


def _tone(article: Article) -> str:
    """V1.5TONE from the tone of entity mentions (docs/tone.md), as percentages of the toned
    mentions rather than of words; empty when no mention carries a tone."""
    tones = [m.tone for e in article.entities for m in e.mentions
             if getattr(m, "tone", None) is not None]
    if not tones:
        return ""
    positive = 100 * sum(t > 0 for t in tones) / len(tones)
    negative = 100 * sum(t < 0 for t in tones) / len(tones)
    words = len(article.text.split())
    return f"{positive - negative:.2f},{positive:.2f},{negative:.2f},{positive + negative:.2f},0,0,{words}"


def _extras(article: Article) -> str:
    parts = [f"<SVODKA id={quoteattr(article.id)}"
             f" published_from={quoteattr(article.published_from or '')}>"]
    for entity in article.entities:
        wikidata = getattr(entity, "wikidata", None)
        tone = getattr(entity, "tone", None)
        attributes = f"id={quoteattr(entity.id)} type={quoteattr(entity.type)}"
        if wikidata:
            attributes += f" wikidata={quoteattr(wikidata)}"
        if tone is not None:
            attributes += (f" positive=\"{tone.positive}\" negative=\"{tone.negative}\""
                           f" neutral=\"{tone.neutral}\"")
        parts.append(f"<ENTITY {attributes}>{escape(entity.name)}</ENTITY>")
    for quote in article.quotes:
        if quote.speaker:
            parts.append(f"<QUOTE offset=\"{quote.start}\" speaker={quoteattr(quote.speaker)}>"
                         f"{escape(quote.speaker_name or '')}</QUOTE>")
    parts.append("</SVODKA>")
    return "".join(parts)


def gkg_row(article: Article, sequence: int) -> list[str]:
    """The 27 fields of one GKG 2.1 record for ``article``."""
    date = gkg_date(article.published)
    persons, persons_v2 = _names(article, ("PER",))
    orgs, orgs_v2 = _names(article, ("ORG",))
    locations, locations_v2 = _locations(article)
    source = article.source
    return [
        f"{date or '00000000000000'}-{sequence}", date, WEB,
        clean(source.domain or ""), (source.url or "").replace("\t", " "),
        "", "", "", "",
        locations, locations_v2, persons, persons_v2, orgs, orgs_v2,
        _tone(article), _dates(article), f"wc:{len(article.text.split())}",
        "", "", "", "",
        _quotations(article), _all_names(article), _amounts(article), "srclc:rus;eng:none",
        _extras(article),
    ]


def gkg_lines(articles: Iterable[Article]) -> Iterable[str]:
    for sequence, article in enumerate(articles, 1):
        yield "\t".join(gkg_row(article, sequence)) + "\n"
