"""Speakers that were no candidate (issue 15, twelfth session): the gold speaker is an entity,
but the resolver linked the speaker's pronoun to someone else, so no choice among the
candidates could name her. Each row is news text cut from a quote gold article of a read batch
(12j rt0-0333; the first row fails on main 01970a3); the others are short turns whose pronoun
must still reach the speaker of its gender, so a rule that drops every pronoun's link fails.
"""
from __future__ import annotations

import pytest
from test_speaker_candidates import \
    test_speaker_is_an_entity_found as speaker_is_an_entity_found

# text, {quote text opening: speaker name}
SPEAKERS = [
    # "— сказала она" is the woman who spoke two paragraphs up, not the painter named inside
    # her quote, whose name the pronoun ranker scored highest
    ("Заключение искусствоведов\nТого же мнения придерживаются и в Феодосийской картинной "
     "галерее имени И.К. Айвазовского. В беседе с RT старший научный сотрудник галереи "
     "Ольга Гутман напомнила, что живописец родился в Феодосии во времена, когда город был "
     "частью Российской империи.\n Также по теме \n Тест RT: найдите Айвазовского \n 29 "
     "июля исполняется 200 лет со дня рождения Ивана Айвазовского — русского художника, "
     "который вошёл в историю изобразительного... \n«Некоторое время тому назад, когда "
     "вышел новый учебник по истории искусства Украины, там и (Владимир. — \nRT\n) "
     "Боровиковский значился украинским художником, и (Василий. — \nRT\n) Тропинин, и так "
     "далее. В момент, когда Крым принадлежал Украине, Айвазовский тоже стал украинским "
     "художником. Но конечно, Айвазовский учился в Петербургской академии художеств и "
     "воспитывался в традициях русской живописной школы. Считаю абсолютно правильным "
     "называть его русским художником», — сказала она.",
     {"Тропинин, и так далее": "Ольга Гутман"}),
    # a short turn: "она" reaches the woman past the man named before her, "он" the man past
    # the woman, each with the painter inside the quote
    ("Директор галереи Иван Петров открыл выставку картин Айвазовского. В беседе с RT старший "
     "научный сотрудник галереи Ольга Гутман напомнила, что живописец родился в Феодосии.\n"
     "«Айвазовский учился в Петербургской академии художеств и воспитывался в традициях русской "
     "живописной школы. Считаю абсолютно правильным называть его русским художником», — сказала "
     "она.",
     {"Айвазовский учился": "Ольга Гутман"}),
    ("Директор галереи Ольга Гутман открыла выставку картин Айвазовского. В беседе с RT старший "
     "научный сотрудник галереи Иван Петров напомнил, что живописец родился в Феодосии.\n"
     "«Айвазовский учился в Петербургской академии художеств и воспитывался в традициях русской "
     "живописной школы. Считаю абсолютно правильным называть его русским художником», — сказал "
     "он.",
     {"Айвазовский учился": "Иван Петров"}),
]


@pytest.mark.parametrize("text, speakers", SPEAKERS)
def test_pronoun_speaker_agrees(extract, text, speakers):
    # the eleventh session's check: each quote found with its speaker, each speaker one entity
    speaker_is_an_entity_found(extract, text, speakers, [])
