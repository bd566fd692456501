"""One entity per person or place, whatever case the text writes it in (issue 15).

Sentences from unseen russia_today_3 and ng_0 articles an analyst read (the findings of the
fourth session's closing note): case forms of foreign names as entities of their own, a short
form apart from the full name, an outlet told taken into a name, bad nominatives, words that
are no names. Each table says what must be found, and what must not."""
from __future__ import annotations

import pytest

from conftest import entity_names


# sentences, type, the one entity's name, the words (as written) all its mentions hold
ONE_ENTITY = [
    # an unknown place in the locative, left as written once and declined once
    ("Волны были зарегистрированы двумя детекторами LIGO, которые расположены в городе "
     "Ливингстоне штата Луизиана и городе Хэнфорде штата Вашингтон. Детектор в Ливингстоне "
     "записал событие на 1,1 миллисекунды раньше детектора в Хэнфорде.",
     "LOC", "Ливингстон", ["Ливингстоне", "Ливингстоне"]),
    ("Волны были зарегистрированы двумя детекторами LIGO, которые расположены в городе "
     "Ливингстоне штата Луизиана и городе Хэнфорде штата Вашингтон. Детектор в Ливингстоне "
     "записал событие на 1,1 миллисекунды раньше детектора в Хэнфорде.",
     "LOC", "Хэнфорд", ["Хэнфорде", "Хэнфорде"]),
    # a known place the tagger left in the genitive once
    # (as the article is laid out: a paragraph opening with it, which no listed name reads)
    ("«Первопричины «арабской весны» были обусловлены появившимся у \nСША\n и Саудовской "
     "Аравии стремлением добиться смены режимов. Саудовская Аравия хотела свергнуть светские "
     "режимы, такие как сирийский и ливийский.",
     "LOC", "Саудовская Аравия", ["Саудовской Аравии", "Саудовская Аравия"]),
    # a plural place name in the dative read as a singular "Афина"
    ("Но дефолт, которым пугали последние недели, ни в Афинах, ни в Брюсселе пока не объявлен. "
     "Он рекомендовал выработать некий «прагматический компромисс», который позволил бы "
     "Афинам оставаться членом еврозоны. Генсек альянса Йенс Столтенберг вчера категорически "
     "предупредил Афины.",
     "LOC", "Афины", ["Афинах", "Афинам", "Афины"]),
    # a place of two words written in three cases, each normalized alone (russia_today_3)
    ("В ведомстве полагают, что наступление было инициировано американскими спецслужбами, "
     "которые намеревались остановить продвижение сирийских правительственных войск к востоку "
     "от Дейр эз-Зора. Одновременно с правительственными силами на Дейр эз-Зор наступают "
     "курдские формирования, поддерживаемые американской коалицией.",
     "LOC", "Дейр эз-Зор", ["Дейр эз-Зора", "Дейр эз-Зор"]),
    # a quoted organization in the accusative beside its nominative (ng_1)
    ("В последние дни в США царит террористический психоз, связанный с появлением новых данных "
     "о готовящихся атаках \"Аль-Каиды\" против стратегических объектов. Саудовские власти "
     "назвали происшедшее терактом и обвинили в его организации \"Аль-Каиду\". Как сообщило "
     "в пятницу Министерство внутренней безопасности, \"Аль-Каида\" планирует теракты.",
     "ORG", "Аль-Каида", ["Аль-Каиды", "Аль-Каиду", "Аль-Каида"]),
    # a quoted TV channel whose genitive pymorphy also reads as a feminine nominative (ng_1)
    ("Министр решил изменить судьбу еще одного телеканала – «Хабар», 50% которого принадлежит "
     "государству и столько же – частным акционерам. Правда, после избрания в парламент она "
     "ушла с «Хабара».", "ORG", "Хабар", ["Хабар", "Хабара"]),
    # one written form the normalizer read two ways: a genitive tail stays genitive, an
    # undeclined club name stays as written (russia_today_3)
    ("В частности, 26 февраля в махинациях были заподозрены сотрудники Управления уголовного "
     "розыска МВД республики. По некоторым данным, одним из фигурантов является начальник "
     "отдела по борьбе с организованной преступностью Управления уголовного розыска МВД "
     "полковник полиции Хайбула Ибнухаджаров.",
     "ORG", "Управление уголовного розыска МВД",
     ["Управления уголовного розыска МВД", "Управления уголовного розыска МВД"]),
    ("А во второй 20-минутке «Флайерз» забросили две шайбы. Россиянин вновь получил самое "
     "большое среди полевых игроков «Флайерз» игровое время.",
     "ORG", "Флайерз", ["Флайерз", "Флайерз"]),
    # a lone surname and the full name; an outlet told after the cue is no part of the name
    ("О проваленном допинг-тесте первым сообщил президент Всемирного боксёрского совета (WBC) "
     "Маурисио Сулейман, чья организация разыгрывала в поединке Поветкина и Стиверна титул "
     "временного чемпиона. Чуть позже Сулейман добавил, что его организация официально "
     "лишает поединок в Екатеринбурге статуса титульного. «Мы проведём расследование, "
     "соберём воедино все факты, пройдёт слушание и будет вынесено решение», — сказал "
     "Сулейман Р-Спорту.",
     "PER", "Маурисио Сулейман", ["Маурисио Сулейман", "Сулейман", "Сулейман"]),
    # sixth session (docs/analyst-read-2026-12d.md, rt1-0509): a stable short name in the alias
    # table joins the abbreviation
    ("Инвесторы ждут заседания ФРС США. Участники рынка уверены в решениях Федрезерва, "
     "поскольку статистика не даёт ФРС возможности ослабить политику.",
     "ORG", "ФРС США", ["ФРС США", "Федрезерва", "ФРС"]),
    # (rt1-0920) initials spelled out in Cyrillic are the first names they stand for
    ("Режиссёром фильма остался срежиссировавший VII эпизод Джеффри Джейкоб Абрамс. Как "
     "Абрамс объяснит исчезновение героини, пока неизвестно. Перед Джей Джей Абрамсом стояла "
     "сложная задача.",
     "PER", "Джеффри Джейкоб Абрамс", ["Джеффри Джейкоб Абрамс", "Абрамс", "Джей Джей Абрамсом"]),
    # a foreign name of two words declined in its last, hyphenated part: four cases, one
    # organization in the nominative (docs/analyst-read-2026-12e.md, rt2-0375)
    ("Он также ответил на вопрос, борются ли США и коалиция с «Джабхат ан-Нусрой». Такое "
     "заявление спикер Госдепартамента сделал через несколько часов после того, как стало "
     "известно об обстреле снайперами группировок «Джабхат ан-Нусра» и «Ахрар аш-Шам» "
     "гуманитарных коридоров в Алеппо. Договорённости предусматривали планирование совместных "
     "ударов по объектам «Джабхат ан-Нусры» и ИГ. Между тем американские ВВС так и не начали "
     "наносить удары по «Джабхат ан-Нусре».",
     "ORG", "Джабхат ан-Нусра",
     ["Джабхат ан-Нусрой", "Джабхат ан-Нусра", "Джабхат ан-Нусры", "Джабхат ан-Нусре"]),
    # a post's caption quoted in the article tags names as hashtags (rt1-0355, analyst read
    # 2026-12f): the sign is no part of the name
    ("Ирина Старых выиграла гонку преследования на чемпионате Европы.\n\nРезультаты женского "
     "пасьюта: 1. Ирина #Старых #Россия 2. Юлия #Джима #Украина",
     "PER", "Ирина Старых", ["Ирина Старых", "Ирина #Старых"]),
    # a place's case form that the tagger took for a person takes the place's type and joins
    # it (analyst read 2026-12g: ng1-0502)
    ("Дамаск направил добровольцев в Африн. Можно сказать, что сирийско-турецкая война уже "
     "началась. Видимо, Дамаску сейчас предписано не заботиться об Африне, а решать проблему "
     "в Восточной Гуте.",
     "LOC", "Африн", ["Африн", "Африне"]),
]


@pytest.mark.parametrize("text, type_, name, written", ONE_ENTITY)
def test_one_entity_in_every_case(extract, text, type_, name, written):
    article = extract(text)
    holding = [e for e in article.entities
               if any(m.kind == "name" and m.text in written for m in e.mentions)]
    assert [e.name for e in holding] == [name], [(e.type, e.name) for e in holding]
    texts = sorted(m.text for m in holding[0].mentions if m.kind == "name")
    assert texts == sorted(written)
    assert holding[0].type == type_


# sentence, type, names that must be found, names that must not
NAME_FORMS = [
    # a foreign surname pymorphy knows only as a common noun in another case ("пенса")
    ("Трамп в них представал растерянным временщиком, пытающимся свалить свои обязанности на "
     "вице-президента Майка Пенса, хамящего по телефону мировым лидерам.",
     "PER", ["Майк Пенс"], ["Майк Пенса"]),
    # a foreign surname of the adjectival kind (russia_today_3)
    ("Согласно этим записям, в кабине самолёта президента Польши Леха Качиньского в момент "
     "авиакатастрофы находились посторонние. Россия ответила на запрос по делу самолёта "
     "Качиньского.", "PER", ["Лех Качиньский"], ["Лех Качиньского"]),
    # a foreign first name only ever written in the genitive
    ("Берлинский фестиваль открылся конкурсным \"Островом собак\" Уэса Андерсона - "
     "мультипликационной социальной сказкой про говорящих собак. По большому счету, все "
     "фильмы Уэса Андерсона выглядят слегка мультяшными.",
     "PER", ["Уэс Андерсон"], ["Уэса Андерсон"]),
    # a woman's first name in -а is her nominative ("она", "не согласна")
    ("Однако третий участник дискуссии, Рэнда Слим, не согласна со своими коллегами. Она "
     "считает, что ситуация сложилась в результате переворотов.",
     "PER", ["Рэнда Слим"], ["Рэнд Слим"]),
    # an abbreviated word inside a name is written as it is
    ("Волны были зарегистрированы двумя детекторами LIGO, следует из сообщения пресс-службы "
     "МГУ им. М.В. Ломоносова.",
     "ORG", ["МГУ им. М.В. Ломоносова"], ["МГУ имя. М.В. Ломоносова"]),
    # beside an undeclined or unknown first name, a surname that pymorphy knows only as an
    # inanimate common noun ("драга", "орган") is a foreign name (rt1-0509, rt1-0920) ...
    ("Такой сигнал был получен после выступления Марио Драги в июне по итогам заседания "
     "европейского регулятора.",
     "PER", ["Марио Драги"], ["Марио Драга"]),
    ("Бойцы Сопротивления под командованием принцессы Леи Органы противостоят флоту. В фильме "
     "появляются Люк Скайуокер, Лея Органа и Чубакка.",
     "PER", ["Лея Органа"], ["Лея Органы", "Лея Орган"]),
    # ... but after a declined Russian first name it is that noun's case
    ("Суд вынес приговор по делу Александра Мороза. Об этом сообщил Александр Мороз.",
     "PER", ["Александр Мороз"], ["Александр Мороза"]),
    # a dative the tagger read as a nominative, beside the nominative the text writes
    # (ng0-0631)
    ("Два болида Sauber показали время в первой десятке, однако Маркус Эрикссон помешал Нико "
     "Хюлькенбергу (Force India) пройти быстрый круг, что было замечено маршалами. Тем не "
     "менее, Нико справился с задачей и прошел в следующий сегмент с пятого места. В третьей "
     "части Нико Хюлькенберг остановился на въезде на пит-лейн из-за проблем с двигателем "
     "Mercedes.",
     "PER", ["Нико Хюлькенберг"], ["Нико Хюлькенбергу"]),
    # a first name pymorphy knows in the singular only as a genitive, tagged a nominative
    # before an undeclined surname (rt2-0653)
    ("По словам вице-премьера по вопросам евроинтеграции Иванны Климпуш-Цинцадзе, план "
     "реализации соглашения об ассоциации Украины с ЕС предусматривает проведение 2000 "
     "мероприятий и выполнение 5000 задач.",
     "PER", ["Иванна Климпуш-Цинцадзе"], ["Иванны Климпуш-Цинцадзе"]),
    # a superlative keeps its own stem in the nominative: pymorphy's lexeme of "высокий" holds
    # "высшая" and "высочайшая" under one tag (analyst read 2026-12f: ng1-0040, rt1-0645)
    ("На конференции выступила студентка Высшей школы экономики.",
     "ORG", ["Высшая школа экономики"], ["Высочайшая школа экономики"]),
    ("Законопроект о санкциях внесут в высшую палату конгресса США на следующей неделе.",
     "ORG", ["высшая палата конгресса США"], ["высочайшая палата конгресса США"]),
    # an organization's name in the accusative that pymorphy does not know: a first-declension
    # noun, whose accusative alone ends in -у (analyst read 2026-12g: ng1-0502)
    ("Врагами Иерусалима являются шиитские и алавитские военизированные формирования, "
     "включая разношерстное проиранское ополчение, «Хезболлу» и Вооруженные силы Дамаска.",
     "ORG", ["Хезболла"], ["Хезболлу"]),
    # a head word the tagger read in a case pymorphy has no reading for, and a noun the parser
    # hung on a foreign article (rt3-0197)
    ("Жозе Моуринью возглавлял ведущие мировые футбольные клубы в испанской Ла Лиге («Реал "
     "Мадрид»), английской Премьер-лиге («Челси»), итальянской Серии А («Интер») и "
     "португальской Примейра-лиге («Порту»).",
     "ORG", ["Ла Лига", "португальская Примейра-лига"], ["Ла Лиге", "португальская Примейра-лиге"]),
]


@pytest.mark.parametrize("text, type_, names, not_names", NAME_FORMS)
def test_name_forms(extract, text, type_, names, not_names):
    found = entity_names(extract(text), type_)
    for name in names:
        assert name in found, f"{name!r} not in {found}"
    for name in not_names:
        assert name not in found, f"{name!r} in {found}"


# sentence, a name that must be found, a word that is no name of a person or a place, why
NOT_NAMES = [
    ("Новая работа - полноценное кино Уэса Андерсона, ничем не уступающее его игровым "
     "картинам. Поделенная, как любит режиссер, на главы, состоящая из геометрически "
     "выстроенных кадров, она раскрашена в смелые цвета.",
     "Уэс Андерсон", "Поделенная", "a participle opening a sentence"),
    ("Пикеты были приурочены к годовщинам создания этой зоны 9 марта 1945 года и открытия "
     "9 марта 2013 года малой планеты, названной Пулкова. На набережной Невы были установлены "
     "телескопы.",
     "Нева", "Пулкова", "what a thing is named is no person"),
    ("Хоакин Феникс получил приз за лучшую мужскую роль. Джо (Феникс) живет с мамой и "
     "работает киллером. Этот образ «сидит» на Фениксе как влитой.",
     "Хоакин Феникс", "Феникс", "the actor's surname is no place"),
    # vehicles, models and fish are no people or places (docs/analyst-read-2026-12d.md)
    ("В Балтийском море заметили атомную подлодку «Дмитрий Донской». Подлодка «Дмитрий "
     "Донской» прошла проливы. Командир корабля Иван Петров сообщил об этом.",
     "Иван Петров", "Дмитрий Донской", "a submarine is no person"),
    ("Самолеты Ту-154 и Ту-134 вылетели из Москвы. Пилот Ту-134 Сергей Иванов доложил о "
     "посадке.", "Сергей Иванов", "Ту-134", "an aircraft model is no person"),
    ("Самолеты Ту-154 и Ту-134 вылетели из Москвы. Пилот Ту-134 Сергей Иванов доложил о "
     "посадке.", "Москва", "Ту-154", "an aircraft model is no place"),
    ("Селедка подорожала. Россияне стали есть меньше селедки, а минтая и трески — больше. "
     "Глава Рыбного союза Александр Шестаков считает, что селедку вытеснил Минтай.",
     "Александр Шестаков", "Селедка", "a fish the text also writes in lowercase"),
    ("Селедка подорожала. Россияне стали есть меньше селедки, а минтая и трески — больше. "
     "Минтай подешевел, считает глава Рыбного союза Александр Шестаков.",
     "Александр Шестаков", "Минтай", "a fish the text also writes in lowercase"),
]


def test_film_is_no_organization(extract):
    # a work named in quotes after "фильм" is neither an organization nor its director's
    article = extract("В прокат вышел фильм «Движение вверх» режиссера Антона Мегердичева. "
                      "Фильм «Движение вверх» собрал миллиард.")
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert "Антон Мегердичев" in people, sorted(people)
    assert not [e for e in article.entities if "Движение" in e.name]


# a verse, its lines capitalized (ng1-0825, analyst read 2026-12g): the words opening its
# lines that pymorphy knows only as common words are no names; "Ракка", a place, is one
VERSE = ("В моей среде плыть тяжело:\nКислотно, смрадно, грустно.\nНо есть миры, где правит\n"
         "кайф\nИз квашеной капусты.\nТам Русь смеется широко,\nЦелуются взасос.\n"
         "Свобода – ценность не для всех.\nПонятнее – застенок.\nИнфарктом строится успех\n"
         "Поднявшихся с коленок.\nИ поколенье молодых\nС презрением взирает\n"
         "На пап и мам, и всех блатных\nПриспособленцев в латах.\nИ хочется их всех послать,\n"
         "Залечь в берлогу пандой.\nЖизнь удивила нас опять:\nФалуджа, бомбы, Ракка.\n"
         "А мы, как раки, лезем вспять\nИ избегаем драки.")


def test_words_opening_verse_lines_are_no_names(extract):
    article = extract(VERSE)
    found = {(e.type, e.name) for e in article.entities}
    assert ("LOC", "Ракка") in found, found
    wrong = {name for _, name in found} & {"Кислотно", "Инфаркт", "Инфарктом", "Приспособленец",
                                            "Приспособленцев", "Залечь"}
    assert not wrong, found


@pytest.mark.parametrize("text, name, word, why", NOT_NAMES)
def test_not_a_name(extract, text, name, word, why):
    article = extract(text)
    found = {e.name for e in article.entities}
    assert name in found, f"{name!r} not in {found}"
    wrong = [e for e in article.entities if e.name == word and e.type in ("PER", "LOC")
             and not any(m.text.startswith(name.split()[0]) for m in e.mentions)]
    assert not wrong, why


# sentences, two people that must stay two entities, why
TWO_PEOPLE = [
    ("Министр финансов Антон Силуанов выступил в Думе. Его брат Михаил Силуанов работает в "
     "банке. Силуанов добавил, что бюджет будет исполнен.",
     "Антон Силуанов", "Михаил Силуанов", "a lone surname two people share joins neither"),
    ("Александр Петров и Александра Петрова приехали на фестиваль. Позже Александр Петров "
     "дал интервью, а Александра Петрова отказалась от встречи.",
     "Александр Петров", "Александра Петрова", "a man's and a woman's name are two people"),
    ("В Ливингстоне прошла встреча с Кеном Ливингстоном. Кен Ливингстон рассказал о своих "
     "планах.",
     "Кен Ливингстон", "Ливингстон", "a place and a person of one stem stay apart"),
    # names whose other words agree and whose last words are no forms of one word
    ("Джон Керри встретился с Джоном Керриганом. Джон Керриган сказал, что Джон Керри прав.",
     "Джон Керри", "Джон Керриган", "two surnames of one beginning are two people"),
    ("Нико Росберг поздравил отца. Кеке Росбергу исполнилось 70 лет, и Нико Росбергу "
     "вручили кубок.",
     "Нико Росберг", "Кеке Росберг", "a father and a son share a foreign surname"),
    ("Группировки «Джейш аль-Ислам» и «Джейш аль-Фатх» воюют в Идлибе. Боевики «Джейш "
     "аль-Фатха» отступили, а «Джейш аль-Ислама» наступают.",
     "Джейш аль-Ислам", "Джейш аль-Фатх", "two organizations differing in their last word"),
]


# two organizations of one abbreviation: the alias table gives "ЕС" to Евросоюз, so the
# Council whose initials it also spells stays apart (ng_1)
def test_listed_abbreviation_names_what_the_table_says(extract):
    text = ("Заседание Европейского совета прошло в Брюсселе. Лидеры ЕС договорились о "
            "санкциях. Евросоюз введёт их с марта.")
    orgs = {e.name: e for e in extract(text).entities if e.type == "ORG"}
    assert "Европейский совет" in orgs and "Евросоюз" in orgs, list(orgs)
    assert "ЕС" in orgs["Евросоюз"].aliases
    assert "ЕС" not in orgs["Европейский совет"].aliases


# a part and who plays it (film reviews of ng_0): the bracketed name is the actor's
PARTS = [
    ("Но пилот-экстремал Миша, научный сотрудник Света (Карина Андоленко), солдат в юбке Саша "
     "(Настасья Самбурская), качок-тормоз Егор (Михаил Тарабукин) и сексуально озабоченный "
     "врач Стас (Борис Дергачев) надеются обойти профессионалов из команды «А».",
     "Настасья Самбурская", "Саша", "солдат"),
    ("Но пилот-экстремал Миша, научный сотрудник Света (Карина Андоленко), солдат в юбке Саша "
     "(Настасья Самбурская), качок-тормоз Егор (Михаил Тарабукин) и сексуально озабоченный "
     "врач Стас (Борис Дергачев) надеются обойти профессионалов из команды «А».",
     "Борис Дергачев", "Стас", "врач"),
]


@pytest.mark.parametrize("text, actor, part, title", PARTS)
def test_actor_is_not_the_part(extract, text, actor, part, title):
    people = {e.name: e for e in extract(text).entities if e.type == "PER"}
    assert actor in people and part in people, list(people)
    assert title not in people[actor].roles, people[actor].roles
    assert title in people[part].roles, people[part].roles


# a nickname in brackets after the full name is the same person
def test_nickname_in_brackets_is_the_person(extract):
    text = ("Лидер «Ночных волков» Александр Залдостанов (Хирург) рассказал о проекте. "
            "Залдостанов добавил, что лагерь откроется летом.")
    people = [e for e in extract(text).entities if e.type == "PER"]
    assert [e.name for e in people] == ["Александр Залдостанов"], [e.name for e in people]
    assert "Хирург" in people[0].aliases


@pytest.mark.parametrize("text, first, second, why", TWO_PEOPLE)
def test_two_stay_apart(extract, text, first, second, why):
    entities = extract(text).entities
    named = {e.name: e for e in entities}
    assert first in named, f"{first!r} not in {list(named)}"
    holding = [e for e in entities if any(second == m.normal or second == e.name
                                          for m in e.mentions)]
    assert holding, f"{second!r} not found: {list(named)}"
    assert all(e is not named[first] for e in holding), why
