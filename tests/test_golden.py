"""Golden records: the whole output on the sample article and on our example, field by field.

The expected files were reviewed by hand; after a deliberate change, regenerate them with
``tests/data/golden/regenerate.py`` and review the diff.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, SAMPLE

GOLDEN = Path(__file__).parent / "data" / "golden"
sys.path.insert(0, str(GOLDEN))
from regenerate import golden_record  # noqa: E402


@pytest.mark.parametrize("name, source", [
    ("kazakhstan-eu.json", SAMPLE),
    ("astana-port.json", EXAMPLES / "astana-port.txt"),
])
@pytest.mark.parametrize("part", ["headline", "dateline", "credits", "paragraphs", "entities",
                                  "quotes", "amounts", "dates", "text", "id"])
def test_golden_record(models, name, source, part):
    if not source.exists():
        pytest.skip(f"{source} is not here")
    expected = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    assert golden_record(source)[part] == expected[part]


def test_sample_acceptance_in_brief(sample_article):
    """The issue's acceptance list, stated independently of the golden file."""
    record = sample_article.to_dict()
    by_name = {e["name"]: e for e in record["entities"]}
    assert record["headline"]["text"] == sample_article.text.splitlines()[0]
    assert [c["text"] for c in record["credits"]] == ["Фото: МИД РК"]
    assert (record["dateline"]["place"], record["dateline"]["date"], record["dateline"]["agency"]) \
        == ("Брюссель", "--11-27", "KAZAKHSTAN TODAY")
    assert "посол Казахстана в Бельгии" in by_name["Роман Василенко"]["roles"]
    assert "президент РК" in by_name["Касым-Жомарт Токаев"]["roles"]
    assert {"ЕС", "Евросоюз"} <= set(by_name["Европейский союз"]["aliases"])
    assert "РК" in by_name["Казахстан"]["aliases"]
    assert "МИД РК" in by_name["Министерство иностранных дел РК"]["aliases"]
    assert "Еврокомиссия" in by_name["Европейская комиссия"]["aliases"]
    for name, kind in [("НАТО", "ORG"), ("Европейский совет", "ORG"), ("Sarytogan Graphite", "ORG"),
                       ("Бельгия", "LOC"), ("Брюссель", "LOC"), ("Астана", "LOC"),
                       ("Самарканд", "LOC"), ("Роман Василенко", "PER"), ("Казахстан", "LOC")]:
        assert by_name[name]["type"] == kind, name
    speakers = [(q["kind"], q["speaker_name"], q["text"][:20]) for q in record["quotes"]]
    assert ("direct", "Роман Василенко", "Казахстан стал перво") in speakers
    assert ("direct", "Министерство иностранных дел РК", "Евросоюз уверенно со") in speakers
    assert ("indirect", "Роман Василенко", "политический диалог ") in speakers
    amounts = {(a["kind"], a["value"], a.get("of"), a["unit"], a["approx"]) for a in record["amounts"]}
    assert {("money", 50_000_000_000, None, "USD", "about"), ("money", 200_000_000_000, None, "USD", "over"),
            ("count", 29, None, None, "exact"), ("count", 4000, None, None, "about"),
            ("percent", 13, None, "%", "exact"), ("percent", 16, None, "%", "exact"),
            ("share", 21, 34, None, "exact"), ("count", 13, None, None, "exact"),
            ("percent", 85, None, "%", "exact")} <= amounts
    assert [d["value"] for d in record["dates"]] == ["--11-27", "2024/2025", "2024"]
