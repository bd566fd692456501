"""Families and speakers (issue 15, ninth session): a lone surname that several people of one
article share names the one a reader has in focus, and a reflexive bound by a quote's "я" is
the quote's speaker. Sentences from RuCoCo's newsru.com and RT articles, shortened.

Each row names what must be linked and what must stay apart, so a resolver that links
nothing, or everything, fails."""
from __future__ import annotations

import pytest

import svodka


def _groups(article) -> dict[str, set[str]]:
    """Each mention's text → the names of the entities holding it."""
    found: dict[str, set[str]] = {}
    for entity in article.entities:
        for mention in entity.mentions:
            found.setdefault(mention.text, set()).add(entity.name)
    return found


BROTHERS = ("Американская прокуратура располагает доказательствами того, что Джохар Царнаев, "
            "обвиняемый в совершении теракта во время Бостонского марафона, знал о причастности "
            "своего старшего брата Тамерлана Царнаева к тройному убийству. ")


# text, {surname as written: the full name it must join}, the full names that must stay two
FAMILIES = [
    # the brother named last before the lone surname is the one it names
    (BROTHERS + "Через три дня после теракта Тамерлан был убит в перестрелке с полицией, Джохар "
     "был обнаружен в катере на заднем дворе и арестован.\n\nВ июле прошлого года состоялись "
     "первые судебные слушания по этому делу. Царнаев не признал себя виновным.",
     {"Царнаев": "Джохар Царнаев"}, ("Джохар Царнаев", "Тамерлан Царнаев")),
    # ... and when the other brother is named last, the other one
    (BROTHERS + "Джохар был арестован в пригороде Бостона. Тамерлан Царнаев был убит в "
     "перестрелке с полицией. Царнаев был уроженцем Киргизии.",
     {"Царнаев": "Тамерлан Царнаев"}, ("Джохар Царнаев", "Тамерлан Царнаев")),
]


@pytest.mark.parametrize("text, joined, apart", FAMILIES)
def test_lone_surname_names_the_family_member_in_focus(text, joined, apart, models):
    article = svodka.extract(text, models=models)
    groups = _groups(article)
    for surname, name in joined.items():
        assert groups.get(surname) == {name}, groups
    holders = [e for e in article.entities if e.name in apart]
    assert len(holders) == len(apart), [e.name for e in article.entities]


def test_two_of_a_family_named_in_one_breath_leave_the_surname_alone(models):
    # «Джохар и Тамерлан» side by side just before: a reader cannot tell, nor does svodka
    text = (BROTHERS + "Суд допросил свидетелей, знавших Джохара Царнаева и Тамерлана Царнаева. "
            "Царнаев не признал себя виновным.")
    article = svodka.extract(text, models=models)
    groups = _groups(article)
    assert groups.get("Царнаев") not in ({"Джохар Царнаев"}, {"Тамерлан Царнаев"}), groups
    assert {"Джохар Царнаев", "Тамерлан Царнаев"} <= {e.name for e in article.entities}


def _rules(article, words: str) -> dict[str, str | None]:
    return {entity.name: mention.rule for entity in article.entities
            for mention in entity.mentions if mention.text == words}


def test_reflexive_bound_by_the_speakers_i(models):
    article = svodka.extract("«Я сделаю всё для своей страны», — заявил Владимир Путин "
                             "журналистам.", models=models)
    assert _rules(article, "своей") == {"Владимир Путин": "reflexive:speaker"}
    assert _rules(article, "Я") == {"Владимир Путин": "pronoun:speaker"}


def test_a_persons_we_binds_no_reflexive_to_that_person(models):
    # "мы" of a person is a group he speaks for: "своей" is not Путин's by this rule
    article = svodka.extract("«Мы сделаем всё для своей страны», — заявил Владимир Путин "
                             "журналистам.", models=models)
    assert "reflexive:speaker" not in _rules(article, "своей").values()
    assert "Владимир Путин" in {e.name for e in article.entities}


def test_a_plural_surname_is_the_family_not_one_of_it(models):
    # RuCoCo puts «Лофнеров» with «Родители маньяка», not with the father
    text = ("Рэнди Лофнер и его жена Эми Лофнер заявили, что потрясены. Соседи Лофнеров "
            "рассказали, что семья жила замкнуто. Дом Лофнеров окружила полиция. Рэнди Лофнер "
            "отказался от комментариев.")
    article = svodka.extract(text, models=models)
    family = [e for e in article.entities if any(m.text == "Лофнеров" for m in e.mentions)]
    assert len(family) == 1 and {m.text for m in family[0].mentions} == {"Лофнеров"}
    father = [e for e in article.entities if e.name == "Рэнди Лофнер"]
    assert len(father) == 1 and [m.text for m in father[0].mentions].count("Рэнди Лофнер") == 2
