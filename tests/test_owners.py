"""Whose organization: a name with an owner never joins the same name with another owner
(issue 15), and a foreign surname keeps the form the text writes as nominative."""
from __future__ import annotations

import pytest

from conftest import assert_spans_valid


@pytest.fixture(scope="module")
def extract(models):
    import svodka

    def run(text: str):
        article = svodka.extract(text, models=models)
        assert_spans_valid(article)
        return article
    return run


def _holder(article, written: str):
    """The entity one of whose name mentions is written ``written``."""
    found = [e for e in article.entities
             if any(m.kind == "name" and m.text == written for m in e.mentions)]
    assert len(found) == 1, (written, [(e.name, [m.text for m in e.mentions]) for e in
                                       article.entities])
    return found[0]


# sentence, mentions as written that must each be an entity of their own, why
APART = [
    ("Министерство обороны России сообщило об учениях. Как отметили в Минобороны "
     "Великобритании, британские самолеты были подняты в воздух. «Мы следим за ситуацией», — "
     "заявили в Министерстве обороны Бельгии. «Учения плановые», — сообщили в Министерстве "
     "обороны.",
     ["Министерство обороны России", "Минобороны Великобритании", "Министерстве обороны Бельгии",
      "Министерстве обороны"],
     "three countries' ministries; the bare name could be any of them, so it stays alone"),
    ("«Мы обеспокоены», — заявил МИД России. Как сообщил МИД Японии, посол был вызван для "
     "беседы.", ["МИД России", "МИД Японии"], "the Japanese ministry is no alias of the Russian"),
    ("Японский МИД выразил протест. Российский МИД ответил, что острова принадлежат России. "
     "В МИДе заявили, что диалог продолжится.",
     ["МИД", "МИДе"], "an adjective owner keeps the two ministries and the bare one apart"),
    ("Посольство США в Москве выступило с заявлением. Посольство России в Вашингтоне ответило "
     "на критику.", ["Посольство США", "Посольство России"], "two countries' embassies"),
    ("Правительство Германии одобрило законопроект. Правительство Франции его критикует.",
     ["Правительство Германии", "Правительство Франции"], "two governments"),
    ("Полиция Лондона задержала подозреваемого. Полиция Парижа усилила охрану.",
     ["Полиция Лондона", "Полиция Парижа"], "a city is an owner too"),
    ("Верховный суд США отклонил иск. Верховный суд России рассмотрит жалобу в марте.",
     ["Верховный суд США", "Верховный суд России"], "two courts"),
    ("Парламент Грузии принял закон. Парламент Армении отложил голосование.",
     ["Парламент Грузии", "Парламент Армении"], "two parliaments"),
    ("Объединённое центральное командование ВС США заявляет, что борьба продолжится. Начальник "
     "главного оперативного управления Генштаба ВС РФ генерал-полковник Сергей Рудской "
     "сообщил, что зоны работают.",
     ["ВС США", "ВС"], "the place right after a name found alone (\"ВС\" of \"ВС РФ\") owns it"),
]


@pytest.mark.parametrize("text, written, why", APART)
def test_owners_apart(extract, text, written, why):
    article = extract(text)
    if written == ["МИД", "МИДе"]:
        # both "МИД" mentions are found, each an entity of its own, and so is "МИДе"
        holders = [e for e in article.entities
                   if any(m.kind == "name" and m.text in written for m in e.mentions)]
        assert sorted(len(e.mentions) for e in holders) == [1, 1, 1], why
        return
    holders = [_holder(article, w) for w in written]
    assert len({id(e) for e in holders}) == len(written), why


# sentence, mentions as written that must be one entity, its name
JOINED = [
    ("Министерство обороны России сообщило об учениях. Позже российское Минобороны уточнило "
     "детали. «Все идет по плану», — заявили в Минобороны.",
     ["Министерство обороны России", "российское Минобороны", "Минобороны"],
     "Министерство обороны России"),
    ("Министерство обороны Великобритании направило фрегат в Ла-Манш. Позже британское "
     "Минобороны сообщило, что корабль вернулся в порт.",
     ["Министерство обороны Великобритании", "британское Минобороны"],
     "Министерство обороны Великобритании"),
    ("«Мы обеспокоены», — заявили в МИД России. В МИДе добавили, что ждут объяснений.",
     ["МИД России", "МИДе"], "МИД России"),
    ("Министерство внутренней безопасности США сканировало систему. Представитель Министерства "
     "внутренней безопасности Соединённых Штатов отказался от комментариев.",
     ["Министерство внутренней безопасности США",
      "Министерства внутренней безопасности Соединённых Штатов"], None),
]


@pytest.mark.parametrize("text, written, name", JOINED)
def test_owners_joined(extract, text, written, name):
    article = extract(text)
    holders = {id(_holder(article, w)): _holder(article, w) for w in written}
    assert len(holders) == 1, [e.name for e in holders.values()]
    if name is not None:
        assert next(iter(holders.values())).name == name


# sentence, the person's name, a form that must not be the name
SURNAMES = [
    ("Об этом RT сообщила директор по связям штата Индиана Валери Вэрика. Вэрика уточнила, что "
     "сканирование продолжалось месяц. По словам Вэрики, атаки наблюдались до декабря.",
     "Валери Вэрика", "Валери Вэрик"),
    ("Валери Вэрик заявила журналистам, что не знает о расследовании. «Я впервые об этом "
     "слышу», — сказала Вэрик.", "Валери Вэрик", "Валери Вэрика"),
    ("Как рассказал Валери Вэрик, компания готова к переговорам. По словам Вэрика, сделка "
     "будет закрыта.", "Валери Вэрик", "Валери Вэрика"),
    ("Канцлер Германии Олаф Шольц прибыл в Париж. Шольца встретил президент Франции.",
     "Олаф Шольц", "Олаф Шольца"),
    ("Бразильский защитник Жоау Силва перешел в «Зенит». Силва заявил, что рад переезду.",
     "Жоау Силва", "Жоау Силв"),
    ("Евросоюз серьёзно относится к инциденту с отравлением экс-сотрудника ГРУ Сергея Скрипаля "
     "и его дочери Юлии в Солсбери. Помимо этого, замминистра иностранных дел Конрад Шиманьский "
     "отмечал, что Варшава на фоне дела Скрипаля пытается отговорить Германию от строительства "
     "«Северного потока — 2».", "Сергей Скрипаль", "Сергей Скрипаля"),
]


@pytest.mark.parametrize("text, name, wrong", SURNAMES)
def test_surname_as_written_in_nominative(extract, text, name, wrong):
    people = [e for e in extract(text).entities if e.type == "PER"]
    names = [e.name for e in people]
    assert name in names, names
    assert wrong not in names and all(wrong not in e.aliases for e in people), names
