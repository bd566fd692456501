"""One copy of what repeats: navec's words (slovnet's three packs each ship their own), a name
written alike in NER spans, the lemma of a number."""
from __future__ import annotations

from navec.vocab import Vocab as NavecVocab
from slovnet.vocab import Vocab as SlovnetVocab

from svodka.analysis.models import compact_counts, share_words


def test_the_three_taggers_read_navecs_words(models):
    navec = models.embedding.navec.vocab
    for tagger in (models.morph_tagger, models.syntax_parser, models.ner_tagger):
        words = tagger.infer.encoder.words_vocab
        assert words.items is navec.words and words.item_ids is navec.word_ids
        assert words.encode("москва") == navec["москва"] != words.unk_id
        assert words.encode("щщщзззъъъ") == words.unk_id == navec.unk_id


def test_words_are_shared_only_when_equal():
    navec = NavecVocab(["москва", "киев", "<unk>", "<pad>"], [5, 3, 0, 0])
    same = SlovnetVocab(["москва", "киев", "<unk>", "<pad>"])
    other = SlovnetVocab(["киев", "москва", "<unk>", "<pad>"])
    assert share_words(same, navec)
    assert same.items is navec.words and same.encode("киев") == 1
    assert not share_words(other, navec)
    assert other.items is not navec.words and other.encode("киев") == 0


def test_counts_read_as_before():
    navec = NavecVocab(["москва", "киев", "<unk>", "<pad>"], [500000, 3, 0, 0])
    compact_counts(navec)
    assert navec.count("москва") == 500000 and navec.top(1) == ["москва"]


def test_a_name_written_alike_is_one_string(models):
    from svodka.analysis import analyze

    text = ("Владимир Путин прилетел в Казань в 2024 году. "
            "В Казани Владимир Путин в 2024 году открыл мост.")
    analysis = analyze(text, models=models)
    people = [span for span in analysis.ner if span.type == "PER"]
    assert [span.text for span in people] == ["Владимир Путин", "Владимир Путин"]
    assert people[0].text is people[1].text
    assert [text[s.start:s.end] for s in analysis.ner] == [s.text for s in analysis.ner]
    years = [analysis.lemma(i) for i, t in enumerate(analysis.tokens) if t.text == "2024"]
    assert years == ["2024", "2024"] and years[0] is years[1]
