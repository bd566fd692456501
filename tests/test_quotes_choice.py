"""Which candidate speaks (issue 15, twelfth session): the person is named in the text and
an entity, but the rules chose another one or nobody. Each row is a sentence of news where the
cue's grammar decides: the pronoun's and the verb's gender, the clause a colon ends, the noun
a relative "которого" stands for, a body's voice before a subjectless plural cue, who cites and
who is cited, a group named with its organization before.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import svodka

# text, {words of a quote: its speaker's name (None: no one the article names)}
SPEAKERS = [
    # "по словам которого" after a name: the relative stands for that name
    ("В результате прирост количества избирателей в столице составил лишь примерно 1%, что не "
     "повлияет на общую картину голосования в столице, уверен глава Московской городской "
     "избирательной комиссии Валентин Горбунов, по словам которого важно развенчать миф «о "
     "каком-то искусственно раздутом количестве обратившихся с заявлением о прикреплении».",
     {"В результате прирост количества избирателей в столице": "Валентин Горбунов",
      "важно развенчать миф": "Валентин Горбунов"}),
    # the colon ends a "что" clause: "отметил" reports it, "допущены" is what was reported
    ("Василий Петров отметил, что цикл сборки ракет занимает несколько лет и в этом процессе "
     "могли быть допущены ошибки, которые в итоге и привели к аварии: «Блоки, которые вчера "
     "полетели, могли быть сделаны и пять, и десять лет назад».",
     {"цикл сборки ракет занимает несколько лет и в этом процессе могли быть допущены "
      "ошибки, которые в итоге и привели к аварии": "Василий Петров",
      "Блоки, которые вчера полетели, могли быть сделаны и пять, и десять лет назад":
      "Василий Петров"}),
    # a plural cue with no subject: the body "в организации" before it spoke, whatever the
    # parse hung it on
    ("Так или иначе, УЕФА вынес свой вердикт.\n"
     "Однако спустя неделю в организации внезапно заявили, что запрет на посещение стадиона в "
     "Севилье для поклонников «Спартака» будет касаться не только гостевой трибуны.",
     {"запрет на посещение стадиона в Севилье для поклонников «Спартака» будет касаться не "
      "только гостевой трибуны": "УЕФА"}),
    # a person citing a body keeps the words; an agency citing a person passes them on
    ("«Мы не видим оснований для изменения позиции», — заявил Дмитрий Песков, ссылаясь на "
     "данные Минобороны.\n"
     "«Удар нанесён по складу боеприпасов», — отмечает агентство, ссылаясь на министра обороны "
     "Франции Жан-Ива Ле Дриана.",
     {"Мы не видим оснований для изменения позиции": "Дмитрий Песков",
      "Удар нанесён по складу боеприпасов": "Жан-Ив Ле Дриан"}),
    # "Специалисты" repeats "специалисты Breakthrough Listen" two sentences before; a bare
    # "Эксперты" no group was named with stays no one
    ("За последние 18 месяцев работы специалисты Breakthrough Listen установили на телескоп "
     "мощные детекторы.\nНаблюдения разбиты на четыре интервала. Они будут продолжаться 10 "
     "часов. Специалисты отмечают, что сейчас Оумуамуа находится на расстоянии в две "
     "астрономические единицы от Земли.\nЭксперты считают, что интерес к астероиду будет расти.",
     {"сейчас Оумуамуа находится на расстоянии в две астрономические единицы от Земли":
      "Breakthrough Listen",
      "интерес к астероиду будет расти": None}),
    # "цитирует скаута «Спорт-Экспресс»": a listed outlet cites (quote_outlets.txt), the scout
    # spoke
    ("Не подтвердил факт проявления расизма и скаут английского «Эвертона» Павел Кучеров, "
     "который также присутствовал на стадионе.\n«Я сидел на трибуне, где располагается ложа "
     "прессы. Ничего там не слышал, кроме болельщицких выкриков», — цитирует скаута "
     "«Спорт-Экспресс».",
     {"Я сидел на трибуне, где располагается ложа прессы. Ничего там не слышал, кроме "
      "болельщицких выкриков": "Павел Кучеров"}),
]


def _speaker_of(article, words: str) -> str | None:
    """The speaker of the first quote holding ``words``, which must be found."""
    quotes = [quote for quote in article.quotes if words in quote.text]
    assert quotes, [quote.text for quote in article.quotes]
    return quotes[0].speaker_name


@pytest.mark.parametrize("text, speakers", SPEAKERS)
def test_the_cue_chooses_among_candidates(text, speakers, models):
    article = svodka.extract(text, models=models)
    assert {words: _speaker_of(article, words) for words in speakers} == speakers


def test_a_pronoun_linked_to_a_man_is_not_the_woman_who_spoke(models):
    """"— сказала она" after an interview with Ольга Гутман about Айвазовский (a gold article,
    where the resolver links "она" to the painter): a woman spoke, so not he but the woman in
    focus, Гутман."""
    gold = json.loads((Path(__file__).parent / "data/quotes/rt0-0333.json").read_text("utf-8"))
    article = svodka.extract(gold["text"], models=models)
    assert any(entity.name.startswith("Иван") and "Айвазовский" in entity.name
               for entity in article.entities)     # the painter is a candidate
    assert _speaker_of(article, "Айвазовский учился в Петербургской академии") == "Ольга Гутман"
