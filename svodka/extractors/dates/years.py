"""The year of a date the text gives without one, and the direction of a bare weekday.

The rules give "15 декабря" the publication's year (``Found.year_guessed``); this pass reads
the context and corrects it:

- an explicit year earlier in the same paragraph carries on ("в апреле 2013 года … А уже в
  сентябре" is September 2013) when the months run forward from it; when they run backward
  ("в декабре 2012 года … в феврале") the year is left out ("--02"): either year could be meant;
- otherwise the tense of the verb the date depends on decides: a past-tense event after the
  publication date belongs to the year before ("15 декабря прошла конференция" in a March
  article), a future one before it to the year after ("в январе откроется" in a December one);
- a bare weekday ("в среду") is the latest such day on or before publication unless its verb is
  in the future tense ("В среду мы проанализируем ответ"), then the next one.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from svodka.analysis import Analysis
from svodka.record import DateRef

TENSES = {"Past": "past", "Fut": "future", "Pres": "present"}
AUXILIARIES = ("aux", "aux:pass", "cop")
CONDITIONAL = frozenset({"бы", "б"})
# nouns of a time of day a date may hang on: "вечером в четверг", "утром 5 мая"
TIME_NOUNS = frozenset({"утро", "вечер", "ночь", "день", "полдень"})
# how far up the dependency tree the governing verb is looked for
HEAD_STEPS = 6
WRITTEN_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b|\b\d\d-(?:го|м|й|ом)\b")
BOUNDS = frozenset({"с", "со", "до", "к", "ко", "по", "после", "начиная"})
NOT_NARRATIVE_YEARS = frozenset({"event_year", "bare_year"})
# an explicit year carries on to the guessed dates of the next sentences of its paragraph
SENTENCES_CARRIED = 3


def clause_tense(analysis: Analysis, first: int, stop: int) -> str | None:
    """ "past", "future" or "present": the tense of the verb that the date of tokens
    ``first``..``stop`` modifies ("15 декабря прошла конференция"). None when the date
    modifies a noun ("митинг 19 марта", "в выборах 18 марта"), a participle other than a past
    active one ("саммита, открывающегося 22 марта", "заседание, назначенное на 25 марта"; but
    "конференции, проходившей 15 декабря" is past), or a conditional verb ("не проводил бы в
    сентябре"): those say nothing of when the date is. An infinitive passes the question to
    the verb it depends on ("планирует провести"), unless an auxiliary gives it ("будет
    проходить")."""
    tokens = analysis.tokens
    top = next((i for i in range(first, stop) if not first <= tokens[i].head < stop), -1)
    for _ in range(HEAD_STEPS):
        if top < 0 or tokens[top].rel != "conj":
            break
        top = tokens[top].head         # "Затем, в конце декабря, … внес": a conjunct's head
    at = tokens[top].head if top >= 0 else -1
    for _ in range(HEAD_STEPS):
        if at < 0:
            return None
        if tokens[at].pos == "NOUN" and analysis.lemma(at) in TIME_NOUNS:
            at = tokens[at].head       # "пройдет вечером в четверг"
            continue
        token, children = tokens[at], analysis.children(at)
        if any(tokens[child].text.lower() in CONDITIONAL for child in children):
            return None
        if token.pos in ("VERB", "AUX") and token.feats.get("VerbForm") == "Fin":
            return TENSES.get(token.feats.get("Tense", ""))
        if token.feats.get("VerbForm") == "Part" and token.feats.get("Tense") == "Past" and \
                token.feats.get("Voice") == "Act":
            return "past"              # "на конференции, проходившей 15 декабря"
        auxiliary = next((tokens[child].feats["Tense"] for child in children
                          if tokens[child].rel in AUXILIARIES and tokens[child].feats.get("Tense")),
                         None)
        if auxiliary:                  # "было объявлено", "будет проходить"
            return TENSES.get(auxiliary)
        if token.pos != "VERB" or token.feats.get("VerbForm") != "Inf" or token.rel != "xcomp":
            return None
        at = token.head
    return None


def _year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdecimal() else None


def _month_of(value: str) -> int | None:
    """The (first) month of "2013-04", "2013-04-05", "2013-04/2013-06"; None for a year."""
    return int(value[5:7]) if len(value) >= 7 and value[4] == "-" else None


def _with_year(value: str, old: int, new: int | None) -> str:
    """Every "2014-" of the value made "2013-", or "-" (no year: "--09") when ``new`` is None."""
    return "/".join(("-" if new is None else f"{new:04d}") + part[4:]
                    if part.startswith(f"{old:04d}-") else part for part in value.split("/"))


def _first_day(value: str, year: int) -> date | None:
    first = value.split("/")[0]
    try:
        return date(year, int(first[5:7]), int(first[8:10]) if len(first) >= 10 else 1)
    except ValueError:
        return None


def _names_a_year(ref: DateRef) -> bool:
    """A date that writes its year out and sets the time of the narrative: "в апреле 2013
    года", "в 2008 году", "летом 2012 года" — not "с 2014 года" or "к концу 1942 года" (a
    bound: what follows need not lie in that year), nor an event's name ("ЧМ-2018")."""
    if _year_of(ref.value) is None or ref.rule in NOT_NARRATIVE_YEARS or \
            not WRITTEN_YEAR.search(ref.text):
        return False
    return ref.text.split(maxsplit=1)[0].lower() not in BOUNDS


def _settled(ref: DateRef, published: date, paragraph_year: tuple | None,
             tense: str | None) -> str | None:
    value, year = ref.value, published.year
    month = _month_of(value)
    if paragraph_year and paragraph_year[0] != year and tense != "future":
        explicit_year, explicit_month, _ = paragraph_year
        if _runs_forward(explicit_month, month):
            carried = _with_year(value, year, explicit_year)
            # a past event is not after the publication: "в 2019-м … в октябре был запущен"
            if not (tense == "past" and _relation(carried, published) == "after"):
                return carried
        else:
            return _with_year(value, year, None)
    relation = _relation(value, published)
    if tense == "past" and relation == "after":
        return _with_year(value, year, year - 1)
    if tense == "future" and relation == "before":
        return _with_year(value, year, year + 1)
    return value


def _runs_forward(explicit_month: int | None, month: int | None) -> bool:
    """Whether a date's month may lie in the year named before it ("в апреле 2013 года … в
    сентябре"), not back from it ("в декабре 2012 года … в феврале")."""
    return explicit_month is None or month is None or month >= explicit_month


def _carried(value: str, paragraph_year: tuple | None) -> str:
    """A date of an article with no publication date ("--12-22") takes the year its paragraph
    named just before, when its month does not run back from that year's ("В 2016 году пик
    придётся на 22 декабря" is 2016-12-22); else it stays without a year. No tense can be read
    against a publication date that is not there."""
    if paragraph_year is None:
        return value
    explicit_year, explicit_month, _ = paragraph_year
    if not _runs_forward(explicit_month, int(value[2:4]) if value[2:4].isdecimal() else None):
        return value
    return "/".join(f"{explicit_year:04d}{part[1:]}" if part.startswith("--") else part
                    for part in value.split("/"))


def _relation(value: str, published: date) -> str | None:
    """Whether a day or month lies "before" or "after" the publication (a month holding the
    publication day is neither)."""
    year = _year_of(value)
    start = _first_day(value, year) if year else None
    if start is None or _month_of(value) is None:
        return None
    if len(value.split("/")[0]) == 7:
        start_month, published_month = (start.year, start.month), (published.year, published.month)
        return "after" if start_month > published_month else \
            "before" if start_month < published_month else None
    return "after" if start > published else "before" if start < published else None


def _weekday_ahead(value: str, published: date) -> str:
    day = date.fromisoformat(value)
    return (day + timedelta(days=7)).isoformat() if day < published else value


def settle_years(analysis: Analysis, found: list[DateRef], guessed: set[int],
                 published: date | None) -> list[DateRef]:
    """``found`` with the guessed years (dates starting at an offset in ``guessed``) and the
    bare weekdays read against their context."""
    settled: list[DateRef] = []
    paragraph, paragraph_year = None, None
    for ref in found:
        region = analysis.region_of(ref.start)
        if region != paragraph:
            paragraph, paragraph_year = region, None
        tokens = analysis.tokens_between(ref.start, ref.end)
        if paragraph_year and tokens and \
                analysis.tokens[tokens.start].sent - analysis.tokens[paragraph_year[2]].sent > \
                SENTENCES_CARRIED:
            paragraph_year = None
        if published is None and ref.value and ref.value.startswith("--") and \
                ref.rule != "from_to":
            ref = replace(ref, value=_carried(ref.value, paragraph_year))
        elif ref.value and ref.start in guessed and ref.rule != "from_to":
            tense = clause_tense(analysis, tokens.start, tokens.stop)
            ref = replace(ref, value=_settled(ref, published, paragraph_year, tense))
        elif published is not None and ref.value and ref.rule == "weekday" and \
                clause_tense(analysis, tokens.start, tokens.stop) == "future":
            ref = replace(ref, value=_weekday_ahead(ref.value, published))
        elif _names_a_year(ref):
            paragraph_year = (_year_of(ref.value), _month_of(ref.value), tokens.start)
        elif ref.kind == "relative" or "года" in ref.text.lower():
            # "вышедший в финал этого года, в октябре": the narrative is back in a year
            # told relative to the publication, which the tense rules read
            paragraph_year = None
        settled.append(ref)
    return settled
