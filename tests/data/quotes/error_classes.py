"""Missed, spurious and boundary quotes of `svodka eval quotes`, grouped by their context.

    python tests/data/quotes/error_classes.py [out/eval/quotes.json] [--examples]

Reads the JSON's ``errors`` and each gold article's text, and puts every missed or spurious quote
(a boundary error by how the found span differs) in the first class whose test its context passes (the order below). The tests read only the
characters around the span — a cue's lemma or the parse is not consulted — so a class is where
to look, not a diagnosis: the docs' table was checked by reading the examples it prints. Batches
not in the gold folder (a blind batch) are never read.

    python tests/data/quotes/error_classes.py --speakers [out/eval/quotes.json] [--examples]

puts every speaker error (a matched quote whose speaker differs from the gold's) in a class of
`speaker_class`, from the found and gold names, the article's gold quotes and the words around.

    python tests/data/quotes/error_classes.py --speakers --names [out/eval/quotes.json] [--examples]

runs svodka on each article with a speaker error (a few minutes) and puts each error in a class
of `name_class`: is the gold speaker an entity's canonical name (a choice among candidates), one
of its other forms, or a form no entity holds (a name never found, a group, a description)?

    python tests/data/quotes/error_classes.py --causes [out/eval/quotes.json] [--examples]

runs svodka again on those articles and puts each error whose gold speaker is a candidate (an
entity of the record) by what the speaker phrase svodka read is made of (`phrase_cause`).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKS = "«»“”„\""
PHRASES = re.compile(r"\b(?:по (?:\w+ )?(?:словам|мнению|версии|прогноз\w*|информации|"
                     r"утверждению|заявлени\w*|оценк\w*|данным|идее|сообщени\w*)|согласно|"
                     r"с точки зрения)\b", re.IGNORECASE)
CUE_BEFORE_THAT = re.compile(r"\w+,? (?:о том, )?что\s*$")


def _sentence_before(text: str, start: int) -> str:
    cut = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    return text[cut + 1:start]


def classify(error: dict, text: str) -> str:
    start, end = error["start"], error["end"]
    before, after = text[max(0, start - 300):start], text[end:end + 120]
    sentence = _sentence_before(text, start)
    line_start = text.rfind("\n", 0, start) + 1
    opens_line = not text[line_start:start].strip(" " + MARKS + "—–-")
    note = re.search(r"\([^()\n]*[—–-]\s*$", text[start:end + 40].split("\n")[0]) \
        and "\nRT\n" in text[start:end + 80]
    if note:
        return "editor's note inside a quote (`(FTC. — ⏎RT⏎)`, D8)"
    if re.search(r"\(\s*(?:с\.\s*)?\d+\s*\)", text[end:end + 14]) \
            or text[start:end].lstrip(" «").startswith(("– ", "— ")):
        return "excerpt: a page-cited book passage or interview turns in marks (D4, D5)"
    if text[end:end + 3].lstrip().startswith("(«") or text[start - 3:start].endswith("(«"):
        return "marks in brackets after a reported clause (`сказал, что A («B»)`, D2)"
    if error["kind"] == "indirect" and any(len(m.split()) >= 3 for m in re.findall(
            r"«([^«»]+)»", text[start:end + 1])) \
            and re.search(r",\s*что\s*$", text[max(0, start - 40):start]):
        return "partly quoted: marks inside a reported clause"
    if error["error"] == "boundary":
        gold, found = error["text"], error.get("found", "")
        if gold in found:
            head, tail = found.split(gold, 1)
            if head.strip(" «") and tail.strip(" ».,"):
                return "boundary: found runs past the content on both sides"
            if head.strip(" «"):
                return "boundary: found opens earlier (a connective, the sentence before)"
            return "boundary: found runs on (the narrator's clause, an attribution, marks)"
        if found in gold:
            return "boundary: found cut short (a multi-sentence quote, an inner dash or colon)"
        return "boundary: found shifted (other words in marks, a line piece)"
    if error["error"] == "spurious":
        if error["kind"] == "direct" and not re.match(r"[»”\"]?[,.!?…]*\s*[—–-]", after) \
                and not sentence.rstrip().endswith(":"):
            return "spurious: marked words with no speech cue (title, slogan, excerpt)"
        if any(m in text[start - 2:start] for m in "«“„") or "»" in text[start:end]:
            return "spurious: speech nested in a quote, or a span past the marks"
        if re.search(r"\b(?:я|мы|думаешь|считаешь|уверен)\b", sentence, re.IGNORECASE):
            return "spurious: the author's voice (first or second person)"
        return "spurious: a cue with no one's words (topic, hedge, noun phrase, narrative)"
    if "\n" in text[start - 4:start] and not re.search(r"[.!?»]\s*$", text[:start - 1].rstrip()) \
            or "\n" in text[end:end + 3] and re.match(r"\s*\n\s*[,.a-zа-я]", after):
        return "line pieces: the dump breaks the sentence (a link, an editor's note)"
    if sentence.rstrip(" «").endswith(":") and (", что" in sentence or PHRASES.search(sentence)):
        return "F2: marks after a colon that ends an indirect clause"
    if error["kind"] == "direct" and re.search(r"[,.!?…]\s*[—–-]\s*$", before.rstrip(" «")) \
            and re.search(r"[—–-]\s*\w+[^.]*\.\s*[—–-]\s*$", before[-160:]):
        return "split quote: the part after the author's words"
    if error["kind"] == "direct" and opens_line and not re.match(
            r"[»”\"]?[,.!?…]*\s*[—–-]\s*\w", after) and not sentence.rstrip(" «").endswith(":"):
        return "no cue: a quote paragraph continuing the previous speaker, dialogue"
    if error["kind"] == "direct" and sentence.rstrip(" «").endswith(":"):
        return "colon: a clause with no cue verb before the colon"
    if error["kind"] == "direct":
        return "direct, other (within a sentence, damaged marks)"
    if re.search(r"\bли\b", text[start:end]) or text[start:end].endswith("?"):
        return "reported question"
    if PHRASES.search(sentence):
        return "prepositional phrase (по словам, по версии, согласно …)"
    if CUE_BEFORE_THAT.search(before):
        return "a cue (verb, noun, phrase) before что the lexicon lacks"
    if re.match(r",\s*(?:[—–-]\s*)?\w+", after) and not sentence.strip():
        return "inverted or parenthetical attribution after the content"
    return "indirect, other (a cue without что, a parenthetical)"


def _stems(name: str) -> set[str]:
    return {w[:4] for w in re.findall(r"\w+", name.lower().replace("ё", "е")) if len(w) > 2}


def speaker_class(error: dict, document: dict) -> str:
    """Why a matched quote got another speaker than the gold's (a class, read from the names
    and the words around: where to look, checked by reading the examples)."""
    found, gold = error.get("speaker"), error.get("gold_speaker")
    text, start, end = document["text"], error["start"], error["end"]
    if gold is None:
        return "a speaker where the gold names none (a saying, an unnamed source)"
    if re.search(r",| и ", gold) and found is not None and _stems(found) & _stems(gold):
        return "one of a group the gold names as the speaker"
    if found is None:
        return "no speaker where the gold names one (a description, a voice, a pronoun)"
    if _stems(found) & _stems(gold) or found.lower()[:5] == gold.lower()[:5]:
        return "the same entity under another name or form (a case form, a spelling, a part)"
    earlier = {q.get("speaker") for q in document["quotes"] if q["end"] <= start}
    if found in earlier:
        return "a speaker quoted before instead of the new one"
    attribution = text[end:end + 150].split("\n")[0] + " " + text[max(0, start - 150):start]
    if _stems(found) & set().union(*(_stems(w) for w in re.findall(r"\w+", attribution))):
        return "another name of the attribution (an addressee, a channel, an owner)"
    return "another entity (a resolver link, an organization's other name)"


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def name_class(error: dict, document: dict, entities: list) -> str:
    """Whether the gold speaker is a name svodka's entities hold, and in which form (from the
    entities svodka finds in the article; a class, checked by reading the examples)."""
    found, gold = error.get("speaker"), error.get("gold_speaker")
    if gold is None:
        return "speaker where the gold names none"
    canonical = [e for e in entities if _fold(e.name) == _fold(gold)]
    if canonical:
        other = [e for e in entities if found and _fold(e.name) == _fold(found)]
        if other and _stems(found) & _stems(gold) and other[0].type == canonical[0].type:
            return "split: a short or other form of the gold's entity is an entity of its own"
        return "candidate: the gold's speaker is an entity, svodka picks nobody or another"
    holders = [e for e in entities if _fold(gold) in {_fold(e.name)} | {_fold(a) for a in e.aliases}
               | {_fold(m.normal) for m in e.mentions} | {_fold(m.text) for m in e.mentions}]
    if holders:
        if found and any(_fold(found) == _fold(e.name) for e in holders):
            return "canonical name: the right entity, named by another of its forms"
        return "form of an entity: svodka names another entity or nobody"
    if re.search(r",| и ", gold):
        return "a group the gold names (several speakers)"
    if found and _stems(found) & _stems(gold):
        return "a form no entity has: spelling, owner, a word more or less"
    if re.search(r"[A-Za-z]", gold):
        return "never found: a name in Latin script"
    if _fold(gold) in _fold(document["text"]):
        return "never found: a name the text writes, no entity holds"
    return "gold's name not written so (a description, a case form, an inferred name)"


def speakers(results: dict) -> None:
    documents = {}
    for path in HERE.glob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        documents[document["id"]] = document
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    entities: dict[str, list] = {}
    for error in results["errors"]:
        if error["error"] != "speaker" or error["document"] not in documents:
            continue
        if "--names" in sys.argv:
            if error["document"] not in entities:
                from svodka import extract
                entities[error["document"]] = extract(
                    documents[error["document"]]["text"], with_tone=False).entities
            cause = name_class(error, documents[error["document"]], entities[error["document"]])
        else:
            cause = speaker_class(error, documents[error["document"]])
        counts[cause, error["batch"]] += 1
        examples[cause].append(f'{error["batch"]} {error["document"]} {error["start"]}: '
                               f'{error.get("speaker")} ≠ {error.get("gold_speaker")}')
    _table(counts, examples)


_PRONOUNS = frozenset({"он", "она", "они", "его", "ее", "её", "их", "ему", "ей", "им", "я", "мы",
                       "ты", "вы", "который", "которая", "которые", "тот", "та", "там"})


def phrase_cause(phrase: str | None, lexicon, morph) -> str:
    """What the speaker phrase svodka read is made of: where its speaker went wrong."""
    if not phrase:
        return "no speaker phrase (the parse gave the cue no subject, the words lost)"
    words = re.findall(r"[\w-]+", phrase)
    lowered = [w.lower() for w in words]
    if any(w in _PRONOUNS for w in lowered[:2]):
        return "a pronoun (он, её, который, там) not linked or linked to another"
    lemmas = [morph.parse(w)[0].normal_form.replace("ё", "е") if morph.parse(w) else w
              for w in lowered]
    if any(lemma in lexicon.org_nouns or lemma in lexicon.media for lemma in lemmas):
        return "an organization's voice or a document (сообщение, доклад, издание)"
    nominal = next((p for w in words for p in morph.parse(w)[:1]
                    if p.tag.POS == "NOUN" and "nomn" in p.tag or p.tag.POS == "NOUN"), None)
    if nominal is not None and "plur" in nominal.tag and "anim" in nominal.tag:
        return "a group of people (депутаты, учёные, представители)"
    if nominal is not None and "anim" in nominal.tag and not {"Name", "Surn"} & set(
            str(nominal.tag).replace(" ", ",").split(",")) and words[0][:1].islower() \
            or nominal is not None and "anim" in nominal.tag and nominal.word == lowered[0]:
        return "a title or description (эксперт, глава МИД, экс-президент Грузии)"
    return "other words: the parse's subject or the phrase's end is wrong"


def speaker_causes(results: dict) -> None:
    """Every speaker error whose gold speaker is a candidate (some entity's canonical name in
    svodka's record), by what its speaker phrase is made of; svodka is run again on the
    articles to read the phrase. Not candidates (a name form, an entity never found) are one
    row: they belong to the entity layer."""
    import svodka
    from svodka.analysis.morphology import morphology
    from svodka.extractors.quotes.context import lexicon
    from svodka.text import fold

    documents = {}
    for path in HERE.glob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        documents[document["id"]] = document
    errors = [e for e in results["errors"] if e["error"] == "speaker"
              and e["document"] in documents]
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    morph, words = morphology(), lexicon()
    for name in sorted({e["document"] for e in errors}):
        article = svodka.extract(documents[name]["text"], with_tone=False)
        names = {fold(e.name) for e in article.entities}
        for error in (e for e in errors if e["document"] == name):
            gold, found = error.get("gold_speaker"), error.get("speaker")
            if gold is None:
                cause = "a speaker where the gold names none"
            elif fold(gold) not in names:
                cause = "gold speaker is no entity's name (a name form, an entity not found)"
            else:
                quote = max(article.quotes, key=lambda q: min(q.end, error["end"])
                            - max(q.start, error["start"]))
                kind = "nobody" if found is None else "another candidate"
                cause = f"{kind}: " + phrase_cause(quote.speaker_text, words, morph)
            counts[cause, error["batch"]] += 1
            examples[cause].append(f'{error["batch"]} {name} {error["start"]}: {found} ≠ {gold}')
    _table(counts, examples)


def _table(counts: Counter, examples: dict[str, list[str]]) -> None:
    batches = sorted({batch for _, batch in counts})
    print("| cause | " + " | ".join(batches) + " | all |")
    print("|---|" + "---|" * (len(batches) + 1))
    for cause in sorted({c for c, _ in counts}, key=lambda c: -sum(
            n for (k, _), n in counts.items() if k == c)):
        row = [counts[cause, b] for b in batches]
        print(f"| {cause} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    if "--examples" in sys.argv:
        for cause, found in examples.items():
            print(f"\n## {cause}")
            for line in found[:8]:
                print("  " + line)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    results = json.loads(Path(args[0] if args else "out/eval/quotes.json").read_text("utf-8"))
    if "--causes" in sys.argv:
        speaker_causes(results)
        return
    if "--speakers" in sys.argv:
        speakers(results)
        return
    texts = {}
    for path in HERE.glob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        texts[document["id"]] = document["text"]
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for error in results["errors"]:
        if error["error"] == "speaker" or error["document"] not in texts:
            continue
        cause = classify(error, texts[error["document"]])
        counts[cause, error["batch"]] += 1
        examples[cause].append(f'{error["document"]} {error["start"]}: {error["text"][:70]}')
    _table(counts, examples)


if __name__ == "__main__":
    main()
