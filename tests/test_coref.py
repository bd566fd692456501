"""Who is who: the resolver's links, read as a reader would (real sentences in, clusters out).

Each row names the words that refer (a pronoun, a title alone, a description) and the entity
they must join, or None where the resolver must abstain; every row also names a link that
must be made, so a resolver that returns nothing fails.
"""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_links


# text, {referring words: entity name}, {referring words that must stay unlinked}
LINKED = [
    ("Ангела Меркель встретилась с Эммануэлем Макроном в Берлине. Он предложил продлить "
     "санкции. Она согласилась.",
     {"Он": "Эммануэль Макрон", "Она": "Ангела Меркель"}, set()),
    # two men: the subject of the sentence before stays in focus
    ("Владимир Путин провел переговоры с Дональдом Трампом. Он заявил, что переговоры "
     "прошли успешно.", {"Он": "Владимир Путин"}, set()),
    ("Посол России в Казахстане Алексей Бородавкин прибыл в Астану. Посол подчеркнул важность "
     "диалога.", {"Посол": "Алексей Бородавкин"}, set()),
    ("Министерство обороны России сообщило об учениях. Ведомство уточнило, что в них "
     "участвуют 300 военных.", {"Ведомство": "Министерство обороны России"}, set()),
    # an unnamed speaker in between: "он" is that one, whom no entity holds
    ("Главврач больницы Ахмед Хамдан рассказал о пострадавших. Один из раненых сообщил, что их "
     "обстреляли из миномётов. «Потом нас привезли в больницу», — добавил он.",
     {}, {"он"}),
    # an object is no one in focus: "с министром" is someone met, not Бородавкин
    ("Посол Алексей Бородавкин встретился с министром. Он остался доволен.",
     {"Он": "Алексей Бородавкин"}, {"министром"}),
    # a pronoun inside someone's speech is theirs to mean: left alone
    ("Мария Захарова выступила на брифинге. «Он ничего не понял», — сказала она.",
     {"она": "Мария Захарова"}, {"Он"}),
    # "Она" after a company named as the subject may be the company: no link
    ("Ольга Петрова продала акции. Компания «Северсталь» отчиталась о прибыли. Она выросла "
     "на 5%.", {}, {"Она"}),
]


@pytest.mark.parametrize("text, linked, unlinked", LINKED)
def test_links(text, linked, unlinked, models):
    assert_links(text, linked, unlinked, models)


def test_links_explain_their_rule(models):
    article = svodka.extract("Мария Захарова выступила на брифинге. Она отметила рост "
                             "торговли.", models=models)
    person = next(e for e in article.entities if e.name == "Мария Захарова")
    pronoun, = [m for m in person.mentions if m.kind == "pronoun"]
    assert pronoun.text == "Она" and pronoun.rule == "pronoun:one-agrees"
    names = [m for m in person.mentions if m.kind == "name"]
    assert names and all(m.rule is None for m in names)
    assert person.mentions == sorted(person.mentions, key=lambda m: (m.start, m.end))


def test_entity_ids_given_once_in_order_of_first_mention(models):
    article = svodka.extract("Мария Захарова выступила на брифинге. Она отметила, что Сергей "
                             "Лавров прибудет в Минск.", models=models)
    assert [e.id for e in article.entities] == [f"e{i}" for i in range(1, len(article.entities) + 1)]
    starts = [min(m.start for m in e.mentions) for e in article.entities]
    assert starts == sorted(starts)
    assert {"Мария Захарова", "Сергей Лавров"} <= {e.name for e in article.entities}


# The examples (russia_today_0): the sentence, the speaker each quote must get.
SPEAKERS = [
    # a title whose complement names someone else is a new, unnamed person — not the
    # suspect the article is about
    ("Подозреваемым в теракте считается Анис Амри. Полиция разыскивает Амри по всей Европе. "
     "«Окончательно подтвердить это может только федеральное ведомство», — заявил глава МВД "
     "Северного Рейна — Вестфалии.", [None]),
    # "подчеркнул он" is the one who spoke before, not the minister named next
    ("Лётчик Магомед Толбоев рассказал о версиях крушения. «Но пока мы не можем ничего "
     "утверждать», — подчеркнул он.\nМинистр транспорта Максим Соколов заявил, что работы "
     "продолжаются.", ["Магомед Толбоев", "Максим Соколов"]),
    # the outlet after a telling cue is whom the speaker told
    ("Председатель комиссии Алексей Пушков ранее сообщил RT, что США не имели права применять "
     "закон.", ["Алексей Пушков"]),
    ("Курс падает. «Рубль ослабнет к концу года», — рассказали ТАСС.", [None]),
    ("«Рубль ослабнет на 7%», — сообщил RT руководитель направления Экономической экспертной "
     "группы Александр Исаков.", ["Александр Исаков"]),
    # a description with no gender cue is the person in focus; the next title, who spoke last
    ("Новость не удивляет британского спринтера Джеймса Болча. Чемпион мира 1999 года "
     "допускает, что некоторые спортсмены получают поддержку. «Это очень печально», — "
     "отметил атлет.", ["Джеймс Болч", "Джеймс Болч"]),
    # "по мнению X" and "приводит слова X" say who speaks, as "по словам X" does
    ("По мнению аналитика Ивана Петрова, рынок восстановится к осени. «Спрос уже растёт», — "
     "отметил экономист.", ["Иван Петров", "Иван Петров"]),
    ("Президент Владимир Путин провёл совещание. Глава государства сообщил об изменениях.\n"
     "«Решение принято, мы создаём новую службу», — приводит РИА Новости слова президента.",
     ["Владимир Путин"]),
    # "он" after a title that spoke, with other men named in between: the one who spoke
    ("Владимир Путин провёл совещание. «Работа над реформой идёт по плану», — заявил "
     "президент на встрече с министром Сергеем Шойгу и министром Сергеем Лавровым. "
     "«Мы обсуждали это с министрами», — пояснил он.", ["Владимир Путин", "Владимир Путин"]),
]


@pytest.mark.parametrize("text, speakers", SPEAKERS)
def test_speakers_read_the_resolver(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers, \
        [(q.text, q.speaker_name, q.speaker_text) for q in article.quotes]
    for quote in article.quotes:
        if quote.speaker is not None:
            assert article.entity(quote.speaker).name == quote.speaker_name


def test_quotes_add_no_entities(models):
    text = ("Президенты обсудили торговлю. «Переговоры с Вашингтоном продолжатся на следующей "
            "неделе», — сообщил источник в Кремле.")
    article = svodka.extract(text, models=models)
    quote, = article.quotes
    assert quote.speaker is None and quote.speaker_text
    from svodka.analysis import analyze
    from svodka.extractors import extract_entities, extract_quotes
    analysis = analyze(text, models=models)
    entities = extract_entities(analysis)
    before = [e.to_dict() for e in entities]
    assert extract_quotes(analysis, entities)
    assert [e.to_dict() for e in entities] == before


def test_speaker_name_is_the_canonical_name(models):
    article = svodka.extract("Психолог Беннетт Кляйнберг изучил тысячи текстов. «Лжецы "
                             "избегают деталей», — сказал Кляйнберг.", models=models)
    quote, = article.quotes
    assert quote.speaker_name == "Беннетт Кляйнберг"


def test_a_network_does_not_speak(models):
    article = svodka.extract("«Мы закрываем аккаунты», — сообщил Twitter.", models=models)
    quote, = article.quotes
    assert quote.text == "Мы закрываем аккаунты" and quote.speaker is None
