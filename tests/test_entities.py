"""Entities: real-style news sentences in, people, organizations, places and events out."""
from __future__ import annotations

import pytest

from svodka.extractors.entities.linking import acronym, compound_of
from conftest import assert_spans_valid


def _by_name(article):
    return {e.name: e for e in article.entities}


# sentence, type, name, aliases that must be there, roles that must be there
ENTITIES = [
    ("Президент России Владимир Путин провел переговоры с канцлером Германии Олафом Шольцем.",
     "PER", "Владимир Путин", [], ["президент России"]),
    ("Президент России Владимир Путин провел переговоры с канцлером Германии Олафом Шольцем.",
     "LOC", "Германия", [], []),
    ("Министр иностранных дел РФ Сергей Лавров встретился с генсеком ООН. Лавров заявил, "
     "что Россия готова к диалогу.", "PER", "Сергей Лавров", ["Лавров"],
     ["министр иностранных дел РФ"]),
    ("Министр иностранных дел РФ Сергей Лавров встретился с генсеком ООН. Лавров заявил, "
     "что Россия готова к диалогу.", "LOC", "Россия", ["РФ"], []),
    ("Глава МВД Казахстана Ержан Саденов провел совещание в Астане.",
     "ORG", "МВД Казахстана", [], []),
    ("Глава МВД Казахстана Ержан Саденов провел совещание в Астане.",
     "PER", "Ержан Саденов", [], ["глава МВД Казахстана"]),
    ("Сотрудники ФСБ России задержали подозреваемого в Москве.", "ORG", "ФСБ России", [], []),
    ("Пресс-служба Госдепартамента США сообщила о новых санкциях.",
     "ORG", "Госдепартамент США", [], []),
    ("Петербургский международный экономический форум пройдет в июне в Санкт-Петербурге.",
     "EVENT", "Петербургский международный экономический форум", [], []),
    ("Евросоюз продлил санкции. Решение ЕС вступит в силу в понедельник.",
     "ORG", "Евросоюз", ["ЕС"], []),
    ("Алексей Миллер, председатель правления «Газпрома», заявил о росте добычи.",
     "PER", "Алексей Миллер", [], ["председатель правления «Газпрома»"]),
    ("Мэр Москвы Сергей Собянин открыл новую станцию метро. Собянин отметил, что "
     "строительство шло два года.", "PER", "Сергей Собянин", ["Собянин"], ["мэр Москвы"]),
    ("Выборы президента Казахстана пройдут в 2029 году, сообщил ЦИК РК.",
     "LOC", "Казахстан", ["РК"], []),
    ("Премьер-министр Великобритании Кир Стармер прибыл в Брюссель на саммит НАТО.",
     "PER", "Кир Стармер", [], ["премьер-министр Великобритании"]),
    ("Всемирная организация здравоохранения (ВОЗ) объявила о завершении пандемии. "
     "По данным ВОЗ, число случаев снизилось.",
     "ORG", "Всемирная организация здравоохранения", ["ВОЗ"], []),
    ("Нацбанк Казахстана сохранил базовую ставку.", "ORG", "Нацбанк Казахстана", [], []),
    ("В Алматы прошел форум \"Казахстан - Китай: новые горизонты\".",
     "EVENT", "форум \"Казахстан - Китай: новые горизонты\"", [], []),
    ("Министр транспорта Казахстана Нурлан Сауранбаев провел встречу с инвесторами. "
     "Министр сообщил, что проект завершат в срок.",
     "PER", "Нурлан Сауранбаев", ["министр"], ["министр транспорта Казахстана"]),
    ("Как сообщил пресс-секретарь президента РФ Дмитрий Песков, встреча прошла в Кремле.",
     "PER", "Дмитрий Песков", [], ["пресс-секретарь президента РФ"]),
    ("Делегация посетила Министерство финансов Республики Казахстан.",
     "ORG", "Министерство финансов Республики Казахстан", [], []),
    ("Национальный банк Казахстана повысил ставку. Решение Нацбанка Казахстана вступит в силу "
     "в понедельник.", "ORG", "Национальный банк Казахстана", ["Нацбанк Казахстана"], []),
    ("Министерство обороны России провело учения. В Минобороны России отметили их успех.",
     "ORG", "Министерство обороны России", ["Минобороны России"], []),
    ("Брендт Кристенсен (Brendt Christensen) был арестован в Иллинойсе.",
     "PER", "Брендт Кристенсен", ["Brendt Christensen"], []),
    ("Б.Обама встретился с премьером. Барак Обама заявил о поддержке.",
     "PER", "Барак Обама", ["Б. Обама"], []),
    ("«Полковник Квачков к походу готов», - заявил адвокат.", "PER", "Квачков", [], ["полковник"]),
    ("Игорь Иванов стал министром финансов в 2020 году.",
     "PER", "Игорь Иванов", [], ["министр финансов"]),
    ("Экс-президент Перу Алан Гарсия скончался в больнице.",
     "PER", "Алан Гарсия", [], ["экс-президент Перу"]),
    ("Представители стран Бахрейн • Барбадос • Бермуды прибыли на встречу.",
     "LOC", "Барбадос", [], []),
    # the legal form and the quotes stay outside the name, as factRuEval and NEREL mark it
    ("АО «Казатомпром» нарастило добычу. Компания «Казатомпром» сообщила об этом.",
     "ORG", "Казатомпром", [], []),
    ("ОАО «Газпром» повысило цены на газ, сообщил глава ОАО «Газпром» Алексей Миллер.",
     "ORG", "Газпром", [], []),
    # a quoted genitive after a vehicle noun is its owner, an organization
    ("Пассажирский самолет «Аэрофлота» совершил посадку в Шереметьеве.",
     "ORG", "Аэрофлот", [], []),
    # a place adjective before a one-word organization name is part of it; a country's
    # adjective is the owner, and the organization is named with it (speakers' names, 11th
    # session), the written form an alias
    ("Глава японского МИДа Сэйдзи Маэхара прибыл в Москву.",
     "ORG", "МИД Японии", ["японский МИД"], []),
    # named events: an event name, a tournament and whose title it is, a qualified vote
    ("Олимпиада в Рио-де-Жанейро открылась в пятницу.", "EVENT", "Олимпиада", [], []),
    ("Сборная России выступит на чемпионате Европы по футболу.",
     "EVENT", "чемпионат Европы по футболу", [], []),
    ("На президентских выборах победил действующий глава государства.",
     "EVENT", "президентские выборы", [], []),
    ("70-й Каннский кинофестиваль пройдет в мае.", "EVENT", "70-й Каннский кинофестиваль",
     [], []),
    # a place named inside an event stays a place
    ("Саммит НАТО в Вильнюсе и чемпионат Азии по борьбе прошли в июле.", "LOC", "Азия", [], []),
    # a cue that may name a body stays the NER model's organization
    ("Об этом заявил лидер Всеобщего народного конгресса Йемена.",
     "ORG", "Всеобщий народный конгресс Йемена", [], []),
    # a listed place is a place where the NER model saw nothing
    ("Новым чемпионом Европы стал гроссмейстер из Хорватии.", "LOC", "Европа", [], []),
    # a listed abbreviation defined by lowercase words is still a name
    ("Экипаж международной космической станции (МКС) вернулся на Землю. На МКС остались "
     "двое.", "LOC", "МКС", [], []),
    # a direction makes a part of a place a place of its own; the place stays
    ("Почти все федерации стран западной Европы поддержали кандидата.",
     "LOC", "западная Европа", [], []),
    ("Почти все федерации стран западной Европы поддержали кандидата.", "LOC", "Европа", [], []),
    # a building that stands for the institution in it is an organization, where it acts
    ("Белый дом получил известие о планах Израиля.", "ORG", "Белый дом", [], []),
    ("Президент принимает в Белом доме французского коллегу.", "LOC", "Белый дом", [], []),
    # names in one bulleted list are of one kind
    ("В турнире участвуют федерации: • Бахрейн • Чили • Коста Рика • Эквадор • Египет",
     "LOC", "Коста Рика", [], []),
    # a club named after a place is no place
    ("Выступая за клуб «Сибирь», он забил 20 голов.", "ORG", "Сибирь", [], []),
    # a place named inside an organization's name is a nested mention of it
    ("Депутаты «Единой России» поддержали законопроект.", "LOC", "Россия", [], []),
    ("Игроки ФК «Тамбов» приехали в Тамбов на матч.", "LOC", "Тамбов", [], []),
    # a place adjective, an institution noun and a word saying which one: an organization
    ("В российском министерстве финансов утверждают, что долг будет выплачен.",
     "ORG", "министерство финансов России", ["российское министерство финансов"], []),
    ("Представитель японского дипломатического ведомства вернулся в Москву.",
     "ORG", "дипломатическое ведомство Японии", ["японское дипломатическое ведомство"], []),
    # a "по"/"при" complement belongs to an organization's name
    ("Сотрудники ГУ МВД России по Москве задержали подозреваемого.",
     "ORG", "ГУ МВД России по Москве", [], []),
    ("Комитет Госдумы по делам молодежи одобрил законопроект.",
     "ORG", "Комитет Госдумы по делам молодежи", [], []),
    ("Об этом сообщил представитель Следственного комитета при прокуратуре РФ Владимир Маркин.",
     "ORG", "Следственный комитет при прокуратуре РФ", [], []),
    ("Сотрудники Министерства по чрезвычайным ситуациям прибыли на место.",
     "ORG", "Министерство по чрезвычайным ситуациям", [], []),
    # a place in brackets after an organization says where it is, it is no other name of it
    ("Федеральный суд Сан-Франциско (США) обязал компанию выплатить компенсацию.",
     "LOC", "США", [], []),
    # a plural animate noun in quotes is a name
    ("Власти Египта запретили «Братьев-мусульман».",
     "ORG", "Братья-мусульмане", [], []),
    # a common-noun abbreviation inside a longer name stays part of it
    ("Саяно-Шушенская ГЭС увеличила выработку электроэнергии.",
     "ORG", "Саяно-Шушенская ГЭС", [], []),
    ("Президент Российской Федерации подписал указ.", "LOC", "Российская Федерация", [], []),
    # an abbreviation in apposition to its descriptor is the institution's name by itself
    ("Как сообщает информационное агентство ТАСС, переговоры продолжатся. ТАСС уточняет, "
     "что делегации прибудут в понедельник.", "ORG", "ТАСС", [], []),
    ("Акции компании купил банк ВТБ.", "ORG", "ВТБ", [], []),
    # a name after a noun of a kind of place is the place, though the NER model joined it to
    # the person's name after it
    ("Замкомиссара полиции федеральной земли Саар Хьюго Мюллер заявил, что злоумышленник "
     "планировал теракт.", "LOC", "Саар", [], []),
    ("Замкомиссара полиции федеральной земли Саар Хьюго Мюллер заявил, что злоумышленник "
     "планировал теракт.", "PER", "Хьюго Мюллер", [], []),
    ("В споре победил мэр города Лужков, узнавший, как обстоит дело.", "PER", "Лужков", [], []),
    # a place ends before a preposition; the complement joins the organization before it,
    # with a second domain joined by "и"
    ("Мэри Шапиро, возглавившая Комиссию США по ценным бумагам и биржам (SEC), уходит.",
     "ORG", "Комиссия США по ценным бумагам и биржам", [], []),
    ("Бюро США по патентам и товарным знакам (USPTO) выдало разрешение компании.",
     "ORG", "Бюро США по патентам и товарным знакам", [], []),
    ("Бюро США по патентам и товарным знакам (USPTO) выдало разрешение компании.",
     "LOC", "США", [], []),
    # a Latin name in brackets after an organization's name is another name of it
    ("Немецкий автомобильный концерн «Фольксваген» (Volkswagen) планирует построить завод.",
     "ORG", "Volkswagen", [], []),
    ("Бюро США по патентам и товарным знакам (USPTO) выдало разрешение компании.",
     "ORG", "Бюро США по патентам и товарным знакам", ["USPTO"], []),
    ("Об этом сообщает Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists).",
     "ORG", "Committee to Protect Journalists", [], []),
    # a web site named as the source of a report is an organization, the medium
    ("Раймон Паулс примет участие в работе жюри конкурса, сообщает baltinfo.ru.",
     "ORG", "baltinfo.ru", [], []),
    ("«Проекты будут тиражироваться», — цитирует infox.ru директора компании.",
     "ORG", "infox.ru", [], []),
    ("Законопроект одобрили в сенате США.", "ORG", "сенат США", [], []),
    # a country's team is an organization, the country nested in it
    ("Сборная России по хоккею обыграла сборную Финляндии.", "ORG",
     "Сборная России по хоккею", [], []),
    ("Сборная России по хоккею обыграла сборную Финляндии.", "LOC", "Финляндия", [], []),
    # a "по" complement and the country after it stay in the organization's name
    ("Согласно последним данным Федерального ведомства по уголовным делам Германии, в центре "
     "внимания спецслужб находятся 450 исламистов.",
     "ORG", "Федеральное ведомство по уголовным делам Германии", [], []),
    ("В фильме снялись актеры Андрей Мерзликин и Алиса Гребенщикова.",
     "PER", "Алиса Гребенщикова", [], ["актеры"]),
]


@pytest.mark.parametrize("text, type_, name, aliases, roles", ENTITIES)
def test_entity(extract, text, type_, name, aliases, roles):
    article = extract(text)
    assert_spans_valid(article)
    found = _by_name(article)
    assert name in found, sorted(found)
    entity = found[name]
    assert entity.type == type_
    assert set(aliases) <= set(entity.aliases), entity.aliases
    assert set(roles) <= set(entity.roles), entity.roles


# sentence, a name that must NOT be an entity name, why
NOT_ENTITIES = [
    ("Встреча глав внешнеполитических ведомств РК и ЕС пройдет осенью.",
     "внешнеполитические ведомства РК", "plural institutions name no one organization"),
    ("Всемирная организация здравоохранения (ВОЗ) объявила о завершении пандемии.",
     "Всемирная организация здравоохранения (ВОЗ", "brackets split a name from its abbreviation"),
    ("Международный форум прошел в Астане.", "Международный форум",
     "capitalized only because it starts the sentence"),
    ("Министр провел совещание по развитию Транскаспийского маршрута.", "Транскаспийский",
     "an adjective describing a common noun names no place"),
    ("АО «Казатомпром» нарастило добычу урана.", "АО «Казатомпром»",
     "a legal form is not part of the name"),
    ("Космический корабль «Союз МС-25» пристыковался к МКС. Экипаж «Союза» чувствует себя "
     "хорошо.", "Союз", "a spacecraft is a product, not an organization"),
    ("Шаттл «Дискавери» завершил последний полет. После «Дискавери» в космос отправится "
     "«Индевор».", "Дискавери", "a product's later mentions are products too"),
    ("Старт «Атлантиса» перенесли: полет «Атлантис» STS-125 состоится в октябре.", "Атлантис",
     "a quoted name before a serial code is a vehicle"),
    ("Не произошло отделения приборно-агрегатного отсека (ПАО). Позже ПАО все-таки "
     "отделился.", "ПАО", "an abbreviation defined by lowercase words names a kind of thing"),
    ("Регистрация сайтов в доменной зоне .РФ началась в апреле.", "РФ",
     "a domain zone is not the country"),
    ("Следователи установили, что пострадавших отравили веществом «Новичок».", "Новичок",
     "a substance named in quotes is no organization"),
    ("По данным СМИ, в результате ДТП на трассе пострадали три человека.", "СМИ",
     "an abbreviation of a common noun names no organization"),
    ("Он окончил аспирантуру московского Института иностранных языков.",
     "московский Институт иностранных языков", "before a longer name the adjective stays out"),
    ("Он обратился в Апелляционный суд Милана по делу о мошенничестве.",
     "Апелляционный суд Милана по делу", "\"по делу\" is no part of a court's name"),
    ("Представитель МВД по телефону подтвердил задержание.", "МВД по телефону",
     "a complement that names no place or domain stays out"),
    ("Украинское правительство не раскрывает условий кредита.", "украинское правительство",
     "a country's government named by its adjective is no name"),
    ("Должны состояться очередные выборы болгарского парламента.", "очередные выборы болгарского",
     "an event's genitive tail ends on a noun"),
    ("Выборы прошли спокойно.", "Выборы", "a vote with no qualifier names no event"),
    ("Он сделал правильный выбор.", "правильный выбор", "a choice is no election"),
    ("Акции подорожали вслед за котировками акций «Порше».", "акции «Порше»",
     "shares are no campaign"),
    ("Японский МИД заявил, что визит «вызывает сожаление».", "визит «вызывает сожаление»",
     "quoted words that do not start like a name name no event"),
    ("Режиссер снимался в фильмах «Могамбо», «День памяти» и других.", "День памяти",
     "a film title in quotes is no event"),
    ("Республиканцы, получившие большинство в палате, обещали сократить расходы.",
     "Республиканцы", "a plural animate noun names people, not their party"),
    ("Америка вернется на Луну. Американцы возвращаются к простым кораблям.", "Американцы",
     "the people of a place are not the place, though the word resembles its name"),
    ("Как сообщает информационное агентство ТАСС, переговоры продолжатся.",
     "информационное агентство ТАСС", "a descriptor is no part of the name it introduces"),
    ("Мэри Шапиро, возглавившая Комиссию США по ценным бумагам и биржам, уходит.",
     "США по ценным бумагам и биржам", "a place's name holds no spaced preposition"),
    ("Заявление можно подать на сайте gosuslugi.ru до конца месяца.", "gosuslugi.ru",
     "a site named as a place on the web is no organization"),
    ("Об этом сообщается на странице newtimes.ru/articles/detail издания.", "newtimes.ru",
     "a site inside an address is no name"),
    ("Замкомиссара полиции федеральной земли Саар Хьюго Мюллер заявил об угрозе.",
     "Саар Хьюго Мюллер", "the place's name before a person's is no part of it"),
    ("Согласно данным Федерального ведомства по уголовным делам Германии, угроза растет.",
     "Федеральное ведомство", "a \"по\" complement is no separate name"),
]


@pytest.mark.parametrize("text, name, why", NOT_ENTITIES)
def test_not_entity(extract, text, name, why):
    # a control sentence: the extractor that finds nothing fails
    found = _by_name(extract(text + " Сергей Лавров прибыл в Минск."))
    assert name not in found, why
    assert {"Сергей Лавров", "Минск"} <= set(found), sorted(found)


def test_namesakes_stay_apart(extract):
    article = extract("Анна Иванова и Мария Иванова выступили на конференции. "
                      "Иванова рассказала о проекте.")
    people = [e for e in article.entities if e.type == "PER"]
    assert {"Анна Иванова", "Мария Иванова"} <= {e.name for e in people}
    # "Иванова" alone could be either of them: it joins neither
    assert not any("Иванова" in e.aliases for e in people)


def test_title_needs_one_owner(extract):
    article = extract("Посол России Алексей Иванов и посол Китая Ван Ли встретились в Минске. "
                      "Посол подчеркнул важность диалога.")
    titles = {m.text: m.rule for e in article.entities for m in e.mentions if m.kind == "title"}
    # each role written next to a name is that person's; "Посол" alone is either of them
    assert titles == {"Посол России": "title:apposition", "посол Китая": "title:apposition"}
    people = _by_name(article)
    assert people["Алексей Иванов"].roles == ["посол России"]
    assert people["Ван Ли"].roles == ["посол Китая"]


def test_singular_title_stays_with_its_name(extract):
    article = extract("Посол России Алексей Иванов и Иван Петров встретились в Минске.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert people["Алексей Иванов"].roles == ["посол России"]
    assert people["Иван Петров"].roles == []


def test_ids_follow_first_mention(extract):
    article = extract("Эмманюэль Макрон прибыл в Берлин. Макрон обсудил с Олафом Шольцем "
                      "ситуацию в ЕС.")
    assert [e.id for e in article.entities] == [f"e{i}" for i in range(1, len(article.entities) + 1)]
    starts = [min(m.start for m in e.mentions) for e in article.entities]
    assert starts == sorted(starts)
    names = [e.name for e in article.entities]
    assert names[:2] == ["Эмманюэль Макрон", "Берлин"] and "Олаф Шольц" in names


@pytest.mark.parametrize("short, full, expected", [
    ("Совбез", "Совет безопасности", True),
    ("Минобороны", "Министерство обороны", True),
    ("Нацбанк", "Национальный банк", True),
    ("Еврокомиссия", "Европейская комиссия", True),
    ("Москва", "Московская область", False),
])
def test_compound(short, full, expected):
    assert compound_of(short, full.split()) is expected


@pytest.mark.parametrize("full, short", [
    ("Министерство иностранных дел РК", "МИД РК"),
    ("Федеральная служба безопасности", "ФСБ"),
    ("Организация Объединенных Наций", "ООН"),
    ("Содружество Независимых Государств", "СНГ"),
])
def test_acronym(full, short):
    assert acronym(full) == short


def test_empty_text(extract):
    assert extract("").entities == []


def test_sample_article(sample_article):
    article = sample_article
    assert_spans_valid(article)
    by_name = _by_name(article)

    def entity(name, type_):
        assert name in by_name, sorted(by_name)
        assert by_name[name].type == type_, (name, by_name[name].type)
        return by_name[name]

    assert "посол Казахстана в Бельгии" in entity("Роман Василенко", "PER").roles
    assert "президент РК" in entity("Касым-Жомарт Токаев", "PER").roles
    assert {"ЕС", "Евросоюз"} <= set(entity("Европейский союз", "ORG").aliases)
    assert "РК" in entity("Казахстан", "LOC").aliases
    assert "МИД РК" in entity("Министерство иностранных дел РК", "ORG").aliases
    assert "Еврокомиссия" in entity("Европейская комиссия", "ORG").aliases
    for name in ("НАТО", "Европейский совет", "Sarytogan Graphite"):
        entity(name, "ORG")
    for name in ("Бельгия", "Брюссель", "Астана", "Самарканд"):
        entity(name, "LOC")
    events = [e for e in article.entities if e.type == "EVENT"]
    assert any("саммит" in e.name for e in events)
    assert not any("саммит" in e.name for e in article.entities if e.type != "EVENT")
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    for e in article.entities:
        assert "\n" not in e.name and "  " not in e.name, e.name
        for m in e.mentions:
            assert "\n" not in m.text
            if any(s <= m.start < t for s, t in paragraphs):
                assert any(s <= m.start and m.end <= t for s, t in paragraphs), m
    titles = [m for m in by_name["Роман Василенко"].mentions if m.kind == "title"]
    # "Посол" alone, and the role written before his name ("посла Казахстана в Бельгии")
    assert {m.rule for m in titles} == {"title:one-holder", "title:apposition"}
    assert all(article.text[m.start:m.end].lower() == "посол" for m in titles
               if m.rule == "title:one-holder")


# sentence, the person's nominative name: foreign names pymorphy does not know decline by the
# second declension; an undeclined consonant-final surname marks a woman
PERSON_NAMES = [
    ("По мнению политолога Томаса Хеннингсена, выборы пройдут спокойно.", "Томас Хеннингсен"),
    ("Решение не удивило бегуна Роджера Блэкча.", "Роджер Блэкч"),
    ("Глава МИД встретился с Олафом Шольцем в Берлине.", "Олаф Шольц"),
    ("По словам врача Хасана Зуабири, пострадавших доставили в больницу.", "Хасан Зуабири"),
    ("Об этом рассказала корреспондент агентства Александра Бергман.", "Александра Бергман"),
    ("Журналисты обратились к эксперту Питеру Густафссону.", "Питер Густафссон"),
    # a woman's -ов/-ин surname that pymorphy reads only as an adjective
    ("По словам Натальи Рябчиковой, решение уже принято.", "Наталья Рябчикова"),
]


@pytest.mark.parametrize("text, name", PERSON_NAMES)
def test_person_nominative(extract, text, name):
    people = [e.name for e in extract(text).entities if e.type == "PER"]
    assert name in people, people


def test_nominative_seen_in_the_text_wins(extract):
    # "Гёделя" could be "Гёдель" or "Гёдел"; the text itself says which
    article = extract("Доклад Курта Гёделя обсудили в Вене. Гёдель выступил с докладом.")
    people = [e.name for e in article.entities if e.type == "PER"]
    assert "Курт Гёдель" in people, people


def test_surname_written_as_the_womans_nominative_is_hers(extract):
    # the tagger reads the second "Диметова" as a man's genitive; the text names a woman
    article = extract("Директор гимназии Адель Диметова рассказала о поездке. «Мы спокойно "
                      "смотрим на то, что произошло», — рассказала в интервью RT Диметова. "
                      "По словам Диметовой, следствие завершено.")
    people = [e for e in article.entities if e.type == "PER"]
    assert [e.name for e in people] == ["Адель Диметова"]
    assert "Диметов" not in people[0].aliases


def test_a_mans_surname_written_otherwise_keeps_his_reading(extract):
    article = extract("Министр Олег Попов и его жена Анна Попова прибыли на прием. "
                      "Охрана встретила Попова у входа.")
    names = {m.normal for e in article.entities for m in e.mentions if m.text == "Попова"}
    assert names == {"Попов"}, names


def test_role_agrees_in_case_with_its_name(extract):
    # "президент" heads the clause, not the apposition of the instrumental name
    article = extract("Об этом заявил президент на встрече с главой Минфина Антоном Силуановым.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert people["Антон Силуанов"].roles == ["глава Минфина"]


# an organization's name with a named genitive complement, and the complement's own entity,
# whose mention lies inside the organization's mention (NEREL nests them the same way)
NESTED_NAMES = [
    ("Официальный представитель МИД РФ Мария Захарова заявила, что Россия не признает итоги.",
     "МИД РФ", "РФ", "LOC", "Россия"),
    ("Спикер Палаты представителей Конгресса США Нэнси Пелоси выступила против.",
     "Палаты представителей Конгресса США", "Конгресса США", "ORG", "Конгресс США"),
    ("Спикер Палаты представителей Конгресса США Нэнси Пелоси выступила против.",
     "Конгресса США", "США", "LOC", "США"),
    ("Сотрудник Института этнологии и антропологии РАН рассказал об экспедиции.",
     "Института этнологии и антропологии РАН", "РАН", "ORG", "РАН"),
    ("Законопроект внесли депутаты Госдумы России.", "Госдумы России", "России", "LOC", "Россия"),
    ("Депутаты Законодательного собрания Приморского края одобрили бюджет.",
     "Законодательного собрания Приморского края", "Приморского края", "LOC", "Приморский край"),
]


@pytest.mark.parametrize("text, outer, inner, type_, name", NESTED_NAMES)
def test_named_complement_is_a_nested_mention(extract, text, outer, inner, type_, name):
    article = extract(text)
    assert_spans_valid(article)
    spans = [(m.start, m.end, e) for e in article.entities for m in e.mentions]
    outer_span = next((s, t) for s, t, e in spans if text[s:t] == outer and e.type == "ORG")
    nested = [e for s, t, e in spans if text[s:t] == inner and e.name == name
              and outer_span[0] <= s and t <= outer_span[1] and (s, t) != outer_span]
    assert nested and nested[0].type == type_, [(text[s:t], e.name) for s, t, e in spans]
    # mentions nest or stay apart, they never partly overlap
    for s1, t1, _ in spans:
        for s2, t2, _ in spans:
            assert t1 <= s2 or t2 <= s1 or (s1 <= s2 and t2 <= t1) or (s2 <= s1 and t1 <= t2)


# Linking: one entity per real thing. Sentence, type, the entity's name, aliases it must have.
LINKED = [
    ("Председатель Госдумы Грызлов Борис Вячеславович открыл заседание. Борис Грызлов "
     "напомнил о повестке.", "PER", "Грызлов Борис Вячеславович", ["Борис Грызлов"]),
    ("Геннадий Зюганов выступил в Госдуме. Геннадий Андреевич напомнил о законе.",
     "PER", "Геннадий Зюганов", ["Геннадий Андреевич"]),
    ("Фигуристка Юлия Липницкая завершила карьеру. Юля призналась, что устала.",
     "PER", "Юлия Липницкая", ["Юля"]),
    ("Американский хип-хоп-исполнитель Шон Картер, известный как Джей Зи, сменил псевдоним.",
     "PER", "Шон Картер", ["Джей Зи"]),
    ("Административный суд Кёльна отклонил иск. Суд Кёльна указал, что оснований нет.",
     "ORG", "Административный суд Кёльна", ["Суд Кёльна"]),
    ("Комиссия по ценным бумагам и биржам США начала проверку компании. Представители "
     "Комиссии потребовали документы.", "ORG", "Комиссия по ценным бумагам и биржам США",
     ["Комиссия"]),
    ("Совет безопасности РФ провел заседание. Секретарь Совета безопасности России "
     "выступил с докладом.", "ORG", "Совет безопасности России", ["Совет безопасности РФ"]),
    ("В переговорах участвовали Республика Куба и Венесуэла. Куба настаивает на снятии "
     # the country's common name is canonical, so every article's Куба is one corpus entity
     "блокады.", "LOC", "Куба", ["Республика Куба"]),
    ("Генсек Организации Договора о коллективной безопасности — ОДКБ — прибыл в Ереван.",
     "ORG", "Организация Договора о коллективной безопасности", ["ОДКБ"]),
    ("Генассамблея Организации Объединённых Наций (ООН) приняла резолюцию.",
     "ORG", "Организация Объединённых Наций", ["ООН"]),
    # no table lists these: the text defines them
    ("Ассоциация производителей мебели (АПМ) сообщила о росте продаж. По мнению АПМ, рынок "
     "вырастет.", "ORG", "Ассоциация производителей мебели", ["АПМ"]),
    ("Глава Национального агентства по развитию туризма — НАРТ — выступил на форуме. В НАРТ "
     "считают, что сезон будет удачным.",
     "ORG", "Национальное агентство по развитию туризма", ["НАРТ"]),
]


@pytest.mark.parametrize("text, type_, name, aliases", LINKED)
def test_linked(extract, text, type_, name, aliases):
    article = extract(text)
    assert_spans_valid(article)
    found = _by_name(article)
    assert name in found, sorted(found)
    assert found[name].type == type_
    assert set(aliases) <= set(found[name].aliases), found[name].aliases


# Sentence, two names that must stay two entities, why
NOT_LINKED = [
    ("Сергей Иванов и Сергей Лукашевич подписали соглашение. Сергей Лукашевич отметил его "
     "значение.", "Сергей Иванов", "Сергей Лукашевич", "a surname in -вич is no patronymic"),
    ("Джордж Буш-старший поздравил сына. Джордж Буш-младший поблагодарил отца.",
     "Джордж Буш-старший", "Джордж Буш-младший", "father and son share the name"),
    ("Джордж Герберт Уокер Буш умер в Хьюстоне. Джордж Буш-старший был 41-м президентом. "
     "Его сын Джордж Буш-младший выступил на похоронах.",
     "Джордж Герберт Уокер Буш", "Джордж Буш-младший", "the father's full name is not the son's"),
    ("«Газпром» и «Газпром нефть» подписали договор. «Газпром нефть» получит лицензию.",
     "Газпром", "Газпром нефть", "a company is not its subsidiary"),
]


@pytest.mark.parametrize("text, first, second, why", NOT_LINKED)
def test_not_linked(extract, text, first, second, why):
    entities = extract(text).entities
    holding = [e for e in entities if {first, second} & {e.name, *e.aliases}]
    assert not any({first, second} <= {e.name, *e.aliases} for e in holding), why
    assert {first, second} <= {name for e in holding for name in (e.name, *e.aliases)}, \
        "both were found"


@pytest.mark.parametrize("short, full, expected", [
    ("Борис Грызлов", "Грызлов Борис Вячеславович", True),
    ("А. В. Дворкович", "Аркадий Дворкович", True),
    ("Фидель Кастро", "Фидель Алехандро Кастро Рус", True),
    ("Дмитрий Анатольевич", "Дмитрий Анатольевич Аленичев", True),
    ("Буффье", "Фолькер Буфье", True),
    ("Бадди Макгирт", "Джеймс «Бадди» Макгирт", True),
    ("Иван Петров", "Иван Петрович Сидоров", False),
    ("Рафаэль Корреа", "Рафаэль Корреа Эдвард Сноуден", False),
    ("Сергей Лукашевич", "Сергей Иванов", False),
])
def test_person_name_fits(short, full, expected, models):
    from svodka.extractors.entities.people import fits, words_of
    assert fits(words_of(short), words_of(full), models.morph) is expected


def test_half_inflected_name_finds_its_alias(models):
    from svodka.extractors.entities.canonical import known_loosely, with_canonical_place
    assert known_loosely("Соединённых Штаты").canonical == "США"
    assert with_canonical_place("Совет Безопасности Российской Федерации", models.morph) == \
        "Совет Безопасности России"


def test_lone_head_noun_is_the_abbreviated_organization(models):
    from svodka.extractors.entities.linking import Named, link
    mentions = [Named(0, 6, "МАГАТЭ", "МАГАТЭ", "ORG"),
                Named(40, 49, "Агентства", "Агентство", "ORG")]
    assert link(mentions, models.morph) == [[0, 1]]


@pytest.mark.parametrize("latin, cyrillic_name", [
    ("Twitter", "Твиттер"), ("Clarin", "Кларин"), ("Burger King", "Бургер Кинг"),
])
def test_latin_name_is_its_cyrillic_spelling(latin, cyrillic_name, models):
    from svodka.extractors.entities.linking import Named, link
    mentions = [Named(0, len(cyrillic_name), cyrillic_name, cyrillic_name, "ORG"),
                Named(40, 40 + len(latin), latin, latin, "ORG"),
                Named(60, 66, "Google", "Google", "ORG")]
    assert link(mentions, models.morph) == [[0, 1], [2]]


def test_age_is_no_name_word():
    from svodka.extractors.entities.people import words_of
    assert words_of("56-летний С.Джобс") == ["с", "джобс"]


def test_lone_surname_typed_place_is_the_person(models):
    from svodka.extractors.entities.linking import Named
    from svodka.extractors.entities.people import retype_surnames
    mentions = [Named(0, 12, "Билл Клинтон", "Билл Клинтон", "PER"),
                Named(30, 38, "Клинтона", "Клинтона", "LOC"),
                Named(50, 58, "Арсенала", "Арсенал", "ORG"),
                Named(60, 71, "Арсен Венгер", "Арсен Венгер", "PER")]
    retype_surnames(mentions, models.morph)
    assert [m.type for m in mentions] == ["PER", "PER", "ORG", "PER"]


# Roles: sentence, the person, roles that must be there, roles that must not
ROLES = [
    ("Адвокат Александра Кокорина Андрей Ромашов прокомментировал приговор суда.",
     "Андрей Ромашов", ["адвокат Александра Кокорина"], []),
    ("Адвокат Александра Кокорина Андрей Ромашов прокомментировал приговор суда.",
     "Александр Кокорин", [], ["адвокат"]),
    ("Главный редактор радиостанции «Говорит Москва» Сергей Доренко выступил в эфире.",
     "Сергей Доренко", ["главный редактор радиостанции «Говорит Москва»"], []),
    ("Томас Шефер (Thomas Schäfer), министр финансов земли Гессен, покончил с собой.",
     "Томас Шефер", ["министр финансов земли Гессен"], []),
    ("Авторы законопроекта — Андрей Клишас, глава комитета Совета Федерации; Людмила Бокова, "
     "первый заместитель Клишаса.", "Андрей Клишас", ["глава комитета Совета Федерации"],
     ["первый заместитель"]),
    ("Авторы законопроекта — Андрей Клишас, глава комитета Совета Федерации; Людмила Бокова, "
     "первый заместитель Клишаса.", "Людмила Бокова", ["первый заместитель Клишаса"], []),
    ("Новым руководителем Роскосмоса назначен Владимир Поповкин.",
     "Владимир Поповкин", ["новый руководитель Роскосмоса"], []),
    ("Главой Малави стала вице-президент Джойс Банда.",
     "Джойс Банда", ["глава Малави", "вице-президент"], []),
    ("Юкия Амано родился в Японии. В 2005 году он был назначен послом Японии в МАГАТЭ.",
     "Юкия Амано", ["посол Японии в МАГАТЭ"], []),
    ("Виктор Иванов окончил институт в 1975 году. Он стал генералом, работал министром обороны.",
     "Виктор Иванов", ["генерал", "министр обороны"], []),
    ("Алла Пугачёва выпустила новый альбом. 75-летняя певица сообщила об этом в своем "
     "Instagram.", "Алла Пугачёва", ["певица"], []),
    ("Иван Петров подал иск к редакции. Его адвокат заявил, что суд назначен на май.",
     "Иван Петров", [], ["адвокат"]),
    ("Иван Петров встретился с министром финансов в Москве.", "Иван Петров", [],
     ["министр финансов"]),
]


@pytest.mark.parametrize("text, name, roles, not_roles", ROLES)
def test_roles(extract, text, name, roles, not_roles):
    people = {e.name: e for e in extract(text).entities if e.type == "PER"}
    assert name in people, sorted(people)
    assert set(roles) <= set(people[name].roles), people[name].roles
    assert not set(not_roles) & set(people[name].roles), people[name].roles


def test_list_after_bracket_shares_the_plural_title(extract):
    article = extract("В Москве выступили легендарные музыканты Юрий Царёв (проект «Метро»), "
                      "Алексей Борисов и Павел Шевелёв.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert "легендарные музыканты" in people["Алексей Борисов"].roles, people


def test_second_subject_shares_the_predicate(extract):
    article = extract("Операторами выступили Михаил Агранович и Михаил Хасая.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert "операторы" in people["Михаил Хасая"].roles, people


def test_lone_office_is_not_the_main_persons_role(extract):
    # "президент" is the country's president, not the minister the article is about
    article = extract("Госсекретарь Джон Керри прибыл в Каир. Джон Керри встретился с "
                      "оппозицией. Президент пообещал ему поддержку.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert "президент" not in people["Джон Керри"].roles, people["Джон Керри"].roles


def test_title_outside_the_subject_gives_a_role_and_a_mention(extract):
    # the person in focus is the footballer; "футболиста" is no subject, so no rule links it:
    # the descriptions' ranker does since it reads what the noun means (seventh session; its
    # score was 0.63, under the threshold, before) — a title mention of his, and his role
    article = extract("Генрих Мхитарян перешёл в «Рому». Генрих Мхитарян забил два гола в "
                      "первом матче. После игры у футболиста диагностировали травму колена.")
    person = _by_name(article)["Генрих Мхитарян"]
    assert "футболист" in person.roles
    assert [m.text for m in person.mentions if m.kind == "title"] == ["футболиста"]
    assert [e.name for e in article.entities if e.type == "PER"] == ["Генрих Мхитарян"]


# Names normalized from context. Sentences from ng_1 and russia_today_0/2 articles of
# ../shared/data/news; each row: text, type, names that must be there, names that must not.
NAME_FORMS = [
    # adjectives sharing one plural noun: each names a place of its own, noun in the singular
    ("Украинские эксперты поясняют, что эта администрация должна будет выполнять функции власти "
     "на время до полного урегулирования, избрания новой власти в Донецкой и Луганской областях.",
     "LOC", ["Донецкая область", "Луганская область"], ["Донецкая", "Луганская области"]),
    ("Он совершал разведывательный полет над территорией Гальского и Очамчирского районов.",
     "LOC", ["Гальский район", "Очамчирский район"], ["Очамчирский районы"]),
    ("Зимой 1987 года из Кафанского и Мегринского районов Армянской ССР потянулись первые "
     "беженцы-азербайджанцы.", "LOC", ["Кафанский район", "Мегринский район", "Армянская ССР"],
     ["Кафанский", "Мегринский районы"]),
    ("В июле Центробанку предложили разрешить хождение и обмен криптовалют в Кингисеппском, "
     "Сланцевском и Выборгском районах Ленинградской области.", "LOC",
     ["Кингисеппский район", "Сланцевский район", "Выборгский район", "Ленинградская область"],
     ["Выборгский районы"]),
    # a place with its own noun is left as it is
    ("Следует создавать региональные свободные экономические зоны в Приморье, Магаданской "
     "области, Мурманской и Калининградской областях.", "LOC",
     ["Магаданская область", "Мурманская область", "Калининградская область"], []),
    # a foreign woman's consonant-final first name does not decline: no genitive plural
    ("Или шотландская перкуссионистка Эвелин Гленни, у нее 3% слуха, поскольку она довольно "
     "поздно начала заниматься музыкой.", "PER", ["Эвелин Гленни"], ["Эвелина Гленни"]),
    ("В ее состав вошли и две жертвы насилия – ирландка Мэри Коллинз и британец Питер Сондерс.",
     "PER", ["Мэри Коллинз", "Питер Сондерс"], []),
    # a woman's surname stays feminine when a feminine noun she stands by agrees
    ("Приглашения на выборы разместили в соцсетях, например, олимпийская чемпионка Светлана "
     "Журова, четырехкратный олимпийский чемпион Алексей Немов и двукратная серебряная "
     "медалистка Олимпиады в Пхенчхане Евгения Медведева.", "PER",
     ["Евгения Медведева", "Светлана Журова", "Алексей Немов"], ["Евгений Медведев"]),
    # ... and a man's stays masculine
    ("Премьер Дмитрий Медведев подписал решение о присвоении статуса ТОР еще девятнадцати "
     "моногородам.", "PER", ["Дмитрий Медведев"], ["Дмитрий Медведева"]),
]


@pytest.mark.parametrize("text, type_, names, not_names", NAME_FORMS)
def test_name_forms(extract, text, type_, names, not_names):
    found = {e.name for e in extract(text).entities if e.type == type_}
    for name in names:
        assert name in found, f"{name!r} not in {found}"
    for name in not_names:
        assert name not in found, f"{name!r} in {found}"
