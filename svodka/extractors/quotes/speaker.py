"""Who spoke: the attribution's words, then the entity they name or refer to.

The speaker phrase comes from syntax (the cue's subject, the object of "цитирует", the
"в пресс-службе …" of "сообщили в пресс-службе") or from the words a rule saw ("по словам Х").
It names an entity directly (a mention overlaps it), through a pronoun or a title ("он",
"посол": the most recent person who fits), through an organization's voice ("пресс-служба":
the organization named with it, here or earlier), or no one ("источник", "эксперты").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from svodka.data import load_set

from svodka.extractors.quotes.context import FINAL_PUNCT, POSSESSIVE_PRONOUNS, Candidate, Context
from svodka.extractors.quotes.entity_index import EntityIndex, at_disposal, person_genders, \
    title_score
from svodka.extractors.quotes.nationality import conflicts, phrase_country
from svodka.extractors.quotes.phrase import WORDS_OF, outlet_length, outlets, reporting_cue, \
    speaker_phrase
from svodka.extractors.quotes.syntax import children, head_of, subtree
from svodka.record import Entity, Mention
from svodka.text import fold, fold_word

__all__ = ["EntityIndex", "Speaker", "find_speaker", "person_genders"]

_SPEAKER_TYPES = ("PER", "ORG", "LOC")
# whose name follows these nouns asked for the words, not said them
_ASKING_NOUNS = frozenset({"запрос", "вопрос", "просьба"})
# "по МСФО", "о России", "против Китая": what a document or statement is about
_TOPIC_PREPOSITIONS = frozenset({"по", "о", "об", "обо", "про", "против", "насчет"})
# what a channel relays that is figures, not anyone's words
_DATA_NOUNS = frozenset({"данные", "статистика"})
_PRONOUN_GENDER = {"он": "Masc", "его": "Masc", "она": "Fem", "ее": "Fem"}


@dataclass(slots=True)
class Speaker:
    entity: Entity | None
    text: str | None = None
    span: tuple[int, int] | None = None
    others: tuple[Entity, ...] = ()     # a joint statement's other speakers, in text order


def _cue_gender(ctx: Context, quote: Candidate) -> str | None:
    """The speaker's gender as a past-tense verb or a short adjective shows it ("заявила",
    "уверена"); a noun cue's own gender ("по словам", neuter) says nothing of the speaker."""
    if quote.cue is None or ctx.tokens[quote.cue].pos not in ("VERB", "AUX", "ADJ"):
        return None
    return ctx.tokens[quote.cue].feats.get("Gender")


def _person_word(ctx: Context, index: int) -> str | None:
    """"sing" or "plur" when the word names people ("посол", "эксперты"), else None."""
    lemma = ctx.lemma(index)
    parses = ctx.analysis.morph.parse(ctx.word(index))[:4]
    for parse in parses:
        if fold_word(parse.normal_form) == lemma and "anim" in parse.tag \
                and "Name" not in parse.tag and "Surn" not in parse.tag:
            return "plur" if "plur" in parse.tag else "sing"
    feats = ctx.tokens[index].feats
    if not any(parse.is_known for parse in parses) and feats.get("Animacy") == "Anim":
        # a word the dictionary lacks ("пранкер"): the tagger's animacy is all there is
        return "plur" if feats.get("Number") == "Plur" else "sing"
    return None


def _unnamed_person(ctx: Context, head: int) -> bool:
    """"очевидец", "один из военных", "другой пострадавший": one person, but no one named
    (whom a later "он" may refer to; plural "СМИ", "эксперты" it cannot)."""
    if ctx.tokens[head].feats.get("Number") != "Sing":
        return False
    anonymous = ctx.lexicon.anonymous   # not "республиканец": a title for someone known
    return ctx.lemma(head) in anonymous \
        or any(ctx.lemma(c) in anonymous for c in ctx.analysis.children(head))


def _next_named(ctx: Context, index: EntityIndex, head: int) -> Entity | None:
    """"пресс-служба МИД", "заявление О'Брайена": the organization or person right after,
    or after a site it was published on ("в сообщении на официальном сайте МИД РФ")."""
    voices = ctx.lexicon.org_nouns | ctx.lexicon.media
    linking = True      # only prepositions, adjectives and voice nouns so far
    genitive = True     # only adjectives and voice nouns: a place here is whose voice it is
    for offset in range(1, 6):
        at = head + offset
        if at >= len(ctx.tokens) or ctx.is_punct(at):
            return None
        if ctx.tokens[at].rel.startswith("nsubj"):
            return None     # "— приводит текст документа ТАСС": the channel, not the owner
        if offset > 3 and not linking:
            return None
        if ctx.lemma(at) in _ASKING_NOUNS:
            return None     # "в ответе на запрос RT": RT asked, the answer is someone else's
        if ctx.tokens[at].pos == "ADP" and ctx.lemma(at) in _TOPIC_PREPOSITIONS:
            return None     # "отчётность компании по МСФО": the standard, not the owner
        start = ctx.tokens[at].start
        entity = index.starting_at(start, "ORG") or index.starting_at(start, "PER")
        if entity is None and genitive and ctx.tokens[at].feats.get("Case") == "Gen":
            entity = index.starting_at(start, "LOC")    # "в сообщении пресс-службы Кремля"
        if entity is not None:
            return entity
        linking = linking and (ctx.tokens[at].pos in ("ADP", "ADJ", "DET")
                               or ctx.lemma(at) in voices)
        genitive = genitive and (ctx.tokens[at].pos == "ADJ" or ctx.lemma(at) in voices)
    return None


def _members_of(ctx: Context, index: EntityIndex, head: int) -> Entity | None:
    """People of a named organization speak for it: "депутаты СДПГ", "представители
    Пентагона", "эксперты из Института экономики роста" → the organization in the genitive
    right after the plural head (not where they are: "источники в Кремле")."""
    if ctx.tokens[head].feats.get("Number") != "Plur":
        return None
    at = head + 1
    while at < len(ctx.tokens) and at - head <= 2 and ctx.tokens[at].pos == "PART":
        at += 1     # "Чиновники же из администрации Сочи"
    if at < len(ctx.tokens) and ctx.lemma(at) == "из":
        at += 1
    while at < len(ctx.tokens) and at - head <= 3 and ctx.tokens[at].pos == "ADJ":
        at += 1     # "эксперты из Американского института …"
    if at >= len(ctx.tokens) or ctx.tokens[at].feats.get("Case") not in ("Gen", None) \
            or (outlet_length(ctx, at) and ctx.lemma(head) not in _outlet_staff()):
        return None     # "собеседники RT": the outlet is whom they spoke to; "специалисты
        #                 Bloomberg" work for it
    return index.starting_at(ctx.tokens[at].start, "ORG")


# how many sentences back a bare group may repeat the group an organization was named with
_GROUP_SENTENCES_BACK = 3


def _group_named_before(ctx: Context, index: EntityIndex, head: int) -> Entity | None:
    """A bare plural group repeats the same group named with its organization a few sentences
    before ("специалисты Breakthrough Listen установили … Специалисты отмечают, что" → the
    project): the same word, plural, with the organization right after it there (as
    :func:`_members_of` reads it), in the same or the previous paragraph."""
    token = ctx.tokens[head]
    if token.feats.get("Number") != "Plur" or any(
            ctx.tokens[c].rel in ("nmod", "amod", "det") for c in ctx.analysis.children(head)):
        return None     # "эксперты банка", "другие специалисты": not a bare repetition
    sentence = token.sent
    first = ctx.analysis.sentences[max(0, sentence - _GROUP_SENTENCES_BACK)].first
    regions = {ctx.analysis.sentences[sentence].region - 1, ctx.analysis.sentences[sentence].region}
    for i in range(ctx.sentence(head).first - 1, first - 1, -1):
        if ctx.lemma(i) == ctx.lemma(head) and ctx.analysis.sentences[ctx.tokens[i].sent].region \
                in regions and not index.inside_quote(ctx.tokens[i].start, direct=False):
            return _members_of(ctx, index, i)
    return None


def _country(ctx: Context, index: EntityIndex, head: int) -> Entity | None:
    """"британская сторона": the country, if the article names it."""
    country = phrase_country(ctx, head)
    return index.place_named(ctx.lexicon.countries[country]) if country else None


def _kind_words(ctx: Context, head: int) -> tuple[str, ...]:
    """What kind of organization a voice noun names: the kind of its genitive noun
    ("пресс-служба епархии", "в заявлении агентства"), or its own ("ведомство")."""
    for child in children(ctx, head, ("nmod",)):
        if ctx.tokens[child].pos == "NOUN" and ctx.tokens[child].feats.get("Case") == "Gen":
            return _kinds_of(ctx, ctx.lemma(child))
    return _kinds_of(ctx, ctx.lemma(head))


def _kinds_of(ctx: Context, lemma: str) -> tuple[str, ...]:
    return (lemma, *ctx.lexicon.org_kinds.get(lemma, ()))


def _named_in(ctx: Context, found: list[tuple[Mention, Entity]], type_: str) -> Entity | None:
    """The person the phrase names: the one in the nominative ("советник Башара Асада Бусейна
    Шаабан" → Шаабан), else the last one ("по словам аналитика Патрика Хэннигсена")."""
    named = [(m, e) for m, e in found if e.type == type_ and m.kind == "name"]
    for mention, entity in named:
        token = ctx.analysis.token_at(mention.start)
        if token is not None and ctx.tokens[token].feats.get("Case") == "Nom":
            return entity
    return named[-1][1] if named else None


def _stems(ctx: Context, tokens: range) -> list[str]:
    """Word stems of a title phrase, head first: "президент Украины" → ["президент", "украи"]."""
    stems = [ctx.lemma(head_of(ctx, tokens))]
    stems += [ctx.lemma(i)[:5] for i in tokens
              if ctx.tokens[i].pos in ("NOUN", "PROPN", "ADJ") and ctx.lemma(i) != stems[0]]
    return stems


def _main_clause_subjects(ctx: Context, index: EntityIndex, anchor: int, *,
                          sentences_back: int, nearest_first: bool, cases: tuple,
                          direct: bool, inverted: bool = False):
    """The subjects of main clauses (not "…, в которых содержится описание X") before
    ``anchor``, in its sentence and up to ``sentences_back`` before it (a teaser or embed
    between is read past, neither counted nor searched), outside quotes (only direct ones, when ``direct``), in a case of ``cases``:
    (token, its phrase, the phrase's start and end offsets)."""
    at = ctx.analysis.sentence_of(anchor)
    if at is None:
        return
    sentences = ctx.analysis.sentences
    first, back, skipped = sentences[at].first, 0, set()
    for earlier in range(at - 1, -1, -1):
        if back == sentences_back:
            break
        if sentences[earlier].region in ctx.skipped_regions:
            skipped.add(earlier)    # a teaser or an embed between: read past, not counted
            continue
        first, back = sentences[earlier].first, back + 1
    order = [i for i in range(first, ctx.first_token_from(anchor))
             if ctx.tokens[i].sent not in skipped]
    for i in reversed(order) if nearest_first else order:
        token = ctx.tokens[i]
        if not token.rel.startswith("nsubj") or token.feats.get("Case") not in cases \
                or token.head < 0 or not _main_verb(ctx, token.head, inverted) \
                or index.inside_quote(token.start, direct=direct):
            continue
        phrase = subtree(ctx, i)
        yield i, phrase, ctx.tokens[phrase.start].start, ctx.tokens[phrase.stop - 1].end


def _main_verb(ctx: Context, verb: int, inverted: bool) -> bool:
    """The sentence's root, or (``inverted``) the cue of an inverted attribution hung on it
    ("…, передаёт The Hill."; "…, отмечает Reuters, ссылаясь на …"): an outlet's report."""
    token = ctx.tokens[verb]
    return token.head < 0 or (inverted and token.rel == "parataxis"
                              and ctx.lemma(verb) in ctx.lexicon.cues
                              and (ctx.tokens[token.head].head < 0 or _reporting_aside(ctx, verb)))


def _reporting_aside(ctx: Context, verb: int) -> bool:
    """"…, получила разрешение, передаёт The Hill со ссылкой на …": a present-tense cue after a
    comma is the outlet's report on the whole sentence, wherever the parse hung it (here on the
    subject "адвокат", not on the root)."""
    return verb > 0 and ctx.word(verb - 1) == "," \
        and ctx.tokens[verb].feats.get("Tense") == "Pres" \
        and ctx.tokens[verb].feats.get("Person") == "3"


def _subject_before(ctx: Context, index: EntityIndex, anchor: int,
                    gender: str | None) -> Entity | None:
    """The person the sentence before ``anchor`` (and its own words before it) is about: "…
    направит член комитета Госдумы Наталья Кувшинова. «…», — объясняет она" — a main clause's
    subject in the nominative naming a person of that gender, outside any quote (a
    subordinate clause's subject is not in focus: "Заслуживает внимания, что … Мас
    провозгласил"); the first such subject."""
    for i, phrase, start, end in _main_clause_subjects(ctx, index, anchor, sentences_back=1,
                                                       nearest_first=False, cases=("Nom",),
                                                       direct=True):
        token = ctx.tokens[i]
        found = index.overlapping(start, end)
        for mention, entity in found:
            head = ctx.analysis.token_at(mention.start)
            if entity.type == "PER" and head is not None \
                    and ctx.tokens[head].feats.get("Case") == "Nom" and index.fits(entity, gender):
                return entity
        if ctx.lemma(i) in ctx.lexicon.representatives and token.feats.get("Number") == "Sing" \
                and not any(entity.type == "PER" for _, entity in found):
            # "представитель нацкомитета партии посоветовал … «…», — заявил он": the person
            # is unnamed, the words are the organization's
            organization = next((e for _, e in found if e.type == "ORG"), None)
            if organization is not None:
                return _woman_titled(ctx, index, anchor, i, token.head, phrase) \
                    or _spokesman(index, anchor, organization) or organization
    return _caption_person(ctx, index, anchor, gender)


def _caption_person(ctx: Context, index: EntityIndex, anchor: int,
                    gender: str | None) -> Entity | None:
    """The person a caption line introduces as the speaker of the paragraph under it:
    "Герольф Аннеманс, бельгийский депутат и член Европарламента ¶ «…», — подчеркнул он" (a
    round-up of comments, one caption a speaker). The line before ``anchor``'s paragraph must
    be a paragraph of its own, have no verb, and open with a person's name in the nominative
    followed by a comma and the description (a photo caption is a bare name); the person must
    fit the cue's gender."""
    sentences = ctx.analysis.sentences
    at = ctx.analysis.sentence_of(anchor)
    if at is None:
        return None
    region = sentences[at].region
    while at > 0 and sentences[at - 1].region == region:
        at -= 1     # to the paragraph's first sentence
    if at == 0 or sentences[at - 1].region in ctx.skipped_regions:
        return None
    caption = sentences[at - 1]
    words = [i for i in range(caption.first, caption.stop) if not ctx.is_punct(i)]
    if not words or any(ctx.tokens[i].pos in ("VERB", "AUX") for i in words) \
            or index.inside_quote(caption.start):
        return None
    for mention, entity in index.overlapping(caption.start, caption.end):
        last = ctx.first_token_from(mention.end)
        return entity if entity.type == "PER" and mention.kind == "name" \
            and ctx.analysis.token_at(mention.start) == words[0] \
            and ctx.tokens[words[0]].feats.get("Case") == "Nom" \
            and last < caption.stop and ctx.word(last) == "," \
            and index.fits(entity, gender) else None
    return None


def _woman_titled(ctx: Context, index: EntityIndex, anchor: int, noun: int, verb: int | None,
                  tokens: range) -> Entity | None:
    """A feminine verb on a masculine title says a woman holds it ("— сказала официальный
    представитель МИД", "представитель МИД обвинила"): the woman the text gave that title,
    not the organization she speaks for."""
    if verb is None or verb < 0 or ctx.tokens[verb].feats.get("Gender") != "Fem" \
            or ctx.tokens[noun].feats.get("Gender") != "Masc":
        return None
    return index.titled(anchor, "Fem", _stems(ctx, tokens))


def _holder_in_focus(ctx: Context, index: EntityIndex, anchor: int, gender: str | None,
                     stems: list[str]) -> Entity | None:
    """The person the sentence before is about, when a bare title the resolver left unlinked
    may name him: "Военный эксперт Дмитрий Литовкин пояснил RT, что … «…», — констатировал
    эксперт" → Литовкин, before any other holder of the title further back. The subject (of
    :func:`_subject_before`) must hold the title among the roles the text gave him: a minister
    just named is no "эксперт"."""
    person = _subject_before(ctx, index, anchor, gender)
    if person is None or person.type != "PER":
        return None
    return person if any(title_score(fold_word(role), stems) for role in person.roles) \
        else None


def _issuer_stated(ctx: Context, head: int) -> bool:
    """Is the document the object of a verb, its issuer the sentence's own subject
    ("американская разведка обнародовала доклад, в котором …")? Then an issuer no entity
    names is no one, not the organization in focus (the parse may hang the subject elsewhere)."""
    verb = ctx.tokens[head].head
    return verb >= 0 and ctx.tokens[verb].pos == "VERB" and ctx.tokens[head].rel.startswith("obj")


def _spokesman(index: EntityIndex, anchor: int, organization: Entity | None) -> Entity | None:
    """The person who spoke last, when a role the text gave him names ``organization``: the
    "представитель ФИФА" who goes on speaking after "директор департамента ФИФА … Колин Смит"
    is Смит, not FIFA at large."""
    person = index.last_speaker(anchor, None)
    if organization is None or person is None or person.type != "PER":
        return None
    names = {fold(name) for name in (organization.name, *organization.aliases)}
    return person if any(name in fold(role) for role in person.roles for name in names) else None


def _outlet_in_focus(ctx: Context, index: EntityIndex, anchor: int) -> Entity | None:
    """The outlet a bare "издание", "агентство", "СМИ" refers back to: "журнал Forbes
    опубликовал … Издание сообщило, что", "…, пишет Asian Review. … — перечисляет СМИ". The
    nearest subject (of this sentence before ``anchor``, or of the two before it) that names an
    organization introduced as an outlet: by a media word ("журнал Forbes"), by speaking
    ("пишет Asian Review") or by being one (`quote_outlets.txt`). A media noun with no such
    antecedent names no one."""
    return _organization_in_focus(ctx, index, anchor, _introduced_as_outlet)


def _organization_in_focus(ctx: Context, index: EntityIndex, anchor: int,
                           test=lambda ctx, subject, phrase, entity: True) -> Entity | None:
    """The organization a sentence before ``anchor`` (this one, or the two before it) is about:
    the nearest subject naming one that passes ``test``. "Исследовательский центр Rasmussen
    Reports поинтересовался у американцев … «…», — говорится в отчёте социологов" → the
    centre."""
    for i, phrase, start, end in _main_clause_subjects(ctx, index, anchor, sentences_back=2,
                                                       nearest_first=True,
                                                       cases=("Nom", None), direct=False,
                                                       inverted=True):
        for mention, entity in index.overlapping(start, end):
            if entity.type == "ORG" and start <= mention.start < end \
                    and entity.id not in index.publishers and test(ctx, i, phrase, entity):
                return entity
    return None


def _introduced_as_outlet(ctx: Context, subject: int, phrase: range, entity: Entity) -> bool:
    verb = ctx.tokens[subject].head
    return any(ctx.lemma(j) in ctx.lexicon.media for j in phrase) \
        or (verb >= 0 and ctx.lemma(verb) in ctx.lexicon.cues) \
        or fold(entity.name) in outlets()


def resolve(ctx: Context, index: EntityIndex, quote: Candidate, tokens: range,
            head: int, country: str | None) -> Entity | None:
    lemma = ctx.lemma(head)
    lexicon = ctx.lexicon
    start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
    anchor = min(quote.start, start)
    after = max(quote.end, end)
    gender = _cue_gender(ctx, quote)
    found = [(m, e) for m, e in index.overlapping(start, end)
             if e.type in _SPEAKER_TYPES and not _asker(ctx, m) and not _topic(ctx, m)
             and not conflicts(ctx, e, country)]
    if _declared_unnamed(ctx, head, tokens):
        # "— сообщил RT источник в партии", "цитирует … одного из неназванных представителей": the
        # text says it names no one; a name apposed is the only way it still does
        return _apposed_person(ctx, head, found)
    channel = _channel(ctx, head, tokens)
    if channel is not None:
        return _channel_speaker(ctx, index, anchor, gender, channel, found)
    if lemma in lexicon.anonymous:      # "источник", "СМИ" → null; "эксперт Сергей Иванов"
        # the resolver's cluster for this very word comes first: "— пояснил эксперт" is the
        # expert it linked, decided once in extractors/coref, never again here
        return _linked(index, ctx, [head]) or _named_in(ctx, [(m, e) for m, e in found
                               if not m.start <= ctx.tokens[head].start < m.end], "PER") \
            or (_holder_in_focus(ctx, index, anchor, gender, _stems(ctx, tokens))
                if ctx.tokens[head].feats.get("Number") == "Sing" else None) \
            or _members_of(ctx, index, head) or _group_named_before(ctx, index, head) or (
                _outlet_in_focus(ctx, index, anchor) if lemma in lexicon.media
                and quote.cue is not None and ctx.tokens[quote.cue].feats.get("Number") == "Sing"
                else None)  # "…, пишет Asian Review. … — перечисляет СМИ": one outlet (D6)
    apposed = _apposed_person(ctx, head, found)
    if apposed is not None:
        return apposed      # "директор по закупкам … Роман Зимонас": the name the phrase gives
    for mention, entity in found:
        if mention.start <= ctx.tokens[head].start < mention.end \
                and not _pronoun_disagrees(ctx, index, quote, head, entity):
            return entity
    person = _named_in(ctx, found, "PER")
    if lemma in _PRONOUN_GENDER:
        # the resolver left "он" alone (its link would have been found above): the quote
        # may still continue the last speaker's turn ("«…», — добавил он")
        gender = _PRONOUN_GENDER[lemma]
        return _subject_before(ctx, index, anchor, gender) or index.last_speaker(anchor, gender)
    if ctx.tokens[head].pos in ("PRON", "DET", "NUM"):
        # "Тот, что стоял впереди Марины", "один из пользователей": no one, unless a name in
        # the nominative says who ("одного из персонажей актер Билл Мюррей, который")
        return _nominative_named(ctx, found)
    organization = _named_in(ctx, found, "ORG")
    if lemma == "сторона":
        return _country(ctx, index, head) or organization or _named_in(ctx, found, "LOC")
    if lemma in lexicon.governments:     # "власти США заявляют", "британские власти": the country
        return organization or _country(ctx, index, head) or _place_of(ctx, head, found)
    # (a capitalized "Республиканец заявил" is tagged PROPN: no name is there, it is a title)
    people = _person_word(ctx, head) if ctx.tokens[head].pos in ("NOUN", "PROPN") else None
    if people is None and index.is_title(lemma):
        people = "sing"
    if people == "plur":    # a group: "эксперты", "опрошенные ветераны" → no one
        return person or _members_of(ctx, index, head) or _group_named_before(ctx, index, head)
    if lemma in lexicon.media:
        # the outlet named in apposition before the place it is from: "газета Гонконга South
        # China Morning Post" is the paper, not Hong Kong
        return _nominative_named(ctx, found, "ORG") or _next_named(ctx, index, head) \
            or organization or index.outlet(anchor, lemma) \
            or _outlet_in_focus(ctx, index, anchor)
    if lemma in lexicon.org_nouns:     # "в ведомстве Михаила Меня" is the ministry's voice
        if any(ctx.lemma(c) in POSSESSIVE_PRONOUNS for c in ctx.analysis.children(head)):
            return _linked(index, ctx, [c for c in ctx.analysis.children(head)
                                        if ctx.lemma(c) in POSSESSIVE_PRONOUNS])
            # "его пресс-служба": the person's, if the resolver knows who "его" is
        kinds = _kind_words(ctx, head)
        guesses = (lambda: _next_named(ctx, index, head), lambda: index.owner(ctx, head),
                   lambda: organization,
                   lambda: index.of_kind(anchor, kinds) if kinds and kinds[0] != lemma else None,
                   lambda: index.voice(anchor, lemma, kinds, lexicon.documents),
                   lambda: None if _issuer_stated(ctx, head) else _organization_in_focus(
                       ctx, index, anchor, lambda _c, _s, _p, e: not conflicts(ctx, e, country)))
        # "в российском ведомстве": not the last ministry of another country named
        return next((e for e in (guess() for guess in guesses)
                     if e is not None and not conflicts(ctx, e, country)), None)
    owners = _owners(ctx, head, found) if people == "sing" else []
    if owners:      # "супруга Родченкова", "адвокат Навального": someone of theirs, not them
        person = _named_in(ctx, [(m, e) for m, e in found if e not in owners], "PER")
        return person or index.titled(anchor, gender, _stems(ctx, tokens))
    if person is not None:
        return person
    if lemma in lexicon.representatives:
        # "— добавил представитель ФИФА" after the FIFA director spoke: him; an unnamed
        # representative of no named body: null
        return _woman_titled(ctx, index, anchor, head, quote.cue, tokens) \
            or _spokesman(index, anchor, organization) or organization
    if people == "sing":
        if _unlisted_name(ctx, head, tokens):
            return None     # "директор по закупкам … Роман Зимонас": named, but no entity
        # a title the resolver did not link: the person in focus who holds it, else the
        # person the text gave that role, else someone unnamed ("— заявил глава МВД Северного
        # Рейна — Вестфалии")
        stems = _stems(ctx, tokens)
        return _holder_in_focus(ctx, index, anchor, gender, stems) \
            or _caption_person(ctx, index, anchor, gender) or index.titled(anchor, gender, stems)
    return organization or _nominative_place(ctx, found)


def _pronoun_disagrees(ctx: Context, index: EntityIndex, quote: Candidate, head: int,
                       entity: Entity) -> bool:
    """Is "она" of "— сказала она" linked to a man (or "он" to a woman)? The pronoun and the
    cue's gender both say who may speak; a person of the other gender is no speaker, and the
    quote goes on as if the pronoun were unlinked (the subject before, the last speaker of
    that gender)."""
    if ctx.lemma(head) not in _PRONOUN_GENDER or entity.type != "PER":
        return False
    said = {_PRONOUN_GENDER[ctx.lemma(head)], _cue_gender(ctx, quote)} - {None}
    known = index.genders.get(entity.id)
    return known is not None and len(said) == 1 and known not in said


def _declared_unnamed(ctx: Context, head: int, tokens: range) -> bool:
    """Is the phrase an unnamed source: its head a source noun ("источник в партии",
    "инсайдер"), or a word before any relative clause declaring it unnamed ("одного из
    неназванных представителей администрации, который …")?"""
    if ctx.lemma(head) in _unnamed_sources():
        return True
    for i in tokens:
        if ctx.lemma(i) == "который" or (ctx.is_punct(i) and i > head):
            break
        if ctx.lemma(i) in _unnamed_sources() and ctx.tokens[i].pos in ("ADJ", "VERB"):
            return True
    return False


def _channel(ctx: Context, head: int, tokens: range) -> int | None:
    """The channel noun the phrase is built on, when it is one: "интервью CBS, в котором" (the
    head, or the noun a relative "в котором" refers to)."""
    if ctx.lemma(head) in _channel_nouns():
        return head
    if ctx.lemma(head) == "который":
        if any(ctx.tokens[i].pos == "PRON" and ctx.tokens[i].feats.get("Case") == "Nom"
               for i in tokens if i > head):
            return None     # "интервью … изданию Rzeczpospolita, в котором он": "он" says who
        for i in tokens:
            if i < head and ctx.lemma(i) in _channel_nouns():
                return i
    return None


def _channel_speaker(ctx: Context, index: EntityIndex, anchor: int, gender: str | None,
                     channel: int, found: list[tuple[Mention, Entity]]) -> Entity | None:
    """Who spoke through a channel: a person named in the nominative outside the channel's
    own words, else the one whose interview it is, else the person who is the subject before ("Тиллерсон дал интервью CBS, в
    котором заявил"); never the channel (CBS)."""
    inside = set(subtree(ctx, channel))
    outside = [(m, e) for m, e in found if ctx.analysis.token_at(m.start) not in inside]
    return _nominative_named(ctx, outside) or _giver(ctx, inside, found) \
        or _subject_before(ctx, index, anchor, gender)


def _giver(ctx: Context, inside: set[int],
           found: list[tuple[Mention, Entity]]) -> Entity | None:
    """The person whose interview it is, in the genitive ("интервью российского посла Сергея
    Андреева изданию Rzeczpospolita"), among the channel's words ``inside``; the dative outlet
    is whom it was given to."""
    for mention, entity in found:
        token = ctx.analysis.token_at(mention.start)
        if entity.type == "PER" and mention.kind == "name" and token in inside \
                and ctx.tokens[token].feats.get("Case") == "Gen":
            return entity
    return None


def _nominative_place(ctx: Context, found: list[tuple[Mention, Entity]]) -> Entity | None:
    """A place speaks as its government only as the subject ("Вашингтон заявил"), not where
    someone spoke ("сказал нам на конгрессе в Баку один фидешник")."""
    for mention, entity in found:
        token = ctx.analysis.token_at(mention.start)
        if entity.type == "LOC" and mention.kind == "name" and token is not None \
                and ctx.tokens[token].pos in ("NOUN", "PROPN") \
                and ctx.tokens[token].feats.get("Case") == "Nom":
            return entity
    return None


def _topic(ctx: Context, mention: Mention) -> bool:
    """A name after a preposition of topic or standard is what the words were about, never
    who said them: "в отчётности российской компании по МСФО", "в докладе о России"; nor is
    who holds the document ("доклад, оказавшийся в распоряжении RT")."""
    token = ctx.analysis.token_at(mention.start)
    return token is not None and (any(
        ctx.tokens[c].rel == "case" and ctx.lemma(c) in _TOPIC_PREPOSITIONS and c < token
        for c in ctx.analysis.children(token)) or at_disposal(ctx, ctx.tokens[token].head))


def _asker(ctx: Context, mention: Mention) -> bool:
    """"в ответе на запрос RT", "на вопрос «НГ»": the name asked for the words."""
    token = ctx.analysis.token_at(mention.start)
    if token is None:
        return False
    # the request answered, "на запрос": not "задалась вопросом Beth", who asked herself
    nouns = (token - 1, ctx.tokens[token].head)
    return any(noun > 0 and ctx.lemma(noun) in _ASKING_NOUNS and ctx.lemma(noun - 1) == "на"
               for noun in nouns)


def _apposed_person(ctx: Context, head: int,
                    found: list[tuple[Mention, Entity]]) -> Entity | None:
    """The person named in apposition to the phrase's head noun ("директор … Роман Зимонас")."""
    if ctx.tokens[head].pos != "NOUN":
        return None
    for mention, entity in found:
        token = ctx.analysis.token_at(mention.start)
        if entity.type != "PER" or mention.kind != "name" or token is None \
                or ctx.tokens[token].rel != "appos":
            continue
        anchor = ctx.tokens[token].head
        if anchor == head or (anchor > head and ctx.tokens[anchor].pos in ("NOUN", "PROPN")
                              and ctx.tokens[anchor].feats.get("Animacy") == "Inan"):
            # a person is no apposition to a thing: "представителя Министерства объединения
            # Пэк Тхэ Хёна" names the representative, whatever the parse hung the name on
            return entity
    return None


def _nominative_named(ctx: Context, found: list[tuple[Mention, Entity]],
                       type_: str = "PER") -> Entity | None:
    """The ``type_`` named in the nominative in the phrase; for an organization, a name in
    Latin letters too ("South China Morning Post"), which no case ending marks."""
    for mention, entity in found:
        token = ctx.analysis.token_at(mention.start)
        if entity.type == type_ and mention.kind == "name" and token is not None \
                and (ctx.tokens[token].feats.get("Case") == "Nom"
                     or (type_ == "ORG" and ctx.tokens[token].pos == "X")):
            return entity
    return None


def _unlisted_name(ctx: Context, head: int, tokens: range) -> bool:
    """Does the phrase name its title's holder ("директор … Роман Зимонас": a proper name in
    apposition to the head) although no entity holds that name? Then the title is his, not
    another holder's."""
    return any(ctx.tokens[i].head == head and ctx.tokens[i].rel in ("appos", "flat:name")
               and ctx.tokens[i].pos == "PROPN" for i in tokens)


def _linked(index: EntityIndex, ctx: Context, words: list[int]) -> Entity | None:
    """The entity the resolver linked one of ``words`` to."""
    for word in words:
        token = ctx.tokens[word]
        for mention, entity in index.overlapping(token.start, token.end):
            if mention.kind != "name":
                return entity
    return None


_MODEL = re.compile(r"^[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,4}-?\d[\w-]*$")


def can_speak(entity: Entity) -> bool:
    """A speaker is a person, an organization, a place standing for its government, or a
    publication — not an aircraft model, a classification or a social network."""
    if entity.type not in _SPEAKER_TYPES:
        return False
    names = [entity.name, *entity.aliases]
    if any(_MODEL.match(name.strip()) for name in names):
        return False
    return not any(" ".join(name.lower().replace("ё", "е").split()) in _not_speakers()
                   for name in names)


def _not_speakers() -> frozenset[str]:
    return load_set("quote_not_speakers.txt")


def _unnamed_sources() -> frozenset[str]:
    return load_set("quote_unnamed_sources.txt")


def _outlet_staff() -> frozenset[str]:
    return load_set("quote_outlet_staff.txt")


def _channel_nouns() -> frozenset[str]:
    return load_set("quote_channel_nouns.txt")


def _place_of(ctx: Context, head: int, found: list[tuple[Mention, Entity]]) -> Entity | None:
    """The place a government noun is of: its genitive complement ("власти Испании")."""
    for mention, entity in found:
        token = ctx.analysis.token_at(mention.start)
        if entity.type == "LOC" and token is not None and ctx.tokens[token].head == head \
                and ctx.tokens[token].feats.get("Case") == "Gen":
            return entity
    return None


def _owners(ctx: Context, head: int, found: list[tuple[Mention, Entity]]) -> list[Entity]:
    """People named in the genitive as the head noun's dependents ("супруга Родченкова"),
    not in apposition to it ("адвокат Иван Петров")."""
    morph = ctx.analysis.morph
    head_cases = morph.noun_cases(ctx.word(head), person=True)
    if ctx.tokens[head].feats.get("Case") == "Gen" and (not head_cases or "gent" in head_cases):
        return []       # "по словам адвоката Ивана Петрова": all genitive, no telling
    spans = []
    for child in children(ctx, head, ("nmod", "appos")):
        if ctx.tokens[child].pos != "PROPN":
            continue
        child_cases = morph.noun_cases(ctx.word(child))
        genitive = ctx.tokens[child].rel == "nmod" and ctx.tokens[child].feats.get("Case") == "Gen"
        # an "apposition" in a case the head cannot take is its owner: "Экс-советник Дональда
        # Трампа", both tagged genitive
        if genitive or head_cases and child_cases and not head_cases & child_cases:
            tokens = subtree(ctx, child)
            spans.append((ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end))
    return [entity for mention, entity in found if entity.type == "PER" and any(
        start < mention.end and mention.start < end for start, end in spans)]


def _relayed_source(ctx: Context, index: EntityIndex, quote: Candidate,
                    tokens: range) -> tuple[Entity | None] | None:
    """A channel relaying a source speaks for that source: "… со ссылкой на Генштаб" → the
    source named there, or (None,) for an unnamed one ("со ссылкой на местные СМИ",
    "на источник"); None when the attribution relays nothing."""
    first = min(tokens.start, quote.cue) if quote.cue is not None else tokens.start
    stop = ctx.sentence(first).stop
    for i in range(first, min(stop, len(ctx.tokens) - 2)):
        if quote.start <= ctx.tokens[i].start < quote.end:
            continue
        relayed = None
        if ctx.word(i).lower() in ("со", "с") and ctx.lemma(i + 1) == "ссылка" \
                and ctx.lemma(i + 2) == "на":
            relayed = i + 3
        elif ctx.lemma(i) == "ссылаться" and ctx.lemma(i + 1) == "на" \
                and ctx.tokens[i].feats.get("VerbForm") == "Conv":
            relayed = i + 2     # "— отмечает агентство, ссылаясь на министра Ле Дриана"
        if relayed is not None:
            if relayed < len(ctx.tokens) and ctx.lemma(relayed) in ("собственный", "свой"):
                return None     # "со ссылкой на собственные источники": its own report
            noun = relayed
            while noun < stop - 1 and ctx.tokens[noun].pos == "ADJ":
                noun += 1
            if ctx.lemma(noun) in _DATA_NOUNS:
                return None     # "со ссылкой на данные Bank of China": the channel reads the
                #                 figures and speaks; data say nothing
            return (_source_named(ctx, index, relayed),)
    return None


def _person_citing(ctx: Context, index: EntityIndex, head: int, source: Entity | None) -> bool:
    """Does a person named as the subject cite a text or a body ("– заявил Пиккель, ссылаясь
    на Катехизис Католической церкви")? The words are his; only a channel, or a person
    relaying another person, speaks for the source it names."""
    if source is None or source.type == "PER":
        return False
    token = ctx.tokens[head]
    return any(entity.type == "PER" and mention.kind == "name"
               for mention, entity in index.overlapping(token.start, token.end))


def _source_named(ctx: Context, index: EntityIndex, first: int) -> Entity | None:
    stop = ctx.sentence(first).stop if first < len(ctx.tokens) else first
    if stop == first or (stop < len(ctx.tokens) and ctx.word(stop - 1) not in FINAL_PUNCT
                         and "\n" in ctx.text[ctx.tokens[stop - 1].end:ctx.tokens[stop].start]):
        stop = ctx.sentence(stop).stop if stop < len(ctx.tokens) else stop  # a linked word
    words = []
    for i in range(first, stop):
        if ctx.is_punct(i) or ctx.lemma(i) in ("что", "и"):
            break
        words.append(i)
    if not words or any(ctx.lemma(i) in ctx.lexicon.anonymous for i in words):
        return None
    start, end = ctx.tokens[words[0]].start, ctx.tokens[words[-1]].end
    found = [(m, e) for m, e in index.overlapping(start, end) if e.type in _SPEAKER_TYPES]
    for type_ in ("PER", "ORG", "LOC"):
        named = _named_in(ctx, found, type_) if type_ != "LOC" else next(
            (e for _, e in found if e.type == "LOC"), None)
        if named is not None:
            return named
    return None


_JOINING = frozenset({"и", ","})


def _joint(ctx: Context, index: EntityIndex, quote: Candidate, tokens: range,
           entity: Entity) -> tuple[Entity, ...]:
    """A coordinated subject speaks jointly: "Голдфин и Уилсон сообщили, что", "Начальник
    штаба ВВС США Дэвид Голдфин и министр ВВС Хезер Уилсон считают" → both, as the gold
    writes them ("A и B", "A, B и C"). The names must be of ``entity``'s type, named in the
    phrase, each next one joined to the one before by "и" or a comma as a conjunct (not "X с
    Y", not "X Y-а": a genitive owner), and a verb cue must not be singular."""
    cue = quote.cue
    if cue is not None and ctx.tokens[cue].pos in ("VERB", "AUX") \
            and ctx.tokens[cue].feats.get("Number") == "Sing":
        return ()
    start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
    named: list[tuple[Mention, Entity]] = []
    for mention, other in index.overlapping(start, end):
        if other.type == entity.type and mention.kind == "name" and start <= mention.start \
                and mention.end <= end and all(other is not e for _, e in named):
            named.append((mention, other))
    if len(named) < 2 or all(e is not entity for _, e in named):
        return ()
    for (before, _), (after, _) in zip(named, named[1:]):
        first = ctx.first_token_from(before.end)
        last = ctx.analysis.token_at(after.start)
        previous = ctx.analysis.token_at(before.start)
        if last is None or previous is None or not any(
                ctx.word(i) in _JOINING for i in range(first, last)) \
                or not any(ctx.tokens[i].rel == "conj" for i in range(first, last + 1)) \
                or ctx.tokens[last].feats.get("Case") != ctx.tokens[previous].feats.get("Case"):
            return ()
    return tuple(e for _, e in named if e is not entity)


def _agreeing(ctx: Context, index: EntityIndex, quote: Candidate, head: int,
              entity: Entity | None, gender: str | None) -> Entity | None:
    """A past-tense or short-form cue agrees in gender with its subject: "— ранее заявляла
    Трамп" is a woman, so not Дональд Трамп but the namesake of that gender the text names
    (Меланья Трамп). Only when the head is the person's name: a title agrees with itself ("—
    сказал глава МИД" of a woman), "— сообщила пресс-служба Иванова" with "пресс-служба".
    ``gender`` is the cue's (:func:`_cue_gender`)."""
    if entity is None or entity.type != "PER" or gender not in ("Masc", "Fem") \
            or ctx.tokens[quote.cue].feats.get("Number") == "Plur" \
            or index.genders.get(entity.id) in (None, gender):
        return entity
    token = ctx.tokens[head]
    if not any(e is entity and m.kind == "name"
               for m, e in index.overlapping(token.start, token.end)):
        return entity   # a title agrees with itself: "— сказал глава МИД" of a woman minister
    words = {fold_word(ctx.word(head)), ctx.lemma(head)}
    for other in index.entities:
        if other.type == "PER" and other is not entity and index.fits(other, gender) \
                and any(words & set(fold(name).split()) for name in (other.name, *other.aliases)):
            return other
    return entity   # a gender guessed from a foreign name's form is too weak to unsay him


def find_speaker(ctx: Context, index: EntityIndex, quote: Candidate) -> Speaker:
    quote = reporting_cue(ctx, quote)   # "отметил, что … допущены ошибки: «…»": "отметил"
    phrase = speaker_phrase(ctx, quote)
    if phrase is None:
        return Speaker(None)
    tokens, head = phrase
    start, end = ctx.tokens[tokens.start].start, ctx.tokens[tokens.stop - 1].end
    # "приводит слова Абэ РИА Новости со ссылкой на агентство Киодо": the words are Абэ's,
    # whoever relayed them
    owner_named = 0 <= ctx.tokens[head].head < len(ctx.tokens) and \
        ctx.lemma(ctx.tokens[head].head) in WORDS_OF
    source = None if owner_named else _relayed_source(ctx, index, quote, tokens)
    if source is not None and not _person_citing(ctx, index, head, source[0]):
        # "— сообщает РИА Новости со ссылкой на местные СМИ": the channel relays the source
        return Speaker(source[0], ctx.text[start:end], (start, end))
    country = phrase_country(ctx, head)     # "японский премьер": not a Russian one
    entity = resolve(ctx, index, quote, tokens, head, country)
    if entity is not None and not can_speak(entity):
        entity = None       # "— сообщил Ан-26", "написал Twitter": the thing carried the words
    if conflicts(ctx, entity, country):
        entity = None       # "Японский премьер заявил" is not "президент России" Путин
    cue_gender = _cue_gender(ctx, quote)
    entity = _agreeing(ctx, index, quote, head, entity, cue_gender)
    if entity is not None and entity.type == "PER" and cue_gender in ("Masc", "Fem") \
            and ctx.lemma(head) not in _PRONOUN_GENDER and index.genders.get(entity.id) is None:
        index.genders[entity.id] = cue_gender    # "рассказала Александра Тиман": a woman
    if entity is not None or _unnamed_person(ctx, head):
        index.speakers.append((quote.start, entity))    # an unnamed one too: "очевидец"
        if entity is not None and entity.type == "ORG" \
                and ctx.lemma(head) in ctx.lexicon.representatives \
                and ctx.tokens[head].feats.get("Number") == "Sing":
            index.represented.add(quote.start)
    others = _joint(ctx, index, quote, tokens, entity) if entity is not None else ()
    return Speaker(entity, ctx.text[start:end], (start, end), others)
