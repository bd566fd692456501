"""How often four classes of entity error occur in extracted records (issue 15).

    python bench/entity_census.py --extract 300 /tmp/records.jsonl   # the first 300 RT articles
    python bench/entity_census.py /tmp/records.jsonl [--show]       # count (and list) each class

The classes, each found from the records alone (text, credits and entities), so that a run on
the old code and one on the new code count the same way:

- ``other_text``: a name mention inside a teaser or an embedded post (a credit line that is
  another text, not the article's);
- ``opening_word``: an entity of one word, every mention of it first in its line or sentence,
  that pymorphy knows only as a common word (no Name/Surn/Patr/Geox/Orgn/Trad reading):
  "Кислотно", "Инфарктом" at the start of a verse line;
- ``case_split``: two entities of one article, one of them a one-word name that is the
  other's name or a case form of it, with different types or unjoined ("Африне" PER beside
  "Африн" LOC, "Меркурием" PER beside "Меркурий" LOC), people with people left out;
- ``oblique_name``: an entity whose one-word name pymorphy reads in no nominative (a form it
  knows, not a guess): "Хезболлу", "Иуду".

The classes of the ninth session (issue 15, names on unseen news):

- ``two_people``: a person's name mention over two people: two halves of two words or more
  whose words share no case (``two_people.name_cases``: "Габриэль Гиффордс Джареда
  Лофнера"), or a full stop after a word inside it ("Хуа. Том Чилтон");
- ``oblique_person``: a person's name of several words with a word that cannot be a
  nominative: pymorphy reads it as a name or animate noun only in oblique cases ("Барака
  Обама"), or knows it only as another word, in no nominative ("Стэнли Кубрика");
- ``team_alias``: a person with an alias of two Latin words or more that cannot spell his
  name ("Норберт Мичелис" / "Zengo Motorsport");
- ``facility_person``: a person named in quotes after a facility noun ("на автодроме «Поль
  Рикар»");
- ``place_count``: a count that is a number alone in brackets after a person's name
  ("Себастьен Лёб (1)").

The classes of the tenth session (issue 15, the analysts' reads 12i–12k):

- ``man_as_woman``: a person named with a first name pymorphy knows only as a man's and an
  -ова/-ева/-ина surname ("Иван Шмелева" of "Ивана Шмелева");
- ``ambiguous_genitive``: a person every name mention of whom is written in a form that reads
  both as a woman's nominative and as a man's genitive, named as a woman ("Евгения Чернова",
  "Валентина Качева"): to read, not all are wrong;
- ``description_org``: an organization of one word that is a noun standing for an
  organization named before ("Министерство", "Компания": ``coref_descriptions.tsv``);
- ``abbreviation_split``: an abbreviation beside another organization of the article whose
  name it abbreviates without its owner ("ГУР" / "Главное управление разведки Минобороны
  Украины");
- ``second_head``: a name whose normal form changed a lowercase word after its head noun
  ("Союз российские писатели" of "Союза российских писателей");
- ``disagreeing_name``: an adjective in the nominative before a noun it cannot agree with
  ("Вооружённые сила США").
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
OTHER_TEXTS = {"teaser", "embed"}
_SENTENCE_END = re.compile(r"[.!?…]\s*[»\"]?\s*$")


def _extract(limit: int, out: Path) -> None:
    from record_hashes import NEWS, news_documents

    import svodka
    from svodka.analysis import load_models
    models = load_models()
    with out.open("w", encoding="utf-8") as stream:
        for name, document in news_documents(NEWS, limit):
            record = svodka.extract_document(document, models).to_dict()
            record["id"] = record.get("id") or name
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _opens(text: str, start: int) -> bool:
    """First in its line, or first in its sentence (after a full stop, or a quote/dash that
    opens the line)."""
    before = text[:start].rsplit("\n", 1)[-1]
    stripped = before.strip(" \t«\"—–-(")
    return not stripped or bool(_SENTENCE_END.search(before))


def _common_only(morph, word: str) -> bool:
    word = word.lower()
    return word.isalpha() and morph.word_is_known(word) and not any(
        NAME_GRAMMEMES & set(p.tag.grammemes) for p in morph.parse(word))


def _names(entity: dict) -> list[dict]:
    return [m for m in entity["mentions"] if m.get("kind", "name") == "name"]


_PERSON_END = re.compile(r"(?:[а-яё]{2}|[А-ЯЁ]{2})\.\s+[А-ЯЁ]")
_FACILITY_BEFORE = re.compile(r"(\w+)\s*«$")


def _two_people(morph, words: list[str]) -> bool:
    from svodka.extractors.entities.two_people import name_cases

    if not all(w.replace("-", "").isalpha() for w in words):
        return False
    for cut in range(2, len(words) - 1):
        halves = [words[:cut], words[cut:]]
        shared = [frozenset.intersection(*(name_cases(morph, w) for w in half)) for half in halves]
        if all(shared) and not shared[0] & shared[1]:
            return True
    return False


_OBLIQUE_ENDINGS = ("а", "я", "ы", "ом", "ем", "ым", "им", "ой", "ей")


def _no_nominative(morph, word: str) -> bool:
    """A word pymorphy knows (not a guess) that cannot be a nominative: its readings as a name
    are all oblique ("Барака", "Обаму"), or it has no name reading and no nominative and ends
    in a case ending ("Кубрика")."""
    low = word.lower()
    if not low.isalpha() or not morph.word_is_known(low):
        return False
    parses = [p for p in morph.parse(low) if "plur" not in p.tag.grammemes]
    named = [p for p in parses if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if named:
        return not any("nomn" in p.tag.grammemes for p in named)
    return low.endswith(_OBLIQUE_ENDINGS) and bool(parses) and \
        not any("nomn" in p.tag.grammemes for p in parses)


def _facility_nouns(morph) -> frozenset[str]:
    from svodka.data import load_list
    return frozenset(load_list("facility_descriptors.txt"))


def census_names(record: dict, morph, found: dict[str, list[str]]) -> None:
    """The ninth session's classes, for one record."""
    from svodka.extractors.entities.transliteration import may_be_spelling

    text, rid = record["text"], record["id"]
    facilities = _facility_nouns(morph)
    person_ends = set()
    for entity in record["entities"]:
        if entity["type"] != "PER":
            continue
        for m in _names(entity):
            person_ends.add(m["end"])
            words = m["text"].split()
            if _PERSON_END.search(m["text"]) or len(words) >= 4 and _two_people(morph, words):
                found["two_people"].append(f"{rid}: {m['text']}")
            before = _FACILITY_BEFORE.search(text[max(0, m["start"] - 30):m["start"]])
            if before and any(p.normal_form in facilities for p in morph.parse(before.group(1).lower())):
                found["facility_person"].append(f"{rid}: {entity['name']} ({m['text']})")
        name_words = entity["name"].split()
        if len(name_words) > 1 and any(_no_nominative(morph, w) for w in name_words):
            found["oblique_person"].append(f"{rid}: {entity['name']}")
        for alias in entity["aliases"]:
            if alias.isascii() and len(alias.replace("-", " ").split()) > 1 \
                    and not may_be_spelling(alias, entity["name"]):
                found["team_alias"].append(f"{rid}: {entity['name']} / {alias}")
    for amount in record.get("amounts", []):
        start, end = amount["start"], amount["end"]
        if amount["kind"] == "count" and text[start - 1:start] == "(" \
                and text[end:end + 1] == ")" and start - 2 in person_ends:
            found["place_count"].append(f"{rid}: {text[max(0, start - 30):end + 1]!r}")


_FEMININE_SURNAME = ("ова", "ева", "ёва", "ина", "ына")


def _grammemes(morph, word: str, tag: str) -> list[set]:
    return [set(p.tag.grammemes) for p in morph.parse(word.lower()) if tag in p.tag.grammemes]


def _only_mans(morph, word: str) -> bool:
    names = _grammemes(morph, word, "Name") if morph.word_is_known(word.lower()) else []
    return bool(names) and all("masc" in g for g in names)


def _fem_nom_or_masc_gen(morph, word: str, tag: str) -> bool:
    readings = _grammemes(morph, word, tag)
    return any({"femn", "nomn"} <= g for g in readings) and \
        any({"masc", "gent"} <= g for g in readings)


def _first_noun(morph, words: list[str]) -> int | None:
    for k, word in enumerate(words):
        parses = morph.parse(word.lower())
        if parses and parses[0].tag.POS == "NOUN":
            return k
    return None


def _agree(morph, adjective: str, noun: str) -> bool:
    adjectives = [g for g in _grammemes(morph, adjective, "ADJF") if "nomn" in g]
    nouns = [g for g in _grammemes(morph, noun, "NOUN") if "nomn" in g]
    if not adjectives or not nouns:
        return True
    for a in adjectives:
        for n in nouns:
            if "plur" in a and "plur" in n:
                return True
            if "sing" in a and "sing" in n and ({"masc", "femn", "neut"} & a & n):
                return True
    return False


def census_tenth(record: dict, morph, found: dict[str, list[str]]) -> None:
    """The tenth session's classes, for one record."""
    from svodka.data import load_table
    from svodka.extractors.entities.linking import head_acronym

    rid = record["id"]
    descriptions = {row[0] for row in load_table("coref_descriptions.tsv")}
    organizations = [e for e in record["entities"] if e["type"] == "ORG"]
    heads = {}
    for entity in organizations:
        for name in {entity["name"], *entity["aliases"]}:
            head = head_acronym(name)
            if head:
                heads.setdefault(head, entity["id"])
    for entity in record["entities"]:
        name, words = entity["name"], entity["name"].split()
        names = _names(entity)
        if entity["type"] == "PER" and len(words) > 1:
            if any(_only_mans(morph, w) for w in words[:-1]) \
                    and words[-1].lower().endswith(_FEMININE_SURNAME):
                found["man_as_woman"].append(f"{rid}: {name}")
            elif names and all(len(m["text"].split()) > 1
                               and _fem_nom_or_masc_gen(morph, m["text"].split()[0], "Name")
                               and _fem_nom_or_masc_gen(morph, m["text"].split()[-1], "Surn")
                               for m in names) and name.lower().endswith(_FEMININE_SURNAME):
                found["ambiguous_genitive"].append(f"{rid}: {name}")
        if entity["type"] == "ORG" and len(words) == 1 and name.isalpha() \
                and any(p.normal_form in descriptions for p in morph.parse(name.lower())):
            found["description_org"].append(f"{rid}: {name}")
        if entity["type"] == "ORG" and len(words) == 1 and name.isupper() \
                and heads.get(name) not in (None, entity["id"]):
            found["abbreviation_split"].append(f"{rid}: {name} beside {heads[name]}")
        for m in names:
            written, normal = m["text"].split(), m["normal"].split()
            head = _first_noun(morph, written) if entity["type"] != "PER" else None
            if head is not None and len(written) == len(normal) and any(
                    w.islower() and w.isalpha() and w.lower() != n.lower()
                    for w, n in zip(written[head + 1:], normal[head + 1:])):
                found["second_head"].append(f"{rid}: {m['normal']} ({m['text']})")
                break
        if entity["type"] != "PER" and any(
                w1.isalpha() and w2.isalpha() and not w2.isupper() and not _agree(morph, w1, w2)
                for w1, w2 in zip(words, words[1:])):
            found["disagreeing_name"].append(f"{rid}: {name}")


def census(records: list[dict], morph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"other_text": [], "opening_word": [], "case_split": [],
                                   "oblique_name": [], "two_people": [], "oblique_person": [],
                                   "team_alias": [], "facility_person": [], "place_count": [],
                                   "man_as_woman": [], "ambiguous_genitive": [],
                                   "description_org": [], "abbreviation_split": [],
                                   "second_head": [], "disagreeing_name": []}
    for record in records:
        census_names(record, morph, found)
        census_tenth(record, morph, found)
        text, rid = record["text"], record["id"]
        others = [(c["start"], c["end"]) for c in record.get("credits", [])
                  if c.get("kind") in OTHER_TEXTS]
        entities = record["entities"]
        for entity in entities:
            names = _names(entity)
            for m in names:
                if any(s <= m["start"] and m["end"] <= e for s, e in others):
                    found["other_text"].append(f"{rid}: {m['text']} ({entity['type']})")
            words = {m["text"] for m in names}
            if names and all(len(w.split()) == 1 for w in words) \
                    and all(_opens(text, m["start"]) and _common_only(morph, m["text"])
                            for m in names):
                found["opening_word"].append(f"{rid}: {entity['name']} ({entity['type']})")
            name = entity["name"]
            if len(name.split()) == 1 and name.isalpha() and morph.word_is_known(name.lower()) \
                    and not any("nomn" in p.tag for p in morph.parse(name.lower())):
                found["oblique_name"].append(f"{rid}: {name} ({entity['type']})")
        for a in entities:
            if len(a["name"].split()) != 1 or not a["name"].isalpha():
                continue
            lemmas = {p.normal_form for p in morph.parse(a["name"].lower())} | {a["name"].lower()}
            for b in entities:
                if b is a or (a["type"] == "PER" and b["type"] == "PER"):
                    continue
                if b["name"].lower() in lemmas and (b["name"] != a["name"] or b["type"] != a["type"]
                                                    or b["id"] < a["id"]):
                    found["case_split"].append(
                        f"{rid}: {a['name']} ({a['type']}) beside {b['name']} ({b['type']})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--extract", type=int, metavar="N",
                        help="first write the records of the first N RT articles to RECORDS")
    parser.add_argument("--show", action="store_true", help="list every case")
    args = parser.parse_args()
    if args.extract:
        _extract(args.extract, args.records)
    from svodka.analysis.morphology import morphology
    records = [json.loads(line) for line in args.records.open(encoding="utf-8")]
    found = census(records, morphology())
    entities = sum(len(r["entities"]) for r in records)
    print(f"{len(records)} articles, {entities} entities")
    for kind, cases in found.items():
        articles = len(Counter(case.split(":")[0] for case in cases))
        print(f"{kind}: {len(cases)} in {articles} articles")
        if args.show:
            for case in cases:
                print(f"  {case}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
