"""A quote's «мы»: the body its speaker's title names (real sentences in, clusters out).

Every row names a link that must be made, so a resolver that links nothing fails; a row
that leaves «мы» alone also asserts the speaker's own «я» was found."""
from __future__ import annotations

import pytest

import svodka
from conftest import assert_spans_valid
from svodka.extractors.coref import first_person


def _links(article) -> dict[str, list[tuple[str, str]]]:
    """Referring words → (entity name, rule) of each entity they were linked to."""
    found: dict[str, list[tuple[str, str]]] = {}
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.kind == "pronoun" or mention.rule == "description:our":
                found.setdefault(mention.text, []).append((entity.name, mention.rule))
    return found


# text, {first-person word: (entity name, rule)}, {words left alone}
GROUPS = [
    # the organization the speaker's title names
    ("Как заявил Кейтаро Сугхара, представитель японской компании Idemitsu Kosan, «мы "
     "ожидаем, что ОПЕК сократит экспорт».",
     {"мы": ("Idemitsu Kosan", "pronoun:speaker-group")}, set()),
    # the organization right after a one-word title («глава» + «МИД России») goes before
    # the country his other title names; his «я» stays his own
    ("Министр иностранных дел России Сергей Лавров провел переговоры в Вашингтоне. «Мы "
     "готовы к диалогу, и я в этом уверен», — сказал глава МИД России.",
     {"Мы": ("МИД России", "pronoun:speaker-group"),
      "я": ("Сергей Лавров", "pronoun:speaker")}, set()),
    # a title naming no organization: the country it names
    ("Замминистра юстиции России Юрий Калинин заявил: «Сегодня у нас в изоляторах "
     "содержится избыточное количество людей».",
     {"нас": ("Россия", "pronoun:speaker-group")}, set()),
    # «наша страна»: a possessive before a noun of a place is that place as a whole phrase
    ("Министр иностранных дел России Сергей Лавров провел переговоры в Вашингтоне. «Мы "
     "готовы к диалогу, и наша страна это знает», — сказал глава МИД России.",
     {"Мы": ("МИД России", "pronoun:speaker-group"),
      "наша страна": ("Россия", "description:our")}, {"наша"}),
    ("Как заявил Кейтаро Сугхара, представитель японской компании Idemitsu Kosan, «мы "
     "ожидаем сокращения экспорта, и наша компания к этому готова».",
     {"мы": ("Idemitsu Kosan", "pronoun:speaker-group"),
      "наша компания": ("Idemitsu Kosan", "description:our")}, {"наша"}),
    # an organization's «наша страна» is no country it names: neither the phrase nor «наша»
    # is the ministry's, while its «Мы» is
    ("«Мы готовы к переговорам, наша страна открыта», — сообщили в МИД России.",
     {"Мы": ("МИД России", "pronoun:speaker")}, {"наша", "наша страна"}),
    # a person with no title may speak for any group: «Мы» is left, «я» is his
    ("«Мы будем бороться, я в этом уверен», — заявил Алексей Навальный.",
     {"я": ("Алексей Навальный", "pronoun:speaker")}, {"Мы"}),
]


@pytest.mark.parametrize("text, linked, unlinked", GROUPS)
def test_a_quotes_we_is_the_speakers_body(text, linked, unlinked, models, monkeypatch):
    monkeypatch.setattr(first_person, "OUR_PHRASES", True)     # an option, off by default
    article = svodka.extract(text, models=models)
    assert_spans_valid(article)
    found = _links(article)
    for word, (name, rule) in linked.items():
        assert found.get(word) == [(name, rule)], found
    for word in unlinked:
        assert word not in found, found


def test_our_country_is_an_option_off_by_default(models):
    """Off, «наша» alone is the speaker's body's, as its «Мы» is; the phrase is no one's."""
    text, linked, _ = GROUPS[3]
    found = _links(svodka.extract(text, models=models))
    assert found.get("Мы") == found.get("наша") == [linked["Мы"]], found
    assert "наша страна" not in found, found


def test_a_persons_we_can_be_left_alone(models, monkeypatch):
    """``PERSON_GROUPS`` off: the person's «мы» is nobody's, their «я» still theirs."""
    monkeypatch.setattr(first_person, "PERSON_GROUPS", False)
    text, linked, _ = GROUPS[1]
    found = _links(svodka.extract(text, models=models))
    assert found.get("я") == [linked["я"]], found
    assert "Мы" not in found, found
