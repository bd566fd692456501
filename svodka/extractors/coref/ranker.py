"""A trained antecedent ranker: how likely an earlier mention is the thing a pronoun or a
description refers to.

    scores = antecedent_scores(analysis, (start, end), [(s1, e1), (s2, e2), ...])

Every number is read from the shared analysis (morphology, syntax, NER, regions); the model
(``svodka/data/models/coref_ranker.npz``, scikit-learn's gradient-boosted trees trained on
RuCoCo by ``svodka train coref`` and exported as plain arrays) is loaded once per process, on
first use, and evaluated with numpy: scikit-learn's own ``predict_proba`` costs about 12 ms a
call, this 0.7 ms for 30 candidates, and no pickle is read. The weights are CC BY-NC 4.0, as
RuCoCo is (``coref_ranker.LICENSE.md`` next to them); without the file ``antecedent_scores``
returns ``None`` and the resolver keeps to its rules.
"""
from __future__ import annotations

import logging
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from svodka.analysis import Analysis
from svodka.text import CLOSING_QUOTES, OPENING_QUOTES

log = logging.getLogger(__name__)

MODEL_FILE = "coref_ranker.npz"
# The model descriptions ask (trained by ``svodka train coref --out`` this file, over svodka's
# own mentions with every singular common noun a description candidate); without it they ask
# ``MODEL_FILE``'s, as pronouns always do.
DESCRIPTION_MODEL_FILE = "coref_ranker_descriptions.npz"

# Personal, possessive and reflexive pronouns, by lowercase form: the lemma code and the
# (number, gender) they say, None where the form does not tell.
PRONOUN_FORMS: dict[str, tuple[int, str | None, str | None]] = {}
for _code, (_forms, _number, _gender) in enumerate((
        ("он его него ему нему им ним нем нём", "Sing", "Masc"),
        ("она ее её нее неё ей ней ею нею", "Sing", "Fem"),
        ("оно", "Sing", "Neut"),
        ("они их них ими ними", "Plur", None),
        ("свой своя свое своё свои своего своей своему своим своем своём своих своими свою",
         None, None),
        ("себя себе собой собою", None, None),
)):
    for _form in _forms.split():
        PRONOUN_FORMS[_form] = (_code, _number, _gender)
NOT_A_PRONOUN = len({code for code, _, _ in PRONOUN_FORMS.values()})


def pronoun_form(token) -> tuple[int, str | None, str | None] | None:
    """``PRONOUN_FORMS``' entry for a word, read with its case where the form alone cannot
    tell: "им" is "him" in the instrumental ("подписан им") but "them" in the dative
    ("напомнит им", "спасая им жизнь"), and the tagger's case tells them apart (on the
    tuning articles every "им" whose chain shows its number: 9 dative plural, 1 instrumental
    singular)."""
    word = token.text.lower()
    if word == "им" and token.feats.get("Case") == "Dat":
        return PRONOUN_FORMS["их"]
    return PRONOUN_FORMS.get(word)


PRONOUN, DESCRIPTION, NAME = 0, 1, 2
_GENDERS = {"Masc": 1, "Fem": 2, "Neut": 3}
_NUMBERS = {"Sing": 1, "Plur": 2}
_RELS = {"nsubj": 1, "nsubj:pass": 1, "obj": 2, "iobj": 3, "obl": 4, "nmod": 5, "appos": 6,
         "root": 7, "det": 8, "conj": 9, "flat:name": 10, "amod": 11}
_NER = {"PER": 1, "ORG": 2, "LOC": 3}
# Marks that only open, and marks that only close, speech: a straight " does both, and “
# closes „…“ far more often than it opens anything in Russian news.
_OPENING = "".join(m for m in OPENING_QUOTES if m not in "\"“")
_CLOSING = "".join(m for m in CLOSING_QUOTES + "“" if m != "\"")
_QUOTE_LOOKBACK = 3000      # characters of a paragraph scanned back for an open «


@dataclass(slots=True)
class MentionView:
    """What the ranker reads of one span."""
    start: int
    end: int
    head: int               # token index of the span's syntactic head, -1 if no token
    size: int               # tokens
    sent: int
    region: int
    kind: int               # PRONOUN, DESCRIPTION or NAME
    lemma_code: int         # the pronoun's code, NOT_A_PRONOUN otherwise
    lemma: str              # the head's lemma
    lemmas: frozenset       # lemmas of every word of the span
    gender: int
    number: int
    rel: int
    subject: bool
    ner: int
    quote: int              # start offset of the «…» holding the span, -1 outside speech
    clause: int             # token index of the verb governing the head, -1 if none
    word_class: int         # the head lemma is a role (1), organization (2), place (3) noun
    demonstrative: bool     # "этот министр", "данное ведомство"
    headline: bool
    speech: int = -1        # start of the speech holding the span, straight "…" included
    animate: bool = False   # the head noun is animate ("мужчина", "россиянин")


FEATURES = (
    "anaphor kind", "anaphor pronoun", "candidate kind", "candidate pronoun",
    "gender agreement", "number agreement", "anaphor gender", "candidate gender",
    "anaphor number", "candidate number", "anaphor role", "candidate role",
    "candidate NER type", "token distance", "sentence distance", "paragraph distance",
    "candidates between", "agreeing candidates between", "head lemma match",
    "anaphor head among candidate lemmas", "anaphor quoted", "candidate quoted", "same quote",
    "candidate is subject", "candidate subject of previous sentence",
    "candidate subject of a clause above the anaphor", "same clause", "same sentence",
    "earlier candidates with its head lemma", "candidate tokens", "candidate nested",
    "anaphor tokens", "anaphor word class", "candidate word class", "anaphor demonstrative",
    "candidate in the headline",
    # since the sixth session (a model trained before reads the features up to here, and
    # still works: ``load_model`` accepts a model over a prefix of FEATURES)
    "anaphor in speech", "candidate in speech", "same speech", "anaphor animate",
)
_DEMONSTRATIVES = frozenset({"этот", "данный", "тот", "сей", "такой"})
# What a description's head noun means, read from navec's vector of its lemma (the copy the
# taggers hold, ``analysis.models.embedding``): only the descriptions' model reads these
# columns, after ``FEATURES`` (the pronouns' model is trained on ``FEATURES`` alone). The
# prototypes (mean vectors of the nouns that describe a person, an organization, a place) and
# the meaning's axes (principal components of the descriptions' head nouns) are computed by
# the training command from the training articles and stored in the model file.
MEANING_AXES = 8
SEMANTIC_FEATURES = (
    "anaphor head has a vector", "anaphor ~ person nouns", "anaphor ~ organization nouns",
    "anaphor ~ place nouns", "anaphor ~ candidate's type", "anaphor ~ candidate's nouns",
    *(f"anaphor meaning {axis}" for axis in range(1, MEANING_AXES + 1)),
)
DESCRIPTION_FEATURES = FEATURES + SEMANTIC_FEATURES


# Views of the current article's spans, per thread: the pronouns' batches and every
# description's candidates ask for the same spans again (a view was a quarter of the
# resolver's CPU). A view reads only the analysis, so a cached one is the same view.
_VIEWS_PER_THREAD = threading.local()
_MAX_CACHED_VIEWS = 2_000   # a news article asks for a few hundred; a 10 MB one would keep
# 20,000 (16 MB of its peak) if it were not bounded


def view(analysis: Analysis, span: tuple[int, int]) -> MentionView:
    cache = _VIEWS_PER_THREAD
    if getattr(cache, "analysis", None) is not analysis:
        cache.analysis, cache.views, cache.speech = analysis, {}, None
    elif len(cache.views) >= _MAX_CACHED_VIEWS:
        cache.views = {}
    found = cache.views.get(span)
    if found is None:
        found = cache.views[span] = _view(analysis, span)
    return found


def _speech_start(analysis, offset: int) -> int:
    """Where the speech holding ``offset`` starts (``coref.quoted_spans``: «…» and straight
    "…", without the author's words that split a quote), -1 outside speech."""
    cache = _VIEWS_PER_THREAD
    if cache.speech is None:
        from svodka.extractors.coref import quoted_spans
        spans = quoted_spans(analysis)
        cache.speech = ([s for s, _ in spans], [e for _, e in spans])
    starts, ends = cache.speech
    at = bisect_right(starts, offset) - 1
    return starts[at] if at >= 0 and offset < ends[at] else -1


def _view(analysis, span: tuple[int, int]) -> MentionView:
    start, end = span
    tokens = analysis.tokens
    inside = analysis.tokens_between(start, end)
    if not len(inside):
        at = analysis.token_at(start)
        inside = range(at, at + 1) if at is not None else range(0)
    if not len(inside):
        sent = analysis.sentence_of(start)
        return MentionView(start, end, -1, 0, sent if sent is not None else -1, -1, DESCRIPTION,
                           NOT_A_PRONOUN, "", frozenset(), 0, 0, 0, False, 0, -1, -1, 0, False,
                           False)
    head = next((i for i in inside if not inside.start <= tokens[i].head < inside.stop),
                inside.start)
    token = tokens[head]
    sentence = analysis.sentences[token.sent]
    word = token.text.lower()
    pronoun = pronoun_form(token) if len(inside) == 1 else None
    kind = PRONOUN if pronoun else (NAME if _named(analysis, inside) else DESCRIPTION)
    gender, number = token.feats.get("Gender"), token.feats.get("Number")
    if pronoun:
        number = pronoun[1] or number
        gender = pronoun[2] or (gender if pronoun[0] != 3 else None)
    elif kind == NAME:
        proper = _person_word(analysis, inside)
        if proper is not None:
            gender = proper.feats.get("Gender", gender)
    verb = _verb_agreement(analysis, head)
    if verb is not None and kind != PRONOUN:
        gender = verb
    lemma = analysis.lemma(head)
    return MentionView(
        start, end, head, len(inside), token.sent, sentence.region, kind,
        pronoun[0] if pronoun else NOT_A_PRONOUN, lemma,
        frozenset(analysis.lemma(i) for i in inside if tokens[i].text[:1].isalpha()),
        _GENDERS.get(gender, 0), _NUMBERS.get(number, 0),
        _RELS.get(token.rel, 0), token.rel in ("nsubj", "nsubj:pass"),
        _ner_type(analysis, inside, head), _quote_start(analysis, start, sentence.region),
        _governing_verb(analysis, head), word_classes().get(lemma, 0),
        any(analysis.lemma(i) in _DEMONSTRATIVES for i in inside if i != head),
        analysis.regions[sentence.region].kind == "headline", _speech_start(analysis, start),
        token.feats.get("Animacy") == "Anim")


def nouns_of(analysis: Analysis, seen: MentionView) -> frozenset:
    """The common nouns that say what a span is: lemmas of its own ("министр финансов Антон
    Силуанов", «Восточный порт») and of a noun in apposition to its head ("Силуанов,
    министр"). Read only for the descriptions' semantic columns, so not part of the view."""
    if seen.head < 0:
        return frozenset()
    tokens = analysis.tokens
    inside = analysis.tokens_between(seen.start, seen.end)
    apposed = [c for c in analysis.children(seen.head) if tokens[c].rel == "appos"]
    if tokens[seen.head].rel == "appos" and tokens[seen.head].head >= 0:
        apposed.append(tokens[seen.head].head)
    return frozenset(analysis.lemma(i) for i in (*inside, *apposed)
                     if tokens[i].pos == "NOUN" and tokens[i].text[:1].isalpha())


@lru_cache(maxsize=1)
def word_classes() -> dict[str, int]:
    """Head lemmas that say what a description is: a role, an organization, a place."""
    from svodka.data import load_list

    classes = {}
    for code, files in ((3, ("place_descriptors.txt",)),
                        (2, ("org_descriptors.txt", "org_heads.txt")), (1, ("role_words.txt",))):
        for name in files:
            classes.update({word.lower(): code for word in load_list(name)})
    return classes


def _named(analysis, inside: range) -> bool:
    tokens = analysis.tokens
    for i in inside:
        text = tokens[i].text
        if sum(c.isupper() for c in text) >= 2:
            return True
        first = analysis.sentences[tokens[i].sent].first
        if text[:1].isupper() and i != first and tokens[i - 1].text not in "«\"„“-—–(":
            return True
        if tokens[i].pos == "PROPN":
            return True
    return False


def _verb_agreement(analysis, head: int) -> str | None:
    """The gender of the past-tense verb the head is the subject of ("заявила Савченко")."""
    token = analysis.tokens[head]
    if token.rel not in ("nsubj", "nsubj:pass") or token.head < 0:
        return None
    verb = analysis.tokens[token.head]
    if verb.pos in ("VERB", "AUX", "ADJ") and verb.feats.get("Number") == "Sing":
        return verb.feats.get("Gender")
    return None


def _governing_verb(analysis, head: int) -> int:
    tokens = analysis.tokens
    index, steps = tokens[head].head, 0
    while index >= 0 and steps < 50:
        if tokens[index].pos in ("VERB", "AUX"):
            return index
        index, steps = tokens[index].head, steps + 1
    return -1


def _overlapping_ner(analysis, inside: range) -> list:
    """NER spans overlapping the words (slovnet's spans come in text order, none overlapping:
    a search, not a scan of the whole article's spans for every mention)."""
    start, end = analysis.tokens[inside.start].start, analysis.tokens[inside.stop - 1].end
    ner = analysis.ner
    first = bisect_right(ner, start, key=lambda span: span.end)
    return ner[first:bisect_left(ner, end, lo=first, key=lambda span: span.start)]


def _person_word(analysis, inside: range):
    """The word that tells a name's gender: the first proper noun in a person's name
    ("главой ЦБ Эльвирой Набиуллиной" → Эльвирой), else the first proper noun."""
    tokens = analysis.tokens
    people = [s for s in _overlapping_ner(analysis, inside) if s.type == "PER"]
    proper = [i for i in inside if tokens[i].pos == "PROPN"]
    at = 0          # spans and words both in text order, the spans not overlapping
    for i in proper:
        offset = tokens[i].start
        while at < len(people) and people[at].end <= offset:
            at += 1
        if at < len(people) and people[at].start <= offset:
            return tokens[i]
    return tokens[proper[0]] if proper else None


def _ner_type(analysis, inside: range, head: int) -> int:
    """The type of the NER span over the head, else a person inside ("министр … Силуанов"),
    else the first one inside."""
    spans = _overlapping_ner(analysis, inside)
    offset = analysis.tokens[head].start
    chosen = next((s for s in spans if s.start <= offset < s.end), None) \
        or next((s for s in spans if s.type == "PER"), None) or (spans[0] if spans else None)
    return _NER.get(chosen.type, 0) if chosen is not None else 0


def _quote_start(analysis, offset: int, region: int) -> int:
    """Where the «…» holding ``offset`` opens, within its paragraph; -1 outside speech."""
    region_start = analysis.regions[region].start if region >= 0 else 0
    low = max(region_start, offset - _QUOTE_LOOKBACK)
    before = analysis.text[low:offset]
    opened = max(before.rfind(mark) for mark in _OPENING)
    closed = max(before.rfind(mark) for mark in _CLOSING)
    return low + opened if opened > closed else -1


def _agreement(a: int, b: int) -> int:
    return 0 if not a or not b else (1 if a == b else -1)


def _dominating_subject(analysis, anaphor: MentionView, candidate: MentionView) -> bool:
    """Is the candidate the subject of a word above the anaphor ("Путин заявил, что он")?"""
    if anaphor.sent != candidate.sent or candidate.head < 0 or not candidate.subject:
        return False
    tokens = analysis.tokens
    governor = tokens[candidate.head].head
    index, steps = tokens[anaphor.head].head, 0
    while index >= 0 and steps < 50:
        if index == governor:
            return True
        index, steps = tokens[index].head, steps + 1
    return False


def pair_features(analysis: Analysis, anaphor: MentionView, candidates: list[MentionView]
                  ) -> list[list[float]]:
    """One feature row (``FEATURES``) per candidate; candidates in text order."""
    rows = []
    seen_lemmas: dict[str, int] = {}
    before = len(candidates)
    agreeing_after = [0] * (len(candidates) + 1)
    for index in range(len(candidates) - 1, -1, -1):
        c = candidates[index]
        agrees = _agreement(anaphor.gender, c.gender) >= 0 and \
            _agreement(anaphor.number, c.number) >= 0
        agreeing_after[index] = agreeing_after[index + 1] + agrees
    for index, c in enumerate(candidates):
        seen_lemmas[c.lemma] = seen_lemmas.get(c.lemma, 0) + 1
        nested = c.start <= anaphor.start < c.end or anaphor.start <= c.start < anaphor.end
        rows.append([
            anaphor.kind, anaphor.lemma_code, c.kind, c.lemma_code,
            _agreement(anaphor.gender, c.gender), _agreement(anaphor.number, c.number),
            anaphor.gender, c.gender, anaphor.number, c.number, anaphor.rel, c.rel, c.ner,
            (anaphor.head - c.head) if c.head >= 0 and anaphor.head >= 0 else 999,
            anaphor.sent - c.sent, anaphor.region - c.region,
            before - index - 1, agreeing_after[index + 1],
            float(bool(c.lemma) and c.lemma == anaphor.lemma),
            float(bool(anaphor.lemma) and anaphor.lemma in c.lemmas),
            float(anaphor.quote >= 0), float(c.quote >= 0),
            float(anaphor.quote >= 0 and anaphor.quote == c.quote),
            float(c.subject), float(c.subject and c.sent == anaphor.sent - 1),
            float(_dominating_subject(analysis, anaphor, c)),
            float(c.clause >= 0 and c.clause == anaphor.clause),
            float(c.sent == anaphor.sent),
            seen_lemmas[c.lemma], c.size, float(nested),
            anaphor.size, anaphor.word_class, c.word_class, float(anaphor.demonstrative),
            float(c.headline),
            float(anaphor.speech >= 0), float(c.speech >= 0),
            float(anaphor.speech >= 0 and anaphor.speech == c.speech), float(anaphor.animate),
        ])
    return rows


# rows walked through the trees at once: each step holds a few (rows × trees) arrays of 8
# bytes, so the pronouns' batch of 6,000 rows (200 pronouns × 30 candidates) held about 70 MB
# at a time, the largest transient of a long article's extraction; 500 rows hold 6 MB
WALK_ROWS = 500


@dataclass(slots=True)
class TreeEnsemble:
    """Boosted regression trees as flat arrays: every tree's nodes one after another. A leaf
    points to itself on both sides (threshold +inf), so a walk of ``depth`` steps ends on a
    leaf in every tree."""
    feature: "numpy.ndarray"      # split feature of each node
    threshold: "numpy.ndarray"    # go left when the value is <= threshold
    left: "numpy.ndarray"         # node indices, already offset into the flat arrays
    right: "numpy.ndarray"
    value: "numpy.ndarray"        # a leaf's contribution to the log-odds
    roots: "numpy.ndarray"
    baseline: float
    depth: int
    features: tuple[str, ...]
    # the semantic columns' data (``Meaning``), in a model trained on ``SEMANTIC_FEATURES``
    meaning: "Meaning | None" = None
    _children: "numpy.ndarray | None" = field(default=None, repr=False, compare=False)

    def predict_proba(self, rows) -> "numpy.ndarray":
        """Probability of the positive class for each row (all trees walked at once, a block
        of rows at a time)."""
        import numpy

        rows = numpy.asarray(rows, dtype=float)
        if self._children is None:
            # node n's left child at 2n, its right one at 2n + 1: one gather a step, not two
            self._children = numpy.stack([self.left, self.right], axis=1).ravel()
        if len(rows) <= WALK_ROWS:
            return self._walk(rows)
        # each row's walk and sum are its own, so a block's scores are the whole batch's
        return numpy.concatenate([self._walk(rows[first:first + WALK_ROWS])
                                  for first in range(0, len(rows), WALK_ROWS)])

    def _walk(self, rows: "numpy.ndarray") -> "numpy.ndarray":
        import numpy

        # flat positions in the rows, so a step gathers from one vector instead of indexing
        # rows × trees two ways (the walk was half of the resolver's CPU)
        values = rows.ravel()
        row_starts = (numpy.arange(len(rows)) * rows.shape[-1])[:, None]
        at = numpy.broadcast_to(self.roots, (len(rows), len(self.roots)))
        for _ in range(self.depth):
            # right where not (value <= threshold): the same test, NaN included
            right = ~(values.take(row_starts + self.feature.take(at)) <= self.threshold.take(at))
            at = self._children.take(2 * at + right)
        return 1.0 / (1.0 + numpy.exp(-(self.baseline + self.value[at].sum(axis=1))))

    def arrays(self) -> dict:
        import numpy
        arrays = {"feature": self.feature, "threshold": self.threshold, "left": self.left,
                  "right": self.right, "value": self.value, "roots": self.roots,
                  "baseline": numpy.array([self.baseline]), "depth": numpy.array([self.depth]),
                  "features": numpy.array(self.features)}
        if self.meaning is not None:
            arrays |= self.meaning.arrays()
        return arrays

    @classmethod
    def from_arrays(cls, arrays) -> "TreeEnsemble":
        meaning = Meaning.from_arrays(arrays) if "prototypes" in arrays else None
        return cls(arrays["feature"], arrays["threshold"], arrays["left"], arrays["right"],
                   arrays["value"], arrays["roots"],
                   float(arrays["baseline"][0]), int(arrays["depth"][0]),
                   tuple(str(f) for f in arrays["features"]), meaning)


# rows of the prototypes, by the candidate NER type code (``_NER``) minus one
_PROTOTYPE_TYPES = ("PER", "ORG", "LOC")


@dataclass(slots=True)
class Meaning:
    """What the semantic columns compare a description's head noun with: unit-length mean
    vectors of the nouns that describe a person, an organization, a place (``prototypes``,
    3 × 300) and the axes of the head nouns' meaning (``center``, ``axes``: 300 × k),
    all from the training articles."""
    prototypes: "numpy.ndarray"
    center: "numpy.ndarray"
    axes: "numpy.ndarray"

    def arrays(self) -> dict:
        return {"prototypes": self.prototypes, "center": self.center, "axes": self.axes}

    @classmethod
    def from_arrays(cls, arrays) -> "Meaning":
        return cls(arrays["prototypes"], arrays["center"], arrays["axes"])

    def columns(self, vectors, anaphor_lemma: str,
                candidates: list[tuple[int, frozenset]]) -> list[list[float]]:
        """``SEMANTIC_FEATURES`` for one anaphor and each candidate (its NER type code and
        its ``nouns``); ``vectors`` is navec's (``analysis.models.embedding``)."""
        anaphor = unit_vector(vectors, anaphor_lemma)
        if anaphor is None:
            return [[0.0] * len(SEMANTIC_FEATURES) for _ in candidates]
        kinds = (self.prototypes @ anaphor).tolist()
        own = [1.0, *kinds, 0.0, 0.0, *((anaphor - self.center) @ self.axes).tolist()]
        rows = []
        for ner, nouns in candidates:
            row = list(own)
            row[4] = kinds[ner - 1] if 1 <= ner <= 3 else 0.0
            words, matrix = _noun_vectors(vectors, nouns)
            similar = [s for word, s in zip(words, (matrix @ anaphor).tolist())
                       if word != anaphor_lemma] if words else ()
            if similar:
                row[5] = max(similar)
            rows.append(row)
        return rows


@lru_cache(maxsize=512)
def _noun_vectors(vectors, nouns: frozenset) -> tuple[tuple[str, ...], "numpy.ndarray | None"]:
    """The nouns navec knows and their unit vectors, one row each: an article's candidates
    are asked about again by each description after them (512 sets: about 2 MB)."""
    import numpy

    known = [(noun, v) for noun, v in ((n, unit_vector(vectors, n)) for n in sorted(nouns))
             if v is not None]
    if not known:
        return (), None
    return tuple(n for n, _ in known), numpy.stack([v for _, v in known])


def unit_vector(vectors, word: str):
    """navec's vector of ``word`` scaled to length 1, None for a word it does not know."""
    import numpy

    if not word:
        return None
    vector = vectors.get(word)
    if vector is None:
        return None
    norm = float(numpy.linalg.norm(vector))
    return vector / norm if norm else None


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_FILE) -> TreeEnsemble | None:
    """The trained model, or ``None`` when its file is not installed."""
    resource = resources.files("svodka.data").joinpath("models", name)
    if not resource.is_file():
        log.info("no %s: the coreference ranker is off", name)
        return None
    import numpy

    with resource.open("rb") as stream:
        with numpy.load(stream, allow_pickle=False) as arrays:
            model = TreeEnsemble.from_arrays(arrays)
    if DESCRIPTION_FEATURES[:len(model.features)] != model.features or (
            len(model.features) > len(FEATURES) and model.meaning is None):
        log.warning("%s was trained on other features; the coreference ranker is off", name)
        return None
    return model


def description_model() -> TreeEnsemble | None:
    """The model descriptions ask: ``DESCRIPTION_MODEL_FILE``'s, else the pronouns'."""
    if resources.files("svodka.data").joinpath("models", DESCRIPTION_MODEL_FILE).is_file():
        return load_model(DESCRIPTION_MODEL_FILE) or load_model()
    return load_model()


def antecedent_scores(analysis: Analysis, anaphor: tuple[int, int],
                      candidates: list[tuple[int, int]],
                      model: TreeEnsemble | None = None) -> list[float] | None:
    """For each candidate span (an earlier mention), the probability that it is the same
    thing as the ``anaphor`` span; ``None`` only when the model file is absent. ``model``:
    the pronouns' (``load_model()``) unless given."""
    model = model or load_model()
    if model is None:
        return None
    if not candidates:
        return []
    probabilities = model.predict_proba(candidate_rows(analysis, anaphor, candidates, model))
    return [float(p) for p in probabilities]


def candidate_rows(analysis: Analysis, anaphor: tuple[int, int], candidates: list[tuple[int, int]],
                   model: TreeEnsemble) -> list[list[float]]:
    """The ``model``'s feature rows of (``anaphor``, each candidate), in the candidates' order.
    ``pair_features`` reads the candidates in text order (ranks, nearness), so they are sorted
    for it and the rows put back."""
    order = sorted(range(len(candidates)), key=lambda i: candidates[i])
    seen = view(analysis, anaphor)
    views = [view(analysis, candidates[i]) for i in order]
    rows = pair_features(analysis, seen, views)
    if len(model.features) > len(FEATURES):
        semantic = model.meaning.columns(analysis.models.embedding, seen.lemma,
                                         [(c.ner, nouns_of(analysis, c)) for c in views])
        rows = [row + extra for row, extra in zip(rows, semantic)]
    placed: list[list[float]] = [[]] * len(candidates)
    for position, index in enumerate(order):
        placed[index] = rows[position][:len(model.features)]
    return placed
