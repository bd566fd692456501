"""Descriptions as mentions (svodka/extractors/coref/descriptions.py): real sentences in,
clusters out. Every row names the descriptions that must join an entity and those that
must join none, so a resolver that links nothing fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref.descriptions import description_phrase, description_type


def _titles(article) -> dict[str, tuple[str, str]]:
    """Title mention text → (its entity's name, the rule that linked it)."""
    return {m.text: (e.name, m.rule) for e in article.entities for m in e.mentions
            if m.kind == "title"}


# text, {description: (entity, rule or rule prefix)}, {words that must be no mention}
CLUSTERS = [
    # a role written next to a name is a title mention spanning the role
    ("Адвокат украинской летчицы Надежды Савченко Марк Фейгин заявил, что суд отложен.",
     {"Адвокат украинской летчицы Надежды Савченко": ("Марк Фейгин", "title:apposition"),
      "украинской летчицы": ("Надежда Савченко", "title:apposition")},
     set()),
    ("Глава ЦБ Эльвира Набиуллина выступила в Госдуме. Она пообещала снизить ставку.",
     {"Глава ЦБ": ("Эльвира Набиуллина", "title:apposition")}, set()),
    ("Министр финансов России Антон Силуанов выступил в Госдуме. Эксперты раскритиковали его "
     "предложения, а другой министр промолчал. Министр пообещал вернуться к вопросу осенью.",
     {"Министр финансов России": ("Антон Силуанов", "title:apposition"),
      "Министр": ("Антон Силуанов", "title:one-holder")},
     {"Эксперты", "другой министр", "министр"}),
    # "ведомство" is the ministry, not the outlet named just before it
    ("Министерство финансов России опубликовало прогноз, который приводит РБК. Ведомство "
     "ожидает роста доходов бюджета.",
     {"Ведомство": ("Министерство финансов России", "description:kind")}, set()),
    # a description repeating a word of one organization's name
    ("АО «Восточный порт» отчиталось о перевалке угля. В прошлом году порт перевалил 20 "
     "миллионов тонн.",
     {"порт": ("Восточный порт", "description:head")}, set()),
    # "посол" of two ambassadors is either of them: no link, though both roles are mentions
    ("Посол России Алексей Иванов и посол Китая Ван Ли встретились в Минске. Посол подчеркнул "
     "важность диалога.",
     {"Посол России": ("Алексей Иванов", "title:apposition"),
      "посол Китая": ("Ван Ли", "title:apposition")}, {"Посол"}),
    # a plural role shared by a list of names is no one person's mention
    ("В фильме сыграли актеры Андрей Мерзликин и Алиса Гребенщикова. Андрей Мерзликин "
     "рассказал о съемках.", {}, {"актеры"}),
    # a descriptor written before an organization's or a place's name is its title mention;
    # "столицы Грузии" is another place, whose complement Грузия is
    ("В пакистанском городе Лахор прогремел взрыв. Премьер посетил столицу Грузии.",
     {"пакистанском городе": ("Лахор", "title:descriptor")}, {"столицу"}),
    ("Рейтинг опубликовал американский журнал Maxim. Акции компании «Газпром» выросли на 2 %.",
     {"американский журнал": ("Maxim", "title:descriptor"),
      "компании": ("Газпром", "title:descriptor")},
     set()),
    # before a person's name, an animate noun phrase the roles do not take, in its case;
    # "сына Ивана Петрова" may be Petrov's son: the genitive (accusative) tells nothing
    ("Британец Хью Лори получил премию. Сын правозащитника Алексей Карастелев задержан. "
     "Полиция допросила сына Ивана Петрова.",
     {"Британец": ("Хью Лори", "title:descriptor"),
      "Сын правозащитника": ("Алексей Карастелев", "title:descriptor")}, {"сына"}),
    # an abbreviation does not decline: "фонда ООН" may be the fund's, so no descriptor
    ("Представитель фонда ООН выступил на конференции в Женеве.", {}, {"фонда"}),
    # a description whose complement names a place is a person's: the complement no longer
    # reads as the description's own name ("президента Ирана" is not Иран)
    ("Президент Ирана Махмуд Ахмадинежад выступил в ООН. Речь президента Ирана длилась час.",
     {"Президент Ирана": ("Махмуд Ахмадинежад", "title:apposition"),
      "президента Ирана": ("Махмуд Ахмадинежад", "description:head")}, set()),
    # ... and only when the complement agrees with what the person's role says
    ("Президент Ирана Махмуд Ахмадинежад выступил в ООН. Речь президента Сирии длилась час.",
     {"Президент Ирана": ("Махмуд Ахмадинежад", "title:apposition")}, {"президента Сирии"}),
    # a person's plain noun in no list is an unnamed person as often as the one named before
    # (the sixth session's plain nouns are organizations' and places' only)
    ("Губернатор Александр Карлин спросил коллегу, кто так пошутил. «Как мог, как мог», – "
     "ответил коллега. Женщина знает, что за кресло борются Хиллари Клинтон и Дональд Трамп. "
     "«Оба мне не нравятся», — резюмирует дама.",
     {"Губернатор": ("Александр Карлин", "title:apposition")}, {"коллега", "дама"}),
]


@pytest.mark.parametrize("text, linked, unlinked", CLUSTERS)
def test_descriptions_join_their_entity(text, linked, unlinked, models):
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    titles = _titles(article)
    for words, (name, rule) in linked.items():
        assert words in titles, titles
        assert titles[words][0] == name and titles[words][1].startswith(rule), titles
    for words in unlinked:
        assert words not in titles, titles
    people = {e.name for e in article.entities}
    assert people >= {name for name, _ in linked.values()}
    assert article.entities, "no names were found"


def test_a_title_mention_is_exactly_its_characters(models):
    text = ("Президент Турции Реджеп Тайип Эрдоган прибыл в Москву. Турецкий лидер провел "
            "переговоры с Владимиром Путиным.")
    article = svodka.extract(text, models=models)
    titles = [m for e in article.entities for m in e.mentions if m.kind == "title"]
    assert {m.text for m in titles} >= {"Президент Турции", "Турецкий лидер"}
    for m in titles:
        assert text[m.start:m.end] == m.text and m.rule


def test_names_keep_their_mentions(models):
    """Name benchmarks read kind == "name" only: the same name mentions with or without titles."""
    text = "Министр финансов России Антон Силуанов выступил в Госдуме. Министр ответил на вопросы."
    article = svodka.extract(text, models=models)
    names = sorted(m.text for e in article.entities for m in e.mentions if m.kind == "name")
    assert names == ["Антон Силуанов", "Госдуме", "России"]


@pytest.mark.parametrize("text, head, phrase", [
    ("Заявление сделал глава МВД Северного Рейна — Вестфалии.", "глава",
     "глава МВД Северного Рейна — Вестфалии"),
    ("Задержан 46-летний мужчина.", "мужчина", "46-летний мужчина"),
    ("Об этом сообщила пресс-служба министерства.", "пресс-служба", "пресс-служба министерства"),
    ("На встрече выступил турецкий лидер.", "лидер", "турецкий лидер"),
])
def test_description_phrase_follows_the_syntax(text, head, phrase, models):
    from svodka.analysis import analyze

    analysis = analyze(text, models=models)
    index = next(i for i, t in enumerate(analysis.tokens) if t.text == head)
    first, stop = description_phrase(analysis, index)
    assert text[analysis.tokens[first].start:analysis.tokens[stop - 1].end] == phrase


def test_a_descriptor_never_becomes_a_name(models):
    """factRuEval and NEREL score name mentions: "городе" beside "Лахор" adds a title, and the
    names and the entities stay what they were."""
    text = "В пакистанском городе Лахор прогремел взрыв. Жители Лахора вышли на улицы."
    article = svodka.extract(text, models=models)
    names = sorted(m.text for e in article.entities for m in e.mentions if m.kind == "name")
    assert names == ["Лахор", "Лахора"]
    assert [e.name for e in article.entities] == ["Лахор"]
    assert [m.rule for m in article.entities[0].mentions] == ["title:descriptor", None, None]


def test_description_types():
    assert description_type("министр") == "PER"
    assert description_type("экс-премьер") == "PER"
    assert description_type("ведомство") == "ORG"
    assert description_type("страна") == "LOC"
    assert description_type("документ") is None


def _linked_nouns(text: str, models, scores: dict[str, float], threshold: float = 0.6):
    """The plain nouns ``link_anaphoric`` links with a ranker that scores each (anaphor,
    candidate) by their texts (``scores``; 0 for any other pair), and what it was asked:
    anaphor text → candidate texts."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import descriptions
    from svodka.extractors.entities import resolve_entities

    analysis = analyze(text, models=models)
    entities, _ = resolve_entities(analysis)
    for entity in entities:       # what the installed ranker linked: asked here again
        entity.mentions = [m for m in entity.mentions if not (m.rule or "").startswith("ranker")]
    asked = {}

    def batch(analysis_, pairs):
        rows = []
        for (start, end), candidates in pairs:
            asked[text[start:end]] = [text[s:e] for s, e in candidates]
            rows.append([scores.get((text[start:end], text[s:e]), 0.0) for s, e in candidates])
        return rows

    links = descriptions.link_anaphoric(analysis, entities, [], set(), scorer=lambda *a: None,
                                        noun_threshold=threshold, batch_scorer=batch)
    return {link_.mention.text: (link_.entity.name, link_.mention.rule) for link_ in links}, asked


def test_a_plain_noun_in_no_list_is_asked_about_and_linked_by_the_ranker(models):
    """"альянс" is in no description list: the ranker is asked about it (a clause's subject)
    against organizations and places only, and the link carries its score
    ("ranker:0.75:noun"); an animate one ("россиянин", "коллега") is asked about nobody: a
    person's plain noun is an unnamed person as often as the one named before."""
    text = ("Генсек НАТО Йенс Столтенберг прибыл в Вильнюс. Альянс усилит присутствие в "
            "Прибалтике. Задержанный в Москве Иван Сидоров дал показания. Позже россиянин "
            "отказался от них.")
    linked, asked = _linked_nouns(text, models, {("Альянс", "НАТО"): 0.75,
                                                 ("россиянин", "Иван Сидоров"): 0.7})
    assert linked["Альянс"] == ("НАТО", "ranker:0.75:noun")
    assert "Йенс Столтенберг" not in asked["Альянс"] and "НАТО" in asked["Альянс"]
    assert "Вильнюс" in asked["Альянс"]
    assert "россиянин" not in asked and "россиянин" not in linked
    assert "присутствие" not in asked and "присутствие" not in linked   # an object: not asked


def test_a_plain_noun_is_asked_about_in_any_position_when_every_role_is_on(models, monkeypatch):
    """With ``NOUN_ROLES = EVERY_NOUN_ROLE`` (off by default: its CPU cost), "альянс" as an
    object and "стороны" as a genitive complement are asked about and linked at the ranker's
    score; the preposition's noun of a fixed phrase ("во главе с") is not."""
    from svodka.extractors.coref import descriptions

    monkeypatch.setattr(descriptions, "NOUN_ROLES", descriptions.EVERY_NOUN_ROLE)
    text = ("Генсек НАТО Йенс Столтенберг прибыл в Вильнюс. Россия критикует альянс за учения "
            "в Прибалтике. Делегация Китая во главе с министром посетила Минск. Позиция "
            "стороны не изменилась.")
    linked, asked = _linked_nouns(text, models, {("альянс", "НАТО"): 0.75,
                                                 ("стороны", "Китая"): 0.7})
    assert linked["альянс"] == ("НАТО", "ranker:0.75:noun")
    assert linked["стороны"][0] == "Китай" and linked["стороны"][1] == "ranker:0.70:noun"
    assert "главе" not in asked


def test_a_plain_noun_under_the_threshold_stays_unlinked(models):
    text = ("Генсек НАТО Йенс Столтенберг прибыл в Вильнюс. Альянс усилит присутствие в "
            "Прибалтике.")
    linked, asked = _linked_nouns(text, models, {("Альянс", "НАТО"): 0.55})
    assert "Альянс" in asked and "НАТО" in asked["Альянс"]      # asked, and said too little
    assert "Альянс" not in linked
    linked, _ = _linked_nouns(text, models, {("Альянс", "НАТО"): 0.55}, threshold=0.5)
    assert linked["Альянс"][0] == "НАТО"


# A description whose head word names nothing of its entity, which only what the word means
# can join ("ведомство" is an office, "предприниматель" a person, "производитель" a company).
MEANING = [
    ("Генпрокуратура Украины возбудила дело против депутата. В пресс-службе ведомства "
     "сообщили, что дело передано в суд.",
     {"ведомства": "Генпрокуратура Украины"}, {"пресс-службе", "депутата"}),
    ("Суд в Москве арестовал бизнесмена Ивана Петрова. Адвокат предпринимателя обжалует "
     "решение.",
     {"предпринимателя": "Иван Петров"}, {"Адвокат"}),
    ("Компания Apple представила новый iPhone. Акции производителя выросли на 3%.",
     {"производителя": "Apple"}, {"Акции"}),
]


@pytest.mark.parametrize("text, linked, unlinked", MEANING)
def test_the_ranker_knows_what_a_description_means(text, linked, unlinked, models):
    """The descriptions' model with the meaning of nouns (``ranker.SEMANTIC_FEATURES``) links
    these above its threshold; the model before it (no such features) left all three open."""
    from svodka.extractors.coref.ranker import description_model

    model = description_model()
    if model is None or model.meaning is None:
        pytest.skip("no descriptions' model with the meaning of nouns installed")
    titles = _titles(svodka.extract(text))
    for description, entity in linked.items():
        assert titles[description][0] == entity
        assert titles[description][1].startswith("ranker:")
    assert not unlinked & set(titles)


def test_a_noun_before_a_quoted_name_says_what_the_name_is_and_refers_back_to_nothing(
        models, monkeypatch):
    """"в соцсети «ВКонтакте»": the noun is the quoted name's descriptor, not an anaphor of
    the country named before (the ranker gave it Россия at 0.54 in a real RT article)."""
    from svodka.extractors.coref import descriptions

    monkeypatch.setattr(descriptions, "NOUN_ROLES", descriptions.EVERY_NOUN_ROLE)
    text = ("Роскомнадзор проверит сообщества в России. Активисты выявили в соцсети "
            "«ВКонтакте» более 7 тыс. групп.")
    scores = {("соцсети", "России"): 0.9}
    linked, asked = _linked_nouns(text, models, scores)
    assert "соцсети" not in asked and "соцсети" not in linked
    # without the quoted name after it, the same noun is asked about, and linked
    monkeypatch.setattr(descriptions, "_quoted_name_after", lambda analysis, stop: False)
    linked, asked = _linked_nouns(text, models, scores)
    assert "России" in asked["соцсети"] and linked["соцсети"][0] == "Россия"


def test_a_plain_noun_an_adjective_picks_out_is_no_description_a_place_adjective_is(
        models, monkeypatch):
    """"заинтересованной стороны" is whichever party is interested, not Эстония named before
    (RT: the ranker gave it Эстония at 0.56); "эстонской стороны" is Эстония."""
    from svodka.extractors.coref import descriptions

    monkeypatch.setattr(descriptions, "NOUN_ROLES", descriptions.EVERY_NOUN_ROLE)
    scores = {("заинтересованной стороны", "Эстонии"): 0.9, ("эстонской стороны", "Эстонии"): 0.9}
    text = ("Памятник в Эстонии установят весной. Землю выделяют по запросу заинтересованной "
            "стороны.")
    linked, asked = _linked_nouns(text, models, scores)
    assert "заинтересованной стороны" not in asked and not linked
    text = "Памятник в Эстонии установят весной. Землю выделяют по запросу эстонской стороны."
    # (a country's adjective names the country before the ranker is asked: coref/adjective.py,
    # tests/test_coref_adjective.py; here the ranker's side of it)
    monkeypatch.setattr(descriptions, "ADJECTIVE", False)
    linked, asked = _linked_nouns(text, models, scores)
    assert linked["эстонской стороны"] == ("Эстония", "ranker:0.90:noun")
