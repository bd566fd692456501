"""Draw the (person, role, sentence) rows a reader judges: ``svodka eval roles-sample``.

Articles come from news dumps (``russia_today_1`` and ``ng_0`` by default): every article of
500–8,000 characters, each dump shuffled with one seeded generator, the dumps taken in turn.
From each article at most two of its (person, role) pairs are drawn — those whose key hashes
lowest, so a pair keeps its place when other pairs of the article come and go — until the
sample is full. Rows are keyed by (article, entity, role): when the extractors change, the same
command draws again and an earlier file's judgements carry over to the pairs that remain.
"""
from __future__ import annotations

import hashlib
import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

from svodka.eval.roles import SampleRow, holds, lemma_words

DUMPS = {"rt1": "russia_today_1", "ng0": "ng_0"}
SEED = 20261204
SIZE = 200
PER_ARTICLE = 2
MIN_CHARS, MAX_CHARS = 500, 8000


def articles(news: Path, dumps: dict[str, str] = DUMPS,
             seed: int = SEED) -> Iterator[tuple[str, str]]:
    """(article id, text) of every dump's articles, shuffled, the dumps taken in turn."""
    from svodka.reading.jsonl import JsonFields, record_to_document

    rng = random.Random(seed)
    pools = []
    for prefix, stem in sorted(dumps.items()):
        with zipfile.ZipFile(news / f"{stem}.jsonlines.zip") as archive:
            lines = archive.read(archive.namelist()[0]).split(b"\n")
        seen, pool = set(), []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            document = record_to_document(json.loads(line), JsonFields(), None)
            text = document.text if document else ""
            if MIN_CHARS <= len(text) <= MAX_CHARS and text not in seen:
                seen.add(text)
                pool.append((f"{prefix}-{number:04d}", text))
        rng.shuffle(pool)
        pools.append(pool)
    for turn in range(max(map(len, pools), default=0)):
        for pool in pools:
            if turn < len(pool):
                yield pool[turn]


def _rank(key: tuple[str, str, str]) -> str:
    return hashlib.sha1("\t".join(key).encode("utf-8")).hexdigest()


def sentence_of(text: str, spans: list[tuple[int, int]], role: str, vocab) -> str:
    """The sentence that gives the role: one naming the person and holding the role's words;
    else the first holding the role's words; else the person's first sentence."""
    from razdel import sentenize

    sentences = [s for s in sentenize(text)]
    role_words = lemma_words(role, vocab)
    naming = [s for s in sentences if any(s.start < end and start < s.stop for start, end in spans)]
    for group in (naming, sentences):
        for sentence in group:
            if holds(lemma_words(sentence.text, vocab), role_words):
                return sentence.text
    return naming[0].text if naming else ""


def draw(news: Path, size: int = SIZE, seed: int = SEED,
         dumps: dict[str, str] = DUMPS) -> list[SampleRow]:
    from svodka.analysis import load_models
    from svodka.pipeline import extract

    models = load_models()
    rows: list[SampleRow] = []
    for article_id, text in articles(news, dumps, seed):
        record = extract(text, models=models)
        pairs = {}
        for entity in record.entities:
            if entity.type != "PER":
                continue
            spans = [(m.start, m.end) for m in entity.mentions]
            for role in entity.roles:
                pairs.setdefault((article_id, entity.name, role), spans)
        for key in sorted(pairs, key=_rank)[:PER_ARTICLE]:
            sentence = sentence_of(text, pairs[key], key[2], models.morph_vocab)
            rows.append(SampleRow(*key, sentence))
            if len(rows) == size:
                return rows
    return rows
