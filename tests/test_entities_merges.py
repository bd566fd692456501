"""No two people merged into one (issue 15): a man and a woman of one surname, brother and
sister, husband and wife, stay two entities when the words agreeing with their names say so;
a man named in an oblique case stays one. Each row says who must be found, and apart."""
from __future__ import annotations

import pytest


def _people(article) -> list:
    return [e for e in article.entities if e.type == "PER"]


def _holding(article, written: str):
    """The one person with a name mention written exactly ``written``."""
    found = [e for e in _people(article)
             if any(m.kind == "name" and m.text == written for m in e.mentions)]
    assert len(found) == 1, (written, [(e.name, [m.text for m in e.mentions]) for e in
                                       _people(article)])
    return found[0]


# sentences; the man's mention and name; the woman's mention and name (as written)
TWO_PEOPLE = [
    # the known case: "Белкина" read as his genitive although "осталась" is feminine
    ("Саша Белкин приехал в Москву в понедельник. Саша Белкина осталась дома.",
     "Саша Белкин", "Саша Белкин", "Белкина", "Белкина"),
    # the same with a present-tense verb: no gender, but a nominative subject is no genitive
    ("Саша Белкин приехал в Москву в понедельник. Саша Белкина говорит, что рада за брата.",
     "Саша Белкин", "Саша Белкин", "Саша Белкина", "Саша Белкина"),
    # husband and wife of one surname, the wife by her surname alone
    ("Сергей Иванов выступил на открытии выставки. Иванова осталась в гостинице.",
     "Сергей Иванов", "Сергей Иванов", "Иванова", "Иванова"),
    # brother and sister, both named in full
    ("Петр Смирнов окончил университет в 2010 году. Его сестра Ольга Смирнова поступила туда "
     "же. Смирнова рассказала, что выбрала химию.",
     "Петр Смирнов", "Петр Смирнов", "Смирнова", "Ольга Смирнова"),
    # father and daughter (russia_today_2, merge audit): "играла" is hers
    ("Отец погибшей, Захар Мацин, до Великой Отечественной войны играл на этой сцене. "
     "Мацина прекрасно играла на рояле — инструмент стоял в её квартире на Варшавской улице.",
     "Захар Мацин", "Захар Мацин", "Мацина", "Мацина"),
    # husband and wife (russia_today_2, merge audit): a short participle says whose it is
    ("Как выяснилось, Клинтон убеждена, что иметь две точки зрения: личную и официальную — "
     "вполне нормально для политика. Так, Билл Клинтон тепло отзывался о лидере Руанды Поле "
     "Кагаме, жёстко подавившем оппозицию в стране.",
     "Билл Клинтон", "Билл Клинтон", "Клинтон", "Клинтон"),
    # an undeclined surname: only the verbs tell husband and wife apart
    ("Александр Ким приехал в Москву. Его жена Анна Ким осталась дома. Ким уехала в среду.",
     "Александр Ким", "Александр Ким", "Ким", "Анна Ким"),
]


@pytest.mark.parametrize("text, his, his_name, her, her_name", TWO_PEOPLE)
def test_man_and_woman_stay_two(extract, text, his, his_name, her, her_name):
    article = extract(text)
    man, woman = _holding(article, his), _holding(article, her)
    assert man is not woman
    assert man.name == his_name
    assert woman.name == her_name


# sentences; the man's name; every name mention (as written) his entity must hold
ONE_MAN = [
    # a man named in the genitive: "Белкина" is his, and no verb says otherwise
    ("Саша Белкин приехал в Москву. Мы встретили Сашу Белкина на вокзале. Друзья Белкина "
     "рады его приезду.",
     "Саша Белкин", ["Саша Белкин", "Сашу Белкина", "Белкина"]),
    # his genitive as the object of a feminine verb: the verb is hers, not his
    ("Сергей Иванов приехал в Казань. Журналистка Мария Орлова спросила Иванова о планах.",
     "Сергей Иванов", ["Сергей Иванов", "Иванова"]),
    # a nominative subject with a masculine verb joins the man
    ("Сергей Иванов приехал в Казань во вторник. Иванов заявил, что доволен поездкой.",
     "Сергей Иванов", ["Сергей Иванов", "Иванов"]),
]


@pytest.mark.parametrize("text, name, written", ONE_MAN)
def test_man_in_any_case_stays_one(extract, text, name, written):
    article = extract(text)
    man = _holding(article, written[0])
    assert man.name == name
    assert [m.text for m in man.mentions if m.kind == "name"] == written


def test_woman_in_any_case_stays_one(extract):
    # her masculine-looking genitive and her nominative subject are one woman
    article = extract("Евгения Медведева прибыла в Москву. Тренер похвалил Медведеву. "
                      "Медведева говорит, что готова к турниру.")
    woman = _holding(article, "Евгения Медведева")
    assert woman.name == "Евгения Медведева"
    assert [m.text for m in woman.mentions if m.kind == "name"] == \
        ["Евгения Медведева", "Медведеву", "Медведева"]



def test_woman_beside_a_group_noun_stays_one(extract):
    # the verb agrees with "дуэт", the noun her name stands beside, not with her
    # (russia_today_0:68, merge7's records check)
    article = extract("Российский дуэт Анастасия Брызгалова — Александр Крушельницкий начал "
                      "турнир с победы. Брызгалова похожа на свою маму.")
    woman = _holding(article, "Анастасия Брызгалова")
    assert [m.text for m in woman.mentions if m.kind == "name"] == \
        ["Анастасия Брызгалова", "Брызгалова"]
    assert _holding(article, "Александр Крушельницкий") is not woman

# a Latin name in brackets after a person's: his spelling, or his team (ng0-0631 of the
# sixth session's analyst read: the teams were made aliases of their drivers)
BRACKETS = [
    ("Лучшее время показал Макс Ферстаппен (Toro Roso), вторым стал Нико Хюлькенбергу "
     "(Force India).", "Макс Ферстаппен", "Toro Roso", False),
    ("Лучшее время показал Макс Ферстаппен (Toro Roso), вторым стал Нико Хюлькенбергу "
     "(Force India).", "Нико Хюлькенбергу", "Force India", False),
    ("Брендт Кристенсен (Brendt Christensen) не признал вины, сообщил Джон Смит (John Smith).",
     "Брендт Кристенсен", "Brendt Christensen", True),
    ("Брендт Кристенсен (Brendt Christensen) не признал вины, сообщил Джон Смит (John Smith).",
     "Джон Смит", "John Smith", True),
    # a team whose first letters happen to fit the surname ("Motorsport" / "Мичелис"), a
    # hyphenated one (ng0-0233)
    ("«Обидчиком» на этот раз выступил Норберт Мичелис (Zengo Motorsport) на клиентской "
     "«Хонде».", "Норберт Мичелис", "Zengo Motorsport", False),
    ("В зачёт пошли очки Грегуара Демюстье (Craft-Bamboo) и Тома Коронеля (Roal Motorsport).",
     "Грегуара Демюстье", "Craft-Bamboo", False),
    # factRuEval dev: the span took in the word before the first name; an article before a
    # one-word name
    ("Задержаны фотограф Ассошиэйтед Пресс Билал Хассеин (Bilal Hussein), и оператор "
     "Аль-Джазиры Сами аль-Хадж (Sami al-Haj).",
     "Аль-Джазиры Сами аль-Хадж", "Sami al-Haj", True),
    ("Михаэль Шумахер допустил ошибку в повороте Раскассэ (La Rascasse).",
     "Раскассэ", "La Rascasse", True),
    # NEREL dev: a German V is written Ф
    ("По словам премьер-министра земли Гессен Фолькера Буфье (Volker Bouffier), это может "
     "быть первым политическим самоубийством.", "Фолькера Буфье", "Volker Bouffier", True),
    # NEREL dev: a one-word nickname, and a Latin spelling with a letter Russian lacks
    ("Рэпер Шон Комбс (Diddy) и министр Томас Шефер (Thomas Schäfer) встретились.",
     "Шон Комбс", "Diddy", True),
    ("Рэпер Шон Комбс (Diddy) и министр Томас Шефер (Thomas Schäfer) встретились.",
     "Томас Шефер", "Thomas Schäfer", True),
]


@pytest.mark.parametrize("text, person, bracketed, same", BRACKETS)
def test_latin_name_in_brackets(extract, text, person, bracketed, same):
    article = extract(text)
    if same:
        assert _holding(article, person) is _holding(article, bracketed)
        return
    # his team is an organization of its own, not another name of his (ng0-0233 of the
    # 2026-12h analyst read: "Норберт Мичелис (Zengo Motorsport)")
    holder = _holding(article, person)
    assert bracketed not in holder.aliases
    teams = [e for e in article.entities
             if any(m.kind == "name" and m.text == bracketed for m in e.mentions)]
    assert [e.type for e in teams] == ["ORG"], [(e.name, e.type) for e in article.entities]


# two organizations, one named inside the other's words: a common noun that narrows the longer
# name makes it another organization; an owner's name inside it does not (analyst read
# 2026-12f, ng1-0529). sentences; names that must be two entities; names that must be one
ORGANIZATIONS = [
    ("Соревнования организовали Федерация бокса России и Федерация бокса студентов России. "
     "Президент Федерации бокса России приехал на турнир.",
     ["Федерация бокса России", "Федерация бокса студентов России"], None),
    ("Российская академия наук и Российская академия естественных наук провели конференцию.",
     ["Российская академия наук", "Российская академия естественных наук"], None),
    ("Председатель Комитета Госдумы по обороне Владимир Шаманов заявил о планах. Комитет по "
     "обороне рассмотрит законопроект.", None, ["Комитета Госдумы по обороне", "Комитет по обороне"]),
]


@pytest.mark.parametrize("text, apart, together", ORGANIZATIONS)
def test_organization_inside_another_name(extract, text, apart, together):
    article = extract(text)
    orgs = [e for e in article.entities if e.type == "ORG"]
    if apart:
        assert sorted(e.name for e in orgs if e.name in apart) == sorted(apart), \
            [(e.name, [m.text for m in e.mentions]) for e in orgs]
    if together:
        holding = [e for e in orgs if any(m.text in together for m in e.mentions)]
        assert len(holding) == 1, [(e.name, [m.text for m in e.mentions]) for e in orgs]
        assert sorted({m.text for m in holding[0].mentions if m.kind == "name"}) == \
            sorted(together)
