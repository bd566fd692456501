"""Entities (placeholder: slovnet's spans as they come, one entity per normal form)."""
from __future__ import annotations

from svodka.record import Entity, Mention


def extract_entities(analysis) -> list[Entity]:
    by_key: dict[tuple[str, str], Entity] = {}
    vocab = analysis.models.morph_vocab
    for span in analysis.ner:
        normal = span.text
        key = (span.type, normal)
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(f"e{len(by_key) + 1}", span.type, normal)
        entity.mentions.append(Mention(span.start, span.end, span.text, normal))
    return list(by_key.values())
