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
    # a commentator's words run on for sentences after "считает, что": "эксперт" a few
    # sentences later is still him
    ("Руководитель центра исследований внешнеполитического механизма США Института США и "
     "Канады РАН, доктор исторических наук Сергей Самуйлов считает, что меры, предлагаемые "
     "Дональдом Трампом, довольно разумны. Но при этом следует учитывать политические интересы "
     "игроков, которые занимаются бизнесом. Многим корпорациям будут невыгодны нововведения, и "
     "они постараются воспрепятствовать исполнению указов.\n«Сейчас вопрос в том, насколько "
     "политическая элита позволит Трампу реализовать его программу», — пояснил эксперт.",
     {"меры, предлагаемые Дональдом Трампом, довольно разумны": "Сергей Самуйлов",
      "Сейчас вопрос в том, насколько политическая элита позволит Трампу реализовать его "
      "программу": "Сергей Самуйлов"}),
    # a title's one holder named only later ("сенатор Джон Маккейн") is no one yet to refer
    # to: the senator who just spoke is
    ("Глава комиссии Совета Федерации по информационной политике Алексей Пушков заявил, что "
     "такие диалоги позволяют поддерживать двусторонние отношения.\n«Контакты двух президентов "
     "позволяют сохранить нить отношений Россия — США», — написал сенатор в Twitter.\n"
     "Сенатор Джон Маккейн раскритиковал разговор президентов.",
     {"такие диалоги позволяют поддерживать двусторонние отношения": "Алексей Пушков",
      "Контакты двух президентов позволяют сохранить нить отношений Россия — США":
      "Алексей Пушков"}),
    # a title whose complement is a common noun ("игрок обороны") names no new role's holder:
    # the player who just spoke, not the other player the text called "игрок «Андерлехта»"
    ("«Это большая потеря для «Зенита», — считает игрок «Андерлехта» Брам Нуйтинг.\n"
     "Другой футболист «Андерлехта», Оливье Дешахт напомнил, что «Зенит» богаче его клуба.\n"
     "«Мы сыграли не очень хорошо, а вот «Зенит» — потрясающе», — заявил игрок обороны.",
     {"Мы сыграли не очень хорошо, а вот «Зенит» — потрясающе": "Оливье Дешахт"}),
    # whose statement an impersonal cue reports spoke ("отмечается в заявлении Столтенберга"):
    # "Генсек альянса" next is him, not the expert quoted before
    ("Вместе с тем, считает эксперт Матье Булег, британцы выиграли время.\n"
     "Свою поддержку Британии уже выразили в руководстве НАТО. «Использование "
     "нервно-паралитического вещества – это ужасно и недопустимо», – отмечается в заявлении "
     "Столтенберга. Генсек альянса подчеркнул, что ведет диалог с британскими властями.",
     {"британцы выиграли время": "Матье Булег",
      "ведет диалог с британскими властями": "Столтенберг"}),
    # a citing verb has one subject: the second "subject" the parse gives it is whom it quotes,
    # not the agency that quotes
    ("Генеральный продюсер «Матч ТВ» Тина Канделаки сообщила о заключении соглашения. "
     "«Соглашение достигнуто. Детали узнаете позже», — цитирует Интерфакс Канделаки.",
     {"Соглашение достигнуто. Детали узнаете позже": "Тина Канделаки"}),
    # two subjects of one verb after a comma are one person in apposition: "архивист" is no
    # unnamed woman beside Горяева, so "она" is Горяева, the new subject, not who spoke before
    ("«Переводить его удивительно интересно», – добавила Наталья Рябчикова.\n"
     "С «архивной» трактовкой наследия Эйзенштейна не согласилась и профессиональный архивист, "
     "директор РГАЛИ Татьяна Горяева. «Он остро актуален!» – настаивала она.",
     {"Переводить его удивительно интересно": "Наталья Рябчикова",
      "Он остро актуален!": "Татьяна Горяева"}),
    # a verb is no subject: "сирийка", which the tagger reads as a verb, is a noun speaking,
    # and goes on with the woman who spoke just before
    ("«Если все убегут, кто тогда позаботится о нашей родине?» — рассказывает Лама.\n"
     "«Нам надо возвращаться к нормальной жизни. Всё перевернулось вверх дном», — продолжает "
     "сирийка.",
     {"Нам надо возвращаться к нормальной жизни. Всё перевернулось вверх дном": "Лама"}),
    # the subject of a subordinate clause ("когда республиканец прибыл") takes no turn: "женщина"
    # is the woman the paragraph is about, not no one
    ("«В этом цикле большой пользы не было», — пишет Мук.\n"
     "В прошлом году Ванесса Фелтнер лично встречалась с Дональдом Трампом. Её пригласили "
     "исполнить национальный гимн, когда республиканец прибыл в штат Огайо.\n"
     "«Трамп любит Америку и хочет восстановить страну», — говорит женщина.",
     {"В этом цикле большой пользы не было": "Мук",
      "Трамп любит Америку и хочет восстановить страну": "Ванесса Фелтнер"}),
    # an outlet after a speaking title is whom she told ("рассказала девушка RT"), not whose
    # she is: the woman just introduced
    ("«Мы будем патрулировать улицы», — сказала представитель полиции Джозефа Реджетти.\n"
     "RT удалось пообщаться с одной из жертв нападений в новогоднюю ночь в Кёльне. Жанетт, "
     "24-летняя студентка факультета искусств, попросила не раскрывать её фамилию.\n"
     "«Прошёл почти год, но, конечно, я помню, что случилось», — рассказала девушка RT.",
     {"Мы будем патрулировать улицы": "Джозефа Реджетти",
      "Прошёл почти год, но, конечно, я помню, что случилось": "Жанетт"}),
]


@pytest.mark.parametrize("text, speakers", SPEAKERS)
def test_speaker_by_cause(text, speakers, models):
    article = svodka.extract(text, models=models)
    found = {quote.text: quote.speaker_name for quote in article.quotes}
    for quote, name in speakers.items():
        assert quote in found, found     # the quote itself is found
        assert found[quote] == name, found


def test_a_name_the_parse_hung_on_an_organization_names_the_representative(models):
    """A person is no apposition to a thing: the name after "представителя Министерства
    объединения" is the representative's, whatever the parse hung it on — not someone "of" the
    ministry, nor the other representative named before. (Checked by the entity that holds the
    name, not by its canonical form: Korean names' nominatives are the entities' business.)"""
    text = ("Как заявил представитель Кремля Дмитрий Песков, решение еще не принято.\n"
            "«Мы обсуждаем с соответствующими ведомствами детали», — цитирует агентство "
            "представителя южнокорейского Министерства объединения Ли Ю Чжина.")
    article = svodka.extract(text, models=models)
    named = text.index("Ли Ю Чжина")
    holder = next(e for e in article.entities for m in e.mentions if m.start == named)
    speakers = {quote.text: quote.speaker for quote in article.quotes}
    peskov = next(e for e in article.entities if e.name == "Дмитрий Песков")
    assert speakers["решение еще не принято"] == peskov.id
    assert speakers["Мы обсуждаем с соответствующими ведомствами детали"] == holder.id
