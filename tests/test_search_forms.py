"""Search morphology: each word of the index and of the query becomes its likely normal forms."""
from __future__ import annotations

import pytest

from svodka.store.lemmas import first_hit, lemma_groups, query_terms, word_forms


@pytest.mark.parametrize("word, form", [
    ("послом", "посол"), ("послы", "посол"), ("Токаева", "токаев"), ("Орла", "орел"),
    ("стали", "стать"), ("стали", "сталь"), ("году", "год"),
])
def test_an_inflected_word_has_its_dictionary_form(word, form):
    assert form in word_forms(word)


@pytest.mark.parametrize("word, not_form", [("после", "посол"), ("при", "переть"), ("для", "длить")])
def test_a_reading_pymorphy_all_but_rules_out_is_not_indexed(word, not_form):
    assert not_form not in word_forms(word)


def test_searching_the_ambassador_skips_the_preposition():
    text = "После встречи посол Казахстана выступил перед журналистами"
    groups = lemma_groups(text)
    assert first_hit(groups, query_terms("посол")) == 2
    assert first_hit(lemma_groups("После встречи все разошлись"), query_terms("посол")) is None
