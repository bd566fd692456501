"""Coreference benchmark on RuCoCo: which mentions a system puts in one entity.

RuCoCo (CC BY-NC 4.0) is read from ``../shared/data/rucoco/rucoco-train.zip`` at evaluation
time and never copied into the repository; only the names of the 300 dev articles are
(``svodka/data/coref_dev.txt``, the articles whose sha1 of the file name sorts first).

Scoring follows issue 15, item 4. Only *named* gold chains count: a chain with a mention
that holds a capitalized word not opening a sentence, or an abbreviation of two or more
capitals. Each predicted mention (any kind: name, title, pronoun) is matched to the gold
mention it overlaps most, the overlap being at least half of the longer span. Over pairs of
gold mentions:

- recall: pairs of one named gold chain that the system puts in one entity, over all such pairs;
- precision: pairs the system puts in one entity that lie in one gold chain, over the pairs it
  puts in one entity whose two mentions both match gold mentions (of any chain), at least one
  of them in a named chain.

Pronoun and description recall are the recall of the pairs that join a pronoun, or a
lowercase description, to a name of its chain.
"""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from svodka.data import load_set
from svodka.eval.report import Measure, Result
from svodka.eval.scoring import PRF, Share, pair_prf
from svodka.eval.systems import predict_all
from svodka.text import OPENING_QUOTES, SPEECH_DASHES, fold_word

DEV_LIST = "coref_dev.txt"
DEV_SIZE = 300

_WORD = re.compile(r"\w+(?:-\w+)*")
# What may stand between a sentence's end and its first word: spaces, opening marks, dashes.
_SENTENCE_LEAD = " \t'([" + OPENING_QUOTES + SPEECH_DASHES
_SENTENCE_END = ".!?…\n"
# Personal, possessive and reflexive pronouns: the forms a pronoun link is about.
PRONOUNS = frozenset("""
он она оно они его него её ее неё нее их них ему нему ей ней им ним ими ними нём нем
свой своя своё свое свои своего своей своему своим своём своем своих своими свою своею
себя себе собой собою
""".split())
_FOLDED_PRONOUNS = frozenset(fold_word(p) for p in PRONOUNS)
# Other pronoun-like mentions (relatives, demonstratives): neither pronoun nor description.
_OTHER_PRONOUNS = frozenset("""
который которая которое которые которого которой которому которым котором которых
которыми которую кто что это этот эта эти тот та те того той тех сам сама сами
""".split())

Chain = list[tuple[int, int]]


@dataclass(slots=True)
class CorefDocument:
    id: str
    text: str
    chains: list[Chain]


# --- the dev split -----------------------------------------------------------------------

def split_key(name: str) -> str:
    """The sort key of the split: sha1 of the article's file name without its folder."""
    return hashlib.sha1(Path(name).name.encode("utf-8")).hexdigest()


def choose_dev(names: Sequence[str], size: int = DEV_SIZE) -> list[str]:
    """The ``size`` file names whose sha1 sorts first (how ``coref_dev.txt`` was made)."""
    return sorted((Path(n).name for n in names), key=split_key)[:size]


def dev_names() -> frozenset[str]:
    return load_set(DEV_LIST)


def load_rucoco(path: Path, split: str = "dev", limit: int | None = None
                ) -> Iterator[CorefDocument]:
    """RuCoCo articles of one split (``dev``, ``train`` or ``all``) from the zip or a folder,
    in file-name order."""
    if split not in ("dev", "train", "all"):
        raise ValueError(f"unknown split {split!r}")
    dev = dev_names()
    path = Path(path)
    if path.is_dir():
        files = {p.name: p for p in path.rglob("*.json")}
        read = lambda name: files[name].read_bytes()  # noqa: E731
        names = sorted(files)
        archive = None
    else:
        archive = zipfile.ZipFile(path)
        members = {Path(n).name: n for n in archive.namelist() if n.endswith(".json")}
        read = lambda name: archive.read(members[name])  # noqa: E731
        names = sorted(members)
    count = 0
    try:
        for name in names:
            if (split == "dev") != (name in dev) and split != "all":
                continue
            data = json.loads(read(name))
            chains = [sorted({(int(s), int(e)) for s, e in chain}) for chain in data["entities"]]
            yield CorefDocument(Path(name).stem, data["text"], [c for c in chains if c])
            count += 1
            if limit is not None and count >= limit:
                return
    finally:
        if archive is not None:
            archive.close()


# --- what a gold mention is ---------------------------------------------------------------

def opens_sentence(text: str, start: int) -> bool:
    """True when only spaces, opening marks or dashes stand between ``start`` and the
    text's start or the end of the sentence before."""
    index = start - 1
    while index >= 0 and text[index] in _SENTENCE_LEAD:
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def is_abbreviation(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def is_named(text: str, span: tuple[int, int]) -> bool:
    """A mention holding a capitalized word that does not open a sentence, or an
    abbreviation of two or more capitals."""
    start, end = span
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if is_abbreviation(word):
            return True
        if word[0].isupper() and not opens_sentence(text, match.start()):
            return True
    return False


def proper_words(text: str) -> frozenset[str]:
    """Words the text capitalizes where no sentence opens: names, wherever they stand."""
    return frozenset(m.group() for m in _WORD.finditer(text)
                     if m.group()[0].isupper() and not opens_sentence(text, m.start()))


def mention_kind(text: str, span: tuple[int, int], proper: frozenset[str] = frozenset()
                 ) -> str:
    """``name``, ``pronoun``, ``description`` (lowercase, not a pronoun) or ``other``.

    A name opening its sentence ("Минфин заявил") is told from a description opening one
    ("Министр добавил") by ``proper``: the words the text capitalizes elsewhere mid-sentence.
    """
    if is_named(text, span) or any(w in proper for w in _WORD.findall(text, span[0], span[1])):
        return "name"
    words = [fold_word(w) for w in _WORD.findall(text, span[0], span[1])]
    if len(words) == 1 and words[0] in _FOLDED_PRONOUNS:
        return "pronoun"
    if not words or (len(words) == 1 and words[0] in _OTHER_PRONOUNS):
        return "other"
    return "description"


# --- scoring ------------------------------------------------------------------------------

@dataclass(slots=True)
class CorefScores:
    links: PRF
    pronoun_links: Share      # pronoun ↔ name pairs of one named chain, found
    description_links: Share  # lowercase description ↔ name pairs, found
    name_links: Share         # name ↔ name pairs, found
    mentions: Share           # gold mentions of named chains matched by some predicted mention

    @classmethod
    def empty(cls) -> "CorefScores":
        return cls(PRF(), Share(), Share(), Share(), Share())

    def add(self, other: "CorefScores") -> "CorefScores":
        self.links.add(other.links)
        self.pronoun_links.add(other.pronoun_links)
        self.description_links.add(other.description_links)
        self.name_links.add(other.name_links)
        self.mentions.add(other.mentions)
        return self


def match_mention(span: tuple[int, int], gold: Sequence[tuple[int, int]]
                  ) -> tuple[int, int] | None:
    """The gold mention ``span`` overlaps most, overlap ≥ half of the longer span."""
    best, best_key = None, None
    for candidate in gold:
        overlap = min(span[1], candidate[1]) - max(span[0], candidate[0])
        longer = max(span[1] - span[0], candidate[1] - candidate[0])
        if overlap <= 0 or 2 * overlap < longer:
            continue
        key = (-overlap, longer, candidate)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


# what may stand between two mentions of one entity that a reader sees as one phrase
_PHRASE_GAP = re.compile(r"[\s" + re.escape(OPENING_QUOTES) + r"»”\"']*")


def adjacent_phrases(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of an entity's mentions written next to each other, only spaces or quote marks
    between them ("пакистанском городе" + "Лахор", "адвокат" + "Марк Фейгин"): highlighted
    together, a reader sees one phrase, and that phrase is matched too (the parts still are)."""
    runs, current = [], []
    for span in sorted(set(spans)):
        if current and span[0] >= current[-1][1] \
                and _PHRASE_GAP.fullmatch(text, current[-1][1], span[0]):
            current.append(span)
            continue
        if len(current) > 1:
            runs.append((current[0][0], current[-1][1]))
        current = [span]
    if len(current) > 1:
        runs.append((current[0][0], current[-1][1]))
    return runs


def score_coref(text: str, gold_chains: Sequence[Chain],
                predicted: Sequence[Sequence[tuple[int, int]]],
                join_adjacent: bool = True) -> CorefScores:
    """Pair scores of one document: ``predicted`` holds one list of mention spans per entity;
    ``join_adjacent`` also matches each run of adjacent mentions of one entity as one phrase
    (``adjacent_phrases``; the fifth session's matching, False for the fourth's)."""
    chains_of: dict[tuple[int, int], set[int]] = {}
    for index, chain in enumerate(gold_chains):
        for span in chain:
            chains_of.setdefault(tuple(span), set()).add(index)
    named = {i for i, chain in enumerate(gold_chains) if any(is_named(text, s) for s in chain)}
    gold_mentions = sorted(chains_of)

    gold_pairs: set[frozenset] = set()
    for index in named:
        gold_pairs.update(frozenset(p) for p in combinations(sorted(set(gold_chains[index])), 2))

    predicted_pairs: set[frozenset] = set()
    matched: set[tuple[int, int]] = set()
    for entity in predicted:
        spans = [tuple(s) for s in entity]
        if join_adjacent:
            spans += adjacent_phrases(text, spans)
        hits = {m for m in (match_mention(s, gold_mentions) for s in spans) if m}
        matched |= hits
        predicted_pairs.update(frozenset(p) for p in combinations(sorted(hits), 2))

    def judged(pair: frozenset) -> bool:
        a, b = tuple(pair)
        return bool((chains_of[a] | chains_of[b]) & named)

    def same_chain(pair: frozenset) -> bool:
        a, b = tuple(pair)
        return bool(chains_of[a] & chains_of[b])

    judged_pairs = {p for p in predicted_pairs if judged(p)}
    correct = {p for p in judged_pairs if same_chain(p)}
    links = pair_prf(gold_pairs, predicted_pairs, judged_pairs, correct)

    proper = proper_words(text)
    kinds = {span: mention_kind(text, span, proper) for span in gold_mentions}
    by_kind = {"pronoun": Share(), "description": Share(), "name": Share()}
    for pair in gold_pairs:
        a, b = tuple(pair)
        kind_a, kind_b = kinds[a], kinds[b]
        if "name" not in (kind_a, kind_b):
            continue
        other = kind_b if kind_a == "name" else kind_a
        if other in by_kind:
            by_kind[other].total += 1
            by_kind[other].correct += pair in predicted_pairs
    named_mentions = [s for s in gold_mentions if chains_of[s] & named]
    mentions = Share(sum(s in matched for s in named_mentions), len(named_mentions))
    return CorefScores(links, by_kind["pronoun"], by_kind["description"], by_kind["name"],
                       mentions)


def evaluate_coref(path: Path, systems, limit: int | None = None) -> Result:
    documents = list(load_rucoco(path, "dev", limit))
    result = Result("coref", "Coreference: RuCoCo dev (300 articles kept out of training)",
                    str(path), len(documents), [s.name for s in systems])
    linking = [s for s in systems if "chains" in s.provides]
    outputs = predict_all(linking, [d.text for d in documents], result)
    totals = {s.name: CorefScores.empty() for s in linking}
    # the matching of the fourth session and before, kept so numbers stay comparable
    one_by_one = {s.name: CorefScores.empty() for s in linking}
    for index, document in enumerate(documents):
        for system in linking:
            chains = [[(m.start, m.end) for m in chain]
                      for chain in outputs[system.name][index].chains]
            totals[system.name].add(score_coref(document.text, document.chains, chains))
            one_by_one[system.name].add(score_coref(document.text, document.chains, chains,
                                                    join_adjacent=False))

    def per_system(pick) -> dict:
        return {s.name: (pick(totals[s.name]) if s in linking else None) for s in systems}

    result.measures += [
        Measure("link", per_system(lambda t: t.links), note="mention pairs of named chains"),
        Measure("pronoun link recall", per_system(lambda t: t.pronoun_links),
                note="pronoun ↔ a name of its chain"),
        Measure("description link recall", per_system(lambda t: t.description_links),
                note="lowercase description ↔ a name of its chain"),
        Measure("name link recall", per_system(lambda t: t.name_links),
                note="name ↔ name of one chain"),
        Measure("mention recall", per_system(lambda t: t.mentions),
                note="gold mentions of named chains matched"),
        Measure("link, adjacent mentions not joined",
                {s.name: (one_by_one[s.name].links if s in linking else None) for s in systems},
                note="each predicted mention matched alone, as before 0.3.0's fifth session"),
        Measure("pronoun link recall, not joined",
                {s.name: (one_by_one[s.name].pronoun_links if s in linking else None)
                 for s in systems}),
        Measure("description link recall, not joined",
                {s.name: (one_by_one[s.name].description_links if s in linking else None)
                 for s in systems}),
    ]
    gold_chains = sum(len(d.chains) for d in documents)
    result.notes.append(f"{gold_chains} gold chains; a predicted mention matches the gold mention "
                        "it overlaps most, by at least half of the longer span")
    return result
