"""The corpus store on SQLite and PostgreSQL: records in, the same records and answers out."""
from __future__ import annotations

import pytest

from pg import postgres_server, postgres_url, store_url  # noqa: F401  (fixtures)
from svodka.pipeline import article_id
from svodka.record import Amount, Article, DateRef, Entity, Mention, Quote, Source, Span
from svodka.store import open_store


def news(text: str, published: str | None = None, entities=(), quotes=(), amounts=(),
         dates=(), url: str | None = None) -> Article:
    """A record as the extractors would produce it, offsets found in ``text``.

    entities: (id, type, name, aliases, roles, [mention texts]); quotes: (text, speaker id,
    cue); amounts: (text, kind, value, unit); dates: (text, kind, value).
    """
    def span(fragment: str, after: int = 0) -> tuple[int, int]:
        start = text.index(fragment, after)
        return start, start + len(fragment)

    built = []
    for local_id, type_, name, aliases, roles, mention_texts in entities:
        mentions = []
        for fragment in mention_texts:
            start, end = span(fragment)
            mentions.append(Mention(start, end, fragment, name))
        built.append(Entity(local_id, type_, name, list(aliases), list(roles), mentions))
    names = {e.id: e.name for e in built}
    headline_end = text.index("\n") if "\n" in text else len(text)
    return Article(
        id=article_id(text), text=text, source=Source(None, url, "text"),
        headline=Span(0, headline_end, text[:headline_end]), published=published,
        entities=built,
        quotes=[Quote(*span(q), q, "direct" if "«" in text else "indirect", speaker,
                      names.get(speaker), cue) for q, speaker, cue in quotes],
        amounts=[Amount(*span(a), a, kind, value, unit) for a, kind, value, unit in amounts],
        dates=[DateRef(*span(d), d, kind, value) for d, kind, value in dates],
    )


TOKAYEV_ASTANA = news(
    "Токаев призвал увеличить товарооборот с Евросоюзом\n\n"
    "Президент Казахстана Касым-Жомарт Токаев встретился в Астане с послами стран ЕС. "
    "«Мы рассчитываем довести товарооборот до 50 миллиардов долларов», — заявил Токаев. "
    "Встреча прошла 27 ноября 2024 года. Стороны обсудили расширение транзитных перевозок "
    "через Каспийское море, поставки урана и редкоземельных металлов, а также упрощение "
    "визового режима для граждан Казахстана. По итогам переговоров подписан меморандум о "
    "сотрудничестве в сфере цифровизации и зеленой энергетики.",
    published="2024-11-27", url="https://example.kz/news/1",
    entities=[("e1", "PER", "Касым-Жомарт Токаев", ["Токаев"], ["президент Казахстана"],
               ["Касым-Жомарт Токаев", "Токаев призвал"[:6]]),
              ("e2", "LOC", "Казахстан", [], [], ["Казахстана"]),
              ("e3", "ORG", "Европейский союз", ["ЕС", "Евросоюз"], [], ["Евросоюзом", "ЕС"])],
    quotes=[("Мы рассчитываем довести товарооборот до 50 миллиардов долларов", "e1", "заявил")],
    amounts=[("50 миллиардов долларов", "money", 50_000_000_000, "USD")],
    dates=[("27 ноября 2024 года", "day", "2024-11-27")],
)

TOKAYEV_BRUSSELS = news(
    "Посол Казахстана в Бельгии провел встречу в Брюсселе\n\n"
    "Посол Казахстана Роман Василенко обсудил с представителями Еврокомиссии визовый режим. "
    "Как отметил Касым-Жомарт Токаев, упрощение визового режима отвечает интересам граждан.",
    published="2025-01-15",
    entities=[("e1", "PER", "Роман Василенко", ["посол"], ["посол Казахстана"],
               ["Роман Василенко"]),
              ("e2", "PER", "Касым-Жомарт Токаев", [], ["президент"], ["Касым-Жомарт Токаев"])],
    quotes=[("упрощение визового режима отвечает интересам граждан", "e2", "отметил")],
)

WEATHER = news("Синоптики обещают снег в Москве\n\nВ четверг в столице ожидается до 5 см снега. "
               "Температура воздуха опустится до минус восьми градусов, ветер северо-западный, "
               "порывы до двенадцати метров в секунду. Коммунальные службы переведены на "
               "усиленный режим работы, на улицы выйдет дополнительная снегоуборочная техника.",
               published="2024-12-05",
               amounts=[("до 5 см", "other", 5, "cm")])


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        for article in (TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER):
            assert opened.add_article(article) == "stored"
        yield opened


def test_a_stored_article_comes_back_exactly(store):
    assert store.get_article(TOKAYEV_ASTANA.id) == TOKAYEV_ASTANA
    assert store.get_article("no-such-id") is None


def test_adding_the_same_article_again_changes_nothing(store):
    before = store.stats()
    assert store.add_article(TOKAYEV_ASTANA) == "duplicate"
    assert store.stats() == before


def test_articles_are_listed_newest_first_and_filtered(store):
    listed = store.list_articles()
    assert [a["id"] for a in listed] == [TOKAYEV_BRUSSELS.id, WEATHER.id, TOKAYEV_ASTANA.id]
    assert listed[2] | {"headline": None} == {
        "id": TOKAYEV_ASTANA.id, "headline": None, "published": "2024-11-27",
        "url": "https://example.kz/news/1", "n_entities": 3, "n_quotes": 1, "n_amounts": 1}
    assert store.count_articles(date_from="2024-12", date_to="2024-12") == 1
    assert [a["id"] for a in store.list_articles(date_to="2024-11")] == [TOKAYEV_ASTANA.id]
    tokayev = store.corpus_entity_id(TOKAYEV_ASTANA.id, "e1")
    assert store.count_articles(entity_id=tokayev) == 2
    assert store.list_articles(offset=1, limit=1)[0]["id"] == WEATHER.id


def test_one_person_across_articles_is_one_corpus_entity(store):
    first = store.corpus_entity_id(TOKAYEV_ASTANA.id, "e1")
    assert first == store.corpus_entity_id(TOKAYEV_BRUSSELS.id, "e2")
    assert first.replace("-", "").isalnum()
    entity = store.get_entity(first)
    assert entity["name"] == "Касым-Жомарт Токаев" and entity["type"] == "PER"
    assert entity["aliases"] == ["Токаев"]
    assert entity["roles"] == ["президент", "президент Казахстана"]
    assert entity["n_mentions"] == 3
    assert [a["id"] for a in entity["articles"]] == [TOKAYEV_BRUSSELS.id, TOKAYEV_ASTANA.id]
    assert [q["cue"] for q in entity["quotes"]] == ["отметил", "заявил"]
    assert [(a["text"], a["article_id"]) for a in entity["amounts"]] == [
        ("50 миллиардов долларов", TOKAYEV_ASTANA.id)]
    assert entity["mentions_by_month"] == [["2024-11", 2], ["2025-01", 1]]
    assert store.get_entity("per-0000000000") is None


def test_an_entity_page_counts_everything_but_lists_only_the_newest(store):
    tokayev = store.corpus_entity_id(TOKAYEV_ASTANA.id, "e1")
    entity = store.get_entity(tokayev, limit=1)
    assert (entity["n_articles"], entity["n_quotes"]) == (2, 2)
    assert [a["id"] for a in entity["articles"]] == [TOKAYEV_BRUSSELS.id]
    assert [q["cue"] for q in entity["quotes"]] == ["отметил"]
    assert len(entity["amounts"]) <= 1


def test_an_article_without_headline_is_listed_by_its_first_words(store_url):
    text = ("Власти Приморья сообщили, что паромное сообщение с островом Русский будет "
            "восстановлено к пятнице после шторма")
    record = Article(id=article_id(text), text=text, source=Source(None, None, "text"))
    with open_store(store_url) as fresh:
        fresh.add_article(record)
        [listed] = fresh.list_articles()
    assert listed["headline"] == ("Власти Приморья сообщили, что паромное сообщение с островом "
                                  "Русский будет восстановлено к…")


@pytest.mark.parametrize("name, found", [
    ("Токаев", ["Касым-Жомарт Токаев"]),
    ("Токаева", ["Касым-Жомарт Токаев"]),           # another case of the same surname
    ("касым-жомарт токаев", ["Касым-Жомарт Токаев"]),
    ("Евросоюз", ["Европейский союз"]),              # an alias
    ("Василенко Токаев", []),                        # every word must match one entity
    ("Путин", []),
])
def test_entities_are_found_by_any_form_of_their_names(store, name, found):
    assert [e["name"] for e in store.find_entities(name)] == found


def test_quotes_of_a_speaker_newest_first(store):
    said = store.quotes(speaker="Токаева")
    assert [q["cue"] for q in said] == ["отметил", "заявил"]
    latest = said[0]
    article = store.get_article(latest["article_id"])
    assert article.text[latest["start"]:latest["end"]] == latest["text"]
    assert latest["speaker_name"] == "Касым-Жомарт Токаев" and latest["published"] == "2025-01-15"
    assert store.quotes(speaker="Путин") == []
    assert len(store.quotes()) == 2


@pytest.mark.parametrize("query, kind, expected", [
    ("посол", None, [("article", "TOKAYEV_ASTANA"), ("article", "TOKAYEV_BRUSSELS")]),
    ("послами ЕС", None, [("article", "TOKAYEV_ASTANA")]),
    ("товарооборота", "quote", [("quote", "TOKAYEV_ASTANA")]),
    ("товарооборот", "amount", [("amount", "TOKAYEV_ASTANA")]),  # the amount's sentence
    ("снегом", None, [("amount", "WEATHER"), ("article", "WEATHER")]),
    ("визовые режимы", "article", [("article", "TOKAYEV_ASTANA"), ("article", "TOKAYEV_BRUSSELS")]),
    ("землетрясение", None, []),
])
def test_search_is_morphology_aware(store, query, kind, expected):
    ids = {TOKAYEV_ASTANA.id: "TOKAYEV_ASTANA", TOKAYEV_BRUSSELS.id: "TOKAYEV_BRUSSELS",
           WEATHER.id: "WEATHER"}
    hits = store.search(query, kind=kind)
    assert sorted((h["kind"], ids[h["article_id"]]) for h in hits) == expected
    for hit in hits:
        text = store.get_article(hit["article_id"]).text
        assert text[hit["start"]:hit["end"]] == hit["text"]
        assert hit["snippet"].strip("…")


def test_search_filters_by_speaker_entity_and_date(store):
    quotes = store.search("визового режима", speaker="Токаев")
    assert [(h["kind"], h["speaker_name"]) for h in quotes] == [("quote", "Касым-Жомарт Токаев")]
    assert store.search("визового режима", speaker="Василенко") == []
    assert [h["article_id"] for h in store.search("товарооборот", entity="Евросоюз",
                                                  kind="article")] == [TOKAYEV_ASTANA.id]
    assert store.search("товарооборот", date_from="2025-01-01") == []
    with pytest.raises(ValueError):
        store.search("снег", kind="tweet")


def test_search_treats_query_syntax_as_words(store):
    for query in ['"', "снег OR NOT", "снег*", "снег) (", "-- DROP TABLE articles;"]:
        store.search(query)
    assert store.count_articles() == 3


def test_top_entities_and_stats(store):
    top = store.top_entities(type="PER")
    assert [(e["name"], e["count"]) for e in top] == [("Касым-Жомарт Токаев", 3),
                                                     ("Роман Василенко", 1)]
    by_quotes = store.top_entities(by="quotes", since="2025-01-01")
    assert [(e["name"], e["count"]) for e in by_quotes] == [("Касым-Жомарт Токаев", 1)]
    assert store.stats() == {"articles": 3, "entities": 4, "quotes": 2, "amounts": 2,
                             "dates": 1, "duplicate_groups": 0, "duplicates": 0, "rejected": 0}


def test_a_lightly_edited_repost_is_a_near_duplicate(store):
    repost = news(TOKAYEV_ASTANA.text
                  + " Подписывайтесь на наш канал.", url="https://mirror.example/1")
    assert store.add_article(repost) == "duplicate"
    groups = store.duplicate_groups()
    assert [(g["id"], [c["id"] for c in g["copies"]]) for g in groups] == [
        (TOKAYEV_ASTANA.id, [repost.id])]
    assert groups[0]["copies"][0]["kind"] == "near"
    assert 0.8 <= groups[0]["copies"][0]["similarity"] < 1
    assert store.get_article(repost.id) is None
    assert store.add_article(repost) == "duplicate"
    assert store.stats()["duplicates"] == 1


def test_near_duplicates_are_found_after_reopening(store_url, store):
    store.close()
    with open_store(store_url) as reopened:
        copy = news(WEATHER.text + " Водителей просят быть внимательнее на дорогах.")
        different = news("Синоптики обещают дождь в Казани\n\nВ субботу в городе ожидается "
                         "сильный ветер и ливень, местами град.")
        assert reopened.add_article(copy) == "duplicate"
        assert reopened.add_article(different) == "stored"


def test_the_same_text_from_another_source_is_an_exact_duplicate(store):
    copy = Article.from_dict(WEATHER.to_dict() | {"source": {"url": "https://other.example/",
                                                             "format": "html"}})
    assert store.add_article(copy) == "duplicate"
    [group] = store.duplicate_groups()
    assert group["copies"][0] | {"headline": None} == {
        "id": WEATHER.id, "kind": "exact", "similarity": 1.0, "headline": None,
        "url": "https://other.example/", "path": None}


def test_a_real_extracted_article_round_trips(store, sample_article):
    assert store.add_article(sample_article) == "stored"
    assert store.get_article(sample_article.id) == sample_article
    for entity in sample_article.entities:
        assert store.corpus_entity_id(sample_article.id, entity.id)


def test_an_article_the_database_refuses_is_a_rejection_and_the_batch_goes_on(store):
    from svodka.store import prepare

    odd = news("Сбой в системе\n\nСообщение содержало нулевой символ \x00 посреди текста, "
               "и база данных могла его не принять.")
    fine = news("Курс рубля\n\nБанк России установил официальный курс доллара на пятницу.")
    statuses = store.add_prepared([prepare(odd), prepare(fine)])
    assert statuses[1] == "stored"
    if statuses[0] == "rejected":                  # PostgreSQL: text cannot hold NUL
        assert store.stats()["rejected"] == 1 and store.get_article(odd.id) is None
    else:                                          # SQLite stores it as it is
        assert statuses[0] == "stored" and store.get_article(odd.id) == odd


def test_a_store_from_before_the_monthly_counts_gets_them_when_opened(store_url):
    with open_store(store_url) as old:
        for article in (TOKAYEV_ASTANA, TOKAYEV_BRUSSELS, WEATHER):
            old.add_article(article)
        expected = (old.top_entities(by="mentions", limit=10),
                    old.top_entities(by="quotes", since="2025-01-01", limit=10))
        with old.engine.begin() as conn:   # back to schema version 2
            conn.exec_driver_sql("DROP TABLE entity_months")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 3")
    with open_store(store_url) as upgraded:
        assert upgraded.schema_version >= 3
        assert (upgraded.top_entities(by="mentions", limit=10),
                upgraded.top_entities(by="quotes", since="2025-01-01", limit=10)) == expected
        assert expected[0][0]["name"] == "Касым-Жомарт Токаев"


def _counting_savepoints(monkeypatch) -> list:
    from sqlalchemy.engine import Connection

    opened = []
    begin_nested = Connection.begin_nested

    def counted(self):
        opened.append(1)
        return begin_nested(self)

    monkeypatch.setattr(Connection, "begin_nested", counted)
    return opened


def test_a_batch_nothing_refuses_is_written_without_a_savepoint_per_article(tmp_path,
                                                                            monkeypatch):
    from svodka.store import prepare

    opened = _counting_savepoints(monkeypatch)
    with open_store(str(tmp_path / "batch.db")) as store:
        statuses = store.add_prepared([prepare(a) for a in (TOKAYEV_ASTANA, TOKAYEV_BRUSSELS)])
        assert statuses == ["stored", "stored"] and opened == []
        assert store.get_article(TOKAYEV_BRUSSELS.id) == TOKAYEV_BRUSSELS


def test_one_refused_article_leaves_the_batch_as_if_it_had_not_been_in_it(tmp_path,
                                                                         monkeypatch):
    """The first try goes without savepoints; the database refusing one article sends the
    batch again, each article in a savepoint of its own: the others stored as they would
    have been alone, the refused one a rejection."""
    from sqlalchemy.exc import IntegrityError

    from pg import table_contents
    from svodka.store import prepare, write

    refused = news("Сбой в системе\n\nБанк России сообщил о сбое платежной системы в пятницу.")
    add_rows = write._add_article_rows

    def refusing(conn, prepared):
        if prepared.article.id == refused.id:
            raise IntegrityError("INSERT INTO articles", {}, Exception("refused"))
        return add_rows(conn, prepared)

    with open_store(str(tmp_path / "alone.db")) as alone:
        assert alone.add_prepared([prepare(TOKAYEV_ASTANA), prepare(TOKAYEV_BRUSSELS)]) == \
            ["stored", "stored"]
    monkeypatch.setattr(write, "_add_article_rows", refusing)
    opened = _counting_savepoints(monkeypatch)
    with open_store(str(tmp_path / "refused.db")) as store:
        statuses = store.add_prepared([prepare(a) for a in
                                       (TOKAYEV_ASTANA, refused, TOKAYEV_BRUSSELS)])
        assert statuses == ["stored", "rejected", "stored"] and len(opened) == 3
        assert store.get_article(refused.id) is None and store.stats()["rejected"] == 1
    together = table_contents(str(tmp_path / "refused.db"))
    assert [row[0] for row in together.pop("rejections")] != []
    expected = table_contents(str(tmp_path / "alone.db"))
    expected.pop("rejections")
    assert together == expected


def test_search_units_are_numbered_in_the_order_written_and_indexed_under_that_number(
        store_url):
    from sqlalchemy import text

    from svodka.store import prepare

    with open_store(store_url) as store:
        store.add_prepared([prepare(a) for a in (TOKAYEV_ASTANA, WEATHER)])
        written = [(a.id, u.kind, u.n) for a in (TOKAYEV_ASTANA, WEATHER)
                   for u in prepare(a).units]
        with store.engine.connect() as conn:
            units = conn.execute(text("SELECT id, article_id, kind, n FROM search_units "
                                      "ORDER BY id")).all()
            facets = conn.execute(text("SELECT id, kind FROM search_facets ORDER BY id")).all()
        assert len(written) == 5
        assert [tuple(u[1:]) for u in units] == written
        assert [u[0] for u in units] == list(range(units[0][0], units[0][0] + len(written)))
        assert [tuple(f) for f in facets] == [(u[0], u[2]) for u in units]
        hits = store.search("товарооборот")
        assert {hit["article_id"] for hit in hits} == {TOKAYEV_ASTANA.id}
