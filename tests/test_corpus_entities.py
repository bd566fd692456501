"""One person, one page: corpus entities resolved across articles (issue 16).

Records are built by hand (as the extractors would give them) so that each test states the
corpus-level decision it is about, whatever the in-article extraction does.
"""
from __future__ import annotations

import pytest

from pg import postgres_server, postgres_url, store_url, table_contents  # noqa: F401
from svodka import kb
from svodka.eval.corpus import Found, best_match, pair_scores
from svodka.names import lemma_key, person_name
from svodka.record import Entity
from svodka.store import open_store
from svodka.store.keys import evidence, is_acronym
from test_store import news


def corpus_ids(store, article) -> dict[str, str]:
    return store.corpus_entity_ids(article.id)


# -- keys: pure functions of one article entity ------------------------------------------

@pytest.mark.parametrize("name, first, initial, surname", [
    ("Владимир Владимирович Путин", "владимир", "в", "путин"),
    ("В. Путин", None, "в", "путин"),
    ("Путин", None, None, "путин"),
    ("Дональд Трамп", "дональд", "д", "трамп"),
])
def test_a_persons_name_splits_into_first_name_and_surname(name, first, initial, surname):
    person = person_name(name)
    assert (person.first, person.initial, person.surname) == (first, initial, surname)


def test_the_eus_three_names_share_one_key():
    keys = {evidence(Entity("e1", "ORG", name)).primary
            for name in ("Европейский союз", "Евросоюз", "ЕС")}
    assert keys == {"name:европейский союз"}


def test_an_alias_that_is_no_form_of_the_name_gives_no_key():
    """"Евразийский союз" carrying "Евросоюз" (an in-article slip) must not become the EU."""
    keys = evidence(Entity("e1", "ORG", "Евразийский союз", ["Евросоюз"])).strong
    assert "name:евразийский союз" in keys
    assert "name:европейский союз" not in keys and "name:евросоюз" not in keys


@pytest.mark.parametrize("short, name, expected", [
    ("МОК", "Международный олимпийский комитет", True),
    ("КГМК", "Кольская горно-металлургическая компания", True),
    ("ЕС", "Украина", False),
    ("МОК", "Олимпийский комитет России", False),
])
def test_an_acronym_is_the_initials_of_its_name(short, name, expected):
    assert is_acronym(short, name) is expected


@pytest.mark.parametrize("one, other", [
    ("Северный Рейн — Вестфалия", "Северный Рейн — Вестфалию"),
    ("Голос Америки", "Голос Америка"),
])
def test_inflected_names_meet_in_their_dictionary_form(one, other):
    assert lemma_key(one) == lemma_key(other)


def test_the_knowledge_base_links_names_of_one_thing_and_refuses_a_conflict():
    assert kb.wikidata_id("ORG", ["Евросоюз"]) == kb.wikidata_id("ORG", ["ЕС"]) == "Q458"
    assert kb.wikidata_id("PER", ["Владимир Путин"]) == "Q7747"
    assert kb.wikidata_id("LOC", ["Россия", "США"]) is None    # two ids: no id
    assert kb.wikidata_id("PER", ["Россия"]) is None           # the type must agree


@pytest.mark.parametrize("type_, name", [
    ("LOC", "Японского"),            # "Японского моря": an adjective alone is no country
    ("ORG", "Совет безопасности"),   # every country has one (kb_generic.txt)
    ("LOC", "Корея"),                # linked once in NEREL: too little to go on
    ("PER", "Филипп"),               # a first name alone
])
def test_the_knowledge_base_gives_no_id_to_a_name_that_could_be_many(type_, name):
    assert kb.wikidata_id(type_, [name]) is None
    assert kb.wikidata_id("LOC", ["Япония"]) == "Q17"     # while the plain name has one


# -- resolution in the store ---------------------------------------------------------------

PUTIN_FULL = news(
    "Путин провел совещание с членами Совбеза\n\n"
    "Президент России Владимир Путин провел оперативное совещание с постоянными членами "
    "Совета безопасности. Путин предложил обсудить ситуацию на Ближнем Востоке.",
    published="2017-11-20",
    entities=[("e1", "PER", "Владимир Путин", ["Путин"], ["президент России"],
               ["Владимир Путин", "Путин предложил"[:5]])])

PUTIN_SURNAME = news(
    "В Кремле прокомментировали заявление\n\n"
    "Пресс-секретарь президента Путина Дмитрий Песков заявил журналистам, что Кремль "
    "внимательно следит за развитием событий.",
    published="2017-11-22",
    entities=[("e1", "PER", "Путин", [], [], ["Путина"]),
              ("e2", "PER", "Дмитрий Песков", [], ["пресс-секретарь"], ["Дмитрий Песков"])])

EU_NAMES = [news(f"Новость {n}\n\nВ {text} обсудили санкции против России.",
                 published="2017-11-2" + str(n),
                 entities=[("e1", "ORG", name, [], [], [text.split()[0]])])
            for n, (name, text) in enumerate([("Евросоюз", "Евросоюзе вчера"),
                                               ("Европейский союз", "Европейском союзе"),
                                               ("ЕС", "ЕС снова")])]


def test_a_surname_alone_joins_the_one_person_of_that_surname(store_url):
    with open_store(store_url) as store:
        store.add_article(PUTIN_FULL)
        store.add_article(PUTIN_SURNAME)
        putin = corpus_ids(store, PUTIN_FULL)["e1"]
        assert corpus_ids(store, PUTIN_SURNAME)["e1"] == putin
        assert corpus_ids(store, PUTIN_SURNAME)["e2"] != putin
        entity = store.get_entity(putin)
        assert (entity["name"], entity["n_articles"], entity["wikidata"]) == \
            ("Владимир Путин", 2, "Q7747")


def test_a_full_name_later_takes_over_the_surname_only_entity(store_url):
    with open_store(store_url) as store:
        store.add_article(PUTIN_SURNAME)
        store.add_article(PUTIN_FULL)
        putin = corpus_ids(store, PUTIN_SURNAME)["e1"]
        assert corpus_ids(store, PUTIN_FULL)["e1"] == putin
        assert store.get_entity(putin)["name"] == "Владимир Путин"


def test_the_eus_three_names_are_one_corpus_entity_with_its_wikidata_id(store_url):
    with open_store(store_url) as store:
        for article in EU_NAMES:
            store.add_article(article)
        ids = {corpus_ids(store, article)["e1"] for article in EU_NAMES}
        assert len(ids) == 1
        entity = store.get_entity(ids.pop())
        assert entity["wikidata"] == "Q458" and entity["n_articles"] == 3


def petrov(first: str, published: str | None, text: str) -> object:
    return news(f"Заметка\n\n{text}", published=published,
                entities=[("e1", "PER", f"{first} Петров" if first else "Петров", [], [],
                           [f"{first} Петров" if first else "Петров"])])


IVAN = petrov("Иван", "2017-03-01", "Депутат Иван Петров внес законопроект о торговле.")
SERGEY = petrov("Сергей", "2017-06-10", "Тренер Сергей Петров объявил состав сборной.")
PETROV_JUNE = petrov(None, "2017-06-12", "Сборную, по словам Петров, ждут трудные игры.")
PETROV_UNDATED = petrov(None, None, "Как сообщил Петров, решение еще не принято.")


def test_a_surname_shared_by_two_people_joins_the_one_in_the_same_week(store_url):
    with open_store(store_url) as store:
        for article in (IVAN, SERGEY, PETROV_JUNE, PETROV_UNDATED):
            store.add_article(article)
        ivan, sergey = corpus_ids(store, IVAN)["e1"], corpus_ids(store, SERGEY)["e1"]
        assert ivan != sergey
        assert corpus_ids(store, PETROV_JUNE)["e1"] == sergey
        # no date, two namesakes: precision first, it stays apart from both
        assert corpus_ids(store, PETROV_UNDATED)["e1"] not in (ivan, sergey)


KOLA_FULL = news("Комбинат\n\nКольская горно-металлургическая компания увеличила выпуск никеля.",
                 published="2017-05-01",
                 entities=[("e1", "ORG", "Кольская горно-металлургическая компания", [], [],
                            ["Кольская горно-металлургическая компания"])])
KOLA_SHORT = news("Комбинат\n\nКГМК сократила выбросы на Кольском полуострове.",
                  published="2017-05-02",
                  entities=[("e1", "ORG", "КГМК", [], [], ["КГМК"])])
KOLA_BOTH = news("Комбинат\n\nКольская горно-металлургическая компания (КГМК) отчиталась.",
                 published="2017-05-03",
                 entities=[("e1", "ORG", "Кольская горно-металлургическая компания", ["КГМК"],
                            [], ["Кольская горно-металлургическая компания", "КГМК"])])


def test_a_later_article_merges_two_entities_and_the_old_id_still_resolves(store_url):
    with open_store(store_url) as store:
        store.add_article(KOLA_FULL)
        store.add_article(KOLA_SHORT)
        full, short = corpus_ids(store, KOLA_FULL)["e1"], corpus_ids(store, KOLA_SHORT)["e1"]
        assert full != short
        store.add_article(KOLA_BOTH)
        survivor = corpus_ids(store, KOLA_BOTH)["e1"]
        merged = ({full, short} - {survivor}).pop()
        assert corpus_ids(store, KOLA_FULL)["e1"] == corpus_ids(store, KOLA_SHORT)["e1"] \
            == survivor
        assert store.get_entity(merged)["id"] == survivor
        assert store.get_entity(survivor)["merged_from"] == [merged]
        assert store.get_entity(survivor)["n_articles"] == 3
        assert store.get_entity(survivor)["n_mentions"] == 4
        assert store.current_entity_id(merged) == survivor
        assert store.count_articles(entity_id=merged) == 3
        assert [e["id"] for e in store.find_entities("КГМК")] == [survivor]


def test_storing_the_same_articles_again_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    articles = [PUTIN_SURNAME, PUTIN_FULL, *EU_NAMES, KOLA_FULL, KOLA_SHORT, KOLA_BOTH]
    with open_store(url) as store:
        for article in articles:
            store.add_article(article)
    before = table_contents(url)
    with open_store(url) as store:
        assert {store.add_article(a) for a in reversed(articles)} == {"duplicate"}
    assert table_contents(url) == before


def test_sqlite_and_postgresql_build_the_same_entity_table(tmp_path, postgres_url):
    urls = [f"sqlite:///{tmp_path / 'corpus.db'}", postgres_url]
    articles = [IVAN, SERGEY, PETROV_JUNE, PETROV_UNDATED, PUTIN_SURNAME, PUTIN_FULL,
                *EU_NAMES, KOLA_FULL, KOLA_SHORT, KOLA_BOTH]
    for url in urls:
        with open_store(url) as store:
            for article in articles:
                store.add_article(article)
    contents = [table_contents(url) for url in urls]
    for table in ("entities", "entity_keys", "entity_merges", "mentions", "article_entities"):
        assert contents[0][table] == contents[1][table], table
    assert contents[0]["entity_merges"]


# -- the evaluation's scoring --------------------------------------------------------------

def test_a_gold_mention_matches_the_tightest_of_equally_overlapping_mentions():
    outer, inner = Found(0, 13, "org"), Found(11, 13, "loc")
    assert best_match(11, 13, [outer, inner]) == inner
    assert best_match(11, 13, [outer]) == outer          # covers the gold span
    assert best_match(0, 13, [inner]) is None            # under half of it


def test_pairs_are_counted_inside_and_across_documents():
    matched = [("d1", "Q7747", "putin"), ("d1", "Q7747", "putin"), ("d2", "Q7747", "putin-2"),
               ("d2", "Q458", "eu"), ("d3", "Q458", "eu")]
    inside, across = pair_scores(matched)
    assert (inside.right, inside.predicted, inside.gold) == (1, 1, 1)
    # across: Putin d1×d2 missed twice, EU d2×d3 found
    assert (across.right, across.predicted, across.gold) == (1, 1, 3)


def test_a_store_from_before_corpus_resolution_gets_keys_for_its_entities(store_url):
    with open_store(store_url) as old:
        old.add_article(PUTIN_FULL)
        putin = corpus_ids(old, PUTIN_FULL)["e1"]
        with old.engine.begin() as conn:   # back to schema version 3
            conn.exec_driver_sql("DROP TABLE entity_keys")
            conn.exec_driver_sql("DROP TABLE entity_merges")
            conn.exec_driver_sql("DROP INDEX ix_entities_wikidata")
            conn.exec_driver_sql("ALTER TABLE entities DROP COLUMN wikidata")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 4")
    with open_store(store_url) as upgraded:
        assert upgraded.schema_version >= 4
        upgraded.add_article(PUTIN_SURNAME)
        assert corpus_ids(upgraded, PUTIN_SURNAME)["e1"] == putin
