"""Quotes: real-style news sentences in, (text, kind, speaker) out.

The speaker is checked by a part of its name ("Лавров" in "Сергей Лавров"), so the test
does not depend on how the entities extractor spells the full canonical name.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import svodka
from svodka.extractors.quotes.marks import find_segments
from svodka.layout import Region
from conftest import assert_quotes, assert_spans_valid, extracted_quotes

DIRECT = [
    ("«Проезд по банковской карте дешевле на 30%, как и по карте «Стрелка», – отметил "
     "президент компании Михаил Казаков.",
     [("Проезд по банковской карте дешевле на 30%, как и по карте «Стрелка", "direct",
       "Казаков")]),
    ("«Мы не намерены менять свою позицию по этому вопросу», — заявил министр иностранных "
     "дел России Сергей Лавров.",
     [("Мы не намерены менять свою позицию по этому вопросу", "direct", "Лавров")]),
    # unmarked words after a colon: names in them do not make them a list of names
    ("Глава Минфина Антон Силуанов заявил журналистам: Москва и Минск договорятся о цене газа.",
     [("Москва и Минск договорятся о цене газа", "direct", "Силуанов")]),
    ("Глава Минфина Антон Силуанов заявил журналистам: «Бюджет этого года будет исполнен "
     "с профицитом».",
     [("Бюджет этого года будет исполнен с профицитом", "direct", "Силуанов")]),
    ("Как сказал пресс-секретарь президента Дмитрий Песков, «решение пока не принято, но "
     "обсуждение продолжается».",
     [("решение пока не принято, но обсуждение продолжается", "direct", "Песков")]),
    ("«Мы готовы к переговорам, — сказал Владимир Зеленский. — Но только на наших условиях».",
     [("Мы готовы к переговорам", "direct", "Зеленский"),
      ("Но только на наших условиях", "direct", "Зеленский")]),
    ("«Контракт с «Газпромом» будет продлен еще на десять лет», — сообщил глава компании "
     "Алексей Миллер.",
     [("Контракт с «Газпромом» будет продлен еще на десять лет", "direct", "Миллер")]),
    ("Мы завершили строительство нового терминала в срок и без превышения сметы\", - отметил "
     "губернатор Андрей Воробьев.",
     [("Мы завершили строительство нового терминала в срок и без превышения сметы", "direct",
       "Воробьев")]),
    ("«Первый этап реформы мы завершили досрочно.\n\n«Второй этап начнется уже в следующем "
     "году», — сказал премьер-министр Михаил Мишустин.",
     [("Первый этап реформы мы завершили досрочно", "direct", "Мишустин"),
      ("Второй этап начнется уже в следующем году", "direct", "Мишустин")]),
    ("Президент Казахстана Касым-Жомарт Токаев заявил:\n\nНаша страна продолжит курс на "
     "углубление сотрудничества с Европейским союзом.",
     [("Наша страна продолжит курс на углубление сотрудничества с Европейским союзом",
       "direct", "Токаев")]),
    ("Ситуация на валютном рынке остается стабильной, — заявил источник в правительстве.",
     [("Ситуация на валютном рынке остается стабильной", "direct", None)]),
    ("Министр финансов Антон Силуанов заявил, что «дефицит бюджета в этом году не превысит "
     "двух процентов».",
     [("дефицит бюджета в этом году не превысит двух процентов", "direct", "Силуанов")]),
]

INDIRECT = [
    ("Министр финансов Антон Силуанов заявил, что дефицит бюджета в этом году не превысит "
     "двух процентов ВВП.",
     [("дефицит бюджета в этом году не превысит двух процентов ВВП", "indirect", "Силуанов")]),
    ("По словам Дмитрия Пескова, Кремль пока не получал официального приглашения на саммит.",
     [("Кремль пока не получал официального приглашения на саммит", "indirect", "Песков")]),
    ("Отмечается, что переговоры пройдут в закрытом режиме.",
     [("переговоры пройдут в закрытом режиме", "indirect", None)]),
    ("Поставки газа в Европу будут возобновлены в течение недели, сообщил вице-премьер "
     "Александр Новак.",
     [("Поставки газа в Европу будут возобновлены в течение недели", "indirect", "Новак")]),
    ("Эта мера, считает экономист Сергей Гуриев, поможет снизить инфляцию уже в следующем году.",
     [("поможет снизить инфляцию уже в следующем году", "indirect", "Гуриев")]),
    ("Глава МИД России Сергей Лавров провел переговоры в Анкаре. Он подчеркнул, что Москва "
     "готова к диалогу по всем вопросам.",
     [("Москва готова к диалогу по всем вопросам", "indirect", "Лавров")]),
    ("Послом России в Турции назначен Алексей Ерхов. Посол отметил, что отношения двух стран "
     "развиваются динамично.",
     [("отношения двух стран развиваются динамично", "indirect", "Ерхов")]),
    ("Учения прошли в Подмосковье, сообщили в пресс-службе Министерства обороны России.\n\n"
     "«Все учебные цели были успешно поражены», — рассказали в пресс-службе.",
     [("Учения прошли в Подмосковье", "indirect", "Министерств"),
      ("Все учебные цели были успешно поражены", "direct", "Министерств")]),
    ("Эксперты считают, что цены на нефть продолжат снижаться до конца года.",
     [("цены на нефть продолжат снижаться до конца года", "indirect", None)]),
    # marks around the organization's name belong to the attribution
    ("Потеря грузового корабля не скажется на работе экипажа станции, подчеркнули в "
     "«Роскосмосе».",
     [("Потеря грузового корабля не скажется на работе экипажа станции", "indirect",
       "Роскосмос")]),
    # a reported question
    ("Сенатор Джон Маккейн поинтересовался, какие меры принимает Вашингтон для "
     "противостояния пропаганде.",
     [("какие меры принимает Вашингтон для противостояния пропаганде", "indirect",
       "Маккейн")]),
    # a document's content
    ("Некоммерческая организация National Security Network опубликовала доклад, согласно "
     "которому истребитель F-35 уступает самолетам предыдущего поколения.",
     [("истребитель F-35 уступает самолетам предыдущего поколения", "indirect",
       "National Security Network")]),
]

NOT_QUOTES = [
    "Премьер назвал эти планы «водевилем» и покинул заседание.",
    "В Самарканде прошел саммит \"Центральная Азия - Европейский союз\".",
    "По данным Росстата, инфляция в марте составила 0,5 процента.",
    "Следователи установили, что пожар начался из-за неисправной проводки.",
    "Очевидцы видели, что машина проехала на красный свет.",
    "«Мы ожидаем роста продаж во втором полугодии». Об этом сообщил глава компании Иван Петров.",
    "Напомним, что ранее компания уже объявляла о сокращении штата.",
    "Компания «Ромашка объявила о банкротстве на прошлой неделе.",
    "Фильм «Летучий корабль» собрал в прокате больше ожидаемого.",
    "Президент подписал указ, согласно которому пенсии будут проиндексированы на 5%.",
    "Журналист, как я вас в прошлый раз спросил, кто вы по гороскопу, так и записал.",
    # analyst read 2026-12m: a list of names after the colon says who answered, not what
    "На запрос ФАС ответили другие крупнейшие операторы России: МТС, «Вымпелком» и Tele2.",
]


@pytest.mark.parametrize("text, expected", DIRECT)
def test_direct(text, expected, models):
    assert_quotes(text, expected)


@pytest.mark.parametrize("text, expected", INDIRECT)
def test_indirect(text, expected, models):
    assert_quotes(text, expected)


# a real quote after each negative case: what is not a quote stays out, what is one is found
_CONTROL = "«Мы продолжим работу над проектом в следующем году», — заявил министр Иван Сидоров.\n"


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_quotes(text, models):
    _, found = extracted_quotes(_CONTROL + text)
    assert found == [("Мы продолжим работу над проектом в следующем году", "direct",
                      "Иван Сидоров")]


def test_headline_quote_is_not_a_quote(models):
    text = ("Лавров: «Россия не допустит эскалации конфликта»\n\n"
            "Глава МИД провел переговоры с коллегами в Женеве.\n" + _CONTROL)
    article, found = extracted_quotes(text)
    assert found == [("Мы продолжим работу над проектом в следующем году", "direct",
                      "Иван Сидоров")]
    assert "Женева" in {e.name for e in article.entities}


def test_cue_and_rule_are_explained(models):
    article = svodka.extract("«Работы будут завершены к осени», — заявил мэр Сергей Собянин.")
    quote, = article.quotes
    assert quote.cue == "заявил"
    assert article.text[slice(*quote.cue_span)] == "заявил"
    assert quote.rule == "postposed_dash"
    assert article.text[slice(*quote.speaker_span)] == quote.speaker_text
    assert "Собянин" in quote.speaker_text


def test_missing_speaker_entity_is_added(models):
    """A speaker the NER does not tag still gets an entity id."""
    text = "«Работы будут завершены к осени», — заявил мэр Сергей Собянин."
    article = svodka.extract(text)
    quote, = article.quotes
    assert article.entity(quote.speaker) is not None


def test_sample_article(sample_article):
    article = sample_article
    assert_spans_valid(article)
    quotes = article.quotes
    by_start = {article.text[q.start:q.start + 25]: q for q in quotes}
    first = by_start["Казахстан стал первой стр"]
    assert first.kind == "direct" and "Василенко" in first.speaker_name
    assert first.text.endswith("охватывающий 29 сфер взаимодействия")
    second = by_start["Евросоюз уверенно сохраня"]
    assert second.kind == "direct" and second.cue == "рассказали"
    assert "Министерств" in second.speaker_name and article.entity(second.speaker).type == "ORG"
    assert second.text.endswith("около 4 тысяч компаний из ЕС")
    envoy = by_start["политический диалог между"]
    assert envoy.kind == "indirect" and "Василенко" in envoy.speaker_name
    assert envoy.text.endswith("на уровне глав внешнеполитических ведомств РК и ЕС")
    noted = by_start["Казахстан остается ключев"]
    assert noted.kind == "indirect" and noted.cue == "Отмечается"
    headline_end = article.headline.end
    assert all(q.start >= headline_end for q in quotes)
    assert not any("Центральная Азия - Европейский союз" == q.text for q in quotes)
    spans = sorted((q.start, q.end) for q in quotes)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_unbalanced_marks_stay_linear():
    """Marks are paired in one pass: eight times the unbalanced marks cost about eight times the
    CPU, not sixty-four (a ratio of CPU times, so a loaded machine does not fail it)."""
    unit = "«Начало цитаты без конца \"и еще \" кавычка» » » «"

    def cpu_seconds(size: int) -> float:
        text = (unit * (size // len(unit) + 1))[:size]
        started = time.process_time()
        segments = find_segments(text, [Region(0, len(text))])
        spent = time.process_time() - started
        assert segments and all(0 <= s.start <= s.inner_start <= s.inner_end <= s.end <= len(text)
                                for s in segments)
        return spent

    small = min(cpu_seconds(250_000) for _ in range(2))
    large = min(cpu_seconds(2_000_000) for _ in range(2))
    assert large < 24 * max(small, 1e-3)


def test_unbalanced_marks_in_an_article(models):
    paragraph = "Он сказал: «Мы «готовы» к \"диалогу, — заявил он. » — И » еще «»\n\n"
    article = svodka.extract("Новости дня\n\n" + paragraph * 40)
    assert_spans_valid(article)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="«»\"„“” аб,.—\n", max_size=80))
def test_segments_lie_inside_their_regions(text):
    regions = [Region(0, len(text) // 2), Region(len(text) // 2, len(text))]
    for segment in find_segments(text, regions):
        region = regions[segment.region]
        assert region.start <= segment.start <= segment.inner_start <= segment.inner_end \
            <= segment.end <= region.end


def test_document_speaks_for_its_issuer_across_a_line_break(models):
    text = ("Счетная палата Российской Федерации \nопубликовала отчет\n, посвященный исполнению "
            "бюджета.\nРасходы на оборону выросли на 10%.\n«Дефицит бюджета сократился вдвое», "
            "— говорится в отчете.")
    article = svodka.extract(text, models=models)
    quote, = article.quotes
    assert quote.speaker_name == "Счетная палата Российской Федерации"


@pytest.mark.parametrize("text, speaker", [
    ("«Мы ожидаем роста продаж», — сообщил изданию аналитик Томас Хеннингсен.",
     "Томас Хеннингсен"),
    ("По словам врача Хасана Зуабири, пострадавших доставили в больницу.", "Хасан Зуабири"),
    ("По мнению политолога Томаса Хеннингсена, выборы пройдут спокойно.", "Томас Хеннингсен"),
])
def test_speaker_name_is_nominative(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == [speaker]


def test_head_of_the_agency_is_the_minister_who_spoke(models):
    # "по словам" is neuter: the cue noun's gender must not rule the minister out
    text = ("«Порт будет расширен», — заявил министр транспорта Нурлан Сауранбаев.\n\n"
            "По словам главы ведомства, доля контейнерных перевозок выросла на 18%.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == ["Нурлан Сауранбаев"] * 2


def test_dateline_agency_is_not_the_press_service(models):
    text = ("Астана. 14 октября. KAZAKHSTAN TODAY - Министр провел совещание по развитию "
            "порта, сообщили в пресс-службе ведомства.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == [None]


@pytest.mark.parametrize("text, speakers", [
    # "она" is the person the previous sentence introduced, not the one who spoke before her
    ("«Он был полиглот», – добавила переводчик Наталья Рябчикова.\n\nС такой трактовкой не "
     "согласилась директор архива Татьяна Горяева. «Он остро актуален!» – настаивала она.",
     ["Наталья Рябчикова", "Татьяна Горяева"]),
    # no new person in between: "он" is the last speaker
    ("«Мы готовы к переговорам», — сказал министр Сергей Лавров. Переговоры пройдут в "
     "Женеве. «Но только на наших условиях», — добавил он.",
     ["Сергей Лавров", "Сергей Лавров"]),
    # after an unnamed speaker "он" is no one, not the last person named
    ("Главврач больницы Ахмед Хамдан рассказал о пострадавших. Один из раненых сообщил, что "
     "их обстреляли из миномётов. «Потом нас привезли в больницу», — добавил он.",
     [None, None]),
])
def test_pronoun_refers_to_the_person_just_named(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


def test_gender_comes_from_the_verbs_a_name_agrees_with(models):
    # the tagger reads the foreign first name "Никола" as masculine; "подчеркнула" says not
    text = ("Первый министр Шотландии Никола Стёрджен собирается провести новый референдум. "
            "Об этом подчеркнула Стёрджен на пресс-конференции в Эдинбурге.\n\n"
            "«На следующей неделе я запрошу разрешение парламента», — сказала она.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == ["Никола Стёрджен"]


@pytest.mark.parametrize("text, speaker", [
    # "ведомство" is the ministry mentioned last, not the company named after it
    ("Ранее Минюст обратился в Конституционный суд с просьбой проверить решение о выплатах "
     "акционерам ЮКОСа. «Решение противоречит Конституции», – указало ведомство.",
     "Минюст"),
    # "пресс-служба епархии": the organization whose name says it is the diocese
    ("Калининградская епархия РПЦ получила в собственность кирху в поселке Ушаково. Решение "
     "утвердила Русская православная церковь.\n\n«Храм будет восстановлен к осени», – "
     "сообщают в пресс-службе епархии.", "Калининградская епархия"),
    # a company named inside the quote is what the press service spoke of, not who spoke
    ("Запуск провели с космодрома Байконур, сообщается на сайте «Роскосмоса».\n\n«Потеря "
     "корабля «Прогресс» не скажется на работе экипажа «Газпрома»», — говорится в "
     "заявлении.\n\nВ корпорации отметили, что проводится анализ произошедшего.", "Роскосмос"),
])
def test_organization_voice_is_the_organization_of_its_kind(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert article.quotes and speaker in (article.quotes[-1].speaker_name or ""), \
        [(q.text, q.speaker_name) for q in article.quotes]


@pytest.mark.parametrize("text, speaker", [
    # «НГ» was told (dative), the press service spoke
    ("Как сообщили «НГ» в пресс-службе МВД Чечни, тайник был обнаружен в селении Автуры.",
     "МВД"),
    # the parse lost the object of "цитирует": the ambassador is quoted, the outlet cites him
    ("«Поощрение движения Украины в сторону Европы было одной из главных целей нашей "
     "политики», — цитирует Foreign Policy бывшего американского посла на Украине Уильяма "
     "Тейлора.", "Уильям Тейлор"),
    # the document's text, cited by ТАСС, speaks for the office that issued the report
    ("Офис директора Национальной разведки США выпустил доклад о выборах.\n\n«Мы считаем, что "
     "кампания влияния была проведена в 2016 году», — приводит текст документа ТАСС.\n\n"
     "В пояснительной записке говорится, что выводы могут оказаться ложными.",
     "Офис директора Национальной разведки"),
])
def test_speaker_is_who_spoke_not_who_relays(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert article.quotes and all(speaker in (q.speaker_name or "") for q in article.quotes), \
        [(q.text, q.speaker_name) for q in article.quotes]


@pytest.mark.parametrize("text, speaker", [
    # the ministry's site names who spoke, after the statement noun
    ("«Референдум является сугубо внутренним делом Британии», — говорится в сообщении на "
     "официальном сайте МИД РФ.", "МИД"),
    # an article opening with "— заявил он" names him in the next sentence
    ("Британский политик о брексите\n\n«На наших глазах происходит передел политической "
     "карты», — заявил он в эфире RT.\n\nКомментируя заявления президента США Барака Обамы, "
     "Джордж Гэллоуэй выразил следующее мнение.", "Гэллоуэй"),
    # the subject of the attribution heads it, not the time word before it
    ("Деньги в срок\n\nФинансирование подготовки к Олимпиаде осуществляется вовремя, заявил в "
     "четверг премьер-министр РФ.\n\nВ ходе ужина с представителями МОК Владимир Путин сообщил "
     "об этом журналистам.", "Путин"),
])
def test_speaker_named_around_the_attribution(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert article.quotes and speaker in (article.quotes[0].speaker_name or ""), \
        [(q.text, q.speaker_name) for q in article.quotes]


def test_pronoun_opening_an_article_after_someone_unnamed_stays_unnamed(models):
    # not the lead: "по его словам" refers back to the refugee, not forward to the commissioner
    text = ("Беженец из Сирии задержан в Сааре.\n\nЗадержанный планировал купить восемь машин. "
            "По его собственным словам, он намеревался начинить их взрывчаткой.\n\n"
            "Замкомиссара полиции Хьюго Мюллер заявил, что следствие продолжается.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes][0] is None


@pytest.mark.parametrize("text, speaker", [
    # a country speaking as a state
    ("Британский МИД сообщил о высылке дипломатов. Великобритания отказалась предоставить "
     "консульский доступ, при этом британская сторона сослалась на то, что Скрипаль является "
     "британским подданным.", "Великобритания"),
    # a channel relaying an unnamed source: no one
    ("Украина и Казахстан договорились о возобновлении военно-технического сотрудничества, — "
     "сообщает РИА Новости со ссылкой на местные СМИ.", None),
    # a channel relaying a named source: the source
    ("Турецкое новостное агентство Anadolu со ссылкой на МИД Турции сообщило, что переговоры "
     "продолжатся в Анкаре.", "МИД"),
    # on its own sources the channel speaks for itself
    ("Американский телеканал Эй-Би-Си со ссылкой на собственные источники сообщил, что "
     "Скрипаль был отравлен через вентиляцию автомобиля.", "Эй-Би-Си"),
    # whose words a relayed report cites is named: theirs, whoever relayed them (read 12l)
    ("Премьер-министр Японии Синдзо Абэ встретился с президентом России.\n\n«Курс на решение "
     "просматривается», — цитирует слова Абэ РИА Новости со ссылкой на агентство Киодо.", "Абэ"),
    # someone of a named person's is not that person
    ("Супруга Григория Родченкова, которая проходит свидетелем по делу, заявила, что не знает "
     "о доходах мужа.", None),
    # the dump put the linked cue on a line of its own
    ("Украина подаст в ЕСПЧ новые иски\n\n«Мы продолжаем готовить следующие иски», — \n"
     "заявила\n замминистра юстиции Украины Наталья Севастьянова изданию «Сегодня».",
     "Севастьянова"),
])
def test_speaker_of_an_attribution(text, speaker, models):
    article = svodka.extract(text, models=models)
    assert len(article.quotes) == 1, [(q.text, q.speaker_name) for q in article.quotes]
    name = article.quotes[0].speaker_name
    assert (name is None) if speaker is None else (speaker in (name or "")), name


@pytest.mark.parametrize("text, speakers", [
    # "его слова" are the words of the person "его" refers to, not of the site that cites them
    ("Кандидат в президенты Дональд Трамп выступил в Огайо.\n\n«Мы победим радикальный "
     "ислам», — приводит его слова англоязычный сайт RT.", ["Дональд Трамп"]),
    # a capitalized title opening a line is a title, not a name
    ("Кандидат в президенты Дональд Трамп выступил в Огайо. «Мы победим на этих выборах», — "
     "сказал Трамп.\n\n"
     "Закрытие границ\n\nРеспубликанец заявил, что въезд в США нужно временно запретить.",
     ["Дональд Трамп", "Дональд Трамп"]),
    # the gerund shares the press service of its verb
    ("«Судно останется в Мурманске», – сообщили «НГ» в Росатоме, отметив, что содержание "
     "ледокола обходится в 55 млн рублей в год.", ["Росатом", "Росатом"]),
])
def test_speaker_through_the_syntax_of_the_attribution(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


def test_newspaper_right_after_the_cue_is_whom_they_told(models):
    text = ("Впрочем, как сообщила «НГ» активист «Открытой России» Мария Иванова, группа людей "
            "решила после митинга пойти к Соловецкому камню.")
    article = svodka.extract(text, models=models)
    quote, = article.quotes
    assert "Иванов" in (quote.speaker_name or "")


# Cue classes the fresh gold showed missing (issue 15), each with a sentence from a news
# article outside the gold: a cue of several words, an addressee in marks between the cue and
# "что", "как" past an adverb, a multiword preposition, a short opening before a
# parenthetical, an active participle, a relative clause holding the content.
CUE_CLASSES = [
    ("Еще до начала первой гонки обозреватели сошлись во мнении, что за третью ступеньку "
     "подиума будут бороться пилоты Williams и Ferrari.",
     [("за третью ступеньку подиума будут бороться пилоты Williams и Ferrari", "indirect",
       None)]),
    ("Руководитель Центра экономических и политических реформ Николай Миронов заявил «НГ», "
     "что электорат Путина не слишком поменялся, просто на выборы наконец пришла его "
     "апатичная часть, которая раньше их игнорировала.",
     [("электорат Путина не слишком поменялся, просто на выборы наконец пришла его апатичная "
       "часть, которая раньше их игнорировала", "indirect", "Миронов")]),
    ("Политолог не исключает, что у мирового сообщества могут возникнуть определенные "
     "вопросы по сложившейся в Армении ситуации, когда на пост президента претендует лишь "
     "один кандидат.",
     [("у мирового сообщества могут возникнуть определенные вопросы по сложившейся в Армении "
       "ситуации, когда на пост президента претендует лишь один кандидат", "indirect", None)]),
    ("Как ранее сообщил Трамп, Китай уже поддержал усиление давления на КНДР, призвав "
     "ужесточить санкции в отношении страны.",
     [("Китай уже поддержал усиление давления на КНДР, призвав ужесточить санкции в отношении "
       "страны", "indirect", "Трамп")]),
    ("С точки зрения Гуттинга, вопрос о будущем правительства во многом связан с позицией "
     "социал-демократов.",
     [("вопрос о будущем правительства во многом связан с позицией социал-демократов",
       "indirect", "Гуттинг")]),
    ("Директор медицинского департамента Международного олимпийского комитета (МОК) Ричард "
     "Баджетт так прямо и сказал. Российские спортсмены, сказал он, «чистые», но "
     "бдительность терять нельзя, это группа высокого риска.",
     [("«чистые», но бдительность терять нельзя, это группа высокого риска", "indirect",
       "Баджетт")]),
    ("Его точку зрения поддержал политолог Дмитрий Дробницкий, отметивший, что каждый "
     "участник конфликта в Сирии так или иначе преследует свои интересы.",
     [("каждый участник конфликта в Сирии так или иначе преследует свои интересы",
       "indirect", "Дробницкий")]),
    ("Согласно докладу американского Национального совета по технике безопасности (National "
     "Safety Council, NSC), в 2017 году дорожно-транспортные происшествия (ДТП) унесли жизни "
     "40 тыс. американцев, что лишь на 1% меньше уровня смертности на дорогах в 2016 году.",
     [("в 2017 году дорожно-транспортные происшествия (ДТП) унесли жизни 40 тыс. американцев, "
       "что лишь на 1% меньше уровня смертности на дорогах в 2016 году", "indirect",
       "Национальн")]),
    ("Но Саддам Хусейн решил, что нужно защищать всю территорию страны, чем просто подставил "
     "свою армию под удары американской авиации.",
     [("нужно защищать всю территорию страны, чем просто подставил свою армию под удары "
       "американской авиации", "indirect", "Хусейн")]),
    ("Зато сценарист Куликов пошутил, что название фильма – «Огонь» – «готовая на него "
     "рецензия».",
     [("название фильма – «Огонь» – «готовая на него рецензия»", "indirect", "Куликов")]),
    # a long attribution after inverted content (up to 20 words)
    ("Рост цен на промышленные металлы может носить и восстановительный характер, считает "
     "директор центра конъюнктурных исследований Института статистических исследований и "
     "экономики знаний НИУ ВШЭ Георгий Остапкович.",
     [("Рост цен на промышленные металлы может носить и восстановительный характер",
       "indirect", "Остапкович")]),
    ("Находясь внутри традиции, прийти к Христу легче, хотя и происходит это не всегда "
     "(пример – Иван Грозный, который, по мнению Желудкова, был куда дальше от Христа, чем "
     "«святой индуист» Ганди).",
     [("был куда дальше от Христа", "indirect", "Желудков")]),
]


@pytest.mark.parametrize("text, expected", CUE_CLASSES)
def test_cue_classes(text, expected, models):
    assert_quotes(text, expected)


# Not cues: a passing thought, a rating "по версии" — after a real cue, which is found.
@pytest.mark.parametrize("text", [
    "Однако Тиагу Монтейру оказался быстрее и подумал, что может на узкой трассе проскочить "
    "между двух «Лад».",
    "В нынешнем году в пятерку самых популярных деревьев, по версии «Активного гражданина», "
    "вошли ель, береза, черемуха, рябина и дуб.",
])
def test_not_cues(text, models):
    control = ("Но Саддам Хусейн решил, что нужно защищать всю территорию страны, чем просто "
               "подставил свою армию под удары американской авиации.\n")
    _, found = extracted_quotes(control + text)
    assert [(t, name) for t, _, name in found] == [
        ("нужно защищать всю территорию страны, чем просто подставил свою армию под удары "
         "американской авиации", "Саддам Хусейн")]


# Speaker classes (issue 15), sentences from news articles outside the gold: the outlet told
# (also past an adverb, and in an inverted attribution), a channel relaying its source
# ("ссылаясь на"), a name after "на запрос" asked rather than spoke.
@pytest.mark.parametrize("text, expected", [
    ("Как сообщил вчера «НГ» замдиректора ВНИИ океанологии Анатолий Опекунов, его институт "
     "готовит геолого-физическое обоснование того факта, что российский сектор, который "
     "сегодня обозначен пунктиром на карте, является продолжением континентального шельфа.",
     [("его институт готовит геолого-физическое обоснование того факта, что российский сектор, "
       "который сегодня обозначен пунктиром на карте, является продолжением континентального "
       "шельфа", "indirect", "Опекунов")]),
    ("«То, что в случае подготовки Сочи к Олимпиаде «патронов» (денег) государство не будет "
     "жалеть, нет сомнений», – заявил вчера «НГ» директор департамента стратегического "
     "анализа ФБК Игорь Николаев.",
     [("То, что в случае подготовки Сочи к Олимпиаде «патронов» (денег) государство не будет "
       "жалеть, нет сомнений", "direct", "Николаев")]),
    ("Как отмечает DW, ссылаясь на слова посла, к 2018 году Таджикистан через CASA-1000 уже "
     "сможет транспортировать электроэнергию в Пакистан.",
     [("к 2018 году Таджикистан через CASA-1000 уже сможет транспортировать электроэнергию в "
       "Пакистан", "indirect", None)]),
    ("«Сегодняшняя статья является результатом долгого исследования российских фанатов. Наш "
     "корреспондент ездил в Екатеринбург на интервью с Алексеем Мавриным, а также опросил двух "
     "российских болельщиков из Санкт-Петербурга», — сказал Хейнс в ответ на запрос RT.",
     [("Сегодняшняя статья является результатом долгого исследования российских фанатов. Наш "
       "корреспондент ездил в Екатеринбург на интервью с Алексеем Мавриным, а также опросил "
       "двух российских болельщиков из Санкт-Петербурга", "direct", "Хейнс")]),
    # when and how the words were said is no speaker ("в беседе с RT"); nor is one of many
    ("Коммерческий директор журнала «Арсенал Отечества» Алексей Леонков полагает, что "
     "количество женщин в российской армии будет постепенно увеличиваться.\n«Главный критерий "
     "— это не пол, а профессиональная и физическая годность», — отметил в беседе с RT "
     "Леонков.",
     [("количество женщин в российской армии будет постепенно увеличиваться", "indirect",
       "Леонков"),
      ("Главный критерий — это не пол, а профессиональная и физическая годность", "direct",
       "Леонков")]),
    ("В частности, бывший советник по вопросам национальной безопасности Колин Каль задал в "
     "своём Twitter вопрос, было ли «хорошей идеей» пустить российского фотографа с "
     "оборудованием в Овальный кабинет. Впрочем, один из собеседников The Washington Post "
     "отметил, что стандартный досмотр посетителей в Белом доме не всегда может обнаружить "
     "шпионскую аппаратуру.",
     [("стандартный досмотр посетителей в Белом доме не всегда может обнаружить шпионскую "
       "аппаратуру", "indirect", None)]),
])
def test_speaker_classes(text, expected, models):
    assert_quotes(text, expected)


# Speakers the text names by reference (issue 15, eighth session): a bare media noun is the
# outlet in focus, not any outlet; an unnamed representative who goes on speaking is the
# organization, or the person of that organization who spoke last; people "же из" an
# organization speak for it. Sentences from ng_0/ng_1/russia_today_3 outside the gold, and
# from fresh-2026-12f (rt2-0164, rt2-0205, ng0-0064, ng0-0387) where the dumps hold no other.
@pytest.mark.parametrize("text, speakers", [
    ("После победы Марии Шараповой над Симоной Халеп в первый день US Open журнал Forbes "
     "опубликовал информацию, которая вряд ли порадует российскую теннисистку. Издание "
     "сообщило, что спортсменка за прошедший год потеряла $100 млн.", ["Forbes"]),
    ("Европейское издание Politico в феврале на своих страницах разместило статью о начале "
     "конкурентной борьбы за Арктику между Россией, США и Китаем. Издание отмечает, что более "
     "половины береговой линии Северного Ледовитого океана приходится на побережье России в "
     "ее арктической части.", ["Politico"]),
    # no outlet in focus: "издание" names no one (and "его" no one named)
    ("По его словам, внимание России привлекают подводные энергетические кабели и "
     "газопроводы, связывающие Великобританию с континентальной Европой. Издание отмечает, что "
     "в настоящий момент три миллиона домов в Британии обеспечивают энергией четыре "
     "энергетических кабеля и три газопровода.", [None, None]),
    ("Итоги визита были подведены генеральным директором «Оргкомитета-2018» Алексеем Сорокиным "
     "и директором департамента ФИФА по проведению соревнований и мероприятий Колином "
     "Смитом.\n«Мы уверены, что Москва справится со своей задачей и сможет успешно принять "
     "встречи мундиаля», — сказал Смит.\nНикаких вопросов к московским стадионам у делегации "
     "не возникло. Остались довольны в ФИФА качеством «Лужников». «Стадион в хорошем "
     "состоянии. Строительные работы завершены», — добавил представитель ФИФА.",
     ["Колин Смит", "Колин Смит"]),
    ("Однако представитель Управления по вопросам миграции МВД Зульфия Эсакаева заявила, что "
     "нет никаких особых критериев и требований к соотечественникам. Кроме того, представитель "
     "МВД рассказала: в том году субъектам РФ было выделено 200 млн руб. Она отметила, что на "
     "начало этого года кредит финансовой задолженности по выплатам составил 1 млрд руб.",
     ["Зульфия Эсакаева"] * 3),
    ("Ночью появилась информация о том, что все тела погибших обнаружены и извлечены. "
     "Представитель СК Татарстана сообщил, что обломки самолета разлетелись в радиусе 500 "
     "метров от места падения. Она также сказал, что тела погибших сильно обгорели.",
     ["СК Татарстана", "СК Татарстана"]),
    # "СМИ" with a verb in the singular is the one outlet just named (D6, ng0-0416) ...
    ("Компания-оператор китайских железных дорог China Railway также продолжает наращивать "
     "убытки, пишет Asian Review. Еще в 2007 году долги компании составляли всего 687 млрд "
     "юаней, к середине 2017-го эта цифра выросла до 4,7 трлн юаней. Прибыльными можно назвать "
     "лишь небольшие маршруты в промышленно развитых прибрежных районах вроде Пекин–Шанхай, "
     "Шанхай–Нанкин, Нанкин–Ханчжоу и Гуанчжоу–Шэньчжень, перечисляет СМИ.",
     ["Asian Review", "Asian Review"]),
    # ... with a plural one the press at large (rt3-0143's sentence after ng0-0416's)
    ("Компания-оператор китайских железных дорог China Railway также продолжает наращивать "
     "убытки, пишет Asian Review. Правда, как отмечают СМИ, эта мера не коснётся карьерных "
     "дипломатов.", ["Asian Review", None]),
    # a document no name owns, with no organization close before: the one in focus, the
    # subject of the sentences before (rt0-0769)
    ("Исследовательский центр Rasmussen Reports поинтересовался у американцев, необходимо ли "
     "Соединённым Штатам создание по-настоящему конкурентоспособной третьей партии в качестве "
     "альтернативы Республиканской и Демократической. В ходе исследования социологи опросили "
     "тысячу вероятных избирателей в период с 1-2 августа 2017 года.\n«За последние несколько "
     "лет возросла доля избирателей, которые бы одобрили появление в США третьей основной "
     "политической партии», — говорится в отчёте социологов.",
     ["Rasmussen Reports", "Rasmussen Reports"]),
    # the organization just named still comes first: the focus is only a last resort (dev
    # rt2-0294: "сообщает РИА Новости" is the subject before)
    ("Запуски ракет-носителей «Союз-У», вероятно, будут приостановлены до выяснения причин "
     "инцидента, сообщает РИА Новости.\n«Прогресс МС-04» застрахован в компании «ВТБ "
     "Страхование». В организации отметили, что решение о выплате страхового возмещения будет "
     "принято после получения официальных документов об аварии.",
     ["РИА Новости", "ВТБ Страхование"]),
    ("По оценке главы ведомства Игоря Левитина, только на строительство и модернизацию "
     "автомобильных дорог потребуется до 135 млрд. руб. Чиновники же из администрации Сочи "
     "считают, что речь вообще может идти об утроении расходов на подготовку города к "
     "Олимпиаде.", ["Игорь Левитин", "администрация Сочи"]),
])
def test_speaker_named_by_reference(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == speakers


# Content ends before the speaker's next predicate and before a colon opening words in marks
# (sentences from news articles outside the gold).
@pytest.mark.parametrize("text, expected", [
    ("Навальный перед акцией сообщил в соцсетях, что ночевал не дома, и призвал сторонников "
     "встретиться в центре Москвы.",
     [("ночевал не дома", "indirect", "Навальный")]),
    ("Министр спорта региона Леонид Рапопорт отметил, что паралимпийское движение в области "
     "активно развивается, а также пообещал, что спортсменки получат специальное "
     "вознаграждение от губернатора Евгения Куйвашева.",
     [("паралимпийское движение в области активно развивается", "indirect", "Рапопорт"),
      ("спортсменки получат специальное вознаграждение от губернатора Евгения Куйвашева",
       "indirect", "Рапопорт")]),
    ("В то же время он считает, что часть протестного электората действительно перетекла к "
     "Путину: «Зюганов на прошлых выборах набрал 17%, Грудинин теперь – 12%, куда же делись "
     "5%?»",
     [("часть протестного электората действительно перетекла к Путину", "indirect", None),
      ("Зюганов на прошлых выборах набрал 17%, Грудинин теперь – 12%, куда же делись 5%?",
       "direct", None)]),
])
def test_content_ends_where_the_speaker_goes_on(text, expected, models):
    assert_quotes(text, expected)


# Not quotes: "говорит" of a thing (evidence), a cue's object noun with its own "о том, что",
# a saying — each after a real quote, which is found.
@pytest.mark.parametrize("text", [
    "О том, каким знаковым было это противостояние не только в истории фигурного катания, но "
    "и мирового спорта, говорит один факт: на интернет-аукционе стоимость двух билетов на "
    "мужской турнир фигуристов в Солт-Лейк-Сити достигла $11 тыс.",
    "Британские СМИ синхронно отреагировали на информацию о том, что телеканал RT арендует "
    "студии BBC.",
    "Как говорится, начали за здравие, а кончили за упокой.",
])
def test_evidence_news_and_sayings_are_not_quotes(text, models):
    _, found = extracted_quotes(_CONTROL + text)
    assert found == [("Мы продолжим работу над проектом в следующем году", "direct",
                      "Иван Сидоров")]


def test_speaker_name_is_the_form_the_text_writes(models):
    # rt3-0689 (fresh gold): the genitive "Сергея Рудского" normalizes to "Сергей Рудского"
    # (an adjectival surname), while the text also writes "Сергей Рудской" — that one names him
    text = ("Поддержку операции с воздуха осуществляют самолёты международной коалиции под "
            "командованием США. Согласно докладу Сергея Рудского, успехи союзников в борьбе с "
            "террористами пока невелики.\n«Так, 21 октября самолёт ВВС США нанёс удар по школе "
            "для девочек Аль-Хадж Юнус, расположенной в южной части города Мосул», — сообщил "
            "Сергей Рудской.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == ["Сергей Рудской", "Сергей Рудской"]


def test_content_the_dump_broke_over_lines(models):
    # rt1-0073: the dump broke the sentence at a link after "что"; each line's piece is a quote
    text = ("МОК не допустил к Играм лидеров сборной\n\n"
            "Президент Союза конькобежцев России (СКР) Алексей Кравцов сообщил, что \n"
            "МОК отклонил заявки\n на выступление на ОИ ряда лидеров национальной команды. "
            "В их числе трёхкратный чемпион мира Денис Юсков.")
    _, found = extracted_quotes(text)
    assert found == [("МОК отклонил заявки", "indirect", "Алексей Кравцов"),
                     ("на выступление на ОИ ряда лидеров национальной команды", "indirect",
                      "Алексей Кравцов")]


def test_quote_goes_on_past_an_editors_note_on_lines_of_its_own(models):
    # rt1-0066: the RT dump puts the note's signature "RT" (a link) on a line of its own; the
    # quote goes on after it, one piece per line, the note left out, the speaker named between;
    # a piece ends before the note's opening bracket (decision D8, sixth session: it kept the
    # note's first words before)
    text = ("Больничные по регионам\n\n"
            "Президент Лиги защитников пациентов Александр Саверский отметил, что число "
            "больничных зависит от занятости.\n"
            "«Здесь важен характер занятости (проживающих в регионе. — \nRT\n), — говорит "
            "Саверский. — Работа ли это на заводе, где человек должен отстоять смену. Там "
            "(в регионах с большим числом заводов. — \nRT\n) по определению будет больше "
            "больничных».\n"
            "Вице-президент Конфедерации труда России Олег Шеин уверен, что главное — молодость "
            "населения.")
    article, found = extracted_quotes(text)
    assert found[0] == ("число больничных зависит от занятости", "indirect", "Александр Саверский")
    assert found[1:4] == [
        ("Здесь важен характер занятости", "direct", "Александр Саверский"),
        ("Работа ли это на заводе, где человек должен отстоять смену. Там", "direct",
         "Александр Саверский"),
        ("по определению будет больше больничных", "direct", "Александр Саверский")]
    assert not any("RT" in quote.text for quote in article.quotes)


def test_attribution_after_an_editors_note_ends_the_quote(models):
    # rt1-0125: «A (… — ⏎RT⏎), — рассказывает Х.» with the closing mark lost: A is Х's
    text = ("Программист из Таганрога\n\n"
            "RT пообщался с программистом во время одного из телефонных звонков.\n"
            "«Условия нормальные, кормят три раза в день. Просто жду, что скажет Америка "
            "(о выдвинутых обвинениях. \n— RT\n), — рассказывает Станислав Лисов.\n"
            "Главный вопрос ему задали во время допроса.")
    _, found = extracted_quotes(text)
    assert found == [("Условия нормальные, кормят три раза в день. Просто жду, что скажет "
                      "Америка (о выдвинутых обвинениях", "direct", "Станислав Лисов")]


def test_a_parenthesis_over_lines_without_a_note_joins_nothing(models):
    # the line after starts with ")", but what stands between is a sentence, not a signature
    text = ("Новости дня\n\n"
            "«Мы готовы к переговорам (если условия будут приемлемыми. — \n"
            "Эти условия пока никто не называл.\n"
            ") и ждём ответа», — заявил министр Иван Петров.")
    _, found = extracted_quotes(text)
    # the first line stays an unclosed quote of no one; the sentence between is no quote
    assert found == [("и ждём ответа", "direct", "Иван Петров")]


INVERTED_ATTRIBUTIONS = [
    # the speaker's apposition after a comma is no content of its own
    ("Если дело дойдет до новых санкций, то такие шаги будут обсуждаться с партнерами по НАТО, "
     "сказал во вторник депутат от Консервативной партии, замминистра обороны Тобиас Элвуд.",
     "Если дело дойдет до новых санкций, то такие шаги будут обсуждаться с партнерами по НАТО",
     "Тобиас Элвуд"),
    # an abbreviation's period inside the attribution ("им.")
    ("Решение Лондона консультироваться с НАТО правильное, заявил «НГ» директор Института "
     "Кеннана при научном центре им. Вудро Вильсона Мэтью Рожански.",
     "Решение Лондона консультироваться с НАТО правильное", None),   # the surname's normal
    # form is the entities' business: only the span is checked here
    # the attribution ends at a colon that opens a quote of its own
    ("Оппозиции необходимо объединить усилия, договорившись о поддержке одного кандидата, "
     "заявил «НГ» зампред ПАРНАСа Константин Мерзликин: «Масштабы Подмосковья таковы».",
     "Оппозиции необходимо объединить усилия, договорившись о поддержке одного кандидата",
     "Константин Мерзликин"),
    # a short passive participle after the parenthetical is the content's predicate
    ("Герман Греф отказался назвать происходящее заговором. В ближайшее время, сказал он, "
     "запланированы консультации по этому вопросу.",
     "запланированы консультации по этому вопросу", "Герман Греф"),
    # a parenthetical's content may be two words
    ("Его товарищи не соревновались с дворовыми ребятами, вспоминает Алжан Жармухамедов. "
     "Игровые сцены, добавляет он, получились удачными.",
     "получились удачными", "Алжан Жармухамедов"),
    # verbs that report speech only after the content (quote_cues_inverted.txt)
    ("Санкции серьёзно ударили по экономике всей Италии, соглашается с Аксёновым президент "
     "регионального совета Венето Роберто Чамбетти.",
     "Санкции серьёзно ударили по экономике всей Италии", "Роберто Чамбетти"),
]


@pytest.mark.parametrize("text, content, speaker", INVERTED_ATTRIBUTIONS)
def test_inverted_attributions(text, content, speaker, models):
    article = svodka.extract("Новости дня\n\n" + text, models=models)
    assert_spans_valid(article)
    found = {q.text: q.speaker_name for q in article.quotes}
    assert content in found, found
    if speaker is not None:
        assert found[content] is not None and speaker in found[content], found


def test_inverted_cue_needs_content_and_its_subject_after(models):
    # "отмечает наградами" with the subject first, "делится опытом" before its object, and
    # "Об этом … говорит" (words told before) are no attributions; the real one is found
    text = ("Новости дня\n\n"
            "Премия Telly Awards, учреждённая в 1979 году, отмечает наградами телепрограммы, "
            "рекламные ролики, кино- и телевизионные фильмы. Мастер делится опытом с учениками. "
            "Об этом, кажется, говорит и оформление проекта: списки работ вложены в карманы. "
            "За прошедший месяц Станислав сменил четыре тюрьмы, делится его супруга Дарья.")
    article = svodka.extract(text, models=models)
    assert [q.text for q in article.quotes] == ["За прошедший месяц Станислав сменил четыре тюрьмы"]


def test_a_speaking_commentator_word_goes_on_with_the_named_commentator(models):
    # rt1-0591: "эксперт", "политолог" after the named expert spoke are that expert (the
    # resolver links them: quote_commentators.txt); "источник" stays no one
    text = ("Трамп подпишет указы\n\n"
            "Руководитель центра Института США и Канады РАН Сергей Самуйлов считает, что меры "
            "довольно разумны.\n"
            "«Сейчас вопрос в том, насколько политическая элита позволит Трампу реализовать его "
            "намерения», — пояснил эксперт.\n"
            "По мнению политолога, Трамп начинает понимать, что его власть не безгранична. "
            "В то же время собеседник RT сообщил, что институт получил крупный грант.\n"
            "«Решение уже принято», — сообщил источник в администрации.")
    _, found = extracted_quotes(text)
    # ("собеседник RT": RT is whom he spoke to, not whose he is)
    assert [speaker for _, _, speaker in found] == ["Сергей Самуйлов"] * 4 + [None], found


def test_a_speaking_title_goes_to_the_person_introduced_after_the_last_speaker(models):
    # rt1-0176: Брутер is introduced after Бышок's last words; "— пояснил эксперт" is Брутер
    text = ("Клинтон критикует демократов\n\n"
            "«Она не видит себя президентом никаким образом», — заключил политолог Станислав "
            "Бышок.\n"
            "За выпадами Клинтон могут стоять её давние амбиции. Такого мнения придерживается "
            "политолог Международного института гуманитарно-политических исследований Владимир "
            "Брутер.\n"
            "«Нужно помнить, что у самой Клинтон есть большое число нереализованных амбиций», — "
            "пояснил эксперт.")
    _, found = extracted_quotes(text)
    assert [speaker for _, _, speaker in found] == ["Станислав Бышок", "Владимир Брутер"], found


def test_name_after_the_outlet_told_speaks_and_her_participle_is_no_content(models):
    # ng0-0681: "– сказала «НГ» Фаркас, в прошлом занимавшая должность …": Фаркас spoke
    # (the tagger reads her name as a genitive after «НГ»), and the participle phrase about
    # her is no parenthetical content
    text = ("Новости дня\n\n"
            "По мнению научного сотрудника Атлантического совета Эвелин Фаркас, британские "
            "власти расценят покушение как нарушение суверенитета. «Это может привести к "
            "ответным мерам, в том числе к новым санкциям», – сказала «НГ» Фаркас, в прошлом "
            "занимавшая должность помощника замглавы Пентагона.")
    _, found = extracted_quotes(text)
    assert found == [
        ("британские власти расценят покушение как нарушение суверенитета", "indirect",
         "Эвелин Фаркас"),
        ("Это может привести к ответным мерам, в том числе к новым санкциям", "direct",
         "Эвелин Фаркас")]


def test_a_sentence_opening_with_its_cue_goes_on_with_the_subject_before(models):
    # ng0-0115, ng0-0681: "И сказал, что …", "И выразил надежду, что …" continue the sentence
    # before; an impersonal "Сообщалось, что" after a named person stays no one's
    text = ("Новости дня\n\n"
            "Михаил Швыдкой, специальный представитель президента, вспомнил о том, что его "
            "поколение выросло на музыке Вайнберга. И сказал, что такие проекты показывают "
            "серьезные связи между культурами.\n"
            "«США обладают широким спектром возможностей», – пояснил Мэтью Рожански. И выразил "
            "надежду, что Британия будет и впредь вести консультации с НАТО.\n"
            "На портале появилось сообщение о задержании главы района Сергея Овчинникова. "
            "Сообщалось, что задержание могло быть связано с земельными участками.")
    _, found = extracted_quotes(text)
    assert [speaker for _, _, speaker in found] == [
        "Михаил Швыдкой", "Михаил Швыдкой", "Мэтью Рожански", "Мэтью Рожански", None], found


def test_a_document_speaks_for_its_issuer_a_person_too(models):
    # rt1-0739, ng0-0777: "говорилось в указе" after "указа Петра I" is Петр I; "в докладе
    # Управления … сказано:" is the office, though the parse hung the document on the quote;
    # "президент … отправил в отставку правительство, хотя … заявлял, что" stays the president's
    text = ("Новости дня\n\n"
            "Принято считать, что история завода началась с указа Петра I о создании в России "
            "оружейных предприятий. Документ датирован 26 февраля 1712 года. «Для лучшего в том "
            "ружейном деле способу построить заводы, на которых бы можно ружья сверлить», — "
            "говорилось в указе.\n"
            "При этом в недавно обнародованном докладе Управления по координации гуманитарных "
            "вопросов ООН сказано: «Конфликт на востоке Украины является одним из самых "
            "смертоносных в Европе».")
    _, found = extracted_quotes(text)
    speakers = [speaker for _, kind, speaker in found if kind == "direct"]
    assert speakers == ["Петр I", "Управление по координации гуманитарных вопросов ООН"], found


# issue 15, fifth session: classes of speaker error on the unseen batches (docs/quotes.md)
CONTINUED_TURNS = [
    # a turn goes on past a connective with no subject: the verb's gender says whose turn
    ("Официальный представитель МИД Мария Захарова выступила на брифинге. «Мы не примем эти "
     "условия», — заявила она. Однако добавила, что Москва готова к переговорам.",
     ["Мария Захарова", "Мария Захарова"]),
    ("«Мы не примем эти условия», — заявил журналистам Сергей Лавров. При этом подчеркнул, что "
     "Москва готова к переговорам.",
     ["Сергей Лавров", "Сергей Лавров"]),
    # ... and a verb of the other gender continues no one
    ("Мария Захарова встретилась с Сергеем Лавровым. Однако добавил, что Москва готова к "
     "любым переговорам.",
     [None]),
]


@pytest.mark.parametrize("text, speakers", CONTINUED_TURNS)
def test_a_subjectless_cue_after_a_connective_continues_the_turn(text, speakers, models):
    _, found = extracted_quotes(text)
    assert [speaker for _, _, speaker in found] == speakers, found


GOVERNMENTS = [
    # ng1-0319, rt1-0125: "власти X" speak for the country X
    ("Россия подала заявку на вступление в ВТО. При этом власти США заявляют, что до тех пор, "
     "пока Россия не возьмется за пиратов, в ВТО ей делать нечего.", "США"),
    ("Программиста задержали в Барселоне. Ранее власти Испании направили письмо в российское "
     "посольство, объяснив, что причина задержания — создание незаконной организации.",
     "Испания"),
    # no country named with them: no one
    ("Пожар тушили всю ночь. Местные власти заявили, что расследование продолжится ещё "
     "несколько месяцев.", None),
]


@pytest.mark.parametrize("text, speaker", GOVERNMENTS)
def test_the_authorities_of_a_country_speak_for_it(text, speaker, models):
    _, found = extracted_quotes(text)
    assert len(found) == 1 and found[0][2] == speaker, found


def test_speaker_name_takes_the_surname_the_text_writes_alone(models):
    # rt1-0176, rt1-0105, rt1-0813: the normalizer guessed the surname from an oblique or an
    # unknown form ("Станислава Бышка" → "Бышк", "Алжан Жармухамедов" → "Жармухамед"); the
    # text writes it alone as a nominative ("— заключил Бышок"), which names him
    text = ("По мнению политолога Станислава Бышка, критика Клинтон — это попытка повлиять на "
            "ситуацию. «Помимо демократов и республиканцев, в американской палитре не существует "
            "никого», — заключил Бышок.\n"
            "Алжан Жармухамедов также несколько раз приезжал в студию. «Фильм получился очень хороший», "
            "— сказал Жармухамедов.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == [
        "Станислав Бышок", "Станислав Бышок", "Алжан Жармухамедов"], article.quotes
    # a surname the text writes in the full name stays as written ("Сергей Рудской" above)
    names = {e.name for e in article.entities if e.type == "PER"}
    assert {"Станислав Бышок", "Алжан Жармухамедов"} <= names


def test_words_in_marks_after_a_reported_clause_are_the_same_speakers(models):
    # F2 (ng0-0503, ng1-0010, rt1-0105): "X говорит, что A: «B»" is an indirect A and a direct
    # B, both X's; a colon with no reported clause before it gives no speaker from afar
    text = ("Исполнительный директор ОАО «Кузнецов» Николай Якушин говорит, что для всех "
            "специалистов его предприятия создание устройства было крайне интересным проектом: "
            "«Коллектив компании все эти годы работал с полной отдачей».")
    _, found = extracted_quotes(text)
    assert found == [
        ("для всех специалистов его предприятия создание устройства было крайне интересным "
         "проектом", "indirect", "Николай Якушин"),
        ("Коллектив компании все эти годы работал с полной отдачей", "direct", "Николай Якушин")]


def test_a_surname_like_a_patronymic_is_a_surname_when_written_alone(models):
    # rt2-0723, rt3-0402: "Франц Клинцевич" is no first name and patronymic ("Андреевич"):
    # the text writes "Клинцевич" alone, as no one writes a patronymic
    text = ("Первый зампред комитета Совфеда по обороне Франц Клинцевич прилетел в Сочи "
            "накануне встречи президентов.\n"
            "«Это значит, что никакого камня за пазухой у нас нет», — отметил Клинцевич.")
    article = svodka.extract(text, models=models)
    assert [q.speaker_name for q in article.quotes] == ["Франц Клинцевич"], article.quotes
