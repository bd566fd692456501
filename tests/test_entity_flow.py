"""One road for entities (docs/architecture.md): the entity step makes every entity and gives
the ids; the quotes only read them; the resolver's last step adds speech pronouns as mentions,
never as entities, and leaves the list it was given as it was."""
from __future__ import annotations

import copy

from svodka.analysis import analyze
from svodka.extractors import extract_entities, extract_quotes
from svodka.extractors.coref.pronouns import speech_pronouns


def test_quotes_leave_the_entities_as_they_are(models):
    """slovnet tags nothing over the site that speaks; the entity step makes it an
    organization (``mentions.media_sites``), and the quote's speaker is that entity: read by
    the quotes, not added by them."""
    text = "«Раймон Паулс примет участие в работе жюри конкурса», — сообщает baltinfo.ru."
    analysis = analyze(text, models=models)
    site = text.index("baltinfo.ru")
    assert not [span for span in analysis.ner if span.start < site + 11 and site < span.end]
    entities = extract_entities(analysis)
    before = copy.deepcopy(entities)
    quote, = extract_quotes(analysis, entities)
    assert entities == before
    speaker = next(e for e in entities if e.id == quote.speaker)
    assert (speaker.type, speaker.name) == ("ORG", "baltinfo.ru")
    assert quote.text == "Раймон Паулс примет участие в работе жюри конкурса"


def test_speech_pronouns_add_mentions_and_keep_the_ids(models):
    text = ("Министр финансов Антон Силуанов выступил в Государственной думе. «Я уверен, что "
            "дефицит бюджета в следующем году сократится вдвое», — заявил Силуанов.")
    analysis = analyze(text, models=models)
    entities = extract_entities(analysis)
    quotes = extract_quotes(analysis, entities)
    before = copy.deepcopy(entities)
    after = speech_pronouns(analysis, entities, quotes)
    assert entities == before
    assert [(e.id, e.name) for e in after] == [(e.id, e.name) for e in entities]
    speaker = next(e for e in after if e.id == quotes[0].speaker)
    assert speaker.name == "Антон Силуанов"
    assert [m.text for m in speaker.mentions if m.rule == "pronoun:speaker"] == ["Я"]
