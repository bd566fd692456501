"""Person roles scored two ways: against NEREL's WORKS_AS relations, and by hand.

NEREL (brat): a ``WORKS_AS`` relation joins a PERSON mention to a PROFESSION mention
("министр" … "Сергей Лавров"). svodka gives an entity ``roles`` as nominative phrases without
offsets, so a role is matched by its words:

- a role **matches** a profession when one holds the other's words, in order, in any of their
  normal forms ("глава МИД России" holds "глава"; "министр" is held by "министр иностранных
  дел"), punctuation and case aside;
- **recall**: a gold pair is found when a PER entity with a name mention overlapping the pair's
  person mention has a role matching its profession;
- **precision**: every (PER entity, distinct role) svodka gives is judged when one of the
  entity's name mentions overlaps a NEREL PERSON mention (an entity NEREL does not tag as a
  person is not judged: it is an entity error, not a role error); it is right when some
  WORKS_AS pair whose person mention overlaps one of the entity's name mentions has a profession
  the role matches.

By hand: ``tests/data/roles/sample.tsv`` holds (article, entity, role, sentence) rows a reader
judged ``yes`` or ``no``; the precision is the share of ``yes`` among the judged rows.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from svodka.eval import nerel
from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Share
from svodka.eval.spans import Span
from svodka.eval.systems import Output, predict_all

SAMPLE_COLUMNS = ("article", "entity", "role", "sentence", "judgement")
JUDGEMENTS = {"yes": True, "no": False}


def lemma_words(text: str, vocab) -> list[set[str]]:
    """Each word of ``text`` as the set of its lowercased forms and normal forms; a hyphenated
    word also stands for its parts ("экс-президент" is a "президент", "журналиста-расследователя"
    a "журналист")."""
    from razdel import tokenize
    words = []
    for token in tokenize(text.lower().replace("ё", "е")):
        if not any(ch.isalnum() for ch in token.text):
            continue
        forms = {token.text}
        for part in {token.text, *filter(None, token.text.split("-"))}:
            forms |= {p.normal_form.replace("ё", "е") for p in vocab.parse(part)}
        words.append(forms)
    return words


def holds(outer: list[set[str]], inner: list[set[str]]) -> bool:
    """Does ``outer`` hold every word of ``inner``, consecutively and in order?"""
    if not inner or len(inner) > len(outer):
        return False
    return any(all(inner[i] & outer[start + i] for i in range(len(inner)))
               for start in range(len(outer) - len(inner) + 1))


def role_matches(role: str, profession: str, vocab) -> bool:
    role_words, profession_words = lemma_words(role, vocab), lemma_words(profession, vocab)
    return holds(role_words, profession_words) or holds(profession_words, role_words)


def role_holds(role: str, profession: str, vocab) -> bool:
    """The strict reading: the role holds all of the profession ("министр" does not hold
    "министр иностранных дел")."""
    return holds(lemma_words(role, vocab), lemma_words(profession, vocab))


def _overlaps_any(spans: list[Span], mention: nerel.NerelMention) -> bool:
    target = Span(mention.start, mention.end, "PER")
    return any(span.overlap(target) for span in spans)


def score_roles(document: nerel.NerelDocument, output: Output, vocab,
                match=role_matches) -> PRF:
    """Precision and recall of one document's person roles against its WORKS_AS pairs."""
    return judge_roles(document, output, vocab, match)[0]


def judge_roles(document: nerel.NerelDocument, output: Output, vocab,
                match=role_matches) -> tuple[PRF, list[dict]]:
    """The score and its mistakes: every ``wrong`` role (with the professions NEREL gives that
    person) and every ``missed`` pair (with the roles the system gave the person)."""
    pairs = document.pairs("WORKS_AS")
    people = [m for m in document.mentions.values() if m.type == "PERSON"]
    groups = [g for g in output.groups if g.type == "PER"]
    score, errors = PRF(gold=len(pairs)), []
    for person, profession in pairs:
        holders = [g for g in groups if _overlaps_any(g.mentions, person)]
        if any(match(role, profession.text, vocab) for g in holders for role in g.roles):
            score.found += 1
        else:
            errors.append({"kind": "missed", "document": document.id, "person": person.text,
                           "profession": profession.text,
                           "roles": [role for g in holders for role in g.roles]})
    for group in groups:
        if not any(_overlaps_any(group.mentions, person) for person in people):
            continue
        own = [profession.text for person, profession in pairs
               if _overlaps_any(group.mentions, person)]
        name = document.text[group.mentions[0].start:group.mentions[0].end]
        for role in dict.fromkeys(group.roles):
            score.predicted += 1
            if any(match(role, text, vocab) for text in own):
                score.right += 1
            else:
                errors.append({"kind": "wrong", "document": document.id, "person": name,
                               "role": role, "professions": own})
    return score, errors


def evaluate_roles(path: Path, systems, limit: int | None = None) -> Result:
    from svodka.analysis import load_models

    vocab = load_models().morph_vocab
    documents = nerel.load_nerel(path, limit)
    result = Result("roles", "Person roles: NEREL dev WORKS_AS", str(path), len(documents),
                    [s.name for s in systems])
    grouping = [s for s in systems if "groups" in s.provides]
    outputs = predict_all(grouping, [d.text for d in documents], result)
    totals = {s.name: PRF() for s in grouping}
    strict = {s.name: PRF() for s in grouping}
    for index, document in enumerate(documents):
        for system in grouping:
            output = outputs[system.name][index]
            score, errors = judge_roles(document, output, vocab)
            totals[system.name].add(score)
            strict[system.name].add(score_roles(document, output, vocab, role_holds))
            result.errors += [{"system": system.name, **error} for error in errors]
    result.measures.append(Measure(
        "WORKS_AS", {s.name: totals.get(s.name) for s in systems},
        note="a role matches when it holds the profession's words or they hold its"))
    result.measures.append(Measure(
        "WORKS_AS, strict", {s.name: strict.get(s.name) for s in systems},
        note="the role holds all the profession's words"))
    gold = sum(len(d.pairs("WORKS_AS")) for d in documents)
    result.notes.append(f"{gold} WORKS_AS pairs; precision judges the roles of entities that "
                        "overlap a NEREL PERSON mention")
    return result


# --- the hand-judged sample ----------------------------------------------------------------

@dataclass(slots=True)
class SampleRow:
    article: str
    entity: str
    role: str
    sentence: str
    judgement: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.article, self.entity, self.role


def read_sample(path: Path) -> list[SampleRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        return [SampleRow(*(row.get(column) or "" for column in SAMPLE_COLUMNS))
                for row in reader]


def write_sample(path: Path, rows: list[SampleRow]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                            lineterminator="\n")
        writer.writerow(SAMPLE_COLUMNS)
        for row in rows:
            writer.writerow([" ".join(value.split()) for value in
                             (row.article, row.entity, row.role, row.sentence, row.judgement)])


def keep_judgements(rows: list[SampleRow], judged: list[SampleRow]) -> list[SampleRow]:
    """New rows carry the judgement an earlier file gave the same (article, entity, role)."""
    earlier = {row.key: row.judgement for row in judged if row.judgement}
    return [SampleRow(r.article, r.entity, r.role, r.sentence, earlier.get(r.key, r.judgement))
            for r in rows]


def judged_precision(rows: list[SampleRow]) -> tuple[Share, int]:
    """(share of ``yes`` among judged rows, rows still to judge); other values raise."""
    share, open_rows = Share(), 0
    for row in rows:
        value = row.judgement.strip().lower()
        if not value:
            open_rows += 1
            continue
        if value not in JUDGEMENTS:
            raise ValueError(f"judgement {row.judgement!r} for {row.key}: write yes or no")
        share.total += 1
        share.correct += JUDGEMENTS[value]
    return share, open_rows


def evaluate_judged(path: Path) -> Result:
    rows = read_sample(path)
    share, open_rows = judged_precision(rows)
    result = Result("roles-judged", "Person roles judged by hand", str(path), 
                    len({r.article for r in rows}), ["svodka"])
    result.measures.append(Measure("precision", {"svodka": share},
                                   note="rows judged yes / rows judged"))
    if open_rows:
        result.notes.append(f"{open_rows} rows not judged yet")
    return result
