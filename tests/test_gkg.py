"""``svodka export --format gkg``: GDELT GKG 2.1 records, read back field by field with the
codebook's syntax (no GKG reader for local files installs from PyPI here)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
from typer.testing import CliRunner

from svodka.cli import app
from svodka.export.gkg import FIELDS

runner = CliRunner()

TEXT = ("Силуанов пообещал сократить дефицит\n\n"
        "Министр финансов Антон Силуанов выступил в Государственной думе 18 апреля 2017 года. "
        "«Дефицит бюджета сократится на 1,2 трлн рублей», — заявил Силуанов. "
        "В Москве; в марте 2017 года расходы выросли на 5%.")
URL = "http://www.ng.ru/economics/2017-04-18/1_budget.html"


@pytest.fixture(scope="module")
def record(tmp_path_factory, models):
    import svodka
    from svodka.reading import Document
    from svodka.store import open_store

    folder = tmp_path_factory.mktemp("gkg")
    article = svodka.extract_document(Document(TEXT, "jsonl", url=URL), models=models)
    store = open_store(f"sqlite:///{folder / 's.db'}")
    store.add_article(article)
    store.close()
    result = runner.invoke(app, ["export", "--db", str(folder / "s.db"), "--format", "gkg",
                                 "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    lines = (folder / "out" / "svodka.gkg.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    fields = lines[0].split("\t")
    assert len(fields) == len(FIELDS) == 27
    return dict(zip(FIELDS, fields)), article


def blocks(value: str, separator: str = ";") -> list[str]:
    return [block for block in value.split(separator) if block]


def test_identity_date_and_source(record):
    row, _ = record
    assert re.fullmatch(r"\d{14}-\d+", row["GKGRECORDID"])
    assert row["V2.1DATE"] == "20170418000000"
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] == "1"
    assert row["V2SOURCECOMMONNAME"] == "ng.ru"
    assert row["V2DOCUMENTIDENTIFIER"] == URL


def test_names_with_offsets_point_at_the_text(record):
    row, article = record
    assert row["V1PERSONS"] == "Антон Силуанов"
    assert "Государственная дума" in row["V1ORGANIZATIONS"].split(";")
    for field in ("V2ENHANCEDPERSONS", "V2ENHANCEDORGANIZATIONS", "V2.1ALLNAMES"):
        for block in blocks(row[field]):
            name, offset = block.rsplit(",", 1)
            assert offset.isdigit() and 0 <= int(offset) < len(article.text), (field, block)
    persons = [b.rsplit(",", 1) for b in blocks(row["V2ENHANCEDPERSONS"])]
    assert len(persons) == 3      # headline, "Антон Силуанов", "заявил Силуанов"
    assert [article.text[int(offset):int(offset) + 8] for _, offset in persons] \
        == ["Силуанов", "Антон Си", "Силуанов"]


def test_locations_in_v1_and_v2_syntax(record):
    row, article = record
    v1 = [block.split("#") for block in blocks(row["V1LOCATIONS"])]
    assert v1 and all(len(parts) == 7 for parts in v1)
    assert "Москва" in [parts[1] for parts in v1]
    for block in blocks(row["V2ENHANCEDLOCATIONS"]):
        parts = block.split("#")
        assert len(parts) == 9 and parts[8].isdigit(), block


def test_dates_as_resolution_month_day_year_offset(record):
    row, article = record
    dates = [block.split("#") for block in blocks(row["V2.1ENHANCEDDATES"])]
    assert ["3", "4", "18", "2017"] in [parts[:4] for parts in dates]
    assert ["2", "3", "0", "2017"] in [parts[:4] for parts in dates]
    for parts in dates:
        assert len(parts) == 5 and parts[0] in "1234" and parts[4].isdigit()


def test_quotations_as_offset_length_verb_quote(record):
    row, article = record
    quotes = [block.split("|") for block in blocks(row["V2.1QUOTATIONS"], "#")]
    assert len(quotes) == 1
    offset, length, verb, text = quotes[0]
    assert verb == "заявил" and text == "Дефицит бюджета сократится на 1,2 трлн рублей"
    assert article.text[int(offset):int(offset) + int(length)] == text


def test_amounts_as_amount_object_offset(record):
    row, article = record
    amounts = [block.split(",") for block in blocks(row["V2.1AMOUNTS"])]
    assert [a[:2] for a in amounts] == [["1200000000000", "Дефицит бюджета"], ["5", "расходы"]]
    for value, thing, offset in amounts:
        assert article.text[int(offset):].startswith(("1,2 трлн", "5%")), offset


def test_what_gkg_has_no_field_for_is_in_the_extras_xml(record):
    row, article = record
    root = ElementTree.fromstring(row["V2EXTRASXML"])
    assert root.tag == "SVODKA" and root.get("published_from") == "url"
    quote = root.find("QUOTE")
    speaker = article.entity(quote.get("speaker"))
    assert speaker.name == quote.text == "Антон Силуанов"
    assert {e.get("type") for e in root.findall("ENTITY")} >= {"PER", "ORG", "LOC"}
    assert row["V2.1TRANSLATIONINFO"] == "srclc:rus;eng:none"
    assert row["V2GCAM"].startswith("wc:")
