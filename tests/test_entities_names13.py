"""One person, one entity (issue 15, thirteenth session): a monk's surname in brackets after
the name he took, a pseudonym's real name, and the names that must stay apart.

Sentences from the analyst read docs/analyst-read-2026-12o.md (ng0-0760, ng0-0600)."""
from __future__ import annotations

import pytest


def _people(article) -> list[tuple[str, set[str]]]:
    """Each person: his name, and the texts of his name mentions."""
    return [(e.name, {m.text for m in e.mentions if m.kind == "name"})
            for e in article.entities if e.type == "PER"]


def _holder(people, text: str) -> int:
    """Which person holds the name mention ``text`` (it must be found)."""
    holders = [k for k, (_, texts) in enumerate(people) if text in texts]
    assert len(holders) == 1, (text, people)
    return holders[0]


# sentence, mentions that must be one person
JOINED = [
    # ng0-0760: the surname a monk bore before his vows, in the same case as his name
    ("Первый начальник Русской духовной миссии в Иерусалиме Порфирий (Успенский) в своем "
     "эпохальном труде описал схождение огня.", ["Порфирий", "Успенский"]),
    ("Архимандрит Августин (Судоплатов) сообщил, что миссия закрыта.",
     ["Августин", "Судоплатов"]),
    ("Отец архимандрит Августин совместно с отцом архимандритом Никодимом (Русняком) "
     "прочитали акафист.", ["Никодимом", "Русняком"]),
    # ng0-0600: a dative name and a dative surname
    ("Активисты направили письмо митрополиту Арсению (Епифанову), викарию патриарха.",
     ["Арсению", "Епифанову"]),
    # ng0-0600: the pseudonym and the real name it stands for
    ("Мила Одегова (псевдоним Людмилы Есипенко) сменила в роли вождя движения другого "
     "активиста.", ["Мила Одегова", "Людмилы Есипенко"]),
    ("Певица Земфира (настоящее имя — Земфира Рамазанова) выпустила новый альбом.",
     ["Земфира", "Земфира Рамазанова"]),
]


# sentence, mentions that must be two people
APART = [
    # the actor after the part he plays: the surname is Хоакин Феникс's
    ("Хоакин Феникс получил приз за лучшую мужскую роль. Джо (Феникс) живет с мамой и "
     "работает киллером.", ["Хоакин Феникс", "Джо"]),
    # two full names: the actress who plays the part
    ("В сериале «Солдатки» главную героиню Сашу (Настасья Самбурская) ждёт испытание.",
     ["Сашу", "Настасья Самбурская"]),
]


@pytest.mark.parametrize("text, names, one", [(t, n, True) for t, n in JOINED]
                         + [(t, n, False) for t, n in APART])
def test_one_person_or_two(extract, text, names, one):
    """The mentions are found, and are one person (``JOINED``) or each another (``APART``)."""
    people = _people(extract(text))
    holders = [_holder(people, name) for name in names]
    assert len(set(holders)) == (1 if one else len(holders)), people


def test_monk_named_by_the_name_he_took(extract):
    # ng0-0760: the surname in brackets is his alias, not his name
    article = extract("Архимандрит Августин (Судоплатов) с помощником привезли огонь.")
    people = {e.name: e.aliases for e in article.entities if e.type == "PER"}
    assert people == {"Августин": ["Судоплатов"]}, people


# sentences, the person's name, the aliases he must not have (a form the text never writes)
ALIASES = [
    # rt2-0618: "Бышка" is the genitive of "Бышок", the nominative the text writes
    ("«Сейчас у власти находится националистическая партия», — заявил в интервью RT "
     "политический аналитик Станислав Бышок. По словам Станислава Бышка, опросы показывают "
     "иное.", "Станислав Бышок", ["Станислав Бышк"]),
    # rt2-0859: "Булаева" is his genitive, not the village Булаево's
    ("Замглавы ЦИК Николай Булаев также сообщил, что голосование пройдёт спокойно. По словам "
     "Николая Булаева, информационный центр ЦИК готов.", "Николай Булаев", ["Николай Булаево"]),
]


@pytest.mark.parametrize("text, name, wrong", ALIASES)
def test_aliases_take_the_written_surname(extract, text, name, wrong):
    people = {e.name: e.aliases for e in extract(text).entities if e.type == "PER"}
    assert name in people, people
    assert not set(wrong) & set(people[name]), people


# a surname that differs in more than its ending keeps its own normal as an alias: "Рудского"
# is no form of "Рудский"
def test_other_surname_kept_as_alias(extract):
    article = extract("Начальник Главного оперативного управления Генштаба Сергей Рудской "
                      "заявил о провокации. Слова Сергея Рудского подтвердили в министерстве.")
    people = [e for e in article.entities if e.type == "PER"]
    assert [e.name for e in people] == ["Сергей Рудской"], [(e.name, e.aliases) for e in people]


# ng0-0600: the adjective of a bishop's see is no person; the bishop is found
def test_see_adjective_is_no_person(extract):
    article = extract("Письмо было направлено Арсению, митрополиту Истринскому, викарию "
                      "патриарха.")
    names = {m.text for e in article.entities for m in e.mentions if m.kind == "name"}
    assert "Арсению" in names and "Истринскому" not in names, names


# a surname pymorphy knows only as an adjective stays a person where no title comes before it
def test_adjective_surname_kept(extract):
    article = extract("«Мы сыграли плохо», — сказал после матча защитник Антон Белый. "
                      "Позже Белый добавил, что команда исправится.")
    people = {e.name for e in article.entities if e.type == "PER"}
    assert "Антон Белый" in people, people


# a surname that does not decline after a man's oblique first name: the verb's subject writes
# its nominative ("сообщил Балега"), so he is not "Юрий Балег", not even as an alias
def test_undeclined_surname_after_oblique_first_name(extract):
    article = extract("По словам директора обсерватории Юрия Балега, телескоп заработает в "
                      "мае. «Это важный результат», — сообщил Балега.")
    people = {e.name: e.aliases for e in article.entities if e.type == "PER"}
    assert "Юрий Балега" in people and "Юрий Балег" not in people["Юрий Балега"], people
