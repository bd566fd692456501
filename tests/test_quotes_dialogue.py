"""Dialogue turns (issue 15, twelfth session): paragraphs a dash opens in a transcript or a
narrated talk (GUIDELINES K1, decisions 6 and 7; H6/K8 for interviews).

Sentences written for these tests in the manner of the read batches (none is a gold article's):
the text in, every quote found out as (text, kind). Each negative case sits next to a quote that
must still be found.
"""
from __future__ import annotations

import pytest

from conftest import extracted_quotes
from svodka.layout.turns import opens_turn, turn_runs


def _found(text: str) -> list[tuple[str, str]]:
    return [(quote, kind) for quote, kind, _ in extracted_quotes(text)[1]]


def test_a_turn_opens_with_a_dash_and_a_capital():
    assert opens_turn("- Кто на связи?")
    assert opens_turn("— «Зенит» сыграл хорошо? — спросил он.")
    assert not opens_turn("- повысить зарплаты учителям;")      # a list item
    assert not opens_turn("— 15% опрошенных")
    assert not opens_turn("Пилот согласился ждать.")
    assert turn_runs(["Вступление:", "- Да.", "— Нет.", "Итог.", "- Ещё."]) == [range(1, 3),
                                                                                  range(4, 5)]


# A transcript: the turns a colon cue of recorded speech opens are quotes up to the first turn
# with a cue of its own; a turn with its own cue is a quote however short (K1).
TRANSCRIPT = ("Запись переговоров диспетчера\n"
              "Газета опубликовала запись переговоров диспетчера с экипажем.\n"
              "Микрофоны в диспетчерской регистрируют:\n"
              "- Кто на связи?\n"
              "- Борт сорок два. Прошу посадку.\n"
              "- Видимость какая? — спрашивает диспетчер.\n"
              "- Плохая, — отвечает пилот.\n"
              "- Тогда ждите! — говорит диспетчер. — Освободим полосу через двадцать минут.\n"
              "Пилот согласился ждать.")


def test_a_transcripts_turns_are_quotes(models):
    assert _found(TRANSCRIPT) == [
        ("Кто на связи?", "direct"),
        ("Борт сорок два. Прошу посадку", "direct"),
        ("Видимость какая?", "direct"),
        ("Плохая", "direct"),
        ("Тогда ждите!", "direct"),
        ("Освободим полосу через двадцать минут", "direct"),
    ]


# An interview's turns carry no cue: they are not quotes (decision 7, H6), even after a colon
# that introduces the talk; a cued turn in a narrated talk still is.
INTERVIEW = ("Министр спорта ответил на вопросы RT.\n"
             "Разговор с министром начался с итогов сезона:\n"
             "— Как вы оцениваете выступление сборной?\n"
             "— Команда провела сезон ровно, но до медалей ей не хватило опыта.\n"
             "— Что изменится в следующем году?\n"
             "— Мы увеличим число сборов и пригласим молодых игроков.")


def test_an_interviews_uncued_turns_are_no_quotes(models):
    assert _found(INTERVIEW) == []
    narrated = INTERVIEW + "\n— Этого хватит? — спросил журналист."
    assert _found(narrated) == [("Этого хватит?", "direct")]


# Dash-opened list items after a speech cue's colon are no turns (they open lowercase).
LIST = ("Профсоюз учителей выдвинул требования к правительству. Председатель профсоюза Анна "
        "Белова перечислила их:\n"
        "- повысить зарплаты учителям;\n"
        "- сократить отчётность.\n"
        "- Мы не отступим, — сказала Белова.")


def test_list_items_are_no_turns(models):
    assert _found(LIST) == [("Мы не отступим", "direct")]


# A tweet's signature and a byline open with a dash and a capital too; with no cue they stay out,
# and the colon before the tweet introduces the tweet, not a talk.
EMBED = ("Президент ответил критикам в соцсети.\n"
         "Трамп написал в Twitter:\n"
         "— Donald J. Trump (@realDonaldTrump) 6 октября 2017 г.\n"
         "— Мария Иванова, специально для RT\n"
         "— Это затишье перед бурей, — сказал он позже журналистам.")


def test_a_tweets_signature_and_a_byline_are_no_turns(models):
    assert _found(EMBED) == [("Это затишье перед бурей", "direct")]
