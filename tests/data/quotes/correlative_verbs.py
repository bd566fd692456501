"""Verbs that head a correlative "что" clause in NEREL train and RuCoCo train, by count.

    python tests/data/quotes/correlative_verbs.py [--top N]

"о том / на то / тому / тем / в том / по поводу того, что" follows verbs of speech, thought and
feeling ("заявил о том", "жалуются на то", "удивляется тому", "обосновали тем") as well as verbs
of evidence and cause ("свидетельствует о том", "привело к тому"). The list this prints is where
the cues of `svodka/data/quote_cues.txt` with such a clause were read from (ninth session); the
evidence verbs stay out, and a thing as the subject of a speech verb reports nothing
(`indirect._thing_says`). Reads `../shared` (RuCoCo is CC BY-NC: nothing of it is stored here).
"""
from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from svodka.analysis.morphology import morphology

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
CORRELATIVE = re.compile(r"(\w+)(?: (\w+))?,? (о том|на то|тому|по поводу того|тем|в том), что",
                         re.IGNORECASE)
VERBAL = ("VERB", "INFN", "GRND", "PRTF", "PRTS")


def texts() -> list[str]:
    found = [path.read_text("utf-8") for path in (SHARED / "nerel" / "train").glob("*.txt")]
    with zipfile.ZipFile(SHARED / "rucoco" / "rucoco-train.zip") as archive:
        for name in archive.namelist():
            if name.endswith(".json"):
                found.append(json.loads(archive.read(name))["text"])
    return found


def main() -> None:
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 120
    morph = morphology()
    counts: Counter = Counter()
    pronouns: dict[str, Counter] = {}
    for text in texts():
        for match in CORRELATIVE.finditer(text):
            # the verb right before the pronoun, or one word before it ("обратил внимание на то")
            for word in (match.group(2), match.group(1)):
                readings = morph.parse(word.lower()) if word else []
                if readings and readings[0].tag.POS in VERBAL:
                    lemma = readings[0].normal_form
                    counts[lemma] += 1
                    pronouns.setdefault(lemma, Counter())[match.group(3).lower()] += 1
                    break
    for lemma, count in counts.most_common(top):
        print(count, lemma, ", ".join(f"{p} {n}" for p, n in pronouns[lemma].most_common()))


if __name__ == "__main__":
    main()
