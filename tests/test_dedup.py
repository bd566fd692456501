"""Near-duplicates: reposts and light edits match, different stories on the same topic do not."""
from __future__ import annotations

import pytest

from svodka.dedup import NearDuplicateIndex, jaccard, signature

STORY = ("Центральный банк России в пятницу сохранил ключевую ставку на уровне 16 процентов "
         "годовых, сообщила пресс-служба регулятора. Решение совпало с ожиданиями большинства "
         "аналитиков, опрошенных агентством. По словам председателя ЦБ, инфляционное давление "
         "остается высоким, а рынок труда по-прежнему перегрет. Следующее заседание совета "
         "директоров по ключевой ставке запланировано на конец октября.")


@pytest.mark.parametrize("copy", [
    STORY,                                                              # verbatim repost
    STORY + " Подписывайтесь на наш канал в Telegram.",                 # a footer added
    "РИА Новости. " + STORY,                                            # an agency prefix
    STORY.replace("Центральный банк", "ЦЕНТРАЛЬНЫЙ БАНК"),              # case does not count
])
def test_reposts_are_near_duplicates(copy):
    index = NearDuplicateIndex()
    index.add("original", signature(STORY))
    match = index.best_match(signature(copy))
    assert match is not None and match[0] == "original" and match[1] >= 0.8


@pytest.mark.parametrize("other", [
    STORY.replace("сохранил ключевую ставку на уровне 16 процентов",
                  "повысил ключевую ставку до 17 процентов").replace(
        "Решение совпало с ожиданиями большинства аналитиков, опрошенных агентством",
        "Решение стало неожиданностью для аналитиков, ждавших паузы"),  # a different decision
    "Центральный банк России в пятницу понизил ключевую ставку. Аналитики ждали этого шага.",
    STORY[: len(STORY) // 2],                                           # half of the story
])
def test_different_or_partial_stories_are_not(other):
    index = NearDuplicateIndex()
    index.add("original", signature(STORY))
    assert index.best_match(signature(other)) is None


def test_the_most_similar_stored_article_wins():
    index = NearDuplicateIndex()
    index.add("older", signature(STORY + " Курс рубля при этом почти не изменился."))
    index.add("closer", signature(STORY + " Подписывайтесь на наш канал."))
    assert index.best_match(signature(STORY + " Подписывайтесь на наш канал!"))[0] == "closer"


def test_signatures_are_stable_bytes_and_empty_text_has_none():
    first, second = signature(STORY), signature(STORY)
    assert first == second and len(first) == 128 * 8
    assert jaccard(first, second) == 1.0
    assert signature("") is None and signature(" — ... ") is None
    assert NearDuplicateIndex().best_match(first) is None


def test_a_huge_text_is_hashed_in_linear_time():
    import time
    started = time.perf_counter()
    assert signature(STORY * 3000) is not None     # ~1.7 MB, ~150,000 words
    assert time.perf_counter() - started < 20
