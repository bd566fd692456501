"""Tone is judged mention by mention as the record's mentions are copied: no table of every
mention's tone beside them, and the same tones as the table gave."""
from __future__ import annotations

import svodka
from svodka.analysis import analyze
from svodka.layout import analyze_layout
from svodka.pipeline import with_tones
from svodka.record import Entity, Mention
from svodka.sentiment import mention_tones, tone_mentions
from svodka.sentiment import _shared_span_kinds

TEXT = ("Суд признал Ивана Иванова виновным в мошенничестве. Иванов обжаловал приговор.\n\n"
        "Глава компании «Ромашка» Петр Сидоров похвалил сотрудников: он назвал их лучшими.")


def _entities(models):
    article = svodka.extract(TEXT, models=models, with_tone=False)
    return analyze(TEXT, analyze_layout(TEXT).regions(), models=models), article


def test_each_mention_gets_the_tone_of_its_span(models):
    analysis, article = _entities(models)
    table = tone_mentions(analysis, article.entities, article.quotes)
    tones = list(mention_tones(analysis, article.entities, article.quotes))
    spans = [(m.start, m.end) for e in article.entities for m in e.mentions]
    assert len(tones) == len(spans) == len(table) >= 4
    assert tones == [table[span] for span in spans]
    assert any(tone.tone == -1 for tone in tones)          # the condemned Иванов


def test_copies_replace_the_entities_in_place(models):
    analysis, article = _entities(models)
    entities = article.entities
    ivanov = next(e for e in entities if e.name == "Иван Иванов")
    toned = with_tones(TEXT, entities, mention_tones(analysis, entities, article.quotes))
    assert toned is entities and ivanov not in toned
    again = next(e for e in toned if e.name == "Иван Иванов")
    assert [m.text for m in again.mentions] == [m.text for m in ivanov.mentions]
    assert again.tone.negative >= 1 and ivanov.tone is None


def test_a_span_two_mentions_share_is_judged_as_the_later():
    shared = Mention(0, 6, "Иванов", "Иванов")
    people = Entity("e1", "PER", "Иван Иванов", mentions=[shared, Mention(10, 16, "Петров", "")])
    titles = Entity("e2", "ORG", "Суд", mentions=[Mention(0, 6, "Иванов", "", kind="title")])
    assert _shared_span_kinds([people, titles], 100) == {(0, 6): "title"}
    assert _shared_span_kinds([people], 100) == {}
