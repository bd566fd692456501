"""Where an article comes from and when it was published, as far as its input says.

A feed's URL names the outlet (its domain) and often the day (``/ng_politics/2017-04-18/…``);
an HTML page may carry ``article:published_time`` or JSON-LD ``datePublished``. Each date is
kept with its origin, and nothing is guessed: a page that states no date stays undated.

Origins, in the order they are trusted: ``metadata`` (a date the input gives for the
article: ``--published``, a JSONL date field), ``url``, ``html_meta``, ``json_ld``,
``warc_date`` (when the page was captured), then ``dateline`` (decided in the pipeline).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

ORIGINS = ("metadata", "url", "html_meta", "json_ld", "warc_date", "dateline")

# A second scheme glued onto the first URL: "https://russian.rt.comhttps://russian.rt.com/…"
_GLUED = re.compile(r"(?<=[\w.])(?=https?://)", re.I)
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)+$")
# Host prefixes that name a rendering of the same outlet, not another outlet.
_MIRROR_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# A proxy page that carries the article's own URL in a parameter (amp.ng.ru/?p=http://…).
_WRAPPED_URL_PARAMS = ("p", "url", "u")

_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/_]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)")
_META_TAG = re.compile(r"<meta\b[^>]{0,2000}>", re.I)   # bounded: an unclosed tag costs no rescans
_ATTRIBUTE = re.compile(r"""([\w:\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_META_DATE_NAMES = ("article:published_time", "og:published_time", "datepublished",
                    "pubdate", "publishdate", "date")
_JSON_LD_OPEN = re.compile(r"<script\b[^>]{0,500}application/ld\+json[^>]{0,500}>", re.I)
_JSON_LD_BLOCKS = 10      # a page has one or two; a hostile one is not read to the end each time


@dataclass(frozen=True, slots=True)
class CheckedUrl:
    """A URL as given, as svodka keeps it, the outlet's domain, and what was wrong if anything."""
    url: str | None
    domain: str | None
    problem: str | None = None     # why the URL was repaired or set aside


def check_url(raw: str | None) -> CheckedUrl:
    """Repair two URLs run together when both name the same host; set aside what is no URL."""
    if not raw or not raw.strip():
        return CheckedUrl(None, None)
    url = raw.strip()
    problem = None
    pieces = [piece for piece in _GLUED.split(url) if piece]
    if len(pieces) > 1:
        hosts = {domain_of(piece) for piece in pieces}
        if len(hosts) != 1 or None in hosts:
            return CheckedUrl(None, None, f"several URLs run together ({', '.join(sorted(h or '?' for h in hosts))})")
        url = max(pieces, key=len)
        problem = "repaired: the same site's URL was repeated"
    domain = domain_of(url)
    if domain is None:
        return CheckedUrl(None, None, "not a web address")
    return CheckedUrl(url, domain, problem)


def domain_of(url: str) -> str | None:
    """The outlet's domain: lower case, without "www."/"m."/"amp.", seen through a proxy page."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    wrapped = _wrapped_url(parts.query)
    if wrapped:
        inner = domain_of(wrapped)
        if inner:
            return inner
    host = parts.hostname.lower().rstrip(".")
    if not _HOST.match(host):
        return None
    for prefix in _MIRROR_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def _wrapped_url(query: str) -> str | None:
    values = parse_qs(query)
    for name in _WRAPPED_URL_PARAMS:
        for value in values.get(name, []):
            if value.lower().startswith(("http://", "https://")):
                return value
    return None


def date_in_url(url: str | None) -> str | None:
    """A publication day written in the URL's path (``/2017-04-18/``, ``/2017/04/18/``)."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path
    wrapped = _wrapped_url(parts.query)
    if wrapped:
        path = urlsplit(wrapped).path
    for match in _URL_DAY.finditer(path):
        day = _valid_day(match.group(1), match.group(3), match.group(4))
        if day:
            return day
    return None


def date_in_html(html: str) -> tuple[str, str] | None:
    """(day, origin) from the page's meta tags, else from its JSON-LD; None when it states none."""
    for tag in _META_TAG.findall(html[:200_000]):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                      for m in _ATTRIBUTE.finditer(tag)}
        name = (attributes.get("property") or attributes.get("name")
                or attributes.get("itemprop") or "").lower()
        if name in _META_DATE_NAMES:
            day = iso_day(attributes.get("content"))
            if day:
                return day, "html_meta"
    for block in _json_ld_blocks(html[:500_000]):
        day = _json_ld_date(block)
        if day:
            return day, "json_ld"
    return None


def _json_ld_blocks(html: str):
    lowered = html.lower()
    for number, opening in enumerate(_JSON_LD_OPEN.finditer(html)):
        closing = lowered.find("</script>", opening.end())
        if number >= _JSON_LD_BLOCKS or closing == -1:
            return
        yield html[opening.end():closing]


def _json_ld_date(block: str) -> str | None:
    try:
        data = json.loads(block)
    except (json.JSONDecodeError, RecursionError):
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            day = iso_day(item.get("datePublished")) if isinstance(item.get("datePublished"), str) else None
            if day:
                return day
            stack.extend(value for value in item.values() if isinstance(value, (list, dict)))
    return None


def iso_day(value: str | None) -> str | None:
    """``2025-11-27`` from any ISO timestamp that begins with a real day."""
    match = _ISO_DAY.match(value or "")
    return _valid_day(*match.groups()) if match else None


def _valid_day(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def settle_date(published: str | None, origin: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The most trusted of the reader's date and the URL's, with its origin."""
    published = iso_day(published)
    origin = (origin or "metadata") if published else None
    if published and origin == "metadata":
        return published, origin
    from_url = date_in_url(url)
    if from_url:
        return from_url, "url"
    return published, origin
