"""How values read to a Russian analyst: dates as "27 ноября 2025 г.", numbers with thin spaces."""
from __future__ import annotations

import re
from urllib.parse import quote
from functools import lru_cache

from svodka.data import load_table

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_INTERVAL = re.compile(r"^([^/]+)/([^/]+)$")

APPROX_WORDS = {"about": "около", "over": "более", "under": "менее", "up_to": "до"}
TYPE_LABELS = {"PER": "персона", "ORG": "организация", "LOC": "место", "EVENT": "событие"}


@lru_cache(maxsize=1)
def _month_names() -> dict[int, tuple[str, str]]:
    """Month number to (nominative, genitive), from the shared months table."""
    names = {}
    for nominative, number, variants in load_table("months.tsv"):
        names[int(number)] = (nominative, variants.split(",")[0].strip())
    return names


def _month(number: int, genitive: bool) -> str | None:
    names = _month_names().get(number)
    return None if names is None else names[1 if genitive else 0]


def russian_date(value: str | None) -> str:
    """An ISO 8601 date, month, year, interval or ``--MM-DD`` written the Russian way."""
    if not value:
        return "—"
    value = value.strip()
    if match := _INTERVAL.match(value):
        left, right = match.groups()
        if _YEAR.match(left) and _YEAR.match(right):
            return f"{left}–{right} гг."
        return f"{russian_date(left)} – {russian_date(right)}"
    if match := _DAY.match(value):
        year, month, day = (int(part) for part in match.groups())
        name = _month(month, genitive=True)
        return f"{day} {name} {year} г." if name else value
    if match := _DAY_NO_YEAR.match(value):
        month, day = int(match.group(1)), int(match.group(2))
        name = _month(month, genitive=True)
        return f"{day} {name}" if name else value
    if match := _MONTH.match(value):
        name = _month(int(match.group(2)), genitive=False)
        return f"{name} {match.group(1)} г." if name else value
    if _YEAR.match(value):
        return f"{value} г."
    return value


def month_label(value: str) -> str:
    """``2024-11`` as a short axis label: ``ноя 2024``."""
    match = _MONTH.match(value)
    if not match:
        return value
    name = _month(int(match.group(2)), genitive=False) or match.group(2)
    return f"{name[:3]} {match.group(1)}"


def number(value: float | int | None) -> str:
    """Digits grouped by thin spaces, a decimal comma, no trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    whole, _, fraction = f"{value:,.6f}".rstrip("0").partition(".")
    whole = whole.replace(",", "\u202f")
    return f"{whole},{fraction}" if fraction else whole


def plural_word(count: int, one: str, few: str, many: str) -> str:
    """The noun form that agrees with ``count``: упоминание, упоминания or упоминаний."""
    if 11 <= count % 100 <= 14:
        return many
    if count % 10 == 1:
        return one
    return few if 2 <= count % 10 <= 4 else many


def plural(count: int, one: str, few: str, many: str) -> str:
    """Russian noun agreement: 1 упоминание, 3 упоминания, 5 упоминаний."""
    return f"{number(count)} {plural_word(count, one, few, many)}"


def amount_value(amount) -> str:
    """An amount's normalized value (a record or its dict) in words read at a glance."""
    get = amount.get if isinstance(amount, dict) else lambda key: getattr(amount, key, None)
    value, unit = get("value"), get("unit") or ""
    kind, approx, of, to = get("kind"), get("approx") or "exact", get("of"), get("to")
    if kind == "share" and of is not None:
        text = f"{number(value)} из {number(of)}"
    elif to is not None:
        text = f"от {number(value)} до {number(to)}"
    else:
        text = number(value)
    if kind == "percent" and not unit:
        unit = "%"
    if unit:
        text = f"{text} {unit}"
    if approx in APPROX_WORDS and to is None:
        text = f"{APPROX_WORDS[approx]} {text}"
    return text


def type_label(entity_type: str) -> str:
    return TYPE_LABELS.get(entity_type, entity_type.lower())


def path_segment(value: object) -> str:
    """A value quoted to stay one path segment: Jinja's ``urlencode`` keeps "/", so an id
    holding "../" would make a link leave its route."""
    return quote(str(value), safe="")
