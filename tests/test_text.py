"""svodka.text: the name keys, mark sets and script tests every extractor shares."""
from __future__ import annotations

import doctest

import pytest

import svodka.text
from svodka.text import (DASHES, OPENING_QUOTES, QUOTE_MARKS, QUOTES_AND_APOSTROPHE,
                         SPEECH_DASHES, fold, fold_e, fold_name, fold_word, has_cyrillic,
                         is_cyrillic, is_latin, without_yo)


def test_docstring_examples():
    assert doctest.testmod(svodka.text).failed == 0


@pytest.mark.parametrize("one, other", [
    ("Пётр Порошенко", "петр  порошенко"),
    ("  Соединённые Штаты\n", "СОЕДИНЕННЫЕ ШТАТЫ"),
    ("Фёдор", "федор"),
])
def test_fold_joins_spellings_of_one_name(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize("one, other", [
    ("Пётр Порошенко", "Петро Порошенко"),
    ("Иванов", "Иванова"),
])
def test_fold_keeps_other_names_apart(one, other):
    assert fold(one) != fold(other)


def test_fold_word_keeps_spacing_so_offsets_stay():
    text = "Ёлки  и палки"
    assert fold_word(text) == "елки  и палки"
    assert len(fold_word(text)) == len(text)


@pytest.mark.parametrize("one, other", [
    ("Кот-д’Ивуар", "Кот–д'Ивуар"),
    ("О’Нил", "О'Нил"),
    ("Нур-Султан", "Нур—Султан"),
])
def test_fold_name_joins_apostrophe_and_dash_variants(one, other):
    assert fold(one) != fold(other)
    assert fold_name(one) == fold_name(other)


def test_fold_e_reads_e_for_e_oborotnoe():
    assert fold_e("Мэйфилд") == fold_e("Мейфилд") == "мейфилд"


def test_without_yo_keeps_case():
    assert without_yo("Пётр Ёлкин") == "Петр Елкин"


@pytest.mark.parametrize("text, cyrillic, latin", [
    ("Газпром", True, False),
    ("Gazprom", False, True),
    ("Ёлка", True, False),
    ("iPhone 15", False, True),
    ("Russia Today — RT", False, True),
    ("ООО «Рога и копыта»", True, False),
    ("Рено-Renault", False, False),
    ("2024", False, False),
])
def test_scripts(text, cyrillic, latin):
    assert is_cyrillic(text) is cyrillic
    assert is_latin(text) is latin


def test_has_cyrillic_counts_yo_unless_told_not_to():
    assert has_cyrillic("Ё") and not has_cyrillic("Ё", count_yo=False)
    assert has_cyrillic("Рено-Renault", count_yo=False)
    assert not has_cyrillic("Renault")


def test_mark_sets():
    assert set(OPENING_QUOTES) < set(QUOTE_MARKS) < set(QUOTES_AND_APOSTROPHE)
    assert "«Газпром»".strip(QUOTE_MARKS) == "Газпром"
    assert "'Спартак'".strip(QUOTES_AND_APOSTROPHE) == "Спартак"
    assert set(DASHES) < set(SPEECH_DASHES) and "―" in SPEECH_DASHES
    assert all(len(mark) == 1 for mark in QUOTES_AND_APOSTROPHE + SPEECH_DASHES)
