"""Entity benchmarks: factRuEval-2016 (naeval's token F1) and NEREL (spans, aliases, roles)."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

from svodka.eval import factru, nerel
from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Share, exact_prf, overlap_prf, pair_prf, token_prf
from svodka.eval.spans import Span, drop_misaligned, drop_overlapping, nested_pieces, token_bounds
from svodka.eval.systems import Output, predict_all
from svodka.text import fold_word


OUTER = " (outer spans)"


def factru_predictions(names: list[Span], text: str, bounds) -> dict[str, list[Span]]:
    """One system's PER / ORG / LOC spans, made flat two ways before the token score.

    ``""`` (the primary measures): nested spans cut into their innermost pieces, as naeval
    cuts pullenti's (``МИД РФ`` holding ``РФ`` → ORG ``МИД`` + LOC ``РФ``, as factRuEval's
    gold has it). ``OUTER``: only the first, longest span of nested ones (``МИД РФ`` as one
    ORG), the treatment naeval gives flat systems. Both then drop spans off token boundaries.
    Output with no nesting is the same both ways.
    """
    names = [s for s in names if s.type in factru.TYPES]
    return {"": drop_misaligned(drop_overlapping(nested_pieces(names, text)), bounds),
            OUTER: drop_misaligned(drop_overlapping(names), bounds)}


def evaluate_factru(path: Path, systems, limit: int | None = None) -> Result:
    documents = factru.load_factru(path, limit)
    result = Result("factrueval", "factRuEval-2016 dev: entity mentions, token-level F1",
                    str(path), len(documents), [s.name for s in systems])
    outputs = predict_all(systems, [d.text for d in documents], result)
    scores: dict[str, dict[str, PRF]] = defaultdict(lambda: defaultdict(PRF))
    for index, document in enumerate(documents):
        bounds = token_bounds(document.text)
        for system in systems:
            names = outputs[system.name][index].naeval_names
            for flat, predicted in factru_predictions(names, document.text, bounds).items():
                for type in factru.TYPES:
                    scores[type + flat][system.name].add(token_prf(
                        [s for s in document.gold if s.type == type],
                        [s for s in predicted if s.type == type], bounds))
    for flat in ("", OUTER):
        for type in factru.TYPES:
            name = type + flat
            result.measures.append(Measure(name, {s.name: scores[name][s.name] for s in systems}))
    return result


def _mention_key(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _alias_gold(document: nerel.NerelDocument):
    """Gold ALTERNATIVE_NAME pairs, and the clusters (alias relations + Wikidata ids) that
    say which other pairs are right."""
    entity_mentions = {m.id: m for m in document.mentions.values()
                       if nerel.TYPE_MAP.get(m.type) in nerel.ENTITY_TYPES}
    parent = {key: key for key in entity_mentions}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    pairs = set()
    for a, b in document.pairs("ALTERNATIVE_NAME"):
        if a.id in entity_mentions and b.id in entity_mentions:
            parent[root(a.id)] = root(b.id)
            if a.text.lower() != b.text.lower():
                pairs.add(frozenset({(a.start, a.end), (b.start, b.end)}))
    by_qid: dict[str, str] = {}
    for mention_id, qid in document.links.items():
        if mention_id in entity_mentions:
            if qid in by_qid:
                parent[root(mention_id)] = root(by_qid[qid])
            by_qid[qid] = mention_id
    aliased = {m.id for pair in document.pairs("ALTERNATIVE_NAME") for m in pair}
    linked = {k for k in entity_mentions if k in document.links or k in aliased}
    cluster = {}
    for key in linked:
        m = entity_mentions[key]
        cluster.setdefault((m.start, m.end), root(key))
    return pairs, cluster


def _predicted_pairs(output: Output, text: str) -> set[frozenset]:
    pairs = set()
    for group in output.groups:
        mentions = sorted({_mention_key(s) for s in group.mentions})
        for a, b in combinations(mentions, 2):
            if text[a[0]:a[1]].lower() != text[b[0]:b[1]].lower():
                pairs.add(frozenset({a, b}))
    return pairs


def alias_prf(document: nerel.NerelDocument, output: Output) -> PRF:
    gold_pairs, cluster = _alias_gold(document)
    predicted = _predicted_pairs(output, document.text)
    judged = {p for p in predicted if all(key in cluster for key in p)}
    correct = {p for p in judged if len({cluster[key] for key in p}) == 1}
    return pair_prf(gold_pairs, predicted, judged, correct)


def _lemma_words(text: str, vocab) -> list[set[str]]:
    from razdel import tokenize
    words = []
    for token in tokenize(fold_word(text)):
        if token.text.isalnum() or "-" in token.text:
            words.append({fold_word(p.normal_form) for p in vocab.parse(token.text)}
                         | {token.text})
    return words


def role_contains(role: str, profession: str, vocab) -> bool:
    """Does the role hold the profession's words, in order, in any of their normal forms?"""
    need, have = _lemma_words(profession, vocab), _lemma_words(role, vocab)
    if not need:
        return False
    return any(all(need[i] & have[start + i] for i in range(len(need)))
               for start in range(len(have) - len(need) + 1))


def roles_share(document: nerel.NerelDocument, output: Output, vocab) -> Share:
    share = Share()
    for person, profession in document.pairs("WORKS_AS"):
        share.total += 1
        person_span = Span(person.start, person.end, "PER")
        share.correct += any(
            group.type == "PER" and any(s.overlap(person_span) for s in group.mentions)
            and any(role_contains(role, profession.text, vocab) for role in group.roles)
            for group in output.groups)
    return share


QUALIFIED_TYPES = ("MONEY", "PERCENT", "NUMBER", "AGE")
# words NEREL keeps inside a number's span and svodka's guidelines leave out ("более 500")
EXTRA_QUALIFIER_WORDS = frozenset({"чуть", "лишь", "всего", "старше", "младше", "от"})


def _qualifier_words() -> frozenset[str]:
    from svodka.data import load_table
    return frozenset(word for row in load_table("amount_qualifiers.tsv")
                     for word in row[0].split()) | EXTRA_QUALIFIER_WORDS


def tolerate_qualifiers(gold: list[Span], predicted: list[Span], text: str) -> list[Span]:
    """Predictions with a gold span's leading qualifier put back ("500" → "более 500"), for
    the qualifier-tolerant score; the exact score keeps svodka's own spans."""
    words = _qualifier_words()
    by_end = {(g.end, g.type): g for g in gold if g.type in QUALIFIED_TYPES}
    widened = []
    for span in predicted:
        match = by_end.get((span.end, span.type))
        if match and match.start < span.start and \
                all(w in words for w in text[match.start:span.start].lower().split()):
            span = match
        widened.append(span)
    return widened


def evaluate_nerel(path: Path, systems, limit: int | None = None) -> Result:
    from svodka.analysis import load_models

    vocab = load_models().morph_vocab
    documents = nerel.load_nerel(path, limit)
    result = Result("nerel", "NEREL dev: spans per type, alias pairs, roles", str(path),
                    len(documents), [s.name for s in systems])
    outputs = predict_all(systems, [d.text for d in documents], result)
    exact = {s.name: defaultdict(PRF) for s in systems}
    overlap = {s.name: defaultdict(PRF) for s in systems}
    tolerant = {s.name: defaultdict(PRF) for s in systems}
    alias = {s.name: PRF() for s in systems}
    roles = {s.name: Share() for s in systems}
    for index, document in enumerate(documents):
        gold = document.gold()
        for system in systems:
            output = outputs[system.name][index]
            predicted = set(output.names) | set(output.facts)
            for type in nerel.TYPES:
                gold_type = [s for s in gold if s.type == type]
                predicted_type = [s for s in predicted if s.type == type]
                exact[system.name][type].add(exact_prf(gold_type, predicted_type))
                overlap[system.name][type].add(overlap_prf(gold_type, predicted_type))
                if type in QUALIFIED_TYPES:
                    tolerant[system.name][type].add(exact_prf(gold_type, tolerate_qualifiers(
                        gold_type, predicted_type, document.text)))
            alias[system.name].add(alias_prf(document, output))
            roles[system.name].add(roles_share(document, output, vocab))

    def supported(system, type):
        return type in system.types

    for type in nerel.TYPES:
        for label, table in (("exact", exact), ("overlap", overlap)):
            result.measures.append(Measure(f"{type} {label}", {
                s.name: table[s.name][type] if supported(s, type) else None for s in systems}))
        if type in QUALIFIED_TYPES:
            result.measures.append(Measure(f"{type} exact, qualifiers tolerated", {
                s.name: tolerant[s.name][type] if supported(s, type) else None for s in systems},
                note="a gold span's leading \"более\", \"около\" may be missing"))
    result.measures.append(Measure("alias", {
        s.name: alias[s.name] if "groups" in s.provides else None for s in systems},
        note="ALTERNATIVE_NAME pairs in one entity"))
    result.measures.append(Measure("roles recall", {
        s.name: roles[s.name] if "groups" in s.provides else None for s in systems},
        note="WORKS_AS profession in the person's roles"))
    return result
