"""Lines of a scraped page that are not the article's prose, each with its kind.

Scraped news keeps what surrounded the article: photo credits ("Фото: МИД РК", a bare
"Reuters" under a picture, with the picture's caption just before it), teasers ("Также по
теме" and the linked headline and lead after it), embedded posts (a tweet's text, its
"— Имя (@account)" line and its date) and page script. They stay in the text, so every
offset still points into it, but the language pass never reads them.

Rules run in order over the lines; each may also claim its neighbours (the caption before
an agency line, the date after a tweet). Word lists live in ``svodka/data``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from svodka.data import load_list

CREDIT, TEASER, CAPTION, EMBED, CODE = "credit", "teaser", "caption", "embed", "code"
SIGNOFF = "signoff"

_MAX_CREDIT_CHARS = 200
_MAX_CAPTION_WORDS = 12
_TWEET_LOOKBACK = 6
# "— Donald J. Trump (@realDonaldTrump)", "Публикация от Maria Baydina (@mbaydina)"; a display
# name may hold brackets itself: "— (((adam epstein))) (@eppyad)"
_POST_SIGNATURE = re.compile(r"^(?:[—–-]\s*|Публикация от\s+|A post shared by\s+)"
                             r"[^\n]{1,80}?\(@\w{1,40}\)", re.I)
_DATE_LINE = re.compile(r"^(?:\d{1,2}\s+[а-яё]+\s+\d{4}\s*г?\.?|[A-Z][a-z]+\s+\d{1,2},\s+\d{4})\s*$")
_EMBED_PIECE = re.compile(r"(?:pic\.twitter\.com/|https?://t\.co/|instagram\.com/p/)")
_HASHTAGS_ONLY = re.compile(r"^(?:[#@][\w.]+\s*)+$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_DOMAIN = re.compile(r"^[\w.\-]+\.(?:com|ru|org|net|info|рф)(?:/\S*)?$", re.I)
# The outlet signing an editor's note inside a quote, "(обсуждение киберугрозы. — RT)", when
# the page's links split it onto lines of its own: "… —" / "RT" / ") было частью …".
_SIGNOFF_NAME = re.compile(r"^(?:[—–-]\s*)?[«\"]?[A-ZА-ЯЁ][\w.\-]*(?:[ \-][A-ZА-ЯЁ][\w.\-]*){0,2}[»\"]?$")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_CODE_START = re.compile(r"^(?:var |let |const |function\b|if\s*\(|for\s*\(|return\b|//|/\*|\}|"
                         r"jwplayer|window\.|document\.|\$\(|<(?:script|iframe|div|style)\b)")


@lru_cache(maxsize=None)
def _credit_prefixes() -> tuple[str, ...]:
    return tuple(prefix.lower() for prefix in load_list("credit_prefixes.txt"))


@lru_cache(maxsize=None)
def _teaser_headers() -> frozenset[str]:
    return frozenset(line.lower() for line in load_list("teaser_headers.txt"))


@lru_cache(maxsize=None)
def _photo_sources() -> frozenset[str]:
    return frozenset(line.lower() for line in load_list("photo_sources.txt"))


def is_credit(line: str) -> bool:
    """A line that starts like a credit or a teaser ("Фото: …", "Читайте также …")."""
    stripped = line.strip().lower()
    if len(stripped) > _MAX_CREDIT_CHARS:
        return False
    for prefix in _credit_prefixes():
        if stripped.startswith(prefix):
            # A bare "Фото" prefix must be a separate word ("Фото РИА", not "Фотограф")
            rest = stripped[len(prefix):]
            if prefix[-1].isalpha() and rest and rest[0].isalpha():
                continue
            return True
    return False


def is_code(line: str) -> bool:
    """Page script or style left in the text: braces with code punctuation, or a code keyword."""
    if re.search(r"[{}]", line) and re.search(r"[;=(:]", line):
        return True
    if _CODE_START.match(line):
        return True
    return line.endswith(";") and bool(re.search(r"[=(]", line)) and not _CYRILLIC.search(line)


def is_photo_source(line: str) -> bool:
    """ "Reuters", "РИА Новости", "globallookpress.com", "© Wikimedia Commons"."""
    bare = line.strip().lstrip("©").strip().lower()
    return bare in _photo_sources() or bool(_DOMAIN.match(bare))


def _is_embed_piece(line: str) -> bool:
    """A line of an embedded post: links, hashtags, or text with no Russian in it."""
    return bool(_EMBED_PIECE.search(line) or _HASHTAGS_ONLY.match(line) or _URL_ONLY.match(line)
                or (_LATIN.search(line) and not _CYRILLIC.search(line)))


def _is_caption(line: str) -> bool:
    return (len(line.split()) <= _MAX_CAPTION_WORDS and not line.endswith((".", "!", "?", ":", "»", "…"))
            and not is_photo_source(line))


def _is_signoff(lines: list[str], index: int) -> bool:
    line = lines[index]
    before = lines[index - 1] if index else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    dash_before = before.endswith(("—", "–", "-")) or line.startswith(("—", "–", "-"))
    return (dash_before and after.startswith(")") and "(" in before and len(line) <= 40
            and bool(_SIGNOFF_NAME.match(line)))


# An editor's note ends its own sentence before the signature: "(румын. – «НГ»)", never a
# hyphenated name ("Джебхат ан-Нусра)", "Тель-Авив)").
_SIGNOFF_BEFORE = re.compile(r"[.!?…»\"]\s*[—–-]\s*[«\"]?$")
# Some notes end without a full stop, "(Палату общин – «НГ»)": then the dash must stand apart
# from the word before it and the signature must be an outlet's initials in quotes (NG's «НГ»,
# «НГР»), so that "(матч ЦСКА – «Зенит»)" stays a mention.
_SIGNOFF_BEFORE_BARE = re.compile(r"\w\s+[—–-]\s*[«\"]$")
_SIGNOFF_INITIALS = re.compile(r"^[«\"]?[A-ZА-ЯЁ]{2,4}[»\"]?$")
_SIGNOFF_AFTER = re.compile(r"^[»\"]?\s*\)")
_NOTE_REACH = 300


def is_editorial_signoff(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` signs an editor's note inside a paragraph, as «НГ» does in
    "их (румын. – «НГ») было" and "(Палату общин – «НГ»)": after a dash, before the closing
    bracket of a note."""
    lead = text[max(0, start - 6):start]
    signed = _SIGNOFF_BEFORE.search(lead) or (
        _SIGNOFF_BEFORE_BARE.search(lead) and _SIGNOFF_INITIALS.match(text[start:end]))
    if not (signed and _SIGNOFF_AFTER.match(text[end:end + 4])):
        return False
    before = text[max(0, start - _NOTE_REACH):start]
    opened = before.rfind("(")
    return opened != -1 and ")" not in before[opened:] and "\n" not in before[opened:]


def _inside_sentence(lines: list[str], index: int) -> bool:
    """A link split out of a sentence ("(Меркель. —" / "RT" / ") согласна»") is no credit."""
    before = lines[index - 1] if index else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    continues = bool(after) and (after[0] in "),.;:" or after[0].islower())
    return before.endswith(("—", "–", "-", ",")) or continues


def classify(lines: list[str]) -> dict[int, str]:
    """Index → kind for every line (stripped, non-empty) that is not prose."""
    kinds: dict[int, str] = {}
    for index, line in enumerate(lines):
        if index in kinds:
            continue
        if line.lower().rstrip(":") in _teaser_headers():
            kinds[index] = TEASER
            # the linked headline, then its lead when it trails off
            if index + 1 < len(lines):
                kinds[index + 1] = TEASER
            if index + 2 < len(lines) and lines[index + 2].endswith(("...", "…")):
                kinds[index + 2] = TEASER
        elif is_credit(line):
            kinds[index] = CREDIT
        elif is_code(line):
            kinds[index] = CODE
        elif _POST_SIGNATURE.match(line):
            kinds[index] = EMBED
            if index + 1 < len(lines) and _DATE_LINE.match(lines[index + 1]):
                kinds[index + 1] = EMBED
            back = index - 1
            # the post's link line ("pic.twitter.com/…") is marked before its signature is seen
            while back >= 0 and index - back <= _TWEET_LOOKBACK and (kinds.get(back) == EMBED or (
                    back not in kinds and _is_embed_piece(lines[back]))):
                kinds[back] = EMBED
                back -= 1
        elif _is_embed_piece(line) and (_EMBED_PIECE.search(line) or _HASHTAGS_ONLY.match(line)):
            kinds[index] = EMBED
        elif _is_signoff(lines, index):
            kinds[index] = SIGNOFF
        elif is_photo_source(line) and not _inside_sentence(lines, index):
            kinds[index] = CREDIT
            if index and index - 1 not in kinds and _is_caption(lines[index - 1]) \
                    and not _inside_sentence(lines, index - 1):
                kinds[index - 1] = CAPTION
    return kinds
