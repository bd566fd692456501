"""One-word "people" that are no names (analyst reads 2026-12n, -12o): a lone capital letter
("план Б", rt2-0792) and a common noun that opens its sentence ("Вера прекрасно существует",
ng0-0760; "Юристы-профессионалы это хорошо знают", ng0-0571) — and the same words where they
are names ("Вера Брежнева", "Б. Обама"), which stay people."""
from __future__ import annotations

import pytest

from conftest import entity_names


# sentence, the people it names, words that must be no person
SENTENCES = [
    # rt2-0792: the letter of "план Б" at a paragraph's end
    ("Теперь у нас складывается впечатление, что США и другие на самом деле хотят сохранить "
     "группировку «Джабхат ан-Нусра» на случай, если им придётся задействовать план Б.\n"
     "Наступление по ошибке, заявил Сергей Лавров.",
     ["Сергей Лавров"], ["Б"]),
    # an initial with its surname is a name
    ("Президент США Б. Обама прилетел в Берлин на встречу с Ангелой Меркель.",
     ["Б. Обама", "Ангела Меркель"], ["Б"]),
    # ng0-0760: "вера" the noun is likelier than "Вера" the name, and no other mention names her
    ("Пусть верят, говорит протоиерей Георгий Кочетков, но не надо придавать этому большое "
     "значение. Вера прекрасно существует и без таких чудес, похожих на фокусы.",
     ["Георгий Кочетков"], ["Вера"]),
    # ng0-0571: a hyphenated common noun opening the sentence
    ("Юристы-профессионалы это хорошо знают, пишет Сергей Голубков.",
     ["Сергей Голубков"], ["Юрист-профессионал", "Юриста-профессионала"]),
    # the same word is a name when the text names her with a surname elsewhere
    ("Певица Вера Брежнева выступила в Киеве. Вера рассказала журналистам о новом альбоме.",
     ["Вера Брежнева"], []),
    # a name likelier read as a name, or as a surname, stays a person at a sentence start
    ("Роза поехала в Москву к сестре.", ["Роза"], []),
    ("Морозов заявил, что уходит из клуба.", ["Морозов"], []),
]


@pytest.mark.parametrize("text, people, not_people", SENTENCES)
def test_common_word_or_letter_is_no_person(extract, text, people, not_people):
    found = set(entity_names(extract(text), "PER"))
    assert set(people) <= found, (people, found)
    assert not set(not_people) & found, (not_people, found)


def test_a_place_pymorphy_knows_stays_an_entity(extract):
    """ng1-0651: "Карфагена" is read only as an inanimate noun, but as a place's name (Geox);
    the model's PER is a wrong type, not a word that names nothing: it is not dropped."""
    article = extract("Уже вещает Марк Катон о разрушенье Карфагена.")
    assert "Марк Катон" in entity_names(article, "PER")
    assert any(e.name.startswith("Карфаген") for e in article.entities)
