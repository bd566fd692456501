"""A prepared record crosses from a worker to the writer pickled as its fields' values."""
from __future__ import annotations

import copyreg
import io
import pickle
from dataclasses import dataclass, field

import pytest

from svodka.pickling import pickled_by_fields
from svodka.reading import Document, Rejection
from svodka.record import Article, Entity, Mention, Quote
from svodka.store import prepare
from svodka.store.keys import Evidence

TEXT = ("Президент Казахстана Касым-Жомарт Токаев прибыл в Москву. «Мы обсудим торговлю и "
        "транспорт», — сказал Токаев журналистам. Товарооборот двух стран достиг 28 млрд "
        "долларов.")


def _slots_as_dict(obj):
    """How pickle takes a slotted object apart without the decorator: its slots by name."""
    return copyreg.__newobj__, (type(obj),), (None, {name: getattr(obj, name)
                                                     for name in type(obj).__slots__})


def test_a_prepared_record_comes_back_equal_and_smaller(extract):
    prepared = prepare(extract(TEXT))
    article = prepared.article
    assert [e.name for e in article.entities if e.type == "PER"] == ["Касым-Жомарт Токаев"]
    assert [q.speaker for q in article.quotes] == [article.entities[0].id]
    assert prepared.evidence and prepared.units

    blob = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(blob)
    assert back == prepared
    assert back.record == prepared.record and back.article.to_dict() == article.to_dict()
    assert isinstance(back.evidence[article.entities[0].id], Evidence)

    # the same objects taken apart slot by slot, as pickle does without the decorator
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {
        cls: _slots_as_dict for cls in (Article, Entity, Mention, Quote)}
    pickler.dump(prepared)
    by_slot = stream.getvalue()
    assert pickle.loads(by_slot) == prepared
    assert len(blob) < len(by_slot)


def test_documents_and_rejections_travel_to_and_from_workers_unchanged():
    document = Document("Госдума приняла закон.", "jsonl", "feed.jsonl", id="a1")
    rejection = Rejection("empty", "line 3: no text", "feed.jsonl", "line 3", b"{}")
    for value in (document, rejection):
        assert pickle.loads(pickle.dumps(value)) == value


def test_a_class_its_init_would_not_rebuild_is_refused():
    with pytest.raises(TypeError):
        @pickled_by_fields
        @dataclass(slots=True)
        class Counted:
            text: str
            length: int = field(init=False, default=0)

    with pytest.raises(TypeError):
        @pickled_by_fields
        @dataclass
        class Trimmed:
            text: str

            def __post_init__(self):
                self.text = self.text.strip()
