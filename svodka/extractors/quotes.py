from __future__ import annotations


def extract_quotes(analysis, entities):  # placeholder until the quotes extractor lands
    return []
