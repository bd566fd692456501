"""A person's grammatical gender, worked out once per article for every reader of it.

The verbs a name is the subject of agree with it in the past tense ("подчеркнула Стёрджен"),
so they vote first; the tagger's gender of the name's own words decides only when no verb
does (it guesses foreign names: "Никола Стёрджен" is tagged masculine).
"""
from __future__ import annotations

from collections import Counter

from svodka.analysis import Analysis
from svodka.data import load_table
from svodka.record import Entity
from svodka.text import fold

__all__ = ["gender_agreeing", "person_genders", "verb_gender"]


def person_genders(analysis: Analysis, entities: list[Entity], verbs_only: bool = False
                   ) -> dict[int, str | None]:
    """``id(entity)`` → "Masc", "Fem" or None for every person; ``verbs_only``: None where
    no verb agreeing with a name decides."""
    genders: dict[int, str | None] = {}
    for entity in entities:
        if entity.type != "PER":
            continue
        votes: Counter = Counter()
        tagged: Counter = Counter()
        for mention in entity.mentions:
            if mention.kind != "name":
                continue
            span = analysis.tokens_between(mention.start, mention.end)
            if not len(span):
                continue
            agreed = verb_gender(analysis, span)
            if agreed in ("Masc", "Fem"):
                votes[agreed] += 1
            for i in span:
                token = analysis.tokens[i]
                if token.pos == "PROPN" and token.feats.get("Gender") in ("Masc", "Fem"):
                    tagged[token.feats["Gender"]] += 1
                    break
        genders[id(entity)] = _winner(votes) or (None if verbs_only else _winner(tagged))
    return genders


def _winner(votes: Counter) -> str | None:
    if votes["Masc"] == votes["Fem"]:
        return None
    return "Masc" if votes["Masc"] > votes["Fem"] else "Fem"


def verb_gender(analysis: Analysis, tokens: range) -> str | None:
    """The gender of the past-tense verb or short adjective a name is the subject of."""
    for i in tokens:
        head = analysis.tokens[i].head
        if head in tokens:
            continue
        rel = analysis.tokens[i].rel
        if rel in ("appos", "flat:name") and head >= 0 \
                and analysis.tokens[head].rel.startswith("nsubj") \
                and analysis.tokens[head].feats.get("Animacy") != "Inan" \
                and 0 < tokens.start - head <= 6 and not any(
                    analysis.tokens[k].pos in ("VERB", "AUX") for k in range(head, tokens.start)):
            # "Не осталась в стороне и глава департамента образования Кармен Фарина": the
            # verb agrees with the title the name stands beside; not with a thing or a group
            # ("Российский дуэт Анастасия Брызгалова — Александр Крушельницкий начал")
            i, head = head, analysis.tokens[head].head
        elif head < 0 or not rel.startswith("nsubj"):
            return None
        verb = analysis.tokens[head]
        if verb.feats.get("Tense") != "Past" and verb.feats.get("Variant") != "Short":
            return None
        if any(analysis.tokens[k].rel.startswith("nsubj") for k in analysis.children(head)
               if k != i and k not in tokens):
            # "что Иванка Трамп …, что её никто не избирал": a verb the parser gives two
            # subjects agrees with one of them, which one it does not say
            return None
        return verb.feats.get("Gender")
    return None


def gender_agreeing(analysis, links: list) -> list:
    """The links a pronoun's own gender does not contradict: "— сказала она" never stands for
    a man. The pronoun ranker scores phrases, and a man's name inside the quote she speaks can
    outscore the woman introduced two paragraphs up; a pronoun so left open is the quote
    reader's to give to the last speaker of its gender. Only a gender the verbs agreeing with
    the person's names attest counts: the tagger's guess at a foreign first name ("Энн-Мари")
    is no evidence against "она"."""
    forms = _pronoun_genders()
    people = list({id(link_.entity): link_.entity for link_ in links
                   if link_.entity.type == "PER"}.values())
    attested = person_genders(analysis, people, verbs_only=True)
    return [link_ for link_ in links
            if None in (demanded := forms.get(fold(link_.mention.text)),
                        known := attested.get(id(link_.entity)))
            or link_.mention.kind != "pronoun" or demanded == known]


def _pronoun_genders() -> dict[str, str]:
    return {row[0]: row[2] for row in load_table("coref_pronouns.tsv") if row[1] == "Sing"}
