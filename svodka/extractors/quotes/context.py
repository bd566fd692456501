"""What every quote rule reads: the analysis, the cue lexicon, the paired marks.

Rules are pure functions ``rule(ctx) -> list[Candidate]``; a candidate is a quote span
before its speaker is resolved.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.analysis import Analysis
from svodka.data import load_keyed, load_list, load_set, load_table
from svodka.extractors.quotes.marks import Segment, find_segments
from svodka.text import QUOTE_MARKS as _QUOTE_MARKS
from svodka.text import SPEECH_DASHES, fold

# token texts: razdel keeps a doubled hyphen "--" as one token
DASHES = frozenset(SPEECH_DASHES) | {"--"}
QUOTE_MARKS = frozenset(_QUOTE_MARKS)
FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "!!!"})
# "по его словам", "его пресс-служба": the speaker is the person the pronoun refers to
POSSESSIVE_PRONOUNS = frozenset({"его", "ее", "их", "он", "она", "они", "свой"})
# A quote shorter than this many words is a fragment («водевилем»), not speech.
MIN_WORDS = 3
# country words shorter than this are abbreviations ("США", "РФ"), matched whole; longer ones
# by their stem (quotes/nationality)
STEM_FROM = 5


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: frozenset[str]
    impersonal: frozenset[str]
    impersonal_forms: frozenset[str]            # "указано", "сказано": word forms
    cite: frozenset[str]
    phrases: frozenset[tuple[str, ...]]         # preposition, then the noun's lemmas
    cue_phrases: dict[str, tuple[tuple[str, ...], ...]]   # "прийти" → (("к", "вывод"),)
    that_phrases: tuple[tuple[str, ...], ...]   # cues only before "что": ("обратить", "внимание")
    anonymous: frozenset[str]
    org_nouns: frozenset[str]                   # documents included
    governments: frozenset[str]                 # "власти": a government speaks
    documents: frozenset[str]
    representatives: frozenset[str]
    cue_nouns: frozenset[str]
    asking: frozenset[str]                      # "поинтересовался, какие меры …"
    question_words: frozenset[str]
    not_cues: frozenset[str]
    media: frozenset[str]
    org_kinds: dict[str, tuple[str, ...]]
    countries: dict[str, tuple[str, ...]]       # "британский" → Великобритания, …
    country_stems: dict[str, tuple[str, ...]]   # "японский" → ("японск", "япони"): nationality
    inverted: frozenset[str]                    # "…, делится супруга": after the content only
    rating_words: frozenset[str]                # "по версии Х" in a ranking is no one's words
    connectives: tuple[tuple[str, ...], ...]    # "Однако", "В то же время": the narrator's link


def _verb_phrases(lines: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        verb, *words = line.split()
        phrases.setdefault(verb, []).append(tuple(words))
    return {verb: tuple(words) for verb, words in phrases.items()}


def _country_stems(countries: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each adjective's stems: its own ("японск") and its country's one-word names ("япони",
    "сша"; shorter than ``STEM_FROM`` letters whole), read by ``nationality.conflicts``."""
    stems = {}
    for key, names in countries.items():
        words = [fold(name) for name in names if " " not in name.strip()]
        own = [key[:-2]] + [w[:-1] if len(w) >= STEM_FROM else w for w in words]
        stems[key] = tuple(dict.fromkeys(own))
    return stems


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    countries = load_keyed("quote_country_adjectives.tsv")
    return Lexicon(
        cues=load_set("quote_cues.txt"),
        impersonal=load_set("quote_cues_impersonal.txt"),
        impersonal_forms=load_set("quote_cues_impersonal_forms.txt"),
        cite=load_set("quote_cues_cite.txt"),
        phrases=frozenset((row[0], *row[1].split()) for row in load_table("quote_phrases.tsv")),
        cue_phrases=_verb_phrases(load_list("quote_cue_phrases.txt")),
        that_phrases=tuple(tuple(line.split()) for line in load_list("quote_cue_phrases_that.txt")),
        anonymous=load_set("quote_anonymous.txt"),
        org_nouns=frozenset(load_list("quote_org_nouns.txt")
                            + load_list("quote_document_nouns.txt")),
        governments=load_set("quote_government_nouns.txt"),
        documents=load_set("quote_document_nouns.txt"),
        representatives=load_set("quote_representatives.txt"),
        cue_nouns=load_set("quote_cue_nouns.txt"),
        asking=load_set("quote_cues_asking.txt"),
        question_words=load_set("quote_question_words.txt"),
        not_cues=load_set("quote_not_cues.txt"),
        media=load_set("quote_media_nouns.txt"),
        org_kinds=load_keyed("quote_org_kinds.tsv"),
        countries=countries,
        country_stems=_country_stems(countries),
        inverted=load_set("quote_cues_inverted.txt"),
        rating_words=load_set("quote_rating_words.txt"),
        connectives=tuple(sorted((tuple(line.split())
                                  for line in load_list("quote_leading_connectives.txt")),
                                 key=len, reverse=True)),
    )


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    kind: str                                   # direct | indirect
    rule: str
    cue: int | None = None                      # token index of the cue word
    cue_span: tuple[int, int] | None = None     # offsets of the whole cue ("по словам")
    speaker_tokens: range | None = None         # where the rule saw the speaker named
    attribution_end: int | None = None          # offset where the attribution ends
    group: int | None = None                    # candidates sharing one attribution
    impersonal: bool = False


@dataclass(slots=True)
class Context:
    analysis: Analysis
    lexicon: Lexicon
    segments: list[Segment]
    skipped_regions: frozenset[int]
    segment_starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def tokens(self):
        return self.analysis.tokens

    def lemma(self, index: int) -> str:
        return self.analysis.lemma(index)

    def word(self, index: int) -> str:
        return self.analysis.tokens[index].text

    def sentence(self, index: int):
        return self.analysis.sentences[self.analysis.tokens[index].sent]

    def region(self, index: int) -> tuple[int, int]:
        region = self.analysis.regions[index]
        return region.start, region.end

    def is_cue(self, index: int) -> bool:
        token = self.tokens[index]
        if token.pos == "ADJ" and token.feats.get("Variant") != "Short":
            return False    # "уверен, что", not "убежденный монархист"
        if token.pos not in ("VERB", "ADJ", "AUX"):
            return False
        lemma = self.lemma(index)
        return lemma in self.lexicon.cues or any(
            self.lemmas_at(index + 1, words) for words in self.lexicon.cue_phrases.get(lemma, ()))

    def lemmas_at(self, first: int, lemmas: tuple[str, ...]) -> bool:
        """Do the tokens from ``first`` on have these lemmas ("к вывод", "точка зрение")?"""
        return first + len(lemmas) <= len(self.tokens) and all(
            self.lemma(first + k) == lemma for k, lemma in enumerate(lemmas))

    def phrase_at(self, index: int, stop: int) -> tuple[int, range] | None:
        """A prepositional cue at ``index``: (its last noun, the speaker's words so far) of
        "по словам Х", "по его (собственным) словам", "по официальному мнению Х",
        "с точки зрения Х", "согласно заявлению Х". The speaker's words are the pronoun, or
        none yet (they follow the noun)."""
        word = self.word(index).lower()
        nouns = [p[1:] for p in self.lexicon.phrases if p[0] == word]
        if not nouns or index + 1 >= stop:
            return None
        pronoun = self.lemma(index + 1) in POSSESSIVE_PRONOUNS
        first = index + 2 if pronoun else index + 1
        for at in (first, first + 1):
            if at > first and (at >= stop or self.tokens[first].pos != "ADJ"):
                break   # one adjective may stand before the noun: "по собственным словам"
            for lemmas in nouns:
                if at + len(lemmas) <= stop and self.lemmas_at(at, lemmas):
                    noun = at + len(lemmas) - 1
                    return noun, (range(index + 1, index + 2) if pronoun
                                  else range(noun + 1, noun + 1))
        return None

    def as_cue_at(self, index: int, stop: int) -> int | None:
        """The cue of "как заявил Х", also past an adverb or the addressee: "как ранее
        сообщали в МИД", "как мне рассказывал руководитель", "как уже отмечал ряд …"."""
        if self.word(index).lower() != "как":
            return None
        for cue in range(index + 1, min(index + 4, stop)):
            if self.is_any_cue(cue):
                return cue
            token = self.tokens[cue]
            if not (token.pos == "ADV" or (token.pos == "PRON"
                                           and token.feats.get("Case") == "Dat")):
                return None
        return None

    def is_impersonal_cue(self, index: int) -> bool:
        """"Отмечается, что", and a speech cue's short passive participle: "В документе
        указано, что", "Принято считать, что" (not a hedge: "Не исключено, что")."""
        token = self.tokens[index]
        if token.pos not in ("VERB", "ADJ", "AUX"):
            return False
        if self.lemma(index) in self.lexicon.impersonal:
            return True
        return self.word(index).lower() in self.lexicon.impersonal_forms and self.is_cue(index)

    def is_any_cue(self, index: int) -> bool:
        return self.is_cue(index) or self.is_impersonal_cue(index)

    def is_reporting(self, index: int) -> bool:
        """A finite verb in the third person: "заявил", not "напомним", "думаешь",
        "сообщивший"."""
        token = self.tokens[index]
        feats = token.feats
        return (token.pos in ("VERB", "AUX") and feats.get("VerbForm", "Fin") == "Fin"
                and feats.get("Person") not in ("1", "2") and feats.get("Mood") != "Imp"
                and self.lemma(index) not in self.lexicon.not_cues)

    def first_person(self, start: int, end: int) -> bool:
        """Does the text speak in the first person ("Я читаю все имена")?"""
        return any(self.lemma(i) in ("я", "мы", "мой", "наш")
                   for i in self.analysis.tokens_between(start, end))

    def is_dash(self, index: int) -> bool:
        return self.word(index) in DASHES

    def is_punct(self, index: int) -> bool:
        return self.tokens[index].pos == "PUNCT" or not any(
            ch.isalnum() for ch in self.word(index))

    def quoted_at(self, offset: int) -> Segment | None:
        """The segment whose quoted words (marks excluded) hold ``offset``, if any."""
        at = bisect_right(self.segment_starts, offset) - 1
        # top-level segments do not nest: the nearest one opening before is all to check
        if at >= 0 and self.segments[at].inner_start <= offset < self.segments[at].inner_end:
            return self.segments[at]
        return None

    def first_token_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return self.analysis.first_token_from(offset)

    def words_in(self, start: int, end: int) -> int:
        return sum(1 for i in self.analysis.tokens_between(start, end) if not self.is_punct(i))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, dashes, stray leading punctuation and the final period (but not ?/!)."""
    while start < end and (text[start].isspace() or text[start] in SPEECH_DASHES + ",.;:)"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" + SPEECH_DASHES):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def skipped_regions(analysis: Analysis) -> frozenset[int]:
    """The headline, as the layout saw it: headline quotes are not quotes. An article that is
    nothing but a headline keeps it."""
    regions = analysis.regions
    if len(regions) < 2:
        return frozenset()
    return frozenset(i for i, region in enumerate(regions) if region.kind == "headline")


def build_context(analysis: Analysis) -> Context:
    ctx = Context(analysis, lexicon(), find_segments(analysis.text, analysis.regions),
                  skipped_regions(analysis))
    ctx.segments.sort(key=lambda s: (s.start, -s.end))
    ctx.segment_starts = [s.start for s in ctx.segments]
    return ctx
