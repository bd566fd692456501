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
    """Eight times the text costs about eight times the CPU, not sixty-four (a ratio of CPU
    times, so a loaded machine does not fail it); code lines are dropped on the way."""
    import time

    def cpu_seconds(text: str) -> float:
        started = time.process_time()
        assert signature(text) is not None
        return time.process_time() - started

    small = min(cpu_seconds(STORY * 375) for _ in range(2))
    large = min(cpu_seconds(STORY * 3000) for _ in range(2))    # ~1.7 MB, ~150,000 words
    assert large < 24 * max(small, 1e-3)
    assert signature((STORY + "\n" + QUIZ + "\n") * 3000) is not None


# Script and CSS that the reading layer leaves in a page's text (an embedded video player, a
# quiz widget): the same on every page of the site, so it must not count as shared prose.
PLAYER = ('jwplayer("js-mediaplayer-58e7efcfc4618865138b45e8").setup({ advertising: '
          '(function() { return { client: "vast", tag: "https://an.yandex.ru/meta/237738" } '
          '})(), file: "https://cdnv.rt.com/russian/video/2017.04/58e7efcfc4618865138b45e8.mp4", '
          'aspectratio: "16:9", skin: { name: "five", active: "#77bd1e" }, width: "100%", '
          'sharing: { heading : "Поделиться Видео" }, events: { onPlay: function(){ if(ga) { '
          'ga("send", "event", "JWPLAYER-GA", "CLICK PLAY", location.href); } } } });\n'
          'function pauseMedia(playingMediaId) { var players = document.querySelectorAll('
          '".jwplayer, object"); for (var i = 0, max = players.length; i < max; i++) { '
          'jwplayer(players[i]).play(false); } }')
QUIZ = ("(function(d,s,id){var js,fjs=d.getElementsByTagName(s)[0];if(d.getElementById(id))"
        "return;js=d.createElement(s);js.id=id;js.src='//embed.playbuzz.com/sdk.js';"
        "fjs.parentNode.insertBefore(js,fjs);}(document,'script','playbuzz-sdk'));")


def test_embedded_code_does_not_make_different_articles_alike():
    index = NearDuplicateIndex()
    index.add("crimea", signature("Тест RT: что вы знаете о Крыме?\n\n" + QUIZ))
    assert index.best_match(signature("Тест RT: орудия казней и пыток\n\n" + QUIZ)) is None
    index.add("talks", signature("Переговоры в Астане продолжатся в среду\n\n" + PLAYER))
    other = "Сборная России вышла в финал чемпионата\n\n" + PLAYER
    assert index.best_match(signature(other)) is None


def test_a_copy_without_the_pages_player_code_is_a_near_duplicate():
    head, cut = "ЦБ сохранил ключевую ставку", STORY.index(" По словам")
    original = f"{head}\n\n{STORY[:cut]}\n{PLAYER}\n{STORY[cut + 1:]}"
    index = NearDuplicateIndex()
    index.add("original", signature(original))
    match = index.best_match(signature(f"{head}\n\n{STORY}"))
    assert match is not None and match[0] == "original" and match[1] >= 0.8


def test_prose_keeps_every_line_without_braces():
    from svodka.dedup.minhash import prose

    text = "Заголовок\n\nПервый абзац, «цитата» — и (скобки).\n" + QUIZ + "\nПоследний абзац."
    assert prose(STORY) == STORY
    assert prose(text) == "Заголовок\n\nПервый абзац, «цитата» — и (скобки).\nПоследний абзац."
    assert signature(QUIZ) is None
