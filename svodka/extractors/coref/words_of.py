"""Whose words "по его словам" reports: the one who spoke last (rule ``pronoun:words-of``).

"Как заявил Лавров, … По его словам, …", "О том, что … стало известно порталу Life News. По
его данным, …": a possessive "его"/"её"/"их" on a noun that reports someone's words or
knowledge ("словам", "мнению", "данным": ``svodka/data/coref_words_of.txt``) with "по" goes
on with the nearest speaker before it — the subject of a speech verb, "по словам X", "цитирует
X" (``coref.speaks``) — when the ranker leaves the pronoun open. A speaker who is no entity
("уточняет источник") is someone the pronoun may mean too: then nothing. The speaker must
stand among the ranker's candidates (its sentence or the three before), outside «…» (a name
inside speech is what was spoken of), be no subject of a subordinate clause ("Гройсман
сообщил, что МВФ решил…": the one who spoke is Гройсман), and agree with the pronoun in gender
and number as the ranker reads them; an agreeing entity's subject between the speaker and the
pronoun stops the rule ("— добавил Бабаев. Головин хоть и был расстроен…, по его мнению"); ``pronouns.accepted`` links it when the ranker scores that speaker's phrase
at least the setting ``WORDS_OF`` (chosen on tuning articles).
"""
from __future__ import annotations

from svodka.analysis import Analysis

WORDS_OF = "words of the last speaker"
# the pronoun kinds the rule reads: outside speech, not itself a speech verb's subject
_KINDS = ("personal", "plural")


def _nouns() -> frozenset[str]:
    from svodka.data import load_set

    return load_set("coref_words_of.txt")


def reports_words(analysis: Analysis, index: int) -> bool:
    """Is the word at ``index`` the possessive of "по словам", "по мнению", "по данным"…?"""
    token = analysis.tokens[index]
    if token.head < 0 or token.rel not in ("det", "nmod", "nmod:poss"):
        return False
    return analysis.lemma(token.head) in _nouns() and any(
        analysis.lemma(c) == "по" for c in analysis.children(token.head))


def last_speaker(analysis: Analysis, index: int, kind: str, pool, anaphor, view_of,
                 quoted) -> int | None:
    """The pool's phrase (its number) of the nearest speaker before the possessive at
    ``index``, when the pronoun reports words ("по его словам"), that speaker's phrase stands
    for an entity or an open pronoun, and it agrees with the pronoun."""
    from svodka.extractors.coref import speaks
    from svodka.extractors.coref.pronouns import _inside

    if kind not in _KINDS or not pool or not reports_words(analysis, index):
        return None
    tokens = analysis.tokens
    first = pool[0].start
    for at in range(index - 1, -1, -1):
        token = tokens[at]
        if token.start < first:
            return None
        if not token.text[:1].isalnum() or _inside(quoted, token.start):
            continue
        if not speaks(analysis, at):
            if token.rel.startswith("nsubj") and _agreeing(pool, token.start, anaphor,
                                                           view_of) is not None:
                return None   # "— добавил Бабаев. … Головин хоть и был расстроен …, по его
                # мнению": someone the pronoun may mean came between
            continue
        if _subordinate(analysis, at):
            continue          # "Гройсман сообщил, что МВФ решил…": what the speaker said
        phrase = _phrase(pool, token.start)
        if phrase is None or pool[phrase].target is None:
            return None       # "уточняет источник": someone no entity stands for
        return _agreeing(pool, token.start, anaphor, view_of)
    return None


def _phrase(pool, offset: int) -> int | None:
    """The pool's shortest phrase holding ``offset`` (a word's own phrase), if any."""
    found = [n for n, c in enumerate(pool) if c.start <= offset < c.end]
    return min(found, key=lambda n: pool[n].end - pool[n].start) if found else None


def _agreeing(pool, offset: int, anaphor, view_of) -> int | None:
    """The phrase at ``offset`` when it stands for an entity or an open pronoun and agrees
    with the pronoun in gender and number (where both are known)."""
    phrase = _phrase(pool, offset)
    if phrase is None or pool[phrase].target is None:
        return None
    seen = view_of((pool[phrase].start, pool[phrase].end))
    if anaphor.gender and seen.gender and seen.gender != anaphor.gender \
            or anaphor.number and seen.number and seen.number != anaphor.number:
        return None
    return phrase


# a clause whose subject speaks in what another says ("сообщил, что МВФ решил")
_SUBORDINATE = ("ccomp", "advcl", "acl", "acl:relcl", "csubj", "xcomp")


def _subordinate(analysis, index: int) -> bool:
    """Is the speaker at ``index`` the subject of a verb in a subordinate clause?"""
    token = analysis.tokens[index]
    return token.rel.startswith("nsubj") and token.head >= 0 \
        and analysis.tokens[token.head].rel in _SUBORDINATE
