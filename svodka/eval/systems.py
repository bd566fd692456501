"""The systems under test, each turned into one :class:`Output` shape the scorers read.

svodka runs its whole pipeline; natasha (slovnet NER, its money and date extractors) and
pullenti (its processor with every analyzer) are baselines, imported only when asked for.
A system declares which span ``types`` it tags and which other outputs it ``provides``
(``groups`` of mentions naming one thing with their roles, ``quotes``, amount ``values``);
the report says n/a for the rest.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from svodka.eval.spans import Span
from svodka.text import fold

log = logging.getLogger(__name__)

AMOUNT_TYPES = {"money": "MONEY", "percent": "PERCENT", "count": "NUMBER", "share": "NUMBER",
                "other": "NUMBER"}
AGE_UNIT = "year"       # "66-летний", "в возрасте 78 лет": NEREL tags ages AGE, not NUMBER


def amount_type(kind: str, unit: str | None) -> str:
    """The NEREL type of one svodka amount: an amount in years is an age."""
    if kind == "other" and unit == AGE_UNIT:
        return "AGE"
    return AMOUNT_TYPES.get(kind, "NUMBER")
SPAN_TYPES = ("PER", "ORG", "LOC", "EVENT")


@dataclass(slots=True)
class Group:
    """Mentions a system says name one real thing, and the roles it gives that thing."""
    type: str
    mentions: list[Span]
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FoundQuote:
    start: int
    end: int
    kind: str
    speaker: str | None


@dataclass(slots=True)
class FoundAmount:
    start: int
    end: int
    kind: str
    value: float | int | None
    unit: str | None = None
    of: float | int | None = None


@dataclass(slots=True)
class Output:
    names: list[Span] = field(default_factory=list)         # PER ORG LOC EVENT mentions
    naeval_names: list[Span] = field(default_factory=list)  # as naeval adapts this system
    facts: list[Span] = field(default_factory=list)         # MONEY PERCENT NUMBER AGE DATE
    groups: list[Group] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    amounts: list[FoundAmount] = field(default_factory=list)
    chains: list[list[Span]] = field(default_factory=list)  # every mention of one entity,
    #                                                          typed by kind (name/title/pronoun)


class System:
    """Outputs are kept by text hash, so ``svodka eval all`` runs a system once per text
    (NEREL dev documents are also the amount gold's documents)."""
    name = ""
    types: frozenset = frozenset()
    provides: frozenset = frozenset()
    retried = 0

    def __call__(self, text: str) -> Output:
        raise NotImplementedError


class Svodka(System):
    name = "svodka"
    types = frozenset({"PER", "ORG", "LOC", "EVENT", "MONEY", "PERCENT", "NUMBER", "AGE",
                       "DATE"})
    provides = frozenset({"groups", "quotes", "values", "chains"})

    def __init__(self) -> None:
        from svodka.analysis import load_models
        self.models = load_models()

    def __call__(self, text: str) -> Output:
        from svodka.pipeline import extract

        article = extract(text, models=self.models)
        names = [Span(m.start, m.end, e.type) for e in article.entities if e.type in SPAN_TYPES
                 for m in e.mentions if m.kind == "name"]
        facts = [Span(a.start, a.end, amount_type(a.kind, a.unit)) for a in article.amounts]
        facts += [Span(d.start, d.end, "DATE") for d in article.dates]
        groups = [Group(e.type, [Span(m.start, m.end, e.type) for m in e.mentions
                                 if m.kind == "name"], list(e.roles))
                  for e in article.entities]
        quotes = [FoundQuote(q.start, q.end, q.kind, q.speaker_name) for q in article.quotes]
        amounts = [FoundAmount(a.start, a.end, a.kind, a.value, a.unit, a.of)
                   for a in article.amounts]
        chains = [[Span(m.start, m.end, m.kind) for m in e.mentions] for e in article.entities]
        return Output(names, names, facts, groups, quotes, amounts, chains)


class RankerPronouns(Svodka):
    """A measurement, not the product: svodka's record, plus every personal or possessive
    pronoun joined by the trained ranker alone to its best-scored mention (names, titles and
    pronouns already joined) of the last ``SENTENCES`` sentences, when that score reaches
    ``THRESHOLD``. Shows what the ranker adds on the coreference benchmark by itself."""
    name = "ranker-pronouns"
    types = frozenset()
    provides = frozenset({"chains"})
    SENTENCES = 3
    THRESHOLD = 0.3
    CANDIDATES = 30

    def __call__(self, text: str) -> Output:
        from svodka.analysis import analyze
        from svodka.extractors.coref.ranker import PRONOUN_FORMS, antecedent_scores
        from svodka.layout import analyze_layout
        from svodka.pipeline import extract

        article = extract(text, models=self.models)
        analysis = analyze(text, analyze_layout(text).regions(), models=self.models)
        chains = [[(m.start, m.end) for m in e.mentions] for e in article.entities]
        known = sorted((start, end, index) for index, chain in enumerate(chains)
                       for start, end in chain)
        taken = {(start, end) for start, end, _ in known}
        for token in analysis.tokens:
            if token.text.lower() not in PRONOUN_FORMS or token.pos not in ("PRON", "DET") \
                    or (token.start, token.end) in taken:
                continue
            first = analysis.sentences[max(0, token.sent - self.SENTENCES)].start
            candidates = [k for k in known if first <= k[0] and k[1] <= token.start]
            candidates = candidates[-self.CANDIDATES:]
            if not candidates:
                continue
            scores = antecedent_scores(analysis, (token.start, token.end),
                                       [(start, end) for start, end, _ in candidates])
            if not scores:
                continue
            best = max(range(len(scores)), key=scores.__getitem__)
            if scores[best] >= self.THRESHOLD:
                index = candidates[best][2]
                chains[index].append((token.start, token.end))
                known = sorted(known + [(token.start, token.end, index)])
        return Output(chains=[[Span(start, end, "mention") for start, end in chain]
                              for chain in chains])


class Natasha(System):
    """natasha's own Doc pipeline: slovnet NER on the whole text, MoneyExtractor, DatesExtractor.

    Its coreference ("natasha + glue") puts NER spans of one type and normal form in one
    entity, and a one-word person in the only person whose normal form ends with that word
    (Путин → Владимир Путин)."""
    name = "natasha"
    types = frozenset({"PER", "ORG", "LOC", "MONEY", "DATE"})
    provides = frozenset({"values", "chains"})

    def __init__(self) -> None:
        from natasha import DatesExtractor, MoneyExtractor
        from svodka.analysis import load_models

        self.models = load_models()
        self.money = MoneyExtractor(self.models.morph_vocab)
        self.dates = DatesExtractor(self.models.morph_vocab)

    def __call__(self, text: str) -> Output:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.models.segmenter)
        doc.tag_morph(self.models.morph_tagger)
        doc.tag_ner(self.models.ner_tagger)
        names = [Span(s.start, s.stop, s.type) for s in doc.spans]
        money = list(self.money(text))
        facts = [Span(m.start, m.stop, "MONEY") for m in money]
        facts += [Span(m.start, m.stop, "DATE") for m in self.dates(text)]
        amounts = [FoundAmount(m.start, m.stop, "money", m.fact.amount, m.fact.currency)
                   for m in money]
        return Output(names, names, facts, amounts=amounts, chains=self.glue(doc.spans))

    def glue(self, spans) -> list[list[Span]]:
        groups: dict[tuple[str, str], list[Span]] = {}
        for span in spans:
            span.normalize(self.models.morph_vocab)
            normal = fold(span.normal or span.text)
            groups.setdefault((span.type, normal), []).append(Span(span.start, span.stop, "name"))
        full_names: dict[str, list[tuple[str, str]]] = {}
        for kind, normal in groups:
            if kind == "PER" and " " in normal:
                full_names.setdefault(normal.rsplit(" ", 1)[1], []).append((kind, normal))
        for kind, normal in list(groups):
            owners = full_names.get(normal, []) if kind == "PER" and " " not in normal else []
            if len(owners) == 1:
                groups[owners[0]] += groups.pop((kind, normal))
        return list(groups.values())


class Pullenti(System):
    """pullenti's processor. Its referents nest (a PERSON occurrence holds its PERSONPROPERTY,
    which holds a GEO); NEREL is nested too, so every occurrence is a span there."""
    name = "pullenti"
    types = frozenset({"PER", "ORG", "LOC", "MONEY", "DATE"})
    provides = frozenset({"groups", "values"})

    def __init__(self) -> None:
        from svodka.eval import pullenti_adapter
        self.adapter = pullenti_adapter
        self.processor = pullenti_adapter.processor()
        self.robust_processor = None
        self.retried = 0

    def __call__(self, text: str) -> Output:
        try:
            return self.adapter.run(self.processor, text)
        except (ValueError, OverflowError, IndexError, KeyError, AttributeError) as error:
            log.warning("pullenti crashed (%r); retrying without its fragile analyzers", error)
            self.retried += 1
            self.robust_processor = self.robust_processor or self.adapter.processor(robust=True)
            return self.adapter.run(self.robust_processor, text)


SYSTEMS = {"svodka": Svodka, "natasha": Natasha, "pullenti": Pullenti,
           "ranker-pronouns": RankerPronouns}


def load_systems(names: list[str]) -> list:
    """``["svodka", "natasha"]`` → loaded systems; unknown names raise ``ValueError``."""
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown system {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    systems = []
    for name in dict.fromkeys(names):
        try:
            systems.append(SYSTEMS[name]())
        except ImportError as error:
            raise ValueError(f"{name} is not installed ({error}); "
                             f"install svodka[eval] for the baselines") from error
    return systems


def predict(system, texts: list[str]) -> tuple[list[Output], float, int]:
    """Run ``system`` on every text: outputs, seconds spent, documents it failed on.

    A failure is logged and scored as an empty output, so it costs recall instead of
    stopping the benchmark.
    """
    import hashlib
    import time

    cache = system.__dict__.setdefault("cache", {})
    outputs: list[Output] = []
    failures = 0
    started = time.perf_counter()
    for index, text in enumerate(texts):
        key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in cache:
            try:
                cache[key] = system(text)
            except Exception:  # noqa: BLE001  (a benchmark scores failures, it does not stop)
                log.exception("%s failed on document %d", system.name, index)
                cache[key] = None
        failures += cache[key] is None
        outputs.append(cache[key] or Output())
    return outputs, time.perf_counter() - started, failures


def predict_all(systems, texts: list[str], result) -> dict[str, list[Output]]:
    """Every system on every text; times and failures go to ``result``."""
    outputs = {}
    for system in systems:
        outputs[system.name], result.seconds[system.name], failures = predict(system, texts)
        if failures:
            result.notes.append(f"{system.name} failed on {failures} documents (scored as empty)")
        if getattr(system, "retried", 0):
            result.notes.append(f"{system.name} crashed on {system.retried} documents, which were "
                                "run again without its DATE and ADDRESS analyzers")
            system.retried = 0
    return outputs
