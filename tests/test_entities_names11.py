"""Names split or merged (issue 15, eleventh session): one person under a name with an
initial and the same name spelled out, namesakes of one surname kept apart, an organization
that a longer name continues with "и", titles of works and set phrases that name no one."""
from __future__ import annotations

import pytest


def _holders(article, written: str) -> list:
    """The entities with a name mention written exactly ``written``."""
    return [e for e in article.entities
            if any(m.kind == "name" and m.text == written for m in e.mentions)]


def _one(article, written: str):
    found = _holders(article, written)
    assert len(found) == 1, (written, [(e.name, [m.text for m in e.mentions])
                                       for e in article.entities])
    return found[0]


KENNEDY = ("Национальный архив США обнародовал документы об убийстве президента Джона "
           "Кеннеди. Среди них показания Ли Харви Освальда. Убийство Джона Фитцджеральда "
           "Кеннеди произошло в Далласе в 1963 году. Интерес к делу вырос после фильма "
           "Оливера Стоуна «Джон Ф. Кеннеди. Выстрелы в Далласе». Кеннеди был застрелен во "
           "время визита в Техас.")


def test_one_kennedy_under_three_names(extract):
    # rt3-0985 of the analyst read 12l: three entities before; "Джон Кеннеди" fitted both the
    # film title's "Джон Ф. Кеннеди" and "Джон Фитцджеральд Кеннеди", and so joined neither
    article = extract(KENNEDY)
    kennedy = _one(article, "Джона Кеннеди")
    assert _one(article, "Джона Фитцджеральда Кеннеди") is kennedy
    assert _one(article, "Кеннеди") is kennedy
    assert kennedy.name == "Джон Фитцджеральд Кеннеди"
    # the film's title is no mention of him, nor of anyone; its director is found
    assert not _holders(article, "Джон Ф. Кеннеди")
    assert not any("Ф. Кеннеди" in m.text for e in article.entities for m in e.mentions)
    assert _one(article, "Оливера Стоуна").name == "Оливер Стоун"


def test_name_inside_a_title_that_opens_otherwise_is_found(extract):
    # RuCoCo training article (name census): RuCoCo marks "Пауля" inside the comedy's title
    article = extract("Осьминог Пауль предсказал победу Испании. Про головоногого пророка "
                      "сняли черную комедию «Убить осьминога Пауля». Пауль все-таки приносит "
                      "пользу.")
    assert _one(article, "Пауля") is _one(article, "Пауль")


@pytest.mark.parametrize("text, initial, full", [
    ("Джордж У. Буш встретился с Тони Блэром. Джордж Уокер Буш назвал встречу полезной.",
     "Джордж У. Буш", "Джордж Уокер Буш"),
    ("Роберт Ф. Кеннеди выступил в Сенате. Роберт Фрэнсис Кеннеди говорил о бедности. "
     "Джон Кеннеди его поддержал.", "Роберт Ф. Кеннеди", "Роберт Фрэнсис Кеннеди"),
])
def test_initial_and_spelled_out_name_are_one(extract, text, initial, full):
    article = extract(text)
    assert _one(article, initial) is _one(article, full)


def test_initial_that_fits_two_names_joins_neither(extract):
    article = extract("Джон Фрэнк Кеннеди и Джон Фитцджеральд Кеннеди — разные люди. "
                      "Джон Ф. Кеннеди не ответил.")
    frank, fitzgerald = (_one(article, "Джон Фрэнк Кеннеди"),
                         _one(article, "Джон Фитцджеральд Кеннеди"))
    assert frank is not fitzgerald
    initial = _one(article, "Джон Ф. Кеннеди")
    assert initial is not frank and initial is not fitzgerald


# the same surname, two first names: two people, and the lone surname goes to the right one
# or to none
NAMESAKES = [
    # husband and wife: the verb's gender says whose "Трамп" it is
    ("Первая леди США Мелания Трамп посетила детскую больницу в Вашингтоне. Президент Дональд "
     "Трамп в это время проводил встречу с министрами. Трамп заявил, что доволен переговорами. "
     "Мелания Трамп рассказала журналистам о своей программе.",
     "Мелания Трамп", "Дональд Трамп", "Трамп", "Дональд Трамп"),
    # brothers named in one breath: the lone surname is neither's
    ("Джон Кеннеди и Роберт Кеннеди прибыли в Даллас. Кеннеди выступил с речью.",
     "Джон Кеннеди", "Роберт Кеннеди", "Кеннеди", None),
    # brothers named apart; an initial says which
    ("Джон Кеннеди был убит в 1963 году. Спустя пять лет в Лос-Анджелесе был убит его брат "
     "Роберт Кеннеди. Р. Кеннеди тогда боролся за выдвижение от демократов.",
     "Джон Кеннеди", "Роберт Кеннеди", "Р. Кеннеди", "Роберт Кеннеди"),
]


@pytest.mark.parametrize("text, first, second, lone, lone_is", NAMESAKES)
def test_namesakes_stay_apart(extract, text, first, second, lone, lone_is):
    article = extract(text)
    one, other = _one(article, first), _one(article, second)
    assert one is not other
    assert (one.name, other.name) == (first, second)
    holder = _one(article, lone)
    if lone_is is None:
        assert holder is not one and holder is not other
    else:
        assert holder.name == lone_is


MINISTRIES = ("Фильм сняли при поддержке Российского военно-исторического общества, Министерства "
              "культуры и Минобороны России, а также Министерства культуры и спорта Республики "
              "Казахстан. Министерство культуры выделило на съёмки 30 млн рублей.")


def test_name_continued_with_and_is_another_organization(extract):
    # rt3-0094 of the analyst read 12l: "Министерство культуры" took "… культуры и спорта" as
    # its alias
    article = extract(MINISTRIES)
    culture = _one(article, "Министерства культуры")
    assert _one(article, "Министерство культуры") is culture
    sport = _one(article, "Министерства культуры и спорта Республики Казахстан")
    assert sport is not culture
    assert all("спорт" not in alias for alias in culture.aliases)


@pytest.mark.parametrize("text, none_of, found", [
    # ng1-0362 of the analyst read 12l: LOC "Лет"
    ("Первое исследование русской революции, написанное им в 1917 году, казалось, кануло в "
     "Лету навсегда. Потом в Праге он обратился к президенту Масарику.",
     ["Лету"], ["Праге", "Масарику"]),
    ("Все эти планы канули в Лету. Министр оказался между Сциллой и Харибдой и открыл ящик "
     "Пандоры. Посол Греции встретился с Пандорой Смит.",
     ["Лету", "Сциллой", "Харибдой", "Пандоры"], ["Греции", "Пандорой Смит"]),
])
def test_set_phrases_name_no_one(extract, text, none_of, found):
    article = extract(text)
    for written in none_of:
        assert not _holders(article, written), written
    for written in found:
        assert _holders(article, written), written


def test_two_surnames_in_one_span_are_two_people(extract):
    # RuCoCo training article (name census): slovnet's one span "Дымовский Медведеву" made a
    # third person that both lone surnames fitted, so neither joined its full name
    article = extract("Алексей Дымовский обратился к президенту Дмитрию Медведеву. Об этом "
                      "написал Дымовский Медведеву в открытом письме. Дымовский ждёт ответа, "
                      "Медведев молчит.")
    people = {e.name: {m.text for m in e.mentions if m.kind == "name"}
              for e in article.entities if e.type == "PER"}
    assert people == {"Алексей Дымовский": {"Алексей Дымовский", "Дымовский"},
                      "Дмитрий Медведев": {"Дмитрию Медведеву", "Медведеву", "Медведев"}}


def test_first_name_and_surname_stay_one_span(extract):
    # the cut above needs two words that are only surnames: a first name always shares a case
    article = extract("Об этом написал Алексей Медведеву в открытом письме. Алексею Дымовскому "
                      "ответил Медведев.")
    assert _holders(article, "Алексею Дымовскому")
    assert not _holders(article, "Дымовскому")


def test_place_written_in_another_case_is_one_place(extract):
    # RuCoCo training article (name census): "в Аквиле", which the normalizer made "Аквиль",
    # was a place of its own beside "Аквила"
    article = extract("Землетрясение разрушило центр Аквилы. В Аквиле остались без крова 17 "
                      "тысяч человек. Аквила - административный центр области Абруццо. "
                      "Берлускони прибыл в Аквилу.")
    aquila = _one(article, "Аквиле")
    assert aquila.name == "Аквила"
    assert {m.text for m in aquila.mentions if m.kind == "name"} == {
        "Аквилы", "Аквиле", "Аквила", "Аквилу"}
    assert _one(article, "Абруццо") is not aquila
