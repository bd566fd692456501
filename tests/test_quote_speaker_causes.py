"""Quote speakers by cause (issue 15, sixth session): each row is a sentence of unseen news
where a general grammatical mechanism decides who spoke, and the speaker a reader names.

The quotes come before a second person who could be taken for the speaker (the one quoted
before, the outlet told), so a rule that keeps the old speaker, or takes the nearest name,
fails.
"""
from __future__ import annotations

import pytest

import svodka

# text, {quote text: its speaker's name (None: no one the article names)}
SPEAKERS = [
    # a name in a chain of appositions to the subject is the subject: the new person in focus,
    # whom "собеседник RT" and "по его мнению" then refer to, not the one quoted before
    ("«Абсолютно никаких неожиданностей для меня не случилось», — добавил Труненков.\n"
     "Президент Федерации кёрлинга России (ФКР), депутат Госдумы Дмитрий Свищёв назвал "
     "отстранение российских спортсменов от Олимпиады диверсией.\n"
     "«Это целенаправленная диверсия, к которой Россию долго-долго готовили», — отметил "
     "собеседник RT.\n"
     "По его мнению, Россию и будут пытаться не допустить до Олимпиады.",
     {"Абсолютно никаких неожиданностей для меня не случилось": "Труненков",
      "Это целенаправленная диверсия, к которой Россию долго-долго готовили": "Дмитрий Свищёв",
      "Россию и будут пытаться не допустить до Олимпиады": "Дмитрий Свищёв"}),
]


@pytest.mark.parametrize("text, speakers", SPEAKERS)
def test_speaker_by_cause(text, speakers, models):
    article = svodka.extract(text, models=models)
    found = {quote.text: quote.speaker_name for quote in article.quotes}
    for quote, name in speakers.items():
        assert quote in found, found     # the quote itself is found
        assert found[quote] == name, found
