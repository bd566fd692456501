"""The analyst's read of 10 unseen articles (docs/analyst-read-2026-12d.md, -12g.md): entity errors the
whole article brings about (in a lone sentence the tagger reads these names right).

The articles are read from ../shared/data/news (line numbers 1-based, as the analyst gave
them); each row names what must be among the article's entities and what must not."""
from __future__ import annotations

import json
import zipfile
from functools import lru_cache

import pytest

from conftest import SHARED, needs_shared

NEWS = SHARED / "data" / "news"
DUMPS = {"rt1": "russia_today_1", "rt3": "russia_today_3", "ng1": "ng_1"}


@lru_cache(maxsize=None)
def _lines(stem: str) -> list[bytes]:
    with zipfile.ZipFile(NEWS / f"{stem}.jsonlines.zip") as archive:
        return archive.read(archive.namelist()[0]).split(b"\n")


def article_text(article_id: str) -> str:
    from svodka.reading.jsonl import JsonFields, record_to_document

    prefix, number = article_id.split("-")
    line = _lines(DUMPS[prefix])[int(number) - 1]
    return record_to_document(json.loads(line), JsonFields(), None).text


# article, (type, name) that must be an entity, (type, name) pairs that must not, why
READ = [
    ("rt1-0509", ("PER", "Марио Драги"), [("PER", "Марио Драга")],
     "an Italian surname does not decline"),
    ("rt1-0509", ("ORG", "ФРС США"), [("ORG", "Федрезерв")],
     "ФРС, ФРС США and Федрезерв are one organization"),
    ("rt1-0920", ("PER", "Лея Органа"), [("PER", "Лея Органы")],
     "a foreign woman's surname in -а declines like a Russian noun"),
    ("rt1-0920", ("PER", "Джеффри Джейкоб Абрамс"),
     [("PER", "Абрамс"), ("PER", "Джей Джей Абрамс")], "J. J. Abrams is one person"),
    ("rt1-0839", ("LOC", "Северодвинск"), [("PER", "Дмитрий Донской")],
     "a submarine is no person"),
    ("ng1-0958", ("PER", "Владимир Устинов"), [("LOC", "Ту-154"), ("PER", "Ту-134")],
     "aircraft models are no people or places"),
    ("ng1-0390", ("PER", "Илья Шестаков"), [("PER", "Селедка"), ("LOC", "Минтай")],
     "fish are no people or places"),
    # docs/analyst-read-2026-12g.md
    ("rt3-0503", ("ORG", "Ренессанс Капитал"), [("ORG", "БРИКС")],
     "a teaser of another article is not read for names"),
    ("ng1-0825", ("LOC", "Русь"), [("PER", "Кислотно"), ("PER", "Инфаркт"),
                                   ("PER", "Приспособленец"), ("ORG", "Залечь")],
     "a common word opening a verse line is no name"),
    ("ng1-0502", ("LOC", "Африн"), [("PER", "Африн"), ("ORG", "Хезболлу")],
     "a place's case form is that place; an accusative is no name"),
    ("rt3-0708", ("LOC", "Меркурий"), [("PER", "Меркурием")],
     "a planet's instrumental is that planet"),
]


@needs_shared(NEWS)
@pytest.mark.parametrize("article_id, must, must_not, why", READ)
def test_analysts_read(models, article_id, must, must_not, why):
    import svodka

    record = svodka.extract(article_text(article_id), models=models)
    found = {(e.type, e.name) for e in record.entities}
    assert must in found, sorted(found)
    assert not set(must_not) & found, why
