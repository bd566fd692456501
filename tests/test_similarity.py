"""Name-word comparison the linking modules share: case endings and one-letter variants."""
from __future__ import annotations

import pytest

from svodka.extractors.entities.similarity import close_names, one_edit, same_word
from svodka.extractors.entities.types import Groups, family


@pytest.mark.parametrize("a, b, same", [
    ("шольц", "шольца", True),          # a case ending
    ("василенко", "василенко", True),
    ("путин", "путина", True),
    ("ким", "кима", False),             # too short to trust an ending
    ("иванов", "ивановский", False),
    ("шольц", "шульц", False),
])
def test_same_word(a, b, same):
    assert same_word(a, b) is same


@pytest.mark.parametrize("a, b, close", [
    ("буфье", "буффье", True),          # one letter added in a long word
    ("мэйфилд", "мейфилд", True),       # э and е alike
    ("шольц", "шольца", True),
    ("бушь", "буш", False),             # one edit, but too short a word
    ("джонсон", "джексон", False),      # two letters apart
])
def test_close_names(a, b, close):
    assert close_names(a, b) is close


def test_one_edit_keeps_the_first_two_letters():
    assert one_edit("буффье", "буфье") and not one_edit("буфье", "куфье")


def test_groups_join_transitively_and_keep_the_first_index_as_root():
    groups = Groups(4)
    groups.union(3, 1)
    groups.union(1, 2)
    assert {groups.find(i) for i in (1, 2, 3)} == {1} and groups.find(0) == 0


def test_organizations_and_places_share_a_family_people_do_not():
    assert family("ORG") == family("LOC") != family("PER") != family("EVENT")
