"""Analysts' corrections on SQLite and PostgreSQL: merge, split, rename, reassign a quote;
applied on every read, lasting through re-ingest and a rebuild, undone without a trace."""
from __future__ import annotations

import pytest

from pg import postgres_server, postgres_url, store_url, table_contents  # noqa: F401
from svodka.export import export_tables
from svodka.store import CorrectionError, open_store
from test_store import news

MACRON_SPEECH = news(
    "Макрон выступил в Сорбонне\n\n"
    "Президент Франции Эммануэль Макрон выступил перед студентами Сорбонны. "
    "«Европа должна стать сильнее и независимее», — сказал глава государства.",
    published="2024-11-20",
    entities=[("e1", "PER", "Эммануэль Макрон", [], ["президент Франции"],
               ["Эммануэль Макрон"])],
    quotes=[("Европа должна стать сильнее и независимее", "e1", "сказал")],
)

# Another spelling of the name left a second entity, and Атталь's words went to Макрон.
ATTAL_BRIEFING = news(
    "Атталь рассказал о планах президента\n\n"
    "Премьер-министр Габриэль Атталь рассказал журналистам о планах президента Эмманюэля "
    "Макрона. «Президент проведёт встречу с мэрами на следующей неделе», — сообщил Атталь.",
    published="2024-11-22",
    entities=[("e1", "PER", "Эмманюэль Макрон", [], [], ["Эмманюэля Макрона"]),
              ("e2", "PER", "Габриэль Атталь", ["Атталь"], ["премьер-министр"],
               ["Габриэль Атталь"])],
    quotes=[("Президент проведёт встречу с мэрами на следующей неделе", "e1", "сообщил")],
)

# "Мелания Трамп" was put into Дональд Трамп's cluster.
TRUMP_PARIS = news(
    "Трамп прибыл в Париж\n\n"
    "Дональд Трамп прибыл в Париж вместе с супругой. Мелания Трамп посетила Лувр, "
    "а президент США встретился с мэром Парижа Анн Идальго.",
    published="2024-12-07",
    entities=[("e1", "PER", "Дональд Трамп", [], ["президент США"],
               ["Дональд Трамп", "Мелания Трамп"]),
              ("e2", "PER", "Анн Идальго", [], [], ["Анн Идальго"])],
)

MACRON_LATER = news(
    "Макрон встретился с фермерами\n\n"
    "В Елисейском дворце прошла встреча Эмманюэля Макрона с фермерами из регионов Франции.",
    published="2024-11-29",
    entities=[("e1", "PER", "Эмманюэль Макрон", [], [], ["Эмманюэля Макрона"])],
)

ARTICLES = (MACRON_SPEECH, ATTAL_BRIEFING, TRUMP_PARIS)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        for article in ARTICLES:
            assert opened.add_article(article) == "stored"
        yield opened


def ids(store):
    return {"putin": store.corpus_entity_id(MACRON_SPEECH.id, "e1"),
            "short": store.corpus_entity_id(ATTAL_BRIEFING.id, "e1"),
            "peskov": store.corpus_entity_id(ATTAL_BRIEFING.id, "e2"),
            "trump": store.corpus_entity_id(TRUMP_PARIS.id, "e1")}


def without_log(contents: dict) -> dict:
    return {name: rows for name, rows in contents.items() if name != "corrections"}


def test_merged_entities_are_one_on_every_read(store, store_url, tmp_path):
    e = ids(store)
    assert e["putin"] != e["short"]
    entities_before = store.stats()["entities"]
    done = store.merge_entities(e["short"], e["putin"], who="olga",
                                why="«президента Макрона» is Эммануэль Макрон")
    assert (done["kind"], done["who"], done["undone"]) == ("merge", "olga", None)
    assert done["why"] == "«президента Макрона» is Эммануэль Макрон" and done["created"]

    page = store.get_entity(e["short"])                    # the old id leads to the target
    assert page["id"] == e["putin"] and page["name"] == "Эммануэль Макрон"
    assert page["merged_in"] == [e["short"]]
    assert (page["n_articles"], page["n_mentions"], page["n_quotes"]) == (2, 2, 2)
    assert [a["id"] for a in page["articles"]] == [ATTAL_BRIEFING.id, MACRON_SPEECH.id]
    assert [f["id"] for f in store.find_entities("Макрона")] == [e["putin"]]
    assert store.count_articles(entity_id=e["short"]) == 2
    assert len(store.quotes(speaker="Эмманюэль Макрон")) == 2
    hits = store.search("мэрами", kind="quote", speaker=e["short"])
    assert [h["article_id"] for h in hits] == [ATTAL_BRIEFING.id]
    assert store.top_entities(type="PER", by="quotes", limit=1)[0] | {"count": 2} == {
        "id": e["putin"], "type": "PER", "name": "Эммануэль Макрон", "count": 2}
    assert store.stats()["entities"] == entities_before - 1
    record = store.get_article(ATTAL_BRIEFING.id)
    assert record.entity("e1").name == "Эммануэль Макрон"
    assert store.corpus_entity_ids(ATTAL_BRIEFING.id)["e1"] == e["putin"]

    import pyarrow.parquet as pq
    written = export_tables(store, tmp_path / "out", "parquet")
    exported = pq.read_table(written["entities"][0]).to_pylist()
    assert e["short"] not in {row["id"] for row in exported}
    assert {row["entity_id"] for row in pq.read_table(written["mentions"][0]).to_pylist()
            if row["article_id"] == ATTAL_BRIEFING.id} == {e["putin"], e["peskov"]}
    assert [row["kind"] for row in pq.read_table(written["corrections"][0]).to_pylist()] == [
        "merge"]


def test_undoing_a_correction_restores_every_table(store, store_url):
    e = ids(store)
    before = table_contents(store_url)
    merge = store.merge_entities(e["short"], e["putin"], who="olga")
    split = store.split_entity(e["trump"], [(TRUMP_PARIS.id, 1)], who="olga",
                               name="Мелания Трамп")
    rename = store.rename_entity(e["peskov"], "Габриэль Ноэль Атталь", who="olga")
    reassign = store.reassign_quote(ATTAL_BRIEFING.id, 0, e["peskov"], who="olga")
    assert table_contents(store_url) != before
    for done in (merge, rename, split, reassign):            # in any order
        undone = store.undo_correction(done["id"], who="ivan")
        assert undone["undone"] and undone["undone_by"] == "ivan"
    assert without_log(table_contents(store_url)) == without_log(before)
    assert store.find_entities("Мелания") == [] and store.find_entities("Ноэль") == []
    assert [c["id"] for c in store.corrections()] == [reassign["id"], rename["id"],
                                                      split["id"], merge["id"]]
    with pytest.raises(CorrectionError, match="already undone"):
        store.undo_correction(merge["id"], who="ivan")


def test_mentions_split_off_an_entity_become_their_own(store):
    e = ids(store)
    start = TRUMP_PARIS.text.index("Мелания Трамп")
    key = store.mention_key(TRUMP_PARIS.id, f"{start}-{start + 13}")   # by its span
    assert key == (TRUMP_PARIS.id, 1)
    store.split_entity(e["trump"], [key], who="olga", name="Мелания Трамп",
                       why="another person")
    melania = store.find_entities("Мелания")[0]
    assert melania["name"] == "Мелания Трамп" and melania["n_mentions"] == 1
    assert store.get_entity(e["trump"])["n_mentions"] == 1
    record = store.get_article(TRUMP_PARIS.id)
    assert [m.text for m in record.entity("e1").mentions] == ["Дональд Трамп"]
    assert record.entity("x1").name == "Мелания Трамп"
    assert [m.text for m in record.entity("x1").mentions] == ["Мелания Трамп"]
    assert store.corpus_entity_ids(TRUMP_PARIS.id)["x1"] == melania["id"]
    with pytest.raises(CorrectionError, match="not one of"):
        store.split_entity(e["trump"], [key], who="olga", name="Мелания Трамп")


def test_a_quote_gets_its_right_speaker_or_none(store):
    e = ids(store)
    assert [q["speaker_id"] for q in store.quotes(speaker="Атталь")] == []
    store.reassign_quote(ATTAL_BRIEFING.id, 0, e["peskov"], who="olga", why="сообщил Атталь")
    said = store.quotes(speaker="Атталь")
    assert [(q["article_id"], q["speaker_name"]) for q in said] == [
        (ATTAL_BRIEFING.id, "Габриэль Атталь")]
    assert [q["article_id"] for q in store.quotes(speaker=e["short"])] == []
    assert [h["speaker_name"] for h in store.search("мэрами", kind="quote",
                                                    speaker="Атталя")] == ["Габриэль Атталь"]
    record = store.get_article(ATTAL_BRIEFING.id)
    assert (record.quotes[0].speaker, record.quotes[0].speaker_name) == ("e2", "Габриэль Атталь")
    assert store.get_entity(e["peskov"])["n_quotes"] == 1
    assert store.top_entities(type="PER", by="quotes", since="2024-11")[0]["count"] == 1

    store.reassign_quote(ATTAL_BRIEFING.id, 0, None, who="olga", why="unnamed source")
    record = store.get_article(ATTAL_BRIEFING.id)
    assert (record.quotes[0].speaker, record.quotes[0].speaker_name) == (None, None)
    assert store.get_entity(e["peskov"])["n_quotes"] == 0


def test_a_renamed_entity_is_found_and_shown_by_its_new_name(store):
    e = ids(store)
    store.rename_entity(e["putin"], "Эммануэль Жан-Мишель Фредерик Макрон", who="olga")
    assert store.get_entity(e["putin"])["name"] == "Эммануэль Жан-Мишель Фредерик Макрон"
    assert [f["id"] for f in store.find_entities("Фредерик")] == [e["putin"]]
    assert store.quotes(speaker=e["putin"])[0]["speaker_name"] == "Эммануэль Жан-Мишель Фредерик Макрон"
    assert store.get_article(MACRON_SPEECH.id).entity("e1").name == "Эммануэль Жан-Мишель Фредерик Макрон"
    with pytest.raises(CorrectionError, match="already called"):
        store.rename_entity(e["putin"], "Эммануэль Жан-Мишель Фредерик Макрон", who="olga")


def test_corrections_outlast_reingest(store):
    e = ids(store)
    store.merge_entities(e["short"], e["putin"], who="olga")
    assert store.add_article(ATTAL_BRIEFING) == "duplicate"
    assert store.add_article(MACRON_LATER) == "stored"        # resolved to "Эмманюэль Макрон" again…
    assert store.corpus_entity_id(MACRON_LATER.id, "e1") == e["putin"]   # …and merged
    page = store.get_entity(e["putin"])
    assert (page["n_articles"], page["n_mentions"]) == (3, 3)
    assert page["mentions_by_month"] == [["2024-11", 3]]
    assert store.get_entity(e["short"])["id"] == e["putin"]


def test_corrections_carry_over_to_a_rebuilt_store(store, store_url, tmp_path):
    e = ids(store)
    store.merge_entities(e["short"], e["putin"], who="olga")
    store.split_entity(e["trump"], [(TRUMP_PARIS.id, 1)], who="olga", name="Мелания Трамп")
    undone = store.rename_entity(e["peskov"], "Атталь Г.", who="olga")
    store.undo_correction(undone["id"], who="olga")
    store.reassign_quote(ATTAL_BRIEFING.id, 0, e["peskov"], who="olga")
    log = store.corrections()
    rebuilt_url = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    with open_store(rebuilt_url) as rebuilt:
        for article in reversed(ARTICLES):
            rebuilt.add_article(article)
        assert rebuilt.import_corrections(log) == 4
        assert rebuilt.import_corrections(log) == 0           # importing twice adds nothing
    assert without_log(table_contents(rebuilt_url)) == without_log(table_contents(store_url))


@pytest.mark.parametrize("make, message", [
    (lambda s, e: s.merge_entities(e["putin"], e["putin"], who="x"), "already one entity"),
    (lambda s, e: s.merge_entities("per-0000000000", e["putin"], who="x"), "no entity"),
    (lambda s, e: s.rename_entity(e["putin"], "  ", who="x"), "a name is needed"),
    (lambda s, e: s.reassign_quote(MACRON_SPEECH.id, 7, None, who="x"), "no quote 7"),
    (lambda s, e: s.split_entity(e["trump"], [(TRUMP_PARIS.id, 0), (TRUMP_PARIS.id, 1)],
                                 who="x", into=e["trump"]), "already belong"),
])
def test_a_correction_that_makes_no_sense_is_refused(store, make, message):
    with pytest.raises(CorrectionError, match=message):
        make(store, ids(store))
    assert store.corrections() == []


def test_a_log_from_a_store_with_other_ids_finds_its_entities_by_their_mentions(
        store, store_url, tmp_path):
    """A rebuild whose resolver numbered entities differently: each id in the log is found
    again through the mention recorded with it (or, for an entity a split made, its name)."""
    import json

    e = ids(store)
    store.merge_entities(e["short"], e["putin"], who="olga")
    store.split_entity(e["trump"], [(TRUMP_PARIS.id, 1)], who="olga", name="Мелания Трамп")
    store.reassign_quote(ATTAL_BRIEFING.id, 0, e["peskov"], who="olga")
    store.rename_entity(e["peskov"], "Габриэль Ноэль Атталь", who="olga")
    text = json.dumps(store.corrections(), ensure_ascii=False)
    for old in {*e.values(), store.find_entities("Мелания")[0]["id"]}:
        text = text.replace(old, "old-" + old)              # ids the rebuilt store never had
    log = json.loads(text)
    assert "per-" not in text.replace("old-per-", "")
    rebuilt_url = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    with open_store(rebuilt_url) as rebuilt:
        for article in ARTICLES:
            rebuilt.add_article(article)
        assert rebuilt.import_corrections(log) == 4
    assert without_log(table_contents(rebuilt_url)) == without_log(table_contents(store_url))
