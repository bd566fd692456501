"""Who spoke, read from the cue verb's subject (issue 15, seventh session): real sentences of
the news kind in, quotes and speakers out. Each negative case also asserts the quote itself was
found, so an extractor that finds nothing fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_quotes

# The subject the parse gives the cue lies in someone's quoted words: the parse glued the
# cue to the quote. The speaker is named outside the marks.
SUBJECT_OUTSIDE_THE_MARKS = [
    # a gerund the parse hung on the verb of the direct quote before it
    ("Министр Дмитрий Козак выступил в Госдуме.\n«Деньги заложены, ни один проект не может "
     "быть рассчитан по стоимости без учета выкупа земель», – заявил на это Козак, добавив, "
     "что все олимпийские объекты привязаны к земле.",
     [("Деньги заложены, ни один проект не может быть рассчитан по стоимости без учета выкупа "
       "земель", "direct", "Козак"),
      ("все олимпийские объекты привязаны к земле", "indirect", "Козак")]),
    # the quote's own "Я" taken for the subject of the cue before the colon
    ("На вопрос о перспективах культурного обмена Михаил Швыдкой ответил дипломатично и "
     "рассказал о наработанных договоренностях: «Я надеюсь, что мы сохраним все программы, "
     "которые были согласованы».",
     [("Я надеюсь, что мы сохраним все программы, которые были согласованы", "direct",
       "Швыдкой")]),
    ("Фильмом открытия стала картина «Мой лучший друг», которую представила режиссер Элина "
     "Суни, попутно сообщив: «Я очень волнуюсь, потому что это мой первый фильм».",
     [("Я очень волнуюсь, потому что это мой первый фильм", "direct", "Суни")]),
    # a name in marks is no one's words: the subject stands
    ("Напомним, что Россия перестала поставлять газ Украине 25 ноября 2015 года, когда "
     "«Нафтогаз» объявил, что прекращает закупки у «Газпрома».",
     [("прекращает закупки у «Газпрома»", "indirect", "Нафтогаз")]),
]


@pytest.mark.parametrize("text, expected", SUBJECT_OUTSIDE_THE_MARKS)
def test_a_subject_in_quoted_words_is_not_the_speaker(text, expected, models):
    assert_quotes(text, expected)


def test_a_relative_pronoun_speaks_for_the_noun_its_clause_follows(models):
    assert_quotes(
        "Министр Дмитрий Козак отверг опасения депутатов. При этом он опроверг Вайнштока, "
        "который несколькими днями ранее, выступая в Госдуме, заявил, что стоимость земли под "
        "объектами выросла в десять раз.",
        [("стоимость земли под объектами выросла в десять раз", "indirect", "Вайншток")])


# People of a named organization speak for it (GUIDELINES C6: "эксперты из Института …" → the
# institution); where they are or whom they told is no organization of theirs.
MEMBERS = [
    ("Тем не менее во время дебатов депутаты СДПГ высказали мнение, что наказание следует "
     "ужесточить.",
     [("наказание следует ужесточить", "indirect", "СДПГ")]),
    ("К тому же представители Пентагона уже сделали заявление, что Су-57 не помешал полетам.",
     [("Су-57 не помешал полетам", "indirect", "Пентагон")]),
    ("Эксперты из Института экономики роста им. Столыпина считают, что рост замедлится.",
     [("рост замедлится", "indirect", "Институт экономики роста")]),
    ("Источники в Кремле сообщили, что встреча состоится.",
     [("встреча состоится", "indirect", None)]),
    ("Помимо этого собеседники RT сошлись во мнении, что тема утечки муссироваться не будет.",
     [("тема утечки муссироваться не будет", "indirect", None)]),
]


@pytest.mark.parametrize("text, expected", MEMBERS)
def test_people_of_a_named_organization_speak_for_it(text, expected, models):
    assert_quotes(text, expected)


def test_the_genitive_owner_of_the_subjects_title_is_not_the_speaker(models):
    # the tagger reads "Экс-советник" as a genitive apposition to "Дональда Трампа"; as a
    # person the word is nominative only, so Trump is whose adviser he was
    text = ("Майкл Флинн ушел в отставку. Экс-советник Дональда Трампа позже пояснил, что не "
            "помнит деталей разговора.")
    assert_quotes(text, [("не помнит деталей разговора", "indirect", None)])
    trump = next(e for e in svodka.extract(text).entities if e.name == "Дональд Трамп")
    assert [m.text for m in trump.mentions] == ["Дональда Трампа"]     # no title of his


# A speaking pronoun the resolver left alone is the main clause's subject of the sentence
# before, when the gender agrees ("объясняет она" after a woman introduced as the subject);
# a subject of a subordinate clause is not in focus enough, and the last speaker stays next.
PRONOUN_AFTER_A_SUBJECT = [
    ("Письмо на имя министра культуры в ближайшее время направит член комитета Госдумы "
     "Наталья Кувшинова.\n«Уверены, что принятие этой программы позволит решать проблемы "
     "дефицита кадров», — объясняет она.",
     [("Уверены, что принятие этой программы позволит решать проблемы дефицита кадров",
       "direct", "Кувшинова")]),
    ("Депутаты обсудили, с какого возраста идти в политику.\n«Работа с молодежью идет», — "
     "заметил Власов.\nПредседатель совета Денис Давыдов считает, что "
     "начинать политическую жизнь рано.\n«Ответственность наступает с совершеннолетия», — "
     "пояснил он.",
     [("Работа с молодежью идет", "direct", "Власов"),
      ("начинать политическую жизнь рано", "indirect", "Давыдов"),
      ("Ответственность наступает с совершеннолетия", "direct", "Давыдов")]),
]


@pytest.mark.parametrize("text, expected", PRONOUN_AFTER_A_SUBJECT)
def test_a_speaking_pronoun_is_the_main_subject_before(text, expected, models):
    assert_quotes(text, expected)


# A place in the genitive right after a voice noun is whose voice it is (as an organization
# is): "в сообщении пресс-службы Кремля" is the Kremlin's, not the last organization's; and a
# bare "говорится в сообщении" later is the same statement's.
def test_a_place_owning_the_voice_speaks(models):
    assert_quotes(
        "Оба президента договорились о сотрудничестве в борьбе с ИГ, «Аль-Каидой» и "
        "«Талибаном».\nВ сообщении пресс-службы Кремля говорится, что Путин проинформировал "
        "Трампа об итогах встречи.\nСтороны также обсудили положение дел на Корейском "
        "полуострове.\n«Президенты договорились продолжить контакты», — говорится в сообщении.",
        [("Путин проинформировал Трампа об итогах встречи", "indirect", "Кремль"),
         ("Президенты договорились продолжить контакты", "direct", "Кремль")])


# "по мнению Х, <apposition>, …": a genitive noun group naming someone after the phrase's
# comma is Х's apposition, part of the attribution; "Х, Y и Z" is no apposition.
APPOSITIONS = [
    ("Куба хотела бы иметь хорошие отношения с Америкой. По мнению профессора Академии "
     "военных наук, американиста Сергея Судакова, Трамп не "
     "сможет развернуть Кубу.",
     [("Трамп не сможет развернуть Кубу", "indirect", "Судаков")]),
    ("По словам Петрова, Иванова и Сидорова, решение принято.",
     [("Иванова и Сидорова, решение принято", "indirect", "Петров")]),
]


@pytest.mark.parametrize("text, expected", APPOSITIONS)
def test_an_apposition_after_by_the_words_of_belongs_to_the_attribution(text, expected,
                                                                         models):
    assert_quotes(text, expected)
