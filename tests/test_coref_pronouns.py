"""Pronouns the rules leave open: the trained ranker decides or abstains, reflexives go to
their clause's subject, first-person words of a quote to its speaker (real sentences in,
clusters out). Every row names a link that must be made, so a resolver that links nothing
fails."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref import pronouns
from svodka.extractors.coref.pronouns import Decision, accepted
from svodka.record import Entity

needs_model = pytest.mark.skipif(pronouns.load_model() is None,
                                 reason="svodka/data/models/coref_ranker.npz is not installed")


def _links(article) -> dict[str, list[tuple[str, str]]]:
    """Referring words → (entity name, rule) of each entity they were linked to."""
    found: dict[str, list[tuple[str, str]]] = {}
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.kind != "name":
                found.setdefault(mention.text, []).append((entity.name, mention.rule))
    return found


# text, {referring words: (entity name, rule prefix)}, {words that must stay unlinked}
LINKED = [
    # two men, so the rules abstain; the ranker reads "По словам Путина, его" as Путин's
    ("Владимир Путин провел переговоры с Дональдом Трампом. По словам Путина, его позиция "
     "не изменилась.", {"его": ("Владимир Путин", "ranker:")}, set()),
    # "Американский президент" is no entity here: the ranker prefers it to the names, so
    # "его" stays open rather than going to Путин or Трамп
    ("Владимир Путин провел переговоры с Дональдом Трампом в Хельсинки. Американский президент "
     "назвал встречу полезной. По его словам, стороны договорились продолжить диалог.",
     {}, {"его"}),
    # a reflexive is its clause's subject's
    ("Алексей Навальный заявил о своей победе.",
     {"своей": ("Алексей Навальный", "reflexive:subject")}, set()),
    # ... and the subject "Рабочие" is no entity: "своих" stays open, "ему" is the governor's
    ("Губернатор Александр Беглов посетил завод. Рабочие рассказали ему о своих проблемах.",
     {"ему": ("Александр Беглов", "pronoun:one-agrees")}, {"своих"}),
    # "они" after "А и Б" is both: no one entity
    ("Илон Маск и Джефф Безос обсудили космос. Они договорились о сотрудничестве.",
     {}, {"Они"}),
    # first person inside a quote: its speaker's
    ("«Я не подпишу этот закон, мое решение окончательное», — заявил Владимир Путин.",
     {"Я": ("Владимир Путин", "pronoun:speaker"), "мое": ("Владимир Путин", "pronoun:speaker")},
     set()),
    ("«Мы готовы к переговорам, наша позиция известна», — сообщили в МИД России.",
     {"Мы": ("МИД России", "pronoun:speaker"), "наша": ("МИД России", "pronoun:speaker")},
     set()),
    # a person's "мы" may be any group they speak for: left alone, while "я" is theirs
    ("«Мы будем бороться, я в этом уверен», — заявил Алексей Навальный.",
     {"я": ("Алексей Навальный", "pronoun:speaker")}, {"Мы"}),
]


@needs_model
@pytest.mark.parametrize("text, linked, unlinked", LINKED)
def test_pronoun_links(text, linked, unlinked, models):
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    found = _links(article)
    for words, (name, rule) in linked.items():
        assert len(found.get(words, [])) == 1, found
        (entity, made_by), = found[words]
        assert entity == name and made_by.startswith(rule), found
    for words in unlinked:
        assert words not in found, found
    # the names a link could join were found: an abstention is not a blind resolver
    names = {e.name for e in article.entities}
    assert {name for name, _ in linked.values()} <= names
    assert names & {"Владимир Путин", "Дональд Трамп", "Илон Маск", "Джефф Безос",
                    "Александр Беглов"} or linked, names


# Pronouns inside speech: the speaker says "я", so "он" in their words is someone else; the
# author's words that split a quote ("- подчеркнул он. -") are no speech. Straight "…" marks
# are speech too (RuCoCo's newsru.com articles write them so).
# text, {word: the entity it joins}, {word: an entity it must not join}
SPEECH = [
    # main linked the author's "он" to Денисов, a name inside the speech
    ('Главный тренер сборной России Дик Адвокат объявил состав на матч. "Денисов '
     'восстановился после травмы, - подчеркнул он. - Он сыграет против Ирландии".',
     {"он": "Дик Адвокат"}, {"Он": "Дик Адвокат"}),
    # main linked "Он" to the speaker himself; the ranker, his excluded, reads it as Байден
    ('Премьер-министр Израиля Биньямин Нетаньяху встретился с президентом США Джо Байденом. '
     '"Он заверил меня в поддержке", - сказал Нетаньяху журналистам.',
     {"Он": "Джо Байден", "меня": "Биньямин Нетаньяху"}, {}),
    # a pronoun inside «…» was never linked; now the ranker links it, the speaker excluded
    ("Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной. «Она "
     "согласилась с нашими предложениями», — сказал Силуанов.",
     {"Она": "Эльвира Набиуллина"}, {}),
    # "по словам Лаврова" names the speaker: his "он" is not Лавров (main linked it to him)
    ('Сергей Лавров провел переговоры с Энтони Блинкеном. По словам Лаврова, "он не '
     'предложил ничего нового".', {}, {"он": "Сергей Лавров"}),
]

# A plural pronoun is a group or an organization, never one person (plural links are made
# since this session): "Они" is not Силуанов, and "свои", bound by "Они", is not either;
# "к ним" is plural by its preposition, not Рудской (tests/test_coref_who.py has that row)
PLURAL = [
    ("Министр Антон Силуанов встретился с коллегами из Китая. Они обсудили свои планы.",
     {"Министр": "Антон Силуанов"}, {"Они": "Антон Силуанов", "свои": "Антон Силуанов"}),
    # a dative "им" is "them" (main read every "им" as "him" and gave these to the person;
    # from RuCoCo tuning articles): not Шрек, not Лебедев
    ("В технологии 3D Шрек попрощается со зрителями и напомнит им всю историю своей жизни.",
     {"своей": "Шрек"}, {"им": "Шрек"}),
    ("Лебедев был направлен в колонию, Ходорковский - в Читинскую область. Но в 2007 году им "
     "было предъявлено новое обвинение.", {}, {"им": "Лебедев"}),
    # ... while an instrumental "им" is still "him"
    ("Премьер Михаил Мишустин подписал постановление. Документ, подписанный им, вступит в силу "
     "в понедельник.", {"им": "Михаил Мишустин"}, {}),
]


@pytest.mark.parametrize("text, case, plural", [
    ("Шрек напомнит им всю историю своей жизни.", "Dat", True),
    ("Документ, подписанный им, вступит в силу в понедельник.", "Ins", False)])
def test_the_case_of_im_tells_him_from_them(text, case, plural, models):
    from svodka.analysis import analyze
    from svodka.extractors.coref.ranker import pronoun_form
    from svodka.layout import analyze_layout

    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    him = next(t for t in analysis.tokens if t.text == "им")
    assert him.feats.get("Case") == case
    assert (pronoun_form(him)[1] == "Plur") is plural
    assert pronouns.pronoun_kind(analysis, analysis.tokens.index(him), []) \
        == ("plural" if plural else "personal")


@needs_model
@pytest.mark.parametrize("text, linked, not_to", SPEECH + PLURAL)
def test_pronouns_in_speech_and_plurals(text, linked, not_to, models):
    _linked_as_told(text, linked, not_to, models)


def _linked_as_told(text, linked, not_to, models):
    """Each word joins its one entity, none the entity it must not; the people the text names
    were found (staying apart is not finding no one). Returns the article."""
    from conftest import referring_links

    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    found = referring_links(article)
    for words, name in linked.items():
        assert found.get(words) == [name], found
    for words, name in not_to.items():
        assert name not in found.get(words, []), found
    names = {e.name for e in article.entities}
    assert set(linked.values()) | set(not_to.values()) <= names, names
    return article


# "который" stands for the word its relative clause hangs on, and agrees with it in number
# (and gender, singular): a clause the parser hung on a word it does not agree with links
# nothing. text, {word: the entity it joins}, {word: an entity it must not join}
RELATIVE = [
    ("Владелец телеканала Борис Березовский, который некогда был тесно связан с Кремлем, "
     "уехал в Лондон.", {"который": "Борис Березовский"}, {}),
    ("Компания «Газпром», акции которой выросли на 5 %, отчиталась о прибыли.",
     {"которой": "Газпром"}, {}),
    # "которые" is plural: not Италия, which the clause's "представителями" is not
    ("Колосков встретился с представителями ассоциаций Италии, которые рассказали ему о рынке.",
     {"ему": "Колосков"}, {"которые": "Италия"}),
    # "которая" (feminine) cannot be "Путин" whatever the parse
    ("Владимир Путин подписал поправку в Конституцию России, которая вступит в силу в июле.",
     {}, {"которая": "Владимир Путин"}),
]


@pytest.mark.parametrize("text, linked, not_to", RELATIVE)
def test_relative_pronouns_join_the_word_their_clause_hangs_on(text, linked, not_to, models):
    article = _linked_as_told(text, linked, not_to, models)
    rules = {m.rule for e in article.entities for m in e.mentions if m.text.startswith("котор")}
    assert rules <= {"pronoun:relative"}, rules


def test_a_quote_speaker_is_found_in_the_authors_words(models):
    """``quote_speakers``: the speaking subject after the «…» or before it, in its paragraph."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.coref.pronouns import _owners, quote_speakers
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    text = ("Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной. "
            "«Она согласилась с нашими предложениями», — сказал Силуанов. Набиуллина заявила: "
            "«Мы обсудили бюджет»")
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    entities, coreference = resolve_entities(analysis)
    owner = _owners(analysis, entities, coreference.links)
    quoted = quoted_spans(analysis)
    first = [e.name for e in quote_speakers(analysis, quoted, text.index("Она"), owner)]
    second = [e.name for e in quote_speakers(analysis, quoted, text.index("Мы"), owner)]
    assert first == ["Антон Силуанов"] and second == ["Эльвира Набиуллина"]
    assert quote_speakers(analysis, quoted, text.index("встретился"), owner) == []


@needs_model
def test_a_ranker_link_shows_its_score(models):
    article = svodka.extract(LINKED[0][0], models=models)
    putin = next(e for e in article.entities if e.name == "Владимир Путин")
    pronoun, = [m for m in putin.mentions if m.kind == "pronoun"]
    score = float(pronoun.rule.split(":")[1])
    assert pronoun.text == "его" and 0 < score <= 1
    assert score >= pronouns.thresholds()["personal"][0]


def test_ids_still_follow_first_mentions(models):
    article = svodka.extract("«Я был в Москве, мне там понравилось», — заявил Владимир Путин.",
                             models=models)
    starts = [min(m.start for m in e.mentions) for e in article.entities]
    assert starts == sorted(starts)
    putin = next(e for e in article.entities if e.name == "Владимир Путин")
    # "Я" stands before Москва's first mention: left out; "мне" after it: Путин's
    assert [m.text for m in putin.mentions if m.kind == "pronoun"] == ["мне"]
    assert article.quotes and article.quotes[0].speaker == putin.id


def test_without_the_model_the_rules_stay(models, monkeypatch):
    monkeypatch.setattr(pronouns, "load_model", lambda: None)
    article = svodka.extract(LINKED[0][0] + " Он также отметил рост торговли.", models=models)
    rules = [m.rule for e in article.entities for m in e.mentions if m.kind == "pronoun"]
    assert rules and not any(r.startswith("ranker") for r in rules)


def _decision(token, target, score, rival=0.0, kind="personal"):
    return Decision(token, kind, target, score, rival=rival)


def test_thresholds_margins_and_chains():
    putin = Entity("e1", "PER", "Владимир Путин", [], [], [])
    limits = {"personal": (0.5, 0.1), "plural": (2.0, 0.0)}
    decisions = [
        _decision(3, putin, 0.8),                 # linked
        _decision(5, 3, 0.7),                     # follows token 3: Путин
        _decision(7, putin, 0.45),                # under the threshold
        _decision(9, 7, 0.9),                     # follows token 7, which got no one
        _decision(11, putin, 0.6, rival=0.75),    # a phrase that is no entity scores higher
        _decision(13, putin, 0.6, rival=0.65),    # ... but within the margin
        _decision(15, putin, 0.99, kind="plural"),  # a kind never linked
    ]
    linked = [(d.token, e.name) for d, e in accepted(decisions, limits)]
    assert linked == [(3, "Владимир Путин"), (5, "Владимир Путин"), (13, "Владимир Путин")]


def test_contested_choices_and_pronouns_after_an_open_one():
    """The two settings beside the kinds' thresholds: a contested choice needs the
    ``contested`` score; a pronoun whose best antecedent is a pronoun left open takes its
    own best entity when that scores ``after an open pronoun`` (and its kind's threshold)."""
    putin = Entity("e1", "PER", "Владимир Путин", [], [], [])
    limits = {"personal": (0.5, 0.0), pronouns.CONTESTED: (0.8, 0.0),
              pronouns.AFTER_OPEN: (0.6, 0.0)}
    contested = [Decision(3, "personal", putin, 0.9, contested=True),   # sure enough
                 Decision(5, "personal", putin, 0.7, contested=True)]   # contested, not sure
    open_first = [Decision(7, "personal", putin, 0.4),                   # left open
                  Decision(9, "personal", 7, 0.9, entity=putin, entity_score=0.65),
                  Decision(11, "personal", 7, 0.9, entity=putin, entity_score=0.55),
                  Decision(13, "personal", 9, 0.9)]       # follows 9, which found Путин
    linked = [d.token for d, _ in accepted(contested + open_first, limits)]
    assert linked == [3, 9, 13]
    # as installed before this setting existed, neither links
    never = {"personal": (0.5, 0.0)}
    assert [d.token for d, _ in accepted(contested + open_first, never)] == []


def test_a_choice_contested_by_another_entity_needs_more_than_one_contested_by_a_phrase():
    """Contested by another entity's subject ("Компания «Северсталь» отчиталась…") and by a
    subject that is no entity ("Один из раненых сообщил…") are two settings."""
    putin = Entity("e1", "PER", "Владимир Путин", [], [], [])
    limits = {"personal": (0.5, 0.0), pronouns.CONTESTED: (2.0, 0.0),
              pronouns.CONTESTED_BY_PHRASE: (0.7, 0.0)}
    decisions = [Decision(3, "personal", putin, 0.95, contested=True),
                 Decision(5, "personal", putin, 0.8, contested_by_phrase=True),
                 Decision(7, "personal", putin, 0.6, contested_by_phrase=True)]
    assert [d.token for d, _ in accepted(decisions, limits)] == [5]


def test_a_subject_pronoun_left_open_takes_its_subject_in_focus():
    """``subject in focus``: a subject pronoun the ranker leaves open goes to the agreeing
    subject in focus when the ranker scores that subject's phrase at least the setting; an open
    pronoun in focus passes on what it got; the ranker's own link comes first."""
    company = Entity("e1", "ORG", "Содэксим", [], [], [])
    putin = Entity("e2", "PER", "Владимир Путин", [], [], [])
    limits = {"personal": (0.5, 0.0), pronouns.FOCUS: (0.3, 0.0)}
    decisions = [
        Decision(3, "personal", company, 0.34, focus=company, focus_score=0.34),   # focus
        Decision(5, "personal", company, 0.2, focus=company, focus_score=0.2),     # too low
        Decision(7, "personal", 3, 0.3, focus=3, focus_score=0.4),    # the open "она" at 3
        Decision(9, "personal", putin, 0.9, focus=company, focus_score=0.9),   # ranker's own
    ]
    linked = [(d.token, e.name, d.rule) for d, e in accepted(decisions, limits)]
    assert linked == [(3, "Содэксим", "pronoun:focus"), (7, "Содэксим", "pronoun:focus"),
                      (9, "Владимир Путин", "ranker")]
    never = dict(limits, **{pronouns.FOCUS: (2.0, 0.0)})
    assert [d.token for d, _ in accepted(decisions, never)] == [9]


@needs_model
def test_the_subject_in_focus_agrees_with_the_pronoun(models):
    """"она" after a company that was the last sentence's subject is the company's; a
    masculine subject in focus is never "она"'s."""
    text = ("Компания «Содэксим» была отобрана для реализации этих договоренностей. "
            "В частности, она должна была реализовывать товары, полученные от алжирской стороны.")
    decisions = _decisions(text, models)
    assert decisions["она"].focus is not None and decisions["она"].focus.name == "Содэксим"
    text = ("Глава МИД Сергей Лавров провел переговоры в Женеве. "
            "По итогам встречи она заявила, что стороны договорились.")
    assert _decisions(text, models)["она"].focus is None


def test_words_reported_left_open_go_to_the_last_speaker():
    """``words of the last speaker``: "по его словам" the ranker leaves open goes to the last
    speaker when the ranker scores that speaker's phrase at least the setting; the ranker's
    own link and the subject in focus come first."""
    tyurina = Entity("e1", "PER", "Елена Тюрина", [], [], [])
    putin = Entity("e2", "PER", "Владимир Путин", [], [], [])
    limits = {"personal": (0.5, 0.0), pronouns.WORDS_OF: (0.6, 0.0)}
    decisions = [
        Decision(3, "personal", tyurina, 0.8, contested=True, speaker=tyurina,
                 speaker_score=0.7),                                             # speaker
        Decision(5, "personal", tyurina, 0.3, speaker=tyurina, speaker_score=0.5),  # too low
        Decision(9, "personal", putin, 0.9, speaker=tyurina, speaker_score=0.9),   # ranker's
    ]
    linked = [(d.token, e.name, d.rule) for d, e in accepted(decisions, limits)]
    assert linked == [(3, "Елена Тюрина", "pronoun:words-of"), (9, "Владимир Путин", "ranker")]
    never = dict(limits, **{pronouns.WORDS_OF: (2.0, 0.0)})
    assert [d.token for d, _ in accepted(decisions, never)] == [9]


@needs_model
def test_words_reported_are_the_last_speakers_if_an_entity_and_agreeing(models):
    """"по ее словам" after "отметила Елена Тюрина" is hers; after "уточняет источник" (no
    entity spoke), for "его" after a woman spoke, and past another agreeing subject, no
    speaker."""
    said = ("Резюмируя данные исследования, глава института Елена Тюрина отметила, что "
            "розничные цены на продукты по-прежнему растут. Причем розница, по {} словам, "
            "часто не связана с ценами производителя.")
    decision = _decisions(said.format("ее"), models)["ее"]
    assert decision.speaker is not None and decision.speaker.name == "Елена Тюрина"
    assert _decisions(said.format("его"), models)["его"].speaker is None
    text = ("Решение о назначении Владислава Соловьева пока не принято, уточняет источник, "
            "близкий к компании. По его словам, перестановки возможны не раньше лета.")
    assert _decisions(text, models)["его"].speaker is None
    # someone the pronoun may mean came between: the subject of its own sentence
    text = ("«Когда мы сами делаем такие подарки, то сложнее получается зацепиться», — добавил "
            "Роман Бабаев. Один из лидеров команды Александр Головин хоть и был расстроен таким "
            "поражением, но не стал сильно сокрушаться, поскольку счёт, по его мнению, не "
            "отразил происходившего на поле.")
    assert _decisions(text, models)["его"].speaker is None


def _decisions(text, models):
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    entities, coreference = resolve_entities(analysis)
    rules = [link_ for link_ in coreference.links
             if not link_.mention.rule.startswith(("ranker", "reflexive", "pronoun:focus",
                                                   "pronoun:words-of"))]
    quoted = quoted_spans(analysis)
    return {analysis.tokens[d.token].text: d
            for d in pronouns.decide(analysis, entities, rules, quoted)}


def test_every_kind_has_a_threshold():
    assert set(pronouns.thresholds()) == set(pronouns.SETTINGS)


def test_a_batch_reads_the_owners_of_its_own_stretch_of_text(models):
    """A batch of pronouns builds the owners of the words its windows and quotes reach, not
    the whole article's; for every word in that stretch they are the whole article's."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.extractors.coref.pronouns import _MentionSpans, _owners, _reach
    from svodka.extractors.entities import resolve_entities
    from svodka.layout import analyze_layout

    text = ("Президент России Владимир Путин провел совещание с членами правительства в Кремле "
            "в понедельник вечером. "
            "Министр финансов Антон Силуанов встретился с главой ЦБ Эльвирой Набиуллиной. "
            "Премьер Михаил Мишустин одобрил бюджет. Депутаты Госдумы его поддержали. "
            "Компания «Газпром» отчиталась о прибыли. Акционеры остались довольны.\n\n"
            "«Она согласилась с нашими предложениями», — сказал Силуанов. "
            "Набиуллина заявила, что ее позиция не изменилась.")
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    entities, coreference = resolve_entities(analysis)
    quoted = quoted_spans(analysis)
    whole = _owners(analysis, entities, coreference.links)
    pronoun = next(i for i, t in enumerate(analysis.tokens) if t.text == "Она")
    low, high = _reach(analysis, [(pronoun, "personal quoted")], quoted)
    # three sentences back, and the author's words before and after the quote
    quote = text.index("«Она")
    assert low == min(analysis.sentences[analysis.tokens[pronoun].sent - 3].start, quote - 200)
    assert high >= text.index("Силуанов.", text.index("сказал"))
    near = _MentionSpans(entities, coreference.links).owners(analysis, low, high)
    inside = [i for i, t in enumerate(analysis.tokens) if low <= t.start < high]
    assert all(near.get(i) == whole.get(i) for i in inside)
    said = next(i for i in inside if analysis.tokens[i].text == "Силуанов")
    assert near[said][0].name == "Антон Силуанов"
    # the first sentence's names are out of reach, and left out
    first = next(i for i, t in enumerate(analysis.tokens) if t.text == "Путин")
    assert analysis.tokens[first].end < low
    assert whole[first][0].name == "Владимир Путин" and first not in near


# A pronoun outside speech reads its 3-sentence window over author's sentences: a quote of
# several sentences does not use it up ("«…(four sentences)…», — сказал он": the speaker is
# named before the quote); a pronoun inside the quote reads the sentences next to it.
SPEECH_WINDOW = (
    "Президент Чечни Рамзан Кадыров встретился с послом Польши Михаилом Ковальским. "
    "\"К нам и ранее поступала информация о бедственном положении беженцев. Это вызывает "
    "серьезную тревогу. Конечно, случившееся следует расценивать как шаг отчаяния. Люди не "
    "видят выхода\", - сказал он.")


def test_a_pronoun_after_a_long_quote_reads_the_sentence_before_it(models):
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.layout import analyze_layout

    analysis = analyze(SPEECH_WINDOW, analyze_layout(SPEECH_WINDOW).regions(), models=models)
    quoted = quoted_spans(analysis)
    said = next(t for t in analysis.tokens if t.text == "он")
    last = said.sent
    assert last == 4      # the author's sentence, the three before it inside the quote
    # outside speech: the three spoken sentences are passed over, the speaker's is read
    assert pronouns._window(analysis, last, quoted, outside=True) == [0, last]
    # inside speech (as for "нам"): the sentences next to it, counted as before
    assert pronouns._window(analysis, last, quoted, outside=False) == [1, 2, 3, last]
    # and the link a reader makes is made
    linked = _links(svodka.extract(SPEECH_WINDOW, models=models))
    assert ("Рамзан Кадыров", "pronoun:subject") in linked["он"]


def test_speech_passed_over_is_bounded(models):
    """At most ``SPEECH_SENTENCES_PASSED`` sentences of speech are passed over; author's
    sentences are always counted."""
    from svodka.analysis import analyze
    from svodka.extractors.coref import quoted_spans
    from svodka.layout import analyze_layout

    text = ("Глава МИД Сергей Лавров провел переговоры. Стороны обсудили кризис. Итоги подвели "
            "вечером. Журналистов не пустили. Лавров выступил позже. Он был краток.")
    analysis = analyze(text, analyze_layout(text).regions(), models=models)
    quoted = quoted_spans(analysis)
    he = next(t for t in analysis.tokens if t.text == "Он")
    assert pronouns._window(analysis, he.sent, quoted, outside=True) \
        == [he.sent - 3, he.sent - 2, he.sent - 1, he.sent]
