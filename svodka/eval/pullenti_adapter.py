"""pullenti's referents to svodka's span types (imported only when pullenti is a baseline)."""
from __future__ import annotations

import threading

from svodka.eval.spans import PIECE_STRIP, Span, convert_types, innermost_pieces, strip

# naeval's PULLENTI_TYPES, plus the fact types NEREL scores.
TYPE_MAP = {"PERSON": "PER", "ORGANIZATION": "ORG", "GEO": "LOC", "STREET": "LOC",
            "ADDRESS": "LOC"}
FACT_MAP = {"MONEY": "MONEY", "DATE": "DATE", "DATERANGE": "DATE"}
_lock = threading.Lock()
# pullenti 4.1 raises inside its DATE and ADDRESS analyzers on some texts (a date overflow,
# a list.remove); such a text is run again without the analyzers that can crash.
_FRAGILE = {"DATE", "ADDRESS"}


def processor(robust: bool = False):
    from pullenti.morph.MorphLang import MorphLang
    from pullenti.ner.ProcessorService import ProcessorService
    from pullenti.Sdk import Sdk

    with _lock:
        if not ProcessorService.is_initialized():
            Sdk.initialize(MorphLang.RU | MorphLang.EN)
    created = ProcessorService.create_processor()
    if robust:
        for analyzer in [a for a in created.analyzers if a.name in _FRAGILE]:
            created.del_analyzer(analyzer)
    return created


def _occurrences(result) -> list[tuple[object, Span]]:
    found = []
    for referent in result.entities:
        for occurrence in referent.occurrence:
            span = Span(occurrence.begin_char, occurrence.end_char + 1, referent.type_name)
            found.append((referent, span))
    return found


def _outermost(spans: list[Span]) -> list[Span]:
    """Drop spans that lie inside another span of their type (``2024 года`` in a full date)."""
    ordered = sorted(set(spans), key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in ordered:
        if any(k.type == span.type and k.start <= span.start and span.end <= k.end for k in kept):
            continue
        kept.append(span)
    return kept


def _role_texts(referent, texts: dict[int, list[str]]) -> list[str]:
    roles = []
    for slot in referent.slots:
        if slot.type_name == "ATTRIBUTE" and slot.value is not None:
            roles += texts.get(id(slot.value), [str(slot.value)])
    return roles


def run(processor, text: str):
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis
    from svodka.eval.systems import FoundAmount, Group, Output

    result = processor.process(SourceOfAnalysis(text), None, None)
    found = _occurrences(result)
    spans = [span for _, span in found]

    naeval_names = []
    for piece in convert_types(innermost_pieces(spans), TYPE_MAP):
        stripped = strip(piece, text, PIECE_STRIP)
        if stripped:
            naeval_names.append(stripped)
    names = [s for s in convert_types(spans, TYPE_MAP)]
    facts = _outermost(convert_types(spans, FACT_MAP))

    texts: dict[int, list[str]] = {}
    for referent, span in found:
        texts.setdefault(id(referent), []).append(text[span.start:span.end])
    groups = []
    for referent in result.entities:
        type = TYPE_MAP.get(referent.type_name)
        if type:
            mentions = [Span(s.start, s.end, type) for r, s in found if r is referent]
            groups.append(Group(type, mentions, _role_texts(referent, texts)))

    amounts = []
    for referent, span in found:
        if referent.type_name == "MONEY":
            amounts.append(FoundAmount(span.start, span.end, "money", referent.real_value,
                                       referent.currency))
    return Output(names, naeval_names, facts, groups, [], amounts)
