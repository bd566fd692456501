"""Organizations NER never finds (issue 15, the thirteenth session): a lowercase institution
with a complement ending on a named organization, a descriptor compound before a name.

The first rows are the census's forms of docs/quotes.md ("Twelfth session: speakers that are
no candidate"), written as news sentences; each table also says what must not be taken."""
from __future__ import annotations

import pytest

from conftest import entity_names


# sentence, organizations it names, organizations that must not be found
INSTITUTIONS = [
    # an institution noun + genitive organization: the noun's adjective goes with it
    ("Об этом говорится в обращении юридического комитета палаты представителей конгресса США.",
     ["юридический комитет палаты представителей конгресса США",
      "палата представителей конгресса США"], []),
    # + "по" + a listed domain noun with its "с" + instrumental phrase
    ("Как сообщило управление по борьбе с терроризмом Госдепа США, угроза сохраняется.",
     ["управление по борьбе с терроризмом Госдепа США", "Госдеп США"], []),
    ("Как заявили в департаменте по делам молодёжи правительства Москвы, конкурс продлится "
     "месяц.", ["департамент по делам молодёжи правительства Москвы", "правительство Москвы"], []),
    ("В нарушениях обвинили управление по контролю за оборотом наркотиков МВД России.",
     ["управление по контролю за оборотом наркотиков МВД России", "МВД России"], []),
    # + "при" + an organization in the locative; a capital opening the sentence
    ("Об этом говорится в докладе, подготовленном генеральным инспекторатом при Госдепе.",
     ["генеральный инспекторат при Госдепе", "Госдеп"], []),
    ("Генеральный инспекторат при Госдепе опубликовал отчёт.",
     ["Генеральный инспекторат при Госдепе", "Госдеп"], []),
    # a person after the complement stays the person's
    ("Председатель комитета Госдумы по обороне Андрей Картаполов заявил об этом.",
     ["комитет Госдумы по обороне", "Госдума"], ["Андрей Картаполов"]),
]


@pytest.mark.parametrize("text, organizations, not_organizations", INSTITUTIONS)
def test_lowercase_institution_with_a_named_owner_is_one_organization(
        extract, text, organizations, not_organizations):
    found = entity_names(extract(text), "ORG")
    for name in organizations:
        assert name in found, (name, found)
    for name in not_organizations:
        assert not any(name in f for f in found), (name, found)


# sentence, a name that must be found, organizations that must not be
NO_INSTITUTION = [
    # no named owner: a kind of institution, no name
    ("Заявление сделал представитель комиссии по этике Иван Петров.",
     ("PER", "Иван Петров"), ["комиссия по этике"]),
    # "по делу" names a case, not a domain
    ("Сотрудники управления по делу Газпрома допросили свидетеля.",
     ("ORG", "Газпром"), ["управление по делу Газпрома"]),
    # the abbreviation is the bank's own name, the noun its descriptor
    ("Сотрудники банка ВТБ обратились в суд.", ("ORG", "ВТБ"), ["банк ВТБ"]),
    # institutions in the plural are no one institution
    ("Комитеты Госдумы рассмотрят законопроект в среду.", ("ORG", "Госдума"),
     ["комитеты Госдумы", "Комитеты Госдумы"]),
]


@pytest.mark.parametrize("text, found_name, not_organizations", NO_INSTITUTION)
def test_institution_without_a_named_owner_stays_no_name(extract, text, found_name,
                                                         not_organizations):
    article = extract(text)
    type_, name = found_name
    assert name in entity_names(article, type_), (name, entity_names(article, type_))
    found = entity_names(article, "ORG")
    for wrong in not_organizations:
        assert wrong not in found, (wrong, found)


def test_descriptor_compound_is_no_organization_and_the_name_speaks(extract):
    article = extract("Компания-производитель CRRC Tangshan сообщила о поставке вагонов. «Мы "
                      "выполним контракт в срок», — говорится в заявлении компании.")
    found = entity_names(article, "ORG")
    assert "CRRC Tangshan" in found, found
    assert not any("производитель" in f.lower() for f in found), found
    assert [q.speaker_name for q in article.quotes] == ["CRRC Tangshan"]


@pytest.mark.parametrize("text, speaker", [
    ("Доклад подготовило управление по борьбе с терроризмом Госдепа США. «Угроза остаётся "
     "высокой», — заявили в управлении.", "управление по борьбе с терроризмом Госдепа США"),
    ("Отчёт опубликовал генеральный инспекторат при Госдепе. «Нарушения были "
     "систематическими», — отмечается в отчёте инспектората.",
     "генеральный инспекторат при Госдепе"),
])
def test_institution_found_speaks_through_its_description(extract, text, speaker):
    """«— заявили в управлении»: the description links to the institution found."""
    article = extract(text)
    assert [q.speaker_name for q in article.quotes] == [speaker]
